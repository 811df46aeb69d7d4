/// Constants of the segment file format; see FORMAT.md beside the index sources.
public enum SegmentFormat {
    /// The file header.
    public static let header = FileHeader(magic: "GKSEGMNT", version: 8, usesWordChecksum: true)

    /// The sections of a segment file, in file order.
    public enum Section: Int, CaseIterable, Sendable {
        case termOffsets, termBytes, termInfos, postings, positions
        case idOffsets, idBytes, docLengths, years, amounts, dates, columns, stats, summaries
    }

    /// The size of one term-info entry: docFreq u32 (bit 31: positional), postings offset
    /// u32, positions offset u32. ``SegmentBuilder/isFull`` keeps every section under 4 GiB.
    public static let termInfoSize = 12
    /// Bit 31 of a term info's first word: the term's postings carry positions.
    public static let positionalFlag: UInt32 = 1 << 31
    /// Bit 30 of a term info's first word: the postings are a bitset (see ``usesBitset``).
    public static let bitsetFlag: UInt32 = 1 << 30

    /// Whether a term's postings are written as a bitset over the segment's documents rather
    /// than as varints: exact-value terms (never positional, each document once) listed in at
    /// least one document in 32, where the bitset costs at most four bytes per listed document
    /// and filters intersect a word (64 documents) at a time.
    public static func usesBitset(term: [UInt8], documentFrequency: Int, documentCount: Int) -> Bool {
        term.first == TermTag.exact.rawValue && documentFrequency * 32 >= documentCount && documentCount > 0
    }

    /// Postings come in blocks of this many documents; a term with more than one block has
    /// a skip table just before its postings (see ``SkipTable``).
    public static let postingsBlockSize = 32
    /// The size of one skip-table entry: last document before the block u32, postings delta
    /// u32, positions delta u32.
    public static let skipEntrySize = 12
    /// A term listed in at least this many documents of a segment is summarised there
    /// (``TermSummary``): below it, a one-word search's pass over the postings is short anyway.
    public static let summaryMinimumDocuments = 4096
    /// Whether a summarised term (``summaryMinimumDocuments``) listed in `documentFrequency` of
    /// the segment's `documentCount` documents has a bitset of them in its summary: when it is
    /// in one document in 32 or more, where the bitset costs at most four bytes per listed
    /// document.
    public static func hasDocumentBitset(documentFrequency: Int, documentCount: Int) -> Bool {
        documentFrequency * 32 >= documentCount && documentCount > 0
    }
    /// Summaries count the values of the dense columns of at most this many values.
    public static let summaryMaximumValues = 64
    /// The size of one keyword-column directory entry.
    public static let columnEntrySize = 64
    /// Columns keep values of at most this many UTF-8 bytes; a field with a longer value in
    /// the segment gets no column (facets on it fall back to its exact-value terms).
    public static let maximumColumnValueBytes = 256
    /// Column mode: one value or none per document (`UInt32.max` = none).
    public static let denseColumn: UInt32 = 0
    /// Column mode: any number of values per document, through an offsets array.
    public static let multiColumn: UInt32 = 1

    /// The file name of segment `id`.
    public static func fileName(_ id: UInt64) -> String { "seg-\(id).gks" }
}
