import GongkaiIndex

/// The filters of a query as one segment executes them: decoded lists of exact values, range
/// tests on typed columns, ordinal tests on keyword columns, and bit tests on bitset postings.
struct SegmentFilters {
    // Named structs, not tuples or generics, whose array types are known at compile time.
    /// A range on a wide typed column (amounts; negative = absent).
    struct WideRange {
        let column: UnsafeBufferPointer<Int64>
        let lower: Int64
        let upper: Int64

        /// Whether `doc` has a value in the range.
        @inline(__always)
        func contains(_ doc: UInt32) -> Bool {
            let v = column[Int(doc)]
            return v >= 0 && v >= lower && v <= upper
        }
    }
    /// A range on a narrow typed column (years, dates; `Int32.min` = absent).
    struct NarrowRange {
        let column: UnsafeBufferPointer<Int32>
        let lower: Int64
        let upper: Int64

        /// Whether `doc` has a value in the range.
        @inline(__always)
        func contains(_ doc: UInt32) -> Bool {
            let n = column[Int(doc)]
            return n != Int32.min && Int64(n) >= lower && Int64(n) <= upper
        }
    }

    /// An exact filter with its term found in the segment.
    private struct ExactTerm {
        let term: [UInt8]
        let field: String
        let value: String
        let info: TermInfo
    }

    /// An exact filter tested by a document's value ordinal in a dense column.
    struct OrdinalPredicate {
        let column: KeywordColumnReader
        /// Indexed by ordinal: whether the value passes.
        let allowed: [Bool]

        /// Whether `doc`'s value passes.
        @inline(__always)
        func allows(_ doc: UInt32) -> Bool { column.ordinal(of: doc).map { allowed[Int($0)] } ?? false }
    }

    /// Exact-value lists to intersect.
    var lists: [[UInt32]] = []
    /// Range tests.
    var wideRanges: [WideRange] = []
    var narrowRanges: [NarrowRange] = []
    /// Ordinal tests.
    var predicates: [OrdinalPredicate] = []
    /// Bit tests.
    var bitsets: [DocumentBitset] = []

    /// The filters of a query as `segment` executes them; `nil` when some exact value does not
    /// occur in the segment. `infos` holds the exact filters' terms looked up in the segment
    /// (``TermLookups``, with the words'), one per exact filter, in order.
    ///
    /// The rarest exact filter, when no word is rarer (`wordBound`: the fewest documents a
    /// word may match), drives the intersection, so it is decoded; when its postings are a
    /// bitset, every bitset filter is intersected with it a 64-bit word at a time instead.
    /// Every other exact filter is a test per candidate: a bit of its bitset, or its value's
    /// ordinal in a small dense column (a load and a table look-up, where decoding postings
    /// would cost a varint per listed document); only the rest are decoded lists.
    ///
    /// `wordBitsets` gives the bitsets of the words' summarised terms, which list every match
    /// too: a leading intersection ANDs them in, so that a word probed at each candidate (a
    /// phrase steps all its cursors and reads positions) is probed only where all its terms
    /// are.
    init?(_ filters: [ParsedQuery.ResolvedFilter], _ infos: ArraySlice<TermInfo?>, in segment: SegmentReader, wordBound: Int,
          wordBitsets: () -> [DocumentBitset], documents: ([UInt8], TermInfo, SegmentReader) -> [UInt32]) {
        var exact: [ExactTerm] = []
        var next = infos.startIndex
        for filter in filters {
            switch filter {
            case .exact(let term, let field, let value):
                guard let info = infos[next] else { return nil }
                next += 1
                exact.append(ExactTerm(term: term, field: field, value: value, info: info))
            case .range(let field, let lower, let upper):
                switch field {
                case "amount": wideRanges.append(WideRange(column: segment.amounts, lower: lower, upper: upper))
                case "year": narrowRanges.append(NarrowRange(column: segment.years, lower: lower, upper: upper))
                default: narrowRanges.append(NarrowRange(column: segment.dates, lower: lower, upper: upper))
                }
            }
        }
        exact.sort { $0.info.documentFrequency < $1.info.documentFrequency }
        let leads = (exact.first?.info.documentFrequency ?? Int.max) < wordBound
        if leads, exact[0].info.isBitset {
            let docs = DocumentBitset.intersection(exact.filter(\.info.isBitset).map { segment.bitset($0.info) } + wordBitsets(),
                                                   bound: exact[0].info.documentFrequency)
            guard !docs.isEmpty else { return nil }
            lists.append(docs)
            exact.removeAll { $0.info.isBitset }
        }
        for (i, e) in exact.enumerated() {
            let drives = i == 0 && leads && lists.isEmpty
            if !drives {
                if e.info.isBitset {
                    bitsets.append(segment.bitset(e.info))
                    continue
                }
                if let map = segment.exactValueOrdinals(field: e.field) {
                    let ordinals = map.ordinals(of: e.value)
                    if !ordinals.isEmpty {
                        var allowed = [Bool](filling: false, count: map.column.valueCount)
                        for o in ordinals { allowed[Int(o)] = true }
                        predicates.append(OrdinalPredicate(column: map.column, allowed: allowed))
                        continue
                    }
                }
            }
            let docs = documents(e.term, e.info, segment)
            guard !docs.isEmpty else { return nil }
            lists.append(docs)
        }
    }

    /// The one bitset, when the per-document tests are that bitset's alone.
    var onlyBitset: DocumentBitset? {
        bitsets.count == 1 && wideRanges.isEmpty && narrowRanges.isEmpty && predicates.isEmpty ? bitsets[0] : nil
    }

    /// Whether there is any per-document test.
    var hasTests: Bool { !wideRanges.isEmpty || !narrowRanges.isEmpty || !predicates.isEmpty || !bitsets.isEmpty }

    /// Keeps the documents of `docs` (with their `weights`, when there are any) that are live
    /// and pass the range, ordinal and bit tests: one test at a time over the whole list,
    /// each a tight loop over one column.
    func retainPassing(_ docs: inout [UInt32], weights: inout [Float], live: LiveDocuments) {
        let keepsWeights = !weights.isEmpty
        func retain(where test: (UInt32) -> Bool) {
            var kept = 0
            docs.withUnsafeMutableBufferPointer { d in
                weights.withUnsafeMutableBufferPointer { w in
                    for i in 0..<d.count where test(d[i]) {
                        d[kept] = d[i]
                        if keepsWeights { w[kept] = w[i] }
                        kept += 1
                    }
                }
            }
            docs.removeLast(docs.count - kept)
            if keepsWeights { weights.removeLast(weights.count - kept) }
        }
        if live.deletedCount > 0 { retain { live.isLive($0) } }
        for r in narrowRanges { retain { r.contains($0) } }
        for r in wideRanges { retain { r.contains($0) } }
        for p in predicates { retain { p.allows($0) } }
        for b in bitsets { retain { b.contains($0) } }
    }

    /// Whether `doc` passes the range, ordinal and bit tests (the lists are intersected apart).
    @inline(__always)
    func passes(_ doc: UInt32) -> Bool {
        for r in narrowRanges where !r.contains(doc) { return false }
        for r in wideRanges where !r.contains(doc) { return false }
        for p in predicates where !p.allows(doc) { return false }
        for b in bitsets where !b.contains(doc) { return false }
        return true
    }
}
