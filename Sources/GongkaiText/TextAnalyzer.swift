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
        normalize(scalars: text.decodedScalars)
    }

    /// Normalises the scalars of a text, keeping the map back to their offsets (by tables
    /// where ``TableNormalizer`` covers the text, else through the filter chain).
    public func normalize(scalars: [Unicode.Scalar]) -> NormalizedText {
        guard let fast = TableNormalizer.normalized(scalars) else { return filtered(scalars) }
        guard let sources = fast.sources else { return NormalizedText(identity: fast.scalars) }
        return NormalizedText(scalars: fast.scalars, starts: sources, ends: sources.map { $0 + 1 })
    }

    /// `scalars` through the filter chain, offsets kept: what every path must agree with.
    func filtered(_ scalars: [Unicode.Scalar]) -> NormalizedText {
        var normalized = NormalizedText(identity: scalars)
        for filter in filters { filter.apply(&normalized) }
        return normalized
    }

    /// Normalises `text` without keeping offsets: the indexing path.
    public func normalizedScalars(_ text: String) -> [Unicode.Scalar] {
        normalizedScalars(of: text.decodedScalars).scalars
    }

    /// Normalises the scalars of a text without keeping offsets. Text made only of ASCII
    /// without capitals, of unified ideographs and of punctuation from
    /// ``NFKCCaseFoldFilter``'s table, each scalar standing alone (no combining mark after
    /// it), is normalised here, by tables, without ICU; anything else goes through the
    /// filter chain. `inPlace`: each result scalar is the image of the one at the same index
    /// (known only where the tables cover the text; `false` otherwise).
    public func normalizedScalars(of scalars: [Unicode.Scalar]) -> (scalars: [Unicode.Scalar], inPlace: Bool) {
        guard let fast = TableNormalizer.normalized(scalars) else { return (filtered(scalars).scalars, false) }
        return (fast.scalars, fast.sources == nil)
    }

    /// Whether NFKC-casefolding leaves `s` as it is (the fast-path test; `false` means "maybe").
    @inline(__always)
    public static func isNormalizationStable(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v < 0x80 && !(v >= 0x41 && v <= 0x5A)) || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF)
    }

    /// Normalises `text` to a plain string (used for exact-value comparison).
    public func normalizedString(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && !($0 >= 0x41 && $0 <= 0x5A) }) { return text }
        // Most values (simplified Chinese) come back unchanged: keep the string as it is.
        if text.unicodeScalars.allSatisfy({ Self.isNormalizationStable($0) && TraditionalToSimplifiedFilter.fold($0) == $0 }) {
            return text
        }
        let scalars = normalizedScalars(text)
        var utf8: [UInt8] = []
        utf8.reserveCapacity(text.utf8.count)
        for s in scalars { utf8.append(contentsOf: UTF8.encode(s)!) }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Calls `body` with each searchable run of `text`, without offsets (the indexing path).
    public func forEachRun(_ text: String, _ body: (TextRun.Script, ArraySlice<Unicode.Scalar>) -> Void) {
        tokenizer.forEachRun(normalizedScalars(text), body)
    }

    /// The searchable runs of `text`.
    public func runs(_ text: String) -> [TextRun] {
        runs(scalars: text.decodedScalars)
    }

    /// The searchable runs of a text's scalars, their offsets into `scalars`.
    public func runs(scalars: [Unicode.Scalar]) -> [TextRun] {
        runs(of: normalize(scalars: scalars))
    }

    /// The searchable runs of text already normalised.
    public func runs(of normalized: NormalizedText) -> [TextRun] {
        tokenizer.runs(normalized)
    }

    /// The Lucene-style tokens of `text` (what `gongkai analyze` prints).
    public func tokens(_ text: String) -> [Token] {
        CJKBigramFilter().tokens(runs(text))
    }
}
