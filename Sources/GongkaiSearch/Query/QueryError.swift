/// Why a search request cannot run. The description is one plain sentence a user can act on.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The reason, in plain words.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
