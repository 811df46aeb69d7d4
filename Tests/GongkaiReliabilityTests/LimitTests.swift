import Foundation
import Testing
import Gongkai
import GongkaiTestSupport

/// Limits (issue 6): every resource a request can grow has a stated bound (``SearchLimits``),
/// enforced with a ``QueryError`` in plain words, at the edge and one past it, through both
/// `SearchRequest(...)` and `SearchRequest(parameters:)` (the HTTP and CLI path).
@Suite struct LimitTests {
    let analyzer = TextAnalyzer()

    func accepts(_ request: SearchRequest, _ what: String) {
        do { _ = try ParsedQuery(request, analyzer: analyzer) } catch { Issue.record("\(what) should be accepted: \(error)") }
    }

    func refuses(_ request: SearchRequest, _ what: String, mentioning word: String) {
        do {
            _ = try ParsedQuery(request, analyzer: analyzer)
            Issue.record("\(what) should be refused")
        } catch {
            #expect(error.message.contains(word), "\(what): \"\(error.message)\" should mention \(word)")
        }
    }

    func refuses(_ parameters: [(name: String, value: String)], mentioning word: String) {
        do {
            _ = try SearchRequest(parameters: parameters)
            Issue.record("\(parameters.prefix(3)) should be refused")
        } catch {
            #expect(error.message.contains(word), "\"\(error.message)\" should mention \(word)")
        }
    }

    @Test func queryLength() {
        accepts(SearchRequest(query: String(repeating: "水", count: SearchLimits.queryLength)), "a query of 256 characters")
        refuses(SearchRequest(query: String(repeating: "水", count: SearchLimits.queryLength + 1)), "a query of 257 characters", mentioning: "256")
        // One byte a character: the bound on bytes decides alone.
        accepts(SearchRequest(query: String(repeating: "a", count: SearchLimits.queryLength)), "a query of 256 letters")
        refuses(SearchRequest(query: String(repeating: "a", count: SearchLimits.queryLength + 1)), "a query of 257 letters", mentioning: "256")
        refuses([("q", String(repeating: "a", count: 100_000))], mentioning: "256")
    }

    @Test func words() {
        let words = (0..<SearchLimits.words).map { "w\($0)" }
        accepts(SearchRequest(query: words.joined(separator: " ")), "32 words")
        refuses(SearchRequest(query: (words + ["x"]).joined(separator: " ")), "33 words", mentioning: "32")
        // Punctuation-only words do not count; white space of every kind separates.
        accepts(SearchRequest(query: (words + Array(repeating: "，", count: 40)).joined(separator: " ")), "32 words and punctuation")
        refuses(SearchRequest(query: (words + ["x"]).joined(separator: "\u{3000}")), "33 words split by ideographic spaces", mentioning: "32")
    }

    @Test func limitAndOffset() {
        accepts(SearchRequest(limit: 1), "limit 1")
        accepts(SearchRequest(limit: SearchLimits.limit), "limit 1000")
        for limit in [0, -1, SearchLimits.limit + 1, Int.max] { refuses(SearchRequest(limit: limit), "limit \(limit)", mentioning: "limit") }
        accepts(SearchRequest(offset: SearchLimits.offset), "offset 100000")
        for offset in [-1, SearchLimits.offset + 1, Int.max] { refuses(SearchRequest(offset: offset), "offset \(offset)", mentioning: "offset") }
        for value in ["", "abc", "1.5", "99999999999999999999", "1e3", "0x10", " 5", "٣"] {
            refuses([("limit", value)], mentioning: "limit")
            refuses([("offset", value)], mentioning: "offset")
        }
        refuses([("limit", "1001")], mentioning: "1000")
    }

    @Test func filters() throws {
        let ok = try (0..<SearchLimits.filters).map { try Filter(field: "f\($0)", value: "v") }
        accepts(SearchRequest(filters: ok), "32 filters")
        refuses(SearchRequest(filters: ok + [try Filter(field: "x", value: "v")]), "33 filters", mentioning: "32")
        refuses((0...SearchLimits.filters).map { ("f\($0)", "v") }, mentioning: "32")
        refuses((0..<10_000).map { ("f\($0)", "v") }, mentioning: "32")
        // Value length.
        _ = try Filter(field: "level", value: String(repeating: "村", count: SearchLimits.filterValueLength))
        #expect(throws: QueryError.self) { try Filter(field: "level", value: String(repeating: "村", count: SearchLimits.filterValueLength + 1)) }
        refuses([("level", String(repeating: "a", count: 1 << 20))], mentioning: "256")
        // Field names.
        for name in ["", "Level", "a b", "字段", String(repeating: "a", count: 65)] {
            #expect(throws: QueryError.self, "field name \(name.prefix(10))") { try Filter(field: name, value: "v") }
        }
    }

