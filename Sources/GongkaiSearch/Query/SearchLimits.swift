/// The bounds on every resource a request can grow. Each is enforced with a ``QueryError``.
public enum SearchLimits {
    /// The longest query, in characters.
    public static let queryLength = 256
    /// The most words a query may have.
    public static let words = 32
    /// The largest page.
    public static let limit = 1000
    /// The deepest page start.
    public static let offset = 100_000
    /// The most filters a request may have.
    public static let filters = 32
    /// The longest filter value, in characters.
    public static let filterValueLength = 256
    /// The most extra facet fields a request may name.
    public static let facets = 8
    /// The most values reported per facet (the most frequent ones).
    public static let facetValues = 100
    /// The longest snippet, in characters.
    public static let snippetLength = 160
    /// The most snippets per field of a hit.
    public static let snippetsPerField = 3
}
