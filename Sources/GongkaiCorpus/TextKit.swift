/// Small helpers shared by the text generators: Chinese numerals, phone numbers, ordinals.
enum TextKit {
    private static let digits = Array("〇一二三四五六七八九")

    /// A Chinese numeral for 1–99 (`12` → `十二`).
    static func numeral(_ n: Int) -> String {
        if n < 10 { return String(digits[n]) }
        let tens = n / 10, ones = n % 10
        return (tens == 1 ? "" : String(digits[tens])) + "十" + (ones == 0 ? "" : String(digits[ones]))
    }

    /// Paragraph headings `一、`, `二、`…
    static func heading(_ i: Int) -> String { numeral(i) + "、" }

    /// A district office telephone number such as `021-57921234`.
    static func phone(_ rng: inout SeededGenerator) -> String {
        "021-" + rng.pick(["5792", "5793", "5727", "5795", "6718", "5735"]) + String(1000 + rng.below(9000))
    }

    /// Joins paragraphs with blank-line-free newlines, the way disclosure pages print them.
    static func paragraphs(_ ps: [String]) -> String { ps.joined(separator: "\n") }
}

extension TextKit {
    /// `n` zero-padded to at least `width` digits (`padded(7, width: 4)` → `0007`).
    static func padded(_ n: Int, width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
