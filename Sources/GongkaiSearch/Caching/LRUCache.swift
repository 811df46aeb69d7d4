import Foundation

/// A thread-safe map that forgets its least recently used entries once their estimated size
/// exceeds a budget. Both of the engine's caches (matches per segment, answers per commit)
/// are one of these.
public final class LRUCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private struct Entry {
        let value: Value
        let bytes: Int
        var lastUse: UInt64
    }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var clock: UInt64 = 0
    private var bytes = 0
    /// The budget, in bytes.
    public let capacity: Int

    /// An empty cache holding at most about `capacity` bytes.
    public init(capacity: Int) { self.capacity = capacity }

    /// The value for `key`, marking it recently used.
    public func value(for key: Key) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        clock += 1
        guard entries[key] != nil else { return nil }
        entries[key]!.lastUse = clock
        return entries[key]!.value
    }

    /// Keeps `value` for `key`, of about `size` bytes; a value over a quarter of the budget
    /// is not kept. Evicting the oldest entry scans them all: O(entries), paid only on insert.
    public func insert(_ value: Value, for key: Key, size: Int) {
        guard size <= capacity / 4 else { return }
        lock.lock()
        defer { lock.unlock() }
        clock += 1
        if let old = entries.updateValue(Entry(value: value, bytes: size, lastUse: clock), forKey: key) { bytes -= old.bytes }
        bytes += size
        while bytes > capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            bytes -= oldest.value.bytes
            entries[oldest.key] = nil
        }
    }

    /// Forgets every entry whose key satisfies `condition`.
    public func removeAll(where condition: (Key) -> Bool) {
        lock.lock()
        defer { lock.unlock() }
        for (key, entry) in entries where condition(key) {
            entries[key] = nil
            bytes -= entry.bytes
        }
    }
}
