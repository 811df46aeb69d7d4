/// A 64-bit hash of bytes for in-memory tables (a segment's term hash table, the builder's
/// memos): eight bytes at a time, multiplied and folded (the constants are MurmurHash3's
/// finaliser's), then the tail and the length. Several times cheaper than `Hasher` over bytes.
enum ByteHash {
    /// A seed drawn once per process, as `Hasher`'s is, for tables whose keys records could
    /// be crafted to make collide.
    static let seed = UInt64.random(in: .min ... .max)

    /// The hash of `bytes`, continuing from `start` (by default the process's seed): a key of
    /// several parts is hashed part by part.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, from start: UInt64 = seed) -> UInt64 {
        var h = start
        var i = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= bytes.count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 32
                i += 8
            }
        }
        var tail = UInt64(bytes.count) << 56
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        return h ^ (h >> 29)
    }
}
