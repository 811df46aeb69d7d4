import GongkaiIndex

/// Finds one phrase word in one segment: documents where every term occurs at its offset
/// from some occurrence of the first. Its terms' postings are walked by ``PostingsCursor``s,
/// which jump whole blocks, and positions are read only for documents holding every term.
///
/// A class that owns its working storage (cursors, positions, counters) as raw buffers: the
/// cursors step millions of times on dense phrases, and an array would check at every step
/// that it is not shared.
final class PhraseMatcher {
    /// The terms' cursors, in the word's term order.
    private let cursors: UnsafeMutableBufferPointer<PostingsCursor>
    /// Term indices, rarest first: the order in which a document is sought.
    private let order: UnsafeMutableBufferPointer<Int>
    /// Per term, its offset from the first term.
    private let offsets: UnsafeMutableBufferPointer<UInt32>
    /// Positions of the current document: term `k`'s at `k * stride`.
    private var positions: UnsafeMutableBufferPointer<UInt32>
    private var stride = PhraseMatcher.initialStride
    /// Room for this many positions per term, at first.
    private static let initialStride = 16
    /// Per term, the number of positions read for the current document, and how far `verify`
    /// has probed them.
    private let counts: UnsafeMutableBufferPointer<Int>
    private let probes: UnsafeMutableBufferPointer<Int>
    /// Whether some term has no document left: no later document can match.
    private(set) var isExhausted = false
    /// For two terms in about as many documents, their postings (in term order), walked
    /// together by ``all(in:accepting:)`` (``PhrasePairWalk``).
    private let walkedPair: (SegmentReader, TermInfo, TermInfo)?
    /// Two terms are walked together when neither lists more than this many times the
    /// documents of the other: the walk decodes every posting of both, where cursors skip.
    private static let walkedPairRatio = 4

    /// The documents of the rarest term: at least as many as the phrase matches.
    var bound: Int { cursors[order[0]].count }

    /// A matcher for a word's `terms` found in `segment` (`infos`, in the same order), or for
    /// those of them at the offsets `cover` lists (``PhraseCover``); `nil` when a term does not
    /// occur there (its info is `nil`).
    init?(_ infos: ArraySlice<TermInfo?>, terms: [QueryWord.IndexTerm], cover: [Int]? = nil, in segment: SegmentReader) {
        let n = cover?.count ?? terms.count
        @inline(__always) func term(_ k: Int) -> Int { cover?[k] ?? k }
        for k in 0..<n where infos[infos.startIndex + term(k)] == nil { return nil }
        // The per-term storage in one allocation: cursors, then order, counts and probes,
        // then offsets (largest alignment first). PostingsCursor holds only pointers and
        // numbers: raw storage needs no deinitialising.
        let intBytes = MemoryLayout<Int>.stride * n
        let cursorBytes = MemoryLayout<PostingsCursor>.stride * n
        let storage = UnsafeMutableRawPointer.allocate(byteCount: cursorBytes + 3 * intBytes + MemoryLayout<UInt32>.stride * n,
                                                       alignment: max(MemoryLayout<PostingsCursor>.alignment, MemoryLayout<Int>.alignment))
        cursors = UnsafeMutableBufferPointer(start: storage.bindMemory(to: PostingsCursor.self, capacity: n), count: n)
        order = UnsafeMutableBufferPointer(start: (storage + cursorBytes).bindMemory(to: Int.self, capacity: n), count: n)
        counts = UnsafeMutableBufferPointer(start: (storage + cursorBytes + intBytes).bindMemory(to: Int.self, capacity: n), count: n)
        probes = UnsafeMutableBufferPointer(start: (storage + cursorBytes + 2 * intBytes).bindMemory(to: Int.self, capacity: n), count: n)
        offsets = UnsafeMutableBufferPointer(start: (storage + cursorBytes + 3 * intBytes).bindMemory(to: UInt32.self, capacity: n), count: n)
        for k in 0..<n {
            (cursors.baseAddress! + k).initialize(to: PostingsCursor(segment, infos[infos.startIndex + term(k)]!))
            offsets[k] = terms[term(k)].offset
            // Rarest first, by insertion (a few terms).
            var i = k
            while i > 0, cursors[order[i - 1]].count > cursors[k].count {
                order[i] = order[i - 1]
                i -= 1
            }
            order[i] = k
        }
        positions = .allocate(capacity: n * Self.initialStride)
        if n == 2, let first = infos[infos.startIndex + term(0)], let second = infos[infos.startIndex + term(1)],
           max(first.documentFrequency, second.documentFrequency) <= Self.walkedPairRatio * min(first.documentFrequency, second.documentFrequency) {
            walkedPair = (segment, first, second)
        } else {
            walkedPair = nil
        }
    }

