import ArgumentParser
import Foundation
import Gongkai
import GongkaiServer

/// `gongkai serve --index DIR [--host 127.0.0.1] [--port 8080] [--no-cache]`: serves the search API and the
/// search page over HTTP until interrupted. The index is opened read-only.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the search API and the search page over HTTP (read-only)."
    )

    @Option(name: .long, help: "The index directory.")
    var index: String

    @Option(name: .long, help: "The address to listen on (0.0.0.0 for every interface).")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The TCP port (0 picks a free one and prints it).")
    var port: Int = 8080

    @Flag(name: .long, help: "Search every request from the index, without the engine's caches (for measuring).")
    var noCache = false

    @Flag(name: .long, help: "Map the index's segments instead of reading them into memory (slower searches; no memory for the index).")
    var mapSegments = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, not \(port)") }
    }

    func run() async throws {
        let engine = try SearchEngine.open(directory: index, readOnly: true, residentSegments: !mapSegments)
        let count = try engine.recordCount()
        // What the first searches would build (the analyzer's tables, the segments' facet
        // groups and value ordinals, the snapshot's term table) is built before the first
        // request instead of during it.
        try engine.warmUp()
        try await runServer(engine: engine, configuration: ServerConfiguration(host: host, port: port, useCache: !noCache)) { host, port in
            // Unbuffered, so a script reading the pipe sees the line (and the port) at once.
            FileHandle.standardOutput.write(Data("Gongkai serving \(count) records on http://\(host):\(port)\n".utf8))
        }
    }
}
