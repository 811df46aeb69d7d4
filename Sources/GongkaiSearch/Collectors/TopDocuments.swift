/// A document on its way to the page: where it is and what it is ordered by.
public struct ScoredDocument: Sendable {
    /// The index of its segment in the snapshot.
    public var entry: Int
    /// Its document id in that segment.
    public var doc: UInt32
    /// Its BM25 score.
    public var score: Float
    /// The sort value for date or amount order (unused for relevance).
    public var key: Int64
}

/// Keeps the best `capacity` documents seen, in a binary heap whose root is the worst kept.
/// - Complexity: O(log capacity) per offered document.
struct TopDocuments {
    let capacity: Int
    let byKey: Bool
    private(set) var heap: [ScoredDocument] = []

    init(capacity: Int, byKey: Bool) {
        self.capacity = capacity
        self.byKey = byKey
        heap.reserveCapacity(min(capacity, 4096))
    }

    /// Whether `a` ranks before `b`: key (date/amount order) or score, higher first; ties in
    /// index order, older first.
    @inline(__always)
    func ranksBefore(_ a: ScoredDocument, _ b: ScoredDocument) -> Bool { Self.ranksBefore(a, b, byKey: byKey) }

    @inline(__always)
    static func ranksBefore(_ a: ScoredDocument, _ b: ScoredDocument, byKey: Bool) -> Bool {
        if byKey, a.key != b.key { return a.key > b.key }
        if a.score != b.score { return a.score > b.score }
        if a.entry != b.entry { return a.entry < b.entry }
        return a.doc < b.doc
    }

    /// Whether a document with this score (relevance order), offered after every document
    /// kept so far, could enter: ties lose to the documents already kept (index order).
    @inline(__always)
    func admits(score: Float) -> Bool { heap.count < capacity || (capacity > 0 && score > heap[0].score) }

    /// Whether a document with this key (date or amount order) could enter; see above.
    @inline(__always)
    func admits(key: Int64) -> Bool { heap.count < capacity || (capacity > 0 && key > heap[0].key) }

    /// The score of the worst document kept once `capacity` are kept (relevance order).
    var worstScoreWhenFull: Float? { heap.count == capacity && capacity > 0 ? heap[0].score : nil }

    mutating func offer(_ d: ScoredDocument) {
        let byKey = byKey
        if heap.count < capacity {
            heap.append(d)
            // The heap's storage through one pointer: one uniqueness check per offer, not one
            // per swap, and no bounds checks (every index below is under the count).
            heap.withUnsafeMutableBufferPointer { heap in
                var i = heap.count - 1
                while i > 0 {
                    let parent = (i - 1) / 2
                    guard Self.ranksBefore(heap[parent], heap[i], byKey: byKey) else { break }
                    heap.swapAt(parent, i)
                    i = parent
                }
            }
        } else if capacity > 0, ranksBefore(d, heap[0]) {
            heap.withUnsafeMutableBufferPointer { heap in
                heap[0] = d
                var i = 0
                while true {
                    let l = 2 * i + 1, r = l + 1
                    var worst = i
                    if l < heap.count, Self.ranksBefore(heap[worst], heap[l], byKey: byKey) { worst = l }
                    if r < heap.count, Self.ranksBefore(heap[worst], heap[r], byKey: byKey) { worst = r }
                    if worst == i { break }
                    heap.swapAt(i, worst)
                    i = worst
                }
            }
        }
    }

    /// These documents, moved out: this page is left empty, so that the one returned is the
    /// only owner of its storage and offering to it copies nothing.
    mutating func moved() -> TopDocuments {
        defer { heap = [] }
        return self
    }

    /// The kept documents, best first.
    consuming func sorted() -> [ScoredDocument] {
        var sorted = heap
        guard sorted.count <= 32 else {
            sorted.sort(by: ranksBefore)
            return sorted
        }
        // A page-sized heap: insertion sort, with the comparison inlined. The heap keeps the
        // worst documents near its start: reversed, it is close to the order wanted, and the
        // insertions are short.
        sorted.reverse()
        sorted.withUnsafeMutableBufferPointer { $0.insertionSort(by: ranksBefore) }
        return sorted
    }
}
