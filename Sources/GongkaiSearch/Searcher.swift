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

    /// A searcher over `snapshot`.
    public init(snapshot: IndexSnapshot) { self.snapshot = snapshot }

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
        var wordMatches: [[DocumentMatches]] = entries.map { e in query.words.map { WordMatcher.matches($0, in: e.reader) } }
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
            var ranges: [(column: UnsafeBufferPointer<Int64>?, narrow: UnsafeBufferPointer<Int32>?, lower: Int64, upper: Int64)] = []
            var empty = false
            for filter in query.filters {
                switch filter {
                case .exact(let term):
                    if let info = segment.termInfo(term) { lists.append(PostingsReader.documents(segment, info)) } else { empty = true }
                case .range(let field, let lower, let upper):
                    switch field {
                    case "amount": ranges.append((segment.amounts, nil, lower, upper))
                    case "year": ranges.append((nil, segment.years, lower, upper))
                    default: ranges.append((nil, segment.dates, lower, upper))
                    }
                }
            }
            if empty || lists.contains(where: \.isEmpty) { continue }
            for c in counters.indices { counters[c].begin(segment) }
            let amounts = segment.amounts
            let lengths = segment.documentLengths
            let wordCount = query.words.count

            func collect(_ doc: UInt32, score: Float) {
                for r in ranges {
                    let v: Int64
                    if let column = r.column {
                        v = column[Int(doc)]
                        if v < 0 { return }
                    } else {
                        let n = r.narrow![Int(doc)]
                        if n == Int32.min { return }
                        v = Int64(n)
                    }
                    if v < r.lower || v > r.upper { return }
                }
                let amount = max(amounts[Int(doc)], 0)
                outcome.total += 1
                outcome.amountSumFen += amount
                for c in counters.indices { counters[c].add(doc, amount: amount) }
                let key: Int64
                switch sort {
                case .relevance: key = 0
                case .date: key = Int64(segment.dates[Int(doc)])
                case .amount: key = amounts[Int(doc)]
                }
                top.offer(ScoredDocument(entry: entryIndex, doc: doc, score: score, key: key))
            }

            if lists.isEmpty {
                for doc in 0..<UInt32(segment.documentCount) where entry.live.isLive(doc) { collect(doc, score: 0) }
            } else {
                let rows = DocumentSets.intersect(lists)
                let driver = lists[0]
                for r in rows[0].indices {
                    let doc = driver[rows[0][r]]
                    guard entry.live.isLive(doc) else { continue }
                    var score: Float = 0
                    for w in 0..<wordCount {
                        let frequency = wordMatches[entryIndex][w].weightedFrequencies[rows[w][r]]
                        score += bm25.score(idf: idf[w], frequency: frequency, length: lengths[Int(doc)])
                    }
                    collect(doc, score: score)
                }
            }
            for c in counters.indices { counters[c].end(segment) }
            wordMatches[entryIndex] = []
        }
        let ranked = top.sorted()
        outcome.page = offset < ranked.count ? Array(ranked[offset...]) : []
        outcome.facets = counters.map { $0.facet() }
        return outcome
    }
}
