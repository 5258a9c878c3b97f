import AsyncHTTPClient
import Foundation
import Logging
import SitcenAlerts
import SitcenConsole
import SitcenDomain
import SitcenIngest
import SitcenKeys
import SitcenRemote
import SitcenSender
import SitcenServer
import SitcenStore
import SitcenTestSupport
import Testing

/// The remote console's data source against a real centre in this process: the stream, the
/// cache, the link, and the scope that the server enforces whatever the client asks.
@Suite(.serialized, .timeLimit(.minutes(2))) struct RemoteConsoleTests {
    /// A centre with alerts and the stream, holding reports of KZ-EAST (KZ-KHR) and KG-SOUTH
    /// (KG-OSH), and a big heroin seizure in each sector (so each has an alert).
    static func centre(_ name: String, port: Int = 0) async throws -> (TestCentre, AlertStore) {
        let dir = SitcenBinary.temporaryDirectory(name)
        let store = try SQLiteStore(path: dir.appendingPathComponent("sitcen.sqlite").path, durability: .full)
        let registry = try TestStore.sampleRegistry()
        var lines: [String] = []
        for i in 0..<30 { lines.append(TestStore.line(id: "khr-\(i)", post: "KZ-KHR")) }
        for i in 0..<20 { lines.append(TestStore.line(id: "osh-\(i)", post: "KG-OSH")) }
        lines.append(TestStore.line(id: "big-khr", post: "KZ-KHR", quantity: 120))
        lines.append(TestStore.line(id: "big-osh", post: "KG-OSH", quantity: 150))
        _ = try Ingestor(store: store, registry: registry).ingest(path: try TestStore.write(lines, to: dir, name: "feed.jsonl"))
        let alerts = try bigOpiateAlerts(store: store, registry: registry, dir: dir)
        let c = try await TestCentre(store: store, dir: dir, extensions: [AlertRoutes(alerts: alerts), StreamRoutes(alerts: alerts)]) {
            $0.port = port
        }
        return (c, alerts)
    }

    static func remote(_ c: TestCentre, token: String, cache: String, url: String? = nil) throws -> RemoteSource {
        var o = RemoteSource.Options(url: url ?? c.base, token: token, cachePath: cache)
        o.connectTimeout = 20
        let r = try RemoteSource.open(o)
        r.follower.idleTimeout = 3
        r.follower.maxBackoff = 1
        return r
    }

    /// Waits without holding one of the few threads that the server in this process also needs.
    static func waitUntil(_ seconds: Double, _ condition: () throws -> Bool) async rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        return try condition()
    }

    /// Runs blocking client work (the remote source's calls wait for their answers) on a thread
    /// of its own, not on the concurrency pool that serves the centre in this process.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { cont in
            Thread { cont.resume(with: Result { try work() }) }.start()
        }
    }

    /// Another centre process on the same store, keys and port (a restart). The port may take
    /// a moment to be free again: it is tried for up to 20 s, and a failure fails the test
    /// rather than hanging it.
    static func restart(_ c: TestCentre, alerts: AlertStore) async throws -> (CentreServer, Task<Void, Never>) {
        var lastError: (any Error)?
        for _ in 0..<100 {
            var config = ServerConfig(keysPath: c.keysPath)
            config.port = c.port
            var logger = Logger(label: "test.serve")
            logger.logLevel = .critical
            let server = try CentreServer(config: config, store: c.store, registry: try TestStore.sampleRegistry(), logger: logger,
                                          extensions: [AlertRoutes(alerts: alerts), StreamRoutes(alerts: alerts)])
            let (stream, cont) = AsyncStream<Int>.makeStream()
            let failure = ErrorBox()
            let task = Task {
                do { try await server.run(gracefulShutdownSignals: []) { port in cont.yield(port) } } catch { failure.set(error) }
                cont.finish()
            }
            var started = false
            for await _ in stream { started = true; break }
            if started { return (server, task) }
            lastError = failure.get()
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        throw lastError ?? RemoteError("the centre could not listen on port \(c.port) again")
    }

    @Test func theCacheFollowsTheStreamInScopeAndCatchesUpAfterARestartWithNoGapOrDuplicate() async throws {
        // A port outside the ephemeral range, so that no other test takes it while the centre is down.
        let (c, alerts) = try await Self.centre("remote-follow", port: Loopback.freePortForRestart())
        let cachePath = c.dir.appendingPathComponent("blo-cache.sqlite").path
        let blo = try await Self.offPool { try Self.remote(c, token: c.bloToken, cache: cachePath) }
        defer { blo.close() }
        #expect(blo.op == Operator(name: "aliya", role: .blo, sector: "KZ-EAST"))
        #expect(blo.registry.posts.allSatisfy { $0.sector == "KZ-EAST" }, "the registry comes from the centre, scoped")
        try await Self.offPool { blo.start(catchUpSeconds: 10) }
        func scoped() throws -> [Int64] {
            try c.store.reports(ReportQuery(sector: "KZ-EAST", includeSuperseded: true, limit: 0, newestFirst: false)).map(\.seq)
        }
        #expect(try await Self.waitUntil(10) { try blo.cache.allSeqs() == scoped() })
        #expect(try blo.cache.reports(ReportQuery(limit: 0)).allSatisfy { $0.report.post == "KZ-KHR" })
        #expect(try await Self.waitUntil(5) { try blo.alerts(for: blo.op).count == 1 }, "only the KZ-EAST alert")

        // Live: a post sends; the report is in the cache (and so on screen) in moments.
        let sent = Date()
        _ = try await c.client().send(batch(3, prefix: "live"))
        _ = try await c.client(post: "KG-OSH").send(batch(2, post: "KG-OSH", prefix: "live-osh"))
        #expect(try await Self.waitUntil(5) { try blo.cache.allSeqs() == scoped() })
        print("remote: POST to the BLO's cache in \(Int(Date().timeIntervalSince(sent) * 1000)) ms")

        // The centre goes away: the link is down, and says since when.
        await c.stop()
        #expect(await Self.waitUntil(10) { blo.link?.up == false })
        let down = try #require(blo.link)
        #expect(down.downSince != nil)
        #expect(down.banner(strings: Strings(.en), offset: 0)?.contains("LINK DOWN since") == true)
        // Actions need the link, and say so.
        let id = try #require(try blo.alerts(for: blo.op).first?.id)
        #expect(throws: RemoteError.self) { try blo.triage(.acknowledge, alert: id, by: blo.op) }
        do { _ = try blo.triage(.acknowledge, alert: id, by: blo.op) } catch {
            #expect("\(error)".contains("link to the centre is down") && "\(error)".contains("was not sent"))
        }
        // Reports committed while the console is cut off…
        _ = try Ingestor(store: c.store, registry: try TestStore.sampleRegistry())
            .ingest(path: try TestStore.write((0..<5).map { TestStore.line(id: "gap-\($0)", post: $0 % 2 == 0 ? "KZ-KHR" : "KG-OSH") },
                                              to: c.dir, name: "gap.jsonl"))
        // …arrive when it is back: same set as the centre's, none twice.
        let (server, task) = try await Self.restart(c, alerts: alerts)
        defer { Task { await server.shutdown(); await task.value } }
        #expect(await Self.waitUntil(15) { blo.link?.up == true })
        #expect(try await Self.waitUntil(10) { try blo.cache.allSeqs() == scoped() })
        let seqs = try blo.cache.allSeqs()
        #expect(Set(seqs).count == seqs.count)
        #expect(try blo.cache.reports(ReportQuery(limit: 0)).filter { $0.report.id.hasPrefix("gap-") }.count == 3)
        // With the link back, the action goes through, under the operator's name.
        #expect(try await Self.offPool { try blo.triage(.acknowledge, alert: id, by: blo.op) } == "alert \(id) acknowledged")
        #expect(try await Self.waitUntil(5) { try blo.alerts(for: blo.op).first?.state == .acknowledged })
        #expect(try AlertService(alerts).show(id, for: .system).alert.acknowledgedBy == "aliya")
        // Resolved at the centre: it leaves the queue (only the change goes on the link), and
        // the queue kept for an offline start follows.
        _ = try AlertService(alerts).resolve(id, reason: .truePositive, note: nil, by: Operator(name: "dana", role: .duty))
        #expect(try await Self.waitUntil(5) { try blo.alerts(for: blo.op).isEmpty })
        #expect(try await Self.waitUntil(5) { try blo.cache.metaValue("remote_alerts")?.contains("\"alerts\":[]") == true })
    }

    @Test func aConsoleStartsFromItsCacheWhenTheCentreIsUnreachable() async throws {
        let (c, _) = try await Self.centre("remote-offline")
        let cachePath = c.dir.appendingPathComponent("duty-cache.sqlite").path
        let duty = try await Self.offPool { try Self.remote(c, token: c.dutyToken, cache: cachePath) }
        try await Self.offPool { duty.start(catchUpSeconds: 10) }
        let held = try duty.cache.allSeqs()
        #expect(held.count == 52)
        duty.close()
        await c.stop()

        let again = try await Self.offPool { try Self.remote(c, token: c.dutyToken, cache: cachePath) }
        defer { again.close() }
        #expect(again.link?.up == false)
        #expect(again.op.name == "dana")
        #expect(try again.reports(ReportQuery(limit: 0)).count == 52, "the views draw from the cache")
        #expect(try again.alerts(for: again.op).count == 2, "the last alert queue received")
        #expect(throws: RemoteError.self) { try again.shiftReport(for: again.op, to: .now(), seconds: 3600, offset: 0) }

        // No cache and no centre: nothing to show, and the error says both.
        do {
            _ = try await Self.offPool { try Self.remote(c, token: c.dutyToken, cache: c.dir.appendingPathComponent("none.sqlite").path) }
            Issue.record("opened with neither a centre nor a cache")
        } catch {
            #expect("\(error)".contains("cannot reach the centre") || "\(error)".contains("connect"))
            #expect("\(error)".contains("no cache"))
        }
    }

    @Test func aRevokedTokenEndsTheStreamWithinSeconds() async throws {
        let (c, _) = try await Self.centre("remote-revoke")
        defer { Task { await c.stop() } }
        let blo = try await Self.offPool { try Self.remote(c, token: c.bloToken, cache: c.dir.appendingPathComponent("c.sqlite").path) }
        defer { blo.close() }
        try await Self.offPool { blo.start(catchUpSeconds: 10) }
        #expect(blo.link?.up == true)
        var keys = try KeysFile.load(path: c.keysPath)
        _ = try keys.revoke("aliya")
        try keys.save(path: c.keysPath)
        let revoked = Date()
        #expect(await Self.waitUntil(10) { blo.link?.tokenRefused != nil })
        let seconds = Date().timeIntervalSince(revoked)
        print("remote: revocation reached the open stream in \(String(format: "%.1f", seconds)) s")
        #expect(seconds < 5)
        #expect(blo.link?.banner(strings: Strings(.en), offset: 0)?.contains("TOKEN REFUSED") == true)
        // And a new console with that token is refused outright (no cache to fall back on is
        // not the point: the message names the token).
        do {
            _ = try await Self.offPool { try Self.remote(c, token: c.bloToken, cache: c.dir.appendingPathComponent("c2.sqlite").path) }
            Issue.record("a revoked token opened a console")
        } catch {
            #expect("\(error)".contains("token"))
        }
    }

    /// A centre restored from a backup has a shorter log than the console's cache, and hands
    /// out those numbers again: the console sees that its cache is no longer a copy of the log
    /// and catches up again, so the new rows are not taken for repeats of the lost ones.
    @Test func aCentreRestoredFromABackupTrimsTheCache() async throws {
        let dir = SitcenBinary.temporaryDirectory("remote-restore")
        let registry = try TestStore.sampleRegistry()
        let early = try TestStore.write((0..<40).map { TestStore.line(id: "e\($0)") }, to: dir, name: "early.jsonl")
        let late = try TestStore.write((0..<12).map { TestStore.line(id: "late\($0)") }, to: dir, name: "late.jsonl")
        let current = try SQLiteStore(path: dir.appendingPathComponent("current.sqlite").path)
        _ = try Ingestor(store: current, registry: registry).ingest(path: early)
        _ = try Ingestor(store: current, registry: registry).ingest(path: late)
        let restored = try SQLiteStore(path: dir.appendingPathComponent("restored.sqlite").path)
        _ = try Ingestor(store: restored, registry: registry).ingest(path: early)

        let cachePath = dir.appendingPathComponent("cache.sqlite").path
        let a = try await TestCentre(store: current, dir: dir.appendingPathComponent("a"), extensions: [StreamRoutes(alerts: nil)])
        let first = try await Self.offPool { try Self.remote(a, token: a.dutyToken, cache: cachePath) }
        try await Self.offPool { first.start(catchUpSeconds: 10) }
        #expect(try await Self.waitUntil(10) { try first.cache.allSeqs().count == 52 })
        first.close()
        await a.stop()

        let b = try await TestCentre(store: restored, dir: dir.appendingPathComponent("b"), extensions: [StreamRoutes(alerts: nil)])
        defer { Task { await b.stop() } }
        _ = try Ingestor(store: restored, registry: registry)
            .ingest(path: try TestStore.write((0..<5).map { TestStore.line(id: "after\($0)") }, to: dir, name: "after.jsonl"))
        let second = try await Self.offPool { try Self.remote(b, token: b.dutyToken, cache: cachePath) }
        defer { second.close() }
        second.start()
        #expect(try await Self.waitUntil(15) { try second.cache.allSeqs() == restored.allSeqs() })
        let ids = try second.cache.reports(ReportQuery(limit: 0)).map(\.report.id)
        #expect(ids.filter { $0.hasPrefix("after") }.count == 5)
        #expect(ids.filter { $0.hasPrefix("late") }.isEmpty)
    }

    /// The remote console over TLS with a centre's own CA; with another CA it is refused, and
    /// the error says why and what to do.
    @Test func overTLSWithTheCentresCAAndRefusedWithAnother() async throws {
        let pki = try TestPKI()
        try pki.makeCA("ca")
        try pki.makeCA("other-ca")
        try pki.makeServer("server", ca: "ca")
        let dir = SitcenBinary.temporaryDirectory("remote-tls")
        let store = try SQLiteStore(path: dir.appendingPathComponent("sitcen.sqlite").path)
        _ = try Ingestor(store: store, registry: try TestStore.sampleRegistry())
            .ingest(path: try TestStore.write((0..<6).map { TestStore.line(id: "t\($0)", post: $0 < 4 ? "KZ-KHR" : "KG-OSH") }, to: dir, name: "f.jsonl"))
        let c = try await TestCentre(store: store, dir: dir, extensions: [StreamRoutes(alerts: nil)]) { config in
            config.tlsCertPath = pki.path("server.pem")
            config.tlsKeyPath = pki.path("server.key")
        }
        defer { Task { await c.stop() } }
        let https = "https://127.0.0.1:\(c.port)"
        var o = RemoteSource.Options(url: https, token: c.bloToken, caFile: pki.path("ca.pem"), cachePath: dir.appendingPathComponent("c.sqlite").path)
        o.connectTimeout = 20
        let options = o
        let blo = try await Self.offPool { try RemoteSource.open(options) }
        defer { blo.close() }
        try await Self.offPool { blo.start(catchUpSeconds: 10) }
        #expect(blo.link?.up == true)
        #expect(try await Self.waitUntil(10) { try blo.cache.allSeqs().count == 4 })

        var wrong = options
        wrong.caFile = pki.path("other-ca.pem")
        wrong.cachePath = dir.appendingPathComponent("c2.sqlite").path
        let w = wrong
        do {
            _ = try await Self.offPool { try RemoteSource.open(w) }
            Issue.record("a certificate of another CA was accepted")
        } catch {
            #expect("\(error)".contains("not trusted"), "\(error)")
            #expect("\(error)".contains("--ca-file"), "\(error)")
        }
    }

    /// A client that edits its own requests (another sector, another `since`, another alert's
    /// id) gets nothing outside its scope.
    @Test func aClientThatEditsItsRequestsGetsNothingOutsideItsScope() async throws {
        let (c, alerts) = try await Self.centre("remote-tamper")
        defer { Task { await c.stop() } }
        let blo = c.bloToken
        let other = try #require(try AlertService(alerts).list(for: .system).first { $0.labels.contains { $0.value == "KG-OSH" } }?.id)
        #expect(try await c.get("/v1/stream?sector=KG-SOUTH", token: blo).status == 403)
        #expect(try await c.get("/v1/reports?sector=KG-SOUTH", token: blo).status == 403)
        #expect(try await c.get("/v1/reports?post=KG-OSH", token: blo).status == 403)
        #expect(try await c.get("/v1/posts?sector=KG-SOUTH", token: blo).status == 403)
        #expect(try await c.get("/v1/export?format=jsonl&sector=KG-SOUTH", token: blo).status == 403)
        #expect(try await c.get("/v1/alerts/\(other)", token: blo).status == 404)
        #expect(try await c.request(.post, "/v1/alerts/\(other)/ack", headers: [("Authorization", "Bearer \(blo)")]).status == 404)

        // Any `since`, and any Last-Event-ID: only KZ-EAST comes back.
        for since in ["0", "1", "25", "40"] {
            let text = try await Self.readStream(c, path: "/v1/stream?since=\(since)", token: blo, headers: [("Last-Event-ID", since)])
            #expect(text.contains("event: hello"))
            #expect(!text.contains("KG-OSH"), "since=\(since)")
            #expect(!text.contains("KG-SOUTH"), "since=\(since)")
        }
        let all = try await Self.readStream(c, path: "/v1/stream?since=0", token: c.dutyToken)
        #expect(all.contains("KG-OSH"))

        let export = try await c.get("/v1/export?format=jsonl", token: blo)
        let text = String(decoding: export.body, as: UTF8.self)
        #expect(export.status == 200)
        #expect(text.split(separator: "\n").count == 31)
        #expect(!text.contains("KG-OSH"))
        let shift = String(decoding: try await c.get("/v1/report/shift?since=3650d", token: blo).body, as: UTF8.self)
        #expect(shift.contains("KZ-KHR") && !shift.contains("KG-OSH"))
    }

    /// Reads an event stream for a moment, then hangs up.
    static func readStream(_ c: TestCentre, path: String, token: String, headers: [(String, String)] = [], seconds: Double = 1.5) async throws -> String {
        var r = HTTPClientRequest(url: c.base + path)
        r.headers.add(name: "Authorization", value: "Bearer \(token)")
        for (k, v) in headers { r.headers.add(name: k, value: v) }
        let resp = try await HTTPClient.shared.execute(r, timeout: .seconds(10))
        let got = ByteBox()
        let reader = Task {
            for try await chunk in resp.body { got.append(Array(chunk.readableBytesView)) }
        }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
        reader.cancel()
        return String(decoding: got.bytes, as: UTF8.self)
    }
}

final class ByteBox: @unchecked Sendable {
    private let lock = NSLock()
    private var _bytes: [UInt8] = []
    func append(_ b: [UInt8]) { lock.withLock { _bytes += b } }
    var bytes: [UInt8] { lock.withLock { _bytes } }
}

final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?
    func set(_ e: any Error) { lock.withLock { error = e } }
    func get() -> (any Error)? { lock.withLock { error } }
}
