import Hummingbird

/// Refuses, before routing, what a read-only search API never accepts: methods other than GET
/// and HEAD (405), a request body (413), a request target over ``RequestLimits/urlBytes``
/// (414) and a header block over ``RequestLimits/headerBytes`` (431).
///
/// A refused body is not read by the route; Hummingbird drains it before the next request on
/// the same connection.
struct RequestLimitsMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            throw APIError(.methodNotAllowed, "this server is read-only: use GET or HEAD, not \(request.method.rawValue)",
                           headers: [.allow: "GET, HEAD"])
        }
        let targetBytes = request.head.path?.utf8.count ?? 0
        guard targetBytes <= RequestLimits.urlBytes else {
            throw APIError(.uriTooLong, "the address is \(targetBytes) bytes long; the limit is \(RequestLimits.urlBytes)")
        }
        var headerBytes = 0
        for field in request.headers {
            headerBytes += field.name.rawName.utf8.count + field.value.utf8.count + 4
        }
        guard headerBytes <= RequestLimits.headerBytes else {
            throw APIError(.requestHeaderFieldsTooLarge,
                           "the request headers are \(headerBytes) bytes long; the limit is \(RequestLimits.headerBytes)")
        }
        if request.headers[.transferEncoding] != nil
            || (request.headers[.contentLength].map { $0 != "0" } ?? false) {
            throw APIError(.contentTooLarge, "this server is read-only and takes no request body; send the search in the address")
        }
        return try await next(request, context)
    }
}
