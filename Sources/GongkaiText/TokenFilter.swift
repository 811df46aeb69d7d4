/// One normalisation step over text, applied in place. Filters never change the offsets that
/// map normalised scalars back to the original text, except to follow scalars they rewrite.
public protocol TokenFilter: Sendable {
    /// Rewrites `text` in place.
    func apply(_ text: inout NormalizedText)
}
