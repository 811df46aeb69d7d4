import Gongkai
import Hummingbird
import Logging

/// Turns every error a route or Hummingbird throws into `{"error": "…"}`: ``APIError`` and
/// `QueryError` keep their status, Hummingbird's own errors (such as the router's 404) keep
/// theirs with a plain message, and anything unexpected is a logged 500.
struct JSONErrorMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let response = try Self.response(for: error, request: request, context: context)
            return request.method == .head ? response.createHeadResponse() : response
        }
    }

    static func response(for error: any Error, request: Request, context: Context) throws -> Response {
        switch error {
        case let error as APIError:
            return try error.response(from: request, context: context)
        case let error as QueryError:
            return try error.response(from: request, context: context)
        case let error as EngineError:
            if error.code != .notFound { context.logger.error("engine error: \(error)") }
            return try error.apiError.response(from: request, context: context)
        case let error as HTTPError:
            return try APIError(error.status, message(for: error, request: request), headers: error.headers)
                .response(from: request, context: context)
        case let error as any HTTPResponseError:
            return try APIError(error.status, error.status.reasonPhrase.lowercased())
                .response(from: request, context: context)
        default:
            context.logger.error("unexpected error: \(error)")
            return try APIError(.internalServerError, "the server failed to answer; the error has been logged")
                .response(from: request, context: context)
        }
    }

    static func message(for error: HTTPError, request: Request) -> String {
        if let body = error.body { return body }
        switch error.status {
        case .notFound:
            return "there is nothing at \(request.uri.path.prefix(200)); try /search?q=…, /records/{id}, /subsidies/{item} or /healthz"
        default:
            return error.status.reasonPhrase.lowercased()
        }
    }
}
