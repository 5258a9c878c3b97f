import ArgumentParser
import Foundation
import SitcenDemo
import SitcenDomain
import SitcenIngest
import SitcenStore

/// `sitcen demo`: a throw-away store under the XDG cache with 30 days of demo history.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a throw-away store with 30 days of demo data and show what came in.")

    @OptionGroup var registryOptions: RegistryOptions
    @OptionGroup var time: TimeOptions
    @Option(help: "Records of history.") var count = 20_000
    @Option(help: "Seed of the generator.") var seed: UInt64 = 7

    func run() throws {
        let registry = try registryOptions.load()
        let env = ProcessInfo.processInfo.environment
        let cache = env["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? (env["HOME"] ?? NSHomeDirectory()) + "/.cache"
        let dir = cache + "/sitcen"
        let path = dir + "/demo.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = try SQLiteStore(path: path)
        Out.line("sitcen demo: building \(path) with \(count) records over 30 days…")
        let feed = dir + "/demo-feed.jsonl"
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
        Out.line(IngestCommand.summary(counts))
        let offset = try time.offset()
        let latest = try store.reports(ReportQuery(limit: 15))
        var t = TextTable(headers: ["SEQ", "OBSERVED (\(TimeDisplay.offsetLabel(offset)))", "POST", "TYPE", "SUBSTANCE", "QTY", "PLACE", "SUMMARY"],
                          rightAligned: [0, 5], maxWidths: [4: 22, 6: 24, 7: 60])
        for r in latest { t.add(ReportsCommand.row(r, offset: offset)) }
        print(t.render())
        Out.line("Explore it: sitcen reports list --db \(path) | sitcen quarantine list --db \(path)")
    }
}
