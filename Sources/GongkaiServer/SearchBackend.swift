import Gongkai

/// What the routes need from an engine. ``SearchEngine`` is the one real implementation; the
/// protocol exists so the server's tests can drive the HTTP layer with a canned backend.
protocol SearchBackend: Sendable {
    /// Answers a search.
    func search(_ request: SearchRequest) throws -> SearchResult
    /// Answers a search with the JSON document of `GET /search`.
    func searchJSON(_ request: SearchRequest) throws -> String
    /// Answers the search `key` names, parsing it with `request` only when no cached answer
    /// is kept under `key`.
    func searchJSON(key: String, request: () throws -> SearchRequest) throws -> String
    /// The record with `id`, or `nil`.
    func record(id: String) throws(EngineError) -> Record?
    /// The disclosure chain of one subsidy item.
    func chain(item: String, limit: Int) throws -> SubsidyChain
    /// The number of records.
    func recordCount() throws(EngineError) -> Int
}

extension SearchBackend {
    /// Encodes ``search(_:)``'s answer.
    func searchJSON(_ request: SearchRequest) throws -> String { try search(request).json() }
    /// Parses and answers the search (no cache).
    func searchJSON(key: String, request: () throws -> SearchRequest) throws -> String { try searchJSON(request()) }
}

extension SearchEngine: SearchBackend {}
