import Foundation
import Synchronization

/// Settings shared by the reliability tests.
enum Reliability {
    /// `GONGKAI_LONG=1` turns on the long forms (≥ 100 kills, millions of fuzz inputs).
    static var long: Bool { ProcessInfo.processInfo.environment["GONGKAI_LONG"] == "1" }

    /// The repository root, from this file's path.
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `gongkai` binary: `GONGKAI_BIN`, else `.build/debug/gongkai`, else
    /// `.build/release/gongkai`; `nil` when none exists.
    static let binary: String? = {
        var candidates: [String] = []
        if let bin = ProcessInfo.processInfo.environment["GONGKAI_BIN"], !bin.isEmpty { candidates.append(bin) }
        candidates.append(repository.appendingPathComponent(".build/debug/gongkai").path)
        candidates.append(repository.appendingPathComponent(".build/release/gongkai").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// An integer from the environment, or `fallback`.
    static func count(_ name: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) } ?? fallback
    }

    /// A seed from `GONGKAI_SEED`, or a fresh one (printed by the tests so a failure replays).
    static let seed: UInt64 = ProcessInfo.processInfo.environment["GONGKAI_SEED"].flatMap { UInt64($0) }
        ?? UInt64.random(in: 1...UInt64(UInt32.max))
}

/// Bytes a child process writes to a pipe, gathered as they arrive.
final class PipeCollector: Sendable {
    private let data = Mutex(Data())
    let pipe = Pipe()

    init() {
        pipe.fileHandleForReading.readabilityHandler = { [self] handle in
            let chunk = handle.availableData
            self.data.withLock { $0.append(chunk) }
        }
    }

    /// Stops collecting and returns everything read, draining what is left in the pipe.
    func finish() -> String {
        pipe.fileHandleForReading.readabilityHandler = nil
        let rest = pipe.fileHandleForReading.readDataToEndOfFile()
        return data.withLock { String(decoding: $0 + rest, as: UTF8.self) }
    }

    /// What has arrived so far.
    var text: String { data.withLock { String(decoding: $0, as: UTF8.self) } }
}
