import Gongkai

/// SplitMix64: a tiny deterministic generator, so every randomized test replays exactly.
public struct TestRandom: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random records and queries over a deliberately small vocabulary, so that substrings,
/// run edges, traditional/simplified pairs, full-width forms and case all collide often.
public struct RandomRecords {
    public static let han: [String] = ["水", "稻", "种", "植", "补", "贴", "镇", "村", "级", "年", "補", "貼", "級", "种", "号"]
    public static let alnum: [String] = ["2018", "2019", "pm2", "pm25", "PM2", "abc", "ABC", "ａｂｃ", "5", "12345", "x1", "２０１８", "é", "e\u{301}"]
    public static let separators: [String] = [" ", "，", "〔", "〕", "-", "、", "\n", "(", ")", "：", "·"]
    public static let levels = ["区级", "镇级", "村级", "區級"]

    public var random: TestRandom

    public init(seed: UInt64) { random = TestRandom(seed: seed) }

    /// A text of random Han characters, alnum words and separators.
    public mutating func text(pieces: Int) -> String {
        var s = ""
        for _ in 0..<pieces {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<5: s += Self.han.randomElement(using: &random)!
            case 5..<7: s += Self.alnum.randomElement(using: &random)!
            default: s += Self.separators.randomElement(using: &random)!
            }
        }
        return s
    }

    /// A random record with text, keyword, typed and array fields.
    public mutating func record(id: String) -> Record {
        var fields: [Record.Field] = []
        if Bool.random(using: &random) { fields.append(.init(name: "title", value: .string(text(pieces: Int.random(in: 1...8, using: &random))))) }
        fields.append(.init(name: "body", value: .string(text(pieces: Int.random(in: 0...30, using: &random)))))
        if Int.random(in: 0..<3, using: &random) == 0 {
            fields.append(.init(name: "tags", value: .strings((0..<Int.random(in: 0...3, using: &random)).map { _ in text(pieces: 3) })))
        }
        fields.append(.init(name: "level", value: .string(Self.levels.randomElement(using: &random)!)))
        if Bool.random(using: &random) {
            let fen = Int.random(in: 0...500_000, using: &random)
            let amount = "\(fen / 100).\(fen % 100 < 10 ? "0" : "")\(fen % 100)"
            fields.append(.init(name: "amount", value: Bool.random(using: &random) ? .string(amount) : .number(amount)))
        }
        if Bool.random(using: &random) {
            let year = String(Int.random(in: 2014...2022, using: &random))
            fields.append(.init(name: "year", value: Bool.random(using: &random) ? .number(year) : .string(year)))
        }
        if Bool.random(using: &random) {
            fields.append(.init(name: "date", value: .string("20\(Int.random(in: 15...21, using: &random))-0\(Int.random(in: 1...9, using: &random))-1\(Int.random(in: 0...9, using: &random))")))
        }
        if Int.random(in: 0..<4, using: &random) == 0 { fields.append(.init(name: "id_number", value: .string("31022819800101\(Int.random(in: 1000...9999, using: &random))"))) }
        if Int.random(in: 0..<4, using: &random) == 0 { fields.append(.init(name: "flag", value: .bool(Bool.random(using: &random)))) }
        return Record(id: id, kind: ["payout", "guide", "regulation", "notice"].randomElement(using: &random)!, fields: fields)
    }

    /// A query: one to three words, each a slice of an existing record's text or random text.
    /// Some slices keep only the Han characters of the text, so that a word made of two runs
    /// of a record (`水稻，种植` → `水稻种植`) is looked for as one run: such a word must not
    /// be found where its runs are apart.
    public mutating func query(from records: [Record]) -> String {
        (0..<Int.random(in: 1...3, using: &random)).map { _ -> String in
            if let record = records.randomElement(using: &random), Int.random(in: 0..<4, using: &random) != 0,
               let body = record.string("body") ?? record.string("title") {
                let han = Array(body.unicodeScalars.filter { $0.value >= 0x4E00 && $0.value <= 0x9FFF })
                if han.count >= 4, Int.random(in: 0..<6, using: &random) == 0 {
                    let start = Int.random(in: 0...(han.count - 4), using: &random)
                    let length = Int.random(in: 4...min(5, han.count - start), using: &random)
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: han[start..<(start + length)])
                    return String(view)
                }
                let scalars = Array(body.unicodeScalars)
                guard !scalars.isEmpty else { return "稻" }
                let start = Int.random(in: 0..<scalars.count, using: &random)
                let length = Int.random(in: 1...min(6, scalars.count - start), using: &random)
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[start..<(start + length)])
                return String(view).filter { !$0.isWhitespace }
            }
            return text(pieces: Int.random(in: 1...3, using: &random)).filter { !$0.isWhitespace }
        }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Zero to two random filters.
    public mutating func filters() throws -> [Filter] {
        var filters: [Filter] = []
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            switch Int.random(in: 0..<5, using: &random) {
            case 0: filters.append(try Filter(field: "level", value: Self.levels.randomElement(using: &random)!))
            case 1:
                // A range, or a single year (which the engine answers by the year's exact value).
                let value = Bool.random(using: &random) ? "\(Int.random(in: 2014...2018, using: &random))..\(Int.random(in: 2018...2022, using: &random))"
                    : "\(Int.random(in: 2013...2023, using: &random))"
                filters.append(try Filter(field: "year", value: value))
            case 2: filters.append(try Filter(field: "amount", value: "\(Int.random(in: 0...3000, using: &random)).."))
            case 3: filters.append(try Filter(field: "kind", value: ["payout", "guide"].randomElement(using: &random)!))
            default: filters.append(try Filter(field: "date", value: "..2018-06-30"))
            }
        }
        return filters
    }
}

/// A fresh temporary folder for an index.
public func temporaryIndexPath(_ name: String = "gk") -> String {
    "/tmp/gongkai-test-\(name)-\(UInt64.random(in: 0...UInt64.max))"
}
