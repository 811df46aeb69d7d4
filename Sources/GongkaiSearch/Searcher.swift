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
    /// Where large exact-filter lists are remembered across searches, if anywhere.
    public let cache: MatchCache?

    /// A searcher over `snapshot`, remembering large matches in `cache`.
    public init(snapshot: IndexSnapshot, cache: MatchCache? = nil) {
        self.snapshot = snapshot
        self.cache = cache
    }

    /// The documents of the exact-value `term` (found in `segment` as `info`), through the cache.
    func documents(_ term: [UInt8], _ info: TermInfo, _ segment: SegmentReader) -> [UInt32] {
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

        // Phase 1: every word's terms looked up once per segment (a row of all the query's
        // terms per segment, in word order), and the inverse document frequencies across
        // segments from those look-ups alone. A phrase's is the sum of its terms' (as Lucene
        // and tantivy score phrases), so no phrase is matched in full before the filters and
        // the other words narrow it.
        let termCount = query.words.reduce(0) { $0 + $1.terms.count }
        var infos: [TermInfo?] = []
        infos.reserveCapacity(entries.count * termCount)
        for entry in entries {
            for word in query.words {
                for term in word.terms { infos.append(entry.reader.termInfo(term.bytes)) }
            }
        }
        var idf = [Float](repeating: 0, count: query.words.count)
        var first = 0
        for (w, word) in query.words.enumerated() {
            for t in first..<first + word.terms.count {
                var df = 0
                for e in entries.indices { df += infos[e * termCount + t]?.documentFrequency ?? 0 }
                idf[w] += BM25.idf(documentFrequency: df, documentCount: documentCount)
            }
            first += word.terms.count
        }

        // Phase 2: combine with filters and collect.
        var outcome = SearchOutcome()
        var top = TopDocuments(capacity: offset + limit, byKey: sort != .relevance)
        // Every counter's tallies in one allocation, for the length of the search.
        let tables = snapshot.facetValues(fields: facets)
        let slots = tables.reduce(0) { $0 + FacetCounter.slots($1) }
        let tallies = UnsafeMutablePointer<Int64>.allocate(capacity: max(slots, 1))
        tallies.initialize(repeating: 0, count: slots)
        defer { tallies.deallocate() }
        var counters: [FacetCounter] = []
        counters.reserveCapacity(facets.count)
        var used = 0
        for (field, table) in zip(facets, tables) {
            counters.append(FacetCounter(field: field, table: table, tallies: tallies + used))
            used += FacetCounter.slots(table)
        }
        var words: [SegmentConjunction.WordSource] = []  // The current segment's, storage reused.
        words.reserveCapacity(query.words.count)
        for (entryIndex, entry) in entries.enumerated() {
            let segment = entry.reader
            guard Self.sources(query.words, infos[entryIndex * termCount..<(entryIndex + 1) * termCount], in: segment, into: &words),
                  let filters = SegmentFilters(query.filters, in: segment, wordBound: words.reduce(Int.max) { min($0, $1.bound) }, documents: documents)
            else { continue }
            // One common word, nothing else: its postings are decoded, counted into facet
            // groups and ranked in one pass, with no list of matches in between.
            if sort == .relevance, words.count == 1, query.filters.isEmpty, entry.live.deletedCount == 0,
               case .term(let info) = words[0], !info.isBitset,
               let groups = segment.facetGroups(fields: SearchRequest.defaultFacets), groups.countsByGroup(info.documentFrequency),
               facets.allSatisfy(groups.fields.contains) {
                var groupCounts = [Int](repeating: 0, count: groups.groupCount)
                var groupSums = [Int64](repeating: 0, count: groups.groupCount)
                var ranker = SingleWordRanker(idf: idf[0], bm25: bm25, entry: entryIndex, top: top)
                let (amounts, lengths) = (segment.amounts, segment.documentLengths)
                groups.groups.withUnsafeBufferPointer { groupOf in
                    groupCounts.withUnsafeMutableBufferPointer { counts in
                        groupSums.withUnsafeMutableBufferPointer { sums in
                            PostingsReader.forEachPosting(segment, info) { doc, weight in
                                let g = Int(groupOf[Int(doc)])
                                counts[g] &+= 1
                                sums[g] &+= max(amounts[Int(doc)], 0)
                                ranker.offer(doc, weight: weight, length: lengths[Int(doc)], to: &top)
                            }
                        }
                    }
                }
                outcome.total += info.documentFrequency
                outcome.amountSumFen += groupSums.reduce(0, &+)
                _ = Self.spread(groups, groupCounts, groupSums, entry: entryIndex, into: counters, fields: facets)
                continue
            }
            let matched = SegmentConjunction(words: words, filters: filters, segment: segment, live: entry.live)
            guard !matched.documents.isEmpty else { continue }
            let docs = matched.documents
            let amounts = segment.amounts

            // One pass per collector over the match set: tight loops, no per-document dispatch.
            // The default facets' columns count together through their groups: a document's
            // group (one load) names its value in every field. A match set that is not small
            // (``FacetGroups/countsByGroup(_:)``) counts its groups first, which gives the
            // amount sum too, then spreads the group counts over the fields (a pass over every
            // group); a small one is spread document by document.
            outcome.total += docs.count
            var grouped: UInt64 = 0  // Bit c: counter c has counted the segment.
            let groups = segment.facetGroups(fields: SearchRequest.defaultFacets)
            if let groups, groups.countsByGroup(docs.count) {
                var groupCounts = [Int](repeating: 0, count: groups.groupCount)
                var groupSums = [Int64](repeating: 0, count: groups.groupCount)
                docs.withUnsafeBufferPointer { docs in
                    groupCounts.withUnsafeMutableBufferPointer { counts in
                        groupSums.withUnsafeMutableBufferPointer { sums in groups.count(docs, amounts: amounts, counts: counts, sums: sums) }
                    }
                }
                outcome.amountSumFen += groupSums.reduce(0, &+)
                grouped = Self.spread(groups, groupCounts, groupSums, entry: entryIndex, into: counters, fields: facets)
            } else {
                var sum: Int64 = 0
                for doc in docs { sum &+= max(amounts[Int(doc)], 0) }
                outcome.amountSumFen += sum
                if let groups {
                    grouped = Self.forEachGroupedCounter(groups, fields: facets) { f, c in
                        counters[c].add(docs, groups: groups, fieldIndex: f, entry: entryIndex, amounts: amounts)
                    }
                }
            }
            for c in counters.indices where grouped & (1 << c) == 0 {
                counters[c].begin(segment, entry: entryIndex)
                counters[c].add(docs, amounts: amounts)
                counters[c].end(segment)
            }
            switch sort {
            case .relevance where query.words.isEmpty:
                // Every score is 0: the first documents fill the page, and no later one enters.
                for doc in docs {
                    guard top.admits(score: 0) else { break }
                    top.offer(ScoredDocument(entry: entryIndex, doc: doc, score: 0, key: 0))
                }
            case .relevance where query.words.count == 1:
                Self.offerSingleWord(docs, weights: matched.weights, idf: idf[0], bm25: bm25, lengths: segment.documentLengths, entry: entryIndex, to: &top)
            case .relevance:
                var scores = [Float](repeating: 0, count: docs.count)
                let lengths = segment.documentLengths
                let n = query.words.count
                scores.withUnsafeMutableBufferPointer { scores in
                    docs.withUnsafeBufferPointer { docs in
                        matched.weights.withUnsafeBufferPointer { frequencies in
                            idf.withUnsafeBufferPointer { idf in
                                for i in 0..<docs.count {
                                    let length = lengths[Int(docs[i])]
                                    var score: Float = 0
                                    for w in 0..<n { score += bm25.score(idf: idf[w], frequency: frequencies[i * n + w], length: length) }
                                    scores[i] = score
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
        }
        outcome.page = top.sorted()
        outcome.page.removeFirst(min(offset, outcome.page.count))
        outcome.facets = counters.map { $0.facet() }
        return outcome
    }

    /// Offers the matches of a one-word query to `top` in relevance order.
    static func offerSingleWord(_ docs: [UInt32], weights: [Float], idf: Float, bm25: BM25, lengths: UnsafeBufferPointer<UInt32>,
                                entry: Int, to top: inout TopDocuments) {
        var ranker = SingleWordRanker(idf: idf, bm25: bm25, entry: entry, top: top)
        docs.withUnsafeBufferPointer { docs in
            weights.withUnsafeBufferPointer { weights in
                for i in 0..<docs.count { ranker.offer(docs[i], weight: weights[i], length: lengths[Int(docs[i])], to: &top) }
            }
        }
    }

    /// Spreads a segment's group counts and sums over the counters of the grouped fields
    /// (counter `c` counts `fields[c]`); returns a mask of those counters (bit `c` for counter `c`).
    static func spread(_ groups: FacetGroups, _ counts: [Int], _ sums: [Int64], entry: Int, into counters: [FacetCounter], fields: [String]) -> UInt64 {
        // The groups met, found once: each field then visits only them.
        var met: [Int] = []
        met.reserveCapacity(min(counts.count, 256))
        for g in counts.indices where counts[g] > 0 { met.append(g) }
        return forEachGroupedCounter(groups, fields: fields) { f, c in
            counters[c].add(groups: groups, fieldIndex: f, entry: entry, met: met, counts: counts, sums: sums)
        }
    }

    /// Calls `body` with each field number of `groups` whose field is counted, and the number
    /// of its counter (counter `c` counts `fields[c]`); returns a mask of those counters.
    static func forEachGroupedCounter(_ groups: FacetGroups, fields: [String], _ body: (_ field: Int, _ counter: Int) -> Void) -> UInt64 {
        var grouped: UInt64 = 0
        for (f, field) in groups.fields.enumerated() {
            guard let c = fields.firstIndex(of: field) else { continue }
            body(f, c)
            grouped |= 1 << c
        }
        return grouped
    }

    /// Sets `sources` to how each of `words` is present in `segment`, from its terms'
    /// look-ups there (`infos`, in word order); `false` when some word does not occur there.
    static func sources(_ words: [QueryWord], _ infos: ArraySlice<TermInfo?>, in segment: SegmentReader,
                        into sources: inout [SegmentConjunction.WordSource]) -> Bool {
        sources.removeAll(keepingCapacity: true)
        var first = infos.startIndex
        for word in words {
            let row = infos[first..<first + word.terms.count]
            first += word.terms.count
            switch word.plan {
            case .term:
                guard let info = row[row.startIndex] else { return false }
                sources.append(.term(info))
            case .phrase:
                guard let matcher = PhraseMatcher(row, terms: word.terms, in: segment) else { return false }
                sources.append(.phrase(matcher))
            }
        }
        return true
    }
}

/// Ranks the matches of a one-word query into a page. Once the page is full, a document
/// enters only with a score above the worst kept, `T`; the score is `A·w / d`
/// (``BM25/score(idf:frequency:length:)``), so `A·w ≤ T·d·(1 − 10⁻⁵)` rules it out with two
/// multiplications instead of a division. The margin exceeds the rounding of either side, so
/// a document skipped could never have entered; the rest are scored exactly.
struct SingleWordRanker {
    private let idf: Float
    private let bm25: BM25
    private let entry: Int
    private let (a, c1, c2): (Float, Float, Float)
    private var threshold: Float

    /// A ranker for the word of inverse document frequency `idf`, offering documents of
    /// snapshot entry `entry` to a page that may already be full (`top`).
    init(idf: Float, bm25: BM25, entry: Int, top: TopDocuments) {
        (self.idf, self.bm25, self.entry) = (idf, bm25, entry)
        (a, c1, c2) = bm25.factors(idf: idf)
        threshold = top.worstScoreWhenFull ?? -Float.infinity
    }

    /// Offers document `doc` (weighted frequency `w`, length `length`) to `top`.
    @inline(__always)
    mutating func offer(_ doc: UInt32, weight w: Float, length: UInt32, to top: inout TopDocuments) {
        if a * w <= threshold * (w + c1 + c2 * Float(length)) * (1 - 1e-5) { return }
        let score = bm25.score(idf: idf, frequency: w, length: length)
        guard top.admits(score: score) else { return }
        top.offer(ScoredDocument(entry: entry, doc: doc, score: score, key: 0))
        if let worst = top.worstScoreWhenFull { threshold = worst }
    }
}
