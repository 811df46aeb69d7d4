/// A builder with its terms put in bytewise order: one part of a segment to write. A batch is
/// inverted in parts on several cores, each part sorted on the core that built it; the
/// segment's writer merges the parts' terms (``TermMerge``), numbering each part's documents
/// after those of the parts before it, so that nothing is copied into one builder and the
/// file is the one a single builder of all the documents would have made.
public struct SegmentPart: Sendable {
    /// The part's builder.
    public let builder: SegmentBuilder
    /// Its term ids, in bytewise order of their terms.
    let order: [Int]

    /// Sorts `builder`'s terms.
    public init(_ builder: SegmentBuilder) {
        self.builder = builder
        order = SegmentWriter.termOrder(builder.termBytes)
    }
}

/// A term's postings in one part of a segment, and the number in the segment of the part's
/// first document.
struct PartPostings {
    /// The term's chain in its part's arena.
    let chain: PostingsArena.Chain
    /// The part's arena's words.
    let words: [UInt32]
    let base: UInt32

    /// The number of the term's documents in the part.
    var documentCount: Int { Int(chain.documentCount) }
}

extension [PartPostings] {
    /// Calls `body` with each document of the term in every part, numbered in the segment, in
    /// order, with its frequency, title frequency and positions.
    @inline(__always)
    func forEachDocument(_ body: (_ doc: UInt32, _ frequency: UInt32, _ titleFrequency: UInt32, _ positions: UnsafeBufferPointer<UInt32>) -> Void) {
        for source in self {
            source.words.withUnsafeBufferPointer { PostingsArena.forEachDocument(of: source.chain, in: $0, from: source.base, body) }
        }
    }
}

/// The terms of a segment's parts, in bytewise order, each with its postings in every part
/// that has it, in the parts' order.
struct TermMerge {
    private let parts: [SegmentPart]
    private let bases: [UInt32]
    /// Per part, the place in its order of its next term.
    private var next: [Int]

    init(_ parts: [SegmentPart]) {
        self.parts = parts
        var bases: [UInt32] = []
        var count: UInt32 = 0
        for part in parts {
            bases.append(count)
            count += UInt32(part.builder.documentCount)
        }
        self.bases = bases
        next = Array(repeating: 0, count: parts.count)
    }

    /// The next term, with its postings put in `sources`; `nil` after the last.
    mutating func next(into sources: inout [PartPostings]) -> [UInt8]? {
        sources.removeAll(keepingCapacity: true)
        var least = -1
        for p in parts.indices where next[p] < parts[p].order.count {
            if least < 0 || SegmentWriter.compare(term(p), term(least)) < 0 { least = p }
        }
        guard least >= 0 else { return nil }
        let bytes = term(least)
        for p in least..<parts.count where next[p] < parts[p].order.count {
            guard p == least || SegmentWriter.compare(term(p), bytes) == 0 else { continue }
            let postings = parts[p].builder.postings
            sources.append(PartPostings(chain: postings.chains[parts[p].order[next[p]]], words: postings.words, base: bases[p]))
            next[p] += 1
        }
        return bytes
    }

    private func term(_ part: Int) -> [UInt8] { parts[part].builder.termBytes[parts[part].order[next[part]]] }
}
