import Gongkai
import Hummingbird

/// Builds JSON responses from JSON text the engine already wrote (``SearchResult/json()``,
/// ``SubsidyChain/json()``, ``Record/maskedJSON()``), so the server never re-encodes a result.
enum JSONBody {
    /// The media type of every API response.
    static let contentType = "application/json; charset=utf-8"

    /// A response carrying `json` as its body.
    static func response(_ json: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: contentType, .init("X-Content-Type-Options")!: "nosniff", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: json))
        )
    }

    /// `{"error": message}`.
    static func error(_ message: String) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("error"); w.string(message)
        w.endObject()
        return w.text
    }
}
