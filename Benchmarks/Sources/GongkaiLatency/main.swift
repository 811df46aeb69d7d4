// gongkai-latency: Gongkai measured with the same loop as the peers (fts5-peer, tantivy_peer.py).
//
//   gongkai-latency search  --index DIR --out FILE [--rounds N]
//   gongkai-latency open    --index DIR                 (one process = one open + first search)
//   gongkai-latency ingest  --index DIR --out FILE CORPUS.jsonl...
import BenchSupport
import Foundation
import Gongkai

func arg(_ name: String, _ args: [String]) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func request(_ q: BenchQuery, records: Bool) throws -> SearchRequest {
    var r = SearchRequest(query: q.text, filters: try q.filters.map { try Filter(parsing: $0) }, limit: 20, offset: 0,
                          sort: .relevance, facets: [], includeRecords: records)
    // Cold matching every time, as the peers do: the engine's match cache is off unless
    // GONGKAI_BENCH_CACHE=1 (repeated queries then measure the warm path).
    r.useCache = ProcessInfo.processInfo.environment["GONGKAI_BENCH_CACHE"] == "1"
    return r
}

/// Bytes of the regular files below `path` whose names pass `include`.
func diskBytes(_ path: String, include: (String) -> Bool) -> Int {
    guard let e = FileManager.default.enumerator(atPath: path) else { return 0 }
    var total = 0
    while let name = e.nextObject() as? String {
        let full = path + "/" + name
        guard let a = try? FileManager.default.attributesOfItem(atPath: full), (a[.type] as? FileAttributeType) == .typeRegular else { continue }
        if include((name as NSString).lastPathComponent) { total += (a[.size] as? Int) ?? 0 }
    }
    return total
}

let args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first else {
    FileHandle.standardError.write("usage: gongkai-latency search|open|ingest ...\n".data(using: .utf8)!)
    exit(2)
}
let indexPath = arg("--index", args) ?? BenchPaths.index

/// The index opened as `gongkai serve` opens it (or mapped, `GONGKAI_BENCH_MAPPED=1`); with
/// `GONGKAI_BENCH_SERIAL=1`, every search collects on one thread (to measure the split), and
/// with `GONGKAI_BENCH_PARALLEL_THRESHOLD=N` on two from N driving postings.
func openForSearch() throws -> SearchEngine {
    let environment = ProcessInfo.processInfo.environment
    let threshold = environment["GONGKAI_BENCH_SERIAL"] == "1" ? Int.max
        : environment["GONGKAI_BENCH_PARALLEL_THRESHOLD"].flatMap { Int($0) } ?? Searcher.defaultParallelThreshold
    return try SearchEngine.open(directory: indexPath, readOnly: true, residentSegments: BenchPaths.residentSegments, parallelThreshold: threshold)
}

