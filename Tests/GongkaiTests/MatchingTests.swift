import Testing
import Gongkai
@testable import GongkaiSearch
import GongkaiTestSupport

/// Contract §2, rule by rule.
@Suite struct MatchingTests {
    static let lines = [
        #"{"id":"a","kind":"regulation","title":"水稻种植补贴实施办法","doc_number":"沪府发〔2018〕5号","body":"2018年度 请拨打12345热线电话"}"#,
        #"{"id":"b","kind":"guide","title":"PM25 监测","body":"水稻"}"#,
        #"{"id":"c","kind":"guide","title":"pm2 报告","body":"发〔2019〕7号 稻田"}"#,
        #"{"id":"d","kind":"regulation","title":"補貼發放","body":"２０１８年 ＡＢＣ"}"#,
        #"{"id":"e","kind":"payout","item":"耕地地力保护补贴","recipient":"胡小弟","id_number":"310228198001011234","amount":"100.50","year":2018,"level":"村级","tags":["种粮大户","示范户"]}"#,
        #"{"id":"f","kind":"payout","item":"水稻种植补贴","recipient":"胡小","amount":1000,"year":2016,"level":"镇级","date":"2016-05-01"}"#,
        #"{"id":"g","kind":"regulation","title":"种植，稻","body":"甲乙，丙丁"}"#,
    ]

    @Test func hanWordIsSubstringOfAnyLength() throws {
        let index = try TestIndex(lines: Self.lines)
        #expect(try index.ids("稻") == ["a", "b", "c", "f", "g"])
        #expect(try index.ids("水稻种植") == ["a", "f"])
        #expect(try index.ids("稻种") == ["a", "f"])
        #expect(try index.ids("种植补贴实施办法") == ["a"])
        #expect(try index.ids("胡小") == ["e", "f"])
        #expect(try index.ids("胡小弟") == ["e"])
    }

    @Test func hanWordDoesNotCrossRunsOrValues() throws {
        let index = try TestIndex(lines: Self.lines)
        // "种植，稻" has runs 种植 | 稻: 植稻 spans punctuation, so it is no substring.
        #expect(try index.ids("植稻") == [])
        #expect(try index.ids("乙丙") == [])
        // Adjacent array elements are separate values.
        #expect(try index.ids("大户示范") == [])
    }

    /// A phrase of bigrams is checked through a cover of them (``PhraseCover``): two found
    /// two apart must be in one run, never the end of one run and the start of the next.
    @Test func phraseCoversDoNotJoinRuns() throws {
        let index = try TestIndex(lines: [
            #"{"id":"x","kind":"notice","title":"耕地，地力","body":"水稻。种植补贴"}"#,
            #"{"id":"y","kind":"notice","title":"耕地地力","body":"水稻种植，补贴"}"#,
        ])
        #expect(try index.ids("耕地地力") == ["y"])
        #expect(try index.ids("水稻种植") == ["y"])
        #expect(try index.ids("种植补贴") == ["x"])
        #expect(try index.ids("水稻种植补贴") == [])
        #expect(try index.ids("地力") == ["x", "y"])
    }

    /// The cover holds the first and last bigram, neighbours at most 2 apart, and the fewest
    /// postings: the rarest bigram stays in it.
    @Test func phraseCoverIsTheCheapestValidOne() {
        #expect(PhraseCover.cheapest([7]) == [0])
        #expect(PhraseCover.cheapest([7, 9]) == [0, 1])
        #expect(PhraseCover.cheapest([5, 5, 5]) == [0, 2])
        #expect(PhraseCover.cheapest([100, 1, 100, 100]) == [0, 1, 3])
        #expect(PhraseCover.cheapest([3, 50, 1, 50, 3]) == [0, 2, 4])
        for n in 3...12 {
            let costs = (0..<n).map { ($0 * 7919) % 13 + 1 }
            let cover = PhraseCover.cheapest(costs)
            #expect(cover.first == 0 && cover.last == n - 1)
            #expect(zip(cover, cover.dropFirst()).allSatisfy { $1 - $0 >= 1 && $1 - $0 <= 2 })
            // No valid cover is cheaper (checked against every subset holding both ends).
            var cheapest = Int.max
            for mask in 0..<(1 << n) where mask & 1 == 1 && mask >> (n - 1) & 1 == 1 {
                let chosen = (0..<n).filter { mask >> $0 & 1 == 1 }
                guard zip(chosen, chosen.dropFirst()).allSatisfy({ $1 - $0 <= 2 }) else { continue }
                cheapest = min(cheapest, chosen.reduce(0) { $0 + costs[$1] })
            }
            #expect(cover.reduce(0) { $0 + costs[$1] } == cheapest, "\(costs)")
        }
    }

