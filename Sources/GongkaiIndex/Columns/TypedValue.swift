/// Parsing of the typed fields' values into the numbers their columns hold.
public enum TypedValue {
    /// The fields with a typed column, which filters compare by value and ranges accept.
    public static let rangeFields: Set<String> = ["year", "amount", "date"]

    /// A whole year from 1949 to 2100, written as plain digits.
    public static func year(_ text: String) -> Int32? {
        guard (1...4).contains(text.utf8.count), text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let value = Int32(text), (1949...2100).contains(value) else { return nil }
        return value
    }

    /// The column value of a typed field written as `text`, or `nil` when it does not parse.
    public static func columnValue(field: String, text: String) -> Int64? {
        switch field {
        case "year": return year(text).map(Int64.init)
        case "amount": return Money.fen(text)
        case "date": return CalendarDate.days(text).map(Int64.init)
        default: return nil
        }
    }
}
