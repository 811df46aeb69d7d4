import Foundation
import Testing
import Synchronization
import Gongkai
import GongkaiTestSupport

/// The engine against the brute-force oracle on generated records and queries: hit set,
/// total, amount sum and the default facets must be identical, across segments,
/// replacements and deletions.
@Suite struct RandomizedOracleTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func engineAgreesWithOracle(seed: UInt64) throws {
        var random = RandomRecords(seed: seed)
        let path = temporaryIndexPath("oracle")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let engine = try SearchEngine.open(directory: path)
        var oracle = BruteForceOracle()
        var all: [Record] = []
        // Three batches make three segments; later batches replace and delete.
        for batch in 0..<3 {
            var records: [Record] = []
            for i in 0..<120 {
                let id = batch > 0 && i % 5 == 0 ? "r\(Int.random(in: 0..<120, using: &random.random))" : "r\(batch)-\(i)"
                records.append(random.record(id: id))
            }
            _ = try engine.ingest(records: records)
            for r in records { oracle.put(r) }
            all += records
            if batch == 1 {
                let doomed = (0..<10).map { "r0-\($0 * 7)" }
                _ = try engine.delete(ids: doomed)
                for id in doomed { oracle.remove(id) }
            }
        }
        // The same index searched with every worded search's segments split over two threads.
        let split = try SearchEngine.open(directory: path, readOnly: true, parallelThreshold: 0)
        #expect(try split.segmentCountForTesting() >= 2)
        var checked = 0
        var nonEmpty = 0
        for round in 0..<1000 {
            let query = random.query(from: all)
            let filters = try random.filters()
            let expected = oracle.answer(query: query, filters: filters)
            let result = try engine.search(SearchRequest(query: query, filters: filters, limit: 1000, includeRecords: false))
            // A short page too: the threads' best pages merge into the best of all.
            var request = SearchRequest(query: query, filters: filters, limit: round % 2 == 0 ? 1000 : 7, includeRecords: false)
            request.useCache = false
            let (serial, parallel) = (try engine.search(request), try split.search(request))
            #expect(serial.hits.map(\.id) == parallel.hits.map(\.id) && serial.hits.map(\.score) == parallel.hits.map(\.score),
                    "query \"\(query)\" filters \(filters)")
            #expect(serial.total == parallel.total && serial.amountSumFen == parallel.amountSumFen && serial.facets == parallel.facets,
                    "query \"\(query)\" filters \(filters)")
            let got = BruteForceOracle.Answer(ids: Set(result.hits.map(\.id)), amountSumFen: result.amountSumFen)
            #expect(result.total == expected.total, "query \"\(query)\" filters \(filters)")
            #expect(got == expected, "query \"\(query)\" filters \(filters)")
            for field in SearchRequest.defaultFacets {
                let want = oracle.facet(field, over: expected.ids)
                guard want.count <= SearchLimits.facetValues else { continue }
                let facet = result.facets.first { $0.field == field }
                let have = Dictionary(uniqueKeysWithValues: (facet?.values ?? []).map {
                    ($0.value, BruteForceOracle.FacetTotal(count: $0.count, amountSumFen: $0.amountSumFen))
                })
                #expect(have == want, "facet \(field), query \"\(query)\" filters \(filters)")
            }
            checked += 1
            if expected.total > 0 { nonEmpty += 1 }
        }
        #expect(checked == 1000)
        // The comparison means something only if many queries find records.
        #expect(nonEmpty > 300, "only \(nonEmpty) of 1000 queries found anything")
    }
}