    @Test func ranges() throws {
        for backwards in ["year=2018..2016", "amount=100..1", "amount=100.01..100", "date=2018-06-30..2018-01-01"] {
            do {
                _ = try Filter(parsing: backwards)
                Issue.record("\(backwards) should be refused")
            } catch {
                #expect(error.message.contains("backwards"), "\(backwards): \(error.message)")
            }
        }
        for bad in ["year=..", "year=1948", "year=2101", "year=99999999999999999999", "amount=-1", "amount=1.001", "amount=1e3",
                    "amount=99999999999999999999999", "date=2018-02-30", "date=2018-13-01", "date=18-01-01", "year=2016..abc"] {
            #expect(throws: QueryError.self, "\(bad)") { try Filter(parsing: bad) }
        }
        for good in ["year=2016..2018", "year=2018..2018", "amount=1000..", "amount=..0", "date=2018-01-01..2018-06-30", "year=2018"] {
            _ = try Filter(parsing: good)
        }
    }

    @Test func facets() {
        let eight = (0..<SearchLimits.facets).map { "f\($0)" }
        accepts(SearchRequest(facets: eight), "8 facets")
        refuses(SearchRequest(facets: eight + ["x"]), "9 facets", mentioning: "8")
        refuses([("facet", (0..<1000).map { "f\($0)" }.joined(separator: ","))], mentioning: "8")
        refuses(SearchRequest(facets: ["Bad Name"]), "a facet that is not a field name", mentioning: "field name")
        for secret in ["id_number", "id"] { refuses(SearchRequest(facets: [secret]), "facet \(secret)", mentioning: secret) }
    }

    /// Facet values returned and snippet length are bounded by the answer, whatever the data.
    @Test func facetValuesAndSnippets() throws {
        let path = temporaryIndexPath("limits")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let engine = try SearchEngine.open(directory: path)
        let body = String(repeating: "水稻<&>\"' 补贴 ", count: 20_000)
        var records = (0..<300).map { i in
            Record(id: "t\(i)", kind: "notice", fields: [
                .init(name: "tag", value: .string("v\(i % 150)")),
                .init(name: "level", value: .string("l\(i)")),
                .init(name: "body", value: .string(i % 50 == 0 ? body : "水稻 \(i)")),
                .init(name: "notes", value: .strings(Array(repeating: "水稻" + String(repeating: "<", count: 500), count: 10))),
            ])
        }
        records.append(Record(id: "many", kind: "notice", fields: [.init(name: "tag", value: .strings((0..<5000).map { "m\($0)" }))]))
        _ = try engine.ingest(records: records)

        let result = try engine.search(SearchRequest(query: "", limit: 1, facets: ["tag"]))
        for facet in result.facets {
            #expect(facet.values.count <= SearchLimits.facetValues, "facet \(facet.field) has \(facet.values.count) values")
        }
        let tag = result.facets.first { $0.field == "tag" }!
        #expect(tag.values.count == SearchLimits.facetValues)
        #expect(tag.values.allSatisfy { $0.count == 2 }, "the most frequent values come first")
        #expect(result.facets.first { $0.field == "level" }!.values.count == SearchLimits.facetValues)

        let hits = try engine.search(SearchRequest(query: "水稻 补贴", limit: 1000))
        var longest = 0
        for hit in hits.hits {
            for highlight in hit.highlights {
                #expect(highlight.snippets.count <= SearchLimits.snippetsPerField)
                for snippet in highlight.snippets {
                    let plain = snippet.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "")
                        .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                        .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "…", with: "")
                    longest = max(longest, plain.unicodeScalars.count)
                    #expect(plain.unicodeScalars.count <= SearchLimits.snippetLength, "a snippet of \(plain.unicodeScalars.count) characters")
                    // With markup and escaping, still bounded: at most 6 bytes per character plus one mark pair each.
                    #expect(snippet.utf8.count <= SearchLimits.snippetLength * (6 + 13) + 6)
                }
            }
        }
        #expect(longest == SearchLimits.snippetLength, "the long body should fill a whole snippet")
    }
}
