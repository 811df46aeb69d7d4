/// The one rule for field names (and kind names), shared by record validation, filters and
/// facets: `[a-z][a-z0-9_]*`, at most 64 characters.
public enum FieldNameRule {
    /// Whether `name` follows the rule.
    public static func isValid(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, first >= 0x61, first <= 0x7A, bytes.count <= 64 else { return false }
        return bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "_") }
    }
}
