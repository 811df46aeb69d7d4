import GongkaiIndex

/// What every segment of one search shares: the query, its terms' look-ups in every segment,
/// the words' inverse document frequencies, the scoring, the order, the facets and the page.
/// A class: each collector holds it by one reference.
final class SearchPlan {
    let query: ParsedQuery
    /// The query's term look-ups (``ParsedQuery/termList``: the words' terms in word order,
    /// then the exact filters'), a row per snapshot entry: entry `e`'s term `t` is at
    /// `e * termCount + t`.
    let infos: [TermInfo?]
    let termCount: Int
    /// The number of the words' terms, the first of each row.
    let wordTermCount: Int
    /// Per word, the offsets of the bigrams a one-run Han phrase is matched by (``PhraseCover``);
    /// `nil`: every term of the word.
    let covers: [[Int]?]
    /// Per word, its inverse document frequency across the snapshot.
    let idf: [Float]
    /// Per word, its score factor `idf·(k1 + 1)` (``BM25/factor(idf:)``).
    let factors: [Float]
    /// Per word, a score above any it gives (``BM25/ceiling(a:)``).
    let ceilings: [Float]
    let bm25: BM25
    let sort: SortOrder
    let facets: [String]
    /// The facets' value tables, in the order of `facets`.
    let tables: [FacetValueTable]
    /// The documents kept for the page: the offset plus the limit.
    let kept: Int

    /// Per snapshot entry, the one word's summary there (``SummarisedWord``), when the search
    /// is that word alone in relevance order, the segment has no deletions and its summaries
    /// count every facet: that segment's totals and facets are the summary's. Empty for
    /// every other search.
    let summarised: [SummarisedWord?]

    init(query: ParsedQuery, entries: [IndexSnapshot.Entry], infos: [TermInfo?], termCount: Int, covers: [[Int]?], idf: [Float],
         bm25: BM25, sort: SortOrder, facets: [String], tables: [FacetValueTable], kept: Int) {
        (self.query, self.infos, self.termCount, self.covers, self.idf) = (query, infos, termCount, covers, idf)
        wordTermCount = query.wordTermCount
        factors = idf.map { bm25.factor(idf: $0) }
        ceilings = factors.map { bm25.ceiling(a: $0) }
        (self.bm25, self.sort, self.facets, self.tables, self.kept) = (bm25, sort, facets, tables, kept)
        guard sort == .relevance, query.words.count == 1, query.filters.isEmpty, case .term = query.words[0].plan,
              infos.contains(where: { ($0?.documentFrequency ?? 0) >= SegmentFormat.summaryMinimumDocuments })
        else {
            summarised = []
            return
        }
        // A term word is one term: entry `e`'s look-up is `infos[e]`.
        summarised = entries.indices.map { e in
            let summaries = entries[e].reader.summaries
            guard entries[e].live.deletedCount == 0, let info = infos[e], !info.isBitset, let summary = summaries.summary(info)
            else { return nil }
            var columns: [TermSummaries.Column] = []
            for field in facets {
                guard let column = summaries.column(field) else { return nil }
                columns.append(column)
            }
            return SummarisedWord(info: info, summary: summary, columns: columns)
        }
    }

    /// The look-ups of entry `entry`'s word terms.
    func wordInfos(entry: Int) -> ArraySlice<TermInfo?> {
        infos[entry * termCount..<entry * termCount + wordTermCount]
    }

    /// The look-ups of entry `entry`'s exact-filter terms, one per exact filter, in order.
    func filterInfos(entry: Int) -> ArraySlice<TermInfo?> {
        infos[entry * termCount + wordTermCount..<(entry + 1) * termCount]
    }

    /// Whether every term of the query occurs in entry `entry`. The words and filters are
    /// ANDed and a phrase needs each of its terms, so where one is absent nothing matches.
    func hasEveryTerm(entry: Int) -> Bool {
        for t in entry * termCount..<(entry + 1) * termCount where infos[t] == nil { return false }
        return true
    }

    /// The one word's summary in snapshot entry `e`, when the segment is counted from it
    /// (``summarised``).
    func summarisedWord(at e: Int) -> SummarisedWord? { summarised.isEmpty ? nil : summarised[e] }
}

/// A one-word search's term in one segment with its summary there, and the summary's column
/// of each of the search's facets, in their order.
struct SummarisedWord {
    let info: TermInfo
    let summary: TermSummary
    let columns: [TermSummaries.Column]
}

