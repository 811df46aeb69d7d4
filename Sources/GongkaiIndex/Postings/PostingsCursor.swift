import CPrefetch

/// Walks one term's postings forward, document by document, jumping whole blocks through the
/// term's ``SkipTable``, and reads positions only of the documents asked for.
public struct PostingsCursor {
    // Stored properties are `@usableFromInline` so that `advance(to:)`, the hottest call of
    // phrase matching, inlines into the matchers of another module.

    /// The current document (after ``advance(to:)`` returned `true`).
    @inlinable public var doc: UInt32 { decodedDoc }
    /// Occurrences of the term in the current document.
    @inlinable public var frequency: UInt32 { decodedFrequency }
    /// Of those, occurrences in the title.
    @inlinable public var titleFrequency: UInt32 { decodedTitleFrequency }
    @usableFromInline var decodedDoc: UInt32 = 0
    @usableFromInline var decodedFrequency: UInt32 = 0
    @usableFromInline var decodedTitleFrequency: UInt32 = 0
    /// The current document's frequency with title occurrences counted
    /// ``IndexPosition/titleWeight`` times (the frequency BM25 scores).
    public var weightedFrequency: Float { IndexPosition.weightedFrequency(frequency, title: titleFrequency) }

    /// The number of documents the term lists.
    public let count: Int
    @usableFromInline let postingsBase: UnsafePointer<UInt8>
    @usableFromInline let positionsBase: UnsafePointer<UInt8>
    @usableFromInline let skips: SkipTable
    @usableFromInline var p: UnsafePointer<UInt8>
    @usableFromInline var positionsPointer: UnsafePointer<UInt8>
    /// Positions between `positionsPointer` and the end of the current document's: those of
    /// the documents passed over without reading them, then the current one's (0 once read).
    /// A step adds the new document's frequency, with no test of whether the last was read.
    @usableFromInline var unreadPositions = 0
    /// Whether `doc` is a decoded document (not just the delta base after a jump).
    @usableFromInline var hasCurrent = false
    /// The index of the next posting to decode.
    @usableFromInline var next = 0
    /// The next block whose skip entry has not been considered.
    @usableFromInline var nextBlock = 1
    /// That block's skip entry's document (the last of the block before it), `UInt32.max`
    /// when there is none: a target up to it needs no look at the skip table.
    @usableFromInline var nextBlockBase = UInt32.max

    /// A cursor before the first posting of `info` in `segment`.
    public init(_ segment: SegmentReader, _ info: TermInfo) {
        count = info.documentFrequency
        postingsBase = segment.postings + info.postingsOffset
        positionsBase = segment.positions + info.positionsOffset
        skips = SkipTable(segment, info)
        p = postingsBase
        positionsPointer = positionsBase
        nextBlockBase = skipBase(1)
    }

    /// Prefetches the lines a reader of `info` in `segment` reads first: its first postings
    /// (of a bitset, its first words), the start of its skip table, its first positions.
    @inline(__always)
    static func prefetch(_ segment: SegmentReader, _ info: TermInfo) {
        gk_prefetch(segment.postings + info.postingsOffset)
        // Bitset postings have no skip table before them.
        if !info.isBitset, info.documentFrequency > SegmentFormat.postingsBlockSize { gk_prefetch(SkipTable(segment, info).entries) }
        if info.isPositional { gk_prefetch(segment.positions + info.positionsOffset) }
    }

    /// The document of block `block`'s skip entry, `UInt32.max` past the last block.
    @usableFromInline
    func skipBase(_ block: Int) -> UInt32 { block < skips.blockCount ? skips.entry(block).lastBefore : UInt32.max }

    /// Moves to the first document at or after `target` (staying put when the current one
    /// is); `false` when there is none. Transparent: with `@inline(__always)` a phrase's loop
    /// still called it for the cursors after the first (林业生态补偿 + 区级 −6 % instructions).
    @_transparent
    public mutating func advance(to target: UInt32) -> Bool {
        if doc >= target, hasCurrent { return true }
        if nextBlockBase < target { jump(to: target) }
        while next < count {
            let (delta, frequency, title) = PostingsReader.readPosting(&p)
            decodedDoc &+= delta
            (decodedFrequency, decodedTitleFrequency) = (frequency, title)
            unreadPositions &+= Int(decodedFrequency)
            next += 1
            hasCurrent = true
            if doc >= target { return true }
        }
        return false
    }

    /// Jumps over every block that ends before `target`, to the last block whose skip entry
    /// is before it (unless decoding has already gone past that block's start).
    @usableFromInline
    mutating func jump(to target: UInt32) {
        let block = skips.lastBlock(before: target, from: nextBlock)
        let start = block * SegmentFormat.postingsBlockSize
        if start >= next {
            let entry = skips.entry(block)
            next = start
            decodedDoc = entry.lastBefore
            p = postingsBase + entry.postingsOffset
            positionsPointer = positionsBase + entry.positionsOffset
            unreadPositions = 0
            hasCurrent = false
        }
        nextBlock = block + 1
        nextBlockBase = skipBase(nextBlock)
    }

    /// The current document's one position, when its ``frequency`` is 1 (the usual case
    /// in phrase checks, cheaper than ``positions(writingTo:)``). Call at most once per
    /// document.
    @inlinable @inline(__always)
    public mutating func onlyPosition() -> UInt32 {
        if unreadPositions > 1 { skipPositions(unreadPositions - 1) }
        var q = positionsPointer
        let position = PositionCoding.read(after: 0, from: &q)
        positionsPointer = q
        unreadPositions = 0
        return position
    }

    /// Whether the current document has the term at `wanted`, reading its positions. Call at
    /// most once per document, instead of the other position reads.
    @inlinable @inline(__always)
    public mutating func hasPosition(_ wanted: UInt32) -> Bool {
        skipPassedPositions()
        var found = false
        var position: UInt32 = 0
        var q = positionsPointer
        for _ in 0..<Int(frequency) {
            position = PositionCoding.read(after: position, from: &q)
            if position == wanted { found = true }
        }
        positionsPointer = q
        unreadPositions = 0
        return found
    }

    /// Skips the positions of the documents passed over without reading them, up to the
    /// current document's.
    @inlinable @inline(__always)
    mutating func skipPassedPositions() {
        if unreadPositions > Int(frequency) { skipPositions(unreadPositions - Int(frequency)) }
    }

    /// Skips `count` positions.
    @usableFromInline
    mutating func skipPositions(_ count: Int) {
        for _ in 0..<count { PositionCoding.skip(&positionsPointer) }
    }

    /// Decodes the current document's positions into `out[0..<frequency]`, which must have
    /// room for them, and returns their number. Call at most once per document.
    @inlinable @inline(__always)
    public mutating func positions(writingTo out: UnsafeMutablePointer<UInt32>) -> Int {
        skipPassedPositions()
        let n = Int(frequency)
        var position: UInt32 = 0
        var q = positionsPointer
        for i in 0..<n {
            position = PositionCoding.read(after: position, from: &q)
            out[i] = position
        }
        positionsPointer = q
        unreadPositions = 0
        return n
    }

    /// Decodes the current document's positions into `out[0..<frequency]`, growing `out` when
    /// needed, and returns their number. Call at most once per document.
    public mutating func positions(into out: inout [UInt32]) -> Int {
        if out.count < Int(frequency) { out = [UInt32](filling: 0, count: max(Int(frequency), 2 * out.count)) }
        return out.withUnsafeMutableBufferPointer { positions(writingTo: $0.baseAddress!) }
    }
}
