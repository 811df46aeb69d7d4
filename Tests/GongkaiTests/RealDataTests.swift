import Foundation
import Testing
import Gongkai
import GongkaiTestSupport

/// Real published records (../shared/data/real, absent from a fresh clone: the test then
/// skips): every line is accepted, and the engine agrees with the oracle on queries cut from
/// the records' own text.
@Suite struct RealDataTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/real")

    static var available: Bool { FileManager.default.fileExists(atPath: folder.appendingPathComponent("README.md").path) }

    @Test(.enabled(if: RealDataTests.available, "../shared/data/real is absent"))
    func realRecordsAgreeWithOracle() throws {
        var lines: [String] = []
        for (file, limit) in [("guides-guangan-catalog.jsonl", 400), ("guides-pages.jsonl", 100), ("payouts-pages.jsonl", 100),
                              ("policies-chuance.jsonl", 100), ("policies-pages.jsonl", 100), ("policies-govcn-2019.jsonl", 30),
                              ("regulations-civility-local.jsonl", 30), ("regulations-lawrefbook.jsonl", 30)] {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
            lines += text.split(separator: "\n").prefix(limit).map(String.init)
        }
        let index = try TestIndex()
        let report = try index.engine.ingest([.lines(name: "real", lines)])
        #expect(report.rejected == 0, "\(report.rejections.prefix(3))")
        var oracle = BruteForceOracle()
        var records: [Record] = []
        for line in lines {
            let record = try Record(jsonLine: line)
            oracle.put(record)
            records.append(record)
        }
        var random = RandomRecords(seed: 42)
        var nonEmpty = 0
        for i in 0..<150 {
            // A slice of a title or body: 1 to 6 characters, crossing punctuation and digits.
            let record = records[Int.random(in: 0..<records.count, using: &random.random)]
            let text = Array((record.string(i % 2 == 0 ? "title" : "body") ?? record.string("title") ?? "稻").unicodeScalars)
            let start = Int.random(in: 0..<max(text.count, 1), using: &random.random)
            let length = Int.random(in: 1...6, using: &random.random)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: text[min(start, text.count)..<min(start + length, text.count)])
            let query = String(view).filter { !$0.isWhitespace }
            let filters = i % 5 == 0 ? [try Filter(field: "kind", value: "guide")] : []
            let expected = oracle.answer(query: query, filters: filters)
            let result = try index.engine.search(SearchRequest(query: query, filters: filters, limit: 1000, includeRecords: false))
            #expect(result.total == expected.total, "query \(query.debugDescription)")
            #expect(Set(result.hits.map(\.id)) == expected.ids || expected.total > 1000, "query \(query.debugDescription)")
            if expected.total > 0 { nonEmpty += 1 }
        }
        #expect(nonEmpty > 100)
    }
}
