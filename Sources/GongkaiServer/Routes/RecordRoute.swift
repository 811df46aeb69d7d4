import Gongkai
import Hummingbird

/// `GET /records/{id}`: one record with its `id_number` masked, or 404.
struct RecordRoute {
    let engine: any SearchBackend

    func register(on router: Router<BasicRequestContext>) {
        router.get("/records/{id}") { _, context in
            try respond(rawID: context.parameters.get("id") ?? "")
        }
    }

    /// Looks up the record whose id is `rawID` once percent-decoded.
    func respond(rawID: String) throws -> Response {
        let id = try QueryParameters.decodePathSegment(rawID)
        let record: Record?
        do {
            record = try engine.record(id: id)
        } catch {
            throw error.apiError
        }
        guard let record else {
            throw APIError(.notFound, "no record has id \"\(id.prefix(200))\"")
        }
        return JSONBody.response(record.maskedJSON())
    }
}
