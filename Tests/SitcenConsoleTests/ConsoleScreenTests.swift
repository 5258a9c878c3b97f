import Foundation
import Testing
import SitcenConsole
import SitcenDomain
import SitcenTestSupport
import TermUI

/// Each view at 80×24 and 160×48 from a fixed store, compared with golden text files
/// (`SITCEN_UPDATE_GOLDEN=1 swift test --filter ConsoleScreenTests` rewrites them after a
/// deliberate change; review the diff).
@Suite(.serialized) struct ConsoleScreenTests {
    static let goldenDir = SitcenBinary.packageRoot.appendingPathComponent("Tests/SitcenConsoleTests/Golden")

    func check(_ name: String, _ frame: Buffer) throws {
        let text = frame.lines().joined(separator: "\n") + "\n"
        if let diff = Golden.mismatch(text, golden: Self.goldenDir.appendingPathComponent(name + ".txt")) {
            Issue.record(Comment(rawValue: diff))
        }
    }

    @Test(arguments: [(80, 24), (160, 48)])
    func everyView(_ w: Int, _ h: Int) async throws {
        var d = await ConsoleFixture.driver(size: Size(width: w, height: h))
        for view in ConsoleView.allCases {
            await d.press(.char(Character(String(view.rawValue))))
            let frame = d.frame()
            try check("\(view)-\(w)x\(h)", frame)
            #expect(frame.lines().count == h)
            // Every line fits the width, whatever the feed text.
            for line in frame.lines() { #expect(line.displayWidth <= w) }
        }
    }

    @Test func overviewShowsEveryPane() async {
        let d = await ConsoleFixture.driver(size: Size(width: 120, height: 30))
        let f = d.frame().text
        for title in ["Reports", "Alerts", "Map", "Details"] { #expect(f.contains(title), "no \(title) pane") }
        #expect(f.contains("duty aliya"))
        #expect(f.contains("today"))
        #expect(f.contains("quarantine"))
    }

    @Test func textFilterMatchesAcrossScripts() async {
        var d = await ConsoleFixture.driver(size: Size(width: 120, height: 40))
        await d.press(.char("/"))
        await d.type("хоргос")
        await d.press(.enter)
        #expect(!d.state.reports.isEmpty)
        #expect(d.state.reports.allSatisfy { r in
            r.report.post == "KZ-KHR" || [r.report.place, r.report.summary].contains { ($0 ?? "").lowercased().contains("хоргос") || ($0 ?? "").lowercased().contains("khorgos") }
        })
        #expect(d.frame().text.contains("/хоргос"))
        await d.press(.char("x"))
        #expect(d.state.filters.isEmpty)
        #expect(Set(d.state.reports.map(\.report.post)).count > 5)
    }

    @Test func commandsFilterAndSayWhatIsWrong() async {
        var d = await ConsoleFixture.driver(size: Size(width: 120, height: 40))
        await d.press(.char(":")); await d.type("category opiates"); await d.press(.enter)
        #expect(!d.state.reports.isEmpty && d.state.reports.allSatisfy { $0.category == .opiates })
        await d.press(.char(":")); await d.type("type incident"); await d.press(.enter)
        #expect(d.state.reports.isEmpty || d.state.reports.allSatisfy { $0.report.type == .incident && $0.category == .opiates })
        await d.press(.char(":")); await d.type("clear"); await d.press(.enter)
        await d.press(.char(":")); await d.type("post Хоргос"); await d.press(.enter)
        #expect(d.state.filters.post == "KZ-KHR")
        await d.press(.char(":")); await d.type("since 3d"); await d.press(.enter)
        #expect(d.state.reports.allSatisfy { $0.report.observedAt.millis >= ConsoleFixture.end.millis - 3 * 86_400_000 })
        await d.press(.char(":")); await d.type("category drugs"); await d.press(.enter)
        #expect(d.frame().text.contains(":category takes one of"))
    }

