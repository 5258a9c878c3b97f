import SitcenLocalSource
import Foundation
import Testing
import SitcenAlerts
import SitcenConsole
import SitcenDomain
import SitcenIngest
import SitcenStore
import SitcenTestSupport
import TermUI

/// The duty console at 3 a.m., on the cell buffer: each thing a new user met (issue 13),
/// asserted as what the officer sees and what happens to the alerts.
@Suite(.serialized) struct DutyConsoleTests {
    /// Rows that look like the fixture's newest, with new numbers and a text to find them by.
    static func newRows(_ d: TaskRunningDriver<ConsoleApp>, _ n: Int, tag: String, from seq: Int64) -> [LoggedReport] {
        var rows = Array(d.state.reports.prefix(n))
        for i in rows.indices {
            rows[i].seq = seq + Int64(i)
            rows[i].report.id += "-\(tag)\(i)"
            rows[i].report.summary = "\(tag) \(i)"
            rows[i].report.type = .incident
        }
        return rows.reversed()
    }

    @Test func liveRowsComeIntoViewWhileFollowingAndHoldOnceTheOfficerMovesAway() async {
        var d = await ConsoleFixture.driver(size: Size(width: 80, height: 24))
        await d.press(.char("2"))
        #expect(d.frame().text.contains("● follow"))
        // Following: new rows appear at the top, on screen, the newest selected.
        await d.send(.message(.newReports(Self.newRows(d, 2, tag: "LIVE", from: 2_000_000), generation: d.state.generation)))
        // Rows: the tab bar, the critical banner, the pane's top line, the header, then the rows.
        var lines = d.frame().lines()
        #expect(lines[4].contains("LIVE 1") && lines[5].contains("LIVE 0"), "\(lines[4])\n\(lines[5])")
        #expect(d.state.reportsTable.selected == 2_000_001)
        #expect(!d.frame().text.contains("new ↑"))

        // The officer moves down to read: the list holds still and counts what arrived.
        await d.press(.char("j"), .char("j"))
        let held = Array(d.frame().lines()[4...20])
        let selected = d.state.reportsTable.selected
        await d.send(.message(.newReports(Self.newRows(d, 3, tag: "LATER", from: 2_000_100), generation: d.state.generation)))
        lines = d.frame().lines()
        #expect(Array(lines[4...20]) == held, "the held rows moved")
        #expect(d.state.reportsTable.selected == selected)
        #expect(lines[2].contains("‖ hold · g follows"), "\(lines[2])")
        #expect(lines[3].contains("3 new ↑"), "\(lines[3])")
        // g: back to the newest, following again; the next row shows at once.
        await d.press(.char("g"))
        #expect(d.frame().lines()[4].contains("LATER 2"))
        #expect(d.frame().lines()[2].contains("● follow"))
        await d.send(.message(.newReports(Self.newRows(d, 1, tag: "AFTER", from: 2_000_200), generation: d.state.generation)))
        #expect(d.frame().lines()[4].contains("AFTER 0"))
    }

    @Test func followAndHoldGoldens() async throws {
        for (w, h) in [(80, 24), (160, 48)] {
            var d = await ConsoleFixture.driver(size: Size(width: w, height: h))
            await d.press(.char("2"), .char("j"), .char("j"), .char("j"))
            await d.send(.message(.newReports(Self.newRows(d, 4, tag: "ARRIVED", from: 3_000_000), generation: d.state.generation)))
            try ConsoleScreenTests().check("hold-\(w)x\(h)", d.frame())
            await d.press(.char("g"))
            try ConsoleScreenTests().check("follow-\(w)x\(h)", d.frame())
        }
    }

