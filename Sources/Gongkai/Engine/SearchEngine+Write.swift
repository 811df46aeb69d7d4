import Dispatch
import Synchronization
import GongkaiIndex

/// The state of one write: the commit it builds on, under the folder's write lock.
struct WriteContext {
    let engine: SearchEngine
    var base: IndexSnapshot

    /// Stores `records` (encoded, by part) and `deletions` in the record store (one
    /// transaction), then commits the segment built from `records` (in `segmentParts`, in
    /// order; none when empty) and the deletions they imply to the index. Returns how many of
    /// `records` replaced a live document.
    ///
    /// The store and the segment's file are written at the same time, on two cores: the file
    /// counts only once a manifest names it, which happens after the store has the records
    /// (FORMAT.md, "Commit and recovery"). The store's core also looks up the documents the
    /// commit deletes. Each core frees what it wrote, when the caller hands them over.
    @discardableResult
    mutating func commit(records: consuming [EncodedRecords], segmentParts: consuming [SegmentPart], deletions: [String]) throws(EngineError) -> Int {
        let (store, committer, id, base) = (engine.store, IndexCommitter(directory: engine.directory), base.manifest.nextSegmentID, base)
        let sequence = Mutex<Result<Int64, EngineError>?>(nil)
        let written = Mutex<Result<WrittenSegment?, IndexError>?>(nil)
        let replaced = Mutex<(documents: [Int: [UInt32]], replacing: Int)>(([:], 0))
        // Each core takes its half of the batch out, so that the last reference to it is there.
        let batch = Mutex((records: consume records, parts: consume segmentParts))
        DispatchQueue.concurrentPerform(iterations: 2) { task in
            if task == 0 {
                let records = batch.withLock { b in
                    defer { b.records = [] }
                    return b.records
                }
                let result = Result { () throws(EngineError) in try store.write(records: records, deletions: deletions) }
                sequence.withLock { $0 = result }
                var documents: [Int: [UInt32]] = [:]
                let replacing = Self.collectLiveDocuments(of: records.lazy.flatMap { $0.records.lazy.map(\.id) }, in: base, into: &documents)
                Self.collectLiveDocuments(of: deletions, in: base, into: &documents)
                replaced.withLock { $0 = (documents, replacing) }
            } else {
                let parts = batch.withLock { b in
                    defer { b.parts = [] }
                    return b.parts
                }
                let result = Result { () throws(IndexError) -> WrittenSegment? in try committer.write(parts, id: id) }
                written.withLock { $0 = result }
            }
        }
        let stored = try sequence.withLock { $0! }.get()
        let segmentFile: WrittenSegment?
        do { segmentFile = try written.withLock { $0! }.get() } catch { throw EngineError(error) }
        let (documents, replacing) = replaced.withLock { $0 }
        try commitIndex(deleting: documents, written: segmentFile, appliedSequence: stored)
        return replacing
    }

    /// Commits `segment` to the index, deleting the live documents of `ids` that are there now.
    mutating func commitIndex(ids: [String], segment: SegmentBuilder?, appliedSequence: Int64, dropping: Set<UInt64> = []) throws(EngineError) {
        let written: WrittenSegment?
        do {
            written = try segment.flatMap { (s) throws(IndexError) in
                try IndexCommitter(directory: engine.directory).write([SegmentPart(s)], id: base.manifest.nextSegmentID)
            }
        } catch {
            throw EngineError(error)
        }
        var documents: [Int: [UInt32]] = [:]
        Self.collectLiveDocuments(of: ids, in: base, into: &documents)
        try commitIndex(deleting: documents, written: written, appliedSequence: appliedSequence, dropping: dropping)
    }

    /// Commits the already written segment `written` to the index, deleting `documents`
    /// (snapshot entry → documents of the current base).
    private mutating func commitIndex(deleting documents: [Int: [UInt32]], written: WrittenSegment?, appliedSequence: Int64,
                                      dropping: Set<UInt64> = []) throws(EngineError) {
        do {
            base = try IndexCommitter(directory: engine.directory)
                .commit(base: base, written: written, deletions: documents, dropping: dropping, appliedSequence: appliedSequence)
        } catch {
            throw EngineError(error)
        }
        engine.publish(base)
    }

