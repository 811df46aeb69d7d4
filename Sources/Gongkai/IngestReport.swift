/// What one ingest run did.
public struct IngestReport: Sendable, Hashable {
    /// One rejected input line.
    public struct Rejection: Sendable, Hashable, CustomStringConvertible {
        /// The input's name (`-` for standard input).
        public var source: String
        /// The 1-based line number.
        public var line: Int
        /// Why the line was rejected.
        public var reason: String

        /// Creates a rejection.
        public init(source: String, line: Int, reason: String) {
            self.source = source
            self.line = line
            self.reason = reason
        }

        /// `FILE:LINE: reason`.
        public var description: String { "\(source):\(line): \(reason)" }
    }

    /// Lines accepted: new records and replacements alike.
    public var accepted = 0
    /// Of the accepted lines, those that replaced an earlier record with the same id.
    public var replaced = 0
    /// Lines rejected, in input order.
    public var rejections: [Rejection] = []

    /// Creates an empty report.
    public init() {}

    /// The number of rejected lines.
    public var rejected: Int { rejections.count }
}
