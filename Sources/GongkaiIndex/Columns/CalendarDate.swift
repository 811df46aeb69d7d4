/// Calendar dates written `YYYY-MM-DD`, kept as a day number (days since 1970-01-01).
public enum CalendarDate {
    /// Parses `YYYY-MM-DD` (a real date of the proleptic Gregorian calendar, years 0001–9999)
    /// into days since 1970-01-01. Returns `nil` for anything else (`2018-02-30`, `2018-1-5`).
    public static func days(_ text: Substring) -> Int32? {
        var text = text
        return text.withUTF8 { bytes -> Int32? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for i in range {
                    guard bytes[i] >= 0x30, bytes[i] <= 0x39 else { return nil }
                    value = value * 10 + Int(bytes[i] - 0x30)
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
                  year >= 1, month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month)
            else { return nil }
            return Int32(daysFromCivil(year: year, month: month, day: day))
        }
    }

    /// Parses a date string.
    public static func days(_ text: String) -> Int32? { days(text[...]) }

    /// Formats a day number as `YYYY-MM-DD`.
    public static func format(days: Int32) -> String {
        // Howard Hinnant's civil_from_days.
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil: exact for every proleptic Gregorian date.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
