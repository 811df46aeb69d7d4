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

    /// Normalises `text` without keeping offsets: the indexing path. Text made only of ASCII
    /// without capitals and of unified ideographs is already NFKC-casefolded, so ICU is
    /// skipped for it and only the traditional→simplified table applies.
    public func normalizedScalars(_ text: String) -> [Unicode.Scalar] {
        var text = text
        var stable = true
        let table = TraditionalToSimplifiedFilter.table
        // Decoded straight from the UTF-8 (valid in a String) into storage of at most one
        // scalar per byte, folding ideographs on the way.
        let scalars = text.withUTF8 { b in
            [Unicode.Scalar](unsafeUninitializedCapacity: b.count) { out, count in
                var i = 0, n = 0
                while i < b.count {
                    let c = UInt32(b[i])
                    var v: UInt32
                    if c < 0x80 {
                        v = c
                        i += 1
                    } else if c < 0xE0 {
                        v = (c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)
                        i += 2
                    } else if c < 0xF0 {
                        v = (c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
                        i += 3
                    } else {
                        v = (c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
                        i += 4
                    }
                    let scalar = Unicode.Scalar(v)!
                    if !Self.isNormalizationStable(scalar) { stable = false }
                    if v >= 0x3400, v <= 0x9FFF { v = UInt32(table[Int(v)]) }
                    out[n] = Unicode.Scalar(v) ?? scalar
                    n += 1
                }
                count = n
            }
        }
        return stable ? scalars : normalize(text).scalars
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
        let table = TraditionalToSimplifiedFilter.table
        if text.unicodeScalars.allSatisfy({ Self.isNormalizationStable($0) && ($0.value < 0x3400 || table[Int($0.value)] == $0.value) }) {
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
        tokenizer.runs(normalize(text))
    }

    /// The Lucene-style tokens of `text` (what `gongkai analyze` prints).
    public func tokens(_ text: String) -> [Token] {
        CJKBigramFilter().tokens(runs(text))
    }
}
