import GongkaiIndex
import GongkaiText

/// What a search found, before records are fetched: exact totals, facets and the page.
public struct SearchOutcome: Sendable {
    /// The number of matching live documents.
    public var total = 0
    /// The sum of `amount` over them, in fen.
    public var amountSumFen: Int64 = 0
    /// The page, in order.
    public var page: [ScoredDocument] = []
    /// The facets, in the order requested.
    public var facets: [Facet] = []
}

/// Executes parsed queries against one snapshot: matching, BM25 scoring, and one collecting
/// pass that counts the total, sums amounts, counts facets and keeps the page.
public struct Searcher: Sendable {
    /// The commit searched.
    public let snapshot: IndexSnapshot
    /// Where large word and filter matches are remembered across searches, if anywhere.
    public let cache: MatchCache?

    /// A searcher over `snapshot`, remembering large matches in `cache`.
    public init(snapshot: IndexSnapshot, cache: MatchCache? = nil) {
        self.snapshot = snapshot
        self.cache = cache
    }

    /// The matches of `word` in `segment`, through the cache when there is one.
    func matches(_ word: QueryWord, in segment: SegmentReader) -> DocumentMatches {
        guard let cache else { return WordMatcher.matches(word, in: segment) }
        return cache.matches(segment: segment.id, plan: word.planKey) { WordMatcher.matches(word, in: segment) }
    }

    /// The documents with the exact-value `term` in `segment`, through the cache.
    func documents(_ term: [UInt8], _ segment: SegmentReader) -> [UInt32]? {
        guard let info = segment.termInfo(term) else { return nil }
        guard let cache, info.documentFrequency >= MatchCache.minimumDocuments else { return PostingsReader.documents(segment, info) }
        return cache.matches(segment: segment.id, plan: [2] + term) {
            var m = DocumentMatches()
            m.documents = PostingsReader.documents(segment, info)
            return m
        }.documents
    }

    /// Runs `query`, returning the page `offset..<offset+limit` in `sort` order.
    public func search(_ query: ParsedQuery, sort: SortOrder, offset: Int, limit: Int, facets: [String]) -> SearchOutcome {
        let entries = snapshot.entries
        var documentCount = 0
        var totalLength: UInt64 = 0
        for e in entries {
            documentCount += e.reader.documentCount
            totalLength += e.reader.totalDocumentLength
        }
        let bm25 = BM25(averageLength: documentCount == 0 ? 1 : Float(Double(totalLength) / Double(documentCount)))

        // Phase 1: every word in every segment, for document frequencies across segments.
        var wordMatches: [[DocumentMatches]] = entries.map { e in query.words.map { matches($0, in: e.reader) } }
        var idf = [Float](repeating: 0, count: query.words.count)
        for w in query.words.indices {
            let df = wordMatches.reduce(0) { $0 + $1[w].documents.count }
            idf[w] = BM25.idf(documentFrequency: df, documentCount: documentCount)
        }

        // Phase 2: combine with filters and collect.
        var outcome = SearchOutcome()
        var top = TopDocuments(capacity: offset + limit, byKey: sort != .relevance)
        var counters = facets.map { FacetCounter(field: $0) }
        for (entryIndex, entry) in entries.enumerated() {
            let segment = entry.reader
            var lists = wordMatches[entryIndex].map(\.documents)
            guard !lists.contains(where: \.isEmpty),
                  let filters = Self.segmentFilters(query.filters, in: segment, hasWordLists: !lists.isEmpty, documents: documents)
            else { continue }
            lists += filters.lists
            let matched = Self.candidates(lists, ranges: filters.ranges, predicates: filters.predicates, live: entry.live, documentCount: segment.documentCount)
            guard !matched.docs.isEmpty else { continue }
            let docs = matched.docs
            let amounts = segment.amounts

            // One pass per collector over the match set: tight loops, no per-document dispatch.
            // The default facets' columns count together through their groups, which give
            // the amount sum too; spreading group counts over the fields costs a pass over
            // every group, so a match set smaller than that is counted field by field.
            outcome.total += docs.count
            var grouped: Set<String> = []
            if let groups = segment.facetGroups(fields: SearchRequest.defaultFacets), docs.count >= groups.groupCount {
                var groupCounts = [Int](repeating: 0, count: groups.groupCount)
                var groupSums = [Int64](repeating: 0, count: groups.groupCount)
                docs.withUnsafeBufferPointer { docs in
                    groupCounts.withUnsafeMutableBufferPointer { counts in
                        groupSums.withUnsafeMutableBufferPointer { sums in groups.count(docs, amounts: amounts, counts: counts, sums: sums) }
                    }
                }
                outcome.amountSumFen += groupSums.reduce(0, &+)
                for (f, field) in groups.fields.enumerated() {
                    guard let c = counters.firstIndex(where: { $0.field == field }) else { continue }
                    counters[c].add(groups: groups, fieldIndex: f, counts: groupCounts, sums: groupSums)
                    grouped.insert(field)
                }
            } else {
                var sum: Int64 = 0
                for doc in docs { sum &+= max(amounts[Int(doc)], 0) }
                outcome.amountSumFen += sum
            }
            for c in counters.indices where !grouped.contains(counters[c].field) {
                counters[c].begin(segment)
                counters[c].add(docs, amounts: amounts)
                counters[c].end(segment)
            }
            switch sort {
            case .relevance:
                var scores = [Float](repeating: 0, count: docs.count)
                let lengths = segment.documentLengths
                scores.withUnsafeMutableBufferPointer { scores in
                    docs.withUnsafeBufferPointer { docs in
                        for w in query.words.indices {
                            let wordIdf = idf[w]
                            wordMatches[entryIndex][w].weightedFrequencies.withUnsafeBufferPointer { frequencies in
                                if let rows = matched.rows?[w] {
                                    rows.withUnsafeBufferPointer { rows in
                                        for i in 0..<docs.count {
                                            scores[i] += bm25.score(idf: wordIdf, frequency: frequencies[rows[i]], length: lengths[Int(docs[i])])
                                        }
                                    }
                                } else {
                                    for i in 0..<docs.count {
                                        scores[i] += bm25.score(idf: wordIdf, frequency: frequencies[i], length: lengths[Int(docs[i])])
                                    }
                                }
                            }
                        }
                    }
                }
                for i in docs.indices where top.admits(score: scores[i]) {
                    top.offer(ScoredDocument(entry: entryIndex, doc: docs[i], score: scores[i], key: 0))
                }
            case .date:
                let dates = segment.dates
                for doc in docs where top.admits(key: Int64(dates[Int(doc)])) {
                    top.offer(ScoredDocument(entry: entryIndex, doc: doc, score: 0, key: Int64(dates[Int(doc)])))
                }
            case .amount:
                for doc in docs where top.admits(key: amounts[Int(doc)]) {
                    top.offer(ScoredDocument(entry: entryIndex, doc: doc, score: 0, key: amounts[Int(doc)]))
                }
            }
            wordMatches[entryIndex] = []
        }
        let ranked = top.sorted()
        outcome.page = offset < ranked.count ? Array(ranked[offset...]) : []
        outcome.facets = counters.map { $0.facet() }
        return outcome
    }

