import Gongkai
import Hummingbird

/// A failure answered as `{"error": "…"}` with an HTTP status: the one shape of every error
/// the server sends.
public struct APIError: Error, Sendable, HTTPResponseError, CustomStringConvertible {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A plain sentence saying what went wrong and, where it can, what to do.
    public var message: String
    /// Extra response headers, such as `Allow` on a 405.
    public var headers: HTTPFields

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    /// The status and the message, for logs.
    public var description: String { "\(status.code) \(message)" }

    /// The JSON error response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONBody.response(JSONBody.error(message), status: status)
        for field in headers { response.headers.append(field) }
        return response
    }
}

/// A search request that breaks a rule or a limit is the client's mistake: 400.
extension QueryError: HTTPResponseError {
    /// Always 400 Bad Request.
    public var status: HTTPResponse.Status { .badRequest }

    /// `{"error": message}` with status 400.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONBody.response(JSONBody.error(message), status: .badRequest)
    }
}

extension EngineError {
    /// The engine's failure as an HTTP error: 404 for a missing record, 503 for a locked index,
    /// 500 for anything else (the index, not the client, is at fault).
    var apiError: APIError {
        switch code {
        case .notFound: return APIError(.notFound, message)
        case .locked: return APIError(.serviceUnavailable, "the index is busy: \(message)")
        default: return APIError(.internalServerError, "the index could not be read: \(message)")
        }
    }
}
