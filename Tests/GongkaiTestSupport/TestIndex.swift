import Foundation
import Gongkai

/// A throw-away index in a temporary folder, removed when the value goes away.
public final class TestIndex: @unchecked Sendable {
    public let path: String
    public let engine: SearchEngine

    /// Creates an index holding `lines` (JSON Lines), ingested in one commit.
    public init(lines: [String] = [], name: String = "idx") throws {
        path = temporaryIndexPath(name)
        engine = try SearchEngine.open(directory: path)
        if !lines.isEmpty { _ = try engine.ingest([.lines(name: "test", lines)]) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The ids matching `query` and `filters` (`FIELD=VALUE` strings), sorted.
    public func ids(_ query: String, _ filters: String...) throws -> [String] {
        let request = SearchRequest(query: query, filters: try filters.map { try Filter(parsing: $0) }, limit: 1000)
        return try engine.search(request).hits.map(\.id).sorted()
    }
}