/// Documents `documents` of snapshot entry `entry`: a whole segment, or the part of one that
/// a thread searches.
struct SegmentShare {
    let entry: Int
    let documents: Range<UInt32>
}

/// Gathers a search's outcome over the segments it is given: the total, the amount sum, the
/// best documents for the page and the facet tallies. A search over many documents cuts its
/// segments into shares that two collectors on two threads take in turn (``ShareQueue``), and
/// merges them (``absorb(_:)``); a collector is used by one thread at a time.
final class SegmentCollector: @unchecked Sendable {
    private let plan: SearchPlan
    /// The snapshot's segments.
    private let entries: [IndexSnapshot.Entry]
    /// Where large exact-filter lists are remembered across searches, if anywhere.
    private let cache: MatchCache?
    // A collector is used by one thread at a time and never hands out its properties: the
    // run-time checks of exclusive access are left out.
    @exclusivity(unchecked) private(set) var total = 0
    @exclusivity(unchecked) private(set) var amountSumFen: Int64 = 0
    @exclusivity(unchecked) private var top: TopDocuments
    let counters: FacetCounters
    /// The current segment's word sources (storage reused across segments).
    @exclusivity(unchecked) private var words: [SegmentConjunction.WordSource] = []
    /// The memory of the segments' facet-group tallies, taken from the shared pool when a
    /// segment first counts by group (a small search never does), and given back at the end.
    private var tallyStorage: GroupTallyStorage?
    private var tallies: GroupTallyStorage {
        if let tallyStorage { return tallyStorage }
        let taken = GroupTallyStorage.take()
        tallyStorage = taken
        return taken
    }
    /// The group tally of the segment last counted by group, spread over the counters only
    /// when another segment's begins or the collector finishes (``finish()``): a segment cut
    /// into shares that one collector takes in turn is spread once, not once a share.
    private var openTally: (entry: Int, groups: FacetGroups, tally: GroupTally)?

    /// An empty collector for `plan` over the segments `entries`, remembering large
    /// exact-filter lists in `cache`.
    init(_ plan: SearchPlan, entries: [IndexSnapshot.Entry], cache: MatchCache?) {
        self.plan = plan
        (self.entries, self.cache) = (entries, cache)
        top = TopDocuments(capacity: plan.kept, byKey: plan.sort != .relevance)
        counters = FacetCounters(fields: plan.facets, tables: plan.tables)
        words.reserveCapacity(plan.query.words.count)
    }

    /// The page, best first; the collector keeps no page after.
    func page() -> [ScoredDocument] { top.moved().sorted() }

    /// Counts what is still in a group tally: call once every share is collected, before
    /// reading the amount sum or the facets, or absorbing the collector.
    func finish() {
        guard let open = openTally else { return }
        openTally = nil
        amountSumFen &+= Searcher.spread(open.groups, open.tally, entry: open.entry, into: counters, fields: plan.facets).amountSum
    }

    /// The tally of `groups`, entry `entry`'s, all zero or holding the counts of this entry's
    /// shares before; another entry's open tally is spread first.
    private func tally(entry: Int, groups: FacetGroups) -> GroupTally {
        if let open = openTally, open.entry == entry { return open.tally }
        finish()
        let tally = tallies.tally(for: groups)
        openTally = (entry, groups, tally)
        return tally
    }

    deinit {
        finish()  // The storage goes back to the pool all zero.
        if let tallyStorage { GroupTallyStorage.giveBack(tallyStorage) }
    }

    /// Adds what `other` gathered (over other shares) to this collector; both must be
    /// finished (``finish()``).
    func absorb(_ other: SegmentCollector) {
        total += other.total
        amountSumFen &+= other.amountSumFen
        // The order of the page is total (score or key, then entry and document), so the best
        // of the union are the best of each side's best, whatever the order offered.
        for d in other.top.heap { top.offer(d) }
        counters.absorb(other.counters)
    }