    @Test func theBannersKeysActOnTheBanneredAlertAndNoOther() async throws {
        let f = try ConsoleFixture.fresh()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        var d = await ConsoleFixture.driver(size: Size(width: 80, height: 24), store: f.store, alerts: f.alerts)
        let banner = try #require(d.state.criticalBanner)
        let line = d.frame().lines()[1]
        #expect(line.contains("CRITICAL \(banner.id)") && line.hasSuffix("(!, a: acknowledge) "), "\(line)")
        // The officer is elsewhere in the queue when the banner catches their eye.
        await d.press(.char("3"), .char("j"), .char("j"), .char("j"))
        let elsewhere = try #require(d.state.alertsTable.selected)
        #expect(elsewhere != banner.id)
        await d.press(.char("!"))
        #expect(d.frame().text.contains("Alert \(banner.id)"))
        let before = try AlertService(f.alerts).list(for: .system).filter { $0.acknowledgedBy != nil }.map(\.id)
        await d.press(.char("a"))
        let after = try AlertService(f.alerts).list(for: .system).filter { $0.acknowledgedBy != nil }.map(\.id)
        #expect(Set(after).subtracting(before) == [banner.id])
        #expect(d.frame().text.contains("alert \(banner.id) acknowledged"))
        // A second officer at another desk is told by whom and when.
        var other = await ConsoleFixture.driver(size: Size(width: 80, height: 24), op: Operator(name: "bakyt", role: .duty, sector: nil),
                                                store: f.store, alerts: f.alerts)
        await other.press(.char("3"))
        let row = try #require(other.state.alerts.firstIndex { $0.id == banner.id })
        await other.press(.char("g"))
        for _ in 0..<row { await other.press(.char("j")) }
        await other.press(.char("a"))
        #expect(other.frame().text.contains("alert \(banner.id) was already acknowledged by aliya at 17:00"), "\(other.frame().text)")
    }

    @Test func aLateCriticalAlertTakesTheBannerTopsTheQueueAndRingsOnce() async throws {
        let clock = TestClock(ConsoleFixture.end)
        let f = try ConsoleFixture.fresh(clock: clock.function)
        defer { try? FileManager.default.removeItem(at: f.dir) }
        let source = LocalStoreSource(store: f.store, registry: ConsoleFixture.shared.registry, alerts: f.alerts)
        let rules = SitcenBinary.packageRoot.appendingPathComponent("SampleData/rules").path
        let runner = EngineRunner(alerts: f.alerts, rulesFolder: rules)
        var d = await ConsoleFixture.driver(size: Size(width: 80, height: 24), store: f.store, alerts: f.alerts)
        #expect(d.bells == 0, "what was open when the console opened does not ring")
        // An hour passes (posts go silent, alerts escalate), then 412 kg observed five hours
        // ago arrives: late, and at once critical.
        clock.now = ConsoleFixture.end.adding(seconds: 3600)
        _ = try runner.runOnce(until: clock.now)
        await d.send(.message(.changed(try source.storeVersion(), now: clock.now)))
        let bells = d.bells
        clock.now = clock.now.adding(seconds: 60)
        let line = #"{"id":"LATE-412","post":"UZ-ALT","type":"seizure","observed_at":"2026-11-20T07:00:00Z","substance":"heroin","quantity":412,"unit":"kg"}"#
        let path = try TestStore.write([line], to: f.dir, name: "late.jsonl")
        _ = try Ingestor(store: f.store, registry: ConsoleFixture.shared.registry).ingest(path: path)
        _ = try runner.runOnce(until: clock.now)
        await d.send(.message(.changed(try source.storeVersion(), now: clock.now)))
        let banner = try #require(d.state.criticalBanner)
        #expect(banner.description.contains("412 kg"), "\(banner.description)")
        #expect(d.frame().lines()[1].contains("412 kg"))
        #expect(d.bells == bells + 1)
        await d.press(.char("3"))
        #expect(d.state.alerts.first?.id == banner.id, "the new critical is not first in the queue")
        #expect(d.frame().lines()[4].contains("*"), "the new alert is not marked new")
        // Another refresh does not ring again.
        await d.send(.message(.changed(StoreVersion(lastSeq: 1, lastQuarantine: 0, quarantineResolved: 0), now: clock.now)))
        #expect(d.bells == bells + 1)
    }

    @Test func enterOpensTheAlertFullScreenAt80x24WithItsTriageKeys() async throws {
        let f = try ConsoleFixture.fresh()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        var d = await ConsoleFixture.driver(size: Size(width: 80, height: 24), store: f.store, alerts: f.alerts)
        await d.press(.char("3"), .char("j"))
        let id = try #require(d.state.alertsTable.selected)
        await d.press(.enter)
        let text = d.frame().text
        #expect(text.contains("Alert \(id)"))
        #expect(text.contains("reports ("))
        #expect(text.contains("history"))
        await d.press(.char("t"))
        #expect(try AlertService(f.alerts).show(id, for: .system).alert.assignee == "aliya")
        await d.press(.escape)
        #expect(d.state.openAlert == nil && d.frame().text.contains("Alerts ("))
    }

