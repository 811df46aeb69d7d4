/// Finds a phrase of two terms by walking both terms' postings and positions together, every
/// posting of each, in one loop whose state is a few pointers and numbers: no skips, so it
/// suits two terms of about as many documents (the bigrams of a common 3–4 character word),
/// where a ``PostingsCursor`` pair would decode the same postings with more work per step.
public enum PhrasePairWalk {
    /// Where the walk of one term stands: its next posting and, after a step, the current
    /// document with its positions.
    @usableFromInline
    struct Term {
        @usableFromInline var postings: UnsafePointer<UInt8>
        @usableFromInline var positions: UnsafePointer<UInt8>
        @usableFromInline var doc: UInt32
        @usableFromInline var frequency: UInt32 = 0
        /// Postings not yet decoded.
        @usableFromInline var left: Int

        /// The walk of `info` from the block that may hold `first` (its skip table's), before
        /// that block's first posting.
        @inlinable
        init(_ segment: SegmentReader, _ info: TermInfo, from first: UInt32) {
            let table = SkipTable(segment, info)
            let block = first > 0 ? table.lastBlock(before: first) : 0
            let start = table.start(of: block)
            postings = segment.postings + info.postingsOffset + start.postingsOffset
            positions = segment.positions + info.positionsOffset + start.positionsOffset
            (doc, left) = (start.lastBefore, info.documentFrequency - block * SegmentFormat.postingsBlockSize)
        }

        /// Decodes the next posting, its positions left unread at `positions`; `false` when
        /// there is none.
        @inlinable @inline(__always)
        mutating func step() -> Bool {
            guard left > 0 else { return false }
            left -= 1
            let (delta, frequency, _) = PostingsReader.readPosting(&postings)  // Positions tell the title.
            (doc, self.frequency) = (doc &+ delta, frequency)
            return true
        }

        /// Moves `positions` past the current document's.
        @inlinable @inline(__always)
        mutating func skipPositions() {
            for _ in 0..<frequency { PositionCoding.skip(&positions) }
        }
    }

    /// Calls `body` with each document in `range` that `accepts` where `second` occurs
    /// `distance` positions after an occurrence of `first` at position `firstOffset` or later
    /// of its value (the phrase then starts `firstOffset` before it), in order, with the
    /// phrase's weighted frequency (an occurrence starting in the title counts
    /// ``IndexPosition/titleWeight`` times).
    @inlinable
    public static func forEachMatch(_ segment: SegmentReader, first: TermInfo, second: TermInfo, firstOffset: UInt32, distance: UInt32,
                                    in range: Range<UInt32>, accepting accepts: (UInt32) -> Bool, _ body: (UInt32, Float) -> Void) {
        var a = Term(segment, first, from: range.lowerBound)
        var b = Term(segment, second, from: range.lowerBound)
        guard b.step() else { return }
        while a.step() {
            let doc = a.doc
            if doc >= range.upperBound { return }
            // `b` catches up, its passed documents' positions skipped.
            while b.doc < doc {
                b.skipPositions()
                guard b.step() else { return }
            }
            guard b.doc == doc, doc >= range.lowerBound, accepts(doc) else {
                a.skipPositions()
                continue
            }
            var (count, title): (UInt32, UInt32) = (0, 0)
            if a.frequency == 1, b.frequency == 1 {
                // The usual case: each found once, one comparison.
                let p = PositionCoding.read(after: 0, from: &a.positions)
                let q = PositionCoding.read(after: 0, from: &b.positions)
                if p >= firstOffset, q == p &+ distance { (count, title) = (1, IndexPosition.isTitle(p - firstOffset) ? 1 : 0) }
            } else {
                // Both positions increase: a merge, each read once.
                var (p, q, readB, hasQ): (UInt32, UInt32, UInt32, Bool) = (0, 0, 0, false)
                for _ in 0..<a.frequency {
                    p = PositionCoding.read(after: p, from: &a.positions)
                    guard p >= firstOffset else { continue }
                    let wanted = p &+ distance
                    while !(hasQ && q >= wanted), readB < b.frequency {
                        q = PositionCoding.read(after: q, from: &b.positions)
                        (readB, hasQ) = (readB + 1, true)
                    }
                    if hasQ, q == wanted {
                        count += 1
                        if IndexPosition.isTitle(p - firstOffset) { title += 1 }
                    }
                }
                for _ in readB..<b.frequency { PositionCoding.skip(&b.positions) }
            }
            // `b`'s positions are read; for its next step they must not be skipped again.
            b.frequency = 0
            if count > 0 { body(doc, IndexPosition.weightedFrequency(count, title: title)) }
        }
    }
}
