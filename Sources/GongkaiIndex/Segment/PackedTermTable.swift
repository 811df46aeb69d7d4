/// Term ids by a nonzero 64-bit key (a Han term packed by ``SegmentBuilder``): open addressing
/// with linear probing and a multiplicative hash. The builder looks a Han term up for every
/// character of every text; a `Dictionary` would hash each key with SipHash.
struct PackedTermTable: Sendable {
    /// 0 marks an empty slot.
    private var keys: [UInt64]
    private var ids: [UInt32]
    private var count = 0
    private var shift: UInt64

    /// An empty table.
    init() {
        keys = [UInt64](filling: 0, count: 1024)
        ids = [UInt32](filling: 0, count: 1024)
        shift = 64 - 10
    }

    /// The id stored for `key`, if any.
    @inline(__always)
    func id(_ key: UInt64) -> UInt32? {
        var slot = Self.slot(key, shift)
        while true {
            let k = keys[slot]
            if k == key { return ids[slot] }
            if k == 0 { return nil }
            slot = (slot + 1) & (keys.count - 1)
        }
    }

    /// Stores `id` for `key`, which must not be in the table yet.
    mutating func insert(_ key: UInt64, _ id: UInt32) {
        var slot = Self.slot(key, shift)
        while keys[slot] != 0 { slot = (slot + 1) & (keys.count - 1) }
        keys[slot] = key
        ids[slot] = id
        count += 1
        if count * 2 > keys.count { grow() }
    }

    /// Fibonacci hashing: the top bits of key × 2⁶⁴/φ.
    @inline(__always)
    private static func slot(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func grow() {
        let (oldKeys, oldIds) = (keys, ids)
        keys = [UInt64](filling: 0, count: oldKeys.count * 2)
        ids = [UInt32](filling: 0, count: oldKeys.count * 2)
        shift -= 1
        count = 0
        for (k, id) in zip(oldKeys, oldIds) where k != 0 { insert(k, id) }
    }
}
