import GongkaiIndex

extension Record {
    /// The kinds with required fields of their own.
    static let requiredFields: [String: [String]] = [
        "regulation": ["title"],
        "guide": ["title"],
        "payout": ["item", "recipient", "amount", "year"],
    ]

    /// Parses and validates one JSON Lines record (contract §1).
    ///
    /// - Throws: ``RecordError`` naming the first rule the line breaks.
    public init(jsonLine: UnsafeBufferPointer<UInt8>) throws(RecordError) {
        try self.init(validating: try JSONLineParser.parse(jsonLine))
    }

    /// Parses and validates one JSON Lines record, reusing the strings of the line parsed
    /// before with `earlier` (``RepeatedStrings``); `isStoredForm` says whether the line is
    /// the JSON the record store keeps of it.
    init(jsonLine: UnsafeBufferPointer<UInt8>, reusing earlier: inout RepeatedStrings, isStoredForm: inout Bool) throws(RecordError) {
        try self.init(validating: try JSONLineParser.parse(jsonLine, reusing: &earlier, isStoredForm: &isStoredForm))
    }

    /// Parses a record the record store keeps, reusing the strings of the one parsed before
    /// with `earlier` (``RepeatedStrings``). It was validated when it was ingested, so it is
    /// not validated again (that cost as much as parsing it); only its `id` and `kind` are
    /// checked to be there.
    init(storedJSON: UnsafeBufferPointer<UInt8>, reusing earlier: inout RepeatedStrings) throws(RecordError) {
        var id: String?
        var kind: String?
        var fields: [Field] = []
        fields.reserveCapacity(earlier.lineMembers)
        // Straight into fields, with no list of members in between.
        _ = try JSONLineParser.forEachMember(storedJSON, reusing: &earlier) { name, _, value throws(RecordError) in
            guard let value else { return }
            if case .string(let s) = value, name.isFieldName("id") {
                id = s
            } else if case .string(let s) = value, name.isFieldName("kind") {
                kind = s
            } else {
                fields.append(Field(name: name, value: value))
            }
        }
        guard let id, let kind else { throw RecordError("the record has no \"id\" or no \"kind\"") }
        self.init(id: id, kind: kind, fields: fields)
    }

    /// Parses and validates one JSON Lines record given as a string.
    public init(jsonLine: String) throws(RecordError) {
        let bytes = Array(jsonLine.utf8)
        let members = bytes.withUnsafeBufferPointer { buffer in Result { () throws(RecordError) in try JSONLineParser.parse(buffer) } }
        try self.init(validating: members.get())
    }

    init(validating members: [JSONLineParser.Member]) throws(RecordError) {
        var id: String?
        var kind: String?
        var fields: [Field] = []
        fields.reserveCapacity(members.count)
        // A record has a few fields: a look back over the names so far is cheaper than a set
        // (which allocates and hashes), until there are many. The names' hashes are compared
        // first: a string comparison with each earlier name cost more than the rest of validation.
        var seen: Set<String>? = members.count > 32 ? [] : nil
        var hashes: [UInt64] = []
        hashes.reserveCapacity(seen == nil ? members.count : 0)
        for (name, nameHash, value) in members {
            guard let hash = nameHash else {
                throw RecordError("field name \"\(name.prefix(40))\" is not allowed (use lower-case letters, digits and '_', starting with a letter)")
            }
            let repeated: Bool
            if seen != nil {
                repeated = !seen!.insert(name).inserted
            } else {
                repeated = hashes.indices.contains { hashes[$0] == hash && members[$0].name == name }
                hashes.append(hash)
            }
            guard !repeated else { throw RecordError("field \"\(name)\" appears twice") }
            guard let value else { continue }  // null is the same as absent
            if name.isFieldName("id") {
                guard case .string(let s) = value else { throw RecordError("\"id\" must be a string") }
                let length = s.unicodeScalars.count
                guard length >= 1, length <= 128 else { throw RecordError("\"id\" must be 1 to 128 characters long, not \(length)") }
                id = s
            } else if name.isFieldName("kind") {
                guard case .string(let s) = value, FieldNameRule.isValid(s) else {
                    throw RecordError("\"kind\" must be a lower-case name such as payout, guide or regulation")
                }
                kind = s
            } else {
                try Self.checkTyped(name, value)
                fields.append(Field(name: name, value: value))
            }
        }
        guard let id else { throw RecordError("the record has no \"id\"") }
        guard let kind else { throw RecordError("the record has no \"kind\"") }
        for required in Self.requiredFields[kind] ?? [] where !fields.contains(where: { $0.name.isFieldName(required) }) {
            throw RecordError("a \(kind) record needs the field \"\(required)\"")
        }
        self.init(id: id, kind: kind, fields: fields)
    }

    /// Checks the typed fields: amount, year, date and id_number.
    static func checkTyped(_ name: String, _ value: FieldValue) throws(RecordError) {
        if name.isFieldName("amount") {
            guard case let text? = scalarText(value), Money.fen(text) != nil else {
                throw RecordError("\"amount\" must be a non-negative number of yuan with at most 2 decimals, such as \"1234.50\"")
            }
        } else if name.isFieldName("year") {
            guard case let text? = scalarText(value), TypedValue.year(text) != nil else {
                throw RecordError("\"year\" must be a whole year from 1949 to 2100")
            }
        } else if name.isFieldName("date") {
            guard case .string(let text) = value, CalendarDate.days(text) != nil else {
                throw RecordError("\"date\" must be a real calendar date written YYYY-MM-DD")
            }
        } else if name.isFieldName("id_number") {
            guard case .string(let text) = value, !text.isEmpty, text.unicodeScalars.count <= 64 else {
                throw RecordError("\"id_number\" must be a string of 1 to 64 characters")
            }
        }
    }

    /// A number or a string, as written; `nil` for booleans and arrays.
    static func scalarText(_ value: FieldValue) -> String? {
        switch value {
        case .string(let s), .number(let s): return s
        case .bool, .strings: return nil
        }
    }
}