/// Searches of exact filters only, over segments without deletions. A single filter whose
/// value is common is a bitset, which the engine counts in one pass with no list of matches;
/// several take the usual path. Totals, amount sums, facets and the hit set agree with the
/// oracle either way; a short page is the start of the full one, in index order.
@Suite struct FilterOnlyOracleTests {
    @Test func exactFilterSearchesAgreeWithOracle() throws {
        var random = RandomRecords(seed: 11)
        let path = temporaryIndexPath("filters")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let engine = try SearchEngine.open(directory: path)
        var oracle = BruteForceOracle()
        // Every default facet has a column (item and town added), so the pass applies.
        let (items, towns) = (["水稻种植补贴", "耕地地力保护补贴", "农机购置补贴"], ["朱泾镇", "枫泾镇", "廊下镇", "吕巷镇"])
        for batch in 0..<2 {
            let records = (0..<400).map { i in
                var record = random.record(id: "f\(batch)-\(i)")
                record.fields.append(.init(name: "item", value: .string(items[i % items.count])))
                if i % 5 != 0 { record.fields.append(.init(name: "town", value: .string(towns[(i / 3) % towns.count]))) }
                return record
            }
            _ = try engine.ingest(records: records)
            for r in records { oracle.put(r) }
        }
        var searches: [[Filter]] = []
        for kind in ["payout", "guide", "notice"] {
            searches.append([try Filter(field: "kind", value: kind)])
            for level in RandomRecords.levels {
                searches.append([try Filter(field: "kind", value: kind), try Filter(field: "level", value: level)])
                searches.append([try Filter(field: "level", value: level), try Filter(field: "kind", value: kind), try Filter(field: "year", value: "2018")])
            }
        }
        for year in 2014...2022 { searches.append([try Filter(field: "year", value: "\(year)")]) }
        // One filter on a folded field (counted from its groups' totals), among them levels
        // written in two forms that normalise alike (区级, 區級) and towns some records lack.
        for level in RandomRecords.levels { searches.append([try Filter(field: "level", value: level)]) }
        for town in towns { searches.append([try Filter(field: "town", value: town)]) }
        for item in items {
            searches.append([try Filter(field: "item", value: item)])
            for town in towns { searches.append([try Filter(field: "item", value: item), try Filter(field: "town", value: town)]) }
        }
        for filters in searches {
            let expected = oracle.answer(query: "", filters: filters)
            var request = SearchRequest(query: "", filters: filters, limit: 1000, includeRecords: false)
            request.useCache = false
            let result = try engine.search(request)
            #expect(result.total == expected.total && result.amountSumFen == expected.amountSumFen, "filters \(filters)")
            #expect(Set(result.hits.map(\.id)) == expected.ids, "filters \(filters)")
            for field in SearchRequest.defaultFacets {
                let want = oracle.facet(field, over: expected.ids)
                guard want.count <= SearchLimits.facetValues else { continue }
                let have = Dictionary(uniqueKeysWithValues: (result.facets.first { $0.field == field }?.values ?? []).map {
                    ($0.value, BruteForceOracle.FacetTotal(count: $0.count, amountSumFen: $0.amountSumFen))
                })
                #expect(have == want, "facet \(field), filters \(filters)")
            }
            request.limit = 7
            #expect(try engine.search(request).hits.map(\.id) == Array(result.hits.map(\.id).prefix(7)), "filters \(filters)")
        }
        #expect(searches.count > 30)
    }
}

/// Keeping only the best `limit` documents, and skipping documents that cannot enter, gives
/// the first `limit` documents of the full ranking (computed with room for every match).
@Suite struct RankingTests {
    /// One segment, or three (a page filled in one segment carries its bar into the next).
    @Test(arguments: [1, 3])
    func aShortPageIsThePrefixOfTheFullRanking(segments: Int) throws {
        var random = RandomRecords(seed: 7)
        let index = try TestIndex(name: "ranking")
        let records = (0..<400).map { random.record(id: "k\($0)") }
        for part in 0..<segments {
            _ = try index.engine.ingest(records: Array(records[(part * 400 / segments)..<((part + 1) * 400 / segments)]))
        }
        var compared = 0
        for query in ["稻", "水稻", "补贴", "2018", "镇", "pm2", "稻 补", "种植"] {
            var request = SearchRequest(query: query, limit: 1000, includeRecords: false)
            request.useCache = false
            let full = try index.engine.search(request)
            guard full.total > 20, full.total <= 1000 else { continue }
            for limit in [1, 3, 10, 20] {
                request.limit = limit
                let page = try index.engine.search(request)
                #expect(page.hits.map(\.id) == full.hits.prefix(limit).map(\.id), "query \(query) limit \(limit)")
                #expect(page.hits.map(\.score) == full.hits.prefix(limit).map(\.score), "query \(query) limit \(limit)")
                compared += 1
            }
        }
        #expect(compared >= 16, "too few queries with enough matches")
    }
}

