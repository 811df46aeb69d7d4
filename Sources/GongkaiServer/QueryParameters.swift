import Gongkai

/// Strict decoding of the parts of a request target: `application/x-www-form-urlencoded`
/// query strings and percent-encoded path segments.
///
/// Decoding refuses rather than guesses: a `%` not followed by two hex digits, or bytes that
/// are not UTF-8 once decoded, are the client's mistake and answer 400 in plain words.
enum QueryParameters {
    /// The parameters of `target`'s query string, in order, repeated names kept: split on `&`,
    /// each at its first `=` (a name without `=` has the empty value), `+` read as a space,
    /// then percent-decoded. Empty pieces (`a=1&&b=2`) are skipped.
    ///
    /// - Parameter target: The request target as sent, such as `/search?q=%E6%B0%B4&limit=5`.
    /// - Throws: ``APIError`` 400 on a malformed escape or invalid UTF-8.
    static func parse(target: String) throws(APIError) -> [(name: String, value: String)] {
        guard let question = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return [] }
        var query = target.utf8[target.utf8.index(after: question)...]
        if let hash = query.firstIndex(of: UInt8(ascii: "#")) { query = query[..<hash] }
        var parameters: [(name: String, value: String)] = []
        for piece in query.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let name: Substring.UTF8View.SubSequence
            let value: Substring.UTF8View.SubSequence
            if let eq = piece.firstIndex(of: UInt8(ascii: "=")) {
                name = piece[..<eq]
                value = piece[piece.index(after: eq)...]
            } else {
                name = piece
                value = piece[piece.endIndex...]
            }
            let decodedName = try decode(name, plusAsSpace: true, what: "a parameter name")
            let decodedValue = try decode(value, plusAsSpace: true, what: "the value of \(decodedName.prefix(40))")
            parameters.append((decodedName, decodedValue))
        }
        return parameters
    }

    /// Percent-decodes one path segment (`+` stays `+`).
    ///
    /// - Throws: ``APIError`` 400 on a malformed escape or invalid UTF-8.
    static func decodePathSegment(_ segment: String) throws(APIError) -> String {
        try decode(segment.utf8, plusAsSpace: false, what: "the address")
    }

    /// Percent-decodes `bytes` strictly.
    static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes, plusAsSpace: Bool, what: String) throws(APIError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i != bytes.endIndex {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%") {
                let h = bytes.index(after: i)
                let l = h == bytes.endIndex ? h : bytes.index(after: h)
                guard h != bytes.endIndex, l != bytes.endIndex, let high = hexValue(bytes[h]), let low = hexValue(bytes[l]) else {
                    let shown = String(decoding: bytes[i...].prefix(3), as: UTF8.self)
                    throw APIError(.badRequest, "\(what) has a malformed percent-escape \"\(shown)\"; a % must be followed by two hex digits (write %25 for a literal %)")
                }
                out.append(high << 4 | low)
                i = bytes.index(after: l)
            } else {
                out.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                i = bytes.index(after: i)
            }
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw APIError(.badRequest, "\(what) is not valid UTF-8 once percent-decoded; encode text as UTF-8 before percent-encoding it")
        }
        return text
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension SearchRequest {
    /// Parses the query string of `target` (strict percent-decoding, then
    /// ``SearchRequest/init(parameters:)``).
    ///
    /// - Throws: ``APIError`` for an undecodable query string, `QueryError` for a request that
    ///   breaks a rule or a limit; both answer 400.
    init(target: String) throws {
        try self.init(parameters: QueryParameters.parse(target: target))
    }
}
