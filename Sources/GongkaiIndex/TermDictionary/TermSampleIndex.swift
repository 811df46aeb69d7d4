/// An in-memory index over a segment's sorted term dictionary: the first 8 bytes of every
/// ``stride``-th term, as big-endian integers. A look-up searches these keys (small, and hot
/// in the cache across searches), then only the stretch of at most ``stride`` terms between
/// two samples in the memory map, instead of touching a new cache line of the map at every
/// step of a binary search over all terms. Built when the segment opens; nothing on disk.
struct TermSampleIndex: Sendable {
    /// Terms per sample: 16 term offsets fill one 64-byte cache line.
    static let stride = 16

    private let keys: [UInt64]

    /// Samples the `termCount` terms that `term` returns by index.
    init(termCount: Int, term: (Int) -> UnsafeBufferPointer<UInt8>) {
        keys = Swift.stride(from: 0, to: termCount, by: Self.stride).map { Self.key(term($0)) }
    }

    /// The first 8 bytes of `bytes`, big-endian, zero-padded. A smaller key means smaller
    /// bytes and a larger key larger bytes (a shorter term padded with zeros is a prefix of,
    /// so sorts before, any longer term it ties with byte for byte); equal keys decide nothing.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var key: UInt64 = 0
        for i in 0..<8 { key = key << 8 | UInt64(i < bytes.count ? bytes[i] : 0) }
        return key
    }

    /// The term indices among which the first term not less than `bytes` lies (the end of
    /// the range included: the answer may be the range's upper bound itself).
    func candidates(_ bytes: UnsafeBufferPointer<UInt8>, termCount: Int) -> Range<Int> {
        let k = Self.key(bytes)
        // below: the first sample with key ≥ k; above: the first with key > k.
        var low = 0, high = keys.count
        while low < high {
            let mid = (low + high) >> 1
            if keys[mid] < k { low = mid + 1 } else { high = mid }
        }
        let below = low
        high = keys.count
        while low < high {
            let mid = (low + high) >> 1
            if keys[mid] <= k { low = mid + 1 } else { high = mid }
        }
        let above = low
        // Sample `below - 1` is less than `bytes`, so the answer lies after it; sample `above`
        // is greater, so the answer is at most it.
        let start = below == 0 ? 0 : (below - 1) * Self.stride + 1
        let end = above == keys.count ? termCount : above * Self.stride
        return start..<end
    }
}
