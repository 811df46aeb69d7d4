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
    /// - Complexity: O(shortest × lists × log gap), by galloping from the shortest list.
    static func intersect(_ lists: [[UInt32]]) -> [[Int]] {
        guard !lists.isEmpty else { return [] }
        let order = lists.indices.sorted { lists[$0].count < lists[$1].count }
        let driverIndex = order[0]
        let driver = lists[driverIndex]
        var cursors = [Int](repeating: 0, count: lists.count)
        var rows = [Int](repeating: 0, count: lists.count * driver.count)
        var found = 0
        let n = driver.count
        rows.withUnsafeMutableBufferPointer { rows in
            outer: for di in 0..<n {
                let doc = driver[di]
                cursors[driverIndex] = di
                for k in order.dropFirst() {
                    let c = advance(lists[k], from: cursors[k], to: doc)
                    cursors[k] = c
                    if c == lists[k].count { break outer }
                    if lists[k][c] != doc { continue outer }
                }
                for k in 0..<lists.count { rows[k * n + found] = cursors[k] }
                found += 1
            }
        }
        return (0..<lists.count).map { k in Array(rows[(k * n)..<(k * n + found)]) }
    }
}
