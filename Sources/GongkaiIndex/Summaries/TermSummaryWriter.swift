/// Builds a segment's term summaries section (FORMAT.md, "Term summaries"): for each term
/// listed in many documents, the amount sum of its documents, their count per value of every
/// column with few values, and per block of postings the highest weighted frequency and the
/// shortest length, and, when the term is in one document in 32 or more, a bitset of its
/// documents. A one-word search of such a term takes its totals and facets from the summary
/// and decodes only the blocks that can still reach its page; a search of several words tests
/// the bitset instead of stepping through the postings.
///
/// Documents are grouped by their values across the summarised columns, as ``FacetGroups``
/// does at search time: a posting adds to its document's group (two adds), and the groups a
/// term met are spread over the columns' values once per term.
struct TermSummaryWriter {
    /// The summarised columns: field and number of values.
    private let columns: [(name: String, valueCount: Int)]
    /// The number of tallies: every value of every column.
    private let tallyCount: Int
    /// Per document, its group.
    private let documentGroups: [UInt32]
    /// Per group `g`, its tally index in column `c` at `g * columns.count + c` (-1: no value).
    private let groupTallies: [Int32]
    /// Per document, its amount as summed (0 when absent).
    private let summedAmounts: [Int64]
    private let lengths: [UInt32]
    private let documentCount: Int
    /// Per summarised term: its postings offset, documents and data offset (from the data's start).
    private var index: [(postingsOffset: UInt32, documents: UInt32, data: UInt64)] = []
    private var data = ByteWriter()
    /// Per group, the current term's documents and amount sum (zero between terms).
    private var groupCounts: [Int64]
    private var groupSums: [Int64]

    /// A writer for the segment of `documents`, summarising the dense columns of at most
    /// ``SegmentFormat/summaryMaximumValues`` values (`denseColumns`: the fields given dense
    /// columns, with each document's ordinal, `UInt32.max` for none).
    init(_ documents: SegmentDocuments, denseColumns: [(name: String, valueCount: Int, ordinals: [UInt32])]) {
        let summarised = denseColumns.filter { $0.valueCount <= SegmentFormat.summaryMaximumValues }
        columns = summarised.map { ($0.name, $0.valueCount) }
        var first: [Int] = []
        var tallies = 0
        for column in summarised {
            first.append(tallies)
            tallies += column.valueCount
        }
        tallyCount = tallies
        // A document's group is numbered by its ordinals, one byte each (at most 64 values).
        var numbered: [[UInt8]: UInt32] = [:]
        var groupTallies: [Int32] = []
        var key = [UInt8](filling: 0, count: summarised.count)
        documentGroups = (0..<documents.count).map { doc in
            for (c, column) in summarised.enumerated() {
                let o = column.ordinals[doc]
                key[c] = o == UInt32.max ? UInt8.max : UInt8(truncatingIfNeeded: o)
            }
            if let group = numbered[key] { return group }
            let group = UInt32(numbered.count)
            numbered[key] = group
            for c in summarised.indices { groupTallies.append(key[c] == UInt8.max ? -1 : Int32(first[c] + Int(key[c]))) }
            return group
        }
        self.groupTallies = groupTallies
        summedAmounts = documents.amounts.map { max($0, 0) }
        lengths = documents.lengths
        documentCount = documents.count
        groupCounts = [Int64](filling: 0, count: numbered.count)
        groupSums = [Int64](filling: 0, count: numbered.count)
    }

    /// Whether a term listed in `documentFrequency` documents is summarised.
    static func summarises(documentFrequency: Int) -> Bool { documentFrequency >= SegmentFormat.summaryMinimumDocuments }

    /// Summarises the term listed in `documentFrequency` documents, its postings in `sources`,
    /// whose postings start at `postingsOffset` in the postings section.
    mutating func add(_ sources: [PartPostings], documentFrequency: Int, postingsOffset: UInt32) {
        index.append((postingsOffset, UInt32(documentFrequency), UInt64(data.count)))
        var bounds = ByteWriter(reserving: 8 * (documentFrequency / SegmentFormat.postingsBlockSize + 1))
        var (maxWeight, minLength): (Float, UInt32) = (0, UInt32.max)
        var i = 0
        var met: [UInt32] = []  // The groups the term meets.
        let dense = SegmentFormat.hasDocumentBitset(documentFrequency: documentFrequency, documentCount: documentCount)
        var bits = [UInt64](filling: 0, count: dense ? (documentCount + 63) / 64 : 0)
        groupCounts.withUnsafeMutableBufferPointer { counts in
            groupSums.withUnsafeMutableBufferPointer { sums in
                documentGroups.withUnsafeBufferPointer { groups in
                    summedAmounts.withUnsafeBufferPointer { amounts in
                        lengths.withUnsafeBufferPointer { lengths in
                            sources.forEachDocument { doc, frequency, titleFrequency, _ in
                                let (d, g) = (Int(doc), Int(groups[Int(doc)]))
                                if dense { bits[d >> 6] |= 1 << (doc & 63) }
                                if counts[g] == 0 { met.append(UInt32(g)) }
                                counts[g] += 1
                                sums[g] &+= amounts[d]
                                maxWeight = max(maxWeight, IndexPosition.weightedFrequency(frequency, title: titleFrequency))
                                minLength = min(minLength, lengths[d])
                                i += 1
                                if i % SegmentFormat.postingsBlockSize == 0 || i == documentFrequency {
                                    bounds.fixed(maxWeight.bitPattern)
                                    bounds.fixed(minLength)
                                    (maxWeight, minLength) = (0, UInt32.max)
                                }
                            }
                        }
                    }
                }
            }
        }
        // The groups met, spread over the columns' values.
        var tallies = [Int64](filling: 0, count: 2 * tallyCount)
        var amountSum: Int64 = 0
        let stride = columns.count
        for g32 in met {
            let g = Int(g32)
            amountSum &+= groupSums[g]
            for c in 0..<stride {
                let t = Int(groupTallies[g * stride + c])
                if t < 0 { continue }
                tallies[2 * t] += groupCounts[g]
                tallies[2 * t + 1] &+= groupSums[g]
            }
            groupCounts[g] = 0
            groupSums[g] = 0
        }
        data.fixed(amountSum)
        for t in tallies { data.fixed(t) }
        data.append(contentsOf: bounds.bytes)
        for word in bits { data.fixed(word) }
    }

    /// The section's bytes.
    func section() -> [UInt8] {
        var head = ByteWriter()
        head.fixed(UInt32(index.count))
        head.fixed(UInt32(columns.count))
        for column in columns {
            head.fixed(UInt32(column.valueCount))
            head.fixed(UInt32(column.name.utf8.count))
            head.append(contentsOf: column.name.utf8)
            head.align(8)
        }
        // The index's data offsets count from the section's start: past the head and index.
        let dataStart = UInt64(head.count + 16 * index.count)
        var w = ByteWriter(reserving: Int(dataStart) + data.count)
        w.append(contentsOf: head.bytes)
        for entry in index {
            w.fixed(entry.postingsOffset)
            w.fixed(entry.documents)
            w.fixed(entry.data + dataStart)
        }
        w.append(contentsOf: data.bytes)
        return w.bytes
    }
}
