/// Builds compact JSON text by hand, so that numbers keep the exact digits they were written
/// with and output needs no intermediate objects. The text accumulates as UTF-8 bytes.
public struct JSONWriter: Sendable {
    /// The JSON text written so far, as UTF-8.
    public private(set) var bytes: [UInt8] = []
    /// Whether the next value in the innermost open object or array needs a comma before it;
    /// the outer ones' in `enclosing` (the innermost apart: a record writes it for every field).
    private var needsComma = false
    private var enclosing: [Bool] = []

    /// The JSON text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Creates an empty writer.
    public init() {}

    /// Empties the writer, keeping its storage for the next text.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
        enclosing.removeAll(keepingCapacity: true)
    }

    /// Opens an object.
    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    /// Closes an object.
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    /// Opens an array.
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    /// Closes an array.
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes an object key; the next value written belongs to it.
    public mutating func key(_ name: String) {
        separate()
        Self.appendQuoted(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a string value.
    public mutating func string(_ value: String) { separate(); Self.appendQuoted(value, to: &bytes) }
    /// Writes a number exactly as given (it must already be valid JSON number text).
    public mutating func rawNumber(_ value: String) { separate(); bytes.append(contentsOf: value.utf8) }
    /// Writes an integer.
    public mutating func int(_ value: Int) { separate(); bytes.append(contentsOf: String(value).utf8) }
    /// Writes a floating-point number (scores only; never money).
    public mutating func double(_ value: Double) {
        separate()
        bytes.append(contentsOf: (value.isFinite ? String((value * 1_000_000).rounded() / 1_000_000) : "0").utf8)
    }
    /// Writes a boolean.
    public mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    /// Writes `null`.
    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }
    /// Writes a pre-encoded JSON value.
    public mutating func raw(_ json: String) { separate(); bytes.append(contentsOf: json.utf8) }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        enclosing.append(needsComma)
        needsComma = false
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        needsComma = enclosing.removeLast()
    }

    /// Appends `value` as a JSON string literal, escaping quotes, backslashes, controls and
    /// U+2028/U+2029. Works on UTF-8 bytes and copies unescaped stretches in one piece.
    public static func appendQuoted(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var value = value
        let plain = JSONStringBytes.plain
        value.withUTF8 { bytes in
            var pending = 0
            var i = 0
            func escape(_ text: StaticString, length: Int) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[pending..<i]))
                out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
                i += length
                pending = i
            }
            while i < bytes.count {
                let b = bytes[i]
                // Most bytes need no escape: one look-up passes them.
                if plain[Int(b)] {
                    i += 1
                    continue
                }
                switch b {
                case UInt8(ascii: "\""): escape("\\\"", length: 1)
                case UInt8(ascii: "\\"): escape("\\\\", length: 1)
                case 0x0A: escape("\\n", length: 1)
                case 0x0D: escape("\\r", length: 1)
                case 0x09: escape("\\t", length: 1)
                case 0..<0x20, 0x7F:
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[pending..<i]))
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 15)]])
                    i += 1
                    pending = i
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && bytes[i + 2] == 0xA8: escape("\\u2028", length: 3)
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && bytes[i + 2] == 0xA9: escape("\\u2029", length: 3)
                default: i += 1
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[pending...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
