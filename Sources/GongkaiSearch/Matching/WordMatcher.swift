import GongkaiIndex

/// Finds the documents of one segment that match one ``QueryWord``.
enum WordMatcher {
    /// The matches of `word` in `segment`.
    static func matches(_ word: QueryWord, in segment: SegmentReader) -> DocumentMatches {
        switch word.plan {
        case .term(let term):
            guard let info = segment.termInfo(term) else { return DocumentMatches() }
            var result = DocumentMatches()
            PostingsReader.decodeWeighted(segment, info, documents: &result.documents, weightedFrequencies: &result.weightedFrequencies)
            return result
        case .phrase(let terms):
            return phraseMatches(terms, in: segment)
        }
    }

    /// Documents where every term occurs at its offset from some occurrence of the first.
    ///
    /// The rarest term leads: each of its documents is sought in the other terms' postings
    /// (rarest first), which jump whole blocks through their skip tables, so a common term
    /// is decoded only around the documents sought in it; positions are read only for
    /// documents that hold every term.
    static func phraseMatches(_ terms: [(term: [UInt8], offset: UInt32)], in segment: SegmentReader) -> DocumentMatches {
        var infos: [TermInfo] = []
        for t in terms {
            guard let info = segment.termInfo(t.term) else { return DocumentMatches() }
            infos.append(info)
        }
        var cursors = infos.map { PostingsCursor(segment, $0) }
        let order = terms.indices.sorted { infos[$0].documentFrequency < infos[$1].documentFrequency }
        let lead = order[0]
        var result = DocumentMatches()
        var positions = [[UInt32]](repeating: [UInt32](repeating: 0, count: 16), count: terms.count)
        var counts = [Int](repeating: 0, count: terms.count)
        var probes = [Int](repeating: 0, count: terms.count)
        let offsets = terms.map(\.offset)
        var target: UInt32 = 0
        search: while cursors[lead].advance(to: target) {
            var doc = cursors[lead].doc
            // Leapfrog: every cursor onto one document, or a later target for the lead.
            for k in order.dropFirst() {
                guard cursors[k].advance(to: doc) else { break search }
                if cursors[k].doc != doc {
                    doc = cursors[k].doc
                    target = doc
                    continue search
                }
            }
            target = doc &+ 1
            for k in terms.indices { counts[k] = cursors[k].positions(into: &positions[k]) }
            var frequency: UInt32 = 0
            var titleFrequency: UInt32 = 0
            // Positions increase, and so do the wanted ones: one forward cursor per term makes
            // the check a merge, O(sum of frequencies).
            for k in terms.indices { probes[k] = 0 }
            candidates: for i in 0..<counts[0] {
                let p = positions[0][i]
                for k in 1..<terms.count {
                    let wanted = p &+ offsets[k]
                    var j = probes[k]
                    while j < counts[k], positions[k][j] < wanted { j += 1 }
                    probes[k] = j
                    if j == counts[k] || positions[k][j] != wanted { continue candidates }
                }
                frequency += 1
                if IndexPosition.isTitle(p) { titleFrequency += 1 }
            }
            if frequency > 0 {
                result.documents.append(doc)
                result.weightedFrequencies.append(IndexPosition.weightedFrequency(frequency, title: titleFrequency))
            }
            if doc == UInt32.max { break }
        }
        return result
    }
}
