/// Where an ingest reads JSON Lines from.
public enum IngestInput: Sendable, Hashable {
    /// A file on disk.
    case file(String)
    /// The process's standard input (named `-` in messages).
    case standardInput
    /// Lines held in memory, with a name for messages.
    case lines(name: String, [String])

    /// The name used in `FILE:LINE: reason` messages.
    public var name: String {
        switch self {
        case .file(let path): return path
        case .standardInput: return "-"
        case .lines(let name, _): return name
        }
    }
}

/// Progress of a long ingest, reported about once a second and after every commit.
public struct IngestProgress: Sendable, Hashable {
    /// Lines read so far.
    public var lines: Int
    /// Bytes read so far.
    public var bytes: Int
    /// Accepted lines committed so far: durable, they survive any later crash.
    public var committed: Int
    /// Seconds since the ingest began.
    public var seconds: Double
}
