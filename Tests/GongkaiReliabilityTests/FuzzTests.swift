import Foundation
import Synchronization
import Testing
import Gongkai
import GongkaiTestSupport

/// Bad input (issue 6): seeded random and adversarial input through the tokenizer, the query
/// parser, the filter/range parser and the JSON Lines reader. No crash, no hang (every input
/// is timed), and a clear error: a thrown reason is never empty.
///
/// Short form: 20,000 random inputs per target plus the adversarial ones. `GONGKAI_LONG=1`
/// (make fuzz-long): 2,000,000 per target, or `GONGKAI_FUZZ_COUNT`. The seed is printed;
/// `GONGKAI_SEED` replays it.
@Suite struct FuzzTests {
    static var count: Int { Reliability.count("GONGKAI_FUZZ_COUNT", Reliability.long ? 2_000_000 : 20_000) }
    /// The slowest a single input may be before it counts as a hang (debug build, shared machine).
    static let slowest: Duration = .seconds(20)

    // MARK: - Generators

    /// Pieces chosen for trouble: NFKC expansions (㍱, ﬁ, ⑳, ¼), case folds that grow (ß, İ),
    /// combining marks, compatibility ideographs, full-width forms, every kind of white space,
    /// control characters and NUL, non-characters, emoji sequences, other scripts' digits.
    static let nasty: [String] = [
        "㍱", "ﬁ", "ﬃ", "⑳", "①", "¼", "ß", "ẞ", "İ", "ŉ", "ǰ", "ΐ", "\u{301}", "e\u{301}", "\u{20D0}", "\u{0F73}",
        "豈", "更", "\u{2F800}", "\u{FA0E}", "Ａ", "ｚ", "０", "９", "（", "）", "〔", "〕", "，", "ｶ", "ﾞ",
        " ", "\t", "\n", "\r", "\u{3000}", "\u{A0}", "\u{2028}", "\u{85}", "\u{200B}", "\u{FEFF}",
        "\u{0}", "\u{1}", "\u{1B}", "\u{7F}", "\u{FFFD}", "\u{FFFF}", "\u{10FFFF}", "\u{E000}",
        "👨‍👩‍👧", "👍🏽", "\u{FE0F}", "\u{E0100}", "한", "ㄱ", "ع", "٣", "३", "𠀀", "𪚥", "〇", "々", "ー",
        "補貼", "水稻", "种植", "2018", "pm2.5", "12345热线", "〔2018〕5号", "..", "=", "&", "%", "\"", "\\",
    ]

    static func randomScalar(_ r: inout TestRandom) -> Unicode.Scalar {
        let ranges: [ClosedRange<UInt32>] = [0x00...0x7F, 0x80...0x24F, 0x300...0x36F, 0x2000...0x206F, 0x2460...0x24FF,
                                             0x3000...0x30FF, 0x3300...0x33FF, 0x4E00...0x9FFF, 0xAC00...0xD7A3,
                                             0xF900...0xFAFF, 0xFB00...0xFB4F, 0xFE00...0xFE6F, 0xFF00...0xFFEF,
                                             0x1F300...0x1FAFF, 0x20000...0x2FA1F, 0xE0000...0xE01EF, 0x0...0x10FFFF]
        while true {
            let range = ranges.randomElement(using: &r)!
            if let s = Unicode.Scalar(UInt32.random(in: range, using: &r)) { return s }
        }
    }

    /// A random text of up to `pieces` nasty pieces and random scalars.
    static func text(_ r: inout TestRandom, pieces: Int) -> String {
        var s = ""
        for _ in 0..<Int.random(in: 0...pieces, using: &r) {
            if Bool.random(using: &r) { s += nasty.randomElement(using: &r)! } else { s.unicodeScalars.append(randomScalar(&r)) }
        }
        return s
    }

