import Foundation
import Testing
import Gongkai
import GongkaiTestSupport

/// Crash safety (issue 6): runs the real `gongkai ingest --batch-size 500` in a child process,
/// SIGKILLs it at a random moment, reopens the index and checks that
/// - it opens, every time;
/// - every batch the child acknowledged (its progress line "N committed", printed after each
///   commit) is there and searchable, by exact filter and by text;
/// - nothing half-written is visible: every batch (records carry `batch`) is all there or
///   not there at all, and the store holds whole batches only;
/// - the index and the record store agree: same counts per kind, and for the killed run the
///   same ids (every indexed id is in the store and every stored id is indexed).
///
/// Short form: 5 kills. `GONGKAI_LONG=1` (make crash-long): 100 kills, or `GONGKAI_KILLS`.
/// A fresh index is started every 25 runs so merges of small segments get killed too without
/// the index growing without end.
@Suite(.serialized) struct CrashTests {
    static let batch = 500
    static let perRun = 3000

    /// The records of run `run`: ids `c{run}-{j}`, batch `b{run}-{j / 500}`, a unique word
    /// `w{run}x{j}` to search for, and the fields each kind requires.
    static func input(run: Int, random: inout RandomRecords) -> String {
        var lines = ""
        for j in 0..<perRun {
            var record = random.record(id: "c\(run)-\(j)")
            record.kind = ["payout", "guide", "regulation", "notice"][j % 4]
            record.fields.removeAll { ["title", "item", "recipient", "amount", "year", "batch", "run", "tag"].contains($0.name) }
            record.fields.append(.init(name: "title", value: .string("标题\(j % 7) w\(run)x\(j)")))
            record.fields.append(.init(name: "item", value: .string("耕地地力保护补贴")))
            record.fields.append(.init(name: "recipient", value: .string("张三")))
            record.fields.append(.init(name: "amount", value: .number("\(j % 1000).5")))
            record.fields.append(.init(name: "year", value: .number("2018")))
            record.fields.append(.init(name: "run", value: .string("r\(run)")))
            record.fields.append(.init(name: "batch", value: .string("b\(run)-\(j / batch)")))
            lines += record.unmaskedJSONForTests() + "\n"
        }
        return lines
    }

    /// The largest "N committed" the child printed: the records it acknowledged as durable.
    static func acknowledged(_ stderr: String) -> Int {
        var best = 0
        for line in stderr.split(separator: "\n") {
            guard let r = line.range(of: " committed") else { continue }
            let digits = line[..<r.lowerBound].reversed().prefix { $0.isNumber }
            if let n = Int(String(digits.reversed())) { best = max(best, n) }
        }
        return best
    }

    @Test(.enabled(if: Reliability.binary != nil,
                   "the gongkai binary is not built: run `swift build` (or set GONGKAI_BIN) to run the crash test"))
    func killedIngestsLeaveAConsistentIndex() throws {
        let binary = Reliability.binary!
        let kills = Reliability.count("GONGKAI_KILLS", Reliability.long ? 100 : 5)
        let seed = Reliability.seed
        print("crash test: seed \(seed) (GONGKAI_SEED replays), \(kills) kills, binary \(binary)")
        var random = RandomRecords(seed: seed)
        let work = temporaryIndexPath("crash")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }

