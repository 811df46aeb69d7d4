import Foundation

/// A small, independent check of the contract's record rules (contract.md §1), used to make sure
/// every generated line would be accepted by ingest.
struct RecordValidator {
    /// Checks one line; returns the parsed object or throws a reason.
    static func validate(_ line: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw Failure("not a JSON object")
        }
        guard let id = object["id"] as? String, (1...128).contains(id.count) else { throw Failure("bad id") }
        guard let kind = object["kind"] as? String, isName(kind) else { throw Failure("bad kind") }
        for (key, value) in object {
            guard isName(key) else { throw Failure("bad field name \(key)") }
            switch value {
            case is String, is NSNumber, is NSNull: break
            case let array as [Any]: guard array.allSatisfy({ $0 is String }) else { throw Failure("array of non-strings in \(key)") }
            default: throw Failure("bad value shape in \(key)")
            }
        }
        if let amount = object["amount"] {
            guard let s = amount as? String, fen(s) != nil else { throw Failure("bad amount") }
        }
        if let year = object["year"] {
            guard let n = year as? Int, (1949...2100).contains(n), !(year is String) else { throw Failure("bad year") }
        }
        if let date = object["date"] {
            guard let s = date as? String, isRealDate(s) else { throw Failure("bad date \(date)") }
        }
        let required: [String: [String]] = [
            "payout": ["item", "recipient", "amount", "year", "quantity", "rate", "unit", "level", "town", "village", "category", "date"],
            "guide": ["title", "department", "basis", "materials", "process", "location", "time_limit", "fee", "mode", "body"],
            "regulation": ["title", "body", "issuer", "date"],
            "inspection": ["title", "entity", "inspector", "result", "date", "town", "body"],
            "meeting": ["title", "agenda", "date", "body"],
        ]
        for field in required[kind] ?? [] where object[field] == nil { throw Failure("\(kind) lacks \(field)") }
        if kind == "payout" {
            let q = object["quantity"] as! String, r = object["rate"] as! String, a = object["amount"] as! String
            guard let qt = tenths(q), let rf = fen(r), let af = fen(a) else { throw Failure("bad quantity or rate") }
            guard (qt * rf) % 10 == 0, qt * rf / 10 == af else { throw Failure("quantity × rate ≠ amount: \(q) × \(r) ≠ \(a)") }
            guard let y = object["year"] as? Int, (2015...2025).contains(y), (object["date"] as! String).hasPrefix("\(y)-") else {
                throw Failure("year and date disagree")
            }
        }
        if let mode = object["mode"] as? String, !["全程网办", "最多跑一次", "窗口办理"].contains(mode) { throw Failure("bad mode") }
        return object
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    static func isName(_ s: String) -> Bool {
        s.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) != nil
    }

    /// `"1234.50"` → 123450; nil unless ≥ 0 with at most two decimals.
    static func fen(_ s: String) -> Int? {
        guard s.range(of: "^[0-9]+(\\.[0-9]{1,2})?$", options: .regularExpression) != nil else { return nil }
        let parts = s.split(separator: ".")
        var frac = parts.count > 1 ? String(parts[1]) : "0"
        while frac.count < 2 { frac += "0" }
        return Int(parts[0])! * 100 + Int(frac)!
    }

    /// `"12.5"` → 125; nil unless at most one decimal.
    static func tenths(_ s: String) -> Int? {
        guard s.range(of: "^[0-9]+(\\.[0-9])?$", options: .regularExpression) != nil else { return nil }
        let parts = s.split(separator: ".")
        return Int(parts[0])! * 10 + (parts.count > 1 ? Int(parts[1])! : 0)
    }

    static func isRealDate(_ s: String) -> Bool {
        guard s.range(of: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", options: .regularExpression) != nil else { return false }
        let p = s.split(separator: "-").map { Int($0)! }
        guard (1...12).contains(p[1]) else { return false }
        let leap = (p[0] % 4 == 0 && p[0] % 100 != 0) || p[0] % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][p[1] - 1]
        return (1...days).contains(p[2])
    }

    /// The GB 11643 check of an 18-character resident ID number.
    static func residentIDIsValid(_ s: String) -> Bool {
        let c = Array(s)
        guard c.count == 18, c[0..<17].allSatisfy(\.isNumber) else { return false }
        let w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(c[0..<17], w).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return Array("10X98765432")[sum % 11] == c[17]
            && isRealDate("\(String(c[6..<10]))-\(String(c[10..<12]))-\(String(c[12..<14]))")
    }
}
