import Gongkai
import Hummingbird

/// `GET /search?q=&limit=&offset=&sort=&facet=&FIELD=VALUE…`: the search itself, answered
/// with ``SearchResult/json()``, the document `gongkai search --json` prints.
struct SearchRoute {
    let engine: any SearchBackend
    /// Whether searches may use the engine's caches.
    let useCache: Bool

    func register(on router: Router<BasicRequestContext>) {
        router.get("/search") { request, _ in
            try respond(to: request)
        }
    }

    /// Parses the query string and runs the search. The engine is synchronous and fast, so it
    /// is called directly from the handler.
    func respond(to request: Request) throws -> Response {
        var searchRequest = try SearchRequest(target: request.head.path ?? "/")
        searchRequest.useCache = useCache
        do {
            return JSONBody.response(try engine.searchJSON(searchRequest))
        } catch let error as EngineError {
            throw error.apiError
        }
    }
}
