/// Builds a segment's term summaries section (FORMAT.md, "Term summaries"): for each term
/// listed in many documents, the amount sum of its documents, their count per value of every
/// column with few values, and per block of postings the highest weighted frequency and the
/// shortest length. A one-word search of such a term takes its totals and facets from the
/// summary and decodes only the blocks that can still reach its page.
struct TermSummaryWriter {
    /// One summarised column: its field, number of values and each document's ordinal
    /// (`UInt8.max`: none).
    private struct Column {
        let name: String
        let valueCount: Int
        let ordinals: [UInt8]
    }

    private let columns: [Column]
    /// Per document, its amount as summed (0 when absent).
    private let summedAmounts: [Int64]
    private let lengths: [UInt32]
    /// Per summarised term: its postings offset, documents and data offset (from the data's start).
    private var index: [(postingsOffset: UInt32, documents: UInt32, data: UInt64)] = []
    private var data = ByteWriter()
    /// Tally storage reused from term to term: documents at `2i`, amount sum at `2i + 1`.
    private var tallies: [Int64]

    /// A writer for the segment `builder` will become, summarising the dense columns of at
    /// most ``SegmentFormat/summaryMaximumValues`` values (`columns`: the fields given
    /// columns, with their dense ordinals, see ``SegmentWriter``).
    init(_ builder: SegmentBuilder, denseColumns: [(name: String, valueCount: Int, ordinals: [UInt32])]) {
        columns = denseColumns.filter { $0.valueCount <= SegmentFormat.summaryMaximumValues }.map { column in
            Column(name: column.name, valueCount: column.valueCount,
                   ordinals: column.ordinals.map { $0 == UInt32.max ? UInt8.max : UInt8(truncatingIfNeeded: $0) })
        }
        summedAmounts = builder.amounts.map { max($0, 0) }
        lengths = builder.docLengths
        tallies = [Int64](filling: 0, count: 2 * columns.reduce(0) { $0 + $1.valueCount })
    }

    /// Whether a term listed in `documentFrequency` documents is summarised.
    static func summarises(documentFrequency: Int) -> Bool { documentFrequency >= SegmentFormat.summaryMinimumDocuments }

    /// Summarises the term whose postings start at `postingsOffset` in the postings section.
    mutating func add(_ postings: SegmentBuilder.TermPostings, postingsOffset: UInt32) {
        index.append((postingsOffset, UInt32(postings.documentCount), UInt64(data.count)))
        for i in tallies.indices { tallies[i] = 0 }
        var amountSum: Int64 = 0
        var bounds = ByteWriter(reserving: 8 * (postings.documentCount / SegmentFormat.postingsBlockSize + 1))
        var (maxWeight, minLength): (Float, UInt32) = (0, UInt32.max)
        var i = 0
        postings.forEachDocument { doc, frequency, titleFrequency, _ in
            let d = Int(doc)
            amountSum &+= summedAmounts[d]
            var base = 0
            for column in columns {
                let o = column.ordinals[d]
                if o != UInt8.max {
                    tallies[2 * (base + Int(o))] += 1
                    tallies[2 * (base + Int(o)) + 1] &+= summedAmounts[d]
                }
                base += column.valueCount
            }
            maxWeight = max(maxWeight, IndexPosition.weightedFrequency(frequency, title: titleFrequency))
            minLength = min(minLength, lengths[d])
            i += 1
            if i % SegmentFormat.postingsBlockSize == 0 || i == postings.documentCount {
                bounds.fixed(maxWeight.bitPattern)
                bounds.fixed(minLength)
                (maxWeight, minLength) = (0, UInt32.max)
            }
        }
        data.fixed(amountSum)
        for t in tallies { data.fixed(t) }
        data.append(contentsOf: bounds.bytes)
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
