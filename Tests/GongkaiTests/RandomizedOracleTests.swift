import Foundation
import Testing
import Gongkai
import GongkaiTestSupport

/// The engine against the brute-force oracle on generated records and queries: hit set,
/// total and amount sum must be identical, across segments, replacements and deletions.
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
        var checked = 0
        var nonEmpty = 0
        for _ in 0..<1000 {
            let query = random.query(from: all)
            let filters = try random.filters()
            let expected = oracle.answer(query: query, filters: filters)
            let result = try engine.search(SearchRequest(query: query, filters: filters, limit: 1000, includeRecords: false))
            let got = BruteForceOracle.Answer(ids: Set(result.hits.map(\.id)), amountSumFen: result.amountSumFen)
            #expect(result.total == expected.total, "query \"\(query)\" filters \(filters)")
            #expect(got == expected, "query \"\(query)\" filters \(filters)")
            checked += 1
            if expected.total > 0 { nonEmpty += 1 }
        }
        #expect(checked == 1000)
        // The comparison means something only if many queries find records.
        #expect(nonEmpty > 300, "only \(nonEmpty) of 1000 queries found anything")
    }
}
