import Foundation
import Synchronization
import GongkaiIndex
import GongkaiText

/// The one entry point of Gongkai: opens an index directory, ingests and deletes records,
/// and answers searches, record look-ups and subsidy chains.
///
/// An engine is safe to share: any number of tasks may search at once while one ingest runs;
/// each search sees one whole commit, never part of one. Another process's commits become
/// visible to an open engine at its next search (within a second when that process died
/// between its commit and announcing it, or the index predates the announcement file).
///
/// ```swift
/// let engine = try SearchEngine.open(directory: "index")
/// let report = try engine.ingest([.file("payouts.jsonl")])
/// let result = try engine.search(SearchRequest(query: "水稻", filters: [try Filter(parsing: "level=村级")]))
/// print(result.total, result.amountSum)
/// ```
public final class SearchEngine: Sendable {
    /// The index folder.
    public let path: String
    /// Whether this engine refuses to write.
    public let readOnly: Bool
    let directory: IndexDirectory
    let store: RecordStore
    let analyzer = TextAnalyzer()
    /// Large word and filter matches, per immutable segment, shared by all searches.
    let matchCache = MatchCache()
    /// Whole answers to recent searches, per commit.
    let resultCache = ResultCache()
    let current: Mutex<CurrentCommit>
    /// The generation of the latest commit, as writers announce it; `nil` when the index has
    /// no such file and this engine may not make it (read-only).
    let latest: LatestGeneration?
    /// The size of a search's driving postings from which its segments are collected on two
    /// threads (``Searcher/parallelThreshold``).
    let parallelThreshold: Int
    /// Serialises writers inside this process (the `LOCK` file serialises processes).
    let writing = NSLock()

    /// The commit searches use, and what tells that the manifest on disk has changed.
    struct CurrentCommit: Sendable {
        var snapshot: IndexSnapshot
        var fingerprint: FileFingerprint?
        /// When the manifest is next looked at even if no new generation was announced.
        var checkDue: ContinuousClock.Instant
    }

    /// How long a search trusts the announced generation before it looks at the manifest anyway.
    static let manifestCheckInterval = Duration.seconds(1)

    private init(path: String, readOnly: Bool, directory: IndexDirectory, store: RecordStore, snapshot: IndexSnapshot, fingerprint: FileFingerprint?,
                 parallelThreshold: Int) {
        self.path = path
        self.readOnly = readOnly
        self.parallelThreshold = parallelThreshold
        self.directory = directory
        self.store = store
        current = Mutex(CurrentCommit(snapshot: snapshot, fingerprint: fingerprint, checkDue: ContinuousClock.now + Self.manifestCheckInterval))
        latest = LatestGeneration(directory: directory, writable: !readOnly, generation: snapshot.manifest.generation)
    }

    /// Opens the index in `directory`. Unless `readOnly`, the folder is created when absent
    /// and, when the index lags behind its record store after a crash, brought up to date.
    ///
    /// With `residentSegments`, segments are read into memory backed by 2 MB pages instead of
    /// mapped: opening takes longer and the index's size in memory, and every search is faster
    /// (fewer TLB misses). Meant for long-running searchers such as `serve`.
    ///
    /// A search whose words' driving postings hold `parallelThreshold` documents or more in all
    /// collects its segments on two threads (``Searcher/parallelThreshold``; `Int.max`: never).
    ///
    /// - Throws: ``EngineError`` when the folder cannot be created or holds a damaged or
    ///   incompatible index, or (read-only) when there is no index.
    public static func open(directory path: String, readOnly: Bool = false, residentSegments: Bool = false,
                            parallelThreshold: Int = Searcher.defaultParallelThreshold) throws(EngineError) -> SearchEngine {
        let directory: IndexDirectory
        do { directory = try IndexDirectory(path: path, create: !readOnly, residentSegments: residentSegments) } catch { throw EngineError(error) }
        if readOnly && !directory.exists(RecordStore.fileName) {
            throw EngineError(.notFound, "there is no index at \(path); create one with `gongkai ingest --index \(path) FILE`")
        }
        let store = try RecordStore(path: directory.url(RecordStore.fileName), readOnly: readOnly)
        let fingerprint = directory.fingerprint(Manifest.fileName)
        let snapshot = try loadSnapshot(directory, previous: nil)
        let engine = SearchEngine(path: path, readOnly: readOnly, directory: directory, store: store, snapshot: snapshot, fingerprint: fingerprint,
                                  parallelThreshold: parallelThreshold)
        if !readOnly, try store.lastSequence() > snapshot.manifest.appliedSequence {
            try engine.write { _ in }  // Taking the write path replays what the index lacks.
        }
        return engine
    }

