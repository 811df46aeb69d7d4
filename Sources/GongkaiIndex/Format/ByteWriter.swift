/// Appends little-endian integers, variable-length integers and raw bytes to a growing buffer.
public struct ByteWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty writer, optionally reserving room.
    public init(reserving capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// The number of bytes written.
    public var count: Int { bytes.count }

    /// Empties the buffer, keeping its storage for reuse.
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Appends raw bytes.
    public mutating func append<C: Collection>(contentsOf data: C) where C.Element == UInt8 { bytes.append(contentsOf: data) }

    /// Appends one byte.
    public mutating func u8(_ v: UInt8) { bytes.append(v) }

    /// Appends a fixed-width little-endian integer.
    public mutating func fixed<T: FixedWidthInteger>(_ v: T) {
        var le = v.littleEndian
        withUnsafeBytes(of: &le) { bytes.append(contentsOf: $0) }
    }

    /// Appends an unsigned LEB128 varint: 7 bits a byte, low bits first, high bit = "more".
    /// `300` is written `AC 02`.
    @inline(__always)
    public mutating func varint(_ value: UInt32) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Pads with zero bytes up to a multiple of `alignment`.
    public mutating func align(_ alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }
}

/// FNV-1a, 64-bit: the checksum in every file footer. Cheap, dependency-free, and good enough
/// to detect torn or damaged files (it is not a defence against deliberate tampering).
public enum Checksum {
    /// FNV-1a's hash of no bytes (its offset basis).
    public static let fnv1aOfNothing: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The FNV-1a hash of `bytes`; with `hash`, of whatever gave `hash` followed by `bytes`.
    public static func fnv1a(_ bytes: UnsafeRawBufferPointer, continuing hash: UInt64 = fnv1aOfNothing) -> UInt64 {
        var hash = hash
        for b in bytes {
            hash ^= UInt64(b)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
