import GongkaiIndex

/// Counts the values of one field over the match set, with amount sums, segment by segment.
/// Reads the field's keyword column and counts by the value numbers of the snapshot's
/// ``FacetValueTable``; where a segment has no column (the field holds long text there), it
/// counts the field's exact-value terms against the segment's matches instead.
final class FacetCounter {
    let field: String
    private let table: FacetValueTable
    /// Per value number `n` of `table`, its count at `2n` and its amount sum at `2n + 1`: storage
    /// of ``slots(_:)`` zeroed entries that the searcher owns for the length of the search.
    private let tallies: UnsafeMutablePointer<Int64>
    /// Values counted from exact-value terms, where a segment has no column.
    private var uncolumned: [String: (count: Int, fen: Int64)] = [:]
    private var column: KeywordColumnReader?
    /// The current segment's value ordinal → value number.
    private var numbers: [UInt32] = []
    private var fallbackDocs: [UInt32] = []
    private var fallbackAmounts: [Int64] = []

    /// A counter of `field`, whose values across the snapshot `table` numbers, counting into
    /// `tallies` (``slots(_:)`` zeroed entries, alive while the counter is used).
    init(field: String, table: FacetValueTable, tallies: UnsafeMutablePointer<Int64>) {
        self.field = field
        self.table = table
        self.tallies = tallies
    }

    /// The number of tally entries a counter over `table` needs.
    static func slots(_ table: FacetValueTable) -> Int { 2 * table.values.count }

    /// Starts counting in `segment`, entry `entry` of the snapshot.
    func begin(_ segment: SegmentReader, entry: Int) {
        column = segment.keywordColumns[field]
        numbers = table.numbers[entry] ?? []
        fallbackDocs.removeAll(keepingCapacity: true)
        fallbackAmounts.removeAll(keepingCapacity: true)
    }

    /// Counts the matching documents `docs` (increasing) of the current segment.
    func add(_ docs: [UInt32], amounts: UnsafeBufferPointer<Int64>) {
        guard let column else {
            fallbackDocs = docs
            fallbackAmounts = docs.map { max(amounts[Int($0)], 0) }
            return
        }
        let tallies = tallies
        numbers.withUnsafeBufferPointer { numbers in
            @inline(__always) func add(_ ordinal: Int, _ doc: UInt32) {
                let n = Int(numbers[ordinal])
                tallies[2 * n] &+= 1
                tallies[2 * n + 1] &+= max(amounts[Int(doc)], 0)
            }
            if column.isDense {
                // One loop per width, so the per-document work is two loads and two adds.
                let (base, width) = column.rawOrdinals
                switch width {
                case 1:
                    let ordinals = base.assumingMemoryBound(to: UInt8.self)
                    for doc in docs {
                        let o = ordinals[Int(doc)]
                        if o != UInt8.max { add(Int(o), doc) }
                    }
                case 2:
                    for doc in docs {
                        let o = base.loadUnaligned(fromByteOffset: 2 * Int(doc), as: UInt16.self)
                        if o != UInt16.max { add(Int(o), doc) }
                    }
                default:
                    for doc in docs {
                        let o = base.loadUnaligned(fromByteOffset: 4 * Int(doc), as: UInt32.self)
                        if o != UInt32.max { add(Int(o), doc) }
                    }
                }
            } else {
                for doc in docs {
                    for i in column.range(of: doc) { add(Int(column.ordinal(at: i)), doc) }
                }
            }
        }
    }

    /// Counts a segment's matches from their group counts: field number `index` of `groups`
    /// is this counter's field, in snapshot entry `entry`, and `met` lists the groups with a
    /// count. Stands for ``begin(_:entry:)``, ``add(_:amounts:)`` and ``end(_:)``.
    func add(groups: FacetGroups, fieldIndex index: Int, entry: Int, met: [Int], counts groupCounts: [Int], sums groupSums: [Int64]) {
        guard let numbers = table.numbers[entry] else { return }
        let stride = groups.fields.count
        for g in met {
            let ordinal = groups.ordinals[g * stride + index]
            if ordinal == UInt32.max { continue }
            let n = Int(numbers[Int(ordinal)])
            tallies[2 * n] += Int64(groupCounts[g])
            tallies[2 * n + 1] += groupSums[g]
        }
    }

