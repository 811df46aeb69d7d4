/// The terms of the index. Every term is a byte string whose first byte, the tag, says what
/// it stands for; the rest is UTF-8. Sorting terms bytewise groups them by tag.
///
/// A Han run `c₀…cₙ₋₁` of a text value yields: the bigrams `cᵢcᵢ₊₁` (positional), one char
/// term per character (counts only — this is what finds a lone character inside bigrams and
/// isolated unigrams alike), and two edge terms, `runStart(c₀)` and `runEnd(cₙ₋₁)`, which let a
/// phrase require that a run begins or ends exactly where a mixed query word says it must.
public enum TermTag: UInt8, Sendable {
    /// A whole alnum run, lower-cased (positional).
    case word = 1
    /// Two consecutive Han characters of one run (positional).
    case bigram = 2
    /// One Han character, anywhere in a run (not positional).
    case char = 3
    /// The first character of a Han run (positional, at the run's first position).
    case runStart = 4
    /// The last character of a Han run (positional, at the run's last position).
    case runEnd = 5
    /// An exact field value: `tag, field name, 0x00, value` (not positional).
    case exact = 16

    /// Whether postings of this tag carry positions.
    public var isPositional: Bool {
        switch self {
        case .word, .bigram, .runStart, .runEnd: return true
        case .char, .exact: return false
        }
    }
}

/// Builds term byte strings.
public enum Term {
    /// A word term.
    public static func word(_ text: String) -> [UInt8] { word(scalars: text.unicodeScalars) }

    /// A word term from the scalars of an alnum run.
    public static func word<S: Sequence<Unicode.Scalar>>(scalars: S) -> [UInt8] {
        var bytes: [UInt8] = []
        appendWord(scalars: scalars, to: &bytes)
        return bytes
    }

    /// Appends the word term of an alnum run's `scalars` to `bytes`.
    @inlinable
    public static func appendWord<S: Sequence<Unicode.Scalar>>(scalars: S, to bytes: inout [UInt8]) {
        bytes.append(TermTag.word.rawValue)
        for s in scalars { UTF8.encode(s) { bytes.append($0) } }
    }

    /// A Han term of one or two scalars.
    public static func han(_ tag: TermTag, _ a: Unicode.Scalar, _ b: Unicode.Scalar? = nil) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(9)
        appendHan(tag, a, b, to: &bytes)
        return bytes
    }

    /// Appends the Han term of one or two scalars to `bytes`.
    @inlinable
    public static func appendHan(_ tag: TermTag, _ a: Unicode.Scalar, _ b: Unicode.Scalar? = nil, to bytes: inout [UInt8]) {
        bytes.append(tag.rawValue)
        // Encoded in place: a `String` per scalar cost a few hundred instructions a term.
        UTF8.encode(a) { bytes.append($0) }
        if let b { UTF8.encode(b) { bytes.append($0) } }
    }

    /// The prefix shared by every exact-value term of `field`.
    public static func exactPrefix(field: String) -> [UInt8] {
        [TermTag.exact.rawValue] + Array(field.utf8) + [0]
    }

    /// An exact-value term; `value` must already be normalised where the field requires it.
    public static func exact(field: String, value: String) -> [UInt8] {
        var (field, value) = (field, value)
        return field.withUTF8 { f in
            value.withUTF8 { v in
                [UInt8](unsafeUninitializedCapacity: 2 + f.count + v.count) { bytes, count in
                    bytes[0] = TermTag.exact.rawValue
                    _ = UnsafeMutableBufferPointer(rebasing: bytes[1...]).initialize(fromContentsOf: f)
                    bytes[1 + f.count] = 0
                    _ = UnsafeMutableBufferPointer(rebasing: bytes[(2 + f.count)...]).initialize(fromContentsOf: v)
                    count = 2 + f.count + v.count
                }
            }
        }
    }

    /// The longest exact value (UTF-8 bytes, after normalisation) that gets a term. No filter
    /// value can be this long, so longer values need none.
    public static let maximumExactValueBytes = 4096
}
