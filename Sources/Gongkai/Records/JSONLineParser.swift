import GongkaiIndex

/// Parses one JSON Lines record: a flat JSON object whose values are strings, numbers,
/// booleans, `null` or arrays of strings. Anything else is rejected with a plain reason.
///
/// Hand-written for two reasons: numbers must stay exactly as written (never through `Double`),
/// and hostile input (deep nesting, huge lines, invalid UTF-8) must fail fast without recursion.
struct JSONLineParser {
    /// A member: its name, the name's hash when it follows ``FieldNameRule`` (`nil` when it
    /// does not), and its value (`nil` stands for `null`).
    typealias Member = (name: String, nameHash: UInt64?, value: FieldValue?)

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var earlier: RepeatedStrings
    /// Whether the line so far is written as ``Record/writeJSON(to:masked:)`` writes it: no
    /// space between tokens, no escape, nothing the writer escapes, no `null`.
    private var isStoredForm = true

    private init(_ bytes: UnsafeBufferPointer<UInt8>, earlier: consuming RepeatedStrings) {
        self.bytes = bytes
        self.earlier = earlier
    }

    /// Parses `line` (without its newline) into its members, in order.
    static func parse(_ line: UnsafeBufferPointer<UInt8>) throws(RecordError) -> [Member] {
        var earlier = RepeatedStrings()
        return try parse(line, reusing: &earlier)
    }

    /// Parses `line` into its members, reusing the strings of the line parsed before with
    /// `earlier` where their bytes are the same, and leaving this line's there for the next.
    static func parse(_ line: UnsafeBufferPointer<UInt8>, reusing earlier: inout RepeatedStrings) throws(RecordError) -> [Member] {
        var isStoredForm = false
        return try parse(line, reusing: &earlier, isStoredForm: &isStoredForm)
    }

    /// ``parse(_:reusing:)``, setting `isStoredForm` to whether `line` is byte for byte the
    /// JSON the record store keeps of the record (``Record/writeJSON(to:masked:)``, unmasked),
    /// should the members make a valid record: written compactly, with nothing escaped or to
    /// be escaped, no `null`, and `id` and `kind` first.
    static func parse(_ line: UnsafeBufferPointer<UInt8>, reusing earlier: inout RepeatedStrings,
                      isStoredForm: inout Bool) throws(RecordError) -> [Member] {
        var members: [Member] = []
        members.reserveCapacity(earlier.lineMembers)
        let stored = try forEachMember(line, reusing: &earlier) { name, nameHash, value throws(RecordError) in members.append((name, nameHash, value)) }
        isStoredForm = stored && members.count >= 2 && members[0].name == "id" && members[1].name == "kind"
        return members
    }

    /// Parses `line` as ``parse(_:reusing:)`` does, handing each member to `add` in order
    /// instead of collecting them; returns whether the line is written as the record store
    /// writes it (before the check of its first members).
    static func forEachMember(_ line: UnsafeBufferPointer<UInt8>, reusing earlier: inout RepeatedStrings,
                              _ add: (String, UInt64?, FieldValue?) throws(RecordError) -> Void) throws(RecordError) -> Bool {
        var parser = JSONLineParser(line, earlier: earlier)
        earlier = RepeatedStrings()  // The parser holds the only reference while it updates them.
        defer { earlier = parser.earlier }
        try parser.object(add)
        return parser.isStoredForm
    }

