/// The one entry point of Gongkai: opens an index directory, ingests and deletes records,
/// and answers searches, record look-ups and subsidy chains.
///
/// An engine is safe to share: any number of tasks may search at once while one ingest runs;
/// each search sees one whole commit, never part of one. Another process's commits become
/// visible to an open engine at its next search.
///
/// ```swift
/// let engine = try SearchEngine.open(directory: "index")
/// let report = try engine.ingest([.file("payouts.jsonl")])
/// let result = try engine.search(SearchRequest(query: "水稻", filters: [try Filter(parsing: "level=村级")]))
/// print(result.total, result.amountSum)
/// ```
public final class SearchEngine: Sendable {
    /// Opens the index in `directory`, creating it when absent (unless `readOnly`).
    ///
    /// - Throws: ``EngineError`` when the directory cannot be created or holds a damaged or
    ///   incompatible index.
    public static func open(directory: String, readOnly: Bool = false) throws(EngineError) -> SearchEngine {
        throw EngineError(.io, "the engine is not built yet")
    }

    /// Ingests JSON Lines from `inputs`: each valid line is stored and indexed (replacing any
    /// record with the same id); each invalid line is reported and skipped. Records are
    /// committed in batches of `batchSize`; a committed record survives any later crash.
    public func ingest(_ inputs: [IngestInput], batchSize: Int = 100_000,
                       progress: (@Sendable (IngestProgress) -> Void)? = nil) throws(EngineError) -> IngestReport {
        throw EngineError(.io, "the engine is not built yet")
    }

    /// Stores and indexes `records` in one commit, replacing records with the same ids.
    public func ingest(records: [Record]) throws(EngineError) -> IngestReport {
        throw EngineError(.io, "the engine is not built yet")
    }

    /// Deletes the records with these ids in one commit; returns how many existed.
    public func delete(ids: [String]) throws(EngineError) -> Int {
        throw EngineError(.io, "the engine is not built yet")
    }

    /// Answers a search.
    ///
    /// - Throws: ``QueryError`` for a request that breaks a rule or a limit; ``EngineError``
    ///   when the index cannot be read.
    public func search(_ request: SearchRequest) throws -> SearchResult {
        throw EngineError(.io, "the engine is not built yet")
    }

    /// The record with `id`, or `nil` when there is none. Output paths must mask it
    /// (``Record/maskedJSON()``).
    public func record(id: String) throws(EngineError) -> Record? {
        throw EngineError(.io, "the engine is not built yet")
    }

    /// The disclosure chain of one subsidy item (contract §6), with up to `limit` payout rows.
    public func chain(item: String, limit: Int = 20) throws -> SubsidyChain {
        throw EngineError(.io, "the engine is not built yet")
    }

    /// The number of records in the latest commit.
    public func recordCount() throws(EngineError) -> Int {
        throw EngineError(.io, "the engine is not built yet")
    }
}
