/// One disclosure record: a payout row, a service guide, a regulation or a record of any
/// other kind. Values are kept exactly as ingested; `id_number` is masked only on output.
public struct Record: Sendable, Hashable {
    /// One named field.
    public struct Field: Sendable, Hashable {
        /// The field's name, `[a-z][a-z0-9_]*`.
        public var name: String
        /// The field's value.
        public var value: FieldValue

        /// Creates a field.
        public init(name: String, value: FieldValue) {
            self.name = name
            self.value = value
        }
    }

    /// The record's unique id, 1–128 characters.
    public var id: String
    /// The record's kind: `regulation`, `guide`, `payout` or a generic kind.
    public var kind: String
    /// Every other field, in input order.
    public var fields: [Field]

    /// Creates a record without validating it; use ``Record/init(validating:)`` for input.
    public init(id: String, kind: String, fields: [Field]) {
        self.id = id
        self.kind = kind
        self.fields = fields
    }

    /// The value of the field called `name`, or `nil` when absent. `id` and `kind` are fields too.
    public subscript(name: String) -> FieldValue? {
        switch name {
        case "id": return .string(id)
        case "kind": return .string(kind)
        default: return fields.first(where: { $0.name == name })?.value
        }
    }

    /// The field's value when it is a single string.
    public func string(_ name: String) -> String? {
        if case .string(let s)? = self[name] { return s }
        return nil
    }
}

/// The field names with a fixed meaning, wherever they appear.
public enum FieldName {
    /// Whether `name` is a field that is never text, even when written as a string: the keys
    /// (`id`, `kind`, `id_number`) and the typed `amount` and `date`.
    public static func isUntextual(_ name: String) -> Bool {
        name.isFieldName("id") || name.isFieldName("kind") || name.isFieldName("date") || name.isFieldName("amount")
            || name.isFieldName("id_number")
    }
}
