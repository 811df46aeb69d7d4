import Foundation
import Testing
import Gongkai
import GongkaiTestSupport

/// Contract §3: totals, pages, order, facets, exact sums, snippets, masking.
@Suite struct ResultTests {
    static func payouts() -> [String] {
        (0..<45).map { i in
            let level = ["区级", "镇级", "村级"][i % 3]
            let amount = "\(100 + i).\(i % 10)\(i % 7)"
            return #"{"id":"p\#(i)","kind":"payout","item":"水稻种植补贴","recipient":"农户\#(i)","id_number":"3102281980010\#(10000 + i)","level":"\#(level)","town":"朱泾镇","amount":"\#(amount)","year":\#(2015 + i % 5),"date":"2020-01-\#(10 + i % 18)"}"#
        }
    }

    /// A hit's record and highlights are held together by reference: setting one keeps the
    /// other, and a copy changed does not change the original.
    @Test func hitRecordAndHighlightsAreSetApart() throws {
        let record = try Record(jsonLine: #"{"id":"g1","kind":"guide","title":"水稻补贴申请"}"#)
        let marked = [Highlight(field: "title", snippets: ["<mark>水稻</mark>补贴申请"])]
        var hit = Hit(id: "g1", kind: "guide", score: 1, record: nil, highlights: [])
        #expect(hit.record == nil && hit.highlights.isEmpty)
        hit.record = record
        hit.highlights = marked
        #expect(hit.record == record && hit.highlights == marked)
        var copy = hit
        copy.record = nil
        #expect(copy.record == nil && copy.highlights == marked)
        #expect(hit.record == record)
        copy.highlights = []
        #expect(copy.record == nil && copy.highlights.isEmpty && hit.highlights == marked)
    }

    /// Contract §3: every hit names its record's kind, records or not (the kind then comes
    /// from the index, across segments whose kinds differ).
    @Test func hitsNameTheirKindWithoutRecords() throws {
        let index = try TestIndex(lines: Self.payouts())
        _ = try index.engine.ingest(records: [
            try Record(jsonLine: #"{"id":"g1","kind":"guide","title":"水稻补贴申请"}"#),
            try Record(jsonLine: #"{"id":"r1","kind":"regulation","title":"水稻种植补贴办法"}"#),
            try Record(jsonLine: #"{"id":"n1","kind":"notice_board","title":"水稻公示"}"#),
        ])
        var request = SearchRequest(query: "水稻", limit: 100, includeRecords: false)
        request.useCache = false
        let hits = try index.engine.search(request).hits
        #expect(hits.count == 48)
        for hit in hits {
            let want = hit.id.hasPrefix("p") ? "payout" : ["g1": "guide", "r1": "regulation", "n1": "notice_board"][hit.id]
            #expect(hit.kind == want, "hit \(hit.id)")
        }
    }

    @Test func totalsAndSumsCoverTheWholeMatchSet() throws {
        let index = try TestIndex(lines: Self.payouts())
        let result = try index.engine.search(SearchRequest(query: "水稻", limit: 5))
        #expect(result.total == 45)
        #expect(result.hits.count == 5)
        var expected: Int64 = 0
        for i in 0..<45 {
            let fen: Int = (100 + i) * 100 + (i % 10) * 10 + i % 7
            expected += Int64(fen)
        }
        #expect(result.amountSumFen == expected)
        #expect(result.amountSum == Money.format(fen: expected))
        let level = try #require(result.facets.first { $0.field == "level" })
        #expect(level.values.map(\.count) == [15, 15, 15])
        #expect(level.values.reduce(Int64(0)) { $0 + $1.amountSumFen } == expected)
        #expect(result.facets.map(\.field) == ["kind", "item", "level", "town", "year"])
    }

    @Test func namedFacetsCountAnyFieldIncludingLongText() throws {
        let long = String(repeating: "条款", count: 200)
        let index = try TestIndex(lines: [
            #"{"id":"v1","kind":"payout","item":"i","recipient":"r","amount":"1.00","year":2018,"village":"蒋庄村","note":"\#(long)"}"#,
            #"{"id":"v2","kind":"payout","item":"i","recipient":"r","amount":"2.00","year":2018,"village":"蒋庄村","note":"短"}"#,
            #"{"id":"v3","kind":"payout","item":"i","recipient":"r","amount":"4.00","year":2019,"village":"新农村"}"#,
        ])
        let result = try index.engine.search(SearchRequest(facets: ["village", "note"]))
        #expect(result.facets.map(\.field) == ["kind", "item", "level", "town", "year", "village", "note"])
        let village = try #require(result.facets.first { $0.field == "village" })
        #expect(village.values == [Facet.Value(value: "蒋庄村", count: 2, amountSumFen: 300), Facet.Value(value: "新农村", count: 1, amountSumFen: 400)])
        // `note` has a value over 256 bytes, so it has no column: its exact terms are counted.
        let note = try #require(result.facets.first { $0.field == "note" })
        #expect(Set(note.values.map(\.count)) == [1])
        #expect(note.values.count == 2)
        let year = try #require(result.facets.first { $0.field == "year" })
        #expect(year.values.map(\.value) == ["2018", "2019"])
    }

    @Test func facetValuesSpelledTwoWaysAcrossSegmentsAreOneValue() throws {
        // "Café" precomposed in one segment and with a combining accent in another is one
        // text, as it would be within one segment; values stay apart when they differ.
        let index = try TestIndex(lines: [#"{"id":"c1","kind":"payout","item":"i","recipient":"r","amount":"1.00","year":2018,"town":"Caf\u00e9"}"#])
        _ = try index.engine.ingest([.lines(name: "more", [
            #"{"id":"c2","kind":"payout","item":"i","recipient":"r","amount":"2.00","year":2018,"town":"Cafe\u0301"}"#,
            #"{"id":"c3","kind":"payout","item":"i","recipient":"r","amount":"4.00","year":2018,"town":"金山"}"#,
        ])])
        var request = SearchRequest()
        request.useCache = false
        let town = try #require(try index.engine.search(request).facets.first { $0.field == "town" })
        #expect(town.values.map(\.count) == [2, 1])
        #expect(town.values.map(\.amountSumFen) == [300, 400])
        #expect(town.values.last?.value == "金山")
    }

    @Test func facetValuesOfEqualCountAreInValueOrder() throws {
        // Towns met once each, written in an order that is not theirs, across two segments;
        // one town twice leads.
        let towns = ["枫泾镇", "Zhujing", "亭林镇", "吕巷镇", "Caf\u{00e9}", "张堰镇", "abc", "金山卫镇"]
        func line(_ i: Int, _ town: String) -> String {
            #"{"id":"t\#(i)","kind":"payout","item":"i","recipient":"r","amount":"1.00","year":2018,"town":"\#(town)"}"#
        }
        let index = try TestIndex(lines: towns.prefix(4).enumerated().map { line($0.offset, $0.element) })
        _ = try index.engine.ingest([.lines(name: "more", towns.dropFirst(4).enumerated().map { line(10 + $0.offset, $0.element) } + [line(99, "吕巷镇")])])
        var request = SearchRequest()
        request.useCache = false
        let town = try #require(try index.engine.search(request).facets.first { $0.field == "town" })
        #expect(town.values.map(\.value) == ["吕巷镇"] + towns.filter { $0 != "吕巷镇" }.sorted())
    }

    @Test func pagesAndSortOrders() throws {
        let index = try TestIndex(lines: Self.payouts())
        let byAmount = try index.engine.search(SearchRequest(limit: 45, sort: .amount))
        let amounts = byAmount.hits.map { Money.fen($0.record!["amount"]!.elements[0])! }
        #expect(amounts == amounts.sorted(by: >))
        let page2 = try index.engine.search(SearchRequest(limit: 10, offset: 10, sort: .amount))
        #expect(page2.hits.map(\.id) == Array(byAmount.hits[10..<20].map(\.id)))
        let byDate = try index.engine.search(SearchRequest(limit: 45, sort: .date))
        let dates = byDate.hits.map { $0.record!.string("date")! }
        #expect(dates == dates.sorted(by: >))
    }

    @Test func titleOutranksBody() throws {
        let index = try TestIndex(lines: [
            #"{"id":"body","kind":"guide","title":"办事指南","body":"耕地保护"}"#,
            #"{"id":"title","kind":"guide","title":"耕地保护","body":"办事指南"}"#,
        ])
        #expect(try index.engine.search(SearchRequest(query: "耕地")).hits.map(\.id) == ["title", "body"])
    }

    @Test func idNumbersAreMaskedEverywhere() throws {
        let index = try TestIndex(lines: Self.payouts())
        let json = try index.engine.search(SearchRequest(query: "农户1", limit: 50)).json()
        #expect(json.contains("310228********0001"))
        #expect(json.range(of: "[0-9]{17}[0-9Xx]", options: .regularExpression) == nil)
        #expect(try index.engine.record(id: "p1")!.maskedJSON().contains("310228********0001"))
        #expect(Record.mask(idNumber: "12345") == "*****")
    }

    @Test func snippetsMarkMatchesAndEscapeHTML() throws {
        let index = try TestIndex(lines: [#"{"id":"x","kind":"guide","title":"<b>水稻</b> 种植","body":"无关"}"#])
        let hit = try #require(try index.engine.search(SearchRequest(query: "水稻")).hits.first)
        #expect(hit.highlights == [Highlight(field: "title", snippets: ["&lt;b&gt;<mark>水稻</mark>&lt;/b&gt; 种植"])])
    }

    /// A long body is analysed only around its first match when normalisation keeps every
    /// character in place (Chinese punctuation included), and in full when it does not (an
    /// ellipsis becomes three dots); the snippet is the same window of the original text
    /// either way, its match marked where it stands.
    @Test(arguments: ["，", "……"])
    func longBodiesAreHighlightedWhereTheirMatchIs(separator: String) throws {
        let before = String(repeating: "公开目录" + separator, count: 150)
        let body = before + "申请材料齐全、符合法定形式。" + String(repeating: "办理时限" + separator, count: 150)
        let line = #"{"id":"g","kind":"guide","title":"指南","body":"\#(body)"}"#
        let index = try TestIndex(lines: [line])
        let hit = try #require(try index.engine.search(SearchRequest(query: "申请材料齐全")).hits.first)
        let scalars = Array(body.unicodeScalars)
        let at = before.unicodeScalars.count
        let start = at - SearchLimits.snippetLength / 4
        func text(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[r])) }
        let expected = "…" + text(start..<at) + "<mark>申请材料齐全</mark>" + text((at + 6)..<(start + SearchLimits.snippetLength)) + "…"
        #expect(hit.highlights == [Highlight(field: "body", snippets: [expected])])
    }

    /// A page of records read back from the store is the records ingested, value for value,
    /// though they share many values and differ in which fields they have and in what order.
    @Test func aPageOfRecordsReadsBackAsIngested() throws {
        let lines = (0..<60).map { i -> String in
            var fields = [#""item":"\#(["水稻种植补贴", "蔬菜生产补贴"][i % 2])""#, #""recipient":"农户\#(i % 7)""#,
                          #""amount":"\#(100 + i).5""#, #""year":\#(2015 + i % 3)"#]
            if i % 3 == 0 { fields.insert(#""town":"朱泾镇""#, at: 1) }
            if i % 4 == 0 { fields.append(#""note":"备注\#(i % 2)""#) }
            // Every shape of value, and many fields.
            if i % 6 == 0 {
                fields += [#""subsidised":true"#, #""tags":["甲","乙\#(i % 4)"]"#, #""quantity":49.6"#, #""unit":"亩""#, #""rate":"200.00""#,
                           #""village":"山塘村""#, #""line":"种植业""#, #""category":"生产补贴类""#, #""remark":null"#, #""date":"2016-0\#(1 + i % 9)-15""#]
            }
            if i % 5 == 0 { fields.reverse() }
            return #"{"id":"q\#(i)","kind":"payout",\#(fields.joined(separator: ","))}"#
        }
        let index = try TestIndex(lines: lines)
        let hits = try index.engine.search(SearchRequest(filters: [try Filter(field: "kind", value: "payout")], limit: 100)).hits
        #expect(hits.count == 60)
        var expected: [String: Record] = [:]
        for line in lines {
            let record = try Record(jsonLine: line)
            expected[record.id] = record
        }
        for hit in hits { #expect(hit.record == expected[hit.id], "\(hit.id)") }
    }

    /// A warmed-up engine (what `gongkai serve` does before its first request) answers as one
    /// that builds the same structures during its first searches.
    @Test func warmingUpChangesNoAnswer() throws {
        let index = try TestIndex(lines: Self.payouts())
        let warmed = try SearchEngine.open(directory: index.path, readOnly: true)
        try warmed.warmUp()
        for request in [SearchRequest(query: "水稻"), SearchRequest(filters: [try Filter(field: "level", value: "镇级")]),
                        SearchRequest(query: "农户1", filters: [try Filter(field: "year", value: "2016")])] {
            let (a, b) = (try index.engine.search(request), try warmed.search(request))
            #expect(a.total == b.total && a.facets == b.facets && a.amountSum == b.amountSum)
            #expect(a.hits.map(\.id) == b.hits.map(\.id))
        }
    }

    @Test func jsonHasTheContractShape() throws {
        let index = try TestIndex(lines: Self.payouts())
        let json = try index.engine.search(SearchRequest(query: "水稻", limit: 1)).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["total", "took_us", "amount_sum", "hits", "facets"])
        let hit = try #require((object["hits"] as? [[String: Any]])?.first)
        #expect(Set(hit.keys) == ["id", "kind", "score", "record", "highlights"])
        #expect(object["amount_sum"] as? String != nil)
    }

    /// A record's JSON escapes quotes, backslashes, control characters, DEL and U+2028/U+2029
    /// (which end a line in JavaScript) and nothing else: the text reads back the same.
    @Test func recordJSONEscapesWhatMustBe() throws {
        let text = "a\"b\\c\nd\te\u{01}f\u{7F}g\u{2028}h\u{2029}i 水稻 \u{2027}"
        let json = Record(id: "r", kind: "guide", fields: [.init(name: "title", value: .string(text))]).maskedJSON()
        for raw in ["\u{2028}", "\u{2029}", "\u{7F}", "\u{01}", "\n", "\t"] { #expect(!json.contains(raw), "\(raw.unicodeScalars.first!.value) raw") }
        #expect(json.contains("\u{2027}") && json.contains("水稻"))
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["title"] as? String == text)
    }

    @Test func limitsAreEnforced() {
        #expect(throws: QueryError.self) { try SearchRequest(limit: 0).validate() }
        #expect(throws: QueryError.self) { try SearchRequest(limit: 1001).validate() }
        #expect(throws: QueryError.self) { try SearchRequest(offset: -1).validate() }
        #expect(throws: QueryError.self) { try SearchRequest(query: String(repeating: "稻", count: 257)).validate() }
        #expect(throws: QueryError.self) { try SearchRequest(facets: ["id_number"]).validate() }
        #expect(throws: QueryError.self) { try SortOrder(parsing: "price") }
    }
}
