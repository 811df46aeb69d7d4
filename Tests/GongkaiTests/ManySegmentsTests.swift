import Foundation
import Testing
@testable import Gongkai
@testable import GongkaiIndex
import GongkaiTestSupport

/// A snapshot of more segments than its one table of terms covers
/// (``SnapshotTermTable/segmentLimit``) looks a query's terms up segment by segment. Searched
/// through that path, it must answer as the oracle does, and as the same records in one
/// segment (looked up through the table) do.
@Suite struct ManySegmentsTests {
    @Test func searchesOverMoreSegmentsThanTheTermTableCoversAgreeWithTheOracle() throws {
        var random = RandomRecords(seed: 7)
        let root = temporaryIndexPath("many")
        defer { try? FileManager.default.removeItem(atPath: root) }
        var oracle = BruteForceOracle()
        var records: [Record] = []
        for s in 0..<(SnapshotTermTable.segmentLimit + 2) {
            for i in 0..<40 { records.append(random.record(id: "r\(s)-\(i)")) }
        }
        for r in records { oracle.put(r) }
        let many = try Self.snapshot(at: root + "/many", of: records, segments: SnapshotTermTable.segmentLimit + 2)
        let one = try Self.snapshot(at: root + "/one", of: records, segments: 1)
        #expect(many.entries.count > SnapshotTermTable.segmentLimit && SnapshotTermTable(many.readers) == nil)
        #expect(SnapshotTermTable(one.readers) != nil)

        let analyzer = TextAnalyzer()
        var nonEmpty = 0
        for _ in 0..<400 {
            let request = SearchRequest(query: random.query(from: records), filters: try random.filters(), limit: 1000, includeRecords: false)
            let query = try ParsedQuery(request, analyzer: analyzer)
            let expected = oracle.answer(query: request.query, filters: request.filters)
            let (got, single) = (Self.search(query, in: many), Self.search(query, in: one))
            #expect(got.ids == expected.ids && got.outcome.total == expected.total && got.outcome.amountSumFen == expected.amountSumFen,
                    "query \"\(request.query)\" filters \(request.filters)")
            #expect(got.ids == single.ids && got.outcome.facets == single.outcome.facets, "query \"\(request.query)\" filters \(request.filters)")
            if expected.total > 0 { nonEmpty += 1 }
        }
        // The comparison means something only if many queries find records.
        #expect(nonEmpty > 120, "only \(nonEmpty) of 400 queries found anything")
    }

    /// `records` committed as `segments` segments of about equal size, in a new index at `path`.
    private static func snapshot(at path: String, of records: [Record], segments: Int) throws -> IndexSnapshot {
        let directory = try IndexDirectory(path: path, create: true)
        let committer = IndexCommitter(directory: directory)
        var snapshot = IndexSnapshot()
        for s in 0..<segments {
            var builder = SegmentBuilder()
            for record in records[(s * records.count / segments)..<((s + 1) * records.count / segments)] {
                try builder.add(record.indexDocument())
            }
            let written = try committer.write([SegmentPart(builder)], id: snapshot.manifest.nextSegmentID)
            snapshot = try committer.commit(base: snapshot, written: written, deletions: [:], appliedSequence: 0)
        }
        return snapshot
    }

    /// The whole match set of `query` in `snapshot`, by record id, with the search's outcome.
    private static func search(_ query: ParsedQuery, in snapshot: IndexSnapshot) -> (ids: Set<String>, outcome: SearchOutcome) {
        let outcome = Searcher(snapshot: snapshot).search(query, sort: .relevance, offset: 0, limit: 1000, facets: SearchRequest.defaultFacets)
        return (Set(outcome.page.map { snapshot.readers[$0.entry].recordID($0.doc) }), outcome)
    }
}
