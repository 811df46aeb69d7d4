import Synchronization

/// Whole answers to recent searches, for the repeated look-ups of a service hall or a busy
/// page. An entry belongs to one commit (its manifest generation): a new commit makes every
/// older entry unreachable, so a cached answer is always the answer the index gives now.
final class ResultCache: Sendable {
    /// What names a cached answer: the request itself, or a text its caller guarantees
    /// names one request (the server's request target, which hashes faster than the request).
    enum RequestKey: Hashable, Sendable {
        case request(SearchRequest)
        case text(String)
    }

    private struct Key: Hashable, Sendable {
        let request: RequestKey
        let generation: UInt64
    }

    /// An answer with its JSON document, encoded once (see ``SearchResult/jsonAroundTook()``).
    struct Answer: Sendable {
        let result: SearchResult
        let json: (head: String, tail: String)
    }

    private let entries: LRUCache<Key, Answer>
    /// The newest generation stored so far: older answers are swept once, when it advances.
    private let newest = Mutex<UInt64>(0)

    /// A cache of at most about `capacity` bytes.
    init(capacity: Int = 64 << 20) { entries = LRUCache(capacity: capacity) }

    /// The cached answer to `request` at commit `generation`.
    func answer(for request: RequestKey, generation: UInt64) -> Answer? {
        entries.value(for: Key(request: request, generation: generation))
    }

    /// Keeps `result` as the answer to `request` at commit `generation`, and forgets answers
    /// of older commits, which can never be asked for again. Returns the answer kept.
    @discardableResult
    func store(_ result: SearchResult, for request: RequestKey, generation: UInt64) -> Answer {
        let advanced = newest.withLock { newest in
            defer { newest = max(newest, generation) }
            return generation > newest
        }
        if advanced { entries.removeAll { $0.generation < generation } }
        // A rough size: records and snippets dominate, about 2 KB a hit, kept twice (as values and as JSON).
        let size = 1024 + result.hits.count * 4096 + result.facets.reduce(0) { $0 + $1.values.count * 64 }
        let answer = Answer(result: result, json: result.jsonAroundTook())
        entries.insert(answer, for: Key(request: request, generation: generation), size: size)
        return answer
    }
}
