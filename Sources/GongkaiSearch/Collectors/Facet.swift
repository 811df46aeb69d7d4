/// The value counts of one field over the whole match set.
public struct Facet: Sendable, Hashable {
    /// One value and how often it occurs.
    public struct Value: Sendable, Hashable {
        /// The value as written in the records.
        public var value: String
        /// The number of matching records with this value.
        public var count: Int
        /// The exact sum of `amount` over those records, in fen.
        public var amountSumFen: Int64

        /// Creates a facet value.
        public init(value: String, count: Int, amountSumFen: Int64) {
            self.value = value
            self.count = count
            self.amountSumFen = amountSumFen
        }
    }

    /// The field counted.
    public var field: String
    /// The most frequent values (at most ``SearchLimits/facetValues``), by count then value.
    public var values: [Value]

    /// Creates a facet.
    public init(field: String, values: [Value]) {
        self.field = field
        self.values = values
    }
}
