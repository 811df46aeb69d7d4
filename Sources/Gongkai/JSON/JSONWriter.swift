/// Builds compact JSON text by hand, so that numbers keep the exact digits they were written
/// with and output needs no intermediate objects.
public struct JSONWriter: Sendable {
    /// The JSON text written so far.
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]

    /// Creates an empty writer.
    public init() {}

    /// Opens an object.
    public mutating func beginObject() { separate(); text += "{"; needsComma.append(false) }
    /// Closes an object.
    public mutating func endObject() { text += "}"; needsComma.removeLast() }
    /// Opens an array.
    public mutating func beginArray() { separate(); text += "["; needsComma.append(false) }
    /// Closes an array.
    public mutating func endArray() { text += "]"; needsComma.removeLast() }

    /// Writes an object key; the next value written belongs to it.
    public mutating func key(_ name: String) {
        separate()
        Self.appendQuoted(name, to: &text)
        text += ":"
        needsComma[needsComma.count - 1] = false
    }

    /// Writes a string value.
    public mutating func string(_ value: String) { separate(); Self.appendQuoted(value, to: &text) }
    /// Writes a number exactly as given (it must already be valid JSON number text).
    public mutating func rawNumber(_ value: String) { separate(); text += value }
    /// Writes an integer.
    public mutating func int(_ value: Int) { separate(); text += String(value) }
    /// Writes a floating-point number (scores only; never money).
    public mutating func double(_ value: Double) {
        separate()
        text += value.isFinite ? String((value * 1_000_000).rounded() / 1_000_000) : "0"
    }
    /// Writes a boolean.
    public mutating func bool(_ value: Bool) { separate(); text += value ? "true" : "false" }
    /// Writes `null`.
    public mutating func null() { separate(); text += "null" }
    /// Writes a pre-encoded JSON value.
    public mutating func raw(_ json: String) { separate(); text += json }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
    }

    /// Appends `value` as a JSON string literal, escaping quotes, backslashes, controls and
    /// U+2028/U+2029. Works on UTF-8 bytes and copies unescaped stretches in one piece.
    public static func appendQuoted(_ value: String, to out: inout String) {
        out += "\""
        var value = value
        value.withUTF8 { bytes in
            var pending = 0
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                var escape: String? = nil
                switch b {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0..<0x20, 0x7F:
                    let hex = String(b, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape = bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                default:
                    break
                }
                if let escape {
                    out += String(decoding: UnsafeBufferPointer(rebasing: bytes[pending..<i]), as: UTF8.self)
                    out += escape
                    i += b == 0xE2 ? 3 : 1
                    pending = i
                } else {
                    i += 1
                }
            }
            if pending == 0 {
                out += String(decoding: bytes, as: UTF8.self)
            } else {
                out += String(decoding: UnsafeBufferPointer(rebasing: bytes[pending...]), as: UTF8.self)
            }
        }
        out += "\""
    }
}
