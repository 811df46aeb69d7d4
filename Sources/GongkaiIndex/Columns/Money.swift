/// Money as an exact integer number of fen (1 yuan = 100 fen). Never floating point.
public enum Money {
    /// The largest amount accepted, in fen: 10¹⁵ yuan, far beyond any payout, so that sums
    /// of millions of amounts still fit in `Int64`.
    public static let maximumFen: Int64 = 100_000_000_000_000_000

    /// Parses a decimal written as `1234`, `1234.5` or `1234.50` (at most two decimals, no sign,
    /// no exponent) into fen. Returns `nil` for anything else.
    public static func fen(_ text: Substring) -> Int64? {
        var fen: Int64 = 0
        var decimals = -1
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard decimals < 0, digits > 0 else { return nil }
                decimals = 0
                continue
            }
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            if decimals >= 0 {
                decimals += 1
                guard decimals <= 2 else { return nil }
            }
            digits += 1
            // 18 digits always fit in Int64 (19 nines would overflow and trap); anything
            // longer is beyond maximumFen anyway.
            guard digits <= 18 else { return nil }
            fen = fen * 10 + Int64(byte - 0x30)
        }
        guard digits > 0, decimals != 0 else { return nil }
        let scale: Int64 = decimals == 2 ? 1 : (decimals == 1 ? 10 : 100)
        let (result, overflow) = fen.multipliedReportingOverflow(by: scale)
        guard !overflow, result <= maximumFen else { return nil }
        return result
    }

    /// Parses a decimal string into fen.
    public static func fen(_ text: String) -> Int64? { fen(text[...]) }

    /// Formats fen as a decimal string with exactly two decimals: `123450` → `"1234.50"`.
    public static func format(fen: Int64) -> String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
