/// Why the engine could not open, read or write an index. The description says what went
/// wrong and, where it can, what to do.
public struct EngineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The broad kind of failure.
    public enum Code: Sendable, Hashable {
        /// A file could not be read, written or synced.
        case io
        /// An index or store file is damaged.
        case corrupt
        /// The index was written by a newer or older, incompatible version.
        case incompatible
        /// Another process is writing to the index.
        case locked
        /// The engine was opened read-only and asked to write.
        case readOnly
        /// No record has the given id.
        case notFound
    }

    /// The kind of failure.
    public var code: Code
    /// A plain sentence describing it.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