    @Test func alertViewGoldens() async throws {
        for (w, h) in [(80, 24), (160, 48)] {
            var d = await ConsoleFixture.driver(size: Size(width: w, height: h))
            await d.press(.char("3"), .enter)
            try ConsoleScreenTests().check("alert-view-\(w)x\(h)", d.frame())
        }
    }

    @Test func detailsFollowTheFocusedPane() async throws {
        var d = await ConsoleFixture.driver(size: Size(width: 160, height: 48))
        await d.press(.char("3"), .char("j"), .char("j"))
        let id = try #require(d.state.alertsTable.selected)
        await d.press(.tab)
        #expect(d.state.focus == .details)
        #expect(d.frame().text.contains("alert:       \(id) ·"), "the details pane shows another item")
        // The overview: Tab into the queue, then into the details: the alert, not a report.
        await d.press(.char("1"))
        while d.state.focus != .alerts { await d.press(.tab) }
        await d.press(.char("j"))
        let a = try #require(d.state.alertsTable.selected)
        while d.state.focus != .details { await d.press(.tab) }
        #expect(d.frame().text.contains("\(a) ·"), "\(d.frame().text)")
    }

    @Test func theTooSmallScreenIgnoresEveryKeyButQuit() async throws {
        let f = try ConsoleFixture.fresh()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        var d = await ConsoleFixture.driver(size: Size(width: 60, height: 20), store: f.store, alerts: f.alerts)
        #expect(d.frame().text.contains("Terminal too small"))
        #expect(d.frame().text.contains("now 60×20, needs at least 80×24"))
        let before = try AlertService(f.alerts).list(for: .system).map(\.acknowledgedBy)
        for k in ["3", "j", "a", "t", ":", "x", "/"] { await d.press(.char(Character(k))) }
        await d.press(.enter, .tab)
        #expect(d.state.view == .overview && d.state.prompt == nil)
        #expect(try AlertService(f.alerts).list(for: .system).map(\.acknowledgedBy) == before)
        #expect(await d.send(.key(.char("й"))))
    }

    @Test func filterResultsStartAtTheNewestMatchAndSlashOpensEmpty() async throws {
        var d = await ConsoleFixture.driver(size: Size(width: 80, height: 24))
        await d.press(.char("2"), .pageDown, .pageDown, .pageDown)
        await d.press(.char("/")); await d.type("хорг"); await d.press(.enter)
        #expect(d.state.reportsTable.selectedIndex == 0 && d.state.reportsTable.offset == 0)
        #expect(d.state.reportsTable.selected == d.state.reports.first?.seq)
        await d.press(.char("/"))
        #expect(d.state.prompt?.value == "")
        await d.press(.up)
        #expect(d.state.prompt?.value == "хорг")
        await d.press(.escape)
    }

    @Test func everyPaneFollowsTheFiltersOrSaysItDoesNot() async throws {
        var d = await ConsoleFixture.driver(size: Size(width: 160, height: 48))
        await d.press(.char(":")); await d.type("sector TJ-SOUTH"); await d.press(.enter)
        let tj = Set(ConsoleFixture.shared.registry.sector("TJ-SOUTH")!.posts)
        #expect(!d.state.alerts.isEmpty)
        #expect(d.state.alerts.allSatisfy { a in a.sector == "TJ-SOUTH" || a.posts.contains { tj.contains($0) } })
        #expect(d.state.alerts.count < d.state.allAlerts.count)
        await d.press(.char("5"))
        #expect(!d.frame().text.contains("KZ-KHR"))
        #expect(d.frame().text.contains("TJ-PNP"))
        await d.press(.char(":")); await d.type("substance heroin"); await d.press(.enter)
        await d.press(.char("3"))
        #expect(d.frame().text.contains("not filtered by substance"))
        await d.press(.char("6"))
        #expect(!d.frame().text.contains("not filtered by"), "trends follow sector and substance")
        #expect(d.state.trends.byCategory.map(\.0) == ["opiates"])
    }

