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
    static func phraseMatches(_ terms: [(term: [UInt8], offset: UInt32)], in segment: SegmentReader) -> DocumentMatches {
        var infos: [TermInfo] = []
        for t in terms {
            guard let info = segment.termInfo(t.term) else { return DocumentMatches() }
            infos.append(info)
        }
        let lists = infos.map { PostingsReader.decode(segment, $0) }
        var cursors = zip(infos, lists).map { PositionsCursor(segment, $0, $1) }
        let rows = DocumentSets.intersect(lists.map(\.documents))
        var result = DocumentMatches()
        guard let count = rows.first?.count else { return result }
        var positions = [[UInt32]](repeating: [UInt32](repeating: 0, count: 16), count: terms.count)
        var counts = [Int](repeating: 0, count: terms.count)
        var probes = [Int](repeating: 0, count: terms.count)
        let offsets = terms.map(\.offset)
        for r in 0..<count {
            for k in terms.indices { counts[k] = cursors[k].positions(at: rows[k][r], into: &positions[k]) }
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
                result.documents.append(lists[0].documents[rows[0][r]])
                result.weightedFrequencies.append(Float(frequency + (IndexPosition.titleWeight - 1) * titleFrequency))
            }
        }
        return result
    }
}
