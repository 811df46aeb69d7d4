import GongkaiIndex
import GongkaiText

/// A request turned into what the index can execute: planned words and resolved filters.
public struct ParsedQuery: Sendable {
    /// A filter resolved against the index.
    public enum ResolvedFilter: Sendable {
        /// Documents with this exact-value term: `field` equals `value` (normalised).
        case exact(term: [UInt8], field: String, value: String)
        /// Documents whose typed column lies in the bounds.
        case range(field: String, lower: Int64, upper: Int64)

        /// The exact filter of `field` equal to the normalised `value`, with its term.
        static func exact(field: String, value: String) -> ResolvedFilter {
            .exact(term: Term.exact(field: field, value: value), field: field, value: value)
        }
    }

    /// The words, all of which must match.
    public let words: [QueryWord]
    /// The filters, all of which must hold.
    public let filters: [ResolvedFilter]
    /// The bytes of every word's terms, word after word, then of each exact filter's term, in
    /// the order of ``filters``: a search looks them all up at once.
    public let termList: TermList
    /// The number of the words' terms: the first terms of ``termList``.
    public let wordTermCount: Int

    /// Parses `request` with `analyzer`. The query is normalised first, then split on white
    /// space; a word with no searchable run (only punctuation) is ignored.
    public init(_ request: SearchRequest, analyzer: TextAnalyzer) throws(QueryError) {
        try request.validate()
        // The indexing path's normalisation: the same scalars, without the offsets a query
        // does not need.
        let normalized = analyzer.normalizedScalars(request.query)
        var words: [QueryWord] = []
        var termList = TermList(capacity: normalized.count)
        // The current word's scalars, in storage for the whole query: no growth per scalar.
        var current: [Unicode.Scalar] = []
        current.reserveCapacity(normalized.count)
        func flush() throws(QueryError) {
            guard !current.isEmpty else { return }
            // A query word's runs need no source offsets (only a record's runs place snippets):
            // they are left empty, two arrays a run fewer.
            var runs: [TextRun] = []
            ScriptRunTokenizer().forEachRun(current) { script, scalars in
                runs.append(TextRun(script: script, scalars: Array(scalars), starts: [], ends: []))
            }
            current.removeAll(keepingCapacity: true)
            guard !runs.isEmpty else { return }
            guard words.count < SearchLimits.words else { throw QueryError("a query may have at most \(SearchLimits.words) words") }
            words.append(QueryWord(runs: runs, appendingTermsTo: &termList))
        }
        for scalar in normalized {
            if Self.isWhitespace(scalar) { try flush() } else { current.append(scalar) }
        }
        try flush()
        let wordTermCount = termList.count
        var filters: [ResolvedFilter] = []
        for filter in request.filters {
            switch filter.condition {
            case .equals(let value):
                let normalized = SegmentBuilder.rawKeywordFields.contains(filter.field) ? value : analyzer.normalizedString(value)
                guard normalized.utf8.count <= Term.maximumExactValueBytes else {
                    throw QueryError("the filter value for \(filter.field) is too long")
                }
                filters.append(.exact(field: filter.field, value: normalized))
            case .range(let lower?, let upper?) where filter.field == "year" && lower == upper:
                // One year: its exact value rather than a range of the typed column. The two
                // find the same records, as ingest accepts only a year written as its plain
                // digits (``TypedValue/year(_:)``), which is also its exact value; the exact
                // value's postings, a bitset when common, AND with the other exact filters a
                // word at a time, where a range is tested document by document.
                filters.append(.exact(field: filter.field, value: String(lower)))
            case .range(let lower, let upper):
                filters.append(.range(field: filter.field, lower: lower ?? Int64.min, upper: upper ?? Int64.max))
            }
        }
        for case .exact(let term, _, _) in filters { termList.append(term) }
        (self.words, self.filters, self.termList, self.wordTermCount) = (words, filters, termList, wordTermCount)
    }

    /// Whether `scalar` is white space (Unicode's `White_Space`), looking the property up only
    /// between U+0080 and the ideographic space U+3000, the last white space character.
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20: return true
        case 0..<0x80, 0x3001...: return false
        default: return scalar.properties.isWhitespace
        }
    }
}
