/// The bytes of a JSON string's UTF-8 that need a look: a quote, a backslash, a control byte,
/// DEL, and 0xE2 (the lead byte of U+2028/U+2029, which the writer escapes). The reader and
/// the writer both pass every other byte through one look-up.
enum JSONStringBytes {
    /// Per byte value, whether it needs no look.
    static let plain: [Bool] = (0..<256).map { b in
        !(b == 0x22 || b == 0x5C || b < 0x20 || b == 0x7F || b == 0xE2)
    }
}
