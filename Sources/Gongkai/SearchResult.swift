@_exported import GongkaiSearch
@_exported import GongkaiIndex
@_exported import GongkaiText

/// The answer to a ``SearchRequest``: exact totals over the whole match set and one page of hits.
public struct SearchResult: Sendable {
    /// The exact number of matching records.
    public var total: Int
    /// Time spent answering, in microseconds.
    public var tookMicroseconds: Int
    /// The exact sum of `amount` over every matching record, in fen.
    public var amountSumFen: Int64
    /// The page of hits, in the requested order.
    public var hits: [Hit]
    /// Value counts over the whole match set: the default facets, then the requested ones.
    public var facets: [Facet]

    /// Creates a result.
    public init(total: Int, tookMicroseconds: Int, amountSumFen: Int64, hits: [Hit], facets: [Facet]) {
        self.total = total
        self.tookMicroseconds = tookMicroseconds
        self.amountSumFen = amountSumFen
        self.hits = hits
        self.facets = facets
    }

    /// The exact amount sum as a decimal string, such as `"1234.50"`.
    public var amountSum: String { Money.format(fen: amountSumFen) }
}

/// One matching record on the page.
public struct Hit: Sendable {
    /// The record's id.
    public var id: String
    /// The record's kind.
    public var kind: String
    /// The BM25 score (0 when the query has no words).
    public var score: Double
    /// The record, `id_number` masked on output; `nil` when the request asked for ids only.
    public var record: Record? {
        get { details?.record }
        set { details = HitDetails(record: newValue, highlights: highlights) }
    }
    /// Highlighted snippets of the fields that matched, in field order.
    public var highlights: [Highlight] {
        get { details?.highlights ?? [] }
        set { details = HitDetails(record: record, highlights: newValue) }
    }
    /// The record and highlights behind one reference (`nil`: neither). Held inline, the
    /// optional record made the optimiser copy each new hit and destroy the original, a few
    /// hundred instructions a hit of every page; and at 48 bytes a hit, a page of 20 takes
    /// under a kilobyte, which glibc serves from its small bins (a larger request first
    /// consolidates the fast bins: thousands of instructions).
    private var details: HitDetails?

    /// Creates a hit.
    public init(id: String, kind: String, score: Double, record: Record?, highlights: [Highlight]) {
        self.id = id
        self.kind = kind
        self.score = score
        details = record == nil && highlights.isEmpty ? nil : HitDetails(record: record, highlights: highlights)
    }
}

/// A hit's record and highlights, held by reference (see ``Hit``).
private final class HitDetails: Sendable {
    let record: Record?
    let highlights: [Highlight]

    init(record: Record?, highlights: [Highlight]) { (self.record, self.highlights) = (record, highlights) }
}

/// Snippets of one field with the matched text marked.
public struct Highlight: Sendable, Hashable {
    /// The field's name.
    public var field: String
    /// HTML-escaped snippets in which matches are wrapped in `<mark>…</mark>`.
    public var snippets: [String]

    /// Creates a highlight.
    public init(field: String, snippets: [String]) {
        self.field = field
        self.snippets = snippets
    }
}

