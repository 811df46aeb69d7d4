import Dispatch
import Synchronization

/// One commit of an index, open for reading: its segments and their live documents.
/// Immutable, so any number of searches can share it while a writer makes the next commit.
public struct IndexSnapshot: Sendable {
    /// One segment with its deletions.
    public struct Entry: Sendable {
        /// The segment.
        public let reader: SegmentReader
        /// Its live documents.
        public let live: LiveDocuments
    }

    /// The manifest of this commit.
    public let manifest: Manifest
    /// The segments, oldest first.
    public let entries: [Entry]
    /// The entries' segment readers, in the same order.
    public let readers: [SegmentReader]
    /// The entries' ``HitLocations``, in the same order.
    public let hitLocations: [HitLocations]
    /// Every segment's terms in one table (``SnapshotTermTable``), built on first use.
    private let termTable = SnapshotTermTable.Lazy()
    private let valueTables = FacetValueTables()

    /// The number of live documents.
    public var liveCount: Int { entries.reduce(0) { $0 + $1.live.liveCount } }

    /// An index with no segments.
    public init() {
        manifest = Manifest()
        entries = []
        readers = []
        hitLocations = []
    }

    /// Opens the commit `manifest` describes, reusing already-open segment readers from
    /// `previous` (segments are immutable, so a reader stays valid across commits).
    public init(directory: IndexDirectory, manifest: Manifest, reusing previous: IndexSnapshot? = nil) throws(IndexError) {
        var open: [UInt64: SegmentReader] = [:]
        for entry in previous?.entries ?? [] { open[entry.reader.id] = entry.reader }
        let missing = manifest.segments.map(\.id).filter { open[$0] == nil }
        for (id, opened) in zip(missing, Self.openReaders(missing, in: directory)) { open[id] = try opened.get() }
        var entries: [Entry] = []
        for segment in manifest.segments {
            let reader = open[segment.id]!
            guard reader.documentCount == segment.documents else {
                throw .corrupt(file: SegmentFormat.fileName(segment.id), detail: "it has \(reader.documentCount) documents but the manifest says \(segment.documents)")
            }
            var live = LiveDocuments(documentCount: segment.documents)
            if segment.deletesGeneration > 0 {
                let name = LiveDocuments.fileName(segment: segment.id, generation: segment.deletesGeneration)
                guard let bytes = try directory.read(name) else {
                    throw .corrupt(file: name, detail: "the manifest names it but it is missing")
                }
                live = try LiveDocuments(bytes: bytes, name: name)
                guard live.documentCount == segment.documents else { throw .corrupt(file: name, detail: "it covers the wrong number of documents") }
            }
            entries.append(Entry(reader: reader, live: live))
        }
        self.manifest = manifest
        self.entries = entries
        readers = entries.map(\.reader)
        hitLocations = readers.map(\.hitLocations)
    }

    /// The information on each term of `list` in each segment, as ``TermLookups/infos(of:in:)``
    /// gives it, through the snapshot's one table when it has one.
    public func termInfos(_ list: TermList) -> [TermInfo?] {
        guard let table = termTable.table(over: readers) else { return TermLookups.infos(of: list, in: readers) }
        return TermLookups.infos(of: list, in: table)
    }

    /// Opens the segments `ids`, several at once on every core: a resident segment
    /// (``IndexDirectory/residentSegments``) is read into memory as it opens, which is most
    /// of the time an index takes to open.
    static func openReaders(_ ids: [UInt64], in directory: IndexDirectory) -> [Result<SegmentReader, IndexError>] {
        let openOne = { @Sendable (id: UInt64) in Result { () throws(IndexError) in try SegmentReader(directory: directory, id: id) } }
        guard ids.count > 1 else { return ids.map(openOne) }
        let opened = Mutex<[Result<SegmentReader, IndexError>?]>(Array(repeating: nil, count: ids.count))
        DispatchQueue.concurrentPerform(iterations: ids.count) { i in
            let result = openOne(ids[i])
            opened.withLock { $0[i] = result }
        }
        return opened.withLock { $0.map { $0! } }
    }

    /// The values of each of `fields` across the segments, numbered for counting (see
    /// ``FacetValueTable``); built on the first call per field.
    public func facetValues(fields: [String]) -> [FacetValueTable] {
        valueTables.tables(fields: fields, entries: entries)
    }

    /// Builds now what searches counting `fields` derive from the segments on first use (facet
    /// groups, exact-value ordinals, the value tables, the term table), so that the first
    /// searches do not.
    public func warmUp(fields: [String]) {
        for entry in entries {
            _ = entry.reader.facetGroups(fields: fields)
            for field in fields { _ = entry.reader.exactValueOrdinals(field: field) }
        }
        _ = facetValues(fields: fields)
        _ = termTable.table(over: readers)
    }

    /// The live documents whose exact `id` is `recordID`, as (entry index, document) pairs.
    public func locate(recordID: String) -> [(entry: Int, doc: UInt32)] {
        let term = Term.exact(field: "id", value: recordID)
        var found: [(Int, UInt32)] = []
        for (i, entry) in entries.enumerated() {
            guard let info = entry.reader.termInfo(term) else { continue }
            for doc in PostingsReader.documents(entry.reader, info) where entry.live.isLive(doc) { found.append((i, doc)) }
        }
        return found
    }
}
