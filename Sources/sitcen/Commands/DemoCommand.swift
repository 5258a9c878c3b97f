import SitcenLocalSource
import ArgumentParser
import Foundation
import SitcenConsole
import SitcenDemo
import SitcenDomain
import SitcenFeed
import SitcenIngest
import SitcenStore
import TermUI

/// `sitcen demo`: a throw-away store under the XDG cache with 30 days of history, a simulated
/// live feed, and the console on it.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the console on a throw-away store with 30 days of demo history and a live feed.",
        discussion: """
        The store is rebuilt at each start in $XDG_CACHE_HOME/sitcen/demo.sqlite. The live feed \
        sends a few reports a second, with bursts, from every post but one that has gone silent.
        """)

    @OptionGroup var registryOptions: RegistryOptions
    @OptionGroup var time: TimeOptions
    @Option(help: "Records of history.") var count = 20_000
    @Option(help: "Seed of the generator.") var seed: UInt64 = 7
    @Flag(help: "No live feed: the history only.") var noLive = false
    @Flag(help: "Build the store, print a summary and exit (no console).") var noConsole = false
    @Option(help: "duty, blo or supervisor.") var role: Operator.Role = .duty
    @Option(help: "The BLO officer's sector (with --role blo).") var sector: String?
    @Option(name: .customLong("operator"), help: "Your name.") var operatorName: String = ProcessInfo.processInfo.environment["USER"] ?? "duty"
    @Option(help: "Theme: dark, light, high-contrast, monochrome.") var theme: String?
    @Flag(help: "Draw the map with ASCII characters (the default in a terminal without UTF-8).") var ascii = false
    @Option(help: "Interface language: en or ru.") var lang: String?

    func validate() throws {
        if role == .blo && sector == nil { throw ValidationError("--role blo needs --sector CODE") }
        guard count >= 0 else { throw ValidationError("--count must be 0 or more") }
    }

    static func cacheDirectory() -> String {
        let env = ProcessInfo.processInfo.environment
        let cache = env["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? (env["HOME"] ?? NSHomeDirectory()) + "/.cache"
        return cache + "/sitcen"
    }

    func run() throws {
        let registry = try registryOptions.load()
        let dir = DemoCommand.cacheDirectory()
        let path = dir + "/demo.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = try SQLiteStore(path: path)
        FileHandle.standardError.write(Data("sitcen demo: building \(path): \(count) records over 30 days…\n".utf8))
        let feed = dir + "/demo-history.jsonl"
        guard FileManager.default.createFile(atPath: feed, contents: nil) else { throw CLIError("cannot write \(feed)") }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: feed))
        var chunk: [UInt8] = []
        for record in DemoGenerator(registry: registry, seed: seed, count: count, days: 30, end: .now(), faults: true) {
            chunk += record
            chunk.append(0x0A)
            if chunk.count > 1 << 16 { handle.write(Data(chunk)); chunk.removeAll(keepingCapacity: true) }
        }
        handle.write(Data(chunk))
        try handle.close()
        let counts = try Ingestor(store: store, registry: registry).ingest(path: feed)
        FileHandle.standardError.write(Data("sitcen demo: \(IngestCommand.summary(counts))\n".utf8))
        if noConsole { Out.line(IngestCommand.summary(counts)); return }

        // The post that fell silent in the history stays silent in the live feed.
        let statuses = try store.postStatus()
        let silent = statuses.min(by: { $0.lastObserved < $1.lastObserved }).map { Set([$0.post]) } ?? []
        let live = noLive ? nil : LiveFeedThread(store: store, registry: registry, seed: seed, silent: silent)
        live?.start()
        defer { live?.stop() }

        let strings = Strings.detect(lang)
        let op = Operator(name: operatorName, role: role, sector: role == .blo ? sector : nil)
        var options = ConsoleRunner.Options(op: op, strings: strings, themeName: theme, offset: try time.offset())
        options.geoDirectory = SampleDataLocator.file("geo/central-asia-countries-50m.geojson").map { ($0 as NSString).deletingLastPathComponent }
        options.ascii = ascii || !LocaleCheck.isUTF8
        // The shipped rules run on the demo, so its alert queue fills as the history is replayed.
        let rulesDir = SampleDataLocator.file("rules/heroin-large.yaml").map { ($0 as NSString).deletingLastPathComponent }
        let alerts = try LocalAlerts(store: store, registry: registry, rulesFolder: rulesDir)
        // The history's alerts, then the shift's triage of the older ones: a centre in
        // operation, not a month of alerts nobody looked at.
        if let runner = alerts.runner {
            _ = try runner.runOnce()
            let resolved = try DemoShift.settle(store: store, registry: registry, seed: seed, now: .now())
            FileHandle.standardError.write(Data("sitcen demo: \(resolved) older alerts were resolved by the shift\n".utf8))
        }
        alerts.start()
        defer { alerts.stop() }
        let reason = try ConsoleRunner.run(source: LocalStoreSource(store: store, registry: registry, alerts: alerts.store), options: options)
        if case .signal(let sig) = reason { Terminal.reraise(sig) }
    }
}

/// Sends the demo's live reports into the store from a thread, through the same decoding path
/// as any feed (each report is encoded as a JSON Lines record first).
final class LiveFeedThread: @unchecked Sendable {
    private let store: SQLiteStore
    private let registry: Registry
    private var feed: DemoLiveFeed
    private let lock = NSLock()
    private var stopped = false

    init(store: SQLiteStore, registry: Registry, seed: UInt64, silent: Set<String>) {
        self.store = store
        self.registry = registry
        feed = DemoLiveFeed(registry: registry, seed: seed, silentPosts: silent, now: .now())
    }

    func start() {
        let t = Thread { [self] in loop() }
        t.name = "sitcen-demo-live"
        t.start()
    }

    func stop() { lock.withLock { stopped = true } }

    private func loop() {
        var preparer = RecordPreparer(format: .jsonl, registry: registry, sourceName: "demo live feed")
        var line = 0
        while !lock.withLock({ stopped }) {
            let now = Timestamp.now()
            let (report, wait) = feed.next(now: now)
            line += 1
            let bytes = Array(FeedEncoder.jsonLine(report).utf8)
            let item = bytes.withUnsafeBufferPointer { b in
                preparer.item(for: RawRecord(bytes: b, firstLine: line, lastLine: line, size: b.count))
            }
            if var item {
                if case .report(var r) = item { r.logged.receivedAt = now; item = .report(r) }
                _ = try? store.commit([item], source: SourceRef(name: "demo live feed", kind: "demo"), at: now)
            }
            Thread.sleep(forTimeInterval: wait)
        }
    }
}
