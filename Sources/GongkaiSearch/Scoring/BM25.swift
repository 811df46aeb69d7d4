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

    /// Scoring with the corpus's average document length.
    public init(averageLength: Float) { self.averageLength = max(averageLength, 1) }

    /// The inverse document frequency of a word found in `documentFrequency` of `documentCount` documents.
    public static func idf(documentFrequency: Int, documentCount: Int) -> Float {
        let n = Float(documentCount), df = Float(documentFrequency)
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }

    /// The score of ``score(idf:frequency:length:)`` as `a·frequency / (frequency + c1 + c2·length)`.
    public func factors(idf: Float) -> (a: Float, c1: Float, c2: Float) {
        (idf * (Self.k1 + 1), Self.k1 * (1 - Self.b), Self.k1 * Self.b / averageLength)
    }

    /// The score contribution of one word.
    @inline(__always)
    public func score(idf: Float, frequency: Float, length: UInt32) -> Float {
        let norm = Self.k1 * (1 - Self.b + Self.b * Float(length) / averageLength)
        return idf * frequency * (Self.k1 + 1) / (frequency + norm)
    }
}