    deinit {
        UnsafeMutableRawPointer(cursors.baseAddress!).deallocate()
        positions.deallocate()
    }

    /// The phrase's weighted frequency in `doc`, 0 when it does not occur there. Documents
    /// asked about must increase.
    @inline(__always)
    func frequency(in doc: UInt32) -> Float {
        for k in order {
            guard cursors[k].advance(to: doc) else {
                isExhausted = true
                return 0
            }
            if cursors[k].doc != doc { return 0 }
        }
        return cursors.count == 2 ? verifyPair() : verify()
    }

    /// The documents of `candidates` (increasing) where the phrase occurs, with its weighted
    /// frequency in each: the phrase asked about a filter's documents, in one loop here
    /// rather than a call per candidate.
    func matches(among candidates: [UInt32]) -> DocumentMatches {
        Self.matches(bound: candidates.count) { record in
            for doc in candidates {
                let frequency = frequency(in: doc)
                if isExhausted { break }
                record(doc, frequency)
            }
        }
    }

    /// Every match in `range` (all by default) that `accepts`, leapfrogging the cursors: the
    /// rarest term proposes a document, any term that lacks it proposes the next one. A
    /// document is asked `accepts` (a cheap test: liveness, filters) as soon as the rarest
    /// term proposes it, before the other terms' cursors move to it and before its positions
    /// are read.
    func all(in range: Range<UInt32> = 0..<UInt32.max, accepting accepts: (UInt32) -> Bool = { _ in true }) -> DocumentMatches {
        if let (segment, first, second) = walkedPair {
            let (firstOffset, distance) = (offsets[0], offsets[1] - offsets[0])
            return Self.matches(bound: bound) { record in
                PhrasePairWalk.forEachMatch(segment, first: first, second: second, firstOffset: firstOffset, distance: distance,
                                            in: range, accepting: accepts, record)
            }
        }
        let lead = order[0]
        let rest = UnsafeMutableBufferPointer(rebasing: order[1...])
        var target = range.lowerBound
        // Decided once, in a local: a helper testing `cursors.count` per match cost 耕地地力 7 %.
        let isPair = cursors.count == 2
        return Self.matches(bound: bound) { record in
            search: while cursors[lead].advance(to: target) {
                var doc = cursors[lead].doc
                if doc >= range.upperBound { break }
                if accepts(doc) {
                    for k in rest {
                        guard cursors[k].advance(to: doc) else { break search }
                        if cursors[k].doc != doc {
                            doc = cursors[k].doc
                            target = doc
                            continue search
                        }
                    }
                    record(doc, isPair ? verifyPair() : verify())
                }
                if doc == UInt32.max { break }
                target = doc + 1
            }
        }
    }

    /// The matches `search` records (a document and its weighted frequency, 0 for none),
    /// written into storage for `bound` of them: no capacity or uniqueness check per match.
    @inline(__always)
    private static func matches(bound: Int, _ search: (_ record: (UInt32, Float) -> Void) -> Void) -> DocumentMatches {
        var result = DocumentMatches()
        var found = 0
        // Through ``Array/init(capacity:filler:writing:)``: a rare phrase's few matches are
        // stored without the run-time look-up of the arrays' storage type.
        result.documents = [UInt32](capacity: bound, filler: 0) { docs in
            result.weightedFrequencies = [Float](capacity: bound, filler: 0) { frequencies in
                search { doc, frequency in
                    guard frequency > 0 else { return }
                    docs[found] = doc
                    frequencies[found] = frequency
                    found += 1
                }
                return found
            }
            return found
        }
        return result
    }

