import Foundation
import GRDB
import SitcenAlerts
import SitcenDomain
import SitcenRules
import SitcenStore
import SitcenTestSupport
import Testing

@Suite struct TriageTests {
    /// A per-vehicle alert: it holds the reports of every post that saw the vehicle.
    static let sameVehicle = """
          - name: same-vehicle
            type: any
            severity: medium
            description: "vehicle {vehicle} at {post}"
            filter: {vehicle: {regex: ".+"}}
            group_by: [vehicle]
            escalate_after: 1h
        """

    /// Two alerts: one per-vehicle alert holding reports of two sectors, one of a single post.
    func setUp() throws -> (AlertStore, URL, FakeClock, vehicle: Int64, single: Int64) {
        let clock = FakeClock(Timestamp.parse("2026-11-20T12:00:00Z")!)
        let (alerts, dir) = try Fixture.store(clock: clock)
        let rules = try Fixture.rules("""
            rules:
            \(Self.sameVehicle)
              - name: big
                type: threshold
                severity: high
                filter: {type: seizure, post: KG-IRK}
                value: quantity_kg
                gte: 10
            """, in: dir)
        let registry = alerts.registry
        let (kz, kg) = (registry.post("KZ-KHR")!, registry.post("KG-IRK")!)
        #expect(kz.sector != kg.sector)
        func withVehicle(_ line: String) -> String { String(line.dropLast()) + #","vehicle":"01KZ777"}"# }
        try Fixture.ingest([withVehicle(Fixture.seizure("v1", post: "KZ-KHR", at: "2026-11-20T10:00:00Z", kg: 1)),
                            withVehicle(Fixture.seizure("v2", post: "KG-IRK", at: "2026-11-20T11:00:00Z", kg: 1)),
                            Fixture.seizure("k1", post: "KG-IRK", at: "2026-11-20T11:30:00Z", kg: 30)], into: alerts, dir: dir)
        let opened = try Fixture.live(alerts, rules: rules).runOnce().opened
        let vehicle = try #require(opened.first { $0.rule == "same-vehicle" }).alertID
        let single = try #require(opened.first { $0.rule == "big" }).alertID
        return (alerts, dir, clock, vehicle, single)
    }

    @Test func bloSeesOnlyAlertsWithReportsOfItsSectorAndOnlyThoseReports() throws {
        let (alerts, dir, _, vehicle, single) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svc = AlertService(alerts)
        let kzSector = alerts.registry.post("KZ-KHR")!.sector
        let kgSector = alerts.registry.post("KG-IRK")!.sector
        let kzBlo = Operator(name: "aliya", role: .blo, sector: kzSector)
        let kgBlo = Operator(name: "nurlan", role: .blo, sector: kgSector)

        #expect(try svc.list(for: kzBlo).map(\.id) == [vehicle])
        #expect(Set(try svc.list(for: kgBlo).map(\.id)) == [vehicle, single])
        #expect(try svc.list(for: Operator(name: "d", role: .duty)).count == 2)

        let d = try svc.show(vehicle, for: kzBlo)
        #expect(d.reports.map(\.report.post) == ["KZ-KHR"])
        #expect(d.alert.count == 1 && d.alert.redacted)
        #expect(!d.alert.description.contains("KG-IRK"))
        #expect(!d.history.contains { $0.reportSeq != nil && !d.reports.map(\.seq).contains($0.reportSeq!) })
        #expect(try svc.show(vehicle, for: .system).reports.count == 2)
        // Another sector's alert does not exist for a blo, whatever it tries.
        #expect(throws: AlertError.self) { try svc.show(single, for: kzBlo) }
        #expect(throws: AlertError.self) { try svc.acknowledge(single, by: kzBlo) }
    }

    @Test func bloAcksTakesAndNotesButNeverResolvesOrSilences() throws {
        let (alerts, dir, _, _, single) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svc = AlertService(alerts)
        // `single` holds reports of KG-IRK only: wholly in this officer's sector.
        let blo = Operator(name: "nurlan", role: .blo, sector: alerts.registry.post("KG-IRK")!.sector)
        try svc.acknowledge(single, by: blo)
        #expect(try svc.take(single, by: blo).assignee == "nurlan")
        try svc.note(single, text: "driver known to us", by: blo)
        #expect(throws: PermissionDenied.self) { try svc.resolve(single, reason: .truePositive, by: blo) }
        #expect(throws: PermissionDenied.self) { try svc.assign(single, to: "bob", by: blo) }
        #expect(throws: PermissionDenied.self) {
            try svc.silence([SilenceMatcher("rule", .equal, "big")], duration: 3600, comment: "x", by: blo)
        }
        let d = try svc.show(single, for: blo)
        #expect(d.notes.map(\.text) == ["driver known to us"])
        #expect(d.history.map(\.kind).suffix(3) == ["acknowledged", "assigned", "noted"])
        let actions = try alerts.auditEntries().map(\.action)
        #expect(actions.suffix(3) == ["alert.ack", "alert.take", "alert.note"])
        #expect(try alerts.auditEntries().last?.operatorName == "nurlan")
    }

