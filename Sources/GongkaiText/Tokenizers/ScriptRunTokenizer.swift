/// Splits normalised text into runs: Han runs (consecutive CJK ideographs) and alnum runs
/// (consecutive letters and digits, with the combining marks that follow them). Everything
/// else — punctuation, spaces, symbols, a mark with no letter before it — separates runs.
public struct ScriptRunTokenizer: Sendable {
    /// What one scalar is to the tokenizer.
    public enum ScalarClass: Sendable {
        case han, alnum, mark, separator
    }

    /// Creates the tokenizer.
    public init() {}

    /// Classifies one scalar; ASCII and the main ideograph blocks take a fast path, the rest of
    /// the Basic Multilingual Plane (Chinese punctuation among it) a table.
    @inline(__always)
    public static func classify(_ s: Unicode.Scalar) -> ScalarClass {
        let v = s.value
        if v < 0x80 {
            if (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) { return .alnum }
            return .separator
        }
        if (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) { return .han }
        if v < 0x10000 { return basicPlaneClasses[Int(v)] }
        return classifyByProperties(s)
    }

    /// ``classifyByProperties(_:)`` of every scalar below U+10000 (surrogate code points are
    /// no scalars: separators), computed once: the property look-ups cost a few hundred
    /// instructions each, and a guide's text has a 、 or a 。 every few characters.
    static let basicPlaneClasses: [ScalarClass] = (0..<0x10000).map { v in
        Unicode.Scalar(UInt32(v)).map(classifyByProperties) ?? .separator
    }

    /// Classifies one scalar from its Unicode properties.
    static func classifyByProperties(_ s: Unicode.Scalar) -> ScalarClass {
        let properties = s.properties
        if properties.isIdeographic { return .han }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return .alnum
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .mark
        default:
            return .separator
        }
    }

    /// Calls `body` with the script and scalars of each run of `scalars`, in order.
    public func forEachRun(_ scalars: [Unicode.Scalar], _ body: (TextRun.Script, ArraySlice<Unicode.Scalar>) -> Void) {
        scan(scalars) { script, range in body(script, scalars[range]) }
    }

    /// The runs of `text`, in order.
    public func runs(_ text: NormalizedText) -> [TextRun] {
        var runs: [TextRun] = []
        scan(text.scalars) { script, range in
            runs.append(TextRun(script: script, scalars: Array(text.scalars[range]),
                                starts: Array(text.starts[range]), ends: Array(text.ends[range])))
        }
        return runs
    }

    /// The one scan both forms share: maximal runs of one class, marks joining alnum runs.
    private func scan(_ scalars: [Unicode.Scalar], _ body: (TextRun.Script, Range<Int>) -> Void) {
        var i = 0
        while i < scalars.count {
            let cls = Self.classify(scalars[i])
            guard cls == .han || cls == .alnum else { i += 1; continue }
            let start = i
            i += 1
            while i < scalars.count {
                let next = Self.classify(scalars[i])
                if next == cls || (cls == .alnum && next == .mark) { i += 1 } else { break }
            }
            body(cls == .han ? .han : .alnum, start..<i)
        }
    }
}
