/// The value of one record field. `null` in the input is the same as an absent field, so it
/// has no case here.
public enum FieldValue: Sendable, Hashable {
    /// A string.
    case string(String)
    /// A JSON number, kept exactly as written (`1234.50` stays `1234.50`).
    case number(String)
    /// A boolean.
    case bool(Bool)
    /// An array of strings; each element is a value of its own for search and filters.
    case strings([String])

    /// The value as it is compared by exact filters and shown in facets: each element of an
    /// array, numbers as written, booleans as `true`/`false`.
    public var elements: [String] {
        switch self {
        case .string(let s): return [s]
        case .number(let n): return [n]
        case .bool(let b): return [b ? "true" : "false"]
        case .strings(let a): return a
        }
    }

    /// The value's strings for text search: strings and string arrays only.
    public var texts: [String] {
        switch self {
        case .string(let s): return [s]
        case .strings(let a): return a
        case .number, .bool: return []
        }
    }
}
