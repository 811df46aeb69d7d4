/// How positions are written: a position is `value << 20 | offset` (see ``IndexPosition``),
/// and most of its bits repeat from the previous position of the same document, so each is
/// written relative to the previous one:
///
/// - same value: `varint(offsetDelta << 1)`;
/// - another value: `varint(valueDelta << 1 | 1)`, then `varint(offset)`.
///
/// The first position of a document is taken relative to position 0 (value 0, offset 0). A
/// position in value 3 at offset 17 after one in value 1 is written `05 11`.
public enum PositionCoding {
    /// Appends `position`, which follows `previous` (or 0) in the same document.
    @inline(__always)
    public static func write(_ position: UInt32, after previous: UInt32, to w: inout ByteWriter) {
        let value = position >> IndexPosition.offsetBits, previousValue = previous >> IndexPosition.offsetBits
        let offset = position & IndexPosition.maximumOffset
        if value == previousValue {
            w.varint((offset - (previous & IndexPosition.maximumOffset)) << 1)
        } else {
            w.varint((value - previousValue) << 1 | 1)
            w.varint(offset)
        }
    }

    /// Reads the position that follows `previous`, advancing `p`.
    @inlinable @inline(__always)
    public static func read(after previous: UInt32, from p: inout UnsafePointer<UInt8>) -> UInt32 {
        let head = PostingsReader.readVarint(&p)
        if head & 1 == 0 { return previous &+ (head >> 1) }
        let value = (previous >> IndexPosition.offsetBits) &+ (head >> 1)
        return value << IndexPosition.offsetBits | PostingsReader.readVarint(&p)
    }

    /// Skips one position.
    @inlinable @inline(__always)
    static func skip(_ p: inout UnsafePointer<UInt8>) {
        let head = PostingsReader.readVarint(&p)
        if head & 1 == 1 { PostingsReader.skipVarint(&p) }
    }
}
