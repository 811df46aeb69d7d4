import GongkaiText

/// For one dense keyword column with few values, the ordinals of each exact value: a column
/// keeps values as written, an exact-value term holds them normalised, and several written
/// forms may normalise alike. With it an exact filter can test a document's ordinal instead
/// of decoding the term's postings.
///
/// Derived from the column when first needed (see ``SegmentReader/exactValueOrdinals(field:)``).
public struct ExactValueOrdinals: Sendable {
    /// Columns with more values than this are not mapped (their terms are rare anyway).
    public static let maximumValues = 4096

    /// The column.
    public let column: KeywordColumnReader
    private let ordinalsByValue: [String: [UInt32]]

    /// Maps `column`, normalising its values as the index does for `field`; `nil` when the
    /// column is multi-valued or has more than ``maximumValues`` values.
    init?(column: KeywordColumnReader, analyzer: TextAnalyzer) {
        guard column.isDense, column.valueCount <= Self.maximumValues else { return nil }
        let raw = SegmentBuilder.rawKeywordFields.contains(column.field)
        var map: [String: [UInt32]] = [:]
        for ordinal in 0..<UInt32(column.valueCount) {
            let value = column.value(ordinal)
            map[raw ? value : analyzer.normalizedString(value), default: []].append(ordinal)
        }
        self.column = column
        ordinalsByValue = map
    }

    /// The ordinals whose values equal the normalised `value` (empty when none do).
    public func ordinals(of value: String) -> [UInt32] { ordinalsByValue[value] ?? [] }
}
