/// A maximal run of normalised text that search can match: Han ideographs, or letters and
/// digits with the combining marks attached to them.
public struct TextRun: Sendable, Hashable {
    /// What a run is made of.
    public enum Script: Sendable, Hashable {
        /// Consecutive CJK ideographs; searched as overlapping bigrams.
        case han
        /// Consecutive letters and digits; searched as one whole word.
        case alnum
    }

    /// The run's script.
    public var script: Script
    /// The normalised scalars of the run (NFKC, case-folded, simplified).
    public var scalars: [Unicode.Scalar]
    /// Offsets, in original scalars, where each normalised scalar's source starts (empty in
    /// a query's runs, which place no snippets).
    public var starts: [Int32]
    /// Offsets, in original scalars, where each normalised scalar's source ends (empty in a
    /// query's runs).
    public var ends: [Int32]

    /// Creates a run.
    public init(script: Script, scalars: [Unicode.Scalar], starts: [Int32], ends: [Int32]) {
        self.script = script
        self.scalars = scalars
        self.starts = starts
        self.ends = ends
    }

    /// The run's text as a string.
    public var text: String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars)
        return String(s)
    }
}
