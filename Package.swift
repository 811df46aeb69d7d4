// swift-tools-version: 6.1
import PackageDescription

// Targets end where a dependency ends: only GongkaiText sees ICU (through CICU), only Gongkai
// sees GRDB, only GongkaiServer sees Hummingbird. Data flows Text -> Index -> Search -> Gongkai.
let package = Package(
    name: "Gongkai",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Gongkai", targets: ["Gongkai"]),
        .executable(name: "gongkai", targets: ["GongkaiCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    ],
    targets: [
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n")]
        ),
        .target(name: "CPrefetch"),
        .target(name: "GongkaiText", dependencies: ["CICU"]),
        .target(name: "GongkaiIndex", dependencies: ["GongkaiText", "CPrefetch"], exclude: ["FORMAT.md"]),
        .target(name: "GongkaiSearch", dependencies: ["GongkaiIndex", "GongkaiText"]),
        .target(
            name: "Gongkai",
            dependencies: [
                "GongkaiSearch", "GongkaiIndex", "GongkaiText",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(name: "GongkaiCorpus"),
        .target(
            name: "GongkaiServer",
            dependencies: [
                "Gongkai",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Public")]
        ),
        .executableTarget(
            name: "GongkaiCLI",
            dependencies: [
                "Gongkai", "GongkaiServer", "GongkaiCorpus",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "GongkaiTestSupport", dependencies: ["Gongkai", "GongkaiText"], path: "Tests/GongkaiTestSupport"),
        .testTarget(name: "GongkaiTextTests", dependencies: ["GongkaiText", "GongkaiTestSupport"]),
        .testTarget(name: "GongkaiIndexTests", dependencies: ["GongkaiIndex", "GongkaiText", "GongkaiTestSupport"]),
        .testTarget(name: "GongkaiTests", dependencies: ["Gongkai", "GongkaiTestSupport", "GongkaiCorpus"]),
        .testTarget(name: "GongkaiCorpusTests", dependencies: ["GongkaiCorpus"]),
        .testTarget(name: "GongkaiReliabilityTests", dependencies: ["Gongkai", "GongkaiTestSupport"]),
        .testTarget(
            name: "GongkaiServerTests",
            dependencies: [
                "GongkaiServer", "Gongkai", "GongkaiTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
