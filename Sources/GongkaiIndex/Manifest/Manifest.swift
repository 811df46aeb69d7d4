import Foundation

/// The commit point of an index: which segments are live, with which deletions, and how far
/// into the record store's sequence the index reaches.
///
/// Stored as JSON in the file `MANIFEST`, replaced atomically (write to `MANIFEST.tmp`, fsync,
/// rename, fsync the folder). Every file it names was synced before it was written, so after a
/// crash the index is exactly the last manifest that reached the disk. See FORMAT.md.
public struct Manifest: Codable, Sendable, Hashable {
    /// One live segment.
    public struct Segment: Codable, Sendable, Hashable {
        /// The segment's id; its file is `seg-ID.gks`.
        public var id: UInt64
        /// Its number of documents, live or deleted.
        public var documents: Int
        /// Its number of deleted documents.
        public var deleted: Int
        /// The generation of its deletions file `seg-ID.del-GEN`; 0 when it has none.
        public var deletesGeneration: UInt64
    }

    /// The manifest format version this code writes and reads.
    public static let currentFormat = 1
    /// The manifest's file name.
    public static let fileName = "MANIFEST"

    /// The format version.
    public var format: Int = Manifest.currentFormat
    /// Increases by one with every commit.
    public var generation: UInt64 = 0
    /// The last record-store sequence number this commit contains.
    public var appliedSequence: Int64 = 0
    /// The id the next new segment gets.
    public var nextSegmentID: UInt64 = 1
    /// The live segments, oldest first.
    public var segments: [Segment] = []

    /// An empty index.
    public init() {}

    /// Reads the manifest of `directory`; an empty manifest when there is none yet.
    public static func read(_ directory: IndexDirectory) throws(IndexError) -> Manifest {
        guard let bytes = try directory.read(fileName) else { return Manifest() }
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: Data(bytes))
        } catch {
            throw .corrupt(file: fileName, detail: "it is not a valid manifest (\(error))")
        }
        if manifest.format > currentFormat {
            throw .formatTooNew(file: fileName, found: UInt32(manifest.format), supported: UInt32(currentFormat))
        }
        if manifest.format < currentFormat {
            throw .formatTooOld(file: fileName, found: UInt32(manifest.format), supported: UInt32(currentFormat))
        }
        return manifest
    }

    /// Writes the manifest durably and atomically: the commit point.
    public func write(_ directory: IndexDirectory) throws(IndexError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data()
        try directory.writeAtomically(Self.fileName, Array(data))
    }

    /// The names of every file this manifest needs.
    public var fileNames: Set<String> {
        var names: Set<String> = [Self.fileName]
        for s in segments {
            names.insert(SegmentFormat.fileName(s.id))
            if s.deletesGeneration > 0 { names.insert(LiveDocuments.fileName(segment: s.id, generation: s.deletesGeneration)) }
        }
        return names
    }
}
