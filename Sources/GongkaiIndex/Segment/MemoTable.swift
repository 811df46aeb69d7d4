#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A key that carries its own hash, made once (``ByteHash``).
protocol SelfHashedKey: Equatable, Sendable {
    /// The key's hash.
    var hash: UInt64 { get }
}

/// A ``SegmentBuilder`` table: values by a ``SelfHashedKey``, in open addressing with linear
/// probing on the key's own hash. A `Dictionary` hashed that hash again, through SipHash, at
/// each of the dozens of look-ups a record makes.
struct MemoTable<Key: SelfHashedKey, Value: Sendable>: Sendable {
    /// Per slot, the hash of its key and the number of its entry plus one (0: empty slot).
    private var slotHashes = [UInt64](filling: 0, count: 64)
    private var slotEntries = [UInt32](filling: 0, count: 64)
    private var keys: [Key] = []
    private var values: [Value] = []

    /// The number of values held.
    var count: Int { keys.count }

    /// The value held for `key`, if any.
    subscript(key: Key) -> Value? {
        var slot = Int(truncatingIfNeeded: key.hash) & (slotEntries.count - 1)
        while true {
            let entry = Int(slotEntries[slot])
            if entry == 0 { return nil }
            if slotHashes[slot] == key.hash, keys[entry - 1] == key { return values[entry - 1] }
            slot = (slot + 1) & (slotEntries.count - 1)
        }
    }

    /// Holds `value` for `key`, which the table does not hold yet.
    mutating func insert(_ value: Value, for key: Key) {
        keys.append(key)
        values.append(value)
        if keys.count * 2 > slotEntries.count {
            slotHashes = [UInt64](filling: 0, count: slotEntries.count * 2)
            slotEntries = [UInt32](filling: 0, count: slotEntries.count * 2)
            for (i, k) in keys.enumerated() { place(k.hash, entry: i) }
        } else {
            place(key.hash, entry: keys.count - 1)
        }
    }

    private mutating func place(_ hash: UInt64, entry: Int) {
        var slot = Int(truncatingIfNeeded: hash) & (slotEntries.count - 1)
        while slotEntries[slot] != 0 { slot = (slot + 1) & (slotEntries.count - 1) }
        slotHashes[slot] = hash
        slotEntries[slot] = UInt32(entry + 1)
    }
}

/// A memo key: a field and a value, compared by their UTF-8 bytes and hashed once when made
/// (``ByteHash``; a `String` key would be hashed through its normalised form).
struct MemoKey: SelfHashedKey {
    let field: String
    let value: String
    /// The hash of the field's bytes, then the value's.
    let hash: UInt64

    init(field: String, value: String) {
        self.field = field
        self.value = value
        hash = Self.withBytes(value) { v in ByteHash.hash(v, from: Self.withBytes(field) { ByteHash.hash($0) }) }
    }

    static func == (a: MemoKey, b: MemoKey) -> Bool {
        a.hash == b.hash && sameBytes(a.field, b.field) && sameBytes(a.value, b.value)
    }

    /// Whether `a` and `b` have the same UTF-8 bytes, compared as memory (`UTF8View`'s
    /// `elementsEqual` steps through them one at a time).
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return withBytes(a) { a in withBytes(b) { b in a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 } }
    }

    /// Calls `body` with `text`'s UTF-8 bytes (in place when the string is native).
    @inline(__always)
    private static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = text.utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = text
        return copy.withUTF8(body)
    }
}

/// A term's bytes as a ``MemoTable`` key.
struct TermBytesKey: SelfHashedKey {
    let bytes: [UInt8]
    let hash: UInt64

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        hash = bytes.withUnsafeBufferPointer { ByteHash.hash($0) }
    }

    static func == (a: TermBytesKey, b: TermBytesKey) -> Bool {
        a.hash == b.hash && SegmentWriter.compare(a.bytes, b.bytes) == 0
    }
}
