import GongkaiIndex

/// The filters of a query as one segment executes them: decoded lists of exact values, range
/// tests on typed columns, and ordinal tests on keyword columns.
struct SegmentFilters {
    /// A range on a typed column: wide (amounts) or narrow (years, dates).
    typealias RangeFilter = (column: UnsafeBufferPointer<Int64>?, narrow: UnsafeBufferPointer<Int32>?, lower: Int64, upper: Int64)

    /// An exact filter tested by a document's value ordinal in a dense column.
    struct OrdinalPredicate {
        let column: KeywordColumnReader
        /// Indexed by ordinal: whether the value passes.
        let allowed: [Bool]
    }

    /// Exact-value lists to intersect.
    var lists: [[UInt32]] = []
    /// Range tests.
    var ranges: [RangeFilter] = []
    /// Ordinal tests.
    var predicates: [OrdinalPredicate] = []

    /// The filters of a query as `segment` executes them; `nil` when some exact value does not
    /// occur in the segment.
    ///
    /// The rarest exact filter, when no word is rarer (`wordBound`: the fewest documents a
    /// word may match), drives the intersection, so it is decoded; every other exact filter
    /// on a field with a small dense column is tested per candidate by ordinal instead (a byte
    /// load and a table look-up per candidate, where decoding its postings would cost a varint
    /// per listed document).
    init?(_ filters: [ParsedQuery.ResolvedFilter], in segment: SegmentReader, wordBound: Int,
          documents: ([UInt8], SegmentReader) -> [UInt32]?) {
        var exact: [(term: [UInt8], field: String, value: String, frequency: Int)] = []
        var ranges: [RangeFilter] = []
        for filter in filters {
            switch filter {
            case .exact(let term, let field, let value):
                guard let info = segment.termInfo(term) else { return nil }
                exact.append((term, field, value, info.documentFrequency))
            case .range(let field, let lower, let upper):
                switch field {
                case "amount": ranges.append((segment.amounts, nil, lower, upper))
                case "year": ranges.append((nil, segment.years, lower, upper))
                default: ranges.append((nil, segment.dates, lower, upper))
                }
            }
        }
        exact.sort { $0.frequency < $1.frequency }
        var lists: [[UInt32]] = []
        var predicates: [OrdinalPredicate] = []
        for (i, e) in exact.enumerated() {
            if i > 0 || e.frequency >= wordBound, let map = segment.exactValueOrdinals(field: e.field) {
                let ordinals = map.ordinals(of: e.value)
                if !ordinals.isEmpty {
                    var allowed = [Bool](repeating: false, count: map.column.valueCount)
                    for o in ordinals { allowed[Int(o)] = true }
                    predicates.append(OrdinalPredicate(column: map.column, allowed: allowed))
                    continue
                }
            }
            guard let docs = documents(e.term, segment), !docs.isEmpty else { return nil }
            lists.append(docs)
        }
        self.lists = lists
        self.ranges = ranges
        self.predicates = predicates
    }

    /// Whether `doc` passes the range and ordinal tests (the lists are intersected apart).
    @inline(__always)
    func passes(_ doc: UInt32) -> Bool {
        for r in ranges {
            if let column = r.column {
                let v = column[Int(doc)]
                if v < 0 || v < r.lower || v > r.upper { return false }
            } else {
                let n = r.narrow![Int(doc)]
                if n == Int32.min || Int64(n) < r.lower || Int64(n) > r.upper { return false }
            }
        }
        for p in predicates {
            guard let o = p.column.ordinal(of: doc), p.allowed[Int(o)] else { return false }
        }
        return true
    }
}
