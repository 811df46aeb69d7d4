/// Positions inside the index, which differ from the analyzer's Lucene-style positions.
///
/// A position is `valueIndex << 20 | offset`. Value 0 is reserved for the title, so a position
/// below 2²⁰ is a title position (weighted in scoring). Within a value, consecutive tokens of
/// one run are one apart and the first token of the next run is *three* after the last token
/// of the previous one: a phrase can then tell "the next run" from "the same run continuing",
/// no phrase can reach across two values, and two bigrams two apart are always in one run (so
/// a phrase of bigrams needs only every other one checked: ``PhraseCover``).
public enum IndexPosition {
    /// Bits of the offset within one value.
    public static let offsetBits: UInt32 = 20
    /// The most text values one record may have.
    public static let maximumValues = 4096
    /// The largest offset within one value.
    public static let maximumOffset: UInt32 = (1 << 20) - 1
    /// The distance from the last position of a run to the first position of the next run.
    public static let runGap: UInt32 = 3

    /// Whether `position` lies in the title.
    @inline(__always) public static func isTitle(_ position: UInt32) -> Bool { position >> offsetBits == 0 }

    /// The weight of a title occurrence relative to any other field.
    public static let titleWeight: UInt32 = 3

    /// The frequency BM25 scores: `frequency` occurrences, `title` of them in the title,
    /// each of those counting ``titleWeight`` times. Wrapping arithmetic, with no overflow
    /// check per posting: a frequency is below 2³¹ (at most ``maximumValues`` values of about
    /// 500,000 characters each) and a title frequency below 2²⁰, so the sum fits.
    @inlinable @inline(__always) public static func weightedFrequency(_ frequency: UInt32, title: UInt32) -> Float {
        Float(frequency &+ (titleWeight &- 1) &* title)
    }
}
