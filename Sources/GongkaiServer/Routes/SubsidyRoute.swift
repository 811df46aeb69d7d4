import Gongkai
import Hummingbird

/// `GET /subsidies/{item}?limit=N`: the disclosure chain of one subsidy item (contract §6),
/// answered with ``SubsidyChain/json()``; 404 when no record mentions the item at all.
struct SubsidyRoute {
    let engine: any SearchBackend

    func register(on router: Router<BasicRequestContext>) {
        router.get("/subsidies/{item}") { request, context in
            try respond(rawItem: context.parameters.get("item") ?? "", target: request.head.path ?? "/")
        }
    }

    /// Builds the chain of the item named by `rawItem` once percent-decoded. The only query
    /// parameter is `limit`, the number of payout rows (1 to 1000, default 20).
    func respond(rawItem: String, target: String) throws -> Response {
        let item = try QueryParameters.decodePathSegment(rawItem)
        var limit = 20
        for (name, value) in try QueryParameters.parse(target: target) {
            guard name == "limit" else {
                throw APIError(.badRequest, "unknown parameter \"\(name.prefix(40))\"; a subsidy chain takes only limit")
            }
            guard value.utf8.count <= 9, let n = Int(value), (1...SearchLimits.limit).contains(n) else {
                throw APIError(.badRequest, "limit must be a whole number from 1 to \(SearchLimits.limit), not \"\(value.prefix(20))\"")
            }
            limit = n
        }
        let chain: SubsidyChain
        do {
            chain = try engine.chain(item: item, limit: limit)
        } catch let error as EngineError {
            throw error.apiError
        }
        if chain.policies.isEmpty, chain.procedures.isEmpty, chain.inspections.isEmpty,
           chain.feedback.isEmpty, chain.payouts.total == 0 {
            throw APIError(.notFound, "no record mentions the subsidy item \"\(item.prefix(200))\"")
        }
        return JSONBody.response(chain.json())
    }
}
