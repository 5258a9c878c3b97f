import SitcenLocalSource
import Foundation
import SitcenConsole
import SitcenDemo
import SitcenDomain
import SitcenFeed
import SitcenIngest
import SitcenMap
import SitcenStore
import TermUI

/// The console on a big store: time to the first frame (reports, status and posts loaded and
/// drawn) with N reports (default 1,000,000) and the process's peak RSS; then the latency from
/// a commit in another process to the row on the screen of a real console in tmux (following,
/// so the row itself shows), and the console's CPU over `--idle-seconds` (60) with nothing
/// arriving: it sleeps until the store changes (inotify), so idle costs next to nothing.
enum ConsoleBench {
    static func run(_ args: [String]) async throws {
        let count = Int(Bench.option(args, "--count") ?? "") ?? 1_000_000
        let samples = Int(Bench.option(args, "--samples") ?? "") ?? 40
        let dir = URL(fileURLWithPath: Bench.option(args, "--dir") ?? NSTemporaryDirectory())
        let db = dir.appendingPathComponent("sitcen-bench-console-\(count).sqlite").path
        let registry = try Registry.parseCSV(String(contentsOfFile: Bench.sampleData("posts.csv"), encoding: .utf8), source: "posts.csv")
        if !FileManager.default.fileExists(atPath: db) {
            print("console benchmark: building a store of \(Bench.withThousands(count)) demo reports at \(db) (kept for reruns)…")
            try Bench.requireSitcen()
            let feed = dir.appendingPathComponent("sitcen-bench-console.jsonl").path
            _ = try Bench.run(Bench.sitcen, ["sample-feed", "--count", "\(count)", "--days", "365", "--seed", "9"], stdoutTo: feed)
            _ = try Bench.run(Bench.sitcen, ["ingest", "--db", db, feed])
            try? FileManager.default.removeItem(atPath: feed)
        }
        let store = try SQLiteStore(path: db)
        let source = LocalStoreSource(store: store, registry: registry)
        let geo = try? GeoData.load(directory: Bench.sampleData("geo"))

        // First frame: as `sitcen console` does it, less the terminal.
        var firsts: [Double] = []
        for _ in 0..<5 {
            let t0 = DispatchTime.now()
            let strings = Strings(.en)
            let app = ConsoleApp(source: source, strings: strings)
            var state = ConsoleState(strings: strings, theme: .builtIn, themeName: "dark",
                                     op: Operator(name: "bench", role: .duty, sector: nil), sourceLabel: db, offset: 18_000, now: .now())
            state.geo = geo
            state.storeVersion = try source.storeVersion()
            var d = TaskRunningDriver(app, state: state, size: Size(width: 160, height: 48))
            await d.send(.resize(Size(width: 160, height: 48)))
            let frame = d.frame()
            let ms = Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e6
            guard frame.text.contains("Reports (") && !d.state.reports.isEmpty else { throw BenchError("the first frame has no reports") }
            firsts.append(ms)
        }
        firsts.sort()
        // The parts: what the first useful frame waits for, and what fills the other panes.
        func timed(_ body: () throws -> Void) rethrows -> Double {
            let t0 = DispatchTime.now(); try body()
            return Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e6
        }
        let now = Timestamp.now()
        let page = try timed { _ = try source.reports(ReportQuery(limit: 400)) }
        let status = try timed {
            _ = try source.postStatus()
            _ = try source.dailyCounts(by: .post, since: now.adding(seconds: -86_400), offset: 18_000, filter: ReportQuery())
            _ = try source.countReports(since: now.adding(seconds: -86_400), sector: nil)
            _ = try source.quarantinePending()
        }
        let mapLoad = try timed { _ = try source.seizurePoints(ReportQuery(observedSince: now.adding(seconds: -30 * 86_400), limit: 20_000)) }
        print("  of which: newest 400 reports \(Bench.fmt(page, 1)) ms, status and posts board \(Bench.fmt(status, 1)) ms, map seizures (30 days, ≤ 20,000) \(Bench.fmt(mapLoad, 1)) ms")
        print("first frame with \(Bench.withThousands(try store.counts().rows)) reports (160x48, every pane loaded, map included): median \(Bench.fmt(firsts[firsts.count / 2], 1)) ms, best \(Bench.fmt(firsts[0], 1)) ms")
        print("peak RSS of this process: \(Bench.peakRSSMiB()) MiB (goal < 150 MB)")

        // Commit in another process → row on a real console's screen (tmux); then the console's
        // CPU with nothing arriving. Twice: a console alone (it follows a server's engine), and
        // one that runs the shipped rules itself (as `sitcen demo` does).
        try Bench.requireSitcen()
        let idleSeconds = Double(Bench.option(args, "--idle-seconds") ?? "") ?? 60
        let rules = Bench.sampleData("rules")
        for (label, extra) in [("console", ""), ("console running the rules", " --rules \(rules)")] {
            try follow(label: label, extra: extra, db: db, store: store, registry: registry, samples: samples, idleSeconds: idleSeconds)
        }
    }