    /// Matches and collects the documents of `share`. A collector's shares must be given in
    /// increasing order: the page admits a document tying with one kept only when it comes
    /// first in index order.
    func collect(_ share: SegmentShare) {
        let (entryIndex, range) = (share.entry, share.documents)
        guard plan.hasEveryTerm(entry: entryIndex) else { return }
        let (query, sort, facets, bm25) = (plan.query, plan.sort, plan.facets, plan.bm25)
        let entry = entries[entryIndex]
        let segment = entry.reader
        // The page as a local, moved out and back, so that offering to it copies nothing.
        var top = self.top.moved()
        defer { self.top = top }
        if query.words.isEmpty, sort == .relevance, collectBitsetFilter(entryIndex, range: range, top: &top) { return }
        if range.lowerBound == 0, range.upperBound >= UInt32(segment.documentCount), let word = plan.summarisedWord(at: entryIndex) {
            collectSummarised(word, entryIndex, top: &top)
            return
        }
        guard Searcher.sources(query.words, plan.wordInfos(entry: entryIndex), covers: plan.covers, in: segment, into: &words),
              let filters = SegmentFilters(query.filters, plan.filterInfos(entry: entryIndex), in: segment,
                                           wordBound: words.reduce(Int.max) { min($0, $1.bound) },
                                           wordBitsets: { plan.wordInfos(entry: entryIndex).compactMap { $0.flatMap { segment.summaries.summary($0)?.bitset } } },
                                           documents: { [cache] in Searcher.documents($0, $1, $2, cache: cache) })
        else { return }
        // One common word, nothing else: its postings are decoded, counted into facet
        // groups and ranked in one pass, with no list of matches in between.
        if sort == .relevance, words.count == 1, query.filters.isEmpty, entry.live.deletedCount == 0,
           case .term(let info) = words[0], !info.isBitset,
           let groups = segment.facetGroups(fields: SearchRequest.defaultFacets), groups.countsByGroup(info.documentFrequency),
           facets.allSatisfy(groups.fields.contains) {
            let tally = tally(entry: entryIndex, groups: groups)
            var ranker = SingleWordRanker(idf: plan.idf[0], bm25: bm25, entry: entryIndex, top: top)
            var found = 0
            let rows = groups.rows
            PostingsReader.forEachPosting(segment, info, in: range) { doc, weight in
                let row = rows[Int(doc)]
                tally.add(row)
                ranker.offer(doc, weight: weight, length: row.length, to: &top)
                found &+= 1
            }
            total += found
            return
        }
        // A word known only by its bitset is scored through a ceiling in relevance order
        // (``rankBounded(_:_:top:)``), and not at all in the others.
        let matched = SegmentConjunction(words: words, filters: filters, segment: segment, live: entry.live, within: range,
                                         boundsWeights: sort != .relevance || query.words.count > 1)
        guard !matched.documents.isEmpty else { return }
        let docs = matched.documents
        let amounts = segment.amounts

        // One pass per collector over the match set: tight loops, no per-document dispatch.
        // The default facets' columns count together through their groups: a document's
        // group (one load) names its value in every field. A match set that is not small
        // (``FacetGroups/countsByGroup(_:)``) counts its groups first, which gives the
        // amount sum too, then spreads the group counts over the fields (a step per field for
        // each group met); a small one is spread document by document.
        total += docs.count
        var grouped: UInt64 = 0  // Bit c: counter c has counted the segment.
        let groups = segment.facetGroups(fields: SearchRequest.defaultFacets)
        if let groups, groups.countsByGroup(docs.count) {
            let tally = tally(entry: entryIndex, groups: groups)
            let rows = groups.rows
            docs.withUnsafeBufferPointer { docs in
                for doc in docs { tally.add(rows[Int(doc)]) }
            }
            grouped = Searcher.forEachGroupedCounter(groups, fields: facets) { _, _ in }
        } else {
            var sum: Int64 = 0
            if let groups {
                // The rows the counters read next hold the amounts: no line of the column.
                for doc in docs { sum &+= groups.rows[Int(doc)].summedAmount }
            } else {
                for doc in docs { sum &+= max(amounts[Int(doc)], 0) }
            }
            amountSumFen += sum
            if let groups {
                grouped = Searcher.forEachGroupedCounter(groups, fields: facets) { f, c in
                    counters.add(c, docs, groups: groups, fieldIndex: f, entry: entryIndex)
                }
            }
        }
        for c in facets.indices where grouped & (1 << c) == 0 {
            counters.add(c, docs, amounts: amounts, in: segment, entry: entryIndex)
        }
        switch sort {
        case .relevance where query.words.isEmpty:
            // Every score is 0: the first documents fill the page, and no later one enters.
            for doc in docs {
                guard top.admits(score: 0) else { break }
                top.offer(ScoredDocument(entry: entryIndex, doc: doc, score: 0, key: 0))
            }
        case .relevance where query.words.count == 1:
            Searcher.offerSingleWord(docs, weights: matched.weights, idf: plan.idf[0], bm25: bm25, lengths: segment.documentLengths,
                                     entry: entryIndex, to: &top)
        case .relevance where !matched.unweighted.isEmpty:
            rankBounded(matched, segment, entry: entryIndex, top: &top)
        case .relevance:
            // Scored and offered in one pass, each document's row of weights read through a
            // moving pointer.
            let lengths = segment.documentLengths
            let n = query.words.count
            docs.withUnsafeBufferPointer { docs in
                matched.weights.withUnsafeBufferPointer { frequencies in
                    plan.factors.withUnsafeBufferPointer { a in
                        var row = frequencies.baseAddress!
                        for doc in docs {
                            let norm = bm25.norm(length: lengths[Int(doc)])
                            var score: Float = 0
                            for w in 0..<n { score += bm25.score(a: a[w], frequency: row[w], norm: norm) }
                            row += n
                            if top.admits(score: score) { top.offer(ScoredDocument(entry: entryIndex, doc: doc, score: score, key: 0)) }
                        }
                    }
                }
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

    /// Offers the matches of several words to `top` when some words' weights are unknown
    /// (``SegmentConjunction/unweighted``). Each such word counts its ceiling
    /// (``BM25/ceiling(a:)``), which no score of it reaches: a document the page does not
    /// admit with them cannot enter; for the others, the cursors of those words step to the
    /// document, and it is scored exactly as on every other path. Documents come in
    /// increasing order, so each cursor walks its postings once, jumping the blocks between.
    private func rankBounded(_ matched: SegmentConjunction, _ segment: SegmentReader, entry: Int, top: inout TopDocuments) {
        let (bm25, n, lengths) = (plan.bm25, plan.query.words.count, segment.documentLengths)
        var cursors: [PostingsCursor?] = Array(repeating: nil, count: n)
        for w in matched.unweighted {
            guard case .term(let info) = words[w] else { continue }
            cursors[w] = PostingsCursor(segment, info)
        }
        let ceilings = plan.ceilings
        if n == 2, matched.unweighted.count == 1, var cursor = cursors[matched.unweighted[0]] {
            // Two words, one known: the same sums (0 + x + y is x + y, and a rounded sum of
            // two does not depend on their order) without a loop over the words per document.
            let (lazy, known) = (matched.unweighted[0], 1 - matched.unweighted[0])
            let (a, ceiling) = (plan.factors[known], ceilings[lazy])
            matched.weights.withUnsafeBufferPointer { frequencies in
                for (i, doc) in matched.documents.enumerated() {
                    let norm = bm25.norm(length: lengths[Int(doc)])
                    let score = bm25.score(a: a, frequency: frequencies[2 * i + known], norm: norm)
                    guard top.admits(score: score + ceiling) else { continue }
                    let f = cursor.advance(to: doc) && cursor.doc == doc ? cursor.weightedFrequency : 0
                    let exact = score + bm25.score(a: plan.factors[lazy], frequency: f, norm: norm)
                    if top.admits(score: exact) { top.offer(ScoredDocument(entry: entry, doc: doc, score: exact, key: 0)) }
                }
            }
            return
        }
        cursors.withUnsafeMutableBufferPointer { cursors in
            matched.weights.withUnsafeBufferPointer { frequencies in
                plan.factors.withUnsafeBufferPointer { a in
                    for (i, doc) in matched.documents.enumerated() {
                        let norm = bm25.norm(length: lengths[Int(doc)])
                        var ceiling: Float = 0
                        for w in 0..<n {
                            let f = frequencies[i * n + w]
                            ceiling += f.isNaN ? ceilings[w] : bm25.score(a: a[w], frequency: f, norm: norm)
                        }
                        guard top.admits(score: ceiling) else { continue }
                        var score: Float = 0
                        for w in 0..<n {
                            var f = frequencies[i * n + w]
                            if f.isNaN {
                                // The bitset listed the document: so do the postings.
                                f = cursors[w]!.advance(to: doc) && cursors[w]!.doc == doc ? cursors[w]!.weightedFrequency : 0
                            }
                            score += bm25.score(a: a[w], frequency: f, norm: norm)
                        }
                        if top.admits(score: score) { top.offer(ScoredDocument(entry: entry, doc: doc, score: score, key: 0)) }
                    }
                }
            }
        }
    }

    /// Collects a one-word search over a whole segment from the word's summary there
    /// (``SearchPlan/summarised``): the total, amount sum and facets are the summary's, and
    /// only the blocks of postings whose bound can beat the page's worst document are decoded
    /// and ranked.
    private func collectSummarised(_ word: SummarisedWord, _ entryIndex: Int, top: inout TopDocuments) {
        let (info, summary) = (word.info, word.summary)
        let segment = entries[entryIndex].reader
        total += info.documentFrequency
        amountSumFen &+= summary.amountSumFen
        for c in plan.facets.indices { counters.add(c, summary: summary, column: word.columns[c], entry: entryIndex) }
        var ranker = SingleWordRanker(idf: plan.idf[0], bm25: plan.bm25, entry: entryIndex, top: top)
        let lengths = segment.documentLengths
        let blocks = (info.documentFrequency + SegmentFormat.postingsBlockSize - 1) / SegmentFormat.postingsBlockSize
        for block in 0..<blocks {
            let bound = summary.bound(block: block)
            if ranker.rulesOut(blockWeight: bound.weightedFrequency, length: bound.length) { continue }
            PostingsReader.forEachPosting(segment, info, block: block) { doc, weight in
                ranker.offer(doc, weight: weight, length: lengths[Int(doc)], to: &top)
            }
        }
    }

    /// Collects a search of one exact filter whose postings are a bitset in the segment, in
    /// relevance order (every score 0), from the bitset with no list of matches in between:
    /// the page takes the first documents, and the facet groups are counted from their totals
    /// (a filter on a folded field) or by one pass over the documents. Returns `false`,
    /// having done nothing, when the search is not such a one or the pass does not apply
    /// (deletions, part of a segment, few matches, a facet outside the groups). Several
    /// filters take the usual path: their intersection may be small.
    private func collectBitsetFilter(_ entryIndex: Int, range: Range<UInt32>, top: inout TopDocuments) -> Bool {
        let entry = entries[entryIndex]
        let segment = entry.reader
        guard entry.live.deletedCount == 0, range.lowerBound == 0, range.upperBound >= UInt32(segment.documentCount),
              plan.query.filters.count == 1, case .exact(_, let field, let value) = plan.query.filters[0]
        else { return false }
        guard let info = plan.filterInfos(entry: entryIndex).first! else { return true }  // The value is absent here: no match.
        guard info.isBitset, let groups = segment.facetGroups(fields: SearchRequest.defaultFacets),
              groups.countsByGroup(info.documentFrequency), plan.facets.allSatisfy(groups.fields.contains)
        else { return false }
        let bitset = segment.bitset(info)
        // Every score is 0: the first documents fill the page, and no later one enters.
        if top.admits(score: 0) {
            bitset.forEachWord { i, word in
                var w = word
                while w != 0, top.admits(score: 0) {
                    top.offer(ScoredDocument(entry: entryIndex, doc: UInt32(i << 6 | w.trailingZeroBitCount), score: 0, key: 0))
                    w &= w &- 1
                }
                return w == 0 && top.admits(score: 0)
            }
        }
        // A filter on a folded field matches whole groups, whose totals count it with no pass
        // over the documents. They must add up to the term's documents, or the column and the
        // term disagree on a value: then the pass counts.
        if let f = groups.fields.firstIndex(of: field), let map = segment.exactValueOrdinals(field: field) {
            let met = groups.groups(field: f, values: map.ordinals(of: value))
            let count = met.reduce(0) { $0 + groups.documentsByGroup[$1] }
            if count == info.documentFrequency {
                total += count
                amountSumFen += met.reduce(0) { $0 &+ groups.amountsByGroup[$1] }
                groups.documentsByGroup.withUnsafeBufferPointer { counts in
                    groups.amountsByGroup.withUnsafeBufferPointer { sums in
                        _ = Searcher.spread(groups, met: met, counts, sums, entry: entryIndex, into: counters, fields: plan.facets)
                    }
                }
                return true
            }
        }
        let tally = tally(entry: entryIndex, groups: groups)
        var count = 0
        let rows = groups.rows
        bitset.forEachWord { i, word in
            count &+= word.nonzeroBitCount
            var w = word
            while w != 0 {
                tally.add(rows[i << 6 | w.trailingZeroBitCount])
                w &= w &- 1
            }
            return true
        }
        total += count
        return true
    }
}
