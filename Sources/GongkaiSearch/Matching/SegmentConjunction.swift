import GongkaiIndex

/// The documents of one segment that every word and every filter of a query accept, with each
/// word's weighted frequency in each, found by walking the shortest source and probing the
/// others.
///
/// Sources: a term word is its postings (decoded only when it is the shortest; probed through
/// a ``PostingsCursor`` that jumps blocks otherwise, after a test of the term's bitset when its
/// summary has one; by that test alone, its frequency left out, when the caller bounds it:
/// ``unweighted``); a phrase word is a ``PhraseMatcher``
/// (all its matches when it is the shortest, else asked document by document); an exact
/// filter is a decoded list or an ordinal test (``SegmentFilters``); ranges and deletions are
/// column and bitset tests.
struct SegmentConjunction {
    /// How one word is present in the segment.
    enum WordSource {
        /// A term word: its postings.
        case term(TermInfo)
        /// A phrase word.
        case phrase(PhraseMatcher)

        /// At least as many documents as the word matches in the segment.
        var bound: Int {
            switch self {
            case .term(let info): return info.documentFrequency
            case .phrase(let matcher): return matcher.bound
            }
        }
    }

    // Named structs, not tuples: an array of tuples looks its type up at run time.
    private struct WordCursor {
        let word: Int
        var cursor: PostingsCursor
    }
    /// A phrase word, its matcher held unretained: `words` keeps it alive while the
    /// conjunction runs, and a retained reference cost a retain and a release per candidate.
    private struct WordPhrase {
        let word: Int
        let matcher: Unmanaged<PhraseMatcher>
    }
    private struct ListProbe {
        let docs: [UInt32]
        var at = 0
    }

    /// The weight recorded for a word found by its bitset alone (``unweighted``).
    static let unknownWeight = Float.nan

    /// Matching documents, increasing.
    var documents: [UInt32] = []
    /// The words' weighted frequencies, a row per matching document: word `w` of document
    /// number `i` is at `i * words.count + w` (one flat array grows cheaper than one per word);
    /// ``unknownWeight`` for the words in ``unweighted``.
    var weights: [Float] = []
    /// The words found by their bitsets alone, increasing: their weights are unknown.
    var unweighted: [Int] = []

