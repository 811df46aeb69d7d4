import CPrefetch
import Synchronization

/// One hash table over the terms of every segment of a snapshot: a term is found once, and
/// its information in every segment read from one entry, where a look-up per segment reads
/// four lines in each (``TermHashIndex``: slot, offset, bytes, information). A phrase of
/// twelve bigrams over four segments then misses on about 24 lines instead of 190. Built on
/// a snapshot's first search (``Lazy``); nothing on disk.
///
/// Slots (open addressing, linear probing, at most two thirds full) hold the high 32 bits of
/// the term's hash and its entry's number + 1 (0: empty). Entries, one per distinct term,
/// 64-byte aligned:
///
/// ```
/// Entry --> LongTerm(u32) Key(12 bytes) Info^SegmentCount(12 bytes each) Pad
/// Key   --> Length(u8) Bytes(11 bytes, zero-padded)        Length = 0: a longer term
/// ```
///
/// `LongTerm` is, for a term longer than 11 bytes, the first segment holding it (high 8 bits)
/// and its number there (low 24 bits), whose bytes the look-up compares. `Info` is the term's
/// 12 bytes of that segment's term infos section, all zero where the segment lacks it (a term
/// is in at least one document of a segment that lists it).
///
/// Unchecked `Sendable`: written once, before the value is shared; the memory lives as long
/// as the value.
final class SnapshotTermTable: @unchecked Sendable {
    /// The longest term held in its key.
    static let inlineLimit = 11
    /// The most segments a table covers: an entry is then two cache lines. (More segments
    /// are looked up one by one, ``TermLookups/infos(of:in:)``.)
    static let segmentLimit = 8
    /// A segment's terms are numbered in `LongTerm`'s 24 bits.
    static let termLimit = 1 << 24

    private let readers: [SegmentReader]
    private let slotMemory: HugePageMemory
    private let entryMemory: HugePageMemory
    private let slots: UnsafeMutablePointer<UInt64>
    private let entries: UnsafeMutableRawPointer
    private let mask: Int
    private let entryBytes: Int

    /// The table over `readers`' terms; `nil` when there are none, more than
    /// ``segmentLimit`` segments or a segment of ``termLimit`` terms or more. Memory for an
    /// entry per term of every segment is reserved, and only the distinct terms' touched.
    init?(_ readers: [SegmentReader]) {
        let total = readers.reduce(0) { $0 + $1.termCount }
        guard total > 0, readers.count <= Self.segmentLimit, readers.allSatisfy({ $0.termCount < Self.termLimit }) else { return nil }
        var size = 8
        while size * 2 < total * 3 { size <<= 1 }
        mask = size - 1
        entryBytes = (16 + SegmentFormat.termInfoSize * readers.count + 63) / 64 * 64
        slotMemory = HugePageMemory(byteCount: size * 8)
        entryMemory = HugePageMemory(byteCount: total * entryBytes)
        slots = slotMemory.base.bindMemory(to: UInt64.self, capacity: size)
        entries = entryMemory.base
        self.readers = readers
        var count = 0
        // Hashed a segment at a time, then inserted with the slots of the terms a few ahead
        // prefetched: each insertion's probe is a miss in an 8 MB table.
        let ahead = 8
        var hashes: [UInt64] = []
        hashes.reserveCapacity(readers.map(\.termCount).max() ?? 0)
        for (s, reader) in readers.enumerated() {
            hashes.removeAll(keepingCapacity: true)
            for i in 0..<reader.termCount { hashes.append(TermHashIndex.hash(reader.term(at: i))) }
            for i in 0..<reader.termCount {
                if i + ahead < hashes.count { gk_prefetch(slots + (Int(truncatingIfNeeded: hashes[i + ahead]) & mask)) }
                let bytes = reader.term(at: i)
                let h = hashes[i]
                let key = Key(bytes)
                let entry: UnsafeMutableRawPointer
                // A segment lists a term once: the first segment's terms are all new.
                if s > 0, let found = find(hash: h, key: key, bytes: bytes) {
                    entry = found
                } else {
                    entry = entries + count * entryBytes
                    count += 1
                    var slot = Int(truncatingIfNeeded: h) & mask
                    while slots[slot] != 0 { slot = (slot + 1) & mask }
                    slots[slot] = h & 0xFFFF_FFFF_0000_0000 | UInt64(count)
                    entry.storeBytes(of: UInt32(s) << 24 | UInt32(i), as: UInt32.self)
                    entry.storeBytes(of: key.head, toByteOffset: 4, as: UInt32.self)
                    entry.storeBytes(of: key.tail, toByteOffset: 8, as: UInt64.self)
                }
                (entry + 16 + s * SegmentFormat.termInfoSize).copyMemory(from: reader.termInfoBytes(at: i), byteCount: SegmentFormat.termInfoSize)
            }
        }
    }

