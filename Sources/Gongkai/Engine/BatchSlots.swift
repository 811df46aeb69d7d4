import GongkaiIndex

/// The batch's records by id, for the replacement of a record by a later line with the same
/// id: open addressing on a hash of the id's bytes (computed where the line is parsed, on
/// every core), each hash checked against the record's id. A `Dictionary` of strings hashed
/// each id through SipHash on the one thread that gathers the batch.
struct BatchSlots {
    /// Per table slot, the id hash and the batch slot plus one (0: empty).
    private var hashes = [UInt64](repeating: 0, count: 1024)
    private var slots = [Int32](repeating: 0, count: 1024)
    private var count = 0

    /// The hash `BatchSlots` files `id` under.
    static func hash(_ id: String) -> UInt64 {
        var id = id
        return id.withUTF8 { Checksum.fnv1a(UnsafeRawBufferPointer($0)) }
    }

    /// The slot of the record with `id` (whose hash is `hash`), if one is held; `idAt` gives
    /// a slot's record id.
    func slot(of id: String, hash: UInt64, idAt: (Int) -> String) -> Int? {
        var at = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[at] != 0 {
            if hashes[at] == hash, idAt(Int(slots[at]) - 1) == id { return Int(slots[at]) - 1 }
            at = (at + 1) & (slots.count - 1)
        }
        return nil
    }

    /// Holds `slot` for an id hashed `hash`, which is not held yet.
    mutating func insert(_ slot: Int, hash: UInt64) {
        count += 1
        if count * 2 > slots.count {
            let (oldHashes, oldSlots) = (hashes, slots)
            hashes = [UInt64](repeating: 0, count: slots.count * 2)
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for (h, s) in zip(oldHashes, oldSlots) where s != 0 { place(Int(s) - 1, hash: h) }
        }
        place(slot, hash: hash)
    }

    private mutating func place(_ slot: Int, hash: UInt64) {
        var at = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[at] != 0 { at = (at + 1) & (slots.count - 1) }
        hashes[at] = hash
        slots[at] = Int32(slot + 1)
    }

    /// Holds nothing, keeping the table's size.
    mutating func removeAll() {
        for i in slots.indices { slots[i] = 0 }
        count = 0
    }
}