    /// Finds the documents of `segment` in `range` (all by default) accepted by every word in
    /// `words` and by `filters`. With `boundsWeights`, the caller needs no weight of a term
    /// word whose bitset decides it (it bounds the word's score, and reads the frequency of
    /// the few documents that may reach its page): such a word is not stepped through.
    init(words: [WordSource], filters: SegmentFilters, segment: SegmentReader, live: LiveDocuments,
         within range: Range<UInt32> = 0..<UInt32.max, boundsWeights: Bool = false) {
        // The shortest source drives.
        var driverWord: Int?
        var driverList: Int?
        var shortest = Int.max
        for (w, source) in words.enumerated() where source.bound < shortest {
            shortest = source.bound
            driverWord = w
        }
        for (i, list) in filters.lists.enumerated() where list.count < shortest {
            shortest = list.count
            driverWord = nil
            driverList = i
        }
        if boundsWeights, words.count > 1, let w = driverWord, case .term(let info) = words[w], filters.lists.isEmpty, !filters.hasTests,
           live.deletedCount == 0, let bitsets = Self.bitsets(of: words, except: w, in: segment) {
            unweighted = words.indices.filter { $0 != w }
            probe(info, word: w, count: words.count, in: segment, within: range, with: bitsets)
            return
        }
        var driverWeights: [Float] = []
        let driver: [UInt32]
        // Whether the driver's documents are known live and passing the per-document tests.
        var driverPassed = false
        if let w = driverWord {
            switch words[w] {
            case .term(let info):
                var docs: [UInt32] = []
                PostingsReader.decodeWeighted(segment, info, in: range, documents: &docs, weightedFrequencies: &driverWeights)
                driver = docs
            case .phrase(let matcher):
                // The per-document tests run before the positions are read: a filtered-out
                // document costs no phrase check.
                let m: DocumentMatches
                if live.deletedCount == 0, !filters.hasTests {
                    m = matcher.all(in: range)
                } else if live.deletedCount == 0, let bitset = filters.onlyBitset {
                    // The usual test, one common exact value: a bit, with no loop over the
                    // other (empty) kinds of test at each document the phrase proposes.
                    m = matcher.all(in: range) { bitset.contains($0) }
                } else {
                    m = matcher.all(in: range) { (live.deletedCount == 0 || live.isLive($0)) && filters.passes($0) }
                }
                driver = m.documents
                driverWeights = m.weightedFrequencies
                driverPassed = true
            }
        } else if let i = driverList {
            let list = filters.lists[i]
            if range.lowerBound == 0, range.upperBound >= UInt32(segment.documentCount) {
                driver = list
            } else {
                let from = DocumentSets.advance(list, from: 0, to: range.lowerBound)
                driver = Array(list[from..<DocumentSets.advance(list, from: from, to: range.upperBound)])
            }
        } else {
            driver = Array(range.clamped(to: 0..<UInt32(segment.documentCount)))
        }

        let tests = filters.hasTests && !driverPassed
        let checksLive = live.deletedCount > 0 && !driverPassed
        let simple = words.count == (driverWord == nil ? 0 : 1) && filters.lists.count == (driverList == nil ? 0 : 1)
            && !tests && !checksLive
        if simple {
            // The driver is the answer as it is.
            documents = driver
            if driverWord != nil { weights = driverWeights }
            return
        }

        var cursors: [WordCursor] = []
        var phrases: [WordPhrase] = []
        var arrays: [ListProbe] = []
        // Bitsets are tested before any cursor steps: a test is a load, a step decodes.
        var bitsets: [DocumentBitset] = []
        for (w, source) in words.enumerated() where w != driverWord {
            switch source {
            case .term(let info):
                if let bitset = segment.summaries.summary(info)?.bitset {
                    bitsets.append(bitset)
                    if boundsWeights {
                        unweighted.append(w)
                        continue
                    }
                }
                cursors.append(WordCursor(word: w, cursor: PostingsCursor(segment, info)))
            case .phrase(let matcher): phrases.append(WordPhrase(word: w, matcher: .passUnretained(matcher)))
            }
        }
        for (i, list) in filters.lists.enumerated() where i != driverList { arrays.append(ListProbe(docs: list)) }
        // Shorter arrays first: they reject more candidates per probe.
        arrays.sort { $0.docs.count < $1.docs.count }
        cursors.sort { $0.cursor.count < $1.cursor.count }
        phrases.sort { $0.matcher.takeUnretainedValue().bound < $1.matcher.takeUnretainedValue().bound }
        var phraseWeights = [Float](repeating: 0, count: phrases.count)

        if arrays.isEmpty, cursors.isEmpty, phrases.isEmpty, bitsets.isEmpty {
            // Only per-document tests: a column at a time over the driver.
            documents = driver
            filters.retainPassing(&documents, weights: &driverWeights, live: live)
            weights = driverWeights
            return
        }
        if let driving = driverWord, words.count == 2, cursors.count == 1, bitsets.isEmpty, arrays.isEmpty, phrases.isEmpty, !tests, !checksLive {
            probe(driver, driverWeights, word: driving, with: cursors[0])
            return
        }
        if let driving = driverWord, words.count == 3, cursors.count == 2, bitsets.isEmpty, arrays.isEmpty, phrases.isEmpty, !tests, !checksLive {
            probe(driver, driverWeights, word: driving, with: cursors[0], and: cursors[1])
            return
        }
        if driverWord == nil, words.count == 1, phrases.count == 1, cursors.isEmpty, arrays.isEmpty, bitsets.isEmpty, !tests, !checksLive {
            // One phrase asked about a filter's documents, the usual case of a phrase with a
            // common filter: its own loop, with no per-candidate test of empty lists.
            let m = phrases[0].matcher.takeUnretainedValue().matches(among: driver)
            (documents, weights) = (m.documents, m.weightedFrequencies)
            return
        }
        // The candidates are probed in place (the cursors, the lists' places, the phrases'
        // weights: no copy-on-write check per step), and the matches written into storage
        // sized for every driver document.
        let n = words.count
        let driving = driverWord
        var found = 0
        let (unweighted, testsBitsets) = (self.unweighted, !bitsets.isEmpty)
        cursors.withUnsafeMutableBufferPointer { cursors in
            arrays.withUnsafeMutableBufferPointer { arrays in
                phrases.withUnsafeBufferPointer { phrases in
                    phraseWeights.withUnsafeMutableBufferPointer { phraseWeights in
                        documents = [UInt32](unsafeUninitializedCapacity: driver.count) { docs, docCount in
                            weights = [Float](unsafeUninitializedCapacity: driver.count * n) { rows, rowCount in
                                candidates: for (d, doc) in driver.enumerated() {
                                    guard !checksLive || live.isLive(doc), !tests || filters.passes(doc) else { continue }
                                    for a in arrays.indices {
                                        let at = DocumentSets.advance(arrays[a].docs, from: arrays[a].at, to: doc)
                                        arrays[a].at = at
                                        if at == arrays[a].docs.count { break candidates }
                                        if arrays[a].docs[at] != doc { continue candidates }
                                    }
                                    if testsBitsets { for bitset in bitsets where !bitset.contains(doc) { continue candidates } }
                                    for c in cursors.indices {
                                        guard cursors[c].cursor.advance(to: doc) else { break candidates }
                                        if cursors[c].cursor.doc != doc { continue candidates }
                                    }
                                    // Phrases last: their positions are the dearest test.
                                    for p in phrases.indices {
                                        let (weight, exhausted) = phrases[p].matcher._withUnsafeGuaranteedRef { ($0.frequency(in: doc), $0.isExhausted) }
                                        if exhausted { break candidates }
                                        if weight == 0 { continue candidates }
                                        phraseWeights[p] = weight
                                    }
                                    docs[found] = doc
                                    let row = found * n
                                    if let driving { rows[row + driving] = driverWeights[d] }
                                    for c in cursors.indices { rows[row + cursors[c].word] = cursors[c].cursor.weightedFrequency }
                                    for p in phrases.indices { rows[row + phrases[p].word] = phraseWeights[p] }
                                    if testsBitsets { for w in unweighted { rows[row + w] = Self.unknownWeight } }
                                    found += 1
                                }
                                rowCount = found * n
                            }
                            docCount = found
                        }
                    }
                }
            }
        }
    }