    @Test func theRussianLayoutDrivesTheConsoleAndTextStaysAsTyped() async throws {
        var d = await ConsoleFixture.driver(size: Size(width: 120, height: 40))
        await d.press(.char("2"), .char("о"), .char("о"))
        #expect(d.state.reportsTable.selectedIndex == 2)
        await d.press(.char("л"))
        #expect(d.state.reportsTable.selectedIndex == 1)
        await d.press(.char("п"))
        #expect(d.state.reportsTable.selectedIndex == 0)
        await d.press(.char("Ж")); await d.type("ыштсу 6р"); await d.press(.enter)
        #expect(d.state.filters.sinceSeconds == Int64(6 * 3600))
        await d.press(.char("Ж")); await d.type("ыгиыефтсу рукщшт"); await d.press(.enter)
        #expect(d.state.filters.substance == "heroin")
        await d.press(.char(":")); await d.type("ыфвфыв"); await d.press(.enter)
        #expect(d.frame().text.contains("switch the keyboard to Latin") || d.frame().text.contains("Switch the keyboard to Latin"))
        await d.press(.char(":")); await d.type("sinse 2h"); await d.press(.enter)
        #expect(d.frame().text.contains("did you mean :since?"))
        // Text after `.` (the `/` key) is taken exactly as typed.
        await d.press(.char("x"), .char(".")); await d.type("хоргос"); await d.press(.enter)
        #expect(d.state.filters.text == "хоргос")
        // Help shows both layouts.
        await d.press(.char(","))
        #expect(d.frame().text.contains("q (й)"))
        await d.press(.escape)
        #expect(await d.send(.key(.char("й"))))
    }

    @Test func tabCompletesCommandsAndTheirValues() async throws {
        var d = await ConsoleFixture.driver(size: Size(width: 120, height: 40))
        await d.press(.char(":")); await d.type("sec"); await d.press(.tab)
        #expect(d.state.prompt?.value == "sector ")
        await d.type("TJ-S"); await d.press(.tab)
        #expect(d.state.prompt?.value == "sector TJ-SOUTH")
        await d.press(.escape, .char(":")); await d.type("post KZ-"); await d.press(.tab)
        #expect(d.frame().text.contains("KZ-KHR"), "the candidates are listed")
        await d.press(.escape, .char(":")); await d.type("substance мефе"); await d.press(.tab)
        #expect(d.state.prompt?.value.hasPrefix("substance me") == true || d.state.prompt?.value.hasPrefix("substance мефе") == true)
    }

    @Test func aSilenceShowsItsMatchersAsksWhyAndIsListed() async throws {
        let f = try ConsoleFixture.fresh()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        var d = await ConsoleFixture.driver(size: Size(width: 80, height: 24), store: f.store, alerts: f.alerts)
        await d.press(.char("3"))
        let a = try #require(d.state.selectedAlert)
        await d.press(.char("s"))
        var text = d.frame().text
        #expect(text.contains("will match: rule=\(a.rule)"), "\(text)")
        try ConsoleScreenTests().check("silence-draft-80x24", d.frame())
        // Widen to the whole rule.
        await d.press(.char("w"))
        text = d.frame().text
        #expect(text.contains("will match: rule=\(a.rule)\n") || text.contains("(the whole rule)"))
        await d.press(.enter)
        #expect(d.state.prompt?.value == "2h")
        await d.press(.enter)
        #expect(d.state.prompt?.prefix.contains("why") == true)
        await d.press(.enter)
        #expect(d.frame().text.contains("a silence needs a reason"))
        await d.type("power cut at the post, checked by phone"); await d.press(.enter)
        let silences = try AlertService(f.alerts).silences()
        #expect(silences.count == 1)
        #expect(silences.first?.silence.matchers.map(\.description) == ["rule=\(a.rule)"])
        #expect(silences.first?.silence.comment == "power cut at the post, checked by phone")
        await d.press(.char("7"))
        text = d.frame().text
        #expect(text.contains("rule=\(a.rule)") && text.contains("aliya") && text.contains("power cut"))
        try ConsoleScreenTests().check("silences-listed-80x24", d.frame())
        // A supervisor ends it from the console.
        var sup = await ConsoleFixture.driver(size: Size(width: 160, height: 48), op: Operator(name: "sup", role: .supervisor, sector: nil),
                                              store: f.store, alerts: f.alerts)
        await sup.press(.char("7"))
        try ConsoleScreenTests().check("silences-listed-160x48", sup.frame())
        await sup.press(.char("e"))
        #expect(sup.frame().text.contains("End silence?"))
        await sup.press(.char("y"))
        #expect(try AlertService(f.alerts).silences().isEmpty)
    }

