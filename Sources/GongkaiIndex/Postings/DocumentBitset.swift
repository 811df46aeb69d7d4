/// The postings of a dense exact-value term: one bit per document of the segment, in 64-bit
/// little-endian words, read in place from the memory map.
public struct DocumentBitset {
    /// The first word.
    public let words: UnsafeRawPointer
    /// The number of documents the bits stand for.
    public let documentCount: Int

    /// The number of 64-bit words.
    @inlinable public var wordCount: Int { (documentCount + 63) / 64 }

    /// Word `i`.
    @inlinable @inline(__always)
    public func word(_ i: Int) -> UInt64 { words.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self).littleEndian }

    /// Whether document `doc` is listed.
    @inlinable @inline(__always)
    public func contains(_ doc: UInt32) -> Bool { word(Int(doc >> 6)) >> (doc & 63) & 1 == 1 }

    /// Calls `body` with each word's index and the word, in order, until `body` returns
    /// `false`.
    @inlinable @inline(__always)
    public func forEachWord(_ body: (_ index: Int, _ word: UInt64) -> Bool) {
        for i in 0..<wordCount {
            guard body(i, word(i)) else { return }
        }
    }

    /// The documents listed in every one of `bitsets` (all over one segment), increasing.
    /// `bound` is at least the size of the answer (the document frequency of any of them):
    /// the words are ANDed and their bits written out in one pass into storage of that size.
    public static func intersection(_ bitsets: [DocumentBitset], bound: Int) -> [UInt32] {
        guard let first = bitsets.first else { return [] }
        let n = first.wordCount
        var overflowed = false
        let docs = [UInt32](unsafeUninitializedCapacity: bound) { docs, count in
            @inline(__always) func load(_ b: UnsafeRawPointer, _ i: Int) -> UInt64 { b.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self) }
            // Up to three bitsets ANDed with their pointers in registers (a missing one is the
            // first again: x & x = x); more are rare and ANDed in an inner loop.
            let a = first.words
            let b = bitsets.count > 1 ? bitsets[1].words : a
            let c = bitsets.count > 2 ? bitsets[2].words : a
            let more = bitsets.dropFirst(3)
            var k = 0
            for i in 0..<n {
                var w = load(a, i) & load(b, i) & load(c, i)
                if !more.isEmpty { for m in more { w &= load(m.words, i) } }
                w = UInt64(littleEndian: w)
                // Room is checked a word at a time, and only near the end of the storage.
                if k + 64 > docs.count, k + w.nonzeroBitCount > docs.count {
                    overflowed = true
                    break
                }
                // Lowest set bit first: trailing zeros give the document, w & (w - 1) clears it.
                while w != 0 {
                    docs[k] = UInt32(i << 6 | w.trailingZeroBitCount)
                    k += 1
                    w &= w &- 1
                }
            }
            count = k
        }
        // More bits than the bound: a damaged file's count. Its bits are the truth.
        return overflowed ? intersection(bitsets, bound: n * 64) : docs
    }
}
