import GongkaiIndex
import Synchronization

/// Per facet group of one segment (``FacetGroups``), the matches counted and their amounts
/// summed, with a bit per group met: spreading them over the fields then visits the groups
/// met, found 64 groups a word, and no pass over every group is made (a segment has
/// thousands of groups; a search often meets a few dozen). A view of a
/// ``GroupTallyStorage``, all zero between segments.
struct GroupTally {
    /// Per group, its matches.
    let counts: UnsafeMutableBufferPointer<Int>
    /// Per group, its matches' amount sum in fen.
    let sums: UnsafeMutableBufferPointer<Int64>
    /// Bit `g & 63` of word `g >> 6`: group `g` has a match.
    let met: UnsafeMutableBufferPointer<UInt64>

    /// Counts a match whose row is `row`.
    @inline(__always)
    func add(_ row: FacetGroups.Row) {
        let g = Int(row.group)
        counts[g] &+= 1
        sums[g] &+= row.summedAmount
        met[g >> 6] |= 1 &<< UInt64(g & 63)
    }

    /// The groups met, increasing, and the sum of their amounts.
    func metGroups() -> (groups: [Int], amountSum: Int64) {
        var groups: [Int] = []
        var sum: Int64 = 0
        for i in met.indices {
            var word = met[i]
            while word != 0 {
                let g = i << 6 | word.trailingZeroBitCount
                groups.append(g)
                sum &+= sums[g]
                word &= word &- 1
            }
        }
        return (groups, sum)
    }

    /// Zeroes the tallies of `groups`, the groups met, for the next segment.
    func clear(_ groups: [Int]) {
        for g in groups {
            counts[g] = 0
            sums[g] = 0
            met[g >> 6] = 0
        }
    }
}

/// The memory of a collector's ``GroupTally``s, kept from segment to segment and from search
/// to search: a search takes one from a shared pool (``take()``) and gives it back
/// (``giveBack(_:)``), all zero again, as every tally is cleared once spread. Allocated and
/// zeroed only when a segment has more groups than it holds: zeroing a few hundred kilobytes
/// for every search cost more than many a search, and pushed what it used out of the caches.
final class GroupTallyStorage: @unchecked Sendable {
    private var capacity = 0
    private var counts: UnsafeMutablePointer<Int>?
    private var sums: UnsafeMutablePointer<Int64>?
    private var met: UnsafeMutablePointer<UInt64>?

    /// The storages not in use; at most ``poolLimit`` are kept.
    private static let pool = Mutex<[GroupTallyStorage]>([])
    /// More than the searches that run at once on a small machine, each on two threads.
    private static let poolLimit = 16

    private init() {}

    deinit { release() }

    /// A storage no one else uses, all zero.
    static func take() -> GroupTallyStorage { pool.withLock { $0.popLast() } ?? GroupTallyStorage() }

    /// Returns `storage`, whose tallies have all been cleared, to the pool.
    static func giveBack(_ storage: GroupTallyStorage) {
        assert(storage.isZero, "a group tally was not cleared")
        pool.withLock { if $0.count < poolLimit { $0.append(storage) } }
    }

    /// Zeroed tallies for the groups of `groups`.
    func tally(for groups: FacetGroups) -> GroupTally {
        let n = groups.groupCount
        if n > capacity {
            release()
            capacity = n
            counts = .allocate(capacity: n)
            counts!.initialize(repeating: 0, count: n)
            sums = .allocate(capacity: n)
            sums!.initialize(repeating: 0, count: n)
            met = .allocate(capacity: (n + 63) >> 6)
            met!.initialize(repeating: 0, count: (n + 63) >> 6)
        }
        return GroupTally(counts: UnsafeMutableBufferPointer(start: counts!, count: n), sums: UnsafeMutableBufferPointer(start: sums!, count: n),
                          met: UnsafeMutableBufferPointer(start: met!, count: (n + 63) >> 6))
    }

    /// Whether every tally is zero (a check for debug builds).
    private var isZero: Bool {
        guard capacity > 0 else { return true }
        return (0..<capacity).allSatisfy { counts![$0] == 0 && sums![$0] == 0 } && (0..<(capacity + 63) >> 6).allSatisfy { met![$0] == 0 }
    }

    private func release() {
        counts?.deallocate()
        sums?.deallocate()
        met?.deallocate()
    }
}
