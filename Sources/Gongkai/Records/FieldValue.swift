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
        var elements: [String] = []
        forEachElement { elements.append($0) }
        return elements
    }

    /// Calls `body` with each of ``elements`` (without making an array of one: indexing asks
    /// this of every field of every record).
    @inline(__always)
    public func forEachElement(_ body: (String) -> Void) {
        switch self {
        case .string(let s): body(s)
        case .number(let n): body(n)
        case .bool(let b): body(b ? "true" : "false")
        case .strings(let a): for s in a { body(s) }
        }
    }

    /// Calls `body` with each of the value's strings for text search: strings and string
    /// arrays only.
    @inline(__always)
    public func forEachText(_ body: (String) -> Void) {
        switch self {
        case .string(let s): body(s)
        case .strings(let a): for s in a { body(s) }
        case .number, .bool: break
        }
    }
}