    static func follow(label: String, extra: String, db: String, store: SQLiteStore, registry: Registry, samples: Int, idleSeconds: Double) throws {
        let session = "sitcen-bench-\(getpid())"
        let tmux = "/usr/bin/tmux"
        func t(_ a: [String]) throws -> String { try Bench.run(tmux, ["-L", session] + a).stdout }
        _ = try t(["new-session", "-d", "-s", "c", "-x", "160", "-y", "48",
                   "exec env LANG=C.UTF-8 TERM=xterm-256color \(Bench.sitcen) console --db \(db) --operator bench\(extra)"])
        defer { _ = try? t(["kill-server"]) }
        var waited = 0
        while !(try t(["capture-pane", "-p", "-t", "c"])).contains("Reports (") && waited < 200 { usleep(50_000); waited += 1 }
        sleep(3)   // steady state: the first loads (map, posts board, the engine's catch-up) are done
        guard let pid = Int32(try t(["display-message", "-p", "-t", "c", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BenchError("no pid for the console")
        }
        // The reference: what one look at the screen costs (tmux capture), the floor of the figure.
        var captures: [Double] = []
        for _ in 0..<20 {
            let t0 = DispatchTime.now()
            _ = try t(["capture-pane", "-p", "-t", "c"])
            captures.append(Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e6)
        }
        captures.sort()
        var latencies: [Double] = []
        var registryPreparer = RecordPreparer(format: .jsonl, registry: registry, sourceName: "bench")
        for i in 0..<samples {
            let marker = "BENCH\(getpid())X\(label.count)X\(i)"
            let line = #"{"id":"\#(marker)","post":"KZ-KHR","type":"tip","observed_at":"2030-01-01T00:00:00+05:00","summary":"\#(marker)"}"#
            let bytes = Array(line.utf8)
            guard let item = bytes.withUnsafeBufferPointer({ registryPreparer.item(for: RawRecord(bytes: $0, firstLine: i + 1, lastLine: i + 1, size: $0.count)) }) else { continue }
            // The commit happens in this process; the console is another process. It follows
            // its newest rows: the row itself must show, not a marker.
            let t0 = DispatchTime.now()
            _ = try store.commit([item], source: SourceRef(name: "bench", kind: "bench"))
            while true {
                let screen = try t(["capture-pane", "-p", "-t", "c"])
                if screen.contains(marker) { break }
                if Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) > 5e9 { throw BenchError("the row did not appear within 5 s") }
            }
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e6)
            usleep(UInt32.random(in: 100_000...300_000))   // samples at random phases
        }
        latencies.sort()
        let p99 = latencies[min(latencies.count - 1, Int(Double(latencies.count) * 0.99))]
        print("\(label): commit in another process → row on screen (\(latencies.count) samples): median \(Bench.fmt(latencies[latencies.count / 2], 1)) ms, p99 \(Bench.fmt(p99, 1)) ms (goal p99 < 250 ms); one tmux capture alone (the reference): median \(Bench.fmt(captures[captures.count / 2], 1)) ms")
        sleep(2)
        guard let a = TermBench.cpuTicks(pid) else { throw BenchError("cannot read /proc/\(pid)/stat") }
        let t0 = Date()
        Thread.sleep(forTimeInterval: idleSeconds)
        guard let b = TermBench.cpuTicks(pid) else { throw BenchError("the console ended") }
        let hz = Double(sysconf(Int32(_SC_CLK_TCK)))
        let wall = Date().timeIntervalSince(t0)
        let used = Double(b - a) / hz
        print("\(label): idle CPU over \(Bench.fmt(wall, 0)) s with nothing arriving: \(Bench.fmt(used * 1000, 0)) ms (\(String(format: "%.3f", used / wall * 100)) % of one core; goal < 0.1 %)")
    }
}
