import AsyncHTTPClient
import Foundation
import SitcenDomain
import SitcenKeys
import SitcenSender

/// From a signed POST to `sitcen serve` to the row on a remote console (`sitcen console
/// --server`, in tmux, over loopback): median and p99; and the bytes the link carries per new
/// report, read from a second stream opened with the same token.
enum RemoteBench {
    static func run(_ args: [String]) async throws {
        try Bench.requireSitcen()
        let samples = Int(Bench.option(args, "--samples") ?? "") ?? 60
        let history = Int(Bench.option(args, "--reports") ?? "") ?? 20_000
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sitcen-bench-remote-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("sitcen.sqlite").path
        let keysPath = dir.appendingPathComponent("keys.yaml").path
        var keys = KeysFile()
        let key = try keys.addPost("KZ-KHR")
        let token = try keys.addOperator(name: "bench", role: .duty, sector: nil)
        try keys.save(path: keysPath)
        let tokenFile = dir.appendingPathComponent("token").path
        try token.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        chmod(tokenFile, 0o600)
        // A centre with history, so the console has a real cache to keep.
        let feed = dir.appendingPathComponent("demo.jsonl").path
        _ = try Bench.run(Bench.sitcen, ["sample-feed", "--count", String(history), "--days", "30"], stdoutTo: feed)
        _ = try Bench.run(Bench.sitcen, ["ingest", "--db", db, feed])

        let port = Loopback.freePort()
        let serve = Process()
        serve.executableURL = URL(fileURLWithPath: Bench.sitcen)
        // The shipped rules run in the server, so the link also carries the alert queue's changes.
        serve.arguments = ["serve", "--db", db, "--keys", keysPath, "--listen", "127.0.0.1:\(port)", "--log-level", "error",
                           "--rules", Bench.sampleData("rules")]
        serve.standardOutput = FileHandle.nullDevice
        serve.standardError = FileHandle.nullDevice
        try serve.run()
        defer { serve.terminate(); serve.waitUntilExit() }
        guard Loopback.waitListening(port: port, seconds: 20) else { throw BenchError("sitcen serve did not start") }
        let base = "http://127.0.0.1:\(port)"

        let session = "sitcen-bench-remote-\(getpid())"
        func t(_ a: [String]) throws -> String { try Bench.run("/usr/bin/tmux", ["-L", session] + a).stdout }
        let cache = dir.appendingPathComponent("cache.sqlite").path
        let started = DispatchTime.now()
        _ = try t(["new-session", "-d", "-s", "c", "-x", "160", "-y", "40",
                   "env LANG=C.UTF-8 TERM=xterm-256color \(Bench.sitcen) console --server \(base) --token-file \(tokenFile) --cache \(cache)"])
        // The console is stopped by its pid as well: a tmux server started from here did not
        // always pass on the hang-up of kill-server, and left the console running.
        let panePID = Int32((try? t(["display-message", "-p", "-t", "c", "#{pane_pid}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
        defer {
            if panePID > 0 { kill(panePID, SIGTERM) }
            _ = try? t(["kill-server"])
        }
        var waited = 0
        while !(try t(["capture-pane", "-p", "-t", "c"])).contains("Reports (") && waited < 600 { usleep(50_000); waited += 1 }
        let firstFrame = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
        // The reports view filtered on the benchmark's marker: each new row shows at the top.
        _ = try t(["send-keys", "-t", "c", "2"])
        _ = try t(["send-keys", "-t", "c", "/", "BENCHROW", "Enter"])
        sleep(1)

        // A second stream with the same token, to count what the link carries.
        let meter = StreamMeter()
        let health = try await HTTPClient.shared.execute(HTTPClientRequest(url: base + "/healthz"), timeout: .seconds(10))
        let healthBody = try await health.body.collect(upTo: 1 << 16)
        let head = ((try? JSONSerialization.jsonObject(with: Data(healthBody.readableBytesView)) as? [String: Any])?["last_seq"] as? Int) ?? 0
        var streamRequest = HTTPClientRequest(url: base + "/v1/stream?since=\(head)")
        streamRequest.headers.add(name: "Authorization", value: "Bearer \(token)")
        let streamResponse = try await HTTPClient.shared.execute(streamRequest, timeout: .seconds(10))
        let metering = Task { for try await chunk in streamResponse.body { meter.add(Array(chunk.readableBytesView)) } }
        defer { metering.cancel() }
        try await Task.sleep(nanoseconds: 500_000_000)
        let meterStart = meter.snapshot()
        let meterStartTime = DispatchTime.now()

        var latencies: [Double] = []
        for i in 0..<samples {
            let marker = "BENCHROW\(getpid())N\(i)"
            // Every other report is a large heroin seizure: it updates the post's open
            // heroin-large alert, so the link carries an alert change as well as the report.
            let quantity = i % 2 == 0 ? "60" : "2.5"
            let now = Timestamp.now().rfc3339()
            let body = Array(#"{"id":"\#(marker)","post":"KZ-KHR","type":"seizure","observed_at":"\#(now)","substance":"heroin","quantity":\#(quantity),"unit":"kg","summary":"\#(marker) in a spare tyre of a truck"}"#.utf8)
            let request = Bench.signedReport(base, post: "KZ-KHR", key: key, body: body)
            let t0 = DispatchTime.now()
            let r = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            guard r.status.code == 200 else { throw BenchError("POST answered \(r.status.code)") }
            // The row at the top of the filtered list (or, if the list kept an older row
            // selected, the list's count).
            while !(try t(["capture-pane", "-p", "-t", "c"])).contains(where: marker, orCount: i + 1) {
                if Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) > 10e9 { throw BenchError("report \(i) did not show within 10 s") }
            }
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e6)
            _ = try t(["send-keys", "-t", "c", "g"])
            // A random pause, so the POSTs fall at every phase of the server's and the console's polls.
            usleep(UInt32.random(in: 100_000...400_000))
        }
        try await Task.sleep(nanoseconds: 300_000_000)
        let meterEnd = meter.snapshot()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - meterStartTime.uptimeNanoseconds) / 1e9
        latencies.sort()
        let p99 = latencies[min(latencies.count - 1, Int(Double(latencies.count) * 0.99))]
        let bytes = meterEnd.bytes - meterStart.bytes
        let reportBytes = meterEnd.reportBytes - meterStart.reportBytes
        let reports = meterEnd.reports - meterStart.reports
        let alertBytes = meterEnd.alertBytes - meterStart.alertBytes
        let alertEvents = meterEnd.alertEvents - meterStart.alertEvents
        print("remote console: first frame with a cold cache of \(Bench.withThousands(history)) reports after \(Bench.fmt(firstFrame)) ms (catch-up over the stream included)")
        print("POST to sitcen serve → the row on a remote console in tmux over loopback (\(latencies.count) samples; includes the durable commit, the stream, the cache and tmux capture): median \(Bench.fmt(latencies[latencies.count / 2], 1)) ms, p99 \(Bench.fmt(p99, 1)) ms (goal p99 < 500 ms)")
        print("link bytes per new report: \(Bench.fmt(Double(bytes) / Double(max(1, reports)))) B in all over \(Bench.fmt(seconds, 1)) s (\(reports) reports; the report event alone \(Bench.fmt(Double(reportBytes) / Double(max(1, reports)))) B; alert changes \(alertEvents) events, \(Bench.fmt(Double(alertBytes) / Double(max(1, reports)))) B a report; the rest are heartbeats; HTTP chunk framing not counted; half the reports update an alert)")
    }
}

/// Counts what a stream carries: all bytes, and the bytes of `report` events.
final class StreamMeter: @unchecked Sendable {
    struct Figures { var bytes = 0, reportBytes = 0, reports = 0, alertBytes = 0, alertEvents = 0 }
    private let lock = NSLock()
    private var figures = Figures()
    private var pending: [UInt8] = []

    func add(_ chunk: [UInt8]) {
        lock.withLock {
            figures.bytes += chunk.count
            pending += chunk
            // Whole events end with a blank line.
            while let end = Self.find(pending) {
                let event = pending[..<end]
                if let text = String(bytes: event, encoding: .utf8) {
                    if text.contains("event: report") { figures.reports += 1; figures.reportBytes += event.count + 2 }
                    if text.contains("event: alert") { figures.alertEvents += 1; figures.alertBytes += event.count + 2 }
                }
                pending.removeFirst(end + 2)
            }
        }
    }

    func snapshot() -> Figures { lock.withLock { figures } }

    private static func find(_ b: [UInt8]) -> Int? {
        guard b.count >= 2 else { return nil }
        for i in 0..<(b.count - 1) where b[i] == 0x0A && b[i + 1] == 0x0A { return i }
        return nil
    }
}

extension String {
    func contains(where marker: String, orCount n: Int) -> Bool { contains(marker) || contains("Reports (\(n))") }
}
