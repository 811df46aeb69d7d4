/// The skip table of one term's postings (format 2): a term with `n > B` postings (`B` =
/// ``SegmentFormat/postingsBlockSize``) has `(n - 1) / B` entries of 12 bytes just before its
/// postings, one per block after the first: the last document of the previous block (the
/// delta base of the block's first posting), then the byte offsets of the block's first
/// posting and first position from the term's postings and positions offsets.
public struct SkipTable {
    /// One block's entry.
    public struct Entry {
        /// The last document of the block before: the delta base of this block's first posting.
        public let lastBefore: UInt32
        /// The block's first posting, in bytes from the term's first.
        public let postingsOffset: Int
        /// The block's first position, in bytes from the term's first.
        public let positionsOffset: Int

        @inlinable
        init(lastBefore: UInt32, postingsOffset: Int, positionsOffset: Int) {
            (self.lastBefore, self.postingsOffset, self.positionsOffset) = (lastBefore, postingsOffset, positionsOffset)
        }
    }

    /// The number of blocks of postings.
    public let blockCount: Int
    @usableFromInline let entries: UnsafeRawPointer

    /// The skip table of `info` in `segment`.
    @inlinable
    public init(_ segment: SegmentReader, _ info: TermInfo) {
        blockCount = (info.documentFrequency + SegmentFormat.postingsBlockSize - 1) / SegmentFormat.postingsBlockSize
        entries = UnsafeRawPointer(segment.postings + info.postingsOffset - max(blockCount - 1, 0) * SegmentFormat.skipEntrySize)
    }

    /// The entry of block `block`, `1 ..< blockCount`.
    @inlinable
    public func entry(_ block: Int) -> Entry {
        let e = entries + (block - 1) * SegmentFormat.skipEntrySize
        return Entry(lastBefore: e.loadUnaligned(as: UInt32.self).littleEndian,
                     postingsOffset: Int(e.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian),
                     positionsOffset: Int(e.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian))
    }

    /// Where decoding block `block` starts: its entry, or for the first block (which has
    /// none) document 0 as the delta base and offsets 0.
    @inlinable
    public func start(of block: Int) -> Entry {
        block > 0 ? entry(block) : Entry(lastBefore: 0, postingsOffset: 0, positionsOffset: 0)
    }

    /// The last block whose documents may include `target` or later ones while every earlier
    /// block ends before `target` (binary search): decoding from it finds the first document
    /// at or after `target`. 0 when that is the first block.
    @inlinable
    public func lastBlock(before target: UInt32) -> Int {
        lastBlock(before: target, in: 0, blockCount - 1)
    }

    /// ``lastBlock(before:)`` for a cursor at block `start`, whose entry's document is
    /// known to be before `target`: gallops forward from `start` (1, 2, 4, … blocks), then
    /// searches the last step, so a near target costs a look or two and a far one a
    /// logarithm of the distance rather than one look per block.
    @inlinable
    public func lastBlock(before target: UInt32, from start: Int) -> Int {
        var (low, step) = (start, 1)
        while low + step < blockCount, entry(low + step).lastBefore < target { (low, step) = (low + step, step << 1) }
        return lastBlock(before: target, in: low, min(low + step, blockCount) - 1)
    }

    /// The last block of `low...high` whose entry's document is before `target`, `low`'s
    /// being so (or `low` being 0, which has no entry).
    @inlinable
    func lastBlock(before target: UInt32, in low: Int, _ high: Int) -> Int {
        var (low, high) = (low, high)  // The answer lies in low...high.
        while low < high {
            let mid = (low + high + 1) / 2
            if entry(mid).lastBefore < target { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
