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
    /// is called directly from the handler. With the cache on, a repeated request target is
    /// answered from the engine's answer cache before its query string is even parsed.
    func respond(to request: Request) throws -> Response {
        let target = request.head.path ?? "/"
        do {
            guard useCache else {
                var searchRequest = try SearchRequest(target: target)
                searchRequest.useCache = false
                return JSONBody.response(try engine.searchJSON(searchRequest))
            }
            return JSONBody.response(try engine.searchJSON(key: target) { try SearchRequest(target: target) })
        } catch let error as EngineError {
            throw error.apiError
        }
    }
}
