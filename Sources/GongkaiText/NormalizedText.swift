/// Text after normalisation, with a map from every normalised scalar back to the span of the
/// original text it came from (NFKC may expand one scalar into several, or merge several).
public struct NormalizedText: Sendable, Hashable {
    /// The normalised scalars.
    public var scalars: [Unicode.Scalar]
    /// For each normalised scalar, the original scalar offset where its source starts.
    public var starts: [Int32]
    /// For each normalised scalar, the original scalar offset where its source ends.
    public var ends: [Int32]

    /// Creates normalised text from its parts; the three arrays have equal length.
    public init(scalars: [Unicode.Scalar], starts: [Int32], ends: [Int32]) {
        self.scalars = scalars
        self.starts = starts
        self.ends = ends
    }

    /// Wraps text that normalisation leaves unchanged: each scalar maps to itself.
    public init(identity scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        self.starts = (0..<Int32(scalars.count)).map { $0 }
        self.ends = (0..<Int32(scalars.count)).map { $0 + 1 }
    }

    /// The normalised text as a string.
    public var string: String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
