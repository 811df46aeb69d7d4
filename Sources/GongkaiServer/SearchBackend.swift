import Gongkai

/// What the routes need from an engine. ``SearchEngine`` is the one real implementation; the
/// protocol exists so the server's tests can drive the HTTP layer with a canned backend.
protocol SearchBackend: Sendable {
    /// Answers a search.
    func search(_ request: SearchRequest) throws -> SearchResult
    /// The record with `id`, or `nil`.
    func record(id: String) throws(EngineError) -> Record?
    /// The disclosure chain of one subsidy item.
    func chain(item: String, limit: Int) throws -> SubsidyChain
    /// The number of records.
    func recordCount() throws(EngineError) -> Int
}

extension SearchEngine: SearchBackend {}