    /// Reads the manifest and opens its segments, retrying when a concurrent commit removes a
    /// file between the two reads.
    static func loadSnapshot(_ directory: IndexDirectory, previous: IndexSnapshot?) throws(EngineError) -> IndexSnapshot {
        var attempt = 0
        while true {
            do {
                let manifest = try Manifest.read(directory)
                return try IndexSnapshot(directory: directory, manifest: manifest, reusing: previous)
            } catch {
                attempt += 1
                if attempt >= 5 { throw EngineError(error) }
                if case .io = error {} else if case .corrupt = error {} else { throw EngineError(error) }
            }
        }
    }

    /// The commit to search: the latest one on disk. While the announced generation is the
    /// snapshot's (or older) and the periodic check is not due, that is the snapshot, with no
    /// system call; otherwise the manifest is looked at and, when replaced, loaded.
    func snapshot() throws(EngineError) -> IndexSnapshot {
        let now = ContinuousClock.now
        if let announced = latest?.generation,
           let known = current.withLock({ $0.snapshot.manifest.generation >= announced && now < $0.checkDue ? $0.snapshot : nil }) {
            return known
        }
        let fingerprint = directory.fingerprint(Manifest.fileName)
        let (snapshot, stale) = current.withLock { ($0.snapshot, $0.fingerprint != fingerprint) }
        guard stale else {
            current.withLock { $0.checkDue = now + Self.manifestCheckInterval }
            return snapshot
        }
        let fresh = try Self.loadSnapshot(directory, previous: snapshot)
        current.withLock {
            if $0.snapshot.manifest.generation <= fresh.manifest.generation {
                $0.snapshot = fresh
                $0.fingerprint = fingerprint
                $0.checkDue = now + Self.manifestCheckInterval
            }
        }
        return fresh
    }

    /// The record with `id`, or `nil` when there is none. Output paths must mask it
    /// (``Record/maskedJSON()``).
    public func record(id: String) throws(EngineError) -> Record? {
        try store.records(ids: [id])[id]
    }

    /// Builds now what the first searches of the latest commit would otherwise build: the
    /// analyzer's tables and what is derived from the segments' columns for the default
    /// facets.
    public func warmUp() throws(EngineError) {
        _ = TextAnalyzer().tokens("預熱，、")
        try snapshot().warmUp(fields: SearchRequest.defaultFacets)
    }

    /// The number of records in the latest commit.
    public func recordCount() throws(EngineError) -> Int {
        try snapshot().liveCount
    }

    /// Counts of records by kind in the store and in the index, for consistency checks.
    public func consistency() throws(EngineError) -> (store: [String: Int], index: [String: Int]) {
        let snapshot = try snapshot()
        let everything: ParsedQuery
        do {
            everything = try ParsedQuery(SearchRequest(limit: 1), analyzer: analyzer)
        } catch {
            throw EngineError(.io, "could not plan the match-all query: \(error.message)")
        }
        let outcome = Searcher(snapshot: snapshot).search(everything, sort: .relevance, offset: 0, limit: 1, facets: ["kind"])
        var index: [String: Int] = [:]
        for value in outcome.facets.first?.values ?? [] { index[value.value] = value.count }
        return (try store.countsByKind(), index)
    }
}

extension EngineError {
    /// Wraps an index-layer error.
    init(_ error: IndexError) {
        switch error {
        case .corrupt: self.init(.corrupt, error.description)
        case .formatTooNew, .formatTooOld: self.init(.incompatible, error.description)
        case .io: self.init(.io, error.description)
        case .documentTooLarge: self.init(.io, error.description)
        }
    }
}