    @Test func alnumWordsMatchWholeWords() throws {
        let index = try TestIndex(lines: Self.lines)
        #expect(try index.ids("pm2") == ["c"])
        #expect(try index.ids("pm25") == ["b"])
        #expect(try index.ids("PM") == [])
        #expect(try index.ids("abc") == ["d"])
    }

    @Test func mixedWordsMatchAsPhrasesWithEdgeRules() throws {
        let index = try TestIndex(lines: Self.lines)
        #expect(try index.ids("2018年") == ["a", "d"])          // 年 starts the run 年度
        #expect(try index.ids("〔2018〕5号") == ["a"])
        #expect(try index.ids("发〔2018〕5号") == ["a"])          // 发 ends the run 沪府发
        #expect(try index.ids("府〔2018〕5号") == [])             // 府 does not end its run
        #expect(try index.ids("〔2018〕5") == ["a"])
        #expect(try index.ids("12345热线") == ["a"])
        #expect(try index.ids("12345热线电") == ["a"])
        #expect(try index.ids("拨打12345") == ["a"])
        #expect(try index.ids("打12345") == ["a"])
        #expect(try index.ids("请拨12345") == [])                 // 请拨 is not the end of 请拨打
        #expect(try index.ids("12345线") == [])                   // 线 does not start the run 热线电话
        #expect(try index.ids("2019〕7") == ["c"])
    }

    @Test func wordsAreANDedAcrossFields() throws {
        let index = try TestIndex(lines: Self.lines)
        #expect(try index.ids("水稻 热线") == ["a"])
        #expect(try index.ids("pm2 稻田") == ["c"])
        #expect(try index.ids("pm2 水稻") == [])
    }

    /// Words are split on exactly Unicode's white space (the parser looks the property up only
    /// where some scalar has it), and white space of any kind separates ANDed words.
    @Test func wordsSplitOnUnicodeWhiteSpace() throws {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(ParsedQuery.isWhitespace(scalar) == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
        }
        let index = try TestIndex(lines: Self.lines)
        #expect(try index.ids("水稻\u{3000}热线") == ["a"])
        #expect(try index.ids("pm2\u{2003}稻田") == ["c"])
    }

    @Test func normalisationAppliesToRecordsAndQueries() throws {
        let index = try TestIndex(lines: Self.lines)
        #expect(try index.ids("补贴发放") == ["d"])
        #expect(try index.ids("補貼") == ["a", "d", "e", "f"])
        #expect(try index.ids("ＰＭ２") == ["c"])
        #expect(try index.ids("2018") == ["a", "d"])
    }

    @Test func idNumberIsNeverText() throws {
        let index = try TestIndex(lines: Self.lines)
        #expect(try index.ids("310228198001011234") == [])
        #expect(try index.ids("", "id_number=310228198001011234") == ["e"])
    }

    @Test func filtersAreExactAndRangesTyped() throws {
        let index = try TestIndex(lines: Self.lines)
        #expect(try index.ids("", "level=村级") == ["e"])
        #expect(try index.ids("", "recipient=胡小") == ["f"])
        #expect(try index.ids("", "tags=示范户") == ["e"])
        #expect(try index.ids("", "year=2016..2018") == ["e", "f"])
        #expect(try index.ids("", "year=2017..") == ["e"])
        #expect(try index.ids("", "amount=1000..") == ["f"])
        #expect(try index.ids("", "amount=100.5") == ["e"])
        #expect(try index.ids("", "date=2016-01-01..2016-12-31") == ["f"])
        #expect(try index.ids("", "kind=guide") == ["b", "c"])
        #expect(try index.ids("补贴", "kind=payout", "level=镇级") == ["f"])
        #expect(try index.ids("", "nosuchfield=x") == [])
        #expect(try index.ids("").count == Self.lines.count)
    }