    @Test func aBLOOfficerIsRefusedBeforeBeingAskedAnything() async throws {
        let f = try ConsoleFixture.fresh()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        var d = await ConsoleFixture.driver(size: Size(width: 120, height: 40), op: Operator(name: "aliya", role: .blo, sector: "TJ-SOUTH"),
                                            store: f.store, alerts: f.alerts)
        await d.press(.char("3"))
        #expect(!d.state.alerts.isEmpty)
        for key in ["r", "s", "A"] {
            await d.press(.char(Character(key)))
            #expect(d.state.prompt == nil && d.state.silenceDraft == nil, "\(key) asked for input")
            #expect(d.frame().text.contains("may not"), "\(key): \(d.frame().text)")
        }
        // An alert that also holds other sectors' reports: the duty officer acts on it.
        if let i = d.state.alerts.firstIndex(where: { $0.redacted }) {
            await d.press(.char("g"))
            for _ in 0..<i { await d.press(.char("j")) }
            let id = d.state.alertsTable.selected!
            await d.press(.char("a"))
            #expect(d.frame().text.contains("other sectors"))
            #expect(try AlertService(f.alerts).show(id, for: .system).alert.acknowledgedBy == nil)
        }
    }

    @Test func theMapShowsOpenAlertsAndOneAlertsReportsFitted() async throws {
        var d = await ConsoleFixture.driver(size: Size(width: 160, height: 48))
        #expect(!d.state.mapData.alerts.isEmpty, "no alert on the map")
        await d.press(.char("3"))
        let i = try #require(d.state.alerts.firstIndex { $0.rule == "heroin-large" })
        for _ in 0..<i { await d.press(.char("j")) }
        let id = try #require(d.state.alertsTable.selected)
        let before = d.state.map.viewport
        await d.press(.char("m"))
        #expect(d.state.view == .map && d.state.mapAlert == id)
        #expect(d.frame().text.contains("alert \(id)"))
        #expect(d.state.map.viewport != before)
        #expect(d.state.mapData.alerts.contains { $0.id == String(id) })
        // f fits the filtered sector.
        await d.press(.char(":")); await d.type("sector TJ-GBAO"); await d.press(.enter)
        await d.press(.char("4"), .char("f"))
        let vp = d.state.map.viewport
        for code in ConsoleFixture.shared.registry.sector("TJ-GBAO")!.posts {
            let p = ConsoleFixture.shared.registry.post(code)!
            #expect(abs(p.lon - vp.centerLon) < 6 && abs(p.lat - vp.centerLat) < 4, "\(code) is far from the fitted view")
        }
    }

    @Test func enterOnTheMapShowsWhatItPickedAt80x24() async throws {
        var d = await ConsoleFixture.driver(size: Size(width: 80, height: 24))
        await d.press(.char("4"), .char("n"), .enter)
        #expect(d.state.mapPick != nil || d.state.openAlert != nil)
        let text = d.frame().text
        #expect(!text.contains("Nothing selected"))
        #expect(text.contains("Details") || text.contains("Alert "))
        await d.press(.escape)
        #expect(d.state.view == .map && !d.state.drilledIn)
    }

    @Test func theHelpIsSearchedWithSlashAndN() async throws {
        var d = await ConsoleFixture.driver(size: Size(width: 100, height: 30))
        await d.press(.char("?"), .char("/")); await d.type("silence"); await d.press(.enter)
        #expect(d.frame().text.contains("match"))
        let first = d.state.help?.scroll
        await d.press(.char("n"))
        #expect(d.state.help?.scroll != first || d.frame().text.contains("match 1 of 1") || d.frame().text.contains("of"))
        await d.press(.escape)
        #expect(d.state.help == nil)
    }
}

/// A clock a test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var t: Timestamp
    init(_ t: Timestamp) { self.t = t }
    var now: Timestamp {
        get { lock.withLock { t } }
        set { lock.withLock { t = newValue } }
    }
    var function: @Sendable () -> Timestamp { { [self] in self.now } }
}
