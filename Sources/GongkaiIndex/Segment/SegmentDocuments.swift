/// What a segment keeps per document, as a ``SegmentBuilder`` gathers it: record ids,
/// weighted lengths, the typed columns and the keyword columns. The documents of several
/// builders join (``append(_:)``) into those of the one segment they are written as.
struct SegmentDocuments: Sendable {
    /// The values of one keyword field, as (document, value ordinal) pairs in document order.
    struct KeywordColumn: Sendable {
        /// By the value's bytes: two spellings of one text are two values here, as in
        /// different segments; facets join them by text (``FacetValueTable``).
        var ordinals: [TermKey: UInt32] = [:]
        var values: [String] = []
        var entries: [(doc: UInt32, ordinal: UInt32)] = []
        var longestValueBytes = 0
    }

    var recordIDs: [String] = []
    var lengths: [UInt32] = []
    var years: [Int32] = []
    var amounts: [Int64] = []
    var dates: [Int32] = []
    /// The keyword columns, numbered in the order their fields were met (``columnNumbers``).
    var columns: [KeywordColumn] = []
    private var columnNumbers: [String: Int] = [:]

    /// The number of documents.
    var count: Int { recordIDs.count }

    /// The keyword columns by field name.
    var keywordFields: [String: KeywordColumn] { columnNumbers.mapValues { columns[$0] } }

    /// The number of `field`'s keyword column, made when the field is new.
    mutating func columnNumber(_ field: String) -> Int {
        if let number = columnNumbers[field] { return number }
        columns.append(KeywordColumn())
        columnNumbers[field] = columns.count - 1
        return columns.count - 1
    }

    /// Appends the documents of `other` after these, numbered from ``count`` on.
    mutating func append(_ other: SegmentDocuments) {
        let base = UInt32(count)
        for (field, number) in other.columnNumbers.sorted(by: { $0.value < $1.value }) {
            // Each of the other column's values, by its ordinal there, gets its ordinal here.
            let column = other.columns[number], mine = columnNumber(field)
            let ordinals = column.values.map { columns[mine].ordinal(of: $0) }
            columns[mine].entries.append(contentsOf: column.entries.map { (doc: $0.doc + base, ordinal: ordinals[Int($0.ordinal)]) })
        }
        recordIDs.append(contentsOf: other.recordIDs)
        lengths.append(contentsOf: other.lengths)
        years.append(contentsOf: other.years)
        amounts.append(contentsOf: other.amounts)
        dates.append(contentsOf: other.dates)
    }
}

extension SegmentDocuments.KeywordColumn {
    /// The ordinal of `value`, numbered next when it is new.
    mutating func ordinal(of value: String) -> UInt32 {
        let key = TermKey(bytes: Array(value.utf8))
        if let existing = ordinals[key] { return existing }
        let ordinal = UInt32(values.count)
        ordinals[key] = ordinal
        values.append(value)
        longestValueBytes = max(longestValueBytes, value.utf8.count)
        return ordinal
    }
}
