import Foundation

/// Whole answers to recent searches, for the repeated look-ups of a service hall or a busy
/// page. An entry belongs to one commit (its manifest generation): a new commit makes every
/// older entry unreachable, so a cached answer is always the answer the index gives now.
/// Bounded by an estimate of its memory; the least recently used answers go first.
final class ResultCache: @unchecked Sendable {
    private struct Key: Hashable {
        let request: SearchRequest
        let generation: UInt64
    }

    private struct Entry {
        let result: SearchResult
        let bytes: Int
        var lastUse: UInt64
    }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var clock: UInt64 = 0
    private var bytes = 0
    private let capacity: Int

    /// A cache of at most about `capacity` bytes.
    init(capacity: Int = 64 << 20) { self.capacity = capacity }

    /// The cached answer to `request` at commit `generation`.
    func result(for request: SearchRequest, generation: UInt64) -> SearchResult? {
        lock.lock()
        defer { lock.unlock() }
        clock += 1
        let key = Key(request: request, generation: generation)
        guard entries[key] != nil else { return nil }
        entries[key]!.lastUse = clock
        return entries[key]!.result
    }

    /// Keeps `result` as the answer to `request` at commit `generation`.
    func store(_ result: SearchResult, for request: SearchRequest, generation: UInt64) {
        // A rough size: records and snippets dominate, about 2 KB a hit.
        let size = 1024 + result.hits.count * 2048 + result.facets.reduce(0) { $0 + $1.values.count * 64 }
        guard size <= capacity / 16 else { return }
        lock.lock()
        defer { lock.unlock() }
        clock += 1
        // A search that began before a newer commit arrived is not kept; answers for older
        // commits can never be asked for again, so they go.
        if entries.keys.contains(where: { $0.generation > generation }) { return }
        if entries.keys.contains(where: { $0.generation < generation }) {
            for (key, old) in entries where key.generation < generation {
                entries[key] = nil
                bytes -= old.bytes
            }
        }
        if let old = entries.updateValue(Entry(result: result, bytes: size, lastUse: clock), forKey: Key(request: request, generation: generation)) {
            bytes -= old.bytes
        }
        bytes += size
        while bytes > capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            bytes -= oldest.value.bytes
            entries[oldest.key] = nil
        }
    }
}