    typealias RangeFilter = (column: UnsafeBufferPointer<Int64>?, narrow: UnsafeBufferPointer<Int32>?, lower: Int64, upper: Int64)

    /// An exact filter tested by a document's value ordinal in a dense column.
    struct OrdinalPredicate {
        let column: KeywordColumnReader
        /// Indexed by ordinal: whether the value passes.
        let allowed: [Bool]
    }

    /// The filters of a query as one segment executes them: decoded lists, range tests, and
    /// ordinal tests; `nil` when some exact value does not occur in the segment.
    ///
    /// The shortest filter list drives the intersection when there are no word lists, so it is
    /// decoded; every other exact filter on a field with a small dense column is tested per
    /// candidate by ordinal instead (a byte load and a table look-up per candidate, where
    /// decoding its postings would cost a varint per listed document).
    static func segmentFilters(_ filters: [ParsedQuery.ResolvedFilter], in segment: SegmentReader, hasWordLists: Bool,
                               documents: ([UInt8], SegmentReader) -> [UInt32]?) -> (lists: [[UInt32]], ranges: [RangeFilter], predicates: [OrdinalPredicate])? {
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
            if hasWordLists || i > 0, let map = segment.exactValueOrdinals(field: e.field) {
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
        return (lists, ranges, predicates)
    }

    /// The live documents in every list that pass the range and ordinal tests, and for each
    /// the index of its entry in each list (words come first among the lists, so `rows[w]`
    /// indexes the frequencies of word `w`); `rows` is `nil` when the one list is the answer
    /// as it is.
    static func candidates(_ lists: [[UInt32]], ranges: [RangeFilter], predicates: [OrdinalPredicate] = [], live: LiveDocuments, documentCount: Int) -> (docs: [UInt32], rows: [[Int]]?) {
        @inline(__always) func passes(_ doc: UInt32) -> Bool {
            guard live.isLive(doc) else { return false }
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
        var docs: [UInt32] = []
        var rows: [[Int]] = Array(repeating: [], count: lists.count)
        switch lists.count {
        case 0:
            docs.reserveCapacity(documentCount)
            for doc in 0..<UInt32(documentCount) where passes(doc) { docs.append(doc) }
        case 1 where ranges.isEmpty && predicates.isEmpty && live.deletedCount == 0:
            // Every entry passes: the list is the answer, and each row is its own index.
            return (lists[0], nil)
        case 1:
            docs.reserveCapacity(lists[0].count)
            rows[0].reserveCapacity(lists[0].count)
            for (i, doc) in lists[0].enumerated() where passes(doc) {
                docs.append(doc)
                rows[0].append(i)
            }
        default:
            let all = DocumentSets.intersect(lists)
            guard let first = all.first else { break }
            for r in first.indices {
                let doc = lists[0][first[r]]
                guard passes(doc) else { continue }
                docs.append(doc)
                for k in lists.indices { rows[k].append(all[k][r]) }
            }
        }
        return (docs, rows)
    }
}
