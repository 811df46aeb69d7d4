/// One token of analysed text, in the shape Lucene's CJK bigram analysis gives it.
///
/// Offsets count Unicode scalars of the *original* text, before normalisation; they are never
/// changed by filters. `position` counts tokens: consecutive tokens, also across runs and
/// punctuation, have consecutive positions.
public struct Token: Sendable, Hashable, Codable {
    /// The normalised term: a Han bigram, an isolated Han character, or a lower-cased word.
    public var term: String
    /// Offset of the first scalar in the original text.
    public var start: Int
    /// Offset one past the last scalar in the original text.
    public var end: Int
    /// The token's position in the token stream, starting at 0.
    public var position: Int

    /// Creates a token.
    public init(term: String, start: Int, end: Int, position: Int) {
        self.term = term
        self.start = start
        self.end = end
        self.position = position
    }
}
