// swift-tools-version: 6.1
// The Gongkai benchmark harness: its own package, so `make test` never builds it.
// Run everything with `sh Benchmarks/run.sh` (or `make bench` from the repository root).
import PackageDescription

let package = Package(
    name: "GongkaiBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Gongkai", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.0.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The query mix, paths and the bigram pre-splitting shared by every runner.
        .target(name: "BenchSupport"),
        // System SQLite (FTS5 is compiled into Debian's libsqlite3).
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // package-benchmark suite: one benchmark per query class, p50/p90/p99, mallocs, memory.
        .executableTarget(
            name: "SearchBenchmarks",
            dependencies: [
                "BenchSupport",
                .product(name: "Gongkai", package: "Gongkai"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SearchBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Gongkai with the same timing loop as the peers: ingest, sizes, open, per-class latency.
        .executableTarget(
            name: "gongkai-latency",
            dependencies: ["BenchSupport", .product(name: "Gongkai", package: "Gongkai")],
            path: "Sources/GongkaiLatency"
        ),
        // The SQLite FTS5 peer: trigram over raw text, unicode61 over pre-split bigrams.
        .executableTarget(
            name: "fts5-peer",
            dependencies: ["BenchSupport", "CSQLite"],
            path: "Sources/FTS5Peer"
        ),
    ]
)
