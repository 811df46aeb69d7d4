/// The decoded postings of one term in one segment: documents in increasing order with their
/// term frequency and title frequency.
public struct PostingList: Sendable {
    /// Document ids, increasing.
    public var documents: [UInt32] = []
    /// Occurrences in each document.
    public var frequencies: [UInt32] = []
    /// Of those, occurrences in the title.
    public var titleFrequencies: [UInt32] = []

    /// An empty list.
    public init() {}
}

/// Decodes postings and positions from a segment.
///
/// Postings of a term: for each document `varint(docDelta << 1 | 1)` when it occurs once and
/// not in the title, else `varint(docDelta << 1) varint(tf) varint(titleTf)`; the first delta
/// is taken from 0. Positions of a term: for each document in the same order, its `tf`
/// positions in ``PositionCoding``.
public enum PostingsReader {
    /// Decodes the postings of `info`.
    /// - Complexity: O(document frequency).
    public static func decode(_ segment: SegmentReader, _ info: TermInfo) -> PostingList {
        var list = PostingList()
        let n = info.documentFrequency
        var p = segment.postings + info.postingsOffset
        list.documents = [UInt32](unsafeUninitializedCapacity: n) { docs, docCount in
            list.frequencies = [UInt32](unsafeUninitializedCapacity: n) { tfs, tfCount in
                list.titleFrequencies = [UInt32](unsafeUninitializedCapacity: n) { titles, titleCount in
                    var doc: UInt32 = 0
                    for i in 0..<n {
                        let head = readVarint(&p)
                        doc &+= head >> 1
                        docs[i] = doc
                        if head & 1 == 1 {
                            tfs[i] = 1
                            titles[i] = 0
                        } else {
                            tfs[i] = readVarint(&p)
                            titles[i] = readVarint(&p)
                        }
                    }
                    titleCount = n
                }
                tfCount = n
            }
            docCount = n
        }
        return list
    }

    /// Decodes the documents of `info` with their weighted frequencies (title occurrences
    /// counted ``IndexPosition/titleWeight`` times), for scoring.
    public static func decodeWeighted(_ segment: SegmentReader, _ info: TermInfo, documents: inout [UInt32], weightedFrequencies: inout [Float]) {
        let n = info.documentFrequency
        var p = segment.postings + info.postingsOffset
        // Written straight into uninitialised storage: no capacity check per document.
        documents = [UInt32](unsafeUninitializedCapacity: n) { docs, docCount in
            weightedFrequencies = [Float](unsafeUninitializedCapacity: n) { weights, weightCount in
                var doc: UInt32 = 0
                for i in 0..<n {
                    let head = readVarint(&p)
                    doc &+= head >> 1
                    docs[i] = doc
                    if head & 1 == 1 {
                        weights[i] = 1
                    } else {
                        let tf = readVarint(&p), title = readVarint(&p)
                        weights[i] = Float(tf + (IndexPosition.titleWeight - 1) * title)
                    }
                }
                weightCount = n
            }
            docCount = n
        }
    }

    /// Decodes only the document ids of `info`.
    public static func documents(_ segment: SegmentReader, _ info: TermInfo) -> [UInt32] {
        let n = info.documentFrequency
        var p = segment.postings + info.postingsOffset
        return [UInt32](unsafeUninitializedCapacity: n) { docs, count in
            var doc: UInt32 = 0
            for i in 0..<n {
                let head = readVarint(&p)
                doc &+= head >> 1
                docs[i] = doc
                if head & 1 == 0 {
                    skipVarint(&p)
                    skipVarint(&p)
                }
            }
            count = n
        }
    }

    /// Reads one LEB128 varint and advances `p` past it.
    @inline(__always)
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
    @inline(__always)
    static func skipVarint(_ p: inout UnsafePointer<UInt8>) {
        while p.pointee >= 0x80 { p += 1 }
        p += 1
    }
}

/// Walks the positions of one term, document by document, in increasing document order.
public struct PositionsCursor {
    private var pointer: UnsafePointer<UInt8>
    private var index = 0
    private let frequencies: [UInt32]

    /// A cursor at the first document of a term whose postings were decoded into `list`.
    public init(_ segment: SegmentReader, _ info: TermInfo, _ list: PostingList) {
        pointer = segment.positions + info.positionsOffset
        frequencies = list.frequencies
    }

    /// Decodes the positions of the document at `documentIndex` into `out[0..<tf]`, growing
    /// `out` when needed, and returns tf. Indices must increase between calls.
    @inline(__always)
    public mutating func positions(at documentIndex: Int, into out: inout [UInt32]) -> Int {
        while index < documentIndex {
            for _ in 0..<frequencies[index] { PositionCoding.skip(&pointer) }
            index += 1
        }
        let count = Int(frequencies[index])
        if out.count < count { out = [UInt32](repeating: 0, count: max(count, 2 * out.count)) }
        var position: UInt32 = 0
        var p = pointer
        out.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<count {
                position = PositionCoding.read(after: position, from: &p)
                buffer[i] = position
            }
        }
        pointer = p
        index += 1
        return count
    }
}
