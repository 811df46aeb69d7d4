/// The one rule for field names (and kind names), shared by record validation, filters and
/// facets: `[a-z][a-z0-9_]*`, at most 64 characters.
public enum FieldNameRule {
    /// Whether `name` follows the rule.
    public static func isValid(_ name: String) -> Bool { hashIfValid(name) != nil }

    /// A hash of `name`'s bytes (``Checksum/fnv1a(_:continuing:)``) when it follows the rule,
    /// `nil` when it does not: one look at the bytes checks a record's field name and gives a
    /// cheap first test of whether it repeats.
    public static func hashIfValid(_ name: String) -> UInt64? {
        var name = name
        return name.withUTF8 { bytes -> UInt64? in
            guard let first = bytes.first, first >= 0x61, first <= 0x7A, bytes.count <= 64 else { return nil }
            for b in bytes {
                guard (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "_") else { return nil }
            }
            return Checksum.fnv1a(UnsafeRawBufferPointer(bytes))
        }
    }
}

extension String {
    /// Whether this field name is `name`, lengths compared first: most names differ from a
    /// given one in length, which costs a few instructions where comparing strings is a call.
    @inlinable @inline(__always)
    public func isFieldName(_ name: String) -> Bool { utf8.count == name.utf8.count && self == name }
}
