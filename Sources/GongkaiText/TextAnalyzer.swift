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

    /// Normalises the scalars of a text, keeping the map back to their offsets. Text the fast
    /// path (``normalizedScalars(of:)``) normalises in place maps each scalar to its own offset.
    public func normalize(scalars: [Unicode.Scalar]) -> NormalizedText {
        if let fast = fastNormalized(scalars), fast.inPlace { return NormalizedText(scalars: fast.scalars, identityOffsets: scalars.count) }
        return filtered(scalars)
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
    /// (known only on the fast path; `false` otherwise).
    public func normalizedScalars(of scalars: [Unicode.Scalar]) -> (scalars: [Unicode.Scalar], inPlace: Bool) {
        fastNormalized(scalars) ?? (filtered(scalars).scalars, false)
    }

    /// The fast path of ``normalizedScalars(of:)``; `nil` for text it does not cover.
    private func fastNormalized(_ scalars: [Unicode.Scalar]) -> (scalars: [Unicode.Scalar], inPlace: Bool)? {
        let table = TraditionalToSimplifiedFilter.table
        return table.withUnsafeBufferPointer { fastNormalized(scalars, folding: $0) }
    }

    /// ``fastNormalized(_:)`` with the traditional→simplified table at hand.
    private func fastNormalized(_ scalars: [Unicode.Scalar], folding: UnsafeBufferPointer<UInt16>) -> (scalars: [Unicode.Scalar], inPlace: Bool)? {
        // Most fields (names, places, numbers) have no punctuation: every scalar stable.
        if scalars.allSatisfy(Self.isNormalizationStable) {
            var folded = scalars
            for i in folded.indices where folded[i].value >= 0x3400 { folded[i] = TraditionalToSimplifiedFilter.fold(folded[i], using: folding) }
            return (folded, true)
        }
        // Written in place into storage of the text's size; an image of another length (an
        // ellipsis's three dots) stops that and the text is done again with room to grow.
        var outcome = FastPathOutcome.inPlace
        let images = scalars.withUnsafeBufferPointer { src in
            [Unicode.Scalar](unsafeUninitializedCapacity: src.count) { dst, count in
                var written = 0
                defer { count = written }
                for i in 0..<src.count {
                    let s = src[i]
                    if i + 1 < src.count, !NFKCCaseFoldFilter.startsChunk(src[i + 1]) { outcome = .uncovered; return }
                    if Self.isNormalizationStable(s) {
                        dst[i] = TraditionalToSimplifiedFilter.fold(s, using: folding)
                    } else if let image = NFKCCaseFoldFilter.punctuation(s) {
                        guard image.count == 1 else { outcome = .resized; return }
                        dst[i] = TraditionalToSimplifiedFilter.fold(image[image.startIndex], using: folding)
                    } else {
                        outcome = .uncovered
                        return
                    }
                    written = i + 1
                }
            }
        }
        switch outcome {
        case .inPlace: return (images, true)
        case .uncovered: return nil
        case .resized:
            var out: [Unicode.Scalar] = []
            out.reserveCapacity(scalars.count + 16)
            for (i, s) in scalars.enumerated() {
                guard i + 1 == scalars.count || NFKCCaseFoldFilter.startsChunk(scalars[i + 1]) else { return nil }
                if Self.isNormalizationStable(s) {
                    out.append(TraditionalToSimplifiedFilter.fold(s, using: folding))
                } else if let image = NFKCCaseFoldFilter.punctuation(s) {
                    for m in image { out.append(TraditionalToSimplifiedFilter.fold(m, using: folding)) }
                } else {
                    return nil
                }
            }
            return (out, false)
        }
    }

    /// How the in-place pass of ``fastNormalized(_:)`` ended.
    private enum FastPathOutcome { case inPlace, resized, uncovered }

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
        tokenizer.runs(normalize(scalars: scalars))
    }

    /// The Lucene-style tokens of `text` (what `gongkai analyze` prints).
    public func tokens(_ text: String) -> [Token] {
        CJKBigramFilter().tokens(runs(text))
    }
}
