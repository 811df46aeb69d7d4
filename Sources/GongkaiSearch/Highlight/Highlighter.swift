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
        guard !words.isEmpty, let first = firstPlainMatch(text) else { return nil }
        let scalars = Array(text.unicodeScalars)
        var spans = matchSpans(in: scalars, around: first)
        if spans.isEmpty, first.window { spans = matchSpans(in: scalars, around: nil) }
        guard !spans.isEmpty else { return nil }
        spans.sort { $0.lowerBound != $1.lowerBound ? $0.lowerBound < $1.lowerBound : $0.upperBound > $1.upperBound }
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

    /// A cheap necessary condition for a match: the earliest place where some word's first
    /// run occurs in the normalised text as plain scalars. `window` says whether that place
    /// is also an index into the original text (normalisation kept every scalar in place) in
    /// a text long enough to analyse only around it. Most fields of a hit have no such place
    /// and skip the offset-keeping analysis altogether.
    func firstPlainMatch(_ text: String) -> (index: Int, window: Bool)? {
        let scalars = analyzer.normalizedScalars(text)
        var best: Int? = nil
        for word in words {
            guard let first = word.runs.first?.scalars, let head = first.first, scalars.count >= first.count else { continue }
            var i = 0
            while i + first.count <= scalars.count, i < (best ?? Int.max) {
                if scalars[i] == head && scalars[i..<(i + first.count)].elementsEqual(first) { best = i; break }
                i += 1
            }
        }
        guard let best else { return nil }
        let inPlace = scalars.count == text.unicodeScalars.count && text.unicodeScalars.allSatisfy(TextAnalyzer.isNormalizationStable)
        return (best, inPlace && scalars.count > 4 * SearchLimits.snippetLength)
    }

    /// The match spans in `scalars`: of the whole text, or only of a window around `place`
    /// cut at separators (so no run is split and the spans found are real ones).
    func matchSpans(in scalars: [Unicode.Scalar], around place: (index: Int, window: Bool)?) -> [Range<Int>] {
        var start = 0, end = scalars.count
        if let place, place.window {
            start = max(0, place.index - SearchLimits.snippetLength)
            while start > 0, ScriptRunTokenizer.classify(scalars[start]) != .separator { start -= 1 }
            end = min(scalars.count, place.index + 2 * SearchLimits.snippetLength)
            while end < scalars.count, ScriptRunTokenizer.classify(scalars[end]) != .separator { end += 1 }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        let runs = analyzer.runs(String(view))
        var spans: [Range<Int>] = []
        for word in words { spans += SpanMatcher.spans(of: word, in: runs).map { ($0.lowerBound + start)..<($0.upperBound + start) } }
        return spans
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
