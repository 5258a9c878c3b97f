import SitcenLocalSource
import Foundation
import SitcenAlerts
import SitcenConsole
import SitcenDemo
import SitcenDomain
import SitcenIngest
import SitcenMap
import SitcenStore
import SitcenTestSupport
import TermUI

/// A fixed store (deterministic demo data, fixed receipt time) and a console on it.
enum ConsoleFixture {
    static let end = Timestamp.parse("2026-11-20T12:00:00Z")!

    /// Built once per test process; tests only read it.
    static let shared: (store: SQLiteStore, registry: Registry, alerts: AlertStore) = {
        let registry = try! TestStore.sampleRegistry()
        let (store, dir) = try! TestStore.make("console-fixture")
        let path = dir.appendingPathComponent("feed.jsonl").path
        var text = ""
        for record in DemoGenerator(registry: registry, seed: 3, count: 3000, days: 30, end: end, faults: false) {
            text += String(decoding: record, as: UTF8.self) + "\n"
        }
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        var ingestor = Ingestor(store: store, registry: registry)
        ingestor.clock = { end }
        // A fixed source name, so that screens showing where a report came from are reproducible.
        let fd = open(path, O_RDONLY)
        _ = try! ingestor.ingest(fd: fd, sourceName: "fixture/feed.jsonl", kind: "file", format: .jsonl)
        close(fd)
        // The shipped rules over the whole log, with the clock fixed at the end of the feed.
        let alerts = try! AlertStore(store: store, registry: registry, clock: { end })
        let rules = SitcenBinary.packageRoot.appendingPathComponent("SampleData/rules").path
        _ = try! EngineRunner(alerts: alerts, rulesFolder: rules).runOnce(until: end)
        return (store, registry, alerts)
    }()

    static let geo: GeoData? = try? GeoData.load(directory: SitcenBinary.packageRoot.appendingPathComponent("SampleData/geo").path)

    /// A copy of the shared store that a test may change (acknowledge, silence, add reports),
    /// with its alert store on `clock`.
    static func fresh(clock: @escaping @Sendable () -> Timestamp = { end }) throws -> (store: SQLiteStore, alerts: AlertStore, dir: URL) {
        let dir = SitcenBinary.temporaryDirectory("console-fresh")
        let path = dir.appendingPathComponent("sitcen.sqlite").path
        try shared.store.backup(to: path)
        let store = try SQLiteStore(path: path)
        return (store, try AlertStore(store: store, registry: shared.registry, clock: clock), dir)
    }

    static func driver(size: Size, op: Operator = Operator(name: "aliya", role: .duty, sector: nil),
                       language: Strings.Language = .en, store: SQLiteStore? = nil, alerts: AlertStore? = nil) async -> TaskRunningDriver<ConsoleApp> {
        let source = LocalStoreSource(store: store ?? shared.store, registry: shared.registry, alerts: alerts ?? shared.alerts)
        let strings = Strings(language)
        let app = ConsoleApp(source: source, strings: strings)
        var state = ConsoleState(strings: strings, theme: .builtIn, themeName: "builtin", op: op,
                                 sourceLabel: "/srv/sitcen/sitcen.sqlite", offset: 18_000, now: end)
        state.geo = geo
        state.followsAlerts = true
        state.storeVersion = (try? source.storeVersion()) ?? StoreVersion()
        var d = TaskRunningDriver(app, state: state, size: size)
        await d.send(.resize(size))
        // The first load asked for the clock; keep `now` fixed for reproducible frames.
        d.state.now = end
        return d
    }
}
