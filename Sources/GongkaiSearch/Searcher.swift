#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

    /// The size of the driving postings (``shares(_:in:parallelFrom:)``) from which
    /// a search collects its segments on two threads.
    public let parallelThreshold: Int

    /// The default ``parallelThreshold``: below it, sharing the segments with another thread
    /// costs more than it saves. With one processor: never.
    public static let defaultParallelThreshold = processorCount > 1 ? 32_768 : Int.max

    /// A searcher over `snapshot`, remembering large matches in `cache`, collecting on two
    /// threads when the driving postings hold `parallelThreshold` documents or more
    /// (`Int.max`: never).
    public init(snapshot: IndexSnapshot, cache: MatchCache? = nil, parallelThreshold: Int = Searcher.defaultParallelThreshold) {
        self.snapshot = snapshot
        self.cache = cache
        self.parallelThreshold = parallelThreshold
    }

    /// The documents of the exact-value `term` (found in `segment` as `info`), through `cache`
    /// when there is one.
    static func documents(_ term: [UInt8], _ info: TermInfo, _ segment: SegmentReader, cache: MatchCache?) -> [UInt32] {
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
        for e in entries.indices {
            documentCount += entries[e].reader.documentCount
            totalLength += entries[e].reader.totalDocumentLength
        }
        let bm25 = BM25(averageLength: documentCount == 0 ? 1 : Float(Double(totalLength) / Double(documentCount)))

        // Phase 1: every word's terms and every exact filter's term looked up in every
        // segment, all at once so that their cache misses overlap (``TermLookups``, through
        // the snapshot's one table of terms; a row of all the query's terms per segment, the
        // words' in word order, then the filters'), and the inverse document frequencies
        // across segments from those look-ups alone. A phrase's is the sum of its terms' (as
        // Lucene and tantivy score phrases), so no phrase is matched in full before the
        // filters and the other words narrow it.
        let termCount = query.termList.count
        let infos = snapshot.termInfos(query.termList)
        var idf: [Float] = []
        var covers: [[Int]?] = []
        idf.reserveCapacity(query.words.count)
        covers.reserveCapacity(query.words.count)
        var first = 0
        for word in query.words {
            // A one-run Han phrase of three bigrams or more is matched through a cover of its
            // bigrams, chosen by what checking each costs (it is scored by all of them): its
            // postings, walked, and a step and a look at its positions for every document the
            // rarest bigram proposes, which costs about as much again as the rarest's postings
            // (水稻种植补贴 + 镇级 through 水稻 种植 补贴, not 水稻 稻种 植补 补贴 with fewer
            // postings in all: 12.9 M → 11.2 M instructions).
            let isCoverable = word.plan == .phrase && word.runs.count == 1 && word.terms.count > 2
            var costs: [Int] = []
            var wordIDF: Float = 0
            for t in first..<first + word.terms.count {
                var df = 0
                for e in entries.indices { df += infos[e * termCount + t]?.documentFrequency ?? 0 }
                wordIDF += BM25.idf(documentFrequency: df, documentCount: documentCount)
                if isCoverable { costs.append(df) }
            }
            idf.append(wordIDF)
            if isCoverable {
                let rarest = costs.min()!
                for i in costs.indices { costs[i] += rarest }
                covers.append(PhraseCover.cheapest(costs))
            } else {
                covers.append(nil)
            }
            first += word.terms.count
        }

        // Phase 2: combine with filters and collect, on two threads when the words are common.
        let plan = SearchPlan(query: query, entries: entries, infos: infos, termCount: termCount, covers: covers, idf: idf, bm25: bm25, sort: sort, facets: facets,
                              tables: snapshot.facetValues(fields: facets), kept: offset + limit)
        let collected = SegmentCollector(plan, entries: entries, cache: cache)
        if let shares = Self.shares(plan, in: snapshot, parallelFrom: parallelThreshold) {
            let helper = SegmentCollector(plan, entries: entries, cache: cache)
            let helped = ShareQueue(shares).collect(into: collected, helper: helper)
            collected.finish()
            if helped {
                helper.finish()
                collected.absorb(helper)
            }
        } else {
            for e in entries.indices { collected.collect(SegmentShare(entry: e, documents: 0..<UInt32.max)) }
            collected.finish()
        }
        var outcome = SearchOutcome()
        outcome.total = collected.total
        outcome.amountSumFen = collected.amountSumFen
        outcome.page = collected.page()
        outcome.page.removeFirst(min(offset, outcome.page.count))
        outcome.facets = facets.indices.map { collected.counters.facet($0) }
        return outcome
    }

    /// The shares a search over many documents is cut into, in increasing order, for two
    /// threads to take one at a time (``ShareQueue``), when the words' driving postings (per
    /// segment, the shortest term list of the query) hold `parallelFrom` documents or more in
    /// all (a search of phrases only: an eighth of that, ``phraseWeight``); `nil` otherwise:
    /// one thread collects every segment whole. The shares hold about as many driving
    /// postings each (``sharesPerSearch`` of them): a segment is cut at blocks of its driving
    /// postings (``PostingsReader/splitDocument(_:_:atPosting:)``), unless a summary counts it
    /// (``SearchPlan/summarised``). A segment lacking one of the query's terms matches nothing
    /// and has no share.
    static func shares(_ plan: SearchPlan, in snapshot: IndexSnapshot, parallelFrom threshold: Int) -> [SegmentShare]? {
        let entries = snapshot.entries.count
        guard !plan.query.words.isEmpty, entries > 0 else { return nil }
        // A word summarised wherever it occurs is ranked from a few blocks: one thread.
        if !plan.summarised.isEmpty, (0..<entries).allSatisfy({ plan.infos[$0] == nil || plan.summarised[$0] != nil }) { return nil }
        /// Segment `e`'s driving term (nil when some term is absent: nothing matches there).
        func driver(_ e: Int) -> TermInfo? {
            var driver: TermInfo?
            for info in plan.wordInfos(entry: e) {
                guard let info else { return nil }
                if driver == nil || info.documentFrequency < driver!.documentFrequency { driver = info }
            }
            return driver
        }
        let total = (0..<entries).reduce(0) { $0 + (driver($1)?.documentFrequency ?? 0) }
        // A phrase's driving posting costs several hundred instructions (the other terms'
        // cursors, the positions), a term's a few dozen: when only phrases drive, their
        // postings count eight times. (Where a term word drives, a phrase is asked about few
        // documents: 蔬菜 廊下镇 村级 on two threads took 130 → 165 µs.)
        let phrasesOnly = plan.query.words.allSatisfy { if case .phrase = $0.plan { true } else { false } }
        guard total * (phrasesOnly ? phraseWeight : 1) >= max(threshold, 1) else { return nil }
        let quota = max(total / sharesPerSearch, 1)
        var shares: [SegmentShare] = []
        for e in 0..<entries {
            guard let driving = driver(e) else { continue }
            let segment = snapshot.entries[e].reader
            // A segment counted from the word's summary is collected whole: it ranks a few blocks.
            let parts = plan.summarisedWord(at: e) != nil ? 1 : max(1, min((driving.documentFrequency + quota / 2) / quota, sharesPerSearch))
            var start: UInt32 = 0
            for part in 1...parts {
                var end = UInt32.max
                if part < parts {
                    // A bitset has no blocks: it is cut by document number.
                    let posting = driving.documentFrequency * part / parts
                    end = driving.isBitset ? UInt32(segment.documentCount * part / parts)
                                           : PostingsReader.splitDocument(segment, driving, atPosting: posting)
                }
                // Two cuts in one block are one cut.
                if end > start {
                    shares.append(SegmentShare(entry: e, documents: start..<end))
                    start = end
                }
            }
        }
        return shares
    }

    /// Into how many shares a search over many documents is cut (``shares(_:in:parallelFrom:)``):
    /// enough that a thread paused in one holds up little of the search, few enough that
    /// each share's setting up (cursors, a filter's list) stays small beside its matching.
    static let sharesPerSearch = 8

    /// How many term postings one driving posting of a phrase search counts as, against the
    /// parallel threshold.
    static let phraseWeight = 8

    /// The processors online.
    static let processorCount = max(sysconf(Int32(_SC_NPROCESSORS_ONLN)), 1)

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

    /// Spreads a segment's group tallies over the counters of the grouped fields (counter `c`
    /// counts `fields[c]`), and clears them; returns a mask of those counters (bit `c` for
    /// counter `c`) and the matches' amount sum.
    static func spread(_ groups: FacetGroups, _ tally: GroupTally, entry: Int, into counters: FacetCounters,
                       fields: [String]) -> (grouped: UInt64, amountSum: Int64) {
        let (met, amountSum) = tally.metGroups()
        let grouped = spread(groups, met: met, UnsafeBufferPointer(tally.counts), UnsafeBufferPointer(tally.sums), entry: entry,
                             into: counters, fields: fields)
        tally.clear(met)
        return (grouped, amountSum)
    }

    /// Spreads the group counts and sums of the groups `met` alone over the counters of the
    /// grouped fields (counter `c` counts `fields[c]`); returns a mask of those counters.
    static func spread(_ groups: FacetGroups, met: [Int], _ counts: UnsafeBufferPointer<Int>, _ sums: UnsafeBufferPointer<Int64>, entry: Int,
                       into counters: FacetCounters, fields: [String]) -> UInt64 {
        forEachGroupedCounter(groups, fields: fields) { f, c in
            counters.add(c, groups: groups, fieldIndex: f, entry: entry, met: met, counts: counts, sums: sums)
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
    /// look-ups there (`infos`, in word order), a phrase through the terms of its cover when
    /// it has one (`covers`, per word); `false` when some word does not occur there.
    static func sources(_ words: [QueryWord], _ infos: ArraySlice<TermInfo?>, covers: [[Int]?], in segment: SegmentReader,
                        into sources: inout [SegmentConjunction.WordSource]) -> Bool {
        sources.removeAll(keepingCapacity: true)
        var first = infos.startIndex
        for (w, word) in words.enumerated() {
            let row = infos[first..<first + word.terms.count]
            first += word.terms.count
            switch word.plan {
            case .term:
                guard let info = row[row.startIndex] else { return false }
                sources.append(.term(info))
            case .phrase:
                guard let matcher = PhraseMatcher(row, terms: word.terms, cover: covers[w], in: segment) else { return false }
                sources.append(.phrase(matcher))
            }
        }
        return true
    }
}

/// Ranks the matches of a one-word query into a page. Once the page is full, a document
/// enters only with a score above the worst kept, `T`; the score is `A·w / d`
/// (``BM25/score(a:frequency:norm:)``), so `A·w ≤ T·d·(1 − 10⁻⁵)` rules it out with two
/// multiplications instead of a division. The margin exceeds the rounding of either side, so
/// a document skipped could never have entered; the rest are scored exactly.
struct SingleWordRanker {
    private let bm25: BM25
    private let entry: Int
    /// The word's `idf·(k1 + 1)`.
    private let a: Float
    private var threshold: Float

    /// A ranker for the word of inverse document frequency `idf`, offering documents of
    /// snapshot entry `entry` to a page that may already be full (`top`).
    init(idf: Float, bm25: BM25, entry: Int, top: TopDocuments) {
        (self.bm25, self.entry) = (bm25, entry)
        a = bm25.factor(idf: idf)
        threshold = top.worstScoreWhenFull ?? -Float.infinity
    }

    /// Offers document `doc` (weighted frequency `w`, length `length`) to `top`.
    @inline(__always)
    mutating func offer(_ doc: UInt32, weight w: Float, length: UInt32, to top: inout TopDocuments) {
        if rulesOut(weight: w, length: length) { return }
        let score = bm25.score(a: a, frequency: w, norm: bm25.norm(length: length))
        guard top.admits(score: score) else { return }
        top.offer(ScoredDocument(entry: entry, doc: doc, score: score, key: 0))
        if let worst = top.worstScoreWhenFull { threshold = worst }
    }

    /// Whether a document of weighted frequency `w` and length `length` cannot enter the
    /// page.
    @inline(__always)
    func rulesOut(weight w: Float, length: UInt32) -> Bool {
        a * w <= threshold * (w + bm25.norm(length: length)) * (1 - 1e-5)
    }

    /// Whether no document of a block whose highest weighted frequency is `w` and shortest
    /// length `length` can enter the page: the score rises with the one and falls with the
    /// other. A bound scoring exactly the worst kept rules the block out too (a later
    /// document tying it does not enter), which needs the bound scored as the documents are
    /// and the score, rounded, never higher for a lower frequency: lengths meet only
    /// monotone operations, and frequencies up to 256 are integers whose scores lie further
    /// apart than their rounding.
    @inline(__always)
    func rulesOut(blockWeight w: Float, length: UInt32) -> Bool {
        rulesOut(weight: w, length: length) || (w <= 256 && bm25.score(a: a, frequency: w, norm: bm25.norm(length: length)) <= threshold)
    }
}
