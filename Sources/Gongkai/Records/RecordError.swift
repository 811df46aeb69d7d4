/// Why an input line was rejected. The description is one plain sentence.
public struct RecordError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The reason, in plain words, without the line number.
    public var reason: String

    /// Creates an error with a reason.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
