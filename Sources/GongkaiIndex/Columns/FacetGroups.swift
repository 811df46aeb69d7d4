/// Several dense keyword columns of one segment folded into one: each distinct combination of
/// value ordinals a document has across the fields gets a group number, so one pass over a
/// match set counts every field at once (and sums amounts per group); the group counts are
/// then spread back over the fields' values.
///
/// Derived from the columns when first needed (see ``SegmentReader/facetGroups(fields:)``);
/// nothing of it is stored on disk. A class: every search of the segment shares it, and
/// passing it on costs one reference, not one per array. Unchecked `Sendable`: the rows are
/// written once, before it is shared, and their memory lives as long as it does.
public final class FacetGroups: @unchecked Sendable {
    /// The fields folded in, each with a dense column in the segment.
    public let fields: [String]
    /// Their columns, in the order of `fields`.
    public let columns: [KeywordColumnReader]
    /// What a match reads of one document, side by side: its group, its amount as summed and
    /// its BM25 length. Sixteen bytes, four documents a cache line; read from three columns,
    /// a match took three lines, each likely evicted since the last search.
    public struct Row: Sendable, BitwiseCopyable {
        /// The document's amount in fen, 0 when absent (what amount sums add).
        public let summedAmount: Int64
        /// The document's weighted length (``SegmentReader/documentLengths``).
        public let length: UInt32
        /// The document's group.
        public let group: UInt16
    }

    /// The row of each document, in memory backed by 2 MB pages (``HugePageMemory``): a match
    /// read is one cache line and no TLB miss.
    public let rows: UnsafeBufferPointer<Row>
    private let rowMemory: HugePageMemory
    /// For group `g`, the value ordinal of field `f` at `g * fields.count + f`
    /// (`UInt32.max` when the document has no value there).
    public let ordinals: [UInt32]

    /// The number of groups.
    public var groupCount: Int { fields.isEmpty ? 0 : ordinals.count / fields.count }
    /// Per group, its documents in the segment (deleted ones included).
    public let documentsByGroup: [Int]
    /// Per group, the sum of its documents' amounts (as summed; deleted ones included).
    public let amountsByGroup: [Int64]

    /// Folds the dense columns of `fields` in `segment`; fields without a dense column are
    /// left out (count them another way). `nil` when no field has one, or when the documents
    /// have more combinations than a 16-bit group number holds.
    init?(segment: SegmentReader, fields wanted: [String]) {
        var fields: [String] = []
        var columns: [KeywordColumnReader] = []
        for field in wanted {
            guard let column = segment.keywordColumns[field], column.isDense else { continue }
            fields.append(field)
            columns.append(column)
        }
        guard !fields.isEmpty else { return nil }
        // A mixed-radix key per document: ordinal + 1 per field (0 = no value).
        var radix: [Int] = []
        var keySpace = 1
        for column in columns {
            radix.append(column.valueCount + 1)
            keySpace = keySpace.multipliedReportingOverflow(by: column.valueCount + 1).partialValue
            guard keySpace > 0, keySpace < 1 << 40 else { return nil }
        }
        let count = segment.documentCount
        let (amounts, lengths) = (segment.amounts, segment.documentLengths)
        let (memory, rows) = HugePageMemory.array(of: Row.self, count: count)
        var ordinals: [UInt32] = []
        var documentsByGroup: [Int] = []
        var amountsByGroup: [Int64] = []
        var numbered: [Int: UInt16] = [:]
        for doc in 0..<count {
            var key = 0
            for (f, column) in columns.enumerated() {
                key = key * radix[f] + Int(column.ordinal(of: UInt32(doc)).map { $0 + 1 } ?? 0)
            }
            var group = numbered[key]
            if group == nil {
                guard numbered.count <= Int(UInt16.max) else { return nil }
                group = UInt16(numbered.count)
                numbered[key] = group
                for column in columns { ordinals.append(column.ordinal(of: UInt32(doc)) ?? UInt32.max) }
                documentsByGroup.append(0)
                amountsByGroup.append(0)
            }
            rows[doc] = Row(summedAmount: max(amounts[doc], 0), length: lengths[doc], group: group!)
            documentsByGroup[Int(group!)] += 1
            amountsByGroup[Int(group!)] &+= rows[doc].summedAmount
        }
        self.fields = fields
        self.columns = columns
        self.rows = UnsafeBufferPointer(rows)
        rowMemory = memory
        self.ordinals = ordinals
        self.documentsByGroup = documentsByGroup
        self.amountsByGroup = amountsByGroup
    }

    /// Whether `documents` matches are best counted by group and then spread over the fields
    /// (a few steps a document and a step per field for each group met, plus, once per
    /// search, zeroed counts for every group) rather than document by document in each
    /// field: from one match for every 4 groups up (measured with callgrind on name and
    /// multi-word queries, when the counts were zeroed per segment).
    @inline(__always)
    public func countsByGroup(_ documents: Int) -> Bool { documents * 4 >= groupCount }

    /// The groups whose value of field number `field` is one of the ordinals `values`: the
    /// documents with one of those values are exactly theirs.
    public func groups(field: Int, values: [UInt32]) -> [Int] {
        let stride = fields.count
        var found: [Int] = []
        ordinals.withUnsafeBufferPointer { ordinals in
            // One value is the usual case: a comparison, not a search of the list.
            if values.count == 1 {
                let value = values[0]
                for g in 0..<groupCount where ordinals[g * stride + field] == value { found.append(g) }
            } else {
                for g in 0..<groupCount where values.contains(ordinals[g * stride + field]) { found.append(g) }
            }
        }
        return found
    }
}
