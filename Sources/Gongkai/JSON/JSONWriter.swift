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

    /// Appends `value` as a JSON string literal, escaping quotes, backslashes and controls.
    public static func appendQuoted(_ value: String, to out: inout String) {
        out += "\""
        var pending = Substring(value).unicodeScalars.startIndex
        let scalars = value.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let s = scalars[i]
            let escape: String?
            switch s {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            case "\u{2028}": escape = "\\u2028"
            case "\u{2029}": escape = "\\u2029"
            default:
                if s.value < 0x20 || s.value == 0x7F {
                    let hex = String(s.value, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    escape = nil
                }
            }
            if let escape {
                out.unicodeScalars.append(contentsOf: scalars[pending..<i])
                out += escape
                pending = scalars.index(after: i)
            }
            i = scalars.index(after: i)
        }
        out.unicodeScalars.append(contentsOf: scalars[pending..<scalars.endIndex])
        out += "\""
    }
}