    /// Issue 13, item 10: a BLO officer acknowledged an alert that also held another sector's
    /// reports, and so stopped its escalation for everyone. It may act only on alerts whose
    /// reports are all of its sector; the predicate says so before anything is asked.
    @Test func bloActsOnlyOnAlertsWhollyInItsSector() throws {
        let (alerts, dir, clock, vehicle, single) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svc = AlertService(alerts)
        let kzBlo = Operator(name: "aliya", role: .blo, sector: alerts.registry.post("KZ-KHR")!.sector)
        let kgBlo = Operator(name: "nurlan", role: .blo, sector: alerts.registry.post("KG-IRK")!.sector)
        let duty = Operator(name: "dana", role: .duty)

        let mixedForKZ = try svc.show(vehicle, for: kzBlo).alert
        #expect(!kzBlo.may(.acknowledge, on: mixedForKZ))
        #expect(!kgBlo.may(.acknowledge, on: try svc.show(vehicle, for: kgBlo).alert))
        #expect(kgBlo.may(.acknowledge, on: try svc.show(single, for: kgBlo).alert))
        #expect(!kgBlo.may(.resolve, on: try svc.show(single, for: kgBlo).alert))
        let mixedForDuty = try svc.show(vehicle, for: duty).alert
        #expect(mixedForDuty.sectors.count == 2)
        #expect(duty.may(.acknowledge, on: mixedForDuty))
        // The reader is told of its own sector only.
        #expect(mixedForKZ.sectors == [kzBlo.sector!] && mixedForKZ.redacted)

        for act in [{ _ = try svc.acknowledge(vehicle, by: kzBlo) }, { _ = try svc.take(vehicle, by: kzBlo) },
                    { _ = try svc.note(vehicle, text: "x", by: kzBlo) }] as [() throws -> Void] {
            #expect(throws: PermissionDenied.self) { try act() }
        }
        // Nothing happened to it: it is still firing, and escalates as its rule says.
        clock.advance(seconds: 2 * 3600)
        _ = try Fixture.live(alerts, rules: try Fixture.rules("rules:\n" + Self.sameVehicle, in: dir)).runOnce()
        let after = try svc.show(vehicle, for: duty).alert
        #expect(after.state == .firing && after.acknowledgedBy == nil && after.assignee == nil)
        #expect(after.escalated)
        #expect(try svc.show(vehicle, for: duty).notes.isEmpty)
        // A duty officer acts on it.
        #expect(try svc.acknowledge(vehicle, by: duty).acknowledgedBy == "dana")
    }

    @Test func dutyResolvesWithAReasonAndSilencesSupervisorManages() throws {
        let (alerts, dir, clock, vehicle, single) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svc = AlertService(alerts)
        let duty = Operator(name: "bob", role: .duty)
        let other = Operator(name: "carol", role: .duty)
        let sup = Operator(name: "sup", role: .supervisor)
        try svc.assign(single, to: "carol", by: duty)
        let r = try svc.resolve(single, reason: .falsePositive, note: "scales miscalibrated", by: duty)
        #expect(r.state == .resolved && r.resolveReason == "false-positive" && r.resolvedBy == "bob")
        #expect(throws: AlertError.self) { try svc.resolve(single, reason: .other, by: duty) }
        #expect(throws: AlertError.self) { try svc.acknowledge(single, by: duty) }

        // A silence hides the alert from the queue and stops its escalation; expiring it brings it back.
        let s = try svc.silence([SilenceMatcher("rule", .equal, "same-vehicle")], duration: 7200, comment: "checking with customs", by: duty)
        #expect(try svc.list(for: duty).isEmpty)
        #expect(try svc.list(for: duty, includeSilenced: true).first?.silencedBy == s.silence.id)
        #expect(throws: PermissionDenied.self) { try svc.expireSilence(s.silence.id, by: other) }
        clock.advance(seconds: 600)
        try svc.expireSilence(s.silence.id, by: sup)
        #expect(try svc.list(for: duty).map(\.id) == [vehicle])
        #expect(try svc.silences().isEmpty)
        #expect(try svc.silences(includeExpired: true).first?.expiredBy == "sup")
        let kinds = try svc.show(vehicle, for: duty).history.map(\.kind)
        #expect(kinds.contains("silenced") && kinds.contains("unsilenced"))
        #expect(Set(try alerts.auditEntries().map(\.action)).isSuperset(of: ["alert.assign", "alert.resolve", "silence.add", "silence.expire"]))
        #expect(try alerts.verifyAudit() == .ok(count: try alerts.auditEntries().count, head: try alerts.auditHead()?.hash))
    }

