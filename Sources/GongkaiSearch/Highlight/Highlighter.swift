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
        let scalars = text.decodedScalars
        let normalized = analyzer.normalizedScalars(of: scalars)
        guard let first = firstPlainMatch(normalized.scalars) else { return nil }
        // A text normalised in place is not normalised again, and a long one is analysed
        // only around that place.
        let inPlace = normalized.inPlace ? normalized.scalars : nil
        let window = inPlace != nil && scalars.count > 4 * SearchLimits.snippetLength
        var spans = matchSpans(in: scalars, inPlace: inPlace, around: window ? first : nil)
        if spans.isEmpty, window { spans = matchSpans(in: scalars, inPlace: inPlace, around: nil) }
        guard !spans.isEmpty else { return nil }
        spans.sort { $0.lowerBound != $1.lowerBound ? $0.lowerBound < $1.lowerBound : $0.upperBound > $1.upperBound }
        let length = SearchLimits.snippetLength
        var start = 0
        if scalars.count > length { start = max(0, min(spans[0].lowerBound - length / 4, scalars.count - length)) }
        let end = min(scalars.count, start + length)
        // Built as UTF-8 bytes and made a string once (appending scalars to a string one at a
        // time costs several times more).
        var out: [UInt8] = []
        out.reserveCapacity(4 * (end - start) + 64)
        if start > 0 { out += "…".utf8 }
        var cursor = start
        for span in spans where span.lowerBound >= cursor && span.upperBound <= end {
            Self.appendEscaped(scalars[cursor..<span.lowerBound], to: &out)
            out += "<mark>".utf8
            Self.appendEscaped(scalars[span], to: &out)
            out += "</mark>".utf8
            cursor = span.upperBound
        }
        Self.appendEscaped(scalars[cursor..<end], to: &out)
        if end < scalars.count { out += "…".utf8 }
        return String(decoding: out, as: UTF8.self)
    }

    /// A cheap necessary condition for a match: the earliest place where some word's first
    /// run occurs in the normalised text `scalars` as plain scalars. Most fields of a hit have
    /// no such place and skip the offset-keeping analysis altogether.
    func firstPlainMatch(_ scalars: [Unicode.Scalar]) -> Int? {
        var best: Int? = nil
        for word in words {
            guard let first = word.runs.first?.scalars, let head = first.first, scalars.count >= first.count else { continue }
            var i = 0
            while i + first.count <= scalars.count, i < (best ?? Int.max) {
                if scalars[i] == head && scalars[i..<(i + first.count)].elementsEqual(first) { best = i; break }
                i += 1
            }
        }
        return best
    }

    /// The match spans in `scalars`: of the whole text, or only of a window around `place`
    /// cut at separators, so that no run is split and the spans found are real ones.
    /// `inPlace`: the normalised text when each of its scalars is the image of the one of
    /// `scalars` at its index (then it is not normalised again); a window needs it.
    func matchSpans(in scalars: [Unicode.Scalar], inPlace normalized: [Unicode.Scalar]?, around place: Int?) -> [Range<Int>] {
        var start = 0, end = scalars.count
        if let place, let normalized {
            start = max(0, place - SearchLimits.snippetLength)
            while start > 0, ScriptRunTokenizer.classify(normalized[start]) != .separator { start -= 1 }
            end = min(scalars.count, place + 2 * SearchLimits.snippetLength)
            while end < scalars.count, ScriptRunTokenizer.classify(normalized[end]) != .separator { end += 1 }
        }
        let runs = if let normalized {
            analyzer.runs(of: NormalizedText(identity: Array(normalized[start..<end])))
        } else {
            analyzer.runs(scalars: Array(scalars[start..<end]))
        }
        var spans: [Range<Int>] = []
        for word in words { spans += SpanMatcher.spans(of: word, in: runs).map { ($0.lowerBound + start)..<($0.upperBound + start) } }
        return spans
    }

    /// Appends the UTF-8 of `scalars` to `out`, HTML-escaped.
    static func appendEscaped(_ scalars: ArraySlice<Unicode.Scalar>, to out: inout [UInt8]) {
        for s in scalars {
            switch s {
            case "&": out += "&amp;".utf8
            case "<": out += "&lt;".utf8
            case ">": out += "&gt;".utf8
            case "\"": out += "&quot;".utf8
            case "'": out += "&#39;".utf8
            default: UTF8.encode(s) { out.append($0) }
            }
        }
    }
}
