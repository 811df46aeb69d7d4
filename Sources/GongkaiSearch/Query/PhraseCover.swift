import GongkaiIndex

/// Which bigrams of a one-run Han phrase a search checks. In the index, two tokens two apart
/// are always in one run (``IndexPosition/runGap`` is 3), so when the bigrams at offsets `i`
/// and `i + 2` are found in place, so is the one at `i + 1`: its characters are theirs. A
/// phrase of bigrams `0…n−1` is therefore found exactly where a cover of them is: a subset
/// holding the first and the last, no two neighbours of which are more than 2 apart. The
/// cover chosen is the one whose terms cost the least to check in all, as the caller counts
/// the cost of each.
public enum PhraseCover {
    /// The offsets, increasing, of the cheapest cover of `costs.count` bigrams, `costs[i]`
    /// being what checking bigram `i` costs (its postings).
    public static func cheapest(_ costs: [Int]) -> [Int] {
        let n = costs.count
        guard n > 2 else { return Array(0..<n) }
        // best[i]: the cheapest cover of bigrams 0…i that holds i; from[i]: the one before i.
        // A phrase has a few bigrams: both tables live on the stack.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * n) { table in
            let (best, from) = (table.baseAddress!, table.baseAddress! + n)
            best[0] = costs[0]
            best[1] = costs[0] + costs[1]
            for i in 2..<n {
                from[i] = best[i - 2] <= best[i - 1] ? i - 2 : i - 1
                best[i] = best[from[i]] + costs[i]
            }
            // The cover, walked back from the last bigram, then put in increasing order.
            var cover: [Int] = []
            cover.reserveCapacity(n)
            cover.append(n - 1)
            while cover.last! > 1 { cover.append(from[cover.last!]) }
            if cover.last! == 1 { cover.append(0) }
            cover.reverse()
            return cover
        }
    }
}
