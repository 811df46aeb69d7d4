/// The documents of one segment that match one word, increasing, with the word's weighted
/// frequency in each (title occurrences count ``IndexPosition/titleWeight`` times).
public struct DocumentMatches: Sendable {
    /// Matching documents, increasing.
    public var documents: [UInt32] = []
    /// Weighted frequency per matching document.
    public var weightedFrequencies: [Float] = []

    /// No matches.
    public init() {}
}

/// Sorted-array set operations on document ids.
enum DocumentSets {
    /// The first index in `docs[from...]` whose value is ≥ `target`, by galloping search.
    /// - Complexity: O(log distance).
    @inline(__always)
    static func advance(_ docs: [UInt32], from: Int, to target: UInt32) -> Int {
        var low = from
        var step = 1
        var high = from
        while high < docs.count, docs[high] < target {
            low = high + 1
            high += step
            step <<= 1
        }
        high = min(high, docs.count)
        while low < high {
            let mid = (low + high) >> 1
            if docs[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The intersection of sorted lists; returns for each result the index in each list.
    static func intersect(_ lists: [[UInt32]]) -> [[Int]] {
        guard !lists.isEmpty else { return [] }
        let order = lists.indices.sorted { lists[$0].count < lists[$1].count }
        let driver = lists[order[0]]
        var cursors = [Int](repeating: 0, count: lists.count)
        var result = [[Int]](repeating: [], count: lists.count)
        outer: for (di, doc) in driver.enumerated() {
            cursors[order[0]] = di
            for k in order.dropFirst() {
                let c = advance(lists[k], from: cursors[k], to: doc)
                cursors[k] = c
                if c == lists[k].count { break outer }
                if lists[k][c] != doc { continue outer }
            }
            for k in lists.indices { result[k].append(cursors[k]) }
        }
        return result
    }
}
