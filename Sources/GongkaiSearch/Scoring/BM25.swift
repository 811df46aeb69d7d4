import Foundation

/// Okapi BM25 with Lucene's constants. Term frequencies arrive weighted (a title occurrence
/// counts three times) and document lengths are weighted alike, which makes this BM25F with
/// one shared length normalisation.
public struct BM25: Sendable {
    /// Term-frequency saturation.
    public static let k1: Float = 1.2
    /// Length normalisation.
    public static let b: Float = 0.75

    /// The average weighted document length.
    public let averageLength: Float
    /// A document's length normalisation is `c1 + c2·length`.
    private let c1: Float, c2: Float

    /// Scoring with the corpus's average document length.
    public init(averageLength: Float) {
        self.averageLength = max(averageLength, 1)
        (c1, c2) = (Self.k1 * (1 - Self.b), Self.k1 * Self.b / self.averageLength)
    }

    /// The inverse document frequency of a word found in `documentFrequency` of `documentCount` documents.
    public static func idf(documentFrequency: Int, documentCount: Int) -> Float {
        let n = Float(documentCount), df = Float(documentFrequency)
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }

    /// A word's score factor `a = idf·(k1 + 1)`: its score in a document is
    /// `a·frequency / (frequency + norm)` (``score(a:frequency:norm:)``).
    public func factor(idf: Float) -> Float { idf * (Self.k1 + 1) }

    /// The length normalisation of a document of weighted length `length`: what every word's
    /// score in it shares.
    @inline(__always)
    public func norm(length: UInt32) -> Float { c1 + c2 * Float(length) }

    /// The score contribution of one word of frequency `frequency` in a document of
    /// normalisation `norm` (``norm(length:)``), `a` being the word's `idf·(k1 + 1)`
    /// (``factor(idf:)``). Every score is computed this way, in this order, so that the same
    /// document scores the same bits on every path.
    @inline(__always)
    public func score(a: Float, frequency: Float, norm: Float) -> Float { a * frequency / (frequency + norm) }

    /// A score above every one ``score(a:frequency:norm:)`` gives for the factor `a`, whatever
    /// the frequency and length: `frequency / (frequency + norm)` is below 1, and the margin
    /// (10⁻⁵) exceeds the rounding of the three operations.
    @inline(__always)
    public func ceiling(a: Float) -> Float { max(a, 0) * (1 + 1e-5) }
}
