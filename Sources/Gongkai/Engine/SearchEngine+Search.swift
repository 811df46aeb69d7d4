import Foundation
import GongkaiIndex

extension SearchEngine {
    /// Answers a search.
    ///
    /// - Throws: ``QueryError`` for a request that breaks a rule or a limit; ``EngineError``
    ///   when the index or the store cannot be read.
    public func search(_ request: SearchRequest) throws -> SearchResult {
        try answer(request, key: .request(request), started: Self.now()).result
    }

    /// The answer to `request` as the JSON document of `GET /search` (``SearchResult/json()``).
    /// With the cache on, the document is encoded once per search and commit, when the answer
    /// is stored; a repeated search reuses it and only `took_us` is written anew.
    public func searchJSON(_ request: SearchRequest) throws -> String {
        Self.json(try answer(request, key: .request(request), started: Self.now()))
    }

    /// The answer to the search that `key` names, as ``searchJSON(_:)`` writes it, cached
    /// under `key` itself: a repeated key (at the same commit) is answered without parsing or
    /// analysing anything. `request` parses the search, and is called only when the cache
    /// does not hold the answer.
    ///
    /// The caller guarantees that one key always names one search; the server uses the
    /// request target as sent (`/search?q=…`), whose parameters are the whole search. The
    /// cache is asked before `request` runs, whatever the parsed request's
    /// ``SearchRequest/useCache``: a caller that must not use the cache calls ``searchJSON(_:)``
    /// with it off.
    public func searchJSON(key: String, request: () throws -> SearchRequest) throws -> String {
        let started = Self.now()
        if let cached = resultCache.answer(for: .text(key), generation: try snapshot().manifest.generation) {
            return cached.json.head + String(Self.microseconds(since: started)) + cached.json.tail
        }
        return Self.json(try answer(request(), key: .text(key), started: started))
    }

    private static func json(_ answer: (result: SearchResult, json: (head: String, tail: String)?)) -> String {
        guard let json = answer.json else { return answer.result.json() }
        return json.head + String(answer.result.tookMicroseconds) + json.tail
    }

    /// The answer to `request`, with its JSON document cut around `took_us` when the result
    /// cache holds it (see ``SearchResult/jsonAroundTook()``); it is cached under `key`.
    private func answer(_ request: SearchRequest, key: ResultCache.RequestKey, started: UInt64) throws
        -> (result: SearchResult, json: (head: String, tail: String)?) {
        let snapshot = try snapshot()
        if request.useCache, let cached = resultCache.answer(for: key, generation: snapshot.manifest.generation) {
            var result = cached.result
            result.tookMicroseconds = Self.microseconds(since: started)
            return (result, cached.json)
        }
        // Only a request that parses is ever stored, so the cache is asked first.
        let query = try ParsedQuery(request, analyzer: analyzer)
        var facets = SearchRequest.defaultFacets
        for f in request.facets where !facets.contains(f) { facets.append(f) }
        let outcome = Searcher(snapshot: snapshot, cache: request.useCache ? matchCache : nil, parallelThreshold: parallelThreshold).search(query, sort: request.sort, offset: request.offset, limit: request.limit, facets: facets)
        // The page's id offsets, then its id bytes and kinds, prefetched in two passes: each
        // hit's misses then overlap the others' instead of following them. A hit's kind is
        // taken from the kind facet's value table (kind is a default facet): no string is made
        // per hit.
        Self.prefetchHits(of: outcome.page, at: snapshot.hitLocations)
        let readers = snapshot.readers
        let kindValues = snapshot.facetValues(fields: facets)[facets.firstIndex(of: "kind")!]
        var hits: [Hit] = outcome.page.map { d in
            let kind = readers[d.entry].kindColumn.flatMap { column in
                column.ordinal(of: d.doc).flatMap { o in kindValues.numbers[d.entry].map { kindValues.values[Int($0[Int(o)])] } }
            } ?? ""
            return Hit(id: readers[d.entry].recordID(d.doc), kind: kind, score: Double(d.score), record: nil, highlights: [])
        }
        if request.includeRecords {
            let records = try store.records(ids: hits.map(\.id))
            let highlighter = Highlighter(words: query.words, analyzer: analyzer)
            for i in hits.indices {
                guard let record = records[hits[i].id] else { continue }
                hits[i] = Hit(id: hits[i].id, kind: record.kind, score: hits[i].score, record: record,
                              highlights: Self.highlights(record, highlighter))
            }
        }
        let result = SearchResult(total: outcome.total, tookMicroseconds: Self.microseconds(since: started),
                                  amountSumFen: outcome.amountSumFen, hits: hits, facets: outcome.facets)
        guard request.useCache else { return (result, nil) }
        return (result, resultCache.store(result, for: key, generation: snapshot.manifest.generation).json)
    }

