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

        // Phase 1: every word's terms looked up once per segment, and the inverse document
        // frequencies across segments from those look-ups alone. A phrase's is the sum of its
        // terms' (as Lucene and tantivy score phrases), so no phrase is matched in full before
        // the filters and the other words narrow it.
        let terms = query.words.map(\.terms)
        let infos: [[[TermInfo?]]] = entries.map { e in terms.map { $0.map { e.reader.termInfo($0.term) } } }
        let idf: [Float] = terms.indices.map { w in
            terms[w].indices.reduce(0) { sum, k in
                let df = infos.reduce(0) { $0 + ($1[w][k]?.documentFrequency ?? 0) }
                return sum + BM25.idf(documentFrequency: df, documentCount: documentCount)
            }
        }
        let sources: [[SegmentConjunction.WordSource?]] = entries.indices.map { e in
            query.words.indices.map { w in
                switch query.words[w].plan {
                case .term: return infos[e][w][0].map { .term($0) }
                case .phrase: return PhraseMatcher(infos[e][w], offsets: terms[w].map(\.offset), in: entries[e].reader).map { .phrase($0) }
                }
            }
        }

        // Phase 2: combine with filters and collect.
        var outcome = SearchOutcome()
        var top = TopDocuments(capacity: offset + limit, byKey: sort != .relevance)
        var counters = facets.map { FacetCounter(field: $0, table: snapshot.facetValues(field: $0)) }
        for (entryIndex, entry) in entries.enumerated() {
            let segment = entry.reader
            let words = sources[entryIndex].compactMap { $0 }
            guard words.count == query.words.count,
                  let filters = SegmentFilters(query.filters, in: segment, wordBound: words.map(\.bound).min() ?? Int.max, documents: documents)
            else { continue }
            // One common word, nothing else: its postings are decoded, counted into facet
            // groups and ranked in one pass, with no list of matches in between.
            if sort == .relevance, words.count == 1, query.filters.isEmpty, entry.live.deletedCount == 0,
               case .term(let info) = words[0], !info.isBitset,
               let groups = segment.facetGroups(fields: SearchRequest.defaultFacets), info.documentFrequency >= groups.groupCount,
               counters.allSatisfy({ groups.fields.contains($0.field) }) {
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
                _ = Self.spread(groups, groupCounts, groupSums, entry: entryIndex, into: &counters)
                continue
            }
            let matched = SegmentConjunction(words: words, filters: filters, segment: segment, live: entry.live)
            guard !matched.documents.isEmpty else { continue }
            let docs = matched.documents
            let amounts = segment.amounts

            // One pass per collector over the match set: tight loops, no per-document dispatch.
            // The default facets' columns count together through their groups: a document's
            // group (one load) names its value in every field. A large match set counts its
            // groups first, which gives the amount sum too, then spreads the group counts
            // over the fields (a pass over every group); a smaller one is spread document by
            // document.
            outcome.total += docs.count
            var grouped = [Bool](repeating: false, count: counters.count)
            let groups = segment.facetGroups(fields: SearchRequest.defaultFacets)
            if let groups, docs.count >= groups.groupCount {
                var groupCounts = [Int](repeating: 0, count: groups.groupCount)
                var groupSums = [Int64](repeating: 0, count: groups.groupCount)
                docs.withUnsafeBufferPointer { docs in
                    groupCounts.withUnsafeMutableBufferPointer { counts in
                        groupSums.withUnsafeMutableBufferPointer { sums in groups.count(docs, amounts: amounts, counts: counts, sums: sums) }
                    }
                }
                outcome.amountSumFen += groupSums.reduce(0, &+)
                grouped = Self.spread(groups, groupCounts, groupSums, entry: entryIndex, into: &counters)
            } else {
                var sum: Int64 = 0
                for doc in docs { sum &+= max(amounts[Int(doc)], 0) }
                outcome.amountSumFen += sum
                if let groups {
                    for (f, field) in groups.fields.enumerated() {
                        guard let c = counters.firstIndex(where: { $0.field == field }) else { continue }
                        counters[c].add(docs, groups: groups, fieldIndex: f, entry: entryIndex, amounts: amounts)
                        grouped[c] = true
                    }
                }
            }
            for c in counters.indices where !grouped[c] {
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
        let ranked = top.sorted()
        outcome.page = offset < ranked.count ? Array(ranked[offset...]) : []
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

    /// Spreads a segment's group counts and sums over the counters of the grouped fields;
    /// returns, per counter, whether it was one of them.
    static func spread(_ groups: FacetGroups, _ counts: [Int], _ sums: [Int64], entry: Int, into counters: inout [FacetCounter]) -> [Bool] {
        var grouped = [Bool](repeating: false, count: counters.count)
        for (f, field) in groups.fields.enumerated() {
            guard let c = counters.firstIndex(where: { $0.field == field }) else { continue }
            counters[c].add(groups: groups, fieldIndex: f, entry: entry, counts: counts, sums: sums)
            grouped[c] = true
        }
        return grouped
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
