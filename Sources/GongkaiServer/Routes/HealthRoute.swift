import Gongkai
import Hummingbird

/// `GET /healthz`: `{"status": "ok", "records": N}` while the index can be read.
struct HealthRoute {
    let engine: any SearchBackend

    func register(on router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in
            try respond()
        }
    }

    func respond() throws -> Response {
        let count: Int
        do {
            count = try engine.recordCount()
        } catch {
            throw error.apiError
        }
        var w = JSONWriter()
        w.beginObject()
        w.key("status"); w.string("ok")
        w.key("records"); w.int(count)
        w.endObject()
        return JSONBody.response(w.text)
    }
}
