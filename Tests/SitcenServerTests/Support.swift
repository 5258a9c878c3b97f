import AsyncHTTPClient
import Foundation
import Logging
import SitcenAlerts
import SitcenDomain
import SitcenIngest
import SitcenKeys
import SitcenSender
import SitcenServer
import SitcenStore
import SitcenTestSupport

/// A centre served in this process on 127.0.0.1 with a free port, with a temporary store and
/// keys file: posts KZ-KHR (sector KZ-EAST) and KG-OSH (KG-SOUTH), operators `duty` and `blo`
/// (KZ-EAST).
final class TestCentre: @unchecked Sendable {
    let dir: URL
    let store: SQLiteStore
    let server: CentreServer
    let keysPath: String
    let khr: PostKey
    let osh: PostKey
    let dutyToken: String
    let bloToken: String
    private(set) var port = 0
    private var task: Task<Void, any Error>?

    init(store existing: SQLiteStore? = nil, dir existingDir: URL? = nil, extensions: [any OperatorRoutes] = [],
         configure: (inout ServerConfig) -> Void = { _ in }) async throws {
        dir = existingDir ?? SitcenBinary.temporaryDirectory("sitcen-serve")
        store = try existing ?? SQLiteStore(path: dir.appendingPathComponent("sitcen.sqlite").path, durability: .full)
        keysPath = dir.appendingPathComponent("keys.yaml").path
        var keys = KeysFile()
        khr = try keys.addPost("KZ-KHR")
        osh = try keys.addPost("KG-OSH")
        dutyToken = try keys.addOperator(name: "dana", role: .duty, sector: nil)
        bloToken = try keys.addOperator(name: "aliya", role: .blo, sector: "KZ-EAST")
        try keys.save(path: keysPath)
        var config = ServerConfig(keysPath: keysPath)
        config.port = 0
        config.ratePerSecond = 1000
        config.rateBurst = 1000
        configure(&config)
        var logger = Logger(label: "test.serve")
        logger.logLevel = .warning
        server = try CentreServer(config: config, store: store, registry: try TestStore.sampleRegistry(), logger: logger,
                                  extensions: extensions)
        let (stream, cont) = AsyncStream<Int>.makeStream()
        let server = server
        // A server that cannot start ends the stream, so the test fails instead of waiting forever.
        task = Task {
            defer { cont.finish() }
            try await server.run(gracefulShutdownSignals: []) { port in cont.yield(port) }
        }
        for await p in stream { port = p; break }
        if port == 0 {
            if let task, case .failure(let error) = await task.result { throw error }
            throw StoreError("the test centre did not start")
        }
    }

    var base: String { "http://127.0.0.1:\(port)" }

    func stop() async {
        await server.shutdown()
        _ = try? await task?.value
    }

    func client(post: String = "KZ-KHR") -> SignedClient {
        SignedClient(url: base, post: post, key: post == "KG-OSH" ? osh : khr)
    }

    /// A raw request with any headers.
    func request(_ method: HTTPMethodName, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil) async throws -> CentreAnswer {
        var r = HTTPClientRequest(url: base + path)
        r.method = method == .get ? .GET : .POST
        for (k, v) in headers { r.headers.add(name: k, value: v) }
        if let body { r.body = .bytes(body) }
        let resp = try await HTTPClient.shared.execute(r, timeout: .seconds(60))
        var bytes: [UInt8] = []
        for try await chunk in resp.body { bytes.append(contentsOf: chunk.readableBytesView) }
        return CentreAnswer(status: Int(resp.status.code), body: bytes,
                            retryAfter: resp.headers.first(name: "Retry-After").flatMap { Int($0) })
    }

    enum HTTPMethodName { case get, post }

    /// Signed headers for `body`, as a post would send them.
    func signed(_ body: [UInt8], post: String = "KZ-KHR", key: PostKey? = nil, timestamp: Int64 = Int64(Date().timeIntervalSince1970),
                contentType: String = "application/x-ndjson") -> [(String, String)] {
        let k = key ?? (post == "KG-OSH" ? osh : khr)
        return [("Content-Type", contentType), ("X-Sitcen-Post", post), ("X-Sitcen-Timestamp", String(timestamp)),
                ("X-Sitcen-Signature", RequestSignature.sign(key: k, timestamp: timestamp, body: body))]
    }

    func get(_ path: String, token: String?) async throws -> CentreAnswer {
        try await request(.get, path, headers: token.map { [("Authorization", "Bearer \($0)")] } ?? [])
    }
}

/// JSON Lines of `n` valid reports of `post`, ids `prefix-0…`.
func batch(_ n: Int, post: String = "KZ-KHR", prefix: String = "r", from: Int = 0) -> [UInt8] {
    Array((from..<(from + n)).map { TestStore.line(id: "\(prefix)-\($0)", post: post) + "\n" }.joined().utf8)
}

func json(_ a: CentreAnswer) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(a.body)) as? [String: Any]) ?? [:]
}

func rows(_ store: SQLiteStore) throws -> Int { try store.counts().rows }

/// The alert store of `store` after one engine run of a rule `big-opiates`: a critical alert
/// per post for each opiate seizure of 50 kg or more.
func bigOpiateAlerts(store: SQLiteStore, registry: Registry, dir: URL) throws -> AlertStore {
    try alertStore(store: store, registry: registry, dir: dir, rule: """
        name: big-opiates
        type: threshold
        severity: critical
        description: "{quantity} {unit} of {substance} at {post}"
        filter: {type: seizure, category: opiates}
        value: quantity_kg
        gte: 50
        query_key: post
        """)
}

/// The alert store of `store` after one engine run of `rule` (one rule, YAML).
func alertStore(store: SQLiteStore, registry: Registry, dir: URL, rule: String) throws -> AlertStore {
    let rules = dir.appendingPathComponent("rules")
    try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
    try rule.write(to: rules.appendingPathComponent("rule.yaml"), atomically: true, encoding: .utf8)
    let alerts = try AlertStore(store: store, registry: registry)
    _ = try EngineRunner(alerts: alerts, rulesFolder: rules.path).runOnce()
    return alerts
}

/// A store in `dir` holding two big heroin seizures, one at KZ-KHR (KZ-EAST) and one at KG-OSH
/// (KG-SOUTH).
func twoSectorStore(_ label: String) throws -> (SQLiteStore, Registry, URL) {
    let dir = SitcenBinary.temporaryDirectory(label)
    let store = try SQLiteStore(path: dir.appendingPathComponent("sitcen.sqlite").path)
    let registry = try TestStore.sampleRegistry()
    let feed = try TestStore.write([TestStore.line(id: "h1", post: "KZ-KHR", quantity: 120),
                                    TestStore.line(id: "h2", post: "KG-OSH", quantity: 150)], to: dir, name: "feed.jsonl")
    _ = try Ingestor(store: store, registry: registry).ingest(path: feed)
    return (store, registry, dir)
}