    /// The bitsets of every word but `driver` in `segment`, in word order; `nil` unless each is
    /// a term word with one.
    private static func bitsets(of words: [WordSource], except driver: Int, in segment: SegmentReader) -> [DocumentBitset]? {
        var bitsets: [DocumentBitset] = []
        for (w, source) in words.enumerated() where w != driver {
            guard case .term(let info) = source, let bitset = segment.summaries.summary(info)?.bitset else { return nil }
            bitsets.append(bitset)
        }
        return bitsets
    }

    /// The matches of a term word driving (word `driving` of `count`, postings `info`) and
    /// words found by their bitsets alone (``unweighted``): the driver's documents in `range`
    /// every bitset lists, tested as the postings are decoded, with no list of them between.
    private mutating func probe(_ info: TermInfo, word driving: Int, count n: Int, in segment: SegmentReader, within range: Range<UInt32>,
                                with bitsets: [DocumentBitset]) {
        let (first, rest, unweighted, capacity) = (bitsets[0], bitsets.dropFirst(), self.unweighted, info.documentFrequency)
        documents = [UInt32](unsafeUninitializedCapacity: capacity) { docs, docCount in
            weights = [Float](unsafeUninitializedCapacity: capacity * n) { rows, rowCount in
                // Rows are written through a moving pointer: no multiplication or overflow
                // check per document.
                var (found, row) = (0, rows.baseAddress!)
                if rest.isEmpty {
                    // Two words, the usual case: no loop over the others per document.
                    let other = unweighted[0]
                    PostingsReader.forEachPosting(segment, info, in: range) { doc, weight in
                        guard first.contains(doc) else { return }
                        docs[found] = doc
                        row[driving] = weight
                        row[other] = Self.unknownWeight
                        row += 2
                        found += 1
                    }
                } else {
                    PostingsReader.forEachPosting(segment, info, in: range) { doc, weight in
                        guard first.contains(doc) else { return }
                        for bitset in rest where !bitset.contains(doc) { return }
                        docs[found] = doc
                        row[driving] = weight
                        for w in unweighted { row[w] = Self.unknownWeight }
                        row += n
                        found += 1
                    }
                }
                rowCount = found * n
                docCount = found
            }
        }
    }