        var killed = 0, completed = 0, run = 0, generation = 0
        var duration = 0.0  // of an un-killed ingest, measured by the first run of an index
        var expectedPerRun: [Int: Int] = [:]  // run -> records it left in the index
        var acknowledgedTotal = 0
        var index = "\(work)/index-0"
        while killed < kills {
            guard run < kills * 4 + 10 else { Issue.record("gave up: only \(killed) of \(kills) runs were killed"); break }
            if run > 0 && run % 25 == 0 {  // a fresh index now and then
                generation += 1
                index = "\(work)/index-\(generation)"
                expectedPerRun = [:]
                duration = 0
            }
            let file = "\(work)/input-\(run).jsonl"
            try Self.input(run: run, random: &random).write(toFile: file, atomically: false, encoding: .utf8)

            let child = Process()
            child.executableURL = URL(fileURLWithPath: binary)
            child.arguments = ["ingest", "--index", index, "--batch-size", "\(Self.batch)", file]
            let out = PipeCollector(), err = PipeCollector()
            child.standardOutput = out.pipe
            child.standardError = err.pipe
            let started = Date()
            try child.run()
            var delay = 0.0
            if duration > 0 {
                delay = Double.random(in: 0...(duration * 1.1), using: &random.random)
                Thread.sleep(forTimeInterval: delay)
                kill(child.processIdentifier, SIGKILL)
            }
            child.waitUntilExit()
            let elapsed = Date().timeIntervalSince(started)
            let stderr = err.finish(), stdout = out.finish()
            let wasKilled = child.terminationReason == .uncaughtSignal && child.terminationStatus == SIGKILL
            var acked = Self.acknowledged(stderr)
            if wasKilled {
                killed += 1
            } else {
                #expect(child.terminationStatus == 0, "run \(run): ingest failed: \(stderr.suffix(500))")
                #expect(stdout.contains("accepted \(Self.perRun), replaced 0, rejected 0"), "run \(run): \(stdout)")
                acked = Self.perRun
                completed += 1
                if duration == 0 { duration = elapsed }
            }
            acknowledgedTotal += acked

            // Reopen: recovery runs here when the store is ahead of the index.
            let engine: SearchEngine
            do { engine = try SearchEngine.open(directory: index) } catch {
                Issue.record("run \(run): the index does not open after a kill at \(delay) s: \(error)")
                break
            }
            let left = try Self.check(engine, run: run, acknowledged: acked, earlier: expectedPerRun, random: &random.random)
            expectedPerRun[run] = left
            if wasKilled {
                print("crash test: run \(run) killed at \(String(format: "%.3f", delay)) s: \(acked) acknowledged, \(left) present after reopening")
            }
            run += 1
        }
        print("crash test: \(killed) kills survived, \(completed) runs completed, \(acknowledgedTotal) acknowledged records checked, seed \(seed)")
        #expect(killed == kills)
    }

    /// Checks the reopened index after run `run`; returns the number of its records present.
    static func check(_ engine: SearchEngine, run: Int, acknowledged: Int, earlier: [Int: Int],
                      random: inout TestRandom) throws -> Int {
        // The index and the store agree, kind by kind.
        let (store, index) = try engine.consistency()
        #expect(store == index, "run \(run): store \(store) != index \(index)")

        // Earlier runs are untouched.
        for (r, count) in earlier {
            let total = try engine.search(SearchRequest(filters: [Filter(field: "run", value: "r\(r)")], limit: 1, includeRecords: false)).total
            #expect(total == count, "run \(run): run \(r) had \(count) records, now \(total)")
        }

        // This run: whole batches only; every acknowledged batch is there.
        var present = 0
        for b in 0..<(perRun / batch) {
            let total = try engine.search(SearchRequest(filters: [Filter(field: "batch", value: "b\(run)-\(b)")], limit: 1, includeRecords: false)).total
            #expect(total == 0 || total == batch, "run \(run): batch \(b) is half there: \(total) of \(batch)")
            if (b + 1) * batch <= acknowledged {
                #expect(total == batch, "run \(run): acknowledged batch \(b) has \(total) of \(batch) records")
            }
            present += total
        }
        #expect(present >= acknowledged, "run \(run): \(acknowledged) acknowledged, \(present) present")

        // Same ids in the index and in the store.
        var indexed = Set<String>()
        var offset = 0
        while true {
            let page = try engine.search(SearchRequest(filters: [Filter(field: "run", value: "r\(run)")], limit: 1000, offset: offset, includeRecords: false))
            indexed.formUnion(page.hits.map(\.id))
            offset += page.hits.count
            if page.hits.isEmpty || offset >= page.total { break }
        }
        #expect(indexed.count == present, "run \(run): \(indexed.count) distinct ids for \(present) records")
        for j in 0..<perRun {
            let id = "c\(run)-\(j)"
            let stored = try engine.record(id: id) != nil
            if stored != indexed.contains(id) {
                Issue.record("run \(run): \(id) is \(stored ? "in the store but not the index" : "in the index but not the store")")
                break
            }
            if j < acknowledged && !stored {
                Issue.record("run \(run): acknowledged record \(id) is lost")
                break
            }
        }

        // Acknowledged records are searchable by text (a word only that record has).
        if acknowledged > 0 {
            for _ in 0..<10 {
                let j = Int.random(in: 0..<acknowledged, using: &random)
                let result = try engine.search(SearchRequest(query: "w\(run)x\(j)", limit: 5))
                #expect(result.hits.map(\.id) == ["c\(run)-\(j)"], "run \(run): text search for record \(j) found \(result.hits.map(\.id))")
            }
        }
        return present
    }
}

extension Record {
    /// The record as a JSON line, nothing masked: what an ingest reads.
    func unmaskedJSONForTests() -> String {
        var writer = JSONWriter()
        writeJSON(to: &writer, masked: false)
        return writer.text
    }
}
