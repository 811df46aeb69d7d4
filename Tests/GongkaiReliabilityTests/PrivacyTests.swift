import Foundation
import Testing
import Gongkai
import GongkaiTestSupport

/// Privacy (issue 6): no output path ever shows an id_number unmasked. Ingests the bundled
/// sample corpus, crawls every output the engine produces (searches of every kind, item,
/// recipient, place and title word, every page, every sort, facets; every record; every
/// subsidy chain) and scans each for an 18-character ID (`[0-9]{17}[0-9Xx]`) and for the exact
/// id_number values of the input. The server's JSON is the engine's JSON (its own tests scan
/// the HTTP layer); here the engine itself must never leak.
@Suite struct PrivacyTests {
    static let corpus = Reliability.repository.appendingPathComponent("Corpora/sample").path
    static let pattern = try! NSRegularExpression(pattern: "[0-9]{17}[0-9Xx]")

    struct Crawl {
        var outputs = 0
        var bytes = 0
        var leaks: [String] = []
        let idNumbers: Set<String>

        mutating func scan(_ what: String, _ text: String) {
            outputs += 1
            bytes += text.utf8.count
            if let m = PrivacyTests.pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
               let range = Range(m.range, in: text) {
                leaks.append("\(what): \(text[range])")
            } else if let id = idNumbers.first(where: { text.contains($0) }) {
                leaks.append("\(what): \(id)")
            }
        }
    }

    static func loadCorpus() throws -> [Record] {
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus).filter { $0.hasSuffix(".jsonl") }.sorted()
        var records: [Record] = []
        for file in files {
            let text = try String(contentsOfFile: "\(corpus)/\(file)", encoding: .utf8)
            for line in text.split(separator: "\n") where !line.isEmpty { records.append(try Record(jsonLine: String(line))) }
        }
        return records
    }

    @Test func noOutputShowsAnIDNumber() throws {
        let records = try Self.loadCorpus()
        let idNumbers = Set(records.compactMap { $0.string("id_number") })
        #expect(idNumbers.count > 50, "the sample corpus should carry ID numbers to protect")
        let path = temporaryIndexPath("privacy")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let engine = try SearchEngine.open(directory: path)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus).filter { $0.hasSuffix(".jsonl") }.sorted()
        let report = try engine.ingest(files.map { .file("\(Self.corpus)/\($0)") })
        #expect(report.rejected == 0 && report.accepted == records.count)

        var crawl = Crawl(idNumbers: idNumbers)
        var searches = 0
        func search(_ request: SearchRequest) throws {
            searches += 1
            crawl.scan("search \(request.query) \(request.filters) offset \(request.offset)", try engine.search(request).json())
        }
        func values(_ field: String) -> [String] { Array(Set(records.flatMap { $0[field]?.elements ?? [] })).sorted() }

        // Every record, every page of everything, in every order.
        for record in records { crawl.scan("record \(record.id)", try engine.record(id: record.id)!.maskedJSON()) }
        for sort in SortOrder.allCases {
            for offset in stride(from: 0, to: records.count, by: 100) { try search(SearchRequest(limit: 100, offset: offset, sort: sort)) }
        }
        try search(SearchRequest(limit: 1000, facets: ["recipient", "village", "category", "line", "department"]))
        // Each kind, item, level, town, village, recipient: as a filter and as query text.
        for field in ["kind", "item", "subsidy_item", "level", "town", "village", "recipient", "category", "department", "stage"] {
            for value in values(field) {
                try search(SearchRequest(filters: [Filter(field: field, value: value)], limit: 200, facets: ["recipient"]))
                try search(SearchRequest(query: value, limit: 50))
            }
        }
        // Title words (their first characters) and numbers that look like parts of IDs.
        for title in values("title") { try search(SearchRequest(query: String(title.prefix(4)), limit: 50)) }
        for query in ["310228", "1990", "19900507", "身份证", "身份证号", "号码", "X", "x", "4318"] { try search(SearchRequest(query: query, limit: 100)) }
        // Every subsidy chain.
        let items = Set(values("item") + values("subsidy_item"))
        for item in items.sorted() { crawl.scan("chain \(item)", try engine.chain(item: item, limit: 200).json()) }
        // Exact id_number filters, which are allowed (and whose answers must be masked too).
        for id in idNumbers.sorted() {
            let result = try engine.search(SearchRequest(filters: [Filter(field: "id_number", value: id)], limit: 100))
            searches += 1
            crawl.scan("id_number filter", result.json())
            let expected = Set(records.filter { $0.string("id_number") == id }.map(\.id))
            #expect(Set(result.hits.map(\.id)) == expected && result.total == expected.count, "id_number=\(id.prefix(6))…")
        }

        // Never as a facet.
        for facet in ["id_number", "id"] {
            #expect(throws: QueryError.self) { try engine.search(SearchRequest(facets: [facet])) }
            #expect(throws: QueryError.self) { try SearchRequest(parameters: [("facet", facet)]) }
        }
        // Never as text: neither the whole number nor its birth date (YYYYMMDD) or YYMMDD part.
        var textProbes = 0
        for id in idNumbers.sorted().prefix(60) {
            let scalars = Array(id.unicodeScalars)
            let birth = String(String.UnicodeScalarView(scalars[6..<14]))
            let short = String(String.UnicodeScalarView(scalars[8..<14]))
            for probe in [id, id.lowercased(), birth, short, "\(scalars[0..<6].map(String.init).joined()) \(birth)"] {
                let result = try engine.search(SearchRequest(query: probe, limit: 10))
                textProbes += 1
                #expect(result.total == 0, "a text search for part of an ID number found \(result.hits.map(\.id))")
            }
        }

        #expect(crawl.leaks.isEmpty, "\(crawl.leaks.prefix(10).joined(separator: "\n"))")
        print("privacy crawl: \(crawl.outputs) outputs (\(crawl.bytes) bytes, \(searches) searches, \(records.count) records, \(items.count) chains), \(textProbes) text probes, \(crawl.leaks.count) leaks")
    }
}
