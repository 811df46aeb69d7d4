/// The one analysis chain of Gongkai, applied alike to records and to queries.
///
/// The order matters: NFKC with case folding runs first, because it turns compatibility and
/// full-width forms into the characters the later steps know; traditional→simplified folding
/// then sees only unified ideographs; the tokenizer splits the result into runs.
public struct TextAnalyzer: Sendable {
    private let filters: [any TokenFilter] = [NFKCCaseFoldFilter(), TraditionalToSimplifiedFilter()]
    private let tokenizer = ScriptRunTokenizer()

    /// Creates the analyzer.
    public init() {}

    /// Normalises `text`, keeping the map back to original offsets.
    public func normalize(_ text: String) -> NormalizedText {
        var normalized = NormalizedText(identity: Array(text.unicodeScalars))
        for filter in filters { filter.apply(&normalized) }
        return normalized
    }

    /// Normalises `text` to a plain string (used for exact-value comparison).
    public func normalizedString(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && !($0 >= 0x41 && $0 <= 0x5A) }) { return text }
        return normalize(text).string
    }

    /// The searchable runs of `text`.
    public func runs(_ text: String) -> [TextRun] {
        tokenizer.runs(normalize(text))
    }

    /// The Lucene-style tokens of `text` (what `gongkai analyze` prints).
    public func tokens(_ text: String) -> [Token] {
        CJKBigramFilter().tokens(runs(text))
    }
}
