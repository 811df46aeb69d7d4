import Testing
@testable import GongkaiText

/// Token tables in the manner of Lucene's TestCJKAnalyzer: terms, offsets (in original
/// scalars) and positions. Where the contract speaks (traditional→simplified, NFKC, runs
/// split by punctuation such as `.`), it wins over Lucene.
@Suite struct AnalyzerTests {
    struct Vector: CustomTestStringConvertible, Sendable {
        let text: String
        let tokens: [(String, Int, Int)]
        var testDescription: String { text }
    }

    static let vectors: [Vector] = [
        // Lucene TestCJKAnalyzer: bigrams of a run, offsets of each pair.
        Vector(text: "一二三四五六七八九十", tokens: [("一二", 0, 2), ("二三", 1, 3), ("三四", 2, 4), ("四五", 3, 5), ("五六", 4, 6),
                                                 ("六七", 5, 7), ("七八", 6, 8), ("八九", 7, 9), ("九十", 8, 10)]),
        // Isolated characters become unigrams; runs are split by spaces.
        Vector(text: "一 二三四 五六七八九 十", tokens: [("一", 0, 1), ("二三", 2, 4), ("三四", 3, 5), ("五六", 6, 8), ("六七", 7, 9),
                                                   ("七八", 8, 10), ("八九", 9, 11), ("十", 12, 13)]),
        Vector(text: "abc defgh ijklmn opqrstu vwxy z", tokens: [("abc", 0, 3), ("defgh", 4, 9), ("ijklmn", 10, 16), ("opqrstu", 17, 24),
                                                             ("vwxy", 25, 29), ("z", 30, 31)]),
        Vector(text: "一", tokens: [("一", 0, 1)]),
        Vector(text: "一丁丂", tokens: [("一丁", 0, 2), ("丁丂", 1, 3)]),
        Vector(text: "一 روبرت موير", tokens: [("一", 0, 1), ("روبرت", 2, 7), ("موير", 8, 12)]),
        // A combining mark stays with its word (Lucene testNonIdeographicNonLetter).
        Vector(text: "一 رُوبرت موير", tokens: [("一", 0, 1), ("رُوبرت", 2, 8), ("موير", 9, 13)]),
        // Mixed Han and alnum runs.
        Vector(text: "一二三abc四", tokens: [("一二", 0, 2), ("二三", 1, 3), ("abc", 3, 6), ("四", 6, 7)]),
        Vector(text: "2018年", tokens: [("2018", 0, 4), ("年", 4, 5)]),
        Vector(text: "沪府发〔2018〕5号", tokens: [("沪府", 0, 2), ("府发", 1, 3), ("2018", 4, 8), ("5", 9, 10), ("号", 10, 11)]),
        Vector(text: "12345热线", tokens: [("12345", 0, 5), ("热线", 5, 7)]),
        // The contract: NFKC folds full-width forms, case folds, traditional folds to simplified.
        Vector(text: "ＡＢＣ１２３", tokens: [("abc123", 0, 6)]),
        Vector(text: "補貼資金", tokens: [("补贴", 0, 2), ("贴资", 1, 3), ("资金", 2, 4)]),
        Vector(text: "PM2.5", tokens: [("pm2", 0, 3), ("5", 4, 5)]),
        // NFKC expansion: one original scalar maps to several normalised ones, offsets follow the source.
        Vector(text: "㍻元年", tokens: [("平成", 0, 1), ("成元", 0, 2), ("元年", 1, 3)]),
        Vector(text: "", tokens: []),
        Vector(text: "，。！", tokens: []),
        // Decomposed and precomposed forms normalise alike.
        Vector(text: "Cafe\u{301}", tokens: [("café", 0, 5)]),
    ]

    @Test(arguments: vectors)
    func tokensMatchTable(vector: Vector) {
        let tokens = TextAnalyzer().tokens(vector.text)
        #expect(tokens.map(\.term) == vector.tokens.map(\.0))
        #expect(tokens.map(\.start) == vector.tokens.map(\.1))
        #expect(tokens.map(\.end) == vector.tokens.map(\.2))
        #expect(tokens.map(\.position) == Array(0..<vector.tokens.count))
    }