    @Test func exactFiltersMatchEveryWrittenFormOfAValue() throws {
        // Two written forms of one town normalise alike: a filter finds both, whether it is
        // answered from its postings (the shortest filter) or by column ordinal (the others).
        let index = try TestIndex(lines: [
            #"{"id":"p1","kind":"payout","item":"水稻种植补贴","town":"朱泾镇","recipient":"甲","amount":1,"year":2018}"#,
            #"{"id":"p2","kind":"payout","item":"水稻种植补贴","town":"朱涇鎮","recipient":"乙","amount":1,"year":2018}"#,
            #"{"id":"p3","kind":"payout","item":"蔬菜生产补贴","town":"枫泾镇","recipient":"丙","amount":1,"year":2018}"#,
            #"{"id":"p4","kind":"payout","item":"蔬菜生产补贴","town":"朱泾镇","recipient":"丁","amount":1,"year":2019}"#,
            #"{"id":"p5","kind":"payout","item":"蔬菜生产补贴","town":"朱泾镇","recipient":"戊","amount":1,"year":2019}"#,
        ])
        #expect(try index.ids("", "town=朱泾镇") == ["p1", "p2", "p4", "p5"])
        #expect(try index.ids("", "item=水稻种植补贴", "town=朱泾镇") == ["p1", "p2"])
        #expect(try index.ids("", "item=水稻种植补贴", "town=朱涇鎮") == ["p1", "p2"])
        #expect(try index.ids("", "item=蔬菜生产补贴", "town=朱泾镇", "year=2019") == ["p4", "p5"])
        #expect(try index.ids("补贴", "town=朱涇鎮") == ["p1", "p2", "p4", "p5"])
        #expect(try index.ids("乙", "town=朱泾镇", "kind=payout") == ["p2"])
        #expect(try index.ids("", "item=水稻种植补贴", "town=枫泾镇") == [])
    }

    @Test func numbersAndBooleansFilterAsWritten() throws {
        let index = try TestIndex(lines: [
            #"{"id":"q1","kind":"payout","item":"i","recipient":"r","amount":1,"year":2018,"quantity":12.50,"checked":true}"#,
            #"{"id":"q2","kind":"payout","item":"i","recipient":"r","amount":1,"year":2018,"quantity":12.5,"checked":false}"#,
        ])
        #expect(try index.ids("", "quantity=12.50") == ["q1"])
        #expect(try index.ids("", "quantity=12.5") == ["q2"])
        #expect(try index.ids("", "checked=true") == ["q1"])
        // Numbers and booleans are not text.
        #expect(try index.ids("12") == [])
    }

    @Test func aYearWrittenAsAStringIsTextAndStillTyped() throws {
        let index = try TestIndex(lines: [#"{"id":"y","kind":"guide","title":"指南","year":"2018"}"#, #"{"id":"n","kind":"guide","title":"指南","year":2018}"#])
        #expect(try index.ids("2018") == ["y"])
        #expect(try index.ids("", "year=2018") == ["n", "y"])
    }

    /// `amount`, `date` and `id_number` written as strings are never text (nor are `id` and
    /// `kind`); they filter as values.
    @Test func typedAndKeyStringsAreNotText() throws {
        let index = try TestIndex(lines: [#"{"id":"k77","kind":"guide","title":"指南","amount":"100.50","date":"2019-05-01","id_number":"3102281980"}"#])
        for word in ["100", "2019", "3102281980", "k77", "guide"] { #expect(try index.ids(word) == [], "\(word) is not text") }
        #expect(try index.ids("", "date=2019-05-01") == ["k77"])
        #expect(try index.ids("指南") == ["k77"])
    }

    @Test func malformedFiltersAreRefusedInPlainWords() {
        #expect(throws: QueryError.self) { try Filter(parsing: "year=2019..2018") }
        #expect(throws: QueryError.self) { try Filter(parsing: "year=abc") }
        #expect(throws: QueryError.self) { try Filter(parsing: "amount=1.234..") }
        #expect(throws: QueryError.self) { try Filter(parsing: "date=2018-02-30") }
        #expect(throws: QueryError.self) { try Filter(parsing: "level") }
        #expect(throws: QueryError.self) { try Filter(parsing: "Level=x") }
        #expect(throws: QueryError.self) { try Filter(parsing: "year=..") }
    }
}
