import Foundation
import GRDB
import SitcenAlerts
import SitcenDemo
import SitcenDomain
import SitcenIngest
import SitcenRules
import SitcenStore
import SitcenTestSupport

/// A clock the tests move by hand.
final class FakeClock: @unchecked Sendable {
    private let lock = NSLock()
    private var t: Timestamp
    init(_ t: Timestamp) { self.t = t }
    var now: Timestamp {
        get { lock.lock(); defer { lock.unlock() }; return t }
        set { lock.lock(); t = newValue; lock.unlock() }
    }
    func advance(seconds: Int64) { now = now.adding(seconds: seconds) }
    var function: @Sendable () -> Timestamp { { [self] in self.now } }
}

enum Fixture {
    static let root = SitcenBinary.packageRoot
    static var rulesFolder: String { root.appendingPathComponent("SampleData/rules").path }
    static let demoEnd = Timestamp.parse("2026-11-20T00:00:00Z")!

    /// A demo feed written to `dir/name`.
    static func demoFeed(count: Int, in dir: URL, name: String = "feed.jsonl", days: Int = 30, seed: UInt64 = 1) throws -> String {
        let registry = try TestStore.sampleRegistry()
        var data = Data()
        for record in DemoGenerator(registry: registry, seed: seed, count: count, days: days, end: demoEnd, faults: false, format: .jsonl) {
            data.append(contentsOf: record); data.append(0x0A)
        }
        let url = dir.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    /// A store holding `feed`, with its alert tables.
    static func store(feed: String? = nil, clock: FakeClock? = nil, label: String = "alerts") throws -> (AlertStore, URL) {
        let (store, dir) = try TestStore.make(label)
        let registry = try TestStore.sampleRegistry()
        if let feed { _ = try Ingestor(store: store, registry: registry).ingest(path: feed) }
        var now: @Sendable () -> Timestamp = { Timestamp.now() }
        if let clock { now = clock.function }
        let alerts = try AlertStore(store: store, registry: registry, clock: now)
        return (alerts, dir)
    }

    /// Appends JSON lines to the store (a fresh source each time).
    static func ingest(_ lines: [String], into alerts: AlertStore, dir: URL) throws {
        let path = try TestStore.write(lines, to: dir, name: "in-\(UUID().uuidString.prefix(6)).jsonl")
        _ = try Ingestor(store: alerts.store, registry: alerts.registry).ingest(path: path)
    }

    /// A seizure line at `time` (RFC 3339).
    static func seizure(_ id: String, post: String = "KZ-KHR", at time: String, substance: String = "heroin", kg: Double = 60) -> String {
        #"{"id":"\#(id)","post":"\#(post)","type":"seizure","observed_at":"\#(time)","substance":"\#(substance)","quantity":\#(kg),"unit":"kg"}"#
    }

    static func rules(_ yaml: String, in dir: URL) throws -> String {
        let folder = dir.appendingPathComponent("rules-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try yaml.write(to: folder.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        return folder.path
    }

    static func live(_ alerts: AlertStore, rules: String, follow: Bool = true, page: Int = 5000) -> EngineRunner {
        var o = EngineRunner.Options()
        o.followWallClock = follow
        o.pageSize = page
        return EngineRunner(alerts: alerts, rulesFolder: rules, options: o)
    }

    /// The alerts table as comparable rows.
    static func dump(_ alerts: AlertStore) throws -> [String] {
        try alerts.store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, rule, fingerprint, severity, escalated, state, count, first_ms, last_ms, silenced_by, labels, description,
                       (SELECT COUNT(*) FROM alert_reports r WHERE r.alert_id = a.id) AS refs
                FROM alerts a ORDER BY id
                """).map { $0.description }
        }
    }

    static func eventDump(_ alerts: AlertStore) throws -> [String] {
        try alerts.store.read { db in
            try Row.fetchAll(db, sql: "SELECT alert_id, kind, at_ms, severity, count, silenced, report_seq FROM alert_events ORDER BY event_id")
                .map { $0.description }
        }
    }
}