    /// Random bytes, often invalid UTF-8: overlong forms, encoded surrogates, bytes above
    /// U+10FFFF, cut sequences, lone continuation bytes.
    static func bytes(_ r: inout TestRandom, count: Int) -> [UInt8] {
        let bad: [[UInt8]] = [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xFE],
                              [0xE6, 0xB0], [0x80], [0xBF], [0xF0, 0x9F], [0x00], [0xE2, 0x80, 0xA8]]
        var out: [UInt8] = []
        for _ in 0..<Int.random(in: 0...count, using: &r) {
            switch Int.random(in: 0..<4, using: &r) {
            case 0: out += bad.randomElement(using: &r)!
            case 1: out.append(UInt8.random(in: 0...255, using: &r))
            default: out += Array(nasty.randomElement(using: &r)!.utf8)
            }
        }
        return out
    }

    /// Runs `body` `count` times with a generator seeded from `seed` and `name`, timing each.
    static func run(_ name: String, count: Int, _ body: (inout TestRandom, Int) throws -> Void) rethrows {
        var r = TestRandom(seed: Reliability.seed &+ UInt64(truncatingIfNeeded: name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }))
        let clock = ContinuousClock()
        var slowest: Duration = .zero
        let started = clock.now
        for i in 0..<count {
            let t = clock.now
            try body(&r, i)
            slowest = max(slowest, clock.now - t)
        }
        #expect(slowest < Self.slowest, "\(name): one input took \(slowest)")
        print("fuzz \(name): \(count) inputs, seed \(Reliability.seed), \(clock.now - started) in all, slowest input \(slowest)")
    }

    // MARK: - Tokenizer

    static func checkTokens(_ text: String, _ analyzer: TextAnalyzer) {
        let scalars = text.unicodeScalars.count
        let tokens = analyzer.tokens(text)
        for (i, token) in tokens.enumerated() {
            guard token.start >= 0, token.start < token.end, token.end <= scalars, token.position == i, !token.term.isEmpty else {
                Issue.record("tokens of \(Array(text.unicodeScalars.map { String($0.value, radix: 16) })): token \(i) is \(token) (text has \(scalars) scalars)")
                return
            }
        }
    }

    @Test func tokenizer() {
        let analyzer = TextAnalyzer()
        let adversarial: [String] = [
            "", " ", "\u{0}", String(repeating: "\u{0}", count: 1000), String(repeating: "\u{301}", count: 10_000),
            String(repeating: "水", count: 1 << 20), String(repeating: "a", count: 1 << 20), String(repeating: "㍱", count: 100_000),
            String(repeating: "a\u{301}", count: 100_000), String(repeating: "水a ", count: 200_000), String(repeating: "ﬃ⑳İ", count: 50_000),
            String(decoding: [0xED, 0xA0, 0x80, 0x41, 0xFF, 0xE6, 0xB0], as: UTF8.self),
        ]
        for text in adversarial { Self.checkTokens(text, analyzer) }
        Self.run("tokenizer", count: Self.count) { r, i in
            if i % 4 == 0 {
                Self.checkTokens(String(decoding: Self.bytes(&r, count: 40), as: UTF8.self), analyzer)
            } else {
                Self.checkTokens(Self.text(&r, pieces: 30), analyzer)
            }
        }
    }

    // MARK: - Query parser

    static func checkQuery(_ query: String, _ analyzer: TextAnalyzer) {
        do {
            let parsed = try ParsedQuery(SearchRequest(query: query), analyzer: analyzer)
            #expect(query.count <= SearchLimits.queryLength)
            #expect(parsed.words.count <= SearchLimits.words)
            for word in parsed.words where word.runs.isEmpty { Issue.record("query \(query.debugDescription) has a word without runs") }
        } catch {
            #expect(!error.message.isEmpty)
        }
    }

    static func checkParameters(_ parameters: [(name: String, value: String)]) {
        do {
            let request = try SearchRequest(parameters: parameters)
            try request.validate()
            #expect(request.filters.count <= SearchLimits.filters && request.facets.count <= SearchLimits.facets)
        } catch {
            // Both throw `QueryError` only (typed throws).
            #expect(!error.message.isEmpty)
        }
    }

    @Test func queryParser() {
        let analyzer = TextAnalyzer()
        let tenThousandWords = (0..<10_000).map { "w\($0)" }.joined(separator: " ")
        let adversarial = [
            "", " ", "\u{0}", tenThousandWords, String(repeating: "水 ", count: 10_000), String(repeating: "a ", count: 33),
            String(repeating: "x", count: 1 << 20), String(repeating: "\u{301}", count: 256), String(repeating: "㍱", count: 256),
            String(repeating: "..=&%", count: 50), "〔2018〕5号 12345热线 pm2.5",
        ]
        for q in adversarial { Self.checkQuery(q, analyzer) }
        #expect(throws: QueryError.self) { try ParsedQuery(SearchRequest(query: tenThousandWords), analyzer: analyzer) }
        #expect(throws: QueryError.self) { try ParsedQuery(SearchRequest(query: String(repeating: "a ", count: 33)), analyzer: analyzer) }
        let names = ["q", "limit", "offset", "sort", "facet", "year", "amount", "date", "level", "id_number", "id", "Q", "", "a b", "字段", "x=y"]
        Self.run("query", count: Self.count) { r, i in
            if i % 2 == 0 {
                Self.checkQuery(Self.text(&r, pieces: Int.random(in: 0...300, using: &r) < 290 ? 20 : 400), analyzer)
            } else {
                var parameters: [(name: String, value: String)] = []
                for _ in 0..<Int.random(in: 0...6, using: &r) {
                    let name = Int.random(in: 0..<8, using: &r) == 0 ? Self.text(&r, pieces: 3) : names.randomElement(using: &r)!
                    let value: String
                    switch Int.random(in: 0..<5, using: &r) {
                    case 0: value = String(Int.random(in: Int.min...Int.max, using: &r))
                    case 1: value = "\(Int.random(in: -5...3000, using: &r))..\(Int.random(in: -5...3000, using: &r))"
                    case 2: value = String(repeating: "9", count: Int.random(in: 1...40, using: &r))
                    default: value = Self.text(&r, pieces: 12)
                    }
                    parameters.append((name, value))
                }
                Self.checkParameters(parameters)
            }
        }
    }

    // MARK: - Filter and range parser

    static func checkFilter(_ text: String) {
        do {
            let filter = try Filter(parsing: text)
            #expect(Filter.isFieldNameForTests(filter.field), "filter \(text.debugDescription) has field \(filter.field)")
            switch filter.condition {
            case .range(let lower, let upper):
                #expect(["year", "amount", "date"].contains(filter.field))
                #expect(lower != nil || upper != nil)
                if let lower, let upper { #expect(lower <= upper, "filter \(text.debugDescription) runs backwards") }
            case .equals(let value):
                #expect(!["year", "amount", "date"].contains(filter.field))
                #expect(value.count <= SearchLimits.filterValueLength)
            }
        } catch {
            #expect(!error.message.isEmpty)
        }
    }

    @Test func filterParser() {
        let adversarial = [
            "", "=", "==", "year=", "year=..", "year=...", "year=2018..2016", "amount=100..1", "date=2018-06-30..2018-01-01",
            "year=99999999999999999999999", "amount=1e400", "amount=-1", "amount=0.001", "amount=\(String(repeating: "9", count: 400))",
            "date=2018-02-30", "date=0000-00-00", "date=9999999-01-01", "year=１９９９", "year=2018..2016..2020", "level=\u{0}",
            "level=" + String(repeating: "村", count: 257), "id_number=" + String(repeating: "1", count: 10_000),
            "Level=村级", "le vel=x", "\u{0}=x", "year=NaN", "amount=inf", "year=-2018", "year=+2018", "amount=..",
        ]
        for text in adversarial { Self.checkFilter(text) }
        for backwards in ["year=2018..2016", "amount=100..1", "date=2018-06-30..2018-01-01"] {
            #expect(throws: QueryError.self, "\(backwards) must be refused") { try Filter(parsing: backwards) }
        }
        let fields = ["year", "amount", "date", "level", "town", "id_number", "kind", "id", "Year", "", "年"]
        Self.run("filter", count: Self.count) { r, _ in
            let field = fields.randomElement(using: &r)!
            func bound() -> String {
                switch Int.random(in: 0..<6, using: &r) {
                case 0: return String(Int.random(in: 1900...2200, using: &r))
                case 1: return "\(Int.random(in: 0...99_999, using: &r)).\(Int.random(in: 0...999, using: &r))"
                case 2: return String(format: "%04d-%02d-%02d", Int.random(in: 0...3000, using: &r), Int.random(in: 0...13, using: &r), Int.random(in: 0...32, using: &r))
                case 3: return String(repeating: "9", count: Int.random(in: 1...30, using: &r))
                case 4: return ""
                default: return Self.text(&r, pieces: 4)
                }
            }
            let value = Bool.random(using: &r) ? "\(bound())..\(bound())" : bound()
            Self.checkFilter("\(field)=\(value)")
        }
    }

    // MARK: - JSON Lines reader

    /// Parses `bytes`; a rejection must say why; an accepted record must round-trip through
    /// its own unmasked JSON, and its masked JSON must parse and hide a long id_number.
    static func checkLine(_ bytes: [UInt8]) {
        let result = bytes.withUnsafeBufferPointer { b in Result { () throws(RecordError) in try Record(jsonLine: b) } }
        switch result {
        case .failure(let error):
            if error.reason.isEmpty { Issue.record("an empty reason for \(bytes.prefix(80))") }
        case .success(let record):
            let line = record.unmaskedJSONForTests()
            do {
                let again = try Record(jsonLine: line)
                if again != record { Issue.record("\(line.prefix(200)) does not round-trip: \(again) != \(record)") }
            } catch {
                Issue.record("\(line.prefix(200)) (the output of an accepted record) is rejected: \(error)")
            }
            let masked = record.maskedJSON()
            if let id = record.string("id_number"), id.unicodeScalars.count > 10, masked.contains(id) {
                Issue.record("masked JSON shows the id_number: \(masked.prefix(200))")
            }
        }
    }

    static let validLines: [String] = [
        #"{"id":"p1","kind":"payout","item":"水稻补贴","recipient":"张三","id_number":"310228199005074318","amount":"140.00","year":2015,"date":"2015-03-01","tags":["a","b"],"flag":true,"x":null}"#,
        #"{"id":"g1","kind":"guide","title":"耕地地力保护补贴申领","materials":["身份证","\u6237\u53e3\u7c3f"],"fee":"不收费","n":-0.5e-3}"#,
        #"{"id":"r\"1\\","kind":"regulation","title":"\ud83d\ude00 \u0000 \t","doc_number":"沪府发〔2018〕5号"}"#,
    ]

    /// A valid line with bytes flipped, cut, repeated or inserted.
    static func mutate(_ line: [UInt8], _ r: inout TestRandom) -> [UInt8] {
        var bytes = line
        let inserts: [[UInt8]] = [Array("\\u".utf8), Array("\\ud800".utf8), Array("\\udc00".utf8), Array("{".utf8), Array("[".utf8),
                                  Array("]".utf8), Array("\"".utf8), Array(",".utf8), Array(":".utf8), Array("1e99999".utf8),
                                  Array("-".utf8), Array("null".utf8), [0], [0xFF], [0xED, 0xA0, 0x80], Array("\\".utf8)]
        for _ in 0..<Int.random(in: 1...4, using: &r) {
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &r)
            switch Int.random(in: 0..<5, using: &r) {
            case 0: bytes[at] = UInt8.random(in: 0...255, using: &r)
            case 1: bytes.removeSubrange(at...)
            case 2: bytes.remove(at: at)
            case 3: bytes.insert(contentsOf: inserts.randomElement(using: &r)!, at: at)
            default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + Int.random(in: 1...20, using: &r))], at: at)
            }
        }
        return bytes
    }

    /// A random line shaped like a record: random names, random values of every JSON type.
    static func randomLine(_ r: inout TestRandom) -> [UInt8] {
        var out = "{"
        let names = ["id", "kind", "title", "item", "recipient", "amount", "year", "date", "id_number", "body", "Bad", "a-b", "", "x"]
        for i in 0..<Int.random(in: 0...8, using: &r) {
            if i > 0 { out += "," }
            let name = names.randomElement(using: &r)!
            out += "\"\(name)\":"
            switch Int.random(in: 0..<7, using: &r) {
            case 0: out += "\"\(text(&r, pieces: 8).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\""
            case 1: out += ["0", "-0", "1.5", "12345678901234567890123", "1e308", "1e-400", "007", "2015", "-1", ".5", "1.", "1e", "+1"].randomElement(using: &r)!
            case 2: out += ["true", "false", "null", "tru", "nul"].randomElement(using: &r)!
            case 3: out += "[\"a\",\"\(text(&r, pieces: 3).replacingOccurrences(of: "\"", with: ""))\"]"
            case 4: out += ["{}", "[1]", "[[]]", "[\"a\",]", "[", "{\"a\":1}"].randomElement(using: &r)!
            case 5: out += "\"payout\""
            default: out += "\"\(["2018-02-29", "2016-02-29", "310228199005074318", "140.005", "abc"].randomElement(using: &r)!)\""
            }
        }
        out += Int.random(in: 0..<10, using: &r) == 0 ? "" : "}"
        var bytes = Array(out.utf8)
        if Int.random(in: 0..<5, using: &r) == 0 { bytes = mutate(bytes, &r) }
        return bytes
    }

    @Test func jsonLineReader() {
        var adversarial: [[UInt8]] = [
            [], [0], Array(" ".utf8), Array("{".utf8), Array("}".utf8), Array("{}".utf8), Array("[]".utf8), Array("null".utf8),
            Array(repeating: UInt8(ascii: "["), count: 100_000), Array(repeating: UInt8(ascii: "{"), count: 100_000),
            Array(#"{"id":"#.utf8) + Array(repeating: UInt8(ascii: "["), count: 100_000),
            Array(#"{"id":"#.utf8) + Array(repeating: UInt8(ascii: "{"), count: 100_000),
            Array(String(repeating: #"{"a":"#, count: 100_000).utf8),
            Array(#"{"id":"1","kind":"notice","n":"#.utf8) + Array(repeating: UInt8(ascii: "9"), count: 100_000) + Array("}".utf8),
            Array(#"{"id":"1","kind":"notice","n":1e999999999}"#.utf8),
            Array(#"{"id":"1","kind":"payout","item":"x","recipient":"y","year":2018,"amount":99999999999999999999999999.99}"#.utf8),
            Array(#"{"id":"1","kind":"payout","item":"x","recipient":"y","year":2018,"amount":"922337203685477580.07"}"#.utf8),
            Array(#"{"id":"1","kind":"notice","body":"\ud800"}"#.utf8), Array(#"{"id":"1","kind":"notice","body":"\udc00\ud800"}"#.utf8),
            Array(#"{"id":"1","kind":"notice","body":"\ud800\u0041"}"#.utf8), Array(#"{"id":"1","kind":"notice","body":"\u00"}"#.utf8),
            Array(#"{"id":"1","kind":"notice","body":"a"#.utf8) + [0] + Array(#"b"}"#.utf8),
            Array(#"{"id":"1","kind":"notice","body":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8),
            Array(#"{"id":"1","kind":"notice","body":""#.utf8) + [0xC0, 0x80] + Array(#""}"#.utf8),
            Array(#"{"id":"\#(String(repeating: "i", count: 129))","kind":"notice"}"#.utf8),
            Array(#"{"id":"1","kind":"notice","id":"2"}"#.utf8), Array(#"{"id":"1","kind":"Notice"}"#.utf8),
            Array(#"{"id":"1","kind":"notice"} x"#.utf8), Array(#"{"id":"1","kind":"notice"}"#.utf8) + [0],
        ]
        // 1 MB lines: one long string value, many fields, many array elements, many escapes.
        let mb = 1 << 20
        adversarial.append(Array(#"{"id":"1","kind":"notice","body":""#.utf8) + Array(repeating: UInt8(ascii: "a"), count: mb) + Array(#""}"#.utf8))
        adversarial.append(Array(#"{"id":"1","kind":"notice","body":""#.utf8) + Array(String(repeating: "\\u6c34", count: mb / 6).utf8) + Array(#""}"#.utf8))
        adversarial.append(Array(#"{"id":"1","kind":"notice","tags":["#.utf8) + Array(String(repeating: #""a","#, count: mb / 4).utf8) + Array(#""a"]}"#.utf8))
        adversarial.append(Array(("{" + (0..<40_000).map { #""f\#($0)":"v""# }.joined(separator: ",") + #","id":"1","kind":"notice"}"#).utf8))
        for line in adversarial { Self.checkLine(line) }
        for line in Self.validLines {
            #expect((try? Record(jsonLine: line)) != nil, "\(line) should be accepted")
            Self.checkLine(Array(line.utf8))
        }
        let valid = Self.validLines.map { Array($0.utf8) }
        Self.run("jsonl", count: Self.count) { r, i in
            switch i % 4 {
            case 0: Self.checkLine(Self.mutate(valid.randomElement(using: &r)!, &r))
            case 1: Self.checkLine(Self.bytes(&r, count: 60))
            default: Self.checkLine(Self.randomLine(&r))
            }
        }
    }
}

extension Filter {
    static func isFieldNameForTests(_ name: String) -> Bool {
        guard let first = name.utf8.first, first >= 0x61, first <= 0x7A, name.utf8.count <= 64 else { return false }
        return name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "_") }
    }
}