    @Test func bloOfficerSeesTheirSectorOnly() async {
        var d = await ConsoleFixture.driver(size: Size(width: 160, height: 48), op: Operator(name: "aliya", role: .blo, sector: "KZ-EAST"))
        let sectorPosts = Set(ConsoleFixture.shared.registry.sector("KZ-EAST")!.posts)
        #expect(!d.state.reports.isEmpty)
        #expect(d.state.reports.allSatisfy { sectorPosts.contains($0.report.post) })
        #expect(d.state.postsBoard.allSatisfy { $0.post.sector == "KZ-EAST" })
        // Trying to leave the sector is refused, and says so.
        await d.press(.char(":")); await d.type("sector TJ-SOUTH"); await d.press(.enter)
        #expect(d.frame().text.contains("sees their own sector only"))
        await d.press(.char(":")); await d.type("post TJ-PNP"); await d.press(.enter)
        #expect(d.frame().text.contains("sees their own sector only"))
        #expect(d.state.reports.allSatisfy { sectorPosts.contains($0.report.post) })
        for view in ConsoleView.allCases {
            await d.press(.char(Character(String(view.rawValue))))
            #expect(!d.frame().text.contains("TJ-"), "view \(view) shows a TJ post to a KZ-EAST officer")
        }
    }

    @Test func mapPaneDrawsTheRegionAndEnterPicksAPost() async {
        var d = await ConsoleFixture.driver(size: Size(width: 160, height: 48))
        await d.press(.char("4"))
        let f = d.frame().text
        #expect(f.contains("KAZAKHSTAN") || f.contains("UZBEKISTAN"))
        #expect(f.contains("GeoNames"))
        #expect(!d.state.mapData.seizures.isEmpty)
        // Centre on a post and press Enter: its details show.
        await d.press(.char("n"))
        await d.press(.enter)
        // The nearest item is the post, or a seizure drawn at its position: its details show.
        switch d.state.mapPick {
        case .post(let code)?: #expect(d.frame().text.contains(code))
        case .seizure(let seq)?: #expect(d.frame().text.contains(String(seq)))
        default: Issue.record("Enter picked \(String(describing: d.state.mapPick))")
        }
        #expect(!d.frame().text.contains("Nothing selected"))
        // Zoom and pan change the view.
        let before = d.state.map.viewport
        await d.press(.char("+"), .char("l"))
        #expect(d.state.map.viewport != before)
    }

    @Test func ctrlCAsksBeforeQuitting() async {
        var d = await ConsoleFixture.driver(size: Size(width: 80, height: 24))
        var quit = await d.send(.key(.ctrl("c")))
        #expect(!quit)
        #expect(d.frame().text.contains("Quit sitcen?"))
        quit = await d.send(.key(.escape))
        #expect(!quit && d.state.confirm == nil)
        quit = await d.send(.key(.char("q")))
        #expect(quit)
    }

    /// Every binding of the key table is in the help, in both keyboard layouts (scrolled).
    @Test func helpListsEveryKeyOfTheTable() async {
        var d = await ConsoleFixture.driver(size: Size(width: 160, height: 48))
        await d.press(.char("?"))
        var seen = ""
        for _ in 0..<40 { seen += d.frame().text; await d.press(.char("j")) }
        let table = ConsoleKeys.table(Strings(.en))
        for b in table.bindings {
            #expect(seen.contains(String(b.description.prefix(30))), "help lacks \(b.description)")
            #expect(seen.contains(table.keyNames(b)), "help lacks the keys \(table.keyNames(b))")
        }
    }

    @Test func russianInterface() async {
        let d = await ConsoleFixture.driver(size: Size(width: 120, height: 40), language: .ru)
        let f = d.frame().text
        #expect(f.contains("Донесения"))
        #expect(f.contains("Обзор"))
    }

    @Test func langSwitchesTheInterfaceAndTheMapsPostNames() async {
        var d = await ConsoleFixture.driver(size: Size(width: 160, height: 48))
        await d.press(.char(":")); await d.type("lang ru"); await d.press(.enter)
        #expect(d.frame().text.contains("Обзор"))
        #expect(d.state.map.layers.russian)
        await d.press(.char(":")); await d.type("lang en"); await d.press(.enter)
        #expect(d.frame().text.contains("Overview"))
    }

    @Test func theKeyReferenceInDocsIsGeneratedFromTheTable() throws {
        let generated = ConsoleKeys.table(Strings(.en)).markdown(title: "Console keys")
        let url = SitcenBinary.packageRoot.appendingPathComponent("Docs/keys.md")
        let doc = try String(contentsOf: url, encoding: .utf8)
        #expect(doc.contains(generated), "Docs/keys.md is out of date: regenerate it with `sitcen console --print-keys`")
    }
}
