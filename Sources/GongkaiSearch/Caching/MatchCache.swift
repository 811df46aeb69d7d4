/// Remembers the document lists of large exact filters per segment, as Lucene's query
/// cache does. Segments are immutable, so an entry never goes stale: deletions are applied
/// after the look-up. Only large results are kept (small ones are cheap to recompute).
public final class MatchCache: Sendable {
    /// Lists shorter than this are not worth keeping.
    public static let minimumDocuments = 2_000

    private struct Key: Hashable, Sendable {
        let segment: UInt64
        let plan: [UInt8]
    }

    private let entries: LRUCache<Key, DocumentMatches>

    /// A cache that keeps at most `capacity` bytes of matches.
    public init(capacity: Int = 128 << 20) { entries = LRUCache(capacity: capacity) }

    /// The cached matches of `plan` in `segment`, or those `compute` returns (kept when large).
    func matches(segment: UInt64, plan: [UInt8], compute: () -> DocumentMatches) -> DocumentMatches {
        let key = Key(segment: segment, plan: plan)
        if let hit = entries.value(for: key) { return hit }
        let computed = compute()
        if computed.documents.count >= Self.minimumDocuments {
            entries.insert(computed, for: key, size: computed.documents.count * 8 + 64)
        }
        return computed
    }
}
