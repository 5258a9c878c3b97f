import Foundation
import GRDB
import SitcenAlerts
import SitcenDryRun
import SitcenDomain
import SitcenRules
import SitcenStore
import SitcenTestSupport
import Testing

@Suite struct RunnerTests {
    @Test func dryRunAndLiveRunnerGiveTheSameAlerts() throws {
        let dir = SitcenBinary.temporaryDirectory("alerts-same")
        defer { try? FileManager.default.removeItem(at: dir) }
        let feed = try Fixture.demoFeed(count: 6000, in: dir)
        let registry = try TestStore.sampleRegistry()
        let rules = try RuleLoader.load(folder: Fixture.rulesFolder)
        let until = Timestamp.parse("2026-11-21T00:00:00Z")!

        let input = try DryRun.reports(path: feed, registry: registry)
        let dry = DryRun.fired(RuleEngine.dryRun(rules, reports: input.reports, registry: registry, until: until))
        #expect(dry.count > 20)

        // Live, in small pages (many commits), and in one go: the same alerts as the dry run.
        for page in [700, 5000] {
            let (alerts, sdir) = try Fixture.store(feed: feed)
            defer { try? FileManager.default.removeItem(at: sdir) }
            let runner = Fixture.live(alerts, rules: Fixture.rulesFolder, follow: false, page: page)
            let s = try runner.runOnce(until: until)
            #expect(s.reports == input.reports.count)
            let live = try AlertService(alerts).list(for: .system, state: .all, includeSilenced: true, limit: 0).sorted { $0.id < $1.id }
            #expect(live.count == dry.count)
            for (d, l) in zip(dry, live) {
                #expect(d.alert.id == l.id)
                #expect(d.alert.fingerprint == l.fingerprint)
                #expect(d.alert.severity == l.severity)
                #expect(d.alert.count == l.count)
                #expect(d.at.millis == l.firstAt.millis)
                #expect(d.resolved == (l.state == .resolved))
            }
            // The first report of each alert is the dry run's first report.
            let firsts = try alerts.store.read { db in
                try Row.fetchAll(db, sql: "SELECT alert_id, post, report_id FROM alert_reports GROUP BY alert_id HAVING seq = MIN(seq) ORDER BY alert_id")
                    .map { "\($0["alert_id"] as Int64) \($0["post"] as String)/\($0["report_id"] as String)" }
            }
            let expected = dry.compactMap { f in f.alert.reports.first.map { "\(f.alert.id) \($0.post)/\($0.id)" } }
            #expect(firsts == expected)
            // Running again changes nothing.
            let again = try runner.runOnce(until: until)
            #expect(again.reports == 0 && again.events.isEmpty)
        }
    }

    @Test func escalationAndAcknowledgementThroughTheRunnerWithAFakeClock() throws {
        let clock = FakeClock(Timestamp.parse("2026-11-20T10:00:00Z")!)
        let (alerts, dir) = try Fixture.store(clock: clock)
        defer { try? FileManager.default.removeItem(at: dir) }
        let runner = Fixture.live(alerts, rules: Fixture.rulesFolder)
        let svc = AlertService(alerts)
        try Fixture.ingest([Fixture.seizure("h1", at: "2026-11-20T10:00:00Z"), Fixture.seizure("h2", post: "KZ-DOS", at: "2026-11-20T10:00:00Z")],
                           into: alerts, dir: dir)
        var s = try runner.runOnce()
        let opened = s.opened.filter { $0.rule == "heroin-large" }
        #expect(opened.count == 2)
        let (a, b) = (opened[0].alertID, opened[1].alertID)
        clock.advance(seconds: 5 * 60)
        s = try runner.runOnce()
        #expect(!s.events.contains { $0.kind == .escalated })
        // Acknowledged before its deadline, one never escalates; the other does, at its deadline.
        try svc.acknowledge(a, by: Operator(name: "aliya", role: .duty))
        clock.advance(seconds: 6 * 60)
        s = try runner.runOnce()
        let esc = s.events.filter { $0.kind == .escalated }
        #expect(esc.map(\.alertID) == [b])
        #expect(esc.first?.at.millis == Timestamp.parse("2026-11-20T10:10:00Z")?.millis)
        let listed = try svc.list(for: .system)
        #expect(listed.first { $0.id == b }?.escalated == true)
        #expect(listed.first { $0.id == a }?.state == .acknowledged)
        #expect(listed.first { $0.id == a }?.escalated == false)
    }

    @Test func realertKeepsAResolvedFingerprintQuiet() throws {
        let clock = FakeClock(Timestamp.parse("2026-11-20T10:00:00Z")!)
        let (alerts, dir) = try Fixture.store(clock: clock)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = try Fixture.rules("""
            name: every-seizure
            type: any
            severity: low
            filter: {type: seizure}
            group_by: [post]
            realert: 1h
            """, in: dir)
        let runner = Fixture.live(alerts, rules: rules)
        let svc = AlertService(alerts)
        let duty = Operator(name: "bob", role: .duty)
        try Fixture.ingest([Fixture.seizure("r1", at: "2026-11-20T10:00:00Z")], into: alerts, dir: dir)
        let first = try runner.runOnce().opened
        #expect(first.count == 1)
        clock.advance(seconds: 60)
        try svc.resolve(first[0].alertID, reason: .expected, by: duty)
        // Within the hour after the resolve: nothing opens.
        try Fixture.ingest([Fixture.seizure("r2", at: "2026-11-20T10:30:00Z")], into: alerts, dir: dir)
        clock.now = Timestamp.parse("2026-11-20T10:30:00Z")!
        #expect(try runner.runOnce().opened.isEmpty)
        // After it: a new alert.
        try Fixture.ingest([Fixture.seizure("r3", at: "2026-11-20T11:05:00Z")], into: alerts, dir: dir)
        clock.now = Timestamp.parse("2026-11-20T11:05:00Z")!
        let again = try runner.runOnce().opened
        #expect(again.count == 1 && again[0].alertID != first[0].alertID)
    }

