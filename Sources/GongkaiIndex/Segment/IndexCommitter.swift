/// Makes commits: writes a new segment and new deletions files, then the manifest that names
/// them, in that order, each synced before the next (see FORMAT.md, "Commit and recovery").
public struct IndexCommitter: Sendable {
    /// The index folder.
    public let directory: IndexDirectory

    /// Creates a committer for `directory`. Only one committer may work on a folder at a
    /// time; the caller holds the folder's write lock.
    public init(directory: IndexDirectory) { self.directory = directory }

    /// Writes the segment of `parts`' documents (when there are any) to the file of segment
    /// `id`, synced, named by no manifest yet: a commit that names it may follow, or a crash,
    /// after which the next commit removes the file. So the file can be written while the
    /// records are stored.
    public func write(_ parts: [SegmentPart], id: UInt64) throws(IndexError) -> WrittenSegment? {
        let documentCount = parts.reduce(0) { $0 + $1.builder.documentCount }
        guard documentCount > 0 else { return nil }
        try directory.writeAtomically(SegmentFormat.fileName(id), chunks: SegmentWriter.chunks(parts))
        return WrittenSegment(id: id, documentCount: documentCount)
    }

    /// Commits on top of `base`: adds the new segment `written` (its file already written by
    /// ``write(_:id:)``, with the id `base` gives the next segment), applies `deletions`
    /// (entry index → documents), drops the segments in `dropping`, and records
    /// `appliedSequence`. Returns the new snapshot.
    public func commit(base: IndexSnapshot, written: WrittenSegment?, deletions: [Int: [UInt32]],
                       dropping: Set<UInt64> = [], appliedSequence: Int64) throws(IndexError) -> IndexSnapshot {
        var manifest = base.manifest
        manifest.generation += 1
        manifest.appliedSequence = appliedSequence
        var segments: [Manifest.Segment] = []
        for (i, entry) in base.entries.enumerated() {
            var record = manifest.segments[i]
            if dropping.contains(record.id) { continue }
            if let docs = deletions[i], !docs.isEmpty {
                var live = entry.live
                for doc in docs { live.delete(doc) }
                if live.liveCount == 0 { continue }  // Nothing left: drop the segment.
                if live.deletedCount != entry.live.deletedCount {
                    let name = LiveDocuments.fileName(segment: record.id, generation: manifest.generation)
                    try directory.writeAtomically(name, live.serialize())
                    record.deleted = live.deletedCount
                    record.deletesGeneration = manifest.generation
                }
            }
            segments.append(record)
        }
        if let written {
            precondition(written.id == manifest.nextSegmentID, "a segment written for another commit")
            manifest.nextSegmentID += 1
            segments.append(Manifest.Segment(id: written.id, documents: written.documentCount, deleted: 0, deletesGeneration: 0))
        }
        manifest.segments = segments
        try manifest.write(directory)
        let snapshot = try IndexSnapshot(directory: directory, manifest: manifest, reusing: base)
        removeUnreferencedFiles(keeping: manifest)
        return snapshot
    }

    /// Deletes index files no manifest needs any more: superseded deletions, merged-away
    /// segments and temporary files of an interrupted write. Readers that still map an old
    /// segment keep reading it; the file system frees it when they let go.
    public func removeUnreferencedFiles(keeping manifest: Manifest) {
        let needed = manifest.fileNames
        for name in directory.fileNames() where (name.hasPrefix("seg-") || name.hasSuffix(".tmp")) && !needed.contains(name) {
            directory.remove(name)
        }
    }
}

/// A new segment's file, written and synced, that no manifest names yet.
public struct WrittenSegment: Sendable {
    /// The segment's id.
    public let id: UInt64
    /// Its number of documents.
    public let documentCount: Int
}
