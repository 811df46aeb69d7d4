import Foundation
import Logging

/// Writes the server's log messages to standard error, one line each:
/// `2026-11-30T20:00:00Z error gongkai.server: [hb.request.id=…] message`.
///
/// swift-log's `StreamLogHandler` formats its metadata into a string whenever the metadata
/// changes, and Hummingbird gives every request's logger a request id: that was 3 % of the
/// server's time under load, for lines that are almost never written. This handler formats
/// metadata only when it writes a line.
struct StandardErrorLogHandler: LogHandler {
    /// The logger's label, written on every line.
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    /// Where finished lines go: standard error, or a test's collector.
    let write: @Sendable (String) -> Void

    init(label: String, logLevel: Logger.Level,
         write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.label = label
        self.logLevel = logLevel
        self.write = write
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { $1 } }
        if let given = event.metadata { all.merge(given) { $1 } }
        let pairs = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line = "\(Date().ISO8601Format()) \(event.level) \(label): \(pairs.isEmpty ? "" : "[\(pairs)] ")\(event.message)\n"
        write(line)
    }
}
