import Foundation
import SitcenDomain
import Testing
@testable import SitcenRules

/// Inhibition (Alertmanager's): while a sector's communications outage is open, its posts'
/// silent-post alerts are muted: recorded, listed with the alert that explains them, never
/// escalated; when the outage is resolved they come back and escalate from then on.
@Suite struct InhibitionTests {
    static let yaml = """
        rules:
          - name: comms-outage
            type: any
            severity: high
            filter: {type: incident, text: [outage, "нет связи"]}
            group_by: [sector]
            inhibits:
              - target: ["rule=silent-post"]
                equal: [sector]
          - name: silent-post
            type: flatline
            severity: high
            filter: {sector: [KZ-EAST, TJ-SOUTH]}
            expect_every: 1h
            group_by: [post, sector]
            escalate_after: 30m
        """

    @Test func anOutageMutesItsSectorsSilentPostsAndNothingElse() throws {
        var e = try engine(Self.yaml)
        var f = Feed()
        // Every watched post reports at t0; then nothing for two hours: three silent posts.
        var out = e.run([f.report("KZ-KHR", .sitrep, at: t0), f.report("KZ-DOS", .sitrep, at: t0), f.report("TJ-PNP", .sitrep, at: t0)])
        out += e.advance(to: at(t0 + 61 * minute))
        let silent = out.of(.opened).filter { $0.rule == "silent-post" }
        #expect(silent.count == 3)
        // A BLO reports the outage in KZ-EAST (through another channel, as an incident).
        let outage = f.report("TJ-ISH", .incident, at: t0 + 62 * minute) { $0.summary = "KZ-EAST: power cut, outage on the link" }
        // The incident comes from TJ-ISH (TJ-GBAO); the rule groups by the report's sector.
        out = e.run([outage])
        let opened = try #require(out.of(.opened).first { $0.rule == "comms-outage" })
        #expect(opened.alert?.label("sector") == "TJ-GBAO")
        // TJ-GBAO holds no silent-post alert: nothing is muted.
        #expect(out.of(.inhibited).isEmpty)

        // An outage reported from inside KZ-EAST mutes exactly KZ-EAST's two silent posts.
        out = e.run([f.report("KZ-KHR", .incident, at: t0 + 63 * minute) { $0.summary = "нет связи с Достыком" }])
        let muted = out.of(.inhibited)
        let kzEast = Set(silent.filter { $0.alert?.label("sector") == "KZ-EAST" }.map(\.alertID))
        // KZ-KHR reported, so its own silent alert resolved; KZ-DOS's is muted.
        #expect(out.of(.resolved).contains { kzEast.contains($0.alertID) })
        let outageID = try #require(out.of(.opened).first { $0.rule == "comms-outage" }).alertID
        #expect(muted.count == 1 && kzEast.contains(muted[0].alertID))
        #expect(muted[0].alert?.inhibitedBy == outageID)
        let tj = try #require(silent.first { $0.alert?.label("sector") == "TJ-SOUTH" }).alertID

        // Escalation: the TJ-SOUTH alert escalates at 30 min; the muted one does not.
        out = e.advance(to: at(t0 + 120 * minute))
        #expect(out.of(.escalated).map(\.alertID) == [tj])

        // The outage resolved: the muted alert comes back, and gets its whole escalate_after
        // again (the posts get time to report once the link is back).
        out = e.resolve(alert: outageID, by: "aliya", at: at(t0 + 130 * minute))
        let id = muted[0].alertID
        #expect(out.of(.uninhibited).map(\.alertID) == [id])
        #expect(!out.of(.escalated).contains { $0.alertID == id })
        #expect(e.alerts.alert(id: id)?.inhibitedBy == nil)
        out = e.advance(to: at(t0 + 159 * minute))
        #expect(!out.of(.escalated).contains { $0.alertID == id })
        out = e.advance(to: at(t0 + 161 * minute))
        #expect(out.of(.escalated).map(\.alertID) == [id])
    }

    @Test func theSavedStateKeepsTheMute() throws {
        var e = try engine(Self.yaml)
        var f = Feed()
        _ = e.run([f.report("KZ-KHR", .sitrep, at: t0), f.report("KZ-DOS", .sitrep, at: t0)])
        _ = e.advance(to: at(t0 + 61 * minute))
        let out = e.run([f.report("KZ-KHR", .incident, at: t0 + 62 * minute) { $0.summary = "outage" }])
        let muted = try #require(out.of(.inhibited).first).alertID
        let data = try JSONEncoder().encode(e.state)
        let restored = RuleEngine(rules: try rules(Self.yaml), registry: testRegistry, restoring: try JSONDecoder().decode(EngineState.self, from: data))
        #expect(restored.alerts.alert(id: muted)?.inhibitedBy != nil)
    }

    @Test func rulesCheckNamesABadInhibition() {
        let errs = errors("""
            name: comms-outage
            type: any
            severity: high
            inhibits:
              - target: ["rule=silent-post", "sector=~(unclosed"]
                equals: [sector]
              - equal: [sector]
            """)
        let text = errs.map(\.description).joined(separator: "\n")
        #expect(text.contains("is not a matcher"), "\(text)")
        #expect(text.contains("did you mean `equal`"), "\(text)")
        #expect(text.contains("an inhibition needs `target`"), "\(text)")
    }
}
