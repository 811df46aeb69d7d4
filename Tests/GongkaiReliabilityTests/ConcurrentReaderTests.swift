import Foundation
import Synchronization
import Testing
import Gongkai
import GongkaiTestSupport

/// Concurrent readers (issue 6): several threads search without pause while one writer
/// commits batches; every search must see one whole commit, never a mixture.
///
/// Every batch has exactly `batchSize` records carrying `batch=K`. In one search (facet on
/// `batch`) every batch count must be exactly `batchSize` and the total a multiple of it; a
/// search filtered on one batch sees 0 or `batchSize`. Half the readers share the writer's
/// engine; the other half use a second, read-only engine on the same folder, which picks up
/// commits from the manifest on disk (and races the writer's merges, which delete files).
///
/// Under the thread sanitizer:
///
///     swift test --sanitize=thread --scratch-path .build-tsan --filter ConcurrentReaderTests
@Suite struct ConcurrentReaderTests {
    @Test func searchesSeeWholeCommits() async throws {
        let batchSize = 40
        let batches = Reliability.long ? 90 : 30
        let readers = 4
        let path = temporaryIndexPath("readers")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try SearchEngine.open(directory: path)
        _ = try writer.ingest(records: [Record(id: "seed", kind: "notice", fields: [.init(name: "batch", value: .string("seed"))])])
        _ = try writer.delete(ids: ["seed"])
        let reader = try SearchEngine.open(directory: path, readOnly: true)

        var random = RandomRecords(seed: Reliability.seed)
        var lines: [[String]] = []
        for b in 0..<batches {
            lines.append((0..<batchSize).map { i in
                var record = random.record(id: "b\(b)-\(i)")
                record.kind = "notice"
                record.fields.removeAll { $0.name == "title" }
                record.fields.append(.init(name: "batch", value: .string("k\(b)")))
                record.fields.append(.init(name: "title", value: .string("水稻 补贴 批\(b)")))
                return record.unmaskedJSONForTests()
            })
        }

        let done = Atomic<Bool>(false)
        let searches = Atomic<Int>(0)
        let failures = Mutex<[String]>([])
        @Sendable func fail(_ message: String) { failures.withLock { if $0.count < 20 { $0.append(message) } } }

        let readerThreads = (0..<readers).map { r in
            Thread {
                let engine = r % 2 == 0 ? writer : reader
                var rng = TestRandom(seed: UInt64(r) &+ Reliability.seed)
                var last = 0
                while !done.load(ordering: .acquiring) {
                    do {
                        switch Int.random(in: 0..<3, using: &rng) {
                        case 0:
                            let result = try engine.search(SearchRequest(query: "", limit: 1, facets: ["batch"]))
                            let counts = result.facets.first { $0.field == "batch" }?.values ?? []
                            if result.total % batchSize != 0 { fail("total \(result.total) is not a multiple of \(batchSize)") }
                            if counts.reduce(0, { $0 + $1.count }) != result.total { fail("batch counts \(counts.map(\.count)) do not add up to \(result.total)") }
                            for v in counts where v.count != batchSize { fail("batch \(v.value) seen with \(v.count) of \(batchSize) records") }
                            if result.total < last { fail("the total went back from \(last) to \(result.total)") }
                            last = result.total
                        case 1:
                            let k = Int.random(in: 0..<batches, using: &rng)
                            let total = try engine.search(SearchRequest(filters: [Filter(field: "batch", value: "k\(k)")], limit: 1000, includeRecords: false)).total
                            if total != 0 && total != batchSize { fail("batch k\(k) seen with \(total) of \(batchSize) records") }
                        default:
                            let result = try engine.search(SearchRequest(query: "水稻 补贴", limit: 50, sort: .relevance))
                            if result.total % batchSize != 0 { fail("text search total \(result.total) is not a multiple of \(batchSize)") }
                            for hit in result.hits where hit.record == nil { fail("hit \(hit.id) has no record") }
                        }
                        searches.add(1, ordering: .relaxed)
                    } catch {
                        fail("search failed: \(error)")
                    }
                }
            }
        }
        for t in readerThreads { t.start() }

        // The writer: one ingest of many batches, then single-batch ingests (each a write of
        // its own, so small segments pile up and get merged under the readers).
        let half = batches / 2
        let first = (0..<half).flatMap { lines[$0] }
        var rejected = try writer.ingest([.lines(name: "first", first)], batchSize: batchSize).rejected
        for b in half..<batches {
            rejected += try writer.ingest([.lines(name: "b\(b)", lines[b])], batchSize: batchSize).rejected
        }
        #expect(rejected == 0)
        // Let the readers see the last commit for a moment.
        try await Task.sleep(for: .milliseconds(200))
        done.store(true, ordering: .releasing)
        while readerThreads.contains(where: { !$0.isFinished }) { try await Task.sleep(for: .milliseconds(10)) }

        let final = try reader.search(SearchRequest(limit: 1))
        #expect(final.total == batches * batchSize)
        let (store, index) = try writer.consistency()
        #expect(store == index)
        let seen = failures.withLock { $0 }
        #expect(seen.isEmpty, "\(seen.joined(separator: "\n"))")
        print("concurrent readers: \(searches.load(ordering: .relaxed)) searches by \(readers) readers during \(batches) commits, \(seen.count) failures")
        #expect(searches.load(ordering: .relaxed) > batches)
    }
}
