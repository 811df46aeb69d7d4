/// Which documents of a segment are deleted: a bitset, one bit a document, set = deleted.
///
/// File `seg-ID.del-GEN`: `Header("GKDELETE", 1) docCount(u32) deletedCount(u32)
/// words(u64 × ⌈docCount/64⌉) Footer`. Bit `d % 64` of word `d / 64` is document `d`.
public struct LiveDocuments: Sendable, Hashable {
    static let header = FileHeader(magic: "GKDELETE", version: 1)

    /// The number of documents the set covers.
    public let documentCount: Int
    /// The number of deleted documents.
    public private(set) var deletedCount = 0
    private var words: [UInt64]

    /// A set with every document live.
    public init(documentCount: Int) {
        self.documentCount = documentCount
        words = [UInt64](filling: 0, count: (documentCount + 63) / 64)
    }

    /// Whether document `doc` is live.
    @inline(__always)
    public func isLive(_ doc: UInt32) -> Bool { words[Int(doc >> 6)] & (1 << UInt64(doc & 63)) == 0 }

    /// Marks `doc` deleted; returns whether it was live.
    @discardableResult
    public mutating func delete(_ doc: UInt32) -> Bool {
        guard isLive(doc) else { return false }
        words[Int(doc >> 6)] |= 1 << UInt64(doc & 63)
        deletedCount += 1
        return true
    }

    /// The number of live documents.
    public var liveCount: Int { documentCount - deletedCount }

    /// The file image.
    public func serialize() -> [UInt8] {
        var w = ByteWriter(reserving: 32 + words.count * 8)
        Self.header.write(to: &w)
        w.fixed(UInt32(documentCount))
        w.fixed(UInt32(deletedCount))
        for word in words { w.fixed(word) }
        Self.header.writeFooter(to: &w)
        return w.bytes
    }

    /// Parses a file image, checking header, size, footer and checksum.
    public init(bytes: [UInt8], name: String) throws(IndexError) {
        let parsed = bytes.withUnsafeBytes { raw in
            Result { () throws(IndexError) -> LiveDocuments in
                try Self.header.check(raw, name: name, verifyChecksum: true)
                let count = Int(raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self).littleEndian)
                let deleted = Int(raw.loadUnaligned(fromByteOffset: 20, as: UInt32.self).littleEndian)
                let wordCount = (count + 63) / 64
                guard raw.count == 24 + wordCount * 8 + FileHeader.footerSize else {
                    throw .corrupt(file: name, detail: "its size does not match its document count")
                }
                var live = LiveDocuments(documentCount: count)
                for i in 0..<wordCount {
                    live.words[i] = raw.loadUnaligned(fromByteOffset: 24 + i * 8, as: UInt64.self).littleEndian
                }
                live.deletedCount = live.words.reduce(0) { $0 + $1.nonzeroBitCount }
                guard live.deletedCount == deleted else { throw .corrupt(file: name, detail: "its deleted count is wrong") }
                return live
            }
        }
        self = try parsed.get()
    }

    /// The file name of the deletions of segment `id` at generation `generation`.
    public static func fileName(segment id: UInt64, generation: UInt64) -> String { "seg-\(id).del-\(generation)" }
}
