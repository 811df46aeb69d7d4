import GongkaiIndex
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts the values of one field over the match set, with amount sums, segment by segment.
/// Reads the field's keyword column; where a segment has none (the field holds long text
/// there), it counts the field's exact-value terms against the segment's matches instead.
struct FacetCounter {
    let field: String
    private var totals: [ValueKey: (count: Int, fen: Int64)] = [:]
    private var column: KeywordColumnReader?
    private var counts: [Int] = []
    private var sums: [Int64] = []
    private var fallbackDocs: [UInt32] = []
    private var fallbackAmounts: [Int64] = []

    init(field: String) { self.field = field }

    /// Starts counting in a new segment.
    mutating func begin(_ segment: SegmentReader) {
        column = segment.keywordColumns[field]
        counts = [Int](repeating: 0, count: column?.valueCount ?? 0)
        sums = [Int64](repeating: 0, count: column?.valueCount ?? 0)
        fallbackDocs.removeAll(keepingCapacity: true)
        fallbackAmounts.removeAll(keepingCapacity: true)
    }

    /// Counts the matching documents `docs` (increasing) of the current segment.
    mutating func add(_ docs: [UInt32], amounts: UnsafeBufferPointer<Int64>) {
        guard let column else {
            fallbackDocs = docs
            fallbackAmounts = docs.map { max(amounts[Int($0)], 0) }
            return
        }
        counts.withUnsafeMutableBufferPointer { counts in
            sums.withUnsafeMutableBufferPointer { sums in
                if column.isDense {
                    // One loop per width, so the per-document work is a load and two adds.
                    let (base, width) = column.rawOrdinals
                    switch width {
                    case 1:
                        let ordinals = base.assumingMemoryBound(to: UInt8.self)
                        for doc in docs {
                            let o = ordinals[Int(doc)]
                            if o == UInt8.max { continue }
                            counts[Int(o)] &+= 1
                            sums[Int(o)] &+= max(amounts[Int(doc)], 0)
                        }
                    case 2:
                        for doc in docs {
                            let o = base.loadUnaligned(fromByteOffset: 2 * Int(doc), as: UInt16.self)
                            if o == UInt16.max { continue }
                            counts[Int(o)] &+= 1
                            sums[Int(o)] &+= max(amounts[Int(doc)], 0)
                        }
                    default:
                        for doc in docs {
                            let o = base.loadUnaligned(fromByteOffset: 4 * Int(doc), as: UInt32.self)
                            if o == UInt32.max { continue }
                            counts[Int(o)] &+= 1
                            sums[Int(o)] &+= max(amounts[Int(doc)], 0)
                        }
                    }
                } else {
                    for doc in docs {
                        for i in column.range(of: doc) {
                            let ordinal = Int(column.ordinal(at: i))
                            counts[ordinal] &+= 1
                            sums[ordinal] &+= max(amounts[Int(doc)], 0)
                        }
                    }
                }
            }
        }
    }

    /// Counts a segment's matches from their group counts: field number `index` of `groups`
    /// is this counter's field. Stands for ``begin(_:)``, ``add(_:amounts:)`` and ``end(_:)``.
    mutating func add(groups: FacetGroups, fieldIndex index: Int, counts groupCounts: [Int], sums groupSums: [Int64]) {
        let column = groups.columns[index]
        var counts = [Int](repeating: 0, count: column.valueCount)
        var sums = [Int64](repeating: 0, count: column.valueCount)
        let stride = groups.fields.count
        for g in groupCounts.indices where groupCounts[g] > 0 {
            let ordinal = groups.ordinals[g * stride + index]
            if ordinal == UInt32.max { continue }
            counts[Int(ordinal)] += groupCounts[g]
            sums[Int(ordinal)] += groupSums[g]
        }
        fold(column, counts, sums)
    }

    /// Adds per-ordinal counts of `column` to the totals by value.
    private mutating func fold(_ column: KeywordColumnReader, _ counts: [Int], _ sums: [Int64]) {
        for ordinal in counts.indices where counts[ordinal] > 0 {
            addTotal(column.valueBytes(UInt32(ordinal)), counts[ordinal], sums[ordinal])
        }
    }

    /// Finishes the segment, folding its counts into the totals by value.
    mutating func end(_ segment: SegmentReader) {
        if let column {
            fold(column, counts, sums)
        } else if !fallbackDocs.isEmpty {
            let prefix = Term.exactPrefix(field: field)
            for index in segment.termRange(prefix: prefix) {
                let docs = PostingsReader.documents(segment, segment.termInfo(at: index))
                var count = 0
                var fen: Int64 = 0
                var cursor = 0
                for (i, doc) in fallbackDocs.enumerated() {
                    cursor = DocumentSets.advance(docs, from: cursor, to: doc)
                    if cursor < docs.count, docs[cursor] == doc { count += 1; fen += fallbackAmounts[i] }
                }
                guard count > 0 else { continue }
                let term = segment.term(at: index)
                addTotal(UnsafeBufferPointer(rebasing: term[prefix.count...]), count, fen)
            }
        }
    }

    /// Adds to the total of the value whose UTF-8 is `bytes` (in the segment's memory map,
    /// which outlives the search).
    private mutating func addTotal(_ bytes: UnsafeBufferPointer<UInt8>, _ count: Int, _ fen: Int64) {
        let key = ValueKey(bytes: bytes)
        if let i = totals.index(forKey: key) {
            totals.values[i].count += count
            totals.values[i].fen += fen
        } else {
            totals[key] = (count, fen)
        }
    }

    /// Whether a string of such scalars is in NFC and no other spelling is canonically
    /// equivalent to it: ASCII and unified ideographs (not the compatibility ones).
    private static func isCanonicallyStable(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x80 || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF)
    }

    /// The most frequent values, by count then value. Values that differ in bytes but are
    /// the same text (canonically equivalent) are one value, as they are within a segment;
    /// that takes a merge by `String` only when some value could have another spelling.
    func facet() -> Facet {
        let texts = totals.map { (String(decoding: $0.key.bytes, as: UTF8.self), $0.value) }
        var values: [Facet.Value]
        if texts.allSatisfy({ $0.0.unicodeScalars.allSatisfy(Self.isCanonicallyStable) }) {
            values = texts.map { Facet.Value(value: $0.0, count: $0.1.count, amountSumFen: $0.1.fen) }
        } else {
            var merged: [String: (count: Int, fen: Int64)] = [:]
            for (text, total) in texts { Self.add(&merged[text, default: (0, 0)], total.count, total.fen) }
            values = merged.map { Facet.Value(value: $0.key, count: $0.value.count, amountSumFen: $0.value.fen) }
        }
        values.sort { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
        return Facet(field: field, values: Array(values.prefix(SearchLimits.facetValues)))
    }

    private static func add(_ total: inout (count: Int, fen: Int64), _ count: Int, _ fen: Int64) {
        total.count += count
        total.fen += fen
    }

    /// A value keyed by its UTF-8 bytes where they lie in a segment: no `String` is made
    /// per segment, and hashing and comparing bytes skips the Unicode normalisation
    /// `String` applies to every non-ASCII key.
    private struct ValueKey: Hashable {
        let bytes: UnsafeBufferPointer<UInt8>

        func hash(into hasher: inout Hasher) { hasher.combine(bytes: UnsafeRawBufferPointer(bytes)) }

        static func == (a: ValueKey, b: ValueKey) -> Bool {
            a.bytes.count == b.bytes.count && (a.bytes.isEmpty || memcmp(a.bytes.baseAddress!, b.bytes.baseAddress!, a.bytes.count) == 0)
        }
    }
}
