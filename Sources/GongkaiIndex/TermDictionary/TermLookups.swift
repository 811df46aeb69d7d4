/// Looks up several terms in several segments at once: a search's first step.
///
/// One look-up of a term that is not in the caches is four dependent misses: the hash table's
/// slot, the term's offsets, its bytes, its information. Looking the terms up one after the
/// other makes every miss wait for the one before; here every look-up's slot is read first,
/// then every candidate's offsets, information and first byte, then the bytes compared, so
/// that the misses of different look-ups are in flight together. Each term is hashed once,
/// not once per segment. The first lines a cursor on each term found will read are prefetched
/// last: the segments are then searched one after another, and their first misses overlap.
///
/// A snapshot looks its terms up in all its segments at once through its
/// ``SnapshotTermTable`` (``IndexSnapshot/termInfos(_:)``): one entry per term, not a probe
/// per term and segment.
public enum TermLookups {
    /// The information on each of `terms` in each of `segments`: entry `s * terms.count + t`
    /// is term `t` in segment `s`, `nil` where the segment does not contain it.
    public static func infos(of terms: [[UInt8]], in segments: [SegmentReader]) -> [TermInfo?] {
        infos(of: TermList(terms), in: segments)
    }

    /// ``infos(of:in:)`` for the terms of a ``TermList``.
    public static func infos(of list: TermList, in segments: [SegmentReader]) -> [TermInfo?] {
        guard list.count > 0, !segments.isEmpty else { return [] }
        var infos = [TermInfo?](filling: nil, count: list.count * segments.count)
        list.bytes.withUnsafeBufferPointer { bytes in
            infos.withUnsafeMutableBufferPointer { lookUp(list, bytes, in: segments, into: $0) }
        }
        return infos
    }

    /// ``infos(of:in:)`` for the segments of a ``SnapshotTermTable``: every
    /// term's first slot read, then the entry that slot names prefetched, then each probe
    /// finished and its entry read, so that the terms' misses overlap at each step.
    static func infos(of list: TermList, in table: SnapshotTermTable) -> [TermInfo?] {
        guard list.count > 0 else { return [] }
        var infos = [TermInfo?](filling: nil, count: list.count * table.segmentCount)
        let terms = 0..<list.count
        list.bytes.withUnsafeBufferPointer { bytes in
            infos.withUnsafeMutableBufferPointer { infos in
                func term(_ t: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[list.range(t)]) }
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * terms.count) { scratch in
                    let (hashes, first) = (scratch.baseAddress!, scratch.baseAddress! + terms.count)
                    for t in terms { hashes[t] = TermHashIndex.hash(term(t)) }
                    for t in terms { first[t] = table.firstSlot(hashes[t]) }
                    for t in terms { table.prefetchEntry(slot: first[t]) }
                    for t in terms {
                        let entry = first[t] == 0 ? nil : table.find(hash: hashes[t], key: SnapshotTermTable.Key(term(t)), bytes: term(t))
                        table.write(entry: entry.map(UnsafeRawPointer.init), into: infos, term: t, stride: terms.count)
                    }
                }
            }
        }
        return infos
    }

    /// The staged look-ups of ``infos(of:in:)``: term `t` of `list` (its bytes in `bytes`) in
    /// segment `s` is written at `infos[s * list.count + t]`.
    private static func lookUp(_ list: TermList, _ bytes: UnsafeBufferPointer<UInt8>, in segments: [SegmentReader],
                               into infos: UnsafeMutableBufferPointer<TermInfo?>) {
        let terms = 0..<list.count
        func term(_ t: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[list.range(t)]) }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: terms.count + infos.count) { scratch in
            let hashes = scratch.baseAddress!
            // Per look-up: first the probe's first slot, then its candidate.
            let found = hashes + terms.count
            for t in terms { hashes[t] = TermHashIndex.hash(term(t)) }
            // 1. Every look-up's first slot: independent loads.
            for s in segments.indices {
                for t in terms { found[s * terms.count + t] = segments[s].termHashes.firstSlot(hashes[t]) }
            }
            // 2. The candidate of each look-up (the probe's lines are loaded), the term with
            // the hash's high bits, its information read ahead of the comparison.
            for s in segments.indices {
                let segment = segments[s]
                for t in terms {
                    let k = s * terms.count + t
                    let candidate = found[k] == 0 ? nil : segment.termHashes.index(hash: hashes[t]) { _ in true }
                    // The candidate + 1 (0: none) and where its bytes start, read ahead.
                    found[k] = candidate.map { UInt64($0 + 1) << 32 | UInt64(segment.termOffsets[$0]) } ?? 0
                    infos[k] = candidate.map { segment.termInfo(at: $0) }
                }
            }
            // 3. The bytes compared; a candidate whose bytes differ (another term with the
            // same high hash bits) is looked up in full. Then the first lines a cursor on the
            // term reads are prefetched, so that the segments' misses on them overlap too.
            for s in segments.indices {
                let segment = segments[s]
                for t in terms {
                    let k = s * terms.count + t
                    guard found[k] != 0 else { continue }
                    let candidate = Int(found[k] >> 32) - 1, start = Int(found[k] & 0xFFFF_FFFF)
                    let stored = UnsafeBufferPointer(start: segment.termBytes + start, count: Int(segment.termOffsets[candidate + 1]) - start)
                    if !stored.hasSameBytes(as: term(t)) { infos[k] = segment.termInfo(Array(term(t))) }
                    if let info = infos[k] { PostingsCursor.prefetch(segment, info) }
                }
            }
        }
    }
}