    /// The matches of two words: the documents of the driver (word `driving`, weighted
    /// frequencies `driverWeights`) that the other word's cursor finds.
    private mutating func probe(_ driver: [UInt32], _ driverWeights: [Float], word driving: Int, with probed: WordCursor) {
        var test = OneCursorTest(cursor: probed.cursor, word: probed.word)
        probe(driver, driverWeights, words: 2, word: driving, &test)
    }

    /// The matches of three words: the driver's documents (word `driving`, weighted
    /// frequencies `driverWeights`) that both other words' cursors find. A test of its own:
    /// a test per document of whether there is a second cursor made the two-word loop slower.
    private mutating func probe(_ driver: [UInt32], _ driverWeights: [Float], word driving: Int, with probed: WordCursor, and other: WordCursor) {
        var test = TwoCursorTest(first: OneCursorTest(cursor: probed.cursor, word: probed.word),
                                 second: OneCursorTest(cursor: other.cursor, word: other.word))
        probe(driver, driverWeights, words: 3, word: driving, &test)
    }

    /// The driver's documents (word `driving` of `n`, weighted frequencies `driverWeights`)
    /// that `test` accepts, each with its row of weights: the driver's, and those `test`
    /// writes. Generic, so that each test's cursors are specialised into the loop; matches
    /// are written through moving pointers, with no multiplication or overflow check per
    /// document.
    private mutating func probe<Test: CandidateTest>(_ driver: [UInt32], _ driverWeights: [Float], words n: Int, word driving: Int,
                                                     _ test: inout Test) {
        guard !driver.isEmpty else { return }  // Else the buffers below may have no address.
        let count = driver.count
        documents = [UInt32](unsafeUninitializedCapacity: count) { docs, docCount in
            weights = [Float](unsafeUninitializedCapacity: count * n) { rows, rowCount in
                var (doc, row) = (docs.baseAddress!, rows.baseAddress!)
                driver.withUnsafeBufferPointer { driver in
                    driverWeights.withUnsafeBufferPointer { driverWeights in
                        for d in 0..<count {
                            let candidate = driver[d]
                            guard let accepted = test.accepts(candidate, row: row) else { break }
                            guard accepted else { continue }
                            doc.pointee = candidate
                            row[driving] = driverWeights[d]
                            doc += 1
                            row += n
                        }
                    }
                }
                docCount = doc - docs.baseAddress!
                rowCount = row - rows.baseAddress!
            }
        }
    }
}

/// A test of a driver's candidate documents in ``SegmentConjunction``.
private protocol CandidateTest {
    /// Whether document `doc` (increasing from call to call) matches, writing its weights into
    /// `row` when it does; `nil` when no later document can.
    mutating func accepts(_ doc: UInt32, row: UnsafeMutablePointer<Float>) -> Bool?
}

/// One other word's cursor finds the document.
private struct OneCursorTest: CandidateTest {
    var cursor: PostingsCursor
    let word: Int

    @inline(__always)
    mutating func accepts(_ doc: UInt32, row: UnsafeMutablePointer<Float>) -> Bool? {
        guard cursor.advance(to: doc) else { return nil }
        guard cursor.doc == doc else { return false }
        row[word] = cursor.weightedFrequency
        return true
    }
}

/// Two other words' cursors find the document.
private struct TwoCursorTest: CandidateTest {
    var first: OneCursorTest
    var second: OneCursorTest

    @inline(__always)
    mutating func accepts(_ doc: UInt32, row: UnsafeMutablePointer<Float>) -> Bool? {
        let accepted = first.accepts(doc, row: row)
        guard accepted == true else { return accepted }
        return second.accepts(doc, row: row)
    }
}
