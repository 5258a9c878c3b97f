import Foundation
import SitcenTestSupport
import Testing

/// The real `sitcen` in a real (tmux) terminal: the duty console.
@Suite("Console end to end", .enabled(if: Tmux.isAvailable, "needs tmux"), .serialized)
struct ConsoleE2ETests {
    /// A store with 2,000 demo reports ending now, in a fresh folder.
    func makeStore() throws -> (db: String, dir: URL) {
        let dir = SitcenBinary.temporaryDirectory("console-e2e")
        let feed = dir.appendingPathComponent("feed.jsonl")
        let gen = try Run.sitcen(["demo-data", "--count", "2000", "--days", "10", "--seed", "5"])
        try gen.stdoutData.write(to: feed)
        let db = dir.appendingPathComponent("sitcen.sqlite").path
        let ingest = try Run.sitcen(["ingest", "--db", db, feed.path])
        try #require(ingest.status == 0, "\(ingest.stderr)")
        return (db, dir)
    }

    func console(_ db: String, _ args: String = "", width: Int = 100, height: Int = 30) throws -> Tmux {
        try Tmux(width: width, height: height,
                 shell: "\(Tmux.quote(SitcenBinary.path)) console --db \(Tmux.quote(db)) --operator e2e \(args); echo EXITED:$?; sleep 60")
    }

