// One benchmark per query class of queries.tsv, against the prebuilt index
// (GONGKAI_BENCH_INDEX, default ../index). Each iteration answers the next query of its class
// (rotating), top 20 by relevance, exact total, facets and amount sum as always; records off
// (pure matching) except for the `+records` benchmark.
import Benchmark
import BenchSupport
import Foundation
import Gongkai

nonisolated(unsafe) var sharedEngine: SearchEngine?

func engine() -> SearchEngine {
    if let e = sharedEngine { return e }
    do {
        let e = try SearchEngine.open(directory: BenchPaths.index, readOnly: true, residentSegments: BenchPaths.residentSegments)
        sharedEngine = e
        return e
    } catch {
        fatalError("cannot open the index at \(BenchPaths.index) (build it with `make index`, or set GONGKAI_BENCH_INDEX): \(error)")
    }
}

func requests(_ queries: [BenchQuery], records: Bool) -> [SearchRequest] {
    queries.map { q in
        var r = SearchRequest(query: q.text, filters: q.filters.map { try! Filter(parsing: $0) }, limit: 20, offset: 0,
                              sort: .relevance, facets: [], includeRecords: records)
        // Cold matching every time, as the peers do: the engine's match cache is off unless
        // GONGKAI_BENCH_CACHE=1 (repeated queries then measure the warm path).
        r.useCache = ProcessInfo.processInfo.environment["GONGKAI_BENCH_CACHE"] == "1"
        return r
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .microseconds,
        warmupIterations: 20,
        maxDuration: .seconds(2),
        maxIterations: 20_000
    )
    let queries: [BenchQuery]
    do { queries = try QueryMix.load() } catch { fatalError("cannot read \(BenchPaths.queries): \(error)") }
    func register(_ name: String, _ reqs: [SearchRequest]) {
        final class Cursor: @unchecked Sendable { var i = 0 }
        let cursor = Cursor()
        Benchmark(name, closure: { benchmark in
            let e = engine()
            for _ in benchmark.scaledIterations {
                blackHole(try e.search(reqs[cursor.i]))
                cursor.i = cursor.i + 1 == reqs.count ? 0 : cursor.i + 1
            }
        }, setup: {
            // Built/opened once in setup; the harness's own check that every query has hits.
            let e = engine()
            for r in reqs {
                let total = try e.search(r).total
                precondition(total > 0, "no hits for \(r.query) \(r.filters)")
            }
        })
    }
    for c in QueryMix.classes(queries) {
        register(c, requests(queries.filter { $0.queryClass == c }, records: false))
    }
    register("mix (all classes)", requests(queries, records: false))
    register("mix +records", requests(queries, records: true))
}
