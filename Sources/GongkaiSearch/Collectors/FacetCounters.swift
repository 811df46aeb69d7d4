import GongkaiIndex

/// Counts the values of a search's facet fields over the match set, with amount sums, segment
/// by segment. Facet `c` counts field `fields[c]` by the value numbers of the snapshot's
/// ``FacetValueTable`` `tables[c]`, reading the field's keyword column; where a segment has no
/// column (the field holds long text there), it counts the field's exact-value terms against
/// the segment's matches instead.
///
/// One object for all the facets of a search, its tallies in one allocation: a small search
/// made five counters and their storage, and freed them, for a few documents.
final class FacetCounters {
    let fields: [String]
    private let tables: [FacetValueTable]
    /// Per facet `c`, from `base(c)`: per value number `n` of `tables[c]`, its count at `2n`
    /// and its amount sum at `2n + 1`.
    private let tallies: UnsafeMutablePointer<Int64>
    private let slotCount: Int
    /// Values counted from exact-value terms, where a segment has no column, by facet.
    @exclusivity(unchecked) private var uncolumned: [Int: [String: (count: Int, fen: Int64)]] = [:]

    /// Zeroed counters of `fields`, whose values across the snapshot `tables` number.
    init(fields: [String], tables: [FacetValueTable]) {
        self.fields = fields
        self.tables = tables
        slotCount = tables.reduce(0) { $0 + 2 * $1.values.count }
        tallies = .allocate(capacity: max(slotCount, 1))
        tallies.initialize(repeating: 0, count: slotCount)
    }

    deinit { tallies.deallocate() }

    /// Facet `c`'s tallies.
    @inline(__always)
    private func base(_ c: Int) -> UnsafeMutablePointer<Int64> {
        var offset = 0
        for t in 0..<c { offset += 2 * tables[t].values.count }
        return tallies + offset
    }