    /// The queue puts what needs attention first, the same order for the console, the API and
    /// the CLI: unacknowledged before acknowledged, then severity, then the most recent activity
    /// on the centre's clock (not the reports' observed times).
    @Test func queueOrderPutsWhatNeedsAttentionFirst() throws {
        let (alerts, dir, clock, vehicle, single) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svc = AlertService(alerts)
        // Both high now (the vehicle alert escalated from medium); both changed in the same run:
        // the higher id (the later one) first.
        var list = try svc.list(for: .system)
        #expect(list.map(\.severity) == [.high, .high])
        #expect(list.map(\.id) == [max(vehicle, single), min(vehicle, single)])
        // A late report on the vehicle alert (observed hours ago, received now): it moves to the top.
        clock.advance(seconds: 600)
        try Fixture.ingest([String(Fixture.seizure("v3", post: "KZ-KHR", at: "2026-11-20T09:00:00Z", kg: 1).dropLast()) + #","vehicle":"01KZ777"}"#],
                           into: alerts, dir: dir)
        _ = try Fixture.live(alerts, rules: try Fixture.rules(Self.rulesYAML, in: dir)).runOnce()
        list = try svc.list(for: .system)
        #expect(list.map(\.id) == [vehicle, single])
        #expect(list[0].activityAt == clock.now && list[0].lastAt < list[1].lastAt)
        // Acknowledged goes below unacknowledged, whatever its severity or activity.
        try svc.acknowledge(vehicle, by: .system)
        list = try svc.list(for: .system)
        #expect(list.map(\.id) == [single, vehicle])
        #expect(list.sorted(by: AlertSummary.queueOrder).map(\.id) == list.map(\.id), "Swift and SQL orders differ")
        // Acknowledged and resolved: the resolved one leaves the queue.
        try svc.resolve(vehicle, reason: .duplicate, by: .system)
        #expect(try svc.list(for: .system).map(\.id) == [single])
        #expect(try svc.list(for: .system, state: .resolved).map(\.id) == [vehicle])
        let token = try alerts.storeVersion()
        try svc.note(vehicle, text: "x", by: .system)
        #expect(try alerts.storeVersion() != token)
    }

    /// A second officer who acts on an alert already acknowledged or taken is told by whom and when.
    @Test func aSecondOfficerSeesWhoActedFirst() throws {
        let (alerts, dir, clock, vehicle, _) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svc = AlertService(alerts)
        let aliya = Operator(name: "aliya", role: .duty), bakyt = Operator(name: "bakyt", role: .duty)
        try svc.acknowledge(vehicle, by: aliya)
        clock.advance(seconds: 60)
        do { try svc.acknowledge(vehicle, by: bakyt); Issue.record("a second ack was taken") } catch let e as AlreadyHandled {
            #expect(e.by == "aliya" && e.action == .acknowledged && e.at == Timestamp.parse("2026-11-20T12:00:00Z"))
            #expect(e.text(offset: 18_000).contains("already acknowledged by aliya at 17:00"))
        }
        try svc.take(vehicle, by: aliya)
        do { try svc.take(vehicle, by: bakyt); Issue.record("took another officer's alert") } catch let e as AlreadyHandled {
            #expect(e.by == "aliya" && e.action == .taken)
        }
        #expect(try svc.show(vehicle, for: aliya).alert.assignee == "aliya")
        // Assigning is the deliberate handover: it moves.
        try svc.assign(vehicle, to: "bakyt", by: aliya)
        #expect(try svc.show(vehicle, for: aliya).alert.assignee == "bakyt")
    }

    static let rulesYAML = """
        rules:
          - name: same-vehicle
            type: any
            severity: medium
            description: "vehicle {vehicle} at {post}"
            filter: {vehicle: {regex: ".+"}}
            group_by: [vehicle]
            escalate_after: 1h
          - name: big
            type: threshold
            severity: high
            filter: {type: seizure, post: KG-IRK}
            value: quantity_kg
            gte: 10
        """
}
