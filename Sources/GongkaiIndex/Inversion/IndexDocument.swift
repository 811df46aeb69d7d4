/// A record as the index sees it: text to analyse, exact values to filter and count, and the
/// typed values of its columns.
public struct IndexDocument: Sendable {
    /// The record's id.
    public var recordID: String
    /// Text values in record order: each array element is a value of its own.
    public var texts: [(field: String, text: String)]
    /// Values for exact filters and facets, as written, in record order: a field with several
    /// values comes once per value (one flat array: an array per field cost an allocation each).
    public var keywordPairs: [(field: String, value: String)]
    /// The `year` column value.
    public var year: Int32?
    /// The `amount` column value, in fen.
    public var amountFen: Int64?
    /// The `date` column value, in days since 1970-01-01.
    public var dateDays: Int32?

    /// Creates a document whose exact values are (field, value) pairs.
    public init(recordID: String, texts: [(field: String, text: String)], keywordPairs: [(field: String, value: String)],
                year: Int32? = nil, amountFen: Int64? = nil, dateDays: Int32? = nil) {
        self.recordID = recordID
        self.texts = texts
        self.keywordPairs = keywordPairs
        self.year = year
        self.amountFen = amountFen
        self.dateDays = dateDays
    }

    /// Creates a document whose exact values are given per field.
    public init(recordID: String, texts: [(field: String, text: String)], keywords: [(field: String, values: [String])],
                year: Int32? = nil, amountFen: Int64? = nil, dateDays: Int32? = nil) {
        self.init(recordID: recordID, texts: texts, keywordPairs: keywords.flatMap { k in k.values.map { (k.field, $0) } },
                  year: year, amountFen: amountFen, dateDays: dateDays)
    }
}
