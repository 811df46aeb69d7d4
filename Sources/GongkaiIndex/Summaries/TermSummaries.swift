/// A segment's term summaries section (FORMAT.md, "Term summaries"), parsed on open: the
/// summarised columns, and an index of the summarised terms by postings offset.
public struct TermSummaries: @unchecked Sendable {
    /// One summarised column: its field and its number of values. Its tallies follow those
    /// of the columns before it in every summary.
    public struct Column: Sendable {
        /// The column's field.
        public let name: String
        /// The column's number of values (ordinals `0 ..< valueCount`).
        public let valueCount: Int
        /// The index of its first value's tally in a summary.
        let firstTally: Int
    }

    /// The summarised columns, by name.
    public let columns: [Column]
    private let tallyCount: Int
    private let count: Int
    private let index: UnsafeRawPointer?
    private let section: UnsafeRawBufferPointer
    /// The fewest documents of a summarised term: terms with fewer need no look-up.
    private let smallest: Int
    /// The segment's number of documents.
    private let documentCount: Int

    /// Parses `section` of segment file `file`, of `documentCount` documents, checking that
    /// every summary lies inside it.
    init(_ section: UnsafeRawBufferPointer, documentCount: Int, file: String) throws(IndexError) {
        self.documentCount = documentCount
        func corrupt(_ detail: String) -> IndexError { .corrupt(file: file, detail: "term summaries: \(detail)") }
        func u32(_ at: Int) throws(IndexError) -> Int {
            guard at + 4 <= section.count else { throw corrupt("truncated") }
            return Int(section.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian)
        }
        count = try u32(0)
        let columnCount = try u32(4)
        var at = 8
        var columns: [Column] = []
        var tallies = 0
        for _ in 0..<columnCount {
            let (values, length) = (try u32(at), try u32(at + 4))
            guard at + 8 + length <= section.count else { throw corrupt("a column name runs past the section") }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: section[(at + 8)..<(at + 8 + length)]), as: UTF8.self)
            columns.append(Column(name: name, valueCount: values, firstTally: tallies))
            tallies += values
            at = (at + 8 + length + 7) & ~7
        }
        self.columns = columns
        tallyCount = tallies
        guard at + 16 * count <= section.count else { throw corrupt("the index runs past the section") }
        index = section.baseAddress.map { $0 + at }
        self.section = section
        var smallest = Int.max
        var previous = -1
        for e in 0..<count {
            let (offset, documents) = (try u32(at + 16 * e), try u32(at + 16 * e + 4))
            let data = Int(section.loadUnaligned(fromByteOffset: at + 16 * e + 8, as: UInt64.self).littleEndian)
            guard offset > previous else { throw corrupt("the index is not in postings order") }
            guard data % 8 == 0, data >= 0,
                  data + Self.size(tallies: tallies, documents: documents, documentCount: documentCount) <= section.count else {
                throw corrupt("a summary runs past the section")
            }
            previous = offset
            smallest = min(smallest, documents)
        }
        self.smallest = smallest
    }

    /// The bytes of one summary: the amount sum, the tallies, a bound per block, the bitset.
    private static func size(tallies: Int, documents: Int, documentCount: Int) -> Int {
        boundsOffset(tallies: tallies) + 8 * blocks(documents)
            + (SegmentFormat.hasDocumentBitset(documentFrequency: documents, documentCount: documentCount) ? 8 * ((documentCount + 63) / 64) : 0)
    }

    /// Where a summary's block bounds start: past the amount sum and the tallies.
    static func boundsOffset(tallies: Int) -> Int { 8 + 16 * tallies }

    /// The number of blocks of `documents` postings.
    static func blocks(_ documents: Int) -> Int { (documents + SegmentFormat.postingsBlockSize - 1) / SegmentFormat.postingsBlockSize }

    /// The summary of the term `info` describes, `nil` when it has none.
    public func summary(_ info: TermInfo) -> TermSummary? {
        guard info.documentFrequency >= smallest, let index else { return nil }
        var (low, high) = (0, count)
        while low < high {
            let mid = (low + high) / 2
            let offset = Int(index.loadUnaligned(fromByteOffset: 16 * mid, as: UInt32.self).littleEndian)
            if offset == info.postingsOffset {
                let documents = Int(index.loadUnaligned(fromByteOffset: 16 * mid + 4, as: UInt32.self).littleEndian)
                guard documents == info.documentFrequency else { return nil }
                let data = Int(index.loadUnaligned(fromByteOffset: 16 * mid + 8, as: UInt64.self).littleEndian)
                let base = section.baseAddress! + data
                var bitset: DocumentBitset?
                if SegmentFormat.hasDocumentBitset(documentFrequency: documents, documentCount: documentCount) {
                    bitset = DocumentBitset(words: base + Self.boundsOffset(tallies: tallyCount) + 8 * Self.blocks(documents), documentCount: documentCount)
                }
                return TermSummary(base: base, tallyCount: tallyCount, bitset: bitset)
            }
            if offset < info.postingsOffset { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    /// The column of `field`, `nil` when it is not summarised.
    public func column(_ field: String) -> Column? { columns.first { $0.name == field } }
}

/// What a segment knows in advance of one term listed in many documents: the amount sum of
/// its documents, their number per value of each summarised column, and per block of its
/// postings the highest weighted frequency and the shortest length, which bound the BM25
/// score of every document in the block; and of a term in one document in 32 or more, the
/// bitset of its documents.
public struct TermSummary {
    private let base: UnsafeRawPointer
    private let tallyCount: Int
    /// The term's documents, one bit each, when it is in one document of the segment in 32 or
    /// more (``SegmentFormat/hasDocumentBitset(documentFrequency:documentCount:)``).
    public let bitset: DocumentBitset?

    init(base: UnsafeRawPointer, tallyCount: Int, bitset: DocumentBitset?) {
        (self.base, self.tallyCount, self.bitset) = (base, tallyCount, bitset)
    }

    /// The sum of the amounts of the term's documents, in fen (absent amounts count 0).
    public var amountSumFen: Int64 { base.loadUnaligned(as: Int64.self).littleEndian }

    /// Of the term's documents, those with value `ordinal` of `column`, and their amount sum.
    @inline(__always)
    public func tally(_ column: TermSummaries.Column, ordinal: Int) -> (documents: Int, amountSumFen: Int64) {
        let at = 8 + 16 * (column.firstTally + ordinal)
        return (Int(base.loadUnaligned(fromByteOffset: at, as: Int64.self).littleEndian),
                base.loadUnaligned(fromByteOffset: at + 8, as: Int64.self).littleEndian)
    }

    /// Block `block`'s highest weighted frequency and shortest length.
    @inline(__always)
    public func bound(block: Int) -> (weightedFrequency: Float, length: UInt32) {
        let at = TermSummaries.boundsOffset(tallies: tallyCount) + 8 * block
        return (Float(bitPattern: base.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian),
                base.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self).littleEndian)
    }
}