    private mutating func object(_ add: (String, UInt64?, FieldValue?) throws(RecordError) -> Void) throws(RecordError) {
        skipSpace()
        guard peek() == UInt8(ascii: "{") else {
            throw RecordError(index >= bytes.count ? "the line is empty" : "the line is not a JSON object")
        }
        index += 1
        var count = 0
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipSpace()
                guard peek() == UInt8(ascii: "\"") else { throw RecordError("expected a field name in quotes at byte \(index + 1)") }
                let (name, nameHash) = try name(slot: count)
                skipSpace()
                guard peek() == UInt8(ascii: ":") else { throw RecordError("expected ':' after field \"\(name)\"") }
                index += 1
                skipSpace()
                try add(name, nameHash, try value(of: name, memberIndex: count))
                count += 1
                skipSpace()
                if peek() == UInt8(ascii: ",") { index += 1; continue }
                if peek() == UInt8(ascii: "}") { index += 1; break }
                throw RecordError("expected ',' or '}' after field \"\(name)\"")
            }
        }
        skipSpace()
        guard index == bytes.count else { throw RecordError("unexpected text after the JSON object") }
    }

    private mutating func value(of name: String, memberIndex: Int) throws(RecordError) -> FieldValue? {
        switch peek() {
        case UInt8(ascii: "\""): return .string(try string(slot: memberIndex, isName: false))
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); isStoredForm = false; return nil
        case UInt8(ascii: "{"): throw RecordError("field \"\(name)\" is an object; values must be strings, numbers, booleans, null or arrays of strings")
        case UInt8(ascii: "["): return .strings(try stringArray(name))
        case let b? where b == UInt8(ascii: "-") || (b >= 0x30 && b <= 0x39): return .number(try number(name))
        case nil: throw RecordError("the line ends inside field \"\(name)\"")
        default: throw RecordError("field \"\(name)\" has a value that is not JSON")
        }
    }

    private mutating func stringArray(_ name: String) throws(RecordError) -> [String] {
        index += 1
        var items: [String] = []
        skipSpace()
        if peek() == UInt8(ascii: "]") { index += 1; return items }
        while true {
            skipSpace()
            guard peek() == UInt8(ascii: "\"") else {
                throw RecordError("field \"\(name)\" is an array with an element that is not a string")
            }
            items.append(try string())
            skipSpace()
            if peek() == UInt8(ascii: ",") { index += 1; continue }
            if peek() == UInt8(ascii: "]") { index += 1; return items }
            throw RecordError("field \"\(name)\": expected ',' or ']' in the array")
        }
    }

    private mutating func number(_ name: String) throws(RecordError) -> String {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        func digits(_ p: inout JSONLineParser) -> Int {
            let s = p.index
            while let b = p.peek(), b >= 0x30, b <= 0x39 { p.index += 1 }
            return p.index - s
        }
        let intDigits = digits(&self)
        guard intDigits > 0, !(intDigits > 1 && bytes[index - intDigits] == UInt8(ascii: "0")) else {
            throw RecordError("field \"\(name)\" has a malformed number")
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw RecordError("field \"\(name)\" has a malformed number") }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw RecordError("field \"\(name)\" has a malformed number") }
        }
        guard index - start <= 64 else { throw RecordError("field \"\(name)\" has a number longer than 64 characters") }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func literal(_ word: String) throws(RecordError) {
        let expected = Array(word.utf8)
        guard index + expected.count <= bytes.count, bytes[index..<(index + expected.count)].elementsEqual(expected)
        else { throw RecordError("unexpected text at byte \(index + 1)") }
        index += expected.count
    }

    /// The string of UTF-8 bytes `raw`.
    private static func decoded(_ raw: UnsafeBufferPointer<UInt8>) throws(RecordError) -> String {
        // Decoding repairs invalid UTF-8, so the string differs from its bytes exactly when
        // they were invalid. (`String(validating:as:)` is generic, and costs a run-time type
        // look-up per call.)
        var s = String(decoding: raw, as: UTF8.self)
        guard s.withUTF8({ $0.hasSameBytes(as: raw) }) else { throw RecordError("a string is not valid UTF-8") }
        return s
    }

    /// Parses a member's name at `index`, with its hash when it follows ``FieldNameRule``.
    private mutating func name(slot: Int) throws(RecordError) -> (String, UInt64?) {
        let name = try string(slot: slot, isName: true)
        return (name, earlier.nameHash(at: slot))  // Kept with the name by `string`.
    }

    /// Parses a string at `index` (which holds the opening quote), validating UTF-8. With a
    /// `slot` (the member's place in the line), the earlier line's name or value string there
    /// is returned when the bytes are the same, and this one is kept there otherwise.
    private mutating func string(slot: Int? = nil, isName: Bool = false) throws(RecordError) -> String {
        guard let slot else { return try parsedString(reusing: nil).string }
        let (s, reused) = try parsedString(reusing: earlier.string(at: slot, isName: isName))
        if !reused { earlier.keep(s, at: slot, isName: isName) }
        return s
    }

    /// The string at `index`; `known` itself when its bytes are the same.
    private mutating func parsedString(reusing known: String?) throws(RecordError) -> (string: String, reused: Bool) {
        index += 1
        let start = index
        // Fast path: no escapes, only validated UTF-8 and no control characters.
        let plain = JSONStringBytes.plain
        while index < bytes.count {
            let b = bytes[index]
            if plain[Int(b)] {
                index += 1
                continue
            }
            if b == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                // Unescaped, the same bytes are the same text, validated when first met.
                if var known, known.withUTF8({ $0.hasSameBytes(as: raw) }) { return (known, true) }
                return (try Self.decoded(raw), false)
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw RecordError("a string contains a raw control character (byte \(index + 1))") }
            // DEL and U+2028/U+2029 (E2 80 A8/A9) are escaped when written (E2 leads others too).
            if b == 0x7F || b == 0xE2 { isStoredForm = false }
            index += 1
        }
        guard index < bytes.count else { throw RecordError("a string is not closed") }
        // Slow path: escapes.
        isStoredForm = false
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                guard let s = String(validating: out, as: UTF8.self) else { throw RecordError("a string is not valid UTF-8") }
                return (s, false)
            }
            if b < 0x20 { throw RecordError("a string contains a raw control character (byte \(index + 1))") }
            if b != UInt8(ascii: "\\") { out.append(b); index += 1; continue }
            index += 1
            guard let e = peek() else { break }
            index += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard peek() == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                        throw RecordError("a string has an unpaired surrogate escape")
                    }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw RecordError("a string has an unpaired surrogate escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw RecordError("a string has an unpaired surrogate escape")
                }
                out.append(contentsOf: Array(String(Unicode.Scalar(scalar)!).utf8))
            default:
                throw RecordError("a string has an unknown escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
        throw RecordError("a string is not closed")
    }

    private mutating func hex4() throws(RecordError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw RecordError("a \\u escape is cut short") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw RecordError("a \\u escape has a character that is not hexadecimal")
            }
            v = v << 4 | d
            index += 1
        }
        return v
    }

    @inline(__always) private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    @inline(__always) private mutating func skipSpace() {
        let start = index
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D || bytes[index] == 0x0A { index += 1 }
        if index != start { isStoredForm = false }
    }
}

