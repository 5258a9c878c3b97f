import Foundation
import Testing
import SitcenDomain
@testable import SitcenRules

@Suite("Checkpoint, restore and dry run")
struct StateTests {
    /// One rule of every type, with windows short enough for a few days of reports.
    static let yaml = """
    rules:
      - {name: any-tip, type: any, severity: info, filter: {type: tip}, group_by: [post], escalate_after: 2h}
      - {name: freq, type: frequency, severity: low, filter: {type: seizure}, query_key: post, num_events: 3, timeframe: 2h, realert: 1h}
      - {name: spike-up, type: spike, severity: medium, query_key: sector, timeframe: 3h, spike_height: 2, spike_type: up, threshold_ref: 2}
      - {name: spike-down, type: spike, severity: medium, timeframe: 2h, spike_height: 2, spike_type: both, threshold_ref: 3}
      - {name: silent, type: flatline, severity: high, expect_every: 5h, escalate_after: 1h}
      - {name: new-sub, type: new_term, severity: high, field: substance, scope: sector, terms_window: 1d}
      - {name: card, type: cardinality, severity: low, query_key: vehicle, field: post, max_cardinality: 2, timeframe: 12h}
      - {name: big, type: threshold, severity: high, value: quantity_kg, gte: 40, group_by: [post], escalate_after: 30m}
      - {name: near, type: proximity, severity: low, within_km: 40, filter: {type: incident}}
    """

    /// A deterministic stream: posts, types, substances, vehicles and gaps from a small LCG.
    static func stream(_ n: Int) -> [LoggedReport] {
        var x: UInt64 = 42
        func next(_ m: Int) -> Int { x = x &* 6364136223846793005 &+ 1442695040888963407; return Int((x >> 33) % UInt64(m)) }
        let posts = testRegistry.posts.map(\.code)
        let substances = ["героин", "hashish", "mephedrone", "Зомби-Х", "tramadol", "acetic anhydride"]
        var t = t0
        var out: [LoggedReport] = []
        for i in 1...n {
            t += Int64(next(40)) * minute + (next(10) == 0 ? 6 * hour : 0)
            let type = [ReportType.seizure, .seizure, .incident, .sitrep, .tip][next(5)]
            var r = Report(id: "x\(i)", post: posts[next(posts.count)], type: type, observedAt: Timestamp(millis: t - Int64(next(3)) * minute))
            if type == .seizure { r.substance = substances[next(substances.count)]; r.quantity = Double(next(60) + 1); r.unit = .kg }
            if next(3) == 0 { r.vehicle = "V\(next(4))" }
            if type == .incident { r.lat = 44.0 + Double(next(100)) / 100; r.lon = 80.0 }
            out.append(LoggedReport.derive(r, seq: Int64(i), receivedAt: r.observedAt, source: "t", registry: testRegistry))
        }
        return out
    }

    /// Runs the stream; every 5th report the clock is advanced a little; acknowledgements now and then.
    static func drive(_ e: inout RuleEngine, _ reports: ArraySlice<LoggedReport>, into out: inout [AlertEvent]) {
        for r in reports {
            e.process(r, into: &out)
            if r.seq % 5 == 0 { out += e.advance(to: r.report.observedAt.adding(seconds: 600)) }
            if r.seq % 37 == 0, let a = e.alerts.openAlerts.first {
                out += e.acknowledge(alert: a.id, by: "duty", at: r.report.observedAt.adding(seconds: 601))
            }
        }
    }

    @Test func restoringASnapshotMidStreamGivesTheSameEvents() throws {
        let rules = try SitcenRulesTests.rules(StateTests.yaml)
        let reports = StateTests.stream(1500)
        var whole = RuleEngine(rules: rules, registry: testRegistry)
        var expected: [AlertEvent] = []
        StateTests.drive(&whole, reports[...], into: &expected)
        #expect(Set(expected.map(\.rule)).count == 9, "every rule fires at least once: \(Set(expected.map(\.rule)).sorted())")
        #expect(Set(expected.map(\.kind)).isSuperset(of: [.opened, .updated, .resolved, .escalated, .acknowledged]))

        for cut in [1, 97, 500, 1203] {
            var first = RuleEngine(rules: rules, registry: testRegistry)
            var got: [AlertEvent] = []
            StateTests.drive(&first, reports[..<cut], into: &got)
            let saved = try JSONEncoder().encode(first.state)
            let state = try JSONDecoder().decode(EngineState.self, from: saved)
            #expect(state.lastSeq == Int64(cut))
            var second = RuleEngine(rules: rules, registry: testRegistry, restoring: state)
            // After kill -9 the store replays from its checkpoint; a replay of earlier reports is ignored.
            for r in reports[max(0, cut - 10)..<cut] { #expect(second.process(r).isEmpty) }
            StateTests.drive(&second, reports[cut...], into: &got)
            #expect(got == expected, "cut at \(cut)")
        }
    }

    @Test func aChangedRuleStartsAfresh() throws {
        let rules = try SitcenRulesTests.rules("name: f\ntype: frequency\nseverity: low\nnum_events: 2\ntimeframe: 1h\n")
        var e = RuleEngine(rules: rules, registry: testRegistry)
        var f = Feed()
        _ = e.process(f.report(at: t0))
        var same = RuleEngine(rules: rules, registry: testRegistry, restoring: e.state)
        #expect(same.process(f.report(at: t0 + 1)).kinds == [.opened])
        let changed = try SitcenRulesTests.rules("name: f\ntype: frequency\nseverity: low\nnum_events: 2\ntimeframe: 2h\n")
        var fresh = RuleEngine(rules: changed, registry: testRegistry, restoring: e.state)
        #expect(fresh.process(f.report(at: t0 + 2)).isEmpty)
    }

    @Test func dryRunIsDeterministicAndEqualsTheLiveEngine() throws {
        let rules = try SitcenRulesTests.rules(StateTests.yaml)
        let reports = StateTests.stream(800)
        let a = RuleEngine.dryRun(rules, reports: reports, registry: testRegistry)
        let b = RuleEngine.dryRun(rules, reports: reports.reversed(), registry: testRegistry)   // sorted by seq
        #expect(a == b)
        #expect(!a.isEmpty)
        var live = RuleEngine(rules: rules, registry: testRegistry)
        var c: [AlertEvent] = []
        for r in reports { live.process(r, into: &c) }
        c += live.advance(to: reports.last!.report.observedAt)
        #expect(a == c)
        // `until` moves the end: flatline fires for the silence after the last report.
        let until = reports.last!.report.observedAt.adding(seconds: 24 * 3600)
        let d = RuleEngine.dryRun(rules, reports: reports, registry: testRegistry, until: until)
        #expect(d.count > a.count && Array(d.prefix(a.count)) == a)
    }

    @Test func windowedStateStaysBounded() throws {
        let rules = try SitcenRulesTests.rules(StateTests.yaml)
        var e = RuleEngine(rules: rules, registry: testRegistry)
        var out: [AlertEvent] = []
        StateTests.drive(&e, StateTests.stream(6000)[...], into: &out)
        let s = e.state
        let size = try JSONEncoder().encode(s).count
        #expect(size < 200_000, "state is \(size) bytes")
        for f in e.freq { #expect(f.keys.values.allSatisfy { $0.count <= 10 }) }
    }
}