    @Test func aSecondRunnerStandsByWhileTheFirstHoldsTheLease() throws {
        let (alerts, dir) = try Fixture.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = Fixture.live(alerts, rules: Fixture.rulesFolder, follow: false)
        let other = try AlertStore(store: try SQLiteStore(path: alerts.store.path), registry: alerts.registry)
        let b = Fixture.live(other, rules: Fixture.rulesFolder, follow: false)
        try a.runOnce()
        #expect(throws: EngineRunner.Busy.self) { try b.runOnce() }
        a.releaseLease()
        try b.runOnce()
        #expect(throws: EngineRunner.Busy.self) { try a.runOnce() }
    }

    @Test func anActionFromAnotherProcessReachesTheRunnersEngine() throws {
        let clock = FakeClock(Timestamp.parse("2026-11-20T10:00:00Z")!)
        let (alerts, dir) = try Fixture.store(clock: clock)
        defer { try? FileManager.default.removeItem(at: dir) }
        let runner = Fixture.live(alerts, rules: Fixture.rulesFolder)
        try Fixture.ingest([Fixture.seizure("x1", at: "2026-11-20T10:00:00Z")], into: alerts, dir: dir)
        let id = try #require(try runner.runOnce().opened.first { $0.rule == "heroin-large" }).alertID
        // Another AlertStore on the same file stands for another process (the CLI).
        let cli = try AlertStore(store: try SQLiteStore(path: alerts.store.path), registry: alerts.registry, clock: clock.function)
        try AlertService(cli).acknowledge(id, by: Operator(name: "cli", role: .duty))
        clock.advance(seconds: 3600)
        let s = try runner.runOnce()
        #expect(!s.events.contains { $0.kind == .escalated && $0.alertID == id })
        #expect(try AlertService(alerts).show(id, for: .system).alert.acknowledgedBy == "cli")
    }

    @Test func reloadKeepsAlertsAndTheWindowsOfUnchangedRules() throws {
        let (alerts, dir) = try Fixture.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = """
            rules:
              - name: busy
                type: frequency
                severity: medium
                filter: {type: seizure}
                query_key: post
                num_events: 3
                timeframe: 1d
              - name: big
                type: threshold
                severity: high
                filter: {type: seizure}
                value: quantity_kg
                gte: 100
            """
        let folder = try Fixture.rules(yaml, in: dir)
        let runner = Fixture.live(alerts, rules: folder, follow: false)
        try Fixture.ingest([Fixture.seizure("w1", at: "2026-11-20T10:00:00Z", kg: 150), Fixture.seizure("w2", at: "2026-11-20T11:00:00Z")],
                           into: alerts, dir: dir)
        #expect(try runner.runOnce().opened.map(\.rule) == ["big"])
        // `big` changes, `busy` does not: busy's window (two seizures) is kept.
        try yaml.replacingOccurrences(of: "gte: 100", with: "gte: 200").write(toFile: folder + "/rules.yaml", atomically: true, encoding: .utf8)
        let r = try runner.reload(by: Operator(name: "sup", role: .supervisor))
        #expect(r.changed == ["big"] && r.unchanged == 1)
        #expect(throws: PermissionDenied.self) { try runner.reload(by: Operator(name: "d", role: .duty)) }
        try Fixture.ingest([Fixture.seizure("w3", at: "2026-11-20T12:00:00Z")], into: alerts, dir: dir)
        #expect(try runner.runOnce().opened.map(\.rule) == ["busy"])
        #expect(try AlertService(alerts).list(for: .system).count == 2)
        #expect(try alerts.auditEntries().filter { $0.action == "rules.reload" }.count == 2)
        // A folder with an error changes nothing.
        try "name: Bad Name\ntype: any\n".write(toFile: folder + "/rules.yaml", atomically: true, encoding: .utf8)
        #expect(throws: RuleLoadError.self) { try runner.reload(by: .system) }
        #expect(try alerts.currentRules().rules.count == 2)
    }

    @Test func theLiveThreadFollowsTheLog() async throws {
        let (alerts, dir) = try Fixture.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        var o = EngineRunner.Options()
        o.pollInterval = 0.05
        let runner = EngineRunner(alerts: alerts, rulesFolder: Fixture.rulesFolder, options: o)
        runner.start()
        defer { runner.stop() }
        let before = try alerts.storeVersion()
        try Fixture.ingest([Fixture.seizure("t1", at: "2026-11-20T10:00:00Z")], into: alerts, dir: dir)
        runner.wake()
        var seen = false
        for _ in 0..<200 where !seen {
            try await Task.sleep(nanoseconds: 20_000_000)
            seen = try alerts.storeVersion() != before
        }
        #expect(seen)
        #expect(try AlertService(alerts).list(for: .system).contains { $0.rule == "heroin-large" })
    }
}
