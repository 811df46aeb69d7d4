import Foundation
import Gongkai
import Hummingbird
import Logging
import NIOCore

/// Where the Gongkai HTTP server listens and how much it logs.
public struct ServerConfiguration: Sendable {
    /// The address to bind, such as `127.0.0.1` (loopback only) or `0.0.0.0` (every interface).
    public var host: String
    /// The TCP port; `0` asks the system for a free one (the real port is passed to `onStarted`).
    public var port: Int
    /// The least severe log message printed (to standard error).
    public var logLevel: Logger.Level
    /// Whether searches may reuse the engine's cached matches and answers (off: every request
    /// is searched from the index, for measuring).
    public var useCache: Bool

    /// Creates a configuration.
    public init(host: String = "127.0.0.1", port: Int = 8080, logLevel: Logger.Level = .notice, useCache: Bool = true) {
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.useCache = useCache
    }
}

/// The Hummingbird application that serves one ``SearchEngine``: the JSON API of contract §5
/// and the search page. Run it with `runService()`, or drive it in tests with
/// HummingbirdTesting's `app.test(.live)`.
public typealias GongkaiApplication = Application<RouterResponder<BasicRequestContext>>

/// Builds the server for `engine`: routes, request limits and error mapping.
///
/// The page assets (`Public/`) are loaded from the target's resource bundle here, once, so a
/// missing bundle fails at start-up rather than on the first page view.
///
/// - Parameters:
///   - engine: The engine to answer from; the server only reads from it.
///   - configuration: Where to listen.
///   - onStarted: Called once the socket is bound, with the host and the real port (useful
///     with port `0`).
public func makeApplication(
    engine: SearchEngine,
    configuration: ServerConfiguration = ServerConfiguration(),
    onStarted: @escaping @Sendable (_ host: String, _ port: Int) -> Void = { _, _ in }
) -> GongkaiApplication {
    makeApplication(backend: engine, configuration: configuration, onStarted: onStarted)
}

/// Builds the server over any ``SearchBackend`` (tests pass a canned one).
func makeApplication(
    backend engine: any SearchBackend,
    configuration: ServerConfiguration,
    onStarted: @escaping @Sendable (_ host: String, _ port: Int) -> Void = { _, _ in }
) -> GongkaiApplication {
    let assets = PageAssets.load()
    let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: JSONErrorMiddleware())
    router.add(middleware: RequestLimitsMiddleware())
    SearchRoute(engine: engine, useCache: configuration.useCache).register(on: router)
    RecordRoute(engine: engine).register(on: router)
    SubsidyRoute(engine: engine).register(on: router)
    HealthRoute(engine: engine).register(on: router)
    PageRoute(assets: assets).register(on: router)
    OpenAPIRoute(assets: assets).register(on: router)

    let logger = Logger(label: "gongkai.server") { StandardErrorLogHandler(label: $0, logLevel: configuration.logLevel) }
    let host = configuration.host
    return Application(
        router: router,
        server: .http1(configuration: .init(
            idleTimeout: .seconds(60),
            httpDecoderConfiguration: .init(
                // NIO answers a header block over these with a bare 400 and a closed
                // connection; they sit well above RequestLimits so that the middleware,
                // which answers 431 in plain words, sees every request a client can
                // reasonably send.
                maxHeaderFieldSize: 4 * RequestLimits.headerBytes,
                maxHeaderListSize: 4 * RequestLimits.headerBytes,
                maxHeaderFieldCount: 1000
            )
        )),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "Gongkai"
        ),
        onServerRunning: { channel in
            onStarted(host, channel.localAddress?.port ?? configuration.port)
        },
        logger: logger
    )
}

/// Serves `engine` until the process receives SIGINT or SIGTERM.
///
/// - Parameters:
///   - engine: The engine to answer from.
///   - configuration: Where to listen.
///   - onStarted: Called once the socket is bound, with the host and the real port.
/// - Throws: When the address cannot be bound.
public func runServer(
    engine: SearchEngine,
    configuration: ServerConfiguration = ServerConfiguration(),
    onStarted: @escaping @Sendable (_ host: String, _ port: Int) -> Void = { _, _ in }
) async throws {
    try await makeApplication(engine: engine, configuration: configuration, onStarted: onStarted).runService()
}