/// The match cache changes nothing: with large segments (cache engaged), answers equal the
/// oracle's on the first (cold) and second (cached) run, and with the cache off.
@Suite struct MatchCacheTests {
    @Test func cachedAnswersEqualColdAnswers() throws {
        var random = RandomRecords(seed: 99)
        let records = (0..<4000).map { random.record(id: "c\($0)") }
        let index = try TestIndex(name: "cache")
        _ = try index.engine.ingest(records: records)
        _ = try index.engine.delete(ids: (0..<50).map { "c\($0 * 3)" })
        var oracle = BruteForceOracle()
        for r in records { oracle.put(r) }
        for i in 0..<50 { oracle.remove("c\(i * 3)") }
        var large = 0
        for _ in 0..<120 {
            let query = random.query(from: records)
            let filters = try random.filters()
            let expected = oracle.answer(query: query, filters: filters)
            for useCache in [true, true, false] {
                var request = SearchRequest(query: query, filters: filters, limit: 1000, includeRecords: false)
                request.useCache = useCache
                let result = try index.engine.search(request)
                #expect(result.total == expected.total, "query \(query) filters \(filters) cache \(useCache)")
                #expect(result.amountSumFen == expected.amountSumFen, "query \(query) cache \(useCache)")
                if expected.total <= 1000 { #expect(Set(result.hits.map(\.id)) == expected.ids) }
            }
            if expected.total >= MatchCache.minimumDocuments / 2 { large += 1 }
        }
        #expect(large > 5, "too few queries large enough to reach the cache")
    }
}

/// A repeated search is answered from the result cache only while the commit it was
/// computed for is the latest one.
@Suite struct ResultCacheTests {
    @Test func aCommitRetiresCachedAnswers() throws {
        let index = try TestIndex(lines: [#"{"id":"a","kind":"guide","title":"水稻"}"#])
        let request = SearchRequest(query: "水稻")
        #expect(try index.engine.search(request).total == 1)
        #expect(try index.engine.search(request).total == 1)  // cached
        _ = try index.engine.ingest([.lines(name: "more", [#"{"id":"b","kind":"guide","title":"水稻种植"}"#])])
        #expect(try index.engine.search(request).total == 2)
        _ = try index.engine.delete(ids: ["a"])
        let after = try index.engine.search(request)
        #expect(after.total == 1 && after.hits.map(\.id) == ["b"])
        // Another engine on the same folder commits: this one sees it at its next search.
        let other = try SearchEngine.open(directory: index.path)
        _ = try other.ingest([.lines(name: "other", [#"{"id":"c","kind":"guide","title":"水稻"}"#])])
        #expect(try index.engine.search(request).total == 2)
    }

    @Test func aCachedJSONAnswerIsTheFreshAnswerWithANewTook() throws {
        let index = try TestIndex(lines: [#"{"id":"a","kind":"guide","title":"水稻","body":"种植"}"#, #"{"id":"b","kind":"payout","item":"水稻种植补贴","recipient":"甲","amount":"12.50","year":2018}"#])
        var request = SearchRequest(query: "水稻")
        func withoutTook(_ json: String) -> String { json.replacing(/"took_us":\d+/, with: "\"took_us\":0") }
        let first = try index.engine.searchJSON(request)
        let cached = try index.engine.searchJSON(request)
        request.useCache = false
        let fresh = try index.engine.searchJSON(request)
        #expect(first.contains(#""total":2,"took_us":"#))
        #expect(withoutTook(cached) == withoutTook(fresh))
        #expect(withoutTook(first) == withoutTook(fresh))
        request.useCache = true
        _ = try index.engine.ingest([.lines(name: "more", [#"{"id":"c","kind":"guide","title":"水稻"}"#])])
        #expect(try index.engine.searchJSON(request).contains(#""total":3,"#))
    }

    @Test func anAnswerKeptUnderAKeyIsAnsweredWithoutParsingUntilTheNextCommit() throws {
        let index = try TestIndex(lines: [#"{"id":"a","kind":"guide","title":"水稻","body":"种植"}"#])
        func withoutTook(_ json: String) -> String { json.replacing(/"took_us":\d+/, with: "\"took_us\":0") }
        var parses = 0
        func answer(_ key: String) throws -> String {
            try index.engine.searchJSON(key: key) { parses += 1; return SearchRequest(query: "水稻") }
        }
        let first = try answer("/search?q=水稻")
        let repeated = try answer("/search?q=水稻")
        #expect(parses == 1)
        #expect(withoutTook(repeated) == withoutTook(first))
        #expect(withoutTook(first) == withoutTook(try index.engine.searchJSON(SearchRequest(query: "水稻"))))
        // Another key is another entry, even for the same search.
        _ = try answer("/search?q=%E6%B0%B4%E7%A8%BB")
        #expect(parses == 2)
        // A new commit makes every kept answer unreachable: the key is parsed and searched again.
        _ = try index.engine.ingest([.lines(name: "more", [#"{"id":"b","kind":"guide","title":"水稻"}"#])])
        #expect(try answer("/search?q=水稻").contains(#""total":2,"#))
        #expect(parses == 3)
        // A search that fails to parse is never kept.
        struct Unparsable: Error {}
        for _ in 0..<2 {
            #expect(throws: Unparsable.self) { try index.engine.searchJSON(key: "/search?limit=x") { parses += 1; throw Unparsable() } }
        }
        #expect(parses == 5)
    }
}

/// BM25 over several words is the sum of each word's own score: a document's score for
/// `A B` equals its score for `A` plus its score for `B` (each word's idf is the same in
/// both queries), whichever word drives the match and whichever is probed.
@Suite struct MultiWordScoreTests {
    @Test func aMultiWordScoreIsTheSumOfItsWordsScores() throws {
        var random = RandomRecords(seed: 11)
        let index = try TestIndex(name: "sums")
        _ = try index.engine.ingest(records: (0..<400).map { random.record(id: "s\($0)") })
        func scores(_ query: String) throws -> [String: Double] {
            var request = SearchRequest(query: query, limit: 1000, includeRecords: false)
            request.useCache = false
            return Dictionary(uniqueKeysWithValues: try index.engine.search(request).hits.map { ($0.id, $0.score) })
        }
        var compared = 0
        for query in ["水稻 补贴", "补贴 水稻", "稻 补", "种植 镇", "补贴 2018", "水 稻 补", "镇 村级"] {
            let words = query.split(separator: " ").map(String.init)
            let whole = try scores(query)
            let each = try words.map { try scores($0) }
            for (id, score) in whole {
                let sum = each.reduce(0.0) { $0 + ($1[id] ?? .nan) }
                #expect(abs(score - sum) <= 1e-4 * max(1, abs(sum)), "\(query): \(id) scores \(score), its words \(sum)")
                compared += 1
            }
        }
        #expect(compared >= 100, "only \(compared) hits compared")
    }
}

/// A word in most documents of a segment (whose documents have all the default facet fields)
/// is decoded, counted and ranked in one pass; in 4,096 documents or more, it is counted from
/// its summary and ranked from the blocks of postings that can reach the page. The same word
/// with a filter that every document passes goes through the general conjunction. All must
/// give the same page, scores and facets.
@Suite struct OnePassWordTests {
    @Test(arguments: [500, 5_000])
    func aCommonWordRanksAsThroughTheConjunction(documents: Int) throws {
        let han = Array("水稻种植补贴耕地地力保护渔业发展金山区朱泾镇村级")
        // In the large index frequencies and lengths change slowly, so that blocks of postings
        // differ in their bounds, and many documents tie.
        let slow = documents > 1_000 ? 37 : 1
        let filler = (0..<documents).map { i in String((0..<(3 + i / slow % 40)).map { han[($0 * 7 + i * 13) % han.count] }) }
        let lines = (0..<documents).map { i in
            let body = String(repeating: "公开", count: 1 + i / slow % 4) + filler[i]
            return #"{"id":"c\#(i)","kind":"notice","title":"\#(i / slow % 7 == 0 ? "公开目录" : "目录")","body":"\#(body)","town":"镇\#(i % 3)","item":"项\#(i % 2)","level":"村级","year":"\#(2016 + i % 4)","amount":"\#(i).5"}"#
        }
        let index = try TestIndex(lines: lines)
        func search(_ filters: [Filter], limit: Int) throws -> SearchResult {
            var request = SearchRequest(query: "公开", filters: filters, limit: limit, includeRecords: false)
            request.useCache = false
            return try index.engine.search(request)
        }
        func compare(total: Int) throws {
            for limit in [1, 50, 1_000] {
                let onePass = try search([], limit: limit)
                let general = try search([try Filter(parsing: "kind=notice")], limit: limit)
                #expect(onePass.total == total && general.total == total)
                #expect(onePass.hits.map(\.id) == general.hits.map(\.id), "limit \(limit)")
                #expect(onePass.hits.map(\.score) == general.hits.map(\.score), "limit \(limit)")
                #expect(onePass.facets == general.facets)
                #expect(onePass.amountSumFen == general.amountSumFen)
            }
        }
        try compare(total: documents)
        // With deletions a summary, which counts every document, no longer serves.
        _ = try index.engine.delete(ids: stride(from: 0, to: documents, by: 50).map { "c\($0)" })
        try compare(total: documents - (documents + 49) / 50)
    }
}

/// A search split over two threads answers exactly as one thread does: the same page in the
/// same order, totals, sums and facets, in every order, including splits inside a segment
/// (at a block of a common word's postings, which needs segments of thousands of records).
@Suite struct SplitSearchTests {
    /// An index of two segments of generated records (`sizes`), its records, and the random
    /// source that made them.
    private static func twoSegments(seed: UInt64, name: String, sizes: [Int]) throws -> (TestIndex, [Record], RandomRecords) {
        var random = RandomRecords(seed: seed)
        let index = try TestIndex(name: name)
        var all: [Record] = []
        for (part, count) in sizes.enumerated() {
            let records = (0..<count).map { random.record(id: "s\(part)-\($0)") }
            _ = try index.engine.ingest(records: records)
            all += records
        }
        return (index, all, random)
    }

    @Test func aSplitSearchAnswersAsOneThreadDoes() throws {
        var (index, all, random) = try Self.twoSegments(seed: 11, name: "split", sizes: [1_800, 1_200])
        _ = try index.engine.delete(ids: (0..<40).map { "s0-\($0 * 11)" })
        let split = try SearchEngine.open(directory: index.path, readOnly: true, parallelThreshold: 0)
        var compared = 0
        for round in 0..<300 {
            let query = round % 3 == 0 ? ["稻", "补贴", "水稻 补", "种植"][round / 3 % 4] : random.query(from: all)
            var request = SearchRequest(query: query, filters: round % 2 == 0 ? [] : try random.filters(),
                                        limit: round % 4 < 2 ? 1000 : 7, sort: [.relevance, .date, .amount][round % 3])
            request.includeRecords = false
            request.useCache = false
            let (serial, parallel) = (try index.engine.search(request), try split.search(request))
            #expect(serial.hits.map(\.id) == parallel.hits.map(\.id) && serial.hits.map(\.score) == parallel.hits.map(\.score),
                    "query \"\(query)\" \(request.filters) \(request.sort)")
            #expect(serial.total == parallel.total && serial.amountSumFen == parallel.amountSumFen && serial.facets == parallel.facets,
                    "query \"\(query)\" \(request.filters) \(request.sort)")
            if serial.total > 200 { compared += 1 }
        }
        // Splits inside a segment need words common enough to span blocks of postings.
        #expect(compared > 50, "only \(compared) searches matched many records")
    }

    /// Split searches running at once, more of them than there are processors, each sharing
    /// its work with a helper that may start late or never: every answer is the one-thread
    /// answer, and none waits for a helper that has not started (the test would hang).
    @Test func splitSearchesRunningAtOnceAnswerAsOneThreadDoes() throws {
        var (index, all, random) = try Self.twoSegments(seed: 12, name: "split-at-once", sizes: [1_500, 1_500])
        let split = try SearchEngine.open(directory: index.path, readOnly: true, parallelThreshold: 0)
        var planned: [SearchRequest] = []
        for round in 0..<40 {
            let query = round % 2 == 0 ? ["稻", "补贴", "水稻 补", "种植"][round / 2 % 4] : random.query(from: all)
            var request = SearchRequest(query: query, filters: round % 3 == 0 ? try random.filters() : [], limit: round % 4 < 2 ? 200 : 7)
            request.includeRecords = false
            request.useCache = false
            planned.append(request)
        }
        let requests = planned
        let expected = try requests.map { try index.engine.search($0) }
        let mismatches = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { thread in
            for pass in 0..<3 {
                for k in requests.indices {
                    let i = (k * 7 + thread + pass * 11) % requests.count
                    guard let got = try? split.search(requests[i]) else {
                        mismatches.withLock { $0.append("request \(i) failed") }
                        continue
                    }
                    let want = expected[i]
                    if got.hits.map(\.id) != want.hits.map(\.id) || got.hits.map(\.score) != want.hits.map(\.score)
                        || got.total != want.total || got.amountSumFen != want.amountSumFen || got.facets != want.facets {
                        mismatches.withLock { $0.append("request \(i): \(requests[i].query)") }
                    }
                }
            }
        }
        #expect(mismatches.withLock { $0 }.isEmpty)
        #expect(expected.filter { $0.total > 200 }.count > 10)
    }
}

/// A word in one document in 32 or more of a segment, summarised there, has a bitset of its
/// documents: a search of several words tests it instead of stepping through the postings,
/// and ranks by a ceiling of that word's score, reading its frequency only for the documents
/// that may enter the page. Every page must be the top of the full ranking, in which nothing
/// is ruled out, and each score the sum of the words' own scores.
@Suite struct BitsetWordTests {
    @Test func aCommonWordFoundByItsBitsetRanksExactly() throws {
        let han = Array("水稻种植补贴耕地地力保护渔业发展金山区朱泾镇村级")
        let documents = 5_000
        let lines = (0..<documents).map { i in
            let filler = String((0..<(3 + i / 37 % 40)).map { han[($0 * 7 + i * 13) % han.count] })
            // 资金 in nine documents of ten, once to three times: common, yet its score matters.
            let body = String(repeating: "公开", count: 1 + i / 37 % 4) + filler + (i % 9 == 0 ? "渔业" : "")
                + (i % 10 == 0 ? "" : " " + String(repeating: "资金", count: 1 + i % 3))
            return #"{"id":"b\#(i)","kind":"notice","title":"\#(i % 11 == 0 ? "公开目录" : "目录")","body":"\#(body)","town":"镇\#(i % 3)","item":"项\#(i % 2)","level":"村级","year":"\#(2016 + i % 4)","amount":"\#(i).5","village":"\#(i % 9 == 0 ? "渔" : "田")"}"#
        }
        let index = try TestIndex(lines: lines)
        func search(_ query: String, limit: Int, filters: [Filter] = []) throws -> SearchResult {
            var request = SearchRequest(query: query, filters: filters, limit: limit, includeRecords: false)
            request.useCache = false
            return try index.engine.search(request)
        }
        for query in ["渔业 资金", "资金 渔业", "公开 目录 渔业", "渔业 资金 公开"] {
            // The full ranking: a page never full admits every document, scored exactly.
            let full = try search(query, limit: 1_000)
            #expect(full.total > 40 && full.total <= 1_000, "\(query): \(full.total)")
            for limit in [1, 7, 50, 500] {
                let page = try search(query, limit: limit)
                #expect(page.hits.map(\.id) == Array(full.hits.prefix(limit)).map(\.id), "\(query) limit \(limit)")
                #expect(page.hits.map(\.score) == Array(full.hits.prefix(limit)).map(\.score), "\(query) limit \(limit)")
                #expect(page.total == full.total && page.facets == full.facets && page.amountSumFen == full.amountSumFen)
            }
            // Through the general conjunction (a filter every document passes), the same.
            let filtered = try search(query, limit: 50, filters: [try Filter(parsing: "kind=notice")])
            #expect(filtered.hits.map(\.id) == Array(full.hits.prefix(50)).map(\.id) && filtered.total == full.total, "\(query)")
        }
        // Two words: each score is the sum of the words' own scores, in single precision (a
        // rounded sum of two does not depend on their order).
        let (both, rare) = (try search("资金 渔业", limit: 1_000), try search("渔业", limit: 1_000))
        let common = try search("资金", limit: 1_000, filters: [try Filter(parsing: "village=渔")])
        let (commonScores, rareScores) = (Dictionary(uniqueKeysWithValues: common.hits.map { ($0.id, $0.score) }),
                                          Dictionary(uniqueKeysWithValues: rare.hits.map { ($0.id, $0.score) }))
        #expect(both.total == common.total && both.total < rare.total)
        for hit in both.hits { #expect(hit.score == Double(Float(commonScores[hit.id]!) + Float(rareScores[hit.id]!)), "\(hit.id)") }
        // In amount order no word is scored: the page is the largest amounts of the matches
        // (渔业 in every ninth document, 资金 in all but every tenth).
        var byAmount = SearchRequest(query: "资金 渔业", limit: 50, sort: .amount, includeRecords: false)
        byAmount.useCache = false
        let largest = (0..<documents).filter { $0 % 9 == 0 && $0 % 10 != 0 }.reversed().prefix(50).map { "b\($0)" }
        let amountPage = try index.engine.search(byAmount)
        #expect(amountPage.hits.map(\.id) == Array(largest) && amountPage.total == both.total)
    }
}

/// Phrases of terms in most documents, as payout rows repeat an item's name: a phrase of two
/// such terms walks both together (both found once: one comparison; else a merge of
/// positions), from a block inside a segment when the search is split over threads, and
/// a common exact filter leading the search is intersected first with the bitsets of the
/// phrase's summarised terms (in two segments, each with its own summaries). Totals and sums
/// agree with the oracle, and a phrase's score is the same whether it drives or is probed at
/// a rarer word's documents.
@Suite struct DensePhraseTests {
    @Test func densePhrasesMatchAndScoreAsTheOracleSays() throws {
        let items = ["耕地地力保护补贴", "水稻种植补贴", "耕地保护补贴", "地力提升补贴"]
        func line(_ i: Int) -> String {
            // The last documents have 地力 only: 耕地's postings end first.
            if i >= 8_500 {
                return #"{"id":"d\#(i)","kind":"notice","title":"公示","item":"地力提升补贴","line":"地力","level":"镇级","year":"2018","amount":"1.5","body":"公开"}"#
            }
            // 耕地地力 twice in every seventh body, its terms apart in every fifth; 耕地 and
            // 地力 in nearly every line, so summarised, yet not in every document; the phrase in
            // every eleventh title; 渔业 rare.
            let body = i % 7 == 0 ? "耕地地力和耕地地力" : i % 5 == 0 ? "耕地与地力" : "公开"
            return #"{"id":"d\#(i)","kind":"notice","title":"\#(i % 11 == 0 ? "耕地地力公示" : "公示")","item":"\#(items[i % 4])","line":"\#(i % 17 == 0 ? "公开" : "地力耕地")","category":"生产补贴类","level":"\#(["区级", "镇级", "村级"][i % 3])","town":"镇\#(i % 5)","year":"\#(2016 + i % 4)","amount":"\#(i).5","body":"\#(body)\#(i % 13 == 0 ? "渔业" : "")"}"#
        }
        let index = try TestIndex(lines: (0..<4_501).map(line), name: "dense")
        _ = try index.engine.ingest([.lines(name: "more", (4_501..<9_000).map(line))])
        #expect(try index.engine.segmentCountForTesting() == 2)
        var oracle = BruteForceOracle()
        for i in 0..<9_000 { oracle.put(try Record(jsonLine: line(i))) }
        func search(_ query: String, _ filters: [String], limit: Int = 1_000, offset: Int = 0) throws -> SearchResult {
            var request = SearchRequest(query: query, filters: try filters.map { try Filter(parsing: $0) }, limit: limit, offset: offset,
                                        includeRecords: false)
            request.useCache = false
            return try index.engine.search(request)
        }
        // The same index with every search split over two threads, inside segments too.
        let split = try SearchEngine.open(directory: index.path, readOnly: true, parallelThreshold: 0)
        for (query, filters) in [("耕地地力", []), ("耕地地力", ["level=镇级"]), ("水稻种植补贴", ["level=镇级"]), ("地力保护", ["level=村级"]),
                                 ("耕地地力 渔业", []), ("耕地地力", ["level=镇级", "year=2018"])] as [(String, [String])] {
            let expected = oracle.answer(query: query, filters: try filters.map { try Filter(parsing: $0) })
            let result = try search(query, filters)
            #expect(expected.total > 50, "\(query) \(filters)")
            #expect(result.total == expected.total && result.amountSumFen == expected.amountSumFen, "\(query) \(filters)")
            #expect(Set(result.hits.map(\.id)).isSubset(of: expected.ids), "\(query) \(filters)")
            var request = SearchRequest(query: query, filters: try filters.map { try Filter(parsing: $0) }, limit: 50, includeRecords: false)
            request.useCache = false
            let halves = try split.search(request)
            #expect(halves.total == expected.total && halves.amountSumFen == expected.amountSumFen, "split: \(query) \(filters)")
            #expect(halves.hits.map(\.id) == Array(result.hits.prefix(50)).map(\.id), "split: \(query) \(filters)")
        }
        // The phrase driving, page by page, against the phrase probed where 渔业 is: a score is
        // the sum of its words' scores.
        var phraseScores: [String: Float] = [:]
        for offset in stride(from: 0, to: 9_000, by: 1_000) {
            for hit in try search("耕地地力", [], offset: offset).hits { phraseScores[hit.id] = Float(hit.score) }
        }
        let rare = Dictionary(uniqueKeysWithValues: try search("渔业", []).hits.map { ($0.id, Float($0.score)) })
        let both = try search("耕地地力 渔业", [])
        // d364 has the phrase three times: twice in its body, once in its item; d143 in its title.
        #expect(both.hits.count > 100 && both.hits.contains { $0.id == "d364" } && both.hits.contains { $0.id == "d143" })
        for hit in both.hits { #expect(hit.score == Double(phraseScores[hit.id]! + rare[hit.id]!), "\(hit.id)") }
        // A phrase asked about a common filter's documents (a third of them, fewer than the
        // phrase's rarest term lists: the filter leads) scores each as the phrase alone does;
        // 耕地地力 is twice in some bodies, 耕地地力公示 (three cover terms) in some titles.
        for (query, filter) in [("耕地地力", "level=镇级"), ("耕地地力公示", "level=镇级")] {
            var alone: [String: Double] = [:]
            for offset in stride(from: 0, to: 9_000, by: 1_000) {
                for hit in try search(query, [], offset: offset).hits { alone[hit.id] = hit.score }
            }
            let filtered = try search(query, [filter])
            #expect(filtered.hits.count > 100 && Set(filtered.hits.map(\.score)).count > 1, "\(query) \(filter)")
            for hit in filtered.hits { #expect(hit.score == alone[hit.id], "\(query) \(filter): \(hit.id)") }
        }
    }
}