    /// Starts loading what building `page`'s hits reads, in two passes (id offsets, then id
    /// bytes and kinds), for the hits not within a few documents of the hit before them in
    /// the same segment: a page in document order, as a filter's, is read line after line
    /// without help.
    static func prefetchHits(of page: [ScoredDocument], at locations: [HitLocations]) {
        @inline(__always) func isScattered(_ i: Int) -> Bool {
            i == 0 || page[i].entry != page[i - 1].entry || page[i].doc &- page[i - 1].doc > 8
        }
        locations.withUnsafeBufferPointer { locations in
            for i in page.indices where isScattered(i) { locations[page[i].entry].prefetchIDOffset(page[i].doc) }
            for i in page.indices where isScattered(i) { locations[page[i].entry].prefetchIDBytesAndKind(page[i].doc) }
        }
    }

    /// The monotonic clock, in nanoseconds: a search's start. (A `ContinuousClock` duration
    /// gives its microseconds through 128-bit arithmetic, a few hundred instructions.)
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Whole microseconds from `start` (``now()``) to now.
    static func microseconds(since start: UInt64) -> Int { Int((now() &- start) / 1000) }

    /// Snippets of every text field of `record` that a query word matches.
    static func highlights(_ record: Record, _ highlighter: Highlighter) -> [Highlight] {
        var result: [Highlight] = []
        for field in record.fields where !FieldName.isUntextual(field.name) {
            var snippets: [String] = []
            field.value.forEachText { text in
                if snippets.count < SearchLimits.snippetsPerField, let s = highlighter.snippet(text) { snippets.append(s) }
            }
            if !snippets.isEmpty { result.append(Highlight(field: field.name, snippets: snippets)) }
        }
        return result
    }

    /// The disclosure chain of one subsidy item (contract §6), with up to `limit` payout rows
    /// (newest first) and payout totals by level, year and town.
    public func chain(item: String, limit: Int = 20) throws -> SubsidyChain {
        func records(_ filters: [String: String]) throws -> [Record] {
            let request = SearchRequest(filters: try filters.sorted(by: { $0.key < $1.key }).map { try Filter(field: $0.key, value: $0.value) },
                                        limit: SearchLimits.limit, sort: .date)
            return try search(request).hits.compactMap(\.record)
        }
        let policies = try records(["kind": "regulation", "subsidy_item": item]).filter {
            $0.string("stage") != "管理" && $0.string("stage") != "服务"
        }
        let procedures = try records(["kind": "guide", "subsidy_item": item])
        let inspections = try records(["stage": "管理", "subsidy_item": item])
        let feedback = try records(["stage": "服务", "subsidy_item": item])
        let payouts = try search(SearchRequest(filters: [try Filter(field: "kind", value: "payout"), try Filter(field: "item", value: item)],
                                               limit: limit, sort: .date))
        return SubsidyChain(item: item, policies: policies, procedures: procedures, inspections: inspections, feedback: feedback, payouts: payouts)
    }
}
