import Synchronization

/// The distinct values of one field across the segments of a snapshot, numbered once: facets
/// count by number in every segment, with no hashing per value and no `String` made per
/// search. Values that are the same text (canonically equivalent, as `String` compares) in
/// different spellings share one number, shown in the spelling met first.
///
/// Derived from the keyword columns when first needed (see ``IndexSnapshot/facetValues(field:)``);
/// nothing of it is stored on disk.
public struct FacetValueTable: Sendable {
    /// The values, by number.
    public let values: [String]
    /// The rank of each value (by number) in `String` order: comparing ranks orders values as
    /// comparing the strings does, without the strings.
    public let ranks: [UInt32]
    /// For each snapshot entry, the number of each value ordinal of the field's keyword
    /// column there; `nil` where the segment has no column for the field (long text).
    public let numbers: [[UInt32]?]

    /// Numbers the values of `field` in `entries`.
    init(field: String, entries: [IndexSnapshot.Entry]) {
        var known: [String: UInt32] = [:]
        var values: [String] = []
        numbers = entries.map { entry in
            guard let column = entry.reader.keywordColumns[field] else { return nil }
            return (0..<column.valueCount).map { ordinal in
                let value = column.value(UInt32(ordinal))
                if let number = known[value] { return number }
                let number = UInt32(values.count)
                known[value] = number
                values.append(value)
                return number
            }
        }
        self.values = values
        var ranks = [UInt32](filling: 0, count: values.count)
        for (rank, number) in values.indices.sorted(by: { values[$0] < values[$1] }).enumerated() { ranks[number] = UInt32(rank) }
        self.ranks = ranks
    }
}

/// The facet value tables of one snapshot, built on first use per field and shared by every
/// search of the snapshot.
final class FacetValueTables: Sendable {
    /// The tables of a list of fields, in its order.
    private struct FieldList {
        let fields: [String]
        let tables: [FacetValueTable]
    }
    private struct Known {
        var byField: [String: FacetValueTable] = [:]
        /// Lists asked for before: a search finds its list with one comparison (the same
        /// array, as the default facets are, compares by identity) instead of a hash per field.
        var lists: [FieldList] = []
    }
    /// At most this many lists are remembered; other lists are looked up field by field.
    private static let listLimit = 16
    private let known = Mutex(Known())

    /// The tables of `fields` over `entries` (the snapshot's), each built on its first call.
    func tables(fields: [String], entries: [IndexSnapshot.Entry]) -> [FacetValueTable] {
        if let tables = known.withLock({ $0.lists.first { $0.fields == fields }?.tables }) { return tables }
        let tables = fields.map { table(field: $0, entries: entries) }
        known.withLock { if $0.lists.count < Self.listLimit { $0.lists.append(FieldList(fields: fields, tables: tables)) } }
        return tables
    }

    private func table(field: String, entries: [IndexSnapshot.Entry]) -> FacetValueTable {
        if let table = known.withLock({ $0.byField[field] }) { return table }
        // Built outside the lock: two searches may both build it; either result serves.
        let built = FacetValueTable(field: field, entries: entries)
        known.withLock { $0.byField[field] = built }
        return built
    }
}