    /// The number of segments the table covers.
    var segmentCount: Int { readers.count }

    /// A term's key as entries store it.
    struct Key {
        let head: UInt32
        let tail: UInt64

        /// The key of `bytes`: its length and bytes when it fits, else zero.
        @inline(__always)
        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard bytes.count <= SnapshotTermTable.inlineLimit, let base = bytes.baseAddress else {
                (head, tail) = (0, 0)
                return
            }
            // Three 32-bit words, contiguous: the length, then the bytes.
            var packed: (UInt32, UInt32, UInt32) = (0, 0, 0)
            withUnsafeMutableBytes(of: &packed) { raw in
                raw[0] = UInt8(bytes.count)
                raw.baseAddress!.advanced(by: 1).copyMemory(from: base, byteCount: bytes.count)
            }
            head = packed.0
            tail = UInt64(packed.1) | UInt64(packed.2) << 32
        }

        /// Whether the key holds its term's bytes.
        var isInline: Bool { head != 0 }
    }

    /// The first slot a probe for hash `h` reads (reading it loads the line the probe needs).
    @inline(__always)
    func firstSlot(_ h: UInt64) -> UInt64 { slots[Int(truncatingIfNeeded: h) & mask] }

    /// The entry of the term `bytes` (hash `h`, key `key`), `nil` when no segment holds it.
    @inline(__always)
    func find(hash h: UInt64, key: Key, bytes: UnsafeBufferPointer<UInt8>) -> UnsafeMutableRawPointer? {
        let high = h & 0xFFFF_FFFF_0000_0000
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[s]
            if slot == 0 { return nil }
            if slot & 0xFFFF_FFFF_0000_0000 == high {
                let entry = entries + (Int(slot & 0xFFFF_FFFF) - 1) * entryBytes
                if entry.load(fromByteOffset: 4, as: UInt32.self) == key.head, entry.load(fromByteOffset: 8, as: UInt64.self) == key.tail,
                   key.isInline || longTerm(entry).hasSameBytes(as: bytes) {
                    return entry
                }
            }
            s = (s + 1) & mask
        }
    }

    /// The bytes of a long term's entry, from the first segment holding it.
    private func longTerm(_ entry: UnsafeRawPointer) -> UnsafeBufferPointer<UInt8> {
        let ref = entry.load(as: UInt32.self)
        return readers[Int(ref >> 24)].term(at: Int(ref & 0xFF_FFFF))
    }

    /// Writes the information in segment `s` of `entry`'s term (`nil`: no segment holds it) at
    /// `infos[s * stride + t]` for every segment, `nil` where it lacks the term, and
    /// prefetches the first lines a cursor on it reads (``PostingsCursor/prefetch(_:_:)``).
    @inline(__always)
    func write(entry: UnsafeRawPointer?, into infos: UnsafeMutableBufferPointer<TermInfo?>, term t: Int, stride: Int) {
        for s in readers.indices {
            let stored = entry.map { $0 + 16 + s * SegmentFormat.termInfoSize }
            guard let stored, stored.loadUnaligned(as: UInt32.self) != 0 else {
                infos[s * stride + t] = nil
                continue
            }
            let info = TermInfo(stored: stored)
            infos[s * stride + t] = info
            PostingsCursor.prefetch(readers[s], info)
        }
    }

    /// Prefetches the line of an entry found by `firstSlot` (its first candidate).
    @inline(__always)
    func prefetchEntry(slot: UInt64) {
        guard slot != 0 else { return }
        gk_prefetch(entries + (Int(slot & 0xFFFF_FFFF) - 1) * entryBytes)
    }
}

extension SnapshotTermTable {
    /// A snapshot's table, built by the first look-up that asks for it, once: a writer's
    /// snapshots, never searched, never build one. Once built, it is read without a lock.
    final class Lazy: Sendable {
        /// What the build made: a table, or none (a snapshot the table does not cover).
        private final class Built: Sendable {
            let table: SnapshotTermTable?
            init(_ table: SnapshotTermTable?) { self.table = table }
        }
        private let built = AtomicLazyReference<Built>()
        /// Held while building, so that searches arriving meanwhile wait for the one build.
        private let building = Mutex(())

        /// The table over `readers` (the snapshot's, always the same), `nil` when there is none.
        func table(over readers: [SegmentReader]) -> SnapshotTermTable? {
            if let done = built.load() { return done.table }
            return building.withLock { _ in
                if let done = built.load() { return done.table }
                return built.storeIfNil(Built(SnapshotTermTable(readers))).table
            }
        }
    }
}
