import GongkaiText

/// Builds highlighted snippets: a window of the original text around the first match,
/// HTML-escaped, with every match inside the window wrapped in `<mark>…</mark>`.
public struct Highlighter: Sendable {
    private let analyzer: TextAnalyzer
    private let words: [QueryWord]

    /// A highlighter for the words of one query.
    public init(words: [QueryWord], analyzer: TextAnalyzer) {
        self.words = words
        self.analyzer = analyzer
    }

    /// The snippet of `text`, or `nil` when no word matches it.
    public func snippet(_ text: String) -> String? {
        guard !words.isEmpty else { return nil }
        let runs = analyzer.runs(text)
        var spans: [Range<Int>] = []
        for word in words { spans += SpanMatcher.spans(of: word, in: runs) }
        guard !spans.isEmpty else { return nil }
        spans.sort { $0.lowerBound != $1.lowerBound ? $0.lowerBound < $1.lowerBound : $0.upperBound > $1.upperBound }
        let scalars = Array(text.unicodeScalars)
        let length = SearchLimits.snippetLength
        var start = 0
        if scalars.count > length { start = max(0, min(spans[0].lowerBound - length / 4, scalars.count - length)) }
        let end = min(scalars.count, start + length)
        var out = start > 0 ? "…" : ""
        var cursor = start
        for span in spans where span.lowerBound >= cursor && span.upperBound <= end {
            Self.appendEscaped(scalars[cursor..<span.lowerBound], to: &out)
            out += "<mark>"
            Self.appendEscaped(scalars[span], to: &out)
            out += "</mark>"
            cursor = span.upperBound
        }
        Self.appendEscaped(scalars[cursor..<end], to: &out)
        if end < scalars.count { out += "…" }
        return out
    }

    static func appendEscaped(_ scalars: ArraySlice<Unicode.Scalar>, to out: inout String) {
        for s in scalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(s)
            }
        }
    }
}
