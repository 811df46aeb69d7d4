import Foundation
import Synchronization
import Testing
import Gongkai
import GongkaiTestSupport

/// The ingest progress callback is an acknowledgement: it is called after every commit, and
/// its `committed` never counts a line whose batch has not committed (an in-batch replacement
/// used to be counted as soon as it was read).
@Suite struct AcknowledgementTests {
    @Test func progressReportsEveryCommitAndOnlyCommittedLines() throws {
        let path = temporaryIndexPath("ack")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let engine = try SearchEngine.open(directory: path)
        let line = { (id: String) in #"{"id":"\#(id)","kind":"notice","title":"t"}"# }
        let seen = Mutex<[(committed: Int, present: [Bool])]>([])
        let ids = ["a", "b", "c", "d"]
        let report = try engine.ingest([.lines(name: "x", [line("a"), line("a"), line("b"), line("c"), line("d")])], batchSize: 2) { p in
            let present = ids.map { (try? engine.record(id: $0)) != nil }
            seen.withLock { $0.append((p.committed, present)) }
        }
        #expect(report.accepted == 5 && report.replaced == 1)
        let calls = seen.withLock { $0 }
        #expect(calls.map(\.committed) == [3, 5], "one acknowledgement per commit: \(calls.map(\.committed))")
        #expect(calls.first?.present == [true, true, false, false])
        #expect(calls.last?.present == [true, true, true, true])
    }

    /// A line whose id an earlier commit holds counts as replaced, and the earlier version is
    /// gone from the index; so does one replacing a line of its own batch.
    @Test func replacementsOfCommittedRecordsAreCounted() throws {
        let path = temporaryIndexPath("replaced")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let engine = try SearchEngine.open(directory: path)
        let line = { (id: String, word: String) in #"{"id":"\#(id)","kind":"notice","title":"\#(word)"}"# }
        // Batches of 2: (a, b) commit; (a, c) replaces a; (b, b) replaces b twice over.
        let lines = [line("a", "old"), line("b", "old"), line("a", "new"), line("c", "new"), line("b", "older"), line("b", "new")]
        let report = try engine.ingest([.lines(name: "x", lines)], batchSize: 2)
        #expect(report.accepted == 6 && report.replaced == 3)
        #expect(try engine.search(SearchRequest(query: "old")).total == 0)
        #expect(try engine.search(SearchRequest(query: "older")).total == 0)
        #expect(try engine.search(SearchRequest(query: "new")).total == 3)
    }

    @Test func bytesReadCountEveryFileSoFar() throws {
        let path = temporaryIndexPath("bytes")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let files = (0..<2).map { f in
            let file = path + "-\(f).jsonl"
            let lines = (0..<3).map { #"{"id":"\#(f)-\#($0)","kind":"notice","title":"第\#($0)条"}"# }
            #expect(FileManager.default.createFile(atPath: file, contents: Data((lines.joined(separator: "\n") + "\n").utf8)))
            return file
        }
        defer { for file in files { try? FileManager.default.removeItem(atPath: file) } }
        let sizes = try files.map { try #require(FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) }
        let engine = try SearchEngine.open(directory: path)
        let reports = Mutex<[IngestProgress]>([])
        _ = try engine.ingest(files.map { .file($0) }, batchSize: 3) { p in reports.withLock { $0.append(p) } }
        let bytes = reports.withLock { $0.map(\.bytes) }
        // One report per commit: after the first file, and after the second.
        #expect(bytes == [sizes[0], sizes[0] + sizes[1]])
    }
}
