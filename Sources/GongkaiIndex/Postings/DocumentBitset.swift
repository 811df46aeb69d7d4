/// The postings of a dense exact-value term: one bit per document of the segment, in 64-bit
/// little-endian words, read in place from the memory map.
public struct DocumentBitset {
    /// The first word.
    public let words: UnsafeRawPointer
    /// The number of documents the bits stand for.
    public let documentCount: Int

    /// The number of 64-bit words.
    public var wordCount: Int { (documentCount + 63) / 64 }

    /// Word `i`.
    @inline(__always)
    public func word(_ i: Int) -> UInt64 { words.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self).littleEndian }

    /// Whether document `doc` is listed.
    @inline(__always)
    public func contains(_ doc: UInt32) -> Bool { word(Int(doc >> 6)) >> (doc & 63) & 1 == 1 }

    /// The documents listed in every one of `bitsets` (all over one segment), increasing.
    public static func intersection(_ bitsets: [DocumentBitset]) -> [UInt32] {
        guard let first = bitsets.first else { return [] }
        var docs: [UInt32] = []
        for i in 0..<first.wordCount {
            var w = first.word(i)
            for b in bitsets.dropFirst() where w != 0 { w &= b.word(i) }
            // Lowest set bit first: trailing zeros give the document, w & (w - 1) clears it.
            while w != 0 {
                docs.append(UInt32(i << 6 | w.trailingZeroBitCount))
                w &= w &- 1
            }
        }
        return docs
    }
}
