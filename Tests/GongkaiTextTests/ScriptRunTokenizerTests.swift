import Testing
import GongkaiText

@Suite struct ScriptRunTokenizerTests {
    @Test func splitsHanAndAlnumRuns() {
        let runs = TextAnalyzer().runs("补贴2018年,pm2.5 〔2018〕")
        #expect(runs.map(\.text) == ["补贴", "2018", "年", "pm2", "5", "2018"])
        #expect(runs.map(\.script) == [.han, .alnum, .han, .alnum, .alnum, .alnum])
    }

    @Test func marksAttachOnlyToAlnumRuns() {
        #expect(TextAnalyzer().runs("e\u{301}x").map(\.text) == ["éx"])
        // A mark after a Han character does not join it to anything.
        #expect(TextAnalyzer().runs("稻\u{20DD}田").map(\.text) == ["稻", "田"])
    }

    @Test func kanaAndHangulAreLetters() {
        #expect(TextAnalyzer().runs("学生がテスト").map(\.script) == [.han, .alnum])
    }
}
