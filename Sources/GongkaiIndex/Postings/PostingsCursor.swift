/// Walks one term's postings forward, document by document, jumping whole blocks through the
/// term's skip table, and reads positions only of the documents asked for.
///
/// Skip table (format 2): a term with `n > B` postings (`B` =
/// ``SegmentFormat/postingsBlockSize``) has `(n - 1) / B` entries of 12 bytes just before
/// its postings, one per block after the first: the last document of the previous block
/// (the delta base of the block's first posting), then the byte offsets of the block's first
/// posting and first position from the term's postings and positions offsets.
public struct PostingsCursor {
    /// The current document (after ``advance(to:)`` returned `true`).
    public private(set) var doc: UInt32 = 0
    /// Occurrences of the term in the current document.
    public private(set) var frequency: UInt32 = 0
    /// Of those, occurrences in the title.
    public private(set) var titleFrequency: UInt32 = 0
    /// The current document's frequency with title occurrences counted
    /// ``IndexPosition/titleWeight`` times (the frequency BM25 scores).
    public var weightedFrequency: Float { IndexPosition.weightedFrequency(frequency, title: titleFrequency) }

    /// The number of documents the term lists.
    public let count: Int
    private let postingsBase: UnsafePointer<UInt8>
    private let positionsBase: UnsafePointer<UInt8>
    private let skips: UnsafeRawPointer
    private let blockCount: Int
    private var p: UnsafePointer<UInt8>
    private var positionsPointer: UnsafePointer<UInt8>
    /// Positions between `positionsPointer` and the current document's: those of documents
    /// passed over without reading them.
    private var pendingPositions = 0
    /// Whether the current document's positions were read (or there is no current document).
    private var positionsRead = true
    /// Whether `doc` is a decoded document (not just the delta base after a jump).
    private var hasCurrent = false
    /// The index of the next posting to decode.
    private var next = 0
    /// The next block whose skip entry has not been considered.
    private var nextBlock = 1

    /// A cursor before the first posting of `info` in `segment`.
    public init(_ segment: SegmentReader, _ info: TermInfo) {
        count = info.documentFrequency
        postingsBase = segment.postings + info.postingsOffset
        positionsBase = segment.positions + info.positionsOffset
        blockCount = (count + SegmentFormat.postingsBlockSize - 1) / SegmentFormat.postingsBlockSize
        skips = UnsafeRawPointer(postingsBase - max(blockCount - 1, 0) * SegmentFormat.skipEntrySize)
        p = postingsBase
        positionsPointer = positionsBase
    }

    /// Moves to the first document at or after `target` (staying put when the current one
    /// is); `false` when there is none.
    public mutating func advance(to target: UInt32) -> Bool {
        if hasCurrent, doc >= target { return true }
        // Jump over every block that ends before the target.
        while nextBlock < blockCount {
            let entry = skips + (nextBlock - 1) * SegmentFormat.skipEntrySize
            let lastBefore = entry.loadUnaligned(as: UInt32.self).littleEndian
            guard lastBefore < target else { break }
            let start = nextBlock * SegmentFormat.postingsBlockSize
            if start >= next {
                next = start
                doc = lastBefore
                p = postingsBase + Int(entry.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian)
                positionsPointer = positionsBase + Int(entry.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian)
                pendingPositions = 0
                positionsRead = true
                hasCurrent = false
            }
            nextBlock += 1
        }
        while next < count {
            if !positionsRead { pendingPositions += Int(frequency) }
            let head = PostingsReader.readVarint(&p)
            doc &+= head >> 1
            if head & 1 == 1 {
                frequency = 1
                titleFrequency = 0
            } else {
                frequency = PostingsReader.readVarint(&p)
                titleFrequency = PostingsReader.readVarint(&p)
            }
            next += 1
            positionsRead = false
            hasCurrent = true
            if doc >= target { return true }
        }
        return false
    }

    /// Decodes the current document's positions into `out[0..<frequency]`, which must have
    /// room for them, and returns their number. Call at most once per document.
    @inline(__always)
    public mutating func positions(writingTo out: UnsafeMutablePointer<UInt32>) -> Int {
        for _ in 0..<pendingPositions { PositionCoding.skip(&positionsPointer) }
        pendingPositions = 0
        let n = Int(frequency)
        var position: UInt32 = 0
        var q = positionsPointer
        for i in 0..<n {
            position = PositionCoding.read(after: position, from: &q)
            out[i] = position
        }
        positionsPointer = q
        positionsRead = true
        return n
    }

    /// Decodes the current document's positions into `out[0..<frequency]`, growing `out` when
    /// needed, and returns their number. Call at most once per document.
    public mutating func positions(into out: inout [UInt32]) -> Int {
        if out.count < Int(frequency) { out = [UInt32](repeating: 0, count: max(Int(frequency), 2 * out.count)) }
        return out.withUnsafeMutableBufferPointer { positions(writingTo: $0.baseAddress!) }
    }
}
