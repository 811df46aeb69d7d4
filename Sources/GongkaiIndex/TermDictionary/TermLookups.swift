/// Looks up several terms in several segments at once: a search's first step.
///
/// One look-up of a term that is not in the caches is four dependent misses: the hash table's
/// slot, the term's offsets, its bytes, its information. Looking the terms up one after the
/// other makes every miss wait for the one before; here every look-up's slot is read first,
/// then every candidate's offsets, information and first byte, then the bytes compared, so
/// that the misses of different look-ups are in flight together. Each term is hashed once,
/// not once per segment.
public enum TermLookups {
    /// The information on each of `terms` in each of `segments`: entry `s * terms.count + t`
    /// is term `t` in segment `s`, `nil` where the segment does not contain it.
    public static func infos(of terms: [[UInt8]], in segments: [SegmentReader]) -> [TermInfo?] {
        let n = terms.count * segments.count
        guard n > 0 else { return [] }
        var infos = [TermInfo?](filling: nil, count: n)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: terms.count + n) { scratch in
            let hashes = scratch.baseAddress!
            // Per look-up: first the probe's first slot, then its candidate.
            let found = hashes + terms.count
            for t in terms.indices { hashes[t] = terms[t].withUnsafeBufferPointer { TermHashIndex.hash($0) } }
            // 1. Every look-up's first slot: independent loads.
            for s in segments.indices {
                for t in terms.indices { found[s * terms.count + t] = segments[s].termHashes.firstSlot(hashes[t]) }
            }
            infos.withUnsafeMutableBufferPointer { infos in
                // 2. The candidate of each look-up (the probe's lines are loaded), the term with
                // the hash's high bits, its information read ahead of the comparison.
                for s in segments.indices {
                    let segment = segments[s]
                    for t in terms.indices {
                        let k = s * terms.count + t
                        let candidate = found[k] == 0 ? nil : segment.termHashes.index(hash: hashes[t]) { _ in true }
                        // The candidate + 1 (0: none) and where its bytes start, read ahead.
                        found[k] = candidate.map { UInt64($0 + 1) << 32 | UInt64(segment.termOffsets[$0]) } ?? 0
                        infos[k] = candidate.map { segment.termInfo(at: $0) }
                    }
                }
                // 3. The bytes compared; a candidate whose bytes differ (another term with the
                // same high hash bits) is looked up in full.
                for s in segments.indices {
                    let segment = segments[s]
                    for t in terms.indices {
                        let k = s * terms.count + t
                        guard found[k] != 0 else { continue }
                        let candidate = Int(found[k] >> 32) - 1, start = Int(found[k] & 0xFFFF_FFFF)
                        let bytes = UnsafeBufferPointer(start: segment.termBytes + start, count: Int(segment.termOffsets[candidate + 1]) - start)
                        guard !bytes.elementsEqual(terms[t]) else { continue }
                        infos[k] = segment.termInfo(terms[t])
                    }
                }
            }
        }
        return infos
    }
}
