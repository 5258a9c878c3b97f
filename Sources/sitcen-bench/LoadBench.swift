import AsyncHTTPClient
import Foundation
import SitcenKeys
import SitcenSender
import SitcenStore

/// Load on `sitcen serve` over loopback: several connections send signed JSON Lines batches
/// (each request signed anew) for a while; reports/s and the time to answer (p50, p99). The
/// server is the release `sitcen` beside this binary, on a temporary store (synchronous=FULL)
/// and keys file. Options: --seconds N (60), --connections N (8), --batch N (100).
enum LoadBench {
    static let posts = ["KZ-KHR", "KZ-KOL", "KZ-DOS", "KG-OSH", "KG-IRK", "TJ-PNP", "UZ-AYR", "TM-SRH"]

    static func run(_ args: [String]) async throws {
        try Bench.requireSitcen()
        let seconds = Double(Bench.option(args, "--seconds") ?? "") ?? 60
        let connections = Int(Bench.option(args, "--connections") ?? "") ?? 8
        let batchSize = Int(Bench.option(args, "--batch") ?? "") ?? 100
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sitcen-bench-load-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { if !args.contains("--keep") { try? FileManager.default.removeItem(at: dir) } }

        var keys = KeysFile()
        var postKeys: [String: PostKey] = [:]
        for p in posts { postKeys[p] = try keys.addPost(p) }
        let keysPath = dir.appendingPathComponent("keys.yaml").path
        try keys.save(path: keysPath)
        let db = dir.appendingPathComponent("centre.sqlite").path
        let port = Loopback.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Bench.sitcen)
        server.arguments = ["serve", "--db", db, "--keys", keysPath, "--listen", "127.0.0.1:\(port)",
                            "--rate", "1000000", "--burst", "1000000", "--log-level", "warning"]
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        guard Loopback.waitListening(port: port, seconds: 30) else { throw BenchError("sitcen serve did not start") }

        #if DEBUG
        let build = "DEBUG build (use bash scripts/bench load for figures)"
        #else
        let build = "release build"
        #endif
        print("load benchmark: \(connections) connections, batches of \(batchSize) signed reports, \(Int(seconds)) s, \(build), synchronous=FULL store")
        var config = HTTPClient.Configuration()
        config.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connections
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
        let start = Date()
        let deadline = start.addingTimeInterval(seconds)
        let results = try await withThrowingTaskGroup(of: Worker.self) { group in
            for w in 0..<connections {
                let post = posts[w % posts.count]
                let client = SignedClient(url: "http://127.0.0.1:\(port)", post: post, key: postKeys[post]!, client: http)
                group.addTask { try await Worker.run(index: w, client: client, batchSize: batchSize, until: deadline) }
            }
            return try await group.reduce(into: [Worker]()) { $0.append($1) }
        }
        let elapsed = Date().timeIntervalSince(start)
        try await http.shutdown()
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()

        var latencies = results.flatMap(\.latencies).sorted()
        if latencies.isEmpty { latencies = [0] }
        let reports = results.reduce(0) { $0 + $1.reports }
        let requests = results.reduce(0) { $0 + $1.requests }
        let failures = results.reduce(0) { $0 + $1.failures }
        func pct(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] * 1000 }
        let stored = try SQLiteStore(path: db, readOnly: true).counts().rows
        print("  requests \(Bench.withThousands(requests)) (\(failures) not 200), reports \(Bench.withThousands(reports)) in \(Bench.fmt(elapsed, 1)) s")
        print("  throughput: \(Bench.withThousands(Int(Double(reports) / elapsed))) reports/s, \(Bench.fmt(Double(requests) / elapsed, 0)) requests/s (goal >= 5,000 reports/s)")
        print("  time to answer: p50 \(Bench.fmt(pct(0.50), 1)) ms, p99 \(Bench.fmt(pct(0.99), 1)) ms, max \(Bench.fmt(latencies.last! * 1000, 1)) ms (goal p99 < 50 ms)")
        print("  store holds \(Bench.withThousands(stored)) reports (every 200 was durable: \(stored == reports ? "yes" : "NO"))")
    }

    struct Worker: Sendable {
        var reports = 0
        var requests = 0
        var failures = 0
        var latencies: [Double] = []

        static func run(index: Int, client: SignedClient, batchSize: Int, until deadline: Date) async throws -> Worker {
            var w = Worker()
            var n = 0
            while Date() < deadline {
                var body: [UInt8] = []
                body.reserveCapacity(batchSize * 200)
                for _ in 0..<batchSize {
                    n += 1
                    body.append(contentsOf: #"{"id":"L\#(index)-\#(n)","post":"\#(client.post)","type":"seizure","observed_at":"2026-11-20T14:05:00+05:00","substance":"heroin","quantity":1.5,"unit":"kg","summary":"load test"}"#.utf8)
                    body.append(0x0A)
                }
                let t0 = DispatchTime.now().uptimeNanoseconds
                let answer = try await client.send(body)
                w.latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
                w.requests += 1
                if answer.status == 200 { w.reports += batchSize } else { w.failures += 1 }
            }
            return w
        }
    }


}
