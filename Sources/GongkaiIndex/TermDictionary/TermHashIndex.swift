/// An in-memory hash table over a segment's term dictionary, for exact look-ups: a term is
/// found by one probe of this table (usually one cache line), then one comparison with the
/// term's bytes in the map. A binary search, even narrowed by ``TermSampleIndex``, touches a
/// dozen lines that searches in between have evicted. Built when the segment opens; nothing
/// on disk.
///
/// Open addressing with linear probing, at most two thirds full. A slot holds the term's
/// index + 1 in its low 32 bits (0: empty) and the high 32 bits of the term's hash in its
/// high 32 bits, so that a probe past another term rarely reads that term's bytes.
/// Unchecked `Sendable`: the table is written once, before the value is shared, and its memory
/// lives as long as the value.
struct TermHashIndex: @unchecked Sendable {
    /// The table, in memory backed by 2 MB pages (``HugePageMemory``): a probe is one cache
    /// line and no TLB miss.
    private let memory: HugePageMemory
    private let slots: UnsafeBufferPointer<UInt64>
    private let mask: Int
    /// A fixed seed, not the process's: the table is read on every search, and a fixed seed
    /// keeps its probes, and so instruction counts, the same from one run to the next.
    private static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Hashes the `termCount` terms that `term` returns by index.
    init(termCount: Int, term: (Int) -> UnsafeBufferPointer<UInt8>) {
        var size = 8
        while size * 2 < termCount * 3 { size <<= 1 }
        let mask = size - 1
        let (memory, slots) = HugePageMemory.array(of: UInt64.self, count: size)
        for index in 0..<termCount {
            let h = ByteHash.hash(term(index), from: Self.seed)
            var s = Int(truncatingIfNeeded: h) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = h & 0xFFFF_FFFF_0000_0000 | UInt64(index + 1)
        }
        self.memory = memory
        self.slots = UnsafeBufferPointer(slots)
        self.mask = mask
    }

    /// The hash a look-up of `bytes` probes with: the same in every segment's table.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { ByteHash.hash(bytes, from: seed) }

    /// The slot where a probe for hash `h` starts (reading it loads the line the probe needs).
    @inline(__always)
    func firstSlot(_ h: UInt64) -> UInt64 { slots[Int(truncatingIfNeeded: h) & mask] }

    /// The index of the term whose bytes are `bytes`, `nil` when there is none; `isTerm`
    /// says whether the term of an index has these bytes.
    @inline(__always)
    func index(of bytes: UnsafeBufferPointer<UInt8>, isTerm: (Int) -> Bool) -> Int? {
        index(hash: Self.hash(bytes), isTerm: isTerm)
    }

    /// ``index(of:isTerm:)`` for bytes whose ``hash(_:)`` is `h`.
    @inline(__always)
    func index(hash h: UInt64, isTerm: (Int) -> Bool) -> Int? {
        let high = h & 0xFFFF_FFFF_0000_0000
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[s]
            if slot == 0 { return nil }
            if slot & 0xFFFF_FFFF_0000_0000 == high, isTerm(Int(slot & 0xFFFF_FFFF) - 1) { return Int(slot & 0xFFFF_FFFF) - 1 }
            s = (s + 1) & mask
        }
    }
}