    /// Lines of the reports table (rows start with the pane border and hold a date).
    func tableRows(_ screen: String) -> [String] {
        screen.split(separator: "\n").map(String.init).filter { $0.hasPrefix("│") && $0.range(of: #"\d\d-\d\d \d\d:\d\d"#, options: .regularExpression) != nil }
    }

    @Test func demoShowsEveryPaneAndQuitsCleanly() throws {
        let dir = SitcenBinary.temporaryDirectory("demo-e2e")
        let t = try Tmux(width: 120, height: 32,
                         shell: "\(Tmux.quote(SitcenBinary.path)) demo --count 3000; echo EXITED:$?; sleep 60",
                         environment: ["XDG_CACHE_HOME": dir.path])
        defer { t.kill() }
        // Every pane, and the status bar's figures, once the first loads are in.
        let expected = ["Reports (", "Alerts", "Map", "Details", "1 Overview", "today", "silent"]
        let screen = try t.waitUntil("every pane and the status figures", timeout: 60) { s in expected.allSatisfy { s.contains($0) } }
        for pane in expected { #expect(screen.contains(pane), "missing \(pane)") }
        // The live feed: new reports arrive with no key pressed, and the list follows them.
        try t.waitUntil("live reports", timeout: 15) { $0.range(of: #"● follow · \+\d+"#, options: .regularExpression) != nil }
        t.sendKeys("q")
        let after = try t.waitFor("EXITED:0")
        #expect(!t.alternateScreen)
        #expect(!after.contains("Reports ("), "the console's screen is still there after quitting")
    }

    @Test func aReportIngestedByAnotherProcessAppearsWithoutAKey() throws {
        let (db, dir) = try makeStore()
        let t = try console(db)
        defer { t.kill() }
        try t.waitFor("Reports (")
        let marker = "E2E-\(UUID().uuidString.prefix(8))"
        let line = #"{"id":"\#(marker)","post":"KZ-KHR","type":"seizure","observed_at":"2030-01-01T00:00:00+05:00","substance":"героин","quantity":3,"unit":"kg","summary":"\#(marker) fresh"}"#
        let file = try TestStore.write([line], to: dir, name: "new.jsonl")
        let started = Date()
        let r = try Run.sitcen(["ingest", "--db", db, file])
        #expect(r.status == 0)
        // The console follows: the new row is on screen, not behind a marker.
        let screen = try t.waitFor(marker, timeout: 5)
        print("console e2e: commit by another process on screen after \(Int(Date().timeIntervalSince(started) * 1000)) ms (includes the ingest process start)")
        #expect(screen.contains("● follow · +1"))
        #expect(!screen.contains("new ↑"))
    }

    @Test func cyrillicSearchFindsKhorgos() throws {
        let (db, _) = try makeStore()
        let t = try console(db)
        defer { t.kill() }
        try t.waitFor("Reports (")
        t.sendKeys("2")
        t.sendKeys("/")
        t.type("хоргос")
        t.sendKeys("Enter")
        // The filter line shows the applied filter (not the prompt being typed).
        let screen = try t.waitFor("filters: /хоргос")
        _ = try t.waitUntil("the filtered rows", timeout: 10) { s in
            let rows = tableRows(s)
            return !rows.isEmpty && rows.allSatisfy { $0.contains("KZ-KHR") || $0.lowercased().contains("хоргос") || $0.lowercased().contains("khorgos") }
        }
        #expect(screen.contains("x clears"))
        // One key clears every filter.
        t.sendKeys("x")
        try t.waitFor("no filters")
    }

    @Test func bloOfficerOfKZEastNeverSeesATajikPost() throws {
        let (db, _) = try makeStore()
        let t = try console(db, "--role blo --sector KZ-EAST", width: 160, height: 40)
        defer { t.kill() }
        try t.waitFor("Reports (")
        _ = try t.waitUntil("KZ-EAST rows", timeout: 10) { !tableRows($0).isEmpty }
        for view in ["1", "2", "3", "4", "5", "6"] {
            t.sendKeys(view)
            Thread.sleep(forTimeInterval: 0.6)
            let screen = t.capture()
            #expect(!screen.contains("TJ-"), "view \(view) shows a Tajik post to a KZ-EAST officer:\n\(screen)")
        }
        // Asking for another sector is refused.
        t.sendKeys(":")
        t.type("sector TJ-SOUTH")
        t.sendKeys("Enter")
        try t.waitFor("sees their own sector only")
        t.sendKeys("q")
        try t.waitFor("EXITED:0")
    }

    @Test func mapViewZoomsPansAndEnterShowsAPost() throws {
        let (db, _) = try makeStore()
        let t = try console(db, width: 160, height: 45)
        defer { t.kill() }
        try t.waitFor("Reports (")
        t.sendKeys("4")
        let map = try t.waitFor("KAZAKHSTAN")
        #expect(map.contains("GeoNames"))
        #expect(map.contains("seizures"))
        t.sendKeys("+")
        let zoomed = try t.waitUntil("the zoomed map", timeout: 5) { $0 != map }
        t.sendKeys("l")
        _ = try t.waitUntil("the panned map", timeout: 5) { $0 != zoomed }
        // Centre on a post, Enter: the details pane shows it.
        t.sendKeys("n")
        t.sendKeys("Enter")
        // The nearest item is the post, or a seizure drawn at it: either way its details show.
        let picked = try t.waitUntil("the picked item's details", timeout: 5) { s in
            // A post's details, a seizure's full record, or what the map knows of an older seizure.
            ["position", "observed_at", "category"].contains { s.contains($0) }
        }
        #expect(!picked.contains("Nothing selected"))
    }

    @Test func sitcenAloneOpensTheConsoleOnTheDefaultStore() throws {
        let home = SitcenBinary.temporaryDirectory("fresh-home")
        let t = try Tmux(width: 100, height: 30, shell: "\(Tmux.quote(SitcenBinary.path)); echo EXITED:$?; sleep 60",
                         environment: ["HOME": home.path, "XDG_DATA_HOME": "", "XDG_CONFIG_HOME": ""])
        defer { t.kill() }
        let screen = try t.waitFor("Reports (")
        #expect(screen.contains("1 Overview"))
        t.sendKeys("q")
        try t.waitFor("EXITED:0")
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent(".local/share/sitcen/sitcen.sqlite").path))
    }

    @Test func ctrlCAsksAndQRestoresTheTerminal() throws {
        let (db, _) = try makeStore()
        let t = try console(db)
        defer { t.kill() }
        try t.waitFor("Reports (")
        #expect(t.alternateScreen)
        t.sendKeys("C-c")
        try t.waitFor("Quit sitcen?")
        t.sendKeys("Escape")
        try t.waitForAbsence("Quit sitcen?")
        t.sendKeys("q")
        try t.waitFor("EXITED:0")
        #expect(!t.alternateScreen)
    }
}
