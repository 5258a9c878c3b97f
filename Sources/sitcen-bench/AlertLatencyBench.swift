import AsyncHTTPClient
import Foundation
import SitcenKeys
import SitcenSender

/// From a signed POST to `sitcen serve` (with the alert engine running in the server) to the
/// alert on the screen of a console in tmux attached to the same store: median and p99.
enum AlertLatencyBench {
    static func run(_ args: [String]) async throws {
        try Bench.requireSitcen()
        let samples = Int(Bench.option(args, "--samples") ?? "") ?? 40
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sitcen-bench-alert-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("sitcen.sqlite").path
        let keysPath = dir.appendingPathComponent("keys.yaml").path
        var keys = KeysFile()
        let key = try keys.addPost("KZ-KHR")
        try keys.save(path: keysPath)
        let rules = dir.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try """
        name: every-tip
        type: any
        severity: high
        description: "{summary}"
        filter: {type: tip}
        query_key: id
        """.write(to: rules.appendingPathComponent("tips.yaml"), atomically: true, encoding: .utf8)
        _ = try Bench.run(Bench.sitcen, ["ingest", "--db", db, "-"], stdin: "/dev/null")   // create the store

        let port = Loopback.freePort()
        let serve = Process()
        serve.executableURL = URL(fileURLWithPath: Bench.sitcen)
        serve.arguments = ["serve", "--db", db, "--keys", keysPath, "--listen", "127.0.0.1:\(port)", "--rules", rules.path, "--log-level", "error"]
        serve.standardOutput = FileHandle.nullDevice
        serve.standardError = FileHandle.nullDevice
        try serve.run()
        defer { serve.terminate(); serve.waitUntilExit() }

        let session = "sitcen-bench-alert-\(getpid())"
        func t(_ a: [String]) throws -> String { try Bench.run("/usr/bin/tmux", ["-L", session] + a).stdout }
        _ = try t(["new-session", "-d", "-s", "c", "-x", "160", "-y", "40",
                   "env LANG=C.UTF-8 TERM=xterm-256color \(Bench.sitcen) console --db \(db) --operator bench"])
        defer { _ = try? t(["kill-server"]) }
        var waited = 0
        while !(try t(["capture-pane", "-p", "-t", "c"])).contains("Alerts") && waited < 200 { usleep(50_000); waited += 1 }
        _ = try t(["send-keys", "-t", "c", "3"])
        sleep(2)

        let client = HTTPClient.shared
        var latencies: [Double] = []
        for i in 0..<samples {
            let marker = "ALERT\(getpid())N\(i)"
            let body = Array(#"{"id":"\#(marker)","post":"KZ-KHR","type":"tip","observed_at":"2030-01-01T00:00:00+05:00","summary":"\#(marker)"}"#.utf8)
            let request = Bench.signedReport("http://127.0.0.1:\(port)", post: "KZ-KHR", key: key, body: body)
            let t0 = DispatchTime.now()
            var status = 0
            for _ in 0..<50 {   // the server may still be starting
                if let r = try? await client.execute(request, timeout: .seconds(10)) { status = Int(r.status.code); break }
                usleep(100_000)
            }
            guard status == 200 else { throw BenchError("POST answered \(status)") }
            // The alert shows in the queue: its text, or (once the queue is longer than the pane,
            // as new alerts of one severity sort after older ones) the pane's count.
            while true {
                let screen = try t(["capture-pane", "-p", "-t", "c"])
                if screen.contains(marker) || screen.contains("Alerts (\(i + 1),") { break }
                if Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) > 10e9 { throw BenchError("alert \(i) did not show within 10 s") }
            }
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e6)
            _ = try t(["send-keys", "-t", "c", "g"])
            usleep(100_000)
        }
        latencies.sort()
        let p99 = latencies[min(latencies.count - 1, Int(Double(latencies.count) * 0.99))]
        print("POST to sitcen serve → alert on a console in tmux (\(latencies.count) samples; the engine runs in the server; includes the durable commit and tmux capture): median \(Bench.fmt(latencies[latencies.count / 2], 1)) ms, p99 \(Bench.fmt(p99, 1)) ms (goal p99 < 250 ms)")
    }
}