switch command {
case "open":
    let t0 = nowNanos()
    let engine = try openForSearch()
    let t1 = nowNanos()
    let r = try engine.search(SearchRequest(query: "补贴", limit: 20, includeRecords: false))
    let t2 = nowNanos()
    precondition(r.total > 0)
    print("{\"open_ms\": \(Double(t1 - t0) / 1e6), \"open_and_first_search_ms\": \(Double(t2 - t0) / 1e6)}")

case "search":
    let rounds = Int(arg("--rounds", args) ?? "") ?? 30
    let queries = try QueryMix.load(arg("--queries", args) ?? BenchPaths.queries)
    let classes = QueryMix.classes(queries)
    let engine = try openForSearch()
    var timer = ClassTimer()
    var recTimer = ClassTimer()
    var sums: [String: String] = [:]
    // Warm-up and totals.
    for q in queries {
        let r = try engine.search(request(q, records: false))
        timer.totals[q.index] = r.total
        sums[String(q.index)] = r.amountSum
        if r.total == 0 { FileHandle.standardError.write("warning: no hits for query \(q.index) \(q.queryClass) '\(q.text)' \(q.filters)\n".data(using: .utf8)!) }
    }
    let reqs = try queries.map { try request($0, records: false) }
    let recReqs = try queries.map { try request($0, records: true) }
    for _ in 0..<rounds {
        for (i, q) in queries.enumerated() {
            let t0 = nowNanos()
            let r = try engine.search(reqs[i])
            let t1 = nowNanos()
            precondition(r.total == timer.totals[q.index])
            timer.add(q, micros: Double(t1 - t0) / 1000)
        }
    }
    // Records and highlights on: the whole mix, fewer rounds.
    for _ in 0..<max(rounds / 3, 3) {
        for (i, q) in queries.enumerated() {
            let t0 = nowNanos()
            let r = try engine.search(recReqs[i])
            let t1 = nowNanos()
            withExtendedLifetime(r) {}
            recTimer.add(q, micros: Double(t1 - t0) / 1000)
        }
    }
    var out = timer.summary(classes: classes, extra: ["engine": "gongkai", "rounds": rounds, "amount_sums": sums])
    out["with_records"] = recTimer.summary(classes: classes)
    try writeJSON(out, to: arg("--out", args) ?? "-")

case "ingest":
    let files = args.dropFirst().filter { $0.hasSuffix(".jsonl") }
    try? FileManager.default.removeItem(atPath: indexPath)
    var bytes = 0
    for f in files { bytes += ((try? FileManager.default.attributesOfItem(atPath: f))?[.size] as? Int) ?? 0 }
    let t0 = nowNanos()
    let engine = try SearchEngine.open(directory: indexPath)
    let report = try engine.ingest(files.map { IngestInput.file($0) })
    let seconds = Double(nowNanos() - t0) / 1e9
    let accepted = report.accepted + report.replaced
    let store = diskBytes(indexPath) { $0.hasPrefix("records.sqlite") }
    let index = diskBytes(indexPath) { !$0.hasPrefix("records.sqlite") }
    let out: [String: Any] = [
        "engine": "gongkai", "records": accepted, "rejected": report.rejected, "input_bytes": bytes, "seconds": seconds,
        "records_per_s": Double(accepted) / seconds, "mb_per_s": Double(bytes) / 1e6 / seconds,
        "index_bytes": index, "store_bytes": store, "disk_bytes": index + store,
    ]
    try writeJSON(out, to: arg("--out", args) ?? "-")

case "profile":
    // For callgrind: the queries of one class (--class), --repeat times, records off unless --records.
    //   valgrind --tool=callgrind --toggle-collect='*12SearchEngineC6search*' gongkai-latency profile --class han1_common
    let cls = arg("--class", args) ?? "han1_common"
    let repeatCount = Int(arg("--repeat", args) ?? "") ?? 3
    let withRecords = args.contains("--records")
    let queries = try QueryMix.load(arg("--queries", args) ?? BenchPaths.queries).filter { $0.queryClass == cls }
    // --evict MB: between searches, that many megabytes are written over, as the other
    // queries of the mix would, so that a cache simulation sees the caches a search meets.
    let evicted = UnsafeMutableRawBufferPointer.allocate(byteCount: (Int(arg("--evict", args) ?? "") ?? 0) << 20, alignment: 64)
    defer { evicted.deallocate() }
    let engine = try openForSearch()
    var sink = 0
    for q in queries { sink &+= try engine.search(request(q, records: withRecords)).total }  // warm-up
    var nanos: [UInt64] = []
    let warm = try arg("--warm", args).flatMap { c in try QueryMix.load(arg("--queries", args) ?? BenchPaths.queries).first { $0.queryClass == c } }
    for r in 0..<repeatCount {
        for q in queries {
            for i in stride(from: 0, to: evicted.count, by: 64) { evicted[i] &+= UInt8(truncatingIfNeeded: r); sink &+= Int(evicted[i]) }
            // --warm CLASS: after the eviction, that class's first query runs untimed, so that
            // the timed search finds the code path warm and only its own data cold.
            if let warm { sink &+= try engine.search(request(warm, records: withRecords)).total }
            let search = try request(q, records: withRecords)
            let start = nowNanos()
            sink &+= try engine.search(search).total
            nanos.append(nowNanos() - start)
        }
    }
    let median = nanos.isEmpty ? 0 : Double(nanos.sorted()[nanos.count / 2]) / 1000
    print("\(cls): \(queries.count) queries x \(repeatCount), median \(median) µs, checksum \(sink)")

default:
    FileHandle.standardError.write("unknown command \(command)\n".data(using: .utf8)!)
    exit(2)
}
