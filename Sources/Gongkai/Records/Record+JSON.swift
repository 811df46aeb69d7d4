extension Record {
    /// Masks a person's ID number: the first 6 and last 4 characters are kept and every other
    /// character becomes `*`. Values of 10 characters or fewer are masked entirely.
    public static func mask(idNumber: String) -> String {
        let scalars = Array(idNumber.unicodeScalars)
        guard scalars.count > 10 else { return String(repeating: "*", count: scalars.count) }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[..<6])
        view.append(contentsOf: repeatElement("*", count: scalars.count - 10))
        view.append(contentsOf: scalars[(scalars.count - 4)...])
        return String(view)
    }

    /// Writes the record as a JSON object. With `masked` (the default, and the only form any
    /// output path uses) `id_number` is masked; the unmasked form is for the record store only.
    public func writeJSON(to writer: inout JSONWriter, masked: Bool = true) {
        writer.beginObject()
        writer.key("id"); writer.string(id)
        writer.key("kind"); writer.string(kind)
        for field in fields {
            writer.key(field.name)
            switch field.value {
            case .string(let s): writer.string(masked && field.name == "id_number" ? Self.mask(idNumber: s) : s)
            case .number(let n): writer.rawNumber(n)
            case .bool(let b): writer.bool(b)
            case .strings(let a):
                writer.beginArray()
                for s in a { writer.string(s) }
                writer.endArray()
            }
        }
        writer.endObject()
    }

    /// The record as a compact JSON object, `id_number` masked.
    public func maskedJSON() -> String {
        var writer = JSONWriter()
        writeJSON(to: &writer, masked: true)
        return writer.text
    }
}
