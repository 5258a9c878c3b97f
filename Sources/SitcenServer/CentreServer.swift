import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import ServiceLifecycle
import UnixSignals
import SitcenDomain
import SitcenKeys
import SitcenStore
import SitcenText

/// The centre's HTTP server (`sitcen serve`): posts send signed reports, operators read with
/// bearer tokens, `/healthz` and `/metrics` for operations, and the drop folder beside it.
///
///     let server = try CentreServer(config: config, store: store, registry: registry)
///     try await server.run()          // until SIGTERM/SIGINT or `shutdown()`
///     try store.close()
public final class CentreServer: Sendable {
    public let config: ServerConfig
    public let store: SQLiteStore
    public let registry: Registry
    public let keys: KeyRing
    public let metrics: ServerMetrics
    public let committer: GroupCommitter
    public let logger: Logger
    let extensions: [any OperatorRoutes]
    private let group = Locked<ServiceGroup?>(nil)
    private let health = Locked<(at: UInt64, problem: String?)?>(nil)

    /// `extensions` add routes under `/v1` behind the operators' tokens (alerts, silences…).
    public init(config: ServerConfig, store: SQLiteStore, registry: Registry,
                logger: Logger = Logger(label: "sitcen.serve"), metrics: ServerMetrics = ServerMetrics(),
                extensions: [any OperatorRoutes] = []) throws {
        self.config = config; self.store = store; self.registry = registry
        self.logger = logger; self.metrics = metrics; self.extensions = extensions
        keys = try KeyRing(path: config.keysPath, logger: logger)
        committer = GroupCommitter(store: store, maxItems: config.maxItemsPerCommit) { [metrics] requests, items, seconds in
            metrics.commit(requests: requests, items: items, seconds: seconds)
        }
    }

    public var centre: CentreContext { CentreContext(store: store, registry: registry, metrics: metrics, config: config, keys: keys) }

    /// The router with every route, for embedding in another application.
    public func makeRouter() -> Router<SitcenContext> {
        let router = Router(context: SitcenContext.self)
        router.add(middleware: RequestLogMiddleware(metrics: metrics, logger: logger))
        let intake = ReportIntake(config: config, keys: keys, registry: registry, committer: committer,
                                  metrics: metrics, logger: logger)
        router.post("/v1/reports") { request, _ in await intake.handle(request) }
        router.get("/healthz") { _, _ in self.healthAnswer() }
        router.get("/metrics") { _, _ in self.metricsAnswer() }
        let api = router.group("/v1").add(middleware: OperatorAuthMiddleware(keys: keys))
        let centre = centre
        ReadRoutes().addRoutes(to: api, centre: centre)
        ExportRoutes().addRoutes(to: api, centre: centre)
        for e in extensions { e.addRoutes(to: api, centre: centre) }
        return router
    }

    /// Runs the server (and the drop folder, when configured) until one of `gracefulShutdownSignals`
    /// or `shutdown()`: then it stops taking connections, lets requests in flight finish (their
    /// commits included), and returns. `onRunning` gets the port it listens on.
    public func run(gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint],
                    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let logger = logger
        let tls = try ServerTLS.load(certPath: config.tlsCertPath, keyPath: config.tlsKeyPath)
        let scheme = tls == nil ? "http" : "https"
        if let tls, tls.notValidAfter < Date() {
            logger.warning("sitcen serve: the TLS certificate \(config.tlsCertPath ?? "") expired at \(ISO8601DateFormatter().string(from: tls.notValidAfter)); clients will refuse it until it is renewed")
        }
        if tls == nil && !ServerTLS.isLoopback(config.host) {
            logger.warning("sitcen serve: plain HTTP on \(config.host), which is not a loopback address: plain HTTP is meant for loopback or behind a reverse proxy that terminates TLS; give --tls-cert and --tls-key to serve HTTPS (Docs/http.md, Deployments)")
        }
        let app = Application(
            router: makeRouter(),
            server: try tls.map { try .tls(.http1(), tlsConfiguration: $0.configuration) } ?? .http1(),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "sitcen"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.info("sitcen serve: listening on \(scheme)://\(channel.localAddress?.ipAddress ?? "?"):\(port)")
                await onRunning(port)
            },
            logger: logger)
        var services: [any Service] = [app]
        if let dir = config.spoolDirectory {
            let drop = DropFolder(directory: dir, store: store, registry: registry, metrics: metrics,
                                  logger: logger, pollMilliseconds: config.spoolPollMilliseconds)
            try drop.prepare()
            services.append(drop)
        }
        let serviceGroup = ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: gracefulShutdownSignals, logger: logger))
        group.withLock { $0 = serviceGroup }
        try await serviceGroup.run()
        logger.info("sitcen serve: stopped; requests in flight were answered")
    }

    /// Starts a graceful shutdown, as SIGTERM does.
    public func shutdown() async {
        if let g = group.withLock({ $0 }) { await g.triggerGracefulShutdown() }
    }

    /// The store's writability, probed at most once a second.
    public func writeProblem() -> String? {
        let now = Clock.monotonicNanos()
        if let h = health.withLock({ $0 }), now &- h.at < 1_000_000_000 { return h.problem }
        let problem = store.writeProblem()
        health.withLock { $0 = (now, problem) }
        return problem
    }

    func healthAnswer() -> Response {
        let problem = writeProblem()
        let lastSeq = (try? store.lastSeq()) ?? 0
        if let problem {
            return Answer.json(.serviceUnavailable, .object([("status", .string("unavailable")), ("writable", .bool(false)),
                                                             ("reason", .string(problem)), ("last_seq", .int(lastSeq))]))
        }
        return Answer.json(.ok, .object([("status", .string("ok")), ("writable", .bool(true)), ("last_seq", .int(lastSeq))]))
    }

    func metricsAnswer() -> Response {
        if let statuses = try? store.postStatus() { metrics.updatePostAges(statuses) }
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: metrics.emit())))
    }
}

/// One log line a request (method, path, status, time, who), and the request metrics.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = SitcenContext
    let metrics: ServerMetrics
    let logger: Logger

    func handle(_ request: Request, context: SitcenContext,
                next: (Request, SitcenContext) async throws -> Response) async throws -> Response {
        let start = Clock.monotonicNanos()
        let status: Int
        do {
            let response = try await next(request, context)
            status = response.status.code
            finish(request, context, status, start)
            return response
        } catch {
            status = (error as? any HTTPResponseError)?.status.code ?? 500
            finish(request, context, status, start)
            throw error
        }
    }

    private func finish(_ request: Request, _ context: SitcenContext, _ status: Int, _ start: UInt64) {
        let seconds = Double(Clock.monotonicNanos() - start) / 1e9
        let route = context.endpointPath ?? "unmatched"
        metrics.request(method: request.method.rawValue, route: route, status: status, seconds: seconds)
        var who = ""
        if let post = request.headers[.sitcenPost] { who = " post=" + TextSafety.terminal(String(post.prefix(64))) }
        logger.info("\(request.method.rawValue) \(TextSafety.terminal(String(request.uri.path.prefix(200)))) \(status) \(String(format: "%.1f", seconds * 1000)) ms\(who)")
    }
}
