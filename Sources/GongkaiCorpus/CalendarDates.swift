/// Calendar arithmetic on plain integers (no Foundation calendars, no time zones).
enum CalendarDates {
    /// Whether `year` is a Gregorian leap year.
    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// Days in a month of a year.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Two digits, zero-padded.
    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }

    /// `YYYY-MM-DD`.
    static func iso(_ y: Int, _ m: Int, _ d: Int) -> String { "\(y)-\(two(m))-\(two(d))" }

    /// `2018年5月1日`.
    static func chinese(_ y: Int, _ m: Int, _ d: Int) -> String { "\(y)年\(m)月\(d)日" }

    /// A random real date of a year within a month range, avoiding weekends is not attempted.
    static func draw(year: Int, months: ClosedRange<Int>, rng: inout SeededGenerator) -> (Int, Int, Int) {
        let m = months.lowerBound + rng.below(months.count)
        return (year, m, 1 + rng.below(daysIn(month: m, year: year)))
    }
}
