import GongkaiIndex

/// The documents of one segment that every word and every filter of a query accept, with each
/// word's weighted frequency in each, found by walking the shortest source and probing the
/// others.
///
/// Sources: a term word is its postings (decoded only when it is the shortest; probed through
/// a ``PostingsCursor`` that jumps blocks otherwise); a phrase word is a ``PhraseMatcher``
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

    /// Matching documents, increasing.
    var documents: [UInt32] = []
    /// The words' weighted frequencies, a row per matching document: word `w` of document
    /// number `i` is at `i * words.count + w` (one flat array grows cheaper than one per word).
    var weights: [Float] = []

    /// Finds the documents of `segment` in `range` (all by default) accepted by every word in
    /// `words` and by `filters`.
    init(words: [WordSource], filters: SegmentFilters, segment: SegmentReader, live: LiveDocuments,
         within range: Range<UInt32> = 0..<UInt32.max) {
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
                let m = live.deletedCount == 0 && !filters.hasTests
                    ? matcher.all(in: range)
                    : matcher.all(in: range) { (live.deletedCount == 0 || live.isLive($0)) && filters.passes($0) }
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
        for (w, source) in words.enumerated() where w != driverWord {
            switch source {
            case .term(let info): cursors.append(WordCursor(word: w, cursor: PostingsCursor(segment, info)))
            case .phrase(let matcher): phrases.append(WordPhrase(word: w, matcher: .passUnretained(matcher)))
            }
        }
        for (i, list) in filters.lists.enumerated() where i != driverList { arrays.append(ListProbe(docs: list)) }
        // Shorter arrays first: they reject more candidates per probe.
        arrays.sort { $0.docs.count < $1.docs.count }
        cursors.sort { $0.cursor.count < $1.cursor.count }
        phrases.sort { $0.matcher.takeUnretainedValue().bound < $1.matcher.takeUnretainedValue().bound }
        var phraseWeights = [Float](repeating: 0, count: phrases.count)

        if arrays.isEmpty, cursors.isEmpty, phrases.isEmpty {
            // Only per-document tests: a column at a time over the driver.
            documents = driver
            filters.retainPassing(&documents, weights: &driverWeights, live: live)
            weights = driverWeights
            return
        }
        if let driving = driverWord, words.count == 2, arrays.isEmpty, phrases.isEmpty, !tests, !checksLive {
            probe(driver, driverWeights, word: driving, with: cursors[0])
            return
        }
        // The candidates are probed in place (the cursors, the lists' places, the phrases'
        // weights: no copy-on-write check per step), and the matches written into storage
        // sized for every driver document.
        let n = words.count
        let driving = driverWord
        var found = 0
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

    /// The matches of two words: the documents of the driver (word `driving`, weighted
    /// frequencies `driverWeights`) that the other word's cursor finds. The cursor is a
    /// local, whose state stays in registers from one document to the next (in an array it
    /// was loaded and stored at every step).
    private mutating func probe(_ driver: [UInt32], _ driverWeights: [Float], word driving: Int, with probed: WordCursor) {
        var cursor = probed.cursor
        var found = 0
        documents = [UInt32](unsafeUninitializedCapacity: driver.count) { docs, docCount in
            weights = [Float](unsafeUninitializedCapacity: driver.count * 2) { rows, rowCount in
                for (d, doc) in driver.enumerated() {
                    guard cursor.advance(to: doc) else { break }
                    guard cursor.doc == doc else { continue }
                    docs[found] = doc
                    rows[2 * found + driving] = driverWeights[d]
                    rows[2 * found + probed.word] = cursor.weightedFrequency
                    found += 1
                }
                rowCount = 2 * found
            }
            docCount = found
        }
    }
}
