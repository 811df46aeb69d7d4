/// Turns runs into the tokens of Lucene's CJK bigram analysis: a Han run of n ≥ 2 characters
/// becomes its n − 1 overlapping bigrams, an isolated Han character becomes a unigram, and an
/// alnum run becomes one word. Positions increase by one per token, across runs.
///
/// For `一二三abc四`: `一二`(0–2, pos 0) `二三`(1–3, pos 1) `abc`(3–6, pos 2) `四`(6–7, pos 3).
public struct CJKBigramFilter: Sendable {
    /// Creates the filter.
    public init() {}

    /// The tokens of `runs`.
    public func tokens(_ runs: [TextRun]) -> [Token] {
        var tokens: [Token] = []
        var position = 0
        for run in runs {
            switch run.script {
            case .alnum:
                tokens.append(Token(term: run.text, start: Int(run.starts[0]), end: Int(run.ends[run.ends.count - 1]), position: position))
                position += 1
            case .han where run.scalars.count == 1:
                tokens.append(Token(term: run.text, start: Int(run.starts[0]), end: Int(run.ends[0]), position: position))
                position += 1
            case .han:
                for i in 0..<(run.scalars.count - 1) {
                    var term = String.UnicodeScalarView()
                    term.append(run.scalars[i])
                    term.append(run.scalars[i + 1])
                    tokens.append(Token(term: String(term), start: Int(run.starts[i]), end: Int(run.ends[i + 1]), position: position))
                    position += 1
                }
            }
        }
        return tokens
    }
}
