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
        let n = first.wordCount
        // The ANDed words, 64 documents each: one loop per number of bitsets.
        var words = [UInt64](unsafeUninitializedCapacity: n) { out, count in
            let a = first.words
            switch bitsets.count {
            case 1:
                for i in 0..<n { out[i] = a.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self) }
            case 2:
                let b = bitsets[1].words
                for i in 0..<n { out[i] = a.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self) & b.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self) }
            default:
                let b = bitsets[1].words, c = bitsets[2].words
                for i in 0..<n {
                    out[i] = a.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self) & b.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)
                        & c.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)
                }
                for more in bitsets.dropFirst(3) {
                    for i in 0..<n { out[i] &= more.words.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self) }
                }
            }
            count = n
        }
        var total = 0
        for i in 0..<n { words[i] = UInt64(littleEndian: words[i]); total &+= words[i].nonzeroBitCount }
        return words.withUnsafeBufferPointer { words in
            [UInt32](unsafeUninitializedCapacity: total) { docs, count in
                var k = 0
                for i in 0..<n {
                    var w = words[i]
                    // Lowest set bit first: trailing zeros give the document, w & (w - 1) clears it.
                    while w != 0 {
                        docs[k] = UInt32(i << 6 | w.trailingZeroBitCount)
                        k += 1
                        w &= w &- 1
                    }
                }
                count = k
            }
        }
    }
}
