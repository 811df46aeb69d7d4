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

/// Searching sorted arrays of document ids.
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
}
