import GongkaiText
import Synchronization

/// Reads one immutable segment file through a memory map. Opening parses the header, the
/// section table and the column directory, and builds the in-memory term tables (a sample
/// for prefix look-ups, a hash table for exact ones): nothing is re-tokenised or decoded up
/// front.
public final class SegmentReader: @unchecked Sendable {
    /// The segment's id.
    public let id: UInt64
    /// The number of documents, live or deleted.
    public let documentCount: Int
    /// The sum of all documents' weighted lengths (for BM25's average length).
    public let totalDocumentLength: UInt64
    /// The number of terms.
    public let termCount: Int

    let file: MappedFile
    private let sections: [UnsafeRawBufferPointer]
    let termOffsets: UnsafePointer<UInt32>
    let termBytes: UnsafePointer<UInt8>
    private let termInfos: UnsafeRawPointer
    private let termSamples: TermSampleIndex
    let termHashes: TermHashIndex
    @usableFromInline let postings: UnsafePointer<UInt8>
    @usableFromInline let positions: UnsafePointer<UInt8>
    private let idOffsets: UnsafePointer<UInt32>
    private let idBytes: UnsafePointer<UInt8>
    /// Weighted token count of each document.
    public let documentLengths: UnsafeBufferPointer<UInt32>
    /// `year` of each document; `Int32.min` when absent.
    public let years: UnsafeBufferPointer<Int32>
    /// `amount` of each document in fen; -1 when absent.
    public let amounts: UnsafeBufferPointer<Int64>
    /// `date` of each document in days since 1970-01-01; `Int32.min` when absent.
    public let dates: UnsafeBufferPointer<Int32>
    /// The keyword columns, by field name.
    public let keywordColumns: [String: KeywordColumnReader]
    /// The `kind` column (every record has a kind): a search's hits name theirs from it
    /// without a look-up by name.
    public let kindColumn: KeywordColumnReader?
    /// The summaries of the terms listed in many documents.
    public let summaries: TermSummaries
    /// Structures derived from the columns on first use, shared by every search.
    private let derived = Mutex(DerivedColumns())

    private struct DerivedColumns {
        /// Searched by `==` on the field list, which is one pointer comparison when the
        /// caller passes the same array every time (hashing the names was not).
        var facetGroups: [KnownFacetGroups] = []
        var exactValueOrdinals: [String: ExactValueOrdinals?] = [:]
    }

    // A named struct, not a tuple: copying a tuple of these looks its type up at run time.
    private struct KnownFacetGroups {
        let fields: [String]
        let groups: FacetGroups?
    }

    /// The bitset of a term whose postings are one (``TermInfo/isBitset``).
    public func bitset(_ info: TermInfo) -> DocumentBitset {
        DocumentBitset(words: UnsafeRawPointer(postings + info.postingsOffset), documentCount: documentCount)
    }

