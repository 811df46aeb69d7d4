/// The header and footer every binary index file carries, checked on every open.
///
/// ```
/// Header: Magic(8 bytes, ASCII) Version(u32) Reserved(u32)
/// Footer: Checksum(u64 of every byte before it) EndMagic("GKEND\0\0\0")
/// ```
///
/// The checksum is FNV-1a (``Checksum``), or for segments, which are large, ``WordChecksum``.
public struct FileHeader: Sendable {
    /// The size of the header in bytes.
    public static let size = 16
    /// The size of the footer in bytes.
    public static let footerSize = 16
    static let endMagic: [UInt8] = Array("GKEND\0\0\0".utf8)

    /// The file's eight-byte magic, such as `GKSEGMNT`.
    public var magic: [UInt8]
    /// The format version this code writes and reads.
    public var version: UInt32
    /// Whether the footer's checksum is ``WordChecksum`` (else FNV-1a).
    public var usesWordChecksum: Bool

    /// Creates a header description.
    public init(magic: String, version: UInt32, usesWordChecksum: Bool = false) {
        self.magic = Array(magic.utf8)
        self.version = version
        self.usesWordChecksum = usesWordChecksum
    }

    /// Writes the header.
    public func write(to w: inout ByteWriter) {
        w.append(contentsOf: magic)
        w.fixed(version)
        w.fixed(UInt32(0))
    }

    /// Appends the footer: the checksum of everything written so far, then the end magic.
    public func writeFooter(to w: inout ByteWriter) {
        w.append(contentsOf: footer(after: [w.bytes]))
    }

    /// The footer of a file whose bytes before it are `chunks`, in order.
    public func footer(after chunks: [[UInt8]]) -> [UInt8] {
        let sum: UInt64
        if usesWordChecksum {
            var checksum = WordChecksum()
            for chunk in chunks { chunk.withUnsafeBytes { checksum.add($0) } }
            sum = checksum.value
        } else {
            sum = chunks.reduce(Checksum.fnv1aOfNothing) { hash, chunk in
                chunk.withUnsafeBytes { Checksum.fnv1a($0, continuing: hash) }
            }
        }
        var w = ByteWriter()
        w.fixed(sum)
        w.append(contentsOf: Self.endMagic)
        return w.bytes
    }

    /// Checks magic, version and footer of a whole file image. With `verifyChecksum` the
    /// checksum is recomputed too (a full read; done on merge and check, not on every open).
    public func check(_ file: UnsafeRawBufferPointer, name: String, verifyChecksum: Bool) throws(IndexError) {
        guard file.count >= Self.size + Self.footerSize else {
            throw .corrupt(file: name, detail: "the file is \(file.count) bytes, too short to be an index file")
        }
        guard file[0..<8].elementsEqual(magic) else {
            throw .corrupt(file: name, detail: "it does not start with the magic \(String(decoding: magic, as: UTF8.self))")
        }
        let found = file.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
        if found > version { throw .formatTooNew(file: name, found: found, supported: version) }
        if found < version { throw .formatTooOld(file: name, found: found, supported: version) }
        guard file[(file.count - 8)...].elementsEqual(Self.endMagic) else {
            throw .corrupt(file: name, detail: "its footer is missing: the file was cut short")
        }
        if verifyChecksum {
            let stored = file.loadUnaligned(fromByteOffset: file.count - 16, as: UInt64.self).littleEndian
            let contents = UnsafeRawBufferPointer(rebasing: file[..<(file.count - 16)])
            let actual = usesWordChecksum ? WordChecksum.of(contents) : Checksum.fnv1a(contents)
            guard stored == actual else { throw .corrupt(file: name, detail: "its checksum does not match its contents") }
        }
    }
}
