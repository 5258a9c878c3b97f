import Foundation
import Testing
import SitcenAlerts
import SitcenConsole
import SitcenDomain
import SitcenReports
import SitcenRules
import SitcenTestSupport
import TermUI

/// The shift SITREP from the fixed store (deterministic demo data, the shipped rules run with
/// the clock fixed at the end of the feed), against golden files.
@Suite(.serialized) struct ShiftReportTests {
    func report(sector: String? = nil) throws -> ShiftReport {
        let f = ConsoleFixture.shared
        let officer = Operator(name: "aliya", role: sector == nil ? .duty : .blo, sector: sector)
        return try ShiftReport.build(store: f.store, registry: f.registry, alerts: f.alerts, officer: officer,
                                     to: ConsoleFixture.end, seconds: 24 * 3600, offset: 18_000)
    }

    func check(_ name: String, _ text: String) throws {
        if let diff = Golden.mismatch(text, golden: ConsoleScreenTests.goldenDir.appendingPathComponent(name)) {
            Issue.record(Comment(rawValue: diff))
        }
    }

    @Test func markdownAndTextMatchTheirGoldens() throws {
        let r = try report()
        let md = r.render(markdown: true)
        try check("sitrep-24h.md", md)
        try check("sitrep-24h.txt", r.render(markdown: false))
        for section in ["# SITREP", "## Seizures by category", "## By post", "## Largest seizures", "## First sightings",
                        "## Incidents", "## Silent posts", "## Alerts this shift", "## Open items to hand over"] {
            #expect(md.contains(section), "no \(section)")
        }
        #expect(md.contains("| --- |"))
    }

    @Test func aBLOOfficersReportHoldsTheirSectorOnly() throws {
        let r = try report(sector: "KZ-EAST")
        let posts = Set(ConsoleFixture.shared.registry.sector("KZ-EAST")!.posts)
        #expect(r.posts.allSatisfy { posts.contains($0.0.post) })
        #expect(r.largest.allSatisfy { posts.contains($0.report.post) })
        #expect(!r.render(markdown: true).contains("TJ-"))
    }

    @Test func jsonCarriesTheSameFigures() throws {
        let r = try report()
        let data = Data(r.json.serialized().utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cats = try #require(object["categories"] as? [[String: Any]])
        #expect(cats.count == r.categories.count)
        #expect((object["open_alerts"] as? [Any])?.count == r.openAlerts.count)
    }

    @Test func handoverViewShowsTheReport() async {
        var d = await ConsoleFixture.driver(size: Size(width: 120, height: 40))
        await d.press(.char(":")); await d.type("handover 24h"); await d.press(.enter)
        let text = d.frame().text
        #expect(text.contains("Handover"))
        #expect(text.contains("SITREP"))
        await d.press(.escape)
        #expect(d.state.handover == nil)
    }

    /// The handover says what was silenced, by whom, why and until when, and what officers
    /// wrote on alerts during the shift; a BLO officer's report has neither the centre's
    /// silences nor notes on alerts that hold other sectors' reports.
    @Test func theSITREPListsTheShiftsSilencesAndNotes() throws {
        let f = try ConsoleFixture.fresh()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        let svc = AlertService(f.alerts)
        let duty = Operator(name: "aliya", role: .duty)
        let open = try svc.list(for: duty)
        let a = try #require(open.first)
        try svc.note(a.id, text: "позвонили на пост, груз задержан", by: duty)
        _ = try svc.silence([SilenceMatcher("rule", .equal, "busy-crossing")], duration: 7200, comment: "scanner maintenance at the post", by: duty)
        let text = try ShiftReport.build(store: f.store, registry: ConsoleFixture.shared.registry, alerts: f.alerts, officer: duty,
                                         to: ConsoleFixture.end.adding(seconds: 60), seconds: 24 * 3600, offset: 18_000).render(markdown: false)
        #expect(text.contains("SILENCES"))
        #expect(text.contains("rule=busy-crossing") && text.contains("scanner maintenance at the post") && text.contains("aliya"))
        #expect(text.contains("NOTES ON ALERTS"))
        #expect(text.contains("позвонили на пост") && text.contains("\(a.id) \(a.rule)"))
        let blo = Operator(name: "b", role: .blo, sector: "TJ-SOUTH")
        let sectorText = try ShiftReport.build(store: f.store, registry: ConsoleFixture.shared.registry, alerts: f.alerts, officer: blo,
                                               to: ConsoleFixture.end.adding(seconds: 60), seconds: 24 * 3600, offset: 18_000).render(markdown: false)
        #expect(!sectorText.contains("scanner maintenance"))
        if !a.sectors.allSatisfy({ $0 == "TJ-SOUTH" }) { #expect(!sectorText.contains("позвонили на пост")) }
    }
}
