/// Decodes whole posting lists from a segment (``PostingsCursor`` walks them with skips).
///
/// Postings of a term: for each document `varint(docDelta << 1 | 1)` when it occurs once and
/// not in the title, else `varint(docDelta << 1) varint(tf) varint(titleTf)`; the first delta
/// is taken from 0. Positions of a term: for each document in the same order, its `tf`
/// positions in ``PositionCoding``. A term of more than one block has a skip table just before
/// its postings, which these decoders do not need.
public enum PostingsReader {
    /// Decodes the documents of `info` in `range` (all by default) with their weighted
    /// frequencies (title occurrences counted ``IndexPosition/titleWeight`` times), for scoring.
    public static func decodeWeighted(_ segment: SegmentReader, _ info: TermInfo, in range: Range<UInt32> = 0..<UInt32.max,
                                      documents: inout [UInt32], weightedFrequencies: inout [Float]) {
        let n = info.documentFrequency
        var i = 0
        // Written straight into storage for every posting: no capacity check per document.
        documents = [UInt32](capacity: n, filler: 0) { docs in
            weightedFrequencies = [Float](capacity: n, filler: 0) { weights in
                forEachPosting(segment, info, in: range) { doc, weight in
                    docs[i] = doc
                    weights[i] = weight
                    i += 1
                }
                return i
            }
            return i
        }
    }

    /// Calls `body` with each document of `info` (varint postings) in `range` (all by
    /// default) and its weighted frequency, in order, without storing them. A range that
    /// starts after the first document starts at its block, through the skip table.
    /// Inlinable, so that `body` is inlined into the caller's loop in other modules too.
    @inlinable
    public static func forEachPosting(_ segment: SegmentReader, _ info: TermInfo, in range: Range<UInt32> = 0..<UInt32.max,
                                      _ body: (UInt32, Float) -> Void) {
        let table = SkipTable(segment, info)
        let block = range.lowerBound > 0 ? table.lastBlock(before: range.lowerBound) : 0
        let start = table.start(of: block)
        var p = segment.postings + info.postingsOffset + start.postingsOffset
        decode(&p, after: start.lastBefore, count: info.documentFrequency - block * SegmentFormat.postingsBlockSize) { doc, weight in
            if doc < range.lowerBound { return true }
            if doc >= range.upperBound { return false }
            body(doc, weight)
            return true
        }
    }

    /// Calls `body` with each document of block `block` of `info`'s postings (varints) and
    /// its weighted frequency, in order.
    @inlinable
    public static func forEachPosting(_ segment: SegmentReader, _ info: TermInfo, block: Int, _ body: (UInt32, Float) -> Void) {
        let start = SkipTable(segment, info).start(of: block)
        var p = segment.postings + info.postingsOffset + start.postingsOffset
        let first = block * SegmentFormat.postingsBlockSize
        decode(&p, after: start.lastBefore, count: min(SegmentFormat.postingsBlockSize, info.documentFrequency - first)) { doc, weight in
            body(doc, weight)
            return true
        }
    }

    /// Reads the posting at `p`: its document's delta from the one before, the term's
    /// frequency there and, of those, the occurrences in the title.
    @inlinable @inline(__always)
    public static func readPosting(_ p: inout UnsafePointer<UInt8>) -> (delta: UInt32, frequency: UInt32, title: UInt32) {
        let head = readVarint(&p)
        // The common posting (once, not in the title) is one varint: delta << 1 | 1.
        if head & 1 == 1 { return (head >> 1, 1, 0) }
        return (head >> 1, readVarint(&p), readVarint(&p))
    }

    /// Decodes `count` postings at `p`, the first a delta from `doc`, calling `body` with each
    /// document and its weighted frequency until it returns `false`.
    @inlinable @inline(__always)
    static func decode(_ p: inout UnsafePointer<UInt8>, after doc: UInt32, count: Int, _ body: (UInt32, Float) -> Bool) {
        var doc = doc
        for _ in 0..<count {
            // Not through ``readPosting(_:)``: the common posting's weight is the constant 1
            // here, where converting its frequency cost 水稻 补贴 7 % more instructions.
            let head = readVarint(&p)
            doc &+= head >> 1
            let weight: Float
            if head & 1 == 1 {
                weight = 1
            } else {
                let tf = readVarint(&p), title = readVarint(&p)
                weight = IndexPosition.weightedFrequency(tf, title: title)
            }
            if !body(doc, weight) { return }
        }
    }

    /// The first document of the block holding posting number `index` of `info` (in the
    /// skip table's terms: one after the previous block's last document); 0 for the first
    /// block. Documents below it hold about `index` postings, the rest the others: the
    /// point at which a search splits a segment between two threads.
    public static func splitDocument(_ segment: SegmentReader, _ info: TermInfo, atPosting index: Int) -> UInt32 {
        let block = index / SegmentFormat.postingsBlockSize
        guard block > 0 else { return 0 }
        let table = SkipTable(segment, info)
        guard block < table.blockCount else { return UInt32.max }
        return table.entry(block).lastBefore + 1
    }

    /// Decodes only the document ids of `info` (varints or a bitset).
    public static func documents(_ segment: SegmentReader, _ info: TermInfo) -> [UInt32] {
        if info.isBitset { return DocumentBitset.intersection([segment.bitset(info)], bound: info.documentFrequency) }
        return [UInt32](capacity: info.documentFrequency, filler: 0) { docs in
            var count = 0
            forEachPosting(segment, info) { doc, _ in
                docs[count] = doc
                count += 1
            }
            return count
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
    static func skipVarint(_ p: inout UnsafePointer<UInt8>) {
        while p.pointee >= 0x80 { p += 1 }
        p += 1
    }
}