    @Test func traditionalFoldsToSimplified() {
        let a = TextAnalyzer()
        #expect(a.normalizedString("補貼發放明細") == "补贴发放明细")
        #expect(a.normalizedString("區級") == "区级")
        #expect(a.normalizedString("ＬＥＶＥＬ　１") == "level 1")
    }

    /// Blasts random strings through the analyzer and checks the invariants every token keeps.
    @Test func randomTextKeepsInvariants() {
        var random = SystemRandomNumberGenerator()
        let pool: [Unicode.Scalar] = ["水", "稻", "補", "A", "ｂ", "1", "２", " ", "，", "\u{301}", "\u{3000}", "㍻", "\u{FE0F}", "é", "〔", "\u{20000}", "a", "\0", "\n"]
        for _ in 0..<2000 {
            let length = Int.random(in: 0...40, using: &random)
            var view = String.UnicodeScalarView()
            for _ in 0..<length { view.append(pool.randomElement(using: &random)!) }
            let text = String(view)
            let count = text.unicodeScalars.count
            let tokens = TextAnalyzer().tokens(text)
            for (i, t) in tokens.enumerated() {
                #expect(t.position == i)
                #expect(0 <= t.start && t.start < t.end && t.end <= count, "\(t) in \(text.debugDescription)")
                #expect(!t.term.isEmpty)
            }
        }
    }

    /// The fast normalisation (tables, no ICU) gives the filter chain's scalars, and its
    /// offsets where it normalises in place; where it says it did, each scalar's image stands
    /// at its own index.
    @Test func fastNormalisationAgreesWithTheOffsetKeepingPath() {
        var random = SystemRandomNumberGenerator()
        let pool: [Unicode.Scalar] = ["水", "補", "a", "Ｂ", "２", " ", "，", "。", "、", "（", "）", "〔", "\u{3000}", "\u{2026}", "\u{200B}",
                                      "\u{2025}", "\u{301}", "\u{FF61}", "\u{FF76}", "\u{FF9E}", "\u{302A}", "\u{FFE5}", "\u{2160}", "é", "\u{20000}", "\n"]
        let a = TextAnalyzer()
        for _ in 0..<3000 {
            var scalars: [Unicode.Scalar] = []
            for _ in 0..<Int.random(in: 0...24, using: &random) { scalars.append(pool.randomElement(using: &random)!) }
            let fast = a.normalizedScalars(of: scalars)
            let full = a.filtered(scalars)
            #expect(fast.scalars == full.scalars, "\(scalars.map { String($0.value, radix: 16) })")
            #expect(a.normalize(scalars: scalars) == full, "offsets of \(scalars.map { String($0.value, radix: 16) })")
            if fast.inPlace {
                #expect(fast.scalars.count == scalars.count)
                for (i, s) in scalars.enumerated() where fast.scalars.indices.contains(i) {
                    #expect(a.filtered([s]).scalars == [fast.scalars[i]], "\(String(s.value, radix: 16)) at \(i)")
                }
            }
        }
    }

    /// The tokenizer's fast paths and its table of the Basic Multilingual Plane classify every
    /// scalar there as its Unicode properties do.
    @Test func scalarClassesFollowTheirProperties() {
        var differing: [UInt32] = []
        for v in UInt32(0)..<0x10000 {
            guard let s = Unicode.Scalar(v) else { continue }
            if ScriptRunTokenizer.classify(s) != ScriptRunTokenizer.classifyByProperties(s) { differing.append(v) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10).map { String($0, radix: 16) })")
        #expect(ScriptRunTokenizer.classify("、") == .separator && ScriptRunTokenizer.classify("々") == .alnum)
        #expect(ScriptRunTokenizer.classify("〇") == .han && ScriptRunTokenizer.classify("\u{302A}") == .mark)
    }

    /// The committed folding table (scripts/generate-simplified-pairs.sh) is what this ICU's
    /// transliterator gives, character for character; a changed ICU fails here until the
    /// pairs are generated again.
    @Test func committedPairsMatchICU() throws {
        let icu = try #require(TraditionalToSimplifiedFilter.tableFromICU())
        #expect(TraditionalToSimplifiedFilter.firstDifference(from: icu) == nil)
        #expect(icu[0x88DC] == 0x8865)  // 補 → 补
        #expect(icu[0x6C34] == 0x6C34)  // 水 stays
    }
}