    /// ``verify()`` for a phrase of two terms (the cover of a 3–4 character word): when each
    /// is found once, by one comparison. A function of its own, small, apart from the general
    /// check's larger one.
    @inline(never)
    private func verifyPair() -> Float {
        guard cursors[0].frequency == 1, cursors[1].frequency == 1 else { return verify() }
        let p = cursors[0].onlyPosition()
        let q = cursors[1].onlyPosition()
        guard p >= offsets[0], q == p - offsets[0] &+ offsets[1] else { return 0 }
        return IndexPosition.weightedFrequency(1, title: IndexPosition.isTitle(p - offsets[0]) ? 1 : 0)
    }

    /// The weighted frequency of the phrase in the document every cursor is on. The usual
    /// case, the first term found once, is decided here, before the general check (out of
    /// line): that occurrence fixes the only place the phrase can start.
    @inline(__always)
    private func verify() -> Float {
        guard cursors[0].frequency == 1 else { return verifyPositions() }
        let p = cursors[0].onlyPosition()
        guard p >= offsets[0] else { return 0 }
        let start = p - offsets[0]
        // Through moving pointers: no index arithmetic or reload per term.
        var (cursor, offset, end) = (cursors.baseAddress! + 1, offsets.baseAddress! + 1, cursors.baseAddress! + cursors.count)
        while cursor < end {
            let wanted = start &+ offset.pointee
            let found = cursor.pointee.frequency == 1 ? cursor.pointee.onlyPosition() == wanted : cursor.pointee.hasPosition(wanted)
            if !found { return 0 }
            (cursor, offset) = (cursor + 1, offset + 1)
        }
        return IndexPosition.weightedFrequency(1, title: IndexPosition.isTitle(start) ? 1 : 0)
    }

    /// ``verify()`` when the first term occurs more than once.
    private func verifyPositions() -> Float {
        // A term found once fixes the only place the phrase can start: each other term is
        // then looked for at one position (a term found once is compared).
        for a in 0..<cursors.count where cursors[a].frequency == 1 {
            let p = cursors[a].onlyPosition()
            guard p >= offsets[a] else { return 0 }
            let start = p - offsets[a]
            for k in 0..<cursors.count where k != a {
                let wanted = start &+ offsets[k]
                let found = cursors[k].frequency == 1 ? cursors[k].onlyPosition() == wanted : cursors[k].hasPosition(wanted)
                if !found { return 0 }
            }
            return IndexPosition.weightedFrequency(1, title: IndexPosition.isTitle(start) ? 1 : 0)
        }
        var most: UInt32 = 0
        for k in cursors.indices { most = max(most, cursors[k].frequency) }
        if Int(most) > stride {
            stride = Int(most)
            positions.deallocate()
            positions = .allocate(capacity: cursors.count * stride)
        }
        let termCount = cursors.count
        for k in 0..<termCount { probes[k] = 0 }
        let base = positions.baseAddress!
        for k in 0..<termCount { counts[k] = cursors[k].positions(writingTo: base + k * stride) }
        var frequency: UInt32 = 0
        var titleFrequency: UInt32 = 0
        // Positions increase, and so do the wanted ones: one forward probe per term makes
        // the check a merge, O(sum of frequencies).
        candidates: for i in 0..<counts[0] {
            let p = base[i]
            for k in 1..<termCount {
                let wanted = p &+ offsets[k]
                let row = base + k * stride
                var j = probes[k]
                while j < counts[k], row[j] < wanted { j += 1 }
                probes[k] = j
                if j == counts[k] || row[j] != wanted { continue candidates }
            }
            frequency += 1
            if IndexPosition.isTitle(p) { titleFrequency += 1 }
        }
        return IndexPosition.weightedFrequency(frequency, title: titleFrequency)
    }
}