    /// Opens segment `id` in `directory`.
    public init(directory: IndexDirectory, id: UInt64, verifyChecksum: Bool = false) throws(IndexError) {
        let name = SegmentFormat.fileName(id)
        self.id = id
        file = try MappedFile(path: directory.url(name), resident: directory.residentSegments)
        let bytes = file.bytes
        try SegmentFormat.header.check(bytes, name: name, verifyChecksum: verifyChecksum)
        let docCount = Int(bytes.loadUnaligned(fromByteOffset: FileHeader.size, as: UInt32.self).littleEndian)
        let sectionCount = Int(bytes.loadUnaligned(fromByteOffset: FileHeader.size + 4, as: UInt32.self).littleEndian)
        guard sectionCount == SegmentFormat.Section.allCases.count else {
            throw .corrupt(file: name, detail: "it has \(sectionCount) sections, not \(SegmentFormat.Section.allCases.count)")
        }
        var sections: [UnsafeRawBufferPointer] = []
        for i in 0..<sectionCount {
            let entry = FileHeader.size + 8 + i * 16
            let offset = Int(bytes.loadUnaligned(fromByteOffset: entry, as: UInt64.self).littleEndian)
            let length = Int(bytes.loadUnaligned(fromByteOffset: entry + 8, as: UInt64.self).littleEndian)
            guard offset % 8 == 0, offset >= 0, length >= 0, offset + length <= bytes.count - FileHeader.footerSize else {
                throw .corrupt(file: name, detail: "section \(i) lies outside the file")
            }
            sections.append(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]))
        }
        self.sections = sections
        func section(_ s: SegmentFormat.Section) -> UnsafeRawBufferPointer { sections[s.rawValue] }
        func typed<T>(_ s: SegmentFormat.Section, _: T.Type, count: Int) throws(IndexError) -> UnsafeBufferPointer<T> {
            let raw = section(s)
            guard raw.count == count * MemoryLayout<T>.size else {
                throw .corrupt(file: name, detail: "section \(s) has \(raw.count) bytes, expected \(count * MemoryLayout<T>.size)")
            }
            return UnsafeBufferPointer(start: raw.baseAddress.map { $0.assumingMemoryBound(to: T.self) } ?? UnsafePointer(bitPattern: MemoryLayout<T>.alignment)!, count: count)
        }
        documentCount = docCount
        let offsetsSection = section(.termOffsets)
        termCount = max(offsetsSection.count / 4 - 1, 0)
        guard section(.termInfos).count == termCount * SegmentFormat.termInfoSize else {
            throw .corrupt(file: name, detail: "the term dictionary and term infos disagree in size")
        }
        let base = bytes.baseAddress!
        termOffsets = (offsetsSection.baseAddress ?? base).assumingMemoryBound(to: UInt32.self)
        termBytes = (section(.termBytes).baseAddress ?? base).assumingMemoryBound(to: UInt8.self)
        termInfos = section(.termInfos).baseAddress ?? base
        guard termCount == 0 || Int(termOffsets[termCount]) <= section(.termBytes).count else {
            throw .corrupt(file: name, detail: "the term dictionary points past its bytes")
        }
        postings = (section(.postings).baseAddress ?? base).assumingMemoryBound(to: UInt8.self)
        positions = (section(.positions).baseAddress ?? base).assumingMemoryBound(to: UInt8.self)
        idOffsets = try typed(.idOffsets, UInt32.self, count: docCount + 1).baseAddress!
        idBytes = (section(.idBytes).baseAddress ?? base).assumingMemoryBound(to: UInt8.self)
        documentLengths = try typed(.docLengths, UInt32.self, count: docCount)
        years = try typed(.years, Int32.self, count: docCount)
        amounts = try typed(.amounts, Int64.self, count: docCount)
        dates = try typed(.dates, Int32.self, count: docCount)
        totalDocumentLength = section(.stats).loadUnaligned(as: UInt64.self).littleEndian
        keywordColumns = try KeywordColumnReader.directory(section(.columns), documentCount: docCount, file: name)
        kindColumn = keywordColumns["kind"]
        summaries = try TermSummaries(section(.summaries), documentCount: docCount, file: name)
        let (offsets, termBytes) = (termOffsets, self.termBytes)
        let term = { (i: Int) in UnsafeBufferPointer(start: termBytes + Int(offsets[i]), count: Int(offsets[i + 1]) - Int(offsets[i])) }
        termSamples = TermSampleIndex(termCount: termCount, term: term)
        termHashes = TermHashIndex(termCount: termCount, term: term)
    }

    /// The dense columns of `fields` folded into groups (see ``FacetGroups``), built on the
    /// first call for these fields; `nil` when none of them can be folded.
    public func facetGroups(fields: [String]) -> FacetGroups? {
        if let known = derived.withLock({ $0.facetGroups.first { $0.fields == fields } }) { return known.groups }
        // Built outside the lock: two searches may both build it; either result serves.
        let built = FacetGroups(segment: self, fields: fields)
        derived.withLock { $0.facetGroups.append(KnownFacetGroups(fields: fields, groups: built)) }
        return built
    }

    /// The ordinals of each exact value of `field`'s column (see ``ExactValueOrdinals``),
    /// built on first use; `nil` when the field has no dense column with few values.
    public func exactValueOrdinals(field: String) -> ExactValueOrdinals? {
        if let known = derived.withLock({ $0.exactValueOrdinals[field] }) { return known }
        let built = keywordColumns[field].flatMap { ExactValueOrdinals(column: $0, analyzer: TextAnalyzer()) }
        derived.withLock { $0.exactValueOrdinals[field] = built }
        return built
    }

    /// Where this segment keeps what a hit reads (``HitLocations``).
    var hitLocations: HitLocations {
        let dense = kindColumn.flatMap { $0.isDense ? $0.rawOrdinals : nil }
        return HitLocations(idOffsets: idOffsets, idBytes: idBytes, kindOrdinals: dense?.base, kindWidth: dense?.width ?? 0)
    }

    /// The record id of document `doc`.
    public func recordID(_ doc: UInt32) -> String {
        let start = Int(idOffsets[Int(doc)]), end = Int(idOffsets[Int(doc) + 1])
        return String(decoding: UnsafeBufferPointer(start: idBytes + start, count: end - start), as: UTF8.self)
    }

    /// The bytes of term number `index` in sorted order.
    @inline(__always)
    public func term(at index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = Int(termOffsets[index]), end = Int(termOffsets[index + 1])
        return UnsafeBufferPointer(start: termBytes + start, count: end - start)
    }

    /// The information on term number `index`.
    @inline(__always)
    public func termInfo(at index: Int) -> TermInfo {
        TermInfo(stored: termInfoBytes(at: index))
    }

    /// The 12 bytes of term number `index`'s information, as stored (FORMAT.md, termInfos).
    @inline(__always)
    func termInfoBytes(at index: Int) -> UnsafeRawPointer { termInfos + index * SegmentFormat.termInfoSize }

    /// The first term index whose bytes are not less than `key` (binary search, narrowed
    /// first by the in-memory ``TermSampleIndex``).
    /// - Complexity: O(log terms × key length).
    public func lowerBound(_ key: [UInt8]) -> Int {
        var (low, high) = key.withUnsafeBufferPointer { b in
            let range = termSamples.candidates(b, termCount: termCount)
            return (range.lowerBound, range.upperBound)
        }
        while low < high {
            let mid = (low + high) / 2
            if compare(term(at: mid), key) < 0 { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The information on `term`, or `nil` when the segment does not contain it.
    public func termInfo(_ term: [UInt8]) -> TermInfo? {
        let i = term.withUnsafeBufferPointer { bytes in termHashes.index(of: bytes) { compare(self.term(at: $0), term) == 0 } }
        return i.map(termInfo(at:))
    }

    /// The indices of the terms that start with `prefix`.
    public func termRange(prefix: [UInt8]) -> Range<Int> {
        let start = lowerBound(prefix)
        var end = start
        while end < termCount, self.term(at: end).starts(with: prefix) { end += 1 }
        return start..<end
    }

    private func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Int {
        let n = min(a.count, b.count)
        if n > 0 {
            let c = b.withUnsafeBufferPointer { memcmp(a.baseAddress!, $0.baseAddress!, n) }
            if c != 0 { return Int(c) }
        }
        return a.count - b.count
    }
}

/// Where a term's postings are and how many documents they list.
public struct TermInfo: Sendable, Hashable, BitwiseCopyable {
    /// The number of documents containing the term (deleted ones included).
    public var documentFrequency: Int
    /// Whether the term's postings carry positions.
    public var isPositional: Bool
    /// Whether the term's postings are a bitset over the segment's documents.
    public var isBitset: Bool
    /// Byte offset of the term's postings in the postings section.
    public var postingsOffset: Int
    /// Byte offset of the term's positions in the positions section.
    public var positionsOffset: Int

    /// The information as a segment stores it: 12 bytes at `p` (FORMAT.md, termInfos).
    @inline(__always)
    init(stored p: UnsafeRawPointer) {
        let head = p.loadUnaligned(as: UInt32.self).littleEndian
        documentFrequency = Int(head & ~(SegmentFormat.positionalFlag | SegmentFormat.bitsetFlag))
        isPositional = head & SegmentFormat.positionalFlag != 0
        isBitset = head & SegmentFormat.bitsetFlag != 0
        postingsOffset = Int(p.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian)
        positionsOffset = Int(p.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