    /// Counts the matching documents `docs` (increasing) of snapshot entry `entry` through
    /// their groups: field number `index` of `groups` is this counter's field. Stands for
    /// ``begin(_:entry:)``, ``add(_:amounts:)`` and ``end(_:)``.
    func add(_ docs: [UInt32], groups: FacetGroups, fieldIndex index: Int, entry: Int) {
        guard let numbers = table.numbers[entry] else { return }
        let stride = groups.fields.count
        let rows = groups.rows
        groups.ordinals.withUnsafeBufferPointer { ordinals in
            for doc in docs {
                let row = rows[Int(doc)]
                let ordinal = ordinals[Int(row.group) * stride + index]
                if ordinal == UInt32.max { continue }
                let n = Int(numbers[Int(ordinal)])
                tallies[2 * n] &+= 1
                tallies[2 * n + 1] &+= row.summedAmount
            }
        }
    }

    /// Finishes the segment: where it has no column, counts its exact-value terms against
    /// the matches kept by ``add(_:amounts:)``.
    func end(_ segment: SegmentReader) {
        guard column == nil, !fallbackDocs.isEmpty else { return }
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
            Self.add(&uncolumned[String(decoding: UnsafeBufferPointer(rebasing: term[prefix.count...]), as: UTF8.self), default: (0, 0)], count, fen)
        }
    }

    /// Adds the counts of `other`, a counter of the same field and table that counted other
    /// segments.
    func absorb(_ other: FacetCounter) {
        for i in 0..<Self.slots(table) { tallies[i] &+= other.tallies[i] }
        for (value, total) in other.uncolumned { Self.add(&uncolumned[value, default: (0, 0)], total.count, total.fen) }
    }

    /// The most frequent values, by count then value. Values that are the same text in
    /// different spellings count as one, as ``FacetValueTable`` numbers them.
    func facet() -> Facet {
        var values: [Facet.Value] = []
        if uncolumned.isEmpty {
            // Ties in count go by value: by the table's ranks, which are the values' order, so
            // no string is compared here. The numbers met are sorted in scratch storage.
            let (tallies, ranks) = (tallies, table.ranks)
            withUnsafeTemporaryAllocation(of: Int.self, capacity: table.values.count) { scratch in
                var met = 0
                for n in table.values.indices where tallies[2 * n] > 0 {
                    scratch[met] = n
                    met += 1
                }
                var numbers = UnsafeMutableBufferPointer(rebasing: scratch[..<met])
                numbers.sort { (a: Int, b: Int) -> Bool in
                    let (countA, countB) = (tallies[2 * a], tallies[2 * b])
                    return countA != countB ? countA > countB : ranks[a] < ranks[b]
                }
                values.reserveCapacity(min(met, SearchLimits.facetValues))
                for n in numbers.prefix(SearchLimits.facetValues) {
                    values.append(Facet.Value(value: table.values[n], count: Int(tallies[2 * n]), amountSumFen: tallies[2 * n + 1]))
                }
            }
            return Facet(field: field, values: values)
        }
        var merged = uncolumned
        for n in table.values.indices where tallies[2 * n] > 0 {
            Self.add(&merged[table.values[n], default: (0, 0)], Int(tallies[2 * n]), tallies[2 * n + 1])
        }
        values = merged.map { Facet.Value(value: $0.key, count: $0.value.count, amountSumFen: $0.value.fen) }
        values.sort { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
        if values.count > SearchLimits.facetValues { values.removeLast(values.count - SearchLimits.facetValues) }
        return Facet(field: field, values: values)
    }

    private static func add(_ total: inout (count: Int, fen: Int64), _ count: Int, _ fen: Int64) {
        total.count += count
        total.fen += fen
    }
}
