/// Decodes whole posting lists from a segment (``PostingsCursor`` walks them with skips).
///
/// Postings of a term: for each document `varint(docDelta << 1 | 1)` when it occurs once and
/// not in the title, else `varint(docDelta << 1) varint(tf) varint(titleTf)`; the first delta
/// is taken from 0. Positions of a term: for each document in the same order, its `tf`
/// positions in ``PositionCoding``. A term of more than one block has a skip table just before
/// its postings, which these decoders do not need.
public enum PostingsReader {
    /// Decodes the documents of `info` with their weighted frequencies (title occurrences
    /// counted ``IndexPosition/titleWeight`` times), for scoring.
    public static func decodeWeighted(_ segment: SegmentReader, _ info: TermInfo, documents: inout [UInt32], weightedFrequencies: inout [Float]) {
        let n = info.documentFrequency
        // Written straight into uninitialised storage: no capacity check per document.
        documents = [UInt32](unsafeUninitializedCapacity: n) { docs, docCount in
            weightedFrequencies = [Float](unsafeUninitializedCapacity: n) { weights, weightCount in
                var i = 0
                forEachPosting(segment, info) { doc, weight in
                    docs[i] = doc
                    weights[i] = weight
                    i += 1
                }
                weightCount = n
            }
            docCount = n
        }
    }

    /// Calls `body` with each document of `info` (varint postings) and its weighted
    /// frequency, in order, without storing them. Inlinable, so that `body` is inlined into
    /// the caller's loop in other modules too.
    @inlinable
    public static func forEachPosting(_ segment: SegmentReader, _ info: TermInfo, _ body: (UInt32, Float) -> Void) {
        var p = segment.postings + info.postingsOffset
        var doc: UInt32 = 0
        for _ in 0..<info.documentFrequency {
            let head = readVarint(&p)
            doc &+= head >> 1
            if head & 1 == 1 {
                body(doc, 1)
            } else {
                let tf = readVarint(&p), title = readVarint(&p)
                body(doc, IndexPosition.weightedFrequency(tf, title: title))
            }
        }
    }

    /// Decodes only the document ids of `info` (varints or a bitset).
    public static func documents(_ segment: SegmentReader, _ info: TermInfo) -> [UInt32] {
        if info.isBitset { return DocumentBitset.intersection([segment.bitset(info)], bound: info.documentFrequency) }
        return [UInt32](unsafeUninitializedCapacity: info.documentFrequency) { docs, count in
            forEachPosting(segment, info) { doc, _ in
                docs[count] = doc
                count += 1
            }
        }
    }

    /// Reads one LEB128 varint and advances `p` past it.
    @inlinable @inline(__always)
    public static func readVarint(_ p: inout UnsafePointer<UInt8>) -> UInt32 {
        var b = p.pointee
        p += 1
        if b < 0x80 { return UInt32(b) }
        var value = UInt32(b & 0x7F)
        var shift: UInt32 = 7
        repeat {
            b = p.pointee
            p += 1
            value |= UInt32(b & 0x7F) << shift
            shift += 7
        } while b >= 0x80 && shift < 35
        return value
    }

    /// Skips one varint.
    @inlinable @inline(__always)
    @usableFromInline static func skipVarint(_ p: inout UnsafePointer<UInt8>) {
        while p.pointee >= 0x80 { p += 1 }
        p += 1
    }
}