/// The names and string values of the line parsed last, by their place in it: lines of one
/// file tend to repeat them (every name, and values such as an item or a town), and a repeat
/// is reused rather than decoded and allocated again.
struct RepeatedStrings: Sendable {
    private var names: [String] = []
    /// Per name, its hash when it follows the rule (``FieldNameRule/hashIfValid(_:)``).
    private var nameHashes: [UInt64?] = []
    private var values: [String] = []

    /// How many members the line had (as far as its names were kept), at least 16.
    var lineMembers: Int { max(names.count, 16) }

    /// The name or value string kept at `slot`, if any.
    @inline(__always)
    func string(at slot: Int, isName: Bool) -> String? {
        let list = isName ? names : values
        return slot < list.count ? list[slot] : nil
    }

    /// The hash of the name at `slot`, which the line just parsed has there: checked once
    /// while the name repeats.
    @inline(__always)
    func nameHash(at slot: Int) -> UInt64? { slot < nameHashes.count ? nameHashes[slot] : nil }

    /// Keeps `string` at `slot`. Every member's name is kept, in order; a value slot whose
    /// member was not a string holds "" (which is what an empty string there would reuse).
    mutating func keep(_ string: String, at slot: Int, isName: Bool) {
        if isName {
            Self.keep(string, at: slot, in: &names, filler: "")
            Self.keep(FieldNameRule.hashIfValid(string), at: slot, in: &nameHashes, filler: nil)
        } else {
            Self.keep(string, at: slot, in: &values, filler: "")
        }
    }

    private static func keep<T>(_ element: T, at slot: Int, in list: inout [T], filler: T) {
        if slot < list.count {
            list[slot] = element
        } else {
            while list.count < slot { list.append(filler) }
            list.append(element)
        }
    }
}
