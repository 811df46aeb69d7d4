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

    /// Classifies one scalar; ASCII and the main ideograph blocks take a fast path.
    @inline(__always)
    public static func classify(_ s: Unicode.Scalar) -> ScalarClass {
        let v = s.value
        if v < 0x80 {
            if (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) { return .alnum }
            return .separator
        }
        if (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) { return .han }
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
            body(cls == .han ? .han : .alnum, scalars[start..<i])
        }
    }

    /// The runs of `text`, in order.
    public func runs(_ text: NormalizedText) -> [TextRun] {
        var runs: [TextRun] = []
        var i = 0
        let scalars = text.scalars
        while i < scalars.count {
            let cls = Self.classify(scalars[i])
            guard cls == .han || cls == .alnum else { i += 1; continue }
            let start = i
            i += 1
            while i < scalars.count {
                let next = Self.classify(scalars[i])
                if next == cls || (cls == .alnum && next == .mark) { i += 1 } else { break }
            }
            runs.append(TextRun(
                script: cls == .han ? .han : .alnum,
                scalars: Array(scalars[start..<i]),
                starts: Array(text.starts[start..<i]),
                ends: Array(text.ends[start..<i])
            ))
        }
        return runs
    }
}