    /// Counts into facet `c` the matching documents `docs` (increasing) of `segment`, entry
    /// `entry` of the snapshot.
    func add(_ c: Int, _ docs: [UInt32], amounts: UnsafeBufferPointer<Int64>, in segment: SegmentReader, entry: Int) {
        guard let column = segment.keywordColumns[fields[c]] else {
            countTerms(c, docs, amounts: amounts, in: segment)
            return
        }
        let tallies = base(c)
        (tables[c].numbers[entry] ?? []).withUnsafeBufferPointer { numbers in
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

    /// Counts into facet `c` a segment's matches from their group counts: field number `index`
    /// of `groups` is its field, in snapshot entry `entry`, and `met` lists the groups with a
    /// count.
    func add(_ c: Int, groups: FacetGroups, fieldIndex index: Int, entry: Int, met: [Int], counts groupCounts: UnsafeBufferPointer<Int>,
             sums groupSums: UnsafeBufferPointer<Int64>) {
        guard let numbers = tables[c].numbers[entry] else { return }
        let tallies = base(c)
        let stride = groups.fields.count
        for g in met {
            let ordinal = groups.ordinals[g * stride + index]
            if ordinal == UInt32.max { continue }
            let n = Int(numbers[Int(ordinal)])
            tallies[2 * n] += Int64(groupCounts[g])
            tallies[2 * n + 1] += groupSums[g]
        }
    }

    /// Counts into facet `c` every document of a term in snapshot entry `entry` from the
    /// term's `summary`, whose `column` is the facet's field.
    func add(_ c: Int, summary: TermSummary, column: TermSummaries.Column, entry: Int) {
        guard let numbers = tables[c].numbers[entry] else { return }
        let tallies = base(c)
        for ordinal in 0..<column.valueCount {
            let (documents, amount) = summary.tally(column, ordinal: ordinal)
            guard documents > 0 else { continue }
            let n = Int(numbers[ordinal])
            tallies[2 * n] += Int64(documents)
            tallies[2 * n + 1] += amount
        }
    }

    /// Counts into facet `c` the matching documents `docs` (increasing) of snapshot entry
    /// `entry` through their groups: field number `index` of `groups` is its field.
    func add(_ c: Int, _ docs: [UInt32], groups: FacetGroups, fieldIndex index: Int, entry: Int) {
        guard let numbers = tables[c].numbers[entry] else { return }
        let tallies = base(c)
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

    /// Where `segment` has no column for facet `c`'s field: counts its exact-value terms
    /// against the matches `docs`.
    private func countTerms(_ c: Int, _ docs: [UInt32], amounts: UnsafeBufferPointer<Int64>, in segment: SegmentReader) {
        guard !docs.isEmpty else { return }
        let prefix = Term.exactPrefix(field: fields[c])
        for index in segment.termRange(prefix: prefix) {
            let listed = PostingsReader.documents(segment, segment.termInfo(at: index))
            var count = 0
            var fen: Int64 = 0
            var cursor = 0
            for doc in docs {
                cursor = DocumentSets.advance(listed, from: cursor, to: doc)
                if cursor < listed.count, listed[cursor] == doc { count += 1; fen += max(amounts[Int(doc)], 0) }
            }
            guard count > 0 else { continue }
            let term = segment.term(at: index)
            Self.add(&uncolumned[c, default: [:]][String(decoding: UnsafeBufferPointer(rebasing: term[prefix.count...]), as: UTF8.self), default: (0, 0)],
                     count, fen)
        }
    }

    /// Adds the counts of `other`, counters of the same fields and tables that counted other
    /// segments.
    func absorb(_ other: FacetCounters) {
        for i in 0..<slotCount { tallies[i] &+= other.tallies[i] }
        for (c, values) in other.uncolumned {
            for (value, total) in values { Self.add(&uncolumned[c, default: [:]][value, default: (0, 0)], total.count, total.fen) }
        }
    }

    /// Facet `c`: the most frequent values, by count then value. Values that are the same text
    /// in different spellings count as one, as ``FacetValueTable`` numbers them.
    func facet(_ c: Int) -> Facet {
        let (table, tallies) = (tables[c], base(c))
        var values: [Facet.Value] = []
        guard let uncolumned = uncolumned[c] else {
            // Ties in count go by value: by the table's ranks, which are the values' order, so
            // no string is compared here. The numbers met are sorted in scratch storage.
            let ranks = table.ranks
            withUnsafeTemporaryAllocation(of: Int.self, capacity: table.values.count) { scratch in
                var met = 0
                for n in table.values.indices where tallies[2 * n] > 0 {
                    scratch[met] = n
                    met += 1
                }
                guard met > 0 else { return }
                var numbers = UnsafeMutableBufferPointer(rebasing: scratch[..<met])
                @inline(__always) func before(_ a: Int, _ b: Int) -> Bool {
                    let (countA, countB) = (tallies[2 * a], tallies[2 * b])
                    return countA != countB ? countA > countB : ranks[a] < ranks[b]
                }
                if met <= 16 { numbers.insertionSort(by: before) } else { numbers.sort(by: before) }
                values.reserveCapacity(min(met, SearchLimits.facetValues))
                for n in numbers.prefix(SearchLimits.facetValues) {
                    values.append(Facet.Value(value: table.values[n], count: Int(tallies[2 * n]), amountSumFen: tallies[2 * n + 1]))
                }
            }
            return Facet(field: fields[c], values: values)
        }
        var merged = uncolumned
        for n in table.values.indices where tallies[2 * n] > 0 {
            Self.add(&merged[table.values[n], default: (0, 0)], Int(tallies[2 * n]), tallies[2 * n + 1])
        }
        values = merged.map { Facet.Value(value: $0.key, count: $0.value.count, amountSumFen: $0.value.fen) }
        values.sort { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
        if values.count > SearchLimits.facetValues { values.removeLast(values.count - SearchLimits.facetValues) }
        return Facet(field: fields[c], values: values)
    }

    private static func add(_ total: inout (count: Int, fen: Int64), _ count: Int, _ fen: Int64) {
        total.count += count
        total.fen += fen
    }
}
