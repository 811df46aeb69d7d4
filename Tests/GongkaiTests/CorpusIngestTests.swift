import Foundation
import Testing
import Gongkai
import GongkaiTestSupport

/// The committed sample corpus goes in without a rejection, and the engine's totals per item
/// and level equal the sums taken straight from the JSON Lines files.
@Suite struct CorpusIngestTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Corpora/sample")

    @Test func sampleIngestsCleanlyAndTotalsAgree() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.sample.path).filter { $0.hasSuffix(".jsonl") }.sorted()
        #expect(files.count == 5)
        let index = try TestIndex()
        let report = try index.engine.ingest(files.map { .file(Self.sample.appendingPathComponent($0).path) })
        #expect(report.rejected == 0, "\(report.rejections.prefix(3))")

        // Totals straight from the files: integer fen from the decimal strings.
        var expected: [String: (count: Int, fen: Int64)] = [:]
        var lines = 0
        for line in try String(contentsOf: Self.sample.appendingPathComponent("payouts.jsonl"), encoding: .utf8).split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let key = "\(object["item"]!)|\(object["level"]!)"
            let amount = "\(object["amount"]!)"
            let parts = amount.split(separator: ".")
            let fen = Int64(parts[0])! * 100 + (parts.count > 1 ? Int64(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0))! : 0)
            expected[key, default: (0, 0)].count += 1
            expected[key, default: (0, 0)].fen += fen
            lines += 1
        }
        #expect(report.accepted == lines + (try files.filter { $0 != "payouts.jsonl" }.reduce(0) { n, f in
            n + (try String(contentsOf: Self.sample.appendingPathComponent(f), encoding: .utf8)).split(separator: "\n").count
        }))
        for (key, value) in expected {
            let parts = key.split(separator: "|").map(String.init)
            let result = try index.engine.search(SearchRequest(filters: [try Filter(field: "kind", value: "payout"),
                                                                         try Filter(field: "item", value: parts[0]),
                                                                         try Filter(field: "level", value: parts[1])], limit: 1))
            #expect(result.total == value.count, "\(key)")
            #expect(result.amountSumFen == value.fen, "\(key)")
        }
        #expect(expected.count > 10)
    }
}
