import Foundation

/// Remembers the matches of expensive words and filters per segment, as Lucene's query
/// cache does. Segments are immutable, so an entry never goes stale: deletions are applied
/// after the look-up. Only large results are kept (small ones are cheap to recompute), and
/// the least recently used entries go first once the memory budget is spent.
public final class MatchCache: @unchecked Sendable {
    /// Lists shorter than this are not worth keeping.
    public static let minimumDocuments = 2_000

    private struct Key: Hashable {
        let segment: UInt64
        let plan: [UInt8]
    }

    private struct Entry {
        let matches: DocumentMatches
        var lastUse: UInt64
        var bytes: Int { matches.documents.count * 8 + 64 }
    }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var clock: UInt64 = 0
    private var bytes = 0
    /// The memory budget in bytes.
    public let capacity: Int

    /// A cache that keeps at most `capacity` bytes of matches.
    public init(capacity: Int = 128 << 20) { self.capacity = capacity }

    /// The cached matches of `plan` in `segment`, or those `compute` returns (kept when large).
    func matches(segment: UInt64, plan: [UInt8], compute: () -> DocumentMatches) -> DocumentMatches {
        let key = Key(segment: segment, plan: plan)
        lock.lock()
        clock += 1
        if let hit = entries[key] {
            entries[key]?.lastUse = clock
            lock.unlock()
            return hit.matches
        }
        lock.unlock()
        let computed = compute()
        guard computed.documents.count >= Self.minimumDocuments else { return computed }
        lock.lock()
        defer { lock.unlock() }
        let entry = Entry(matches: computed, lastUse: clock)
        guard entry.bytes <= capacity / 4 else { return computed }
        if entries.updateValue(entry, forKey: key) == nil { bytes += entry.bytes }
        while bytes > capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            bytes -= oldest.value.bytes
            entries[oldest.key] = nil
        }
        return computed
    }
}
