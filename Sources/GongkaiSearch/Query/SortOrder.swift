/// How hits are ordered. Ties are broken by record id, ascending, so pages are stable.
public enum SortOrder: String, Sendable, Hashable, CaseIterable {
    /// BM25 score, highest first.
    case relevance
    /// `date`, newest first; records without a date come last.
    case date
    /// `amount`, largest first; records without an amount come last.
    case amount

    /// Parses a sort name.
    public init(parsing name: String) throws(QueryError) {
        guard let order = SortOrder(rawValue: name) else {
            throw QueryError("unknown sort \"\(name.prefix(40))\"; use relevance, date or amount")
        }
        self = order
    }
}
