import ArgumentParser
import Foundation
import SitcenAlerts
import Logging
import SitcenKeys
import SitcenServer
import SitcenStore

/// `sitcen serve`: the centre's HTTP interface (see Docs/http.md).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the centre's HTTP interface: signed reports from posts, the operators' API, a drop folder.",
        discussion: """
        Posts POST signed reports to /v1/reports (keys from `sitcen keys add-post`); operators read \
        /v1/reports and /v1/posts with a bearer token (`sitcen keys add-operator`). GET /healthz and \
        GET /metrics are for operations. With --spool DIR, feed files put in DIR/inbox are ingested \
        and moved to DIR/archive. With --tls-cert and --tls-key it serves HTTPS; plain HTTP is meant \
        for loopback, or behind a reverse proxy that terminates TLS. SIGTERM or Ctrl-C stops it \
        gracefully: requests in flight are answered first. See Docs/http.md.
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var registryOptions: RegistryOptions
    @Option(help: ArgumentHelp("The keys file. Default: $XDG_CONFIG_HOME/sitcen/keys.yaml.", valueName: "FILE"))
    var keys: String?
    @Option(help: ArgumentHelp("Address and port to listen on.", valueName: "HOST:PORT"))
    var listen = "127.0.0.1:8470"
    @Option(help: ArgumentHelp("A drop folder: files in DIR/inbox are ingested, then moved to DIR/archive.", valueName: "DIR"))
    var spool: String?
    @Option(help: "Requests a second each post may send (its token bucket's rate).")
    var rate = 20.0
    @Option(help: "Requests a post may send at once (its token bucket's size).")
    var burst = 40.0
    @Option(help: ArgumentHelp("Alert rules: the engine runs in the server on the same log (SIGHUP reloads them).", valueName: "DIR"))
    var rules: String?
    @Option(help: "Log level: debug, info, notice, warning, error.")
    var logLevel = "info"
    @Option(help: ArgumentHelp("Serve HTTPS with this certificate (PEM, the server's own first, then any intermediates); needs --tls-key.", valueName: "FILE"))
    var tlsCert: String?
    @Option(help: ArgumentHelp("The private key of --tls-cert (PEM, unencrypted).", valueName: "FILE"))
    var tlsKey: String?

    func validate() throws {
        if tlsCert != nil && tlsKey == nil {
            throw ValidationError("--tls-cert needs --tls-key FILE (the certificate's private key); give both for HTTPS, or neither for plain HTTP")
        }
        if tlsKey != nil && tlsCert == nil {
            throw ValidationError("--tls-key needs --tls-cert FILE (the server's certificate); give both for HTTPS, or neither for plain HTTP")
        }
    }

    static func parseListen(_ s: String) -> (String, Int)? {
        guard let colon = s.lastIndex(of: ":"), let port = Int(s[s.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        var host = String(s[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "127.0.0.1" : host, port)
    }

    func run() async throws {
        guard let (host, port) = ServeCommand.parseListen(listen) else {
            throw CLIError("--listen \(listen): give HOST:PORT, e.g. 127.0.0.1:8470")
        }
        guard let level = Logger.Level(rawValue: logLevel) else { throw CLIError("--log-level \(logLevel): use debug, info, notice, warning or error") }
        // The TLS files are checked before anything is opened, so a mistake there is the first thing said.
        do { _ = try ServerTLS.load(certPath: tlsCert, keyPath: tlsKey) } catch { throw CLIError("\(error)") }
        let keysPath = keys ?? KeysFile.defaultPath()
        guard FileManager.default.fileExists(atPath: keysPath) else {
            throw CLIError("no keys file at \(keysPath): add posts first (sitcen keys add-post CODE), or pass --keys FILE")
        }
        if let problem = KeysFile.permissionProblem(path: keysPath) { throw CLIError(problem) }
        let registry = try registryOptions.load()
        let db = try store.open(durability: .full)
        var config = ServerConfig(keysPath: keysPath)
        config.host = host
        config.port = port
        config.spoolDirectory = spool
        config.tlsCertPath = tlsCert
        config.tlsKeyPath = tlsKey
        config.ratePerSecond = rate
        config.rateBurst = burst
        var logger = Logger(label: "sitcen.serve")
        logger.logLevel = level
        // Alerts: the API always (the engine may run elsewhere); the engine here with --rules.
        let alerts = try LocalAlerts(store: db, registry: registry, rulesFolder: rules)
        alerts.runner?.logger = logger
        let server: CentreServer
        do {
            server = try CentreServer(config: config, store: db, registry: registry, logger: logger,
                                      extensions: [AlertRoutes(alerts: alerts.store), StreamRoutes(alerts: alerts.store)])
        } catch {
            throw CLIError("\(error)")
        }
        let metrics = server.metrics
        let alertStore = alerts.store
        alerts.runner?.onCommit = { _ in
            guard let list = try? AlertService(alertStore).list(for: .system, state: .all, includeSilenced: true) else { return }
            var counts: [String: Int] = ["firing": 0, "acknowledged": 0, "resolved": 0, "silenced": 0]
            for a in list { counts[a.isSilenced && a.isOpen ? "silenced" : a.state.rawValue, default: 0] += 1 }
            metrics.setAlerts(byState: counts)
        }
        alerts.start()
        let hangup = alerts.runner?.reloadOnHangup()
        defer { hangup?.cancel(); alerts.stop() }
        server.metrics.bootstrapMetricsSystem()
        do {
            try await server.run()
        } catch {
            try? db.close()
            throw CLIError("the server stopped: \(error)")
        }
        try db.close()
    }
}