    /// Adds the live documents of `ids` in `base` to `documents` (snapshot entry → documents);
    /// returns how many of `ids` have one.
    @discardableResult
    private static func collectLiveDocuments(of ids: some Sequence<String>, in base: IndexSnapshot,
                                             into documents: inout [Int: [UInt32]]) -> Int {
        guard base.liveCount > 0 else { return 0 }
        var found = 0
        for id in ids {
            let located = base.locate(recordID: id)
            if !located.isEmpty { found += 1 }
            for (entry, doc) in located { documents[entry, default: []].append(doc) }
        }
        return found
    }
}

extension SearchEngine {
    /// Runs `body` as the only writer of the index: takes the write lock, reloads the latest
    /// commit, replays what the index lacks from the record store, then lets `body` commit.
    func write<T>(_ body: (inout WriteContext) throws(EngineError) -> T) throws(EngineError) -> T {
        guard !readOnly else { throw EngineError(.readOnly, "the index at \(path) was opened read-only") }
        writing.lock()
        defer { writing.unlock() }
        let lock = try WriteLock(directory: path)
        var context = WriteContext(engine: self, base: try Self.loadSnapshot(directory, previous: try snapshot()))
        try recover(&context)
        let result = try body(&context)
        try mergeSmallSegments(&context)
        _ = consume lock
        return result
    }

    /// Makes `snapshot` the commit searches in this process see, and announces its generation
    /// to other processes.
    func publish(_ snapshot: IndexSnapshot) {
        let fingerprint = directory.fingerprint(Manifest.fileName)
        current.withLock {
            $0.snapshot = snapshot
            $0.fingerprint = fingerprint
        }
        latest?.store(snapshot.manifest.generation)
    }

    /// Replays every store change after the manifest's `appliedSequence`: the records and
    /// deletions a crash left out of the index (see FORMAT.md, "Commit and recovery").
    func recover(_ context: inout WriteContext) throws(EngineError) {
        let applied = context.base.manifest.appliedSequence
        let last = try store.lastSequence()
        guard last > applied else { return }
        var latest: [String: Record?] = [:]
        var order: [String] = []
        for change in try store.changes(after: applied) {
            let id = change.record?.id ?? change.deletedID ?? ""
            if latest[id] == nil { order.append(id) }
            latest[id] = .some(change.record)
        }
        var builder = SegmentBuilder(analyzer: analyzer)
        for id in order {
            guard let record = latest[id] ?? nil else { continue }
            do { try builder.add(record.indexDocument()) } catch { throw EngineError(error) }
        }
        try context.commitIndex(ids: order, segment: builder, appliedSequence: last)
    }

    /// Segments under this many live documents are small, and merged once there are more
    /// than ``mergeThreshold`` of them.
    static let smallSegment = 50_000
    /// How many small segments may stand before they are merged.
    static let mergeThreshold = 6

    /// Merges the small segments into one by re-indexing their live records from the store
    /// (the store holds exactly the versions the index has: the caller holds the write lock
    /// and recovery has run).
    func mergeSmallSegments(_ context: inout WriteContext) throws(EngineError) {
        let small = context.base.entries.filter { $0.live.liveCount < Self.smallSegment }
        guard small.count > Self.mergeThreshold else { return }
        var ids: [String] = []
        for entry in small {
            for doc in 0..<UInt32(entry.reader.documentCount) where entry.live.isLive(doc) { ids.append(entry.reader.recordID(doc)) }
        }
        var builder = SegmentBuilder(analyzer: analyzer)
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let records = try store.records(ids: chunk)
            for id in chunk {
                guard let record = records[id] else { continue }
                do { try builder.add(record.indexDocument()) } catch { throw EngineError(error) }
            }
            start += chunk.count
        }
        try context.commitIndex(ids: [], segment: builder, appliedSequence: context.base.manifest.appliedSequence,
                                dropping: Set(small.map(\.reader.id)))
    }
}

extension SearchEngine {
    /// The merge threshold, for tests.
    public static var mergeThresholdForTesting: Int { mergeThreshold }

    /// How long, in seconds, a search trusts the announced generation before it looks at the
    /// manifest anyway (for tests).
    public static var manifestCheckIntervalSeconds: Double {
        let (seconds, attoseconds) = manifestCheckInterval.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The number of segments in the latest commit, for tests.
    public func segmentCountForTesting() throws(EngineError) -> Int { try snapshot().entries.count }
}
