import Foundation
import SitcenTestSupport
import Testing

/// The duty console at 3 a.m., in a real terminal (tmux): each thing a new user met (issue 13),
/// asserted on the screen and in the store.
@Suite("Duty console end to end", .enabled(if: Tmux.isAvailable, "needs tmux"), .serialized)
struct DutyE2ETests {
    static let rules = SitcenBinary.packageRoot.appendingPathComponent("SampleData/rules").path

    /// A store of demo reports ending now, in a fresh folder.
    func makeStore(count: Int = 2000) throws -> (db: String, dir: URL) {
        let dir = SitcenBinary.temporaryDirectory("duty-e2e")
        let feed = dir.appendingPathComponent("feed.jsonl")
        try Run.sitcen(["demo-data", "--count", String(count), "--days", "10", "--seed", "5"]).stdoutData.write(to: feed)
        let db = dir.appendingPathComponent("sitcen.sqlite").path
        let ingest = try Run.sitcen(["ingest", "--db", db, feed.path])
        try #require(ingest.status == 0, "\(ingest.stderr)")
        return (db, dir)
    }

    /// The console with the shipped rules running in it.
    func console(_ db: String, _ args: String = "", width: Int = 100, height: Int = 30) throws -> Tmux {
        try Tmux(width: width, height: height,
                 shell: "\(Tmux.quote(SitcenBinary.path)) console --db \(Tmux.quote(db)) --rules \(Tmux.quote(Self.rules)) --operator night \(args); echo EXITED:$?; sleep 60")
    }

    func ingest(_ lines: [String], _ db: String, _ dir: URL) throws {
        let file = try TestStore.write(lines, to: dir, name: "in-\(UUID().uuidString.prefix(6)).jsonl")
        let r = try Run.sitcen(["ingest", "--db", db, file])
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// The ids of the acknowledged alerts, from the CLI.
    func acknowledged(_ db: String) throws -> Set<Int64> {
        let out = try Run.sitcen(["alerts", "list", "--db", db, "--state", "all", "--limit", "0", "--json"]).stdout
        var ids = Set<Int64>()
        for line in out.split(separator: "\n") {
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], o["acknowledged_by"] != nil,
                  let id = (o["id"] as? NSNumber)?.int64Value else { continue }
            ids.insert(id)
        }
        return ids
    }

    /// The id the critical banner names.
    func bannerID(_ screen: String) -> Int64? {
        guard let r = screen.range(of: #"CRITICAL \d+"#, options: .regularExpression) else { return nil }
        return Int64(screen[r].dropFirst("CRITICAL ".count))
    }

    static func seizure(_ id: String, _ summary: String, observed: String = "2030-01-01T00:00:00+05:00", kg: Double = 3) -> String {
        #"{"id":"\#(id)","post":"KZ-KHR","type":"seizure","observed_at":"\#(observed)","substance":"героин","quantity":\#(kg),"unit":"kg","summary":"\#(summary)"}"#
    }

    @Test func aNewReportAppearsOnScreenWhileFollowingAndHoldsOnceTheOfficerMoves() throws {
        let (db, dir) = try makeStore()
        let t = try console(db)
        defer { t.kill() }
        try t.waitFor("● follow")
        t.sendKeys("2")
        try ingest([Self.seizure("E2E-A", "FIRST-NEW-ROW")], db, dir)
        try t.waitFor("FIRST-NEW-ROW", timeout: 5)
        // Moved away: the list holds still and counts the new row.
        t.sendKeys("j", "j", "j")
        try t.waitFor("‖ hold")
        try ingest([Self.seizure("E2E-B", "SECOND-NEW-ROW")], db, dir)
        let held = try t.waitFor("1 new ↑", timeout: 5)
        #expect(!held.contains("SECOND-NEW-ROW"))
        // g: the newest row, following again.
        t.sendKeys("g")
        try t.waitFor("SECOND-NEW-ROW")
        try t.waitFor("● follow")
        // The overview follows too.
        t.sendKeys("1")
        try ingest([Self.seizure("E2E-C", "THIRD-NEW-ROW")], db, dir)
        try t.waitFor("THIRD-NEW-ROW", timeout: 5)
    }

    @Test func theBannersKeysAcknowledgeTheBanneredAlertAndNoOther() throws {
        let (db, _) = try makeStore(count: 3000)
        let t = try console(db, width: 120, height: 30)
        defer { t.kill() }
        let screen = try t.waitUntil("the critical banner", timeout: 30) { $0.contains("(!, a: acknowledge)") }
        let id = try #require(bannerID(screen))
        #expect(try acknowledged(db).isEmpty)
        // Somewhere else in the queue, then the banner's keys.
        t.sendKeys("3", "j", "j", "j")
        try t.waitFor("FIRING")
        t.sendKeys("!")
        try t.waitFor("Alert \(id)")
        t.sendKeys("a")
        try t.waitFor("alert \(id) acknowledged")
        #expect(try acknowledged(db) == [id])
    }

    @Test func aLateCriticalTakesTheBannerAndTopsTheQueue() throws {
        let (db, dir) = try makeStore(count: 3000)
        let t = try console(db, width: 120, height: 30)
        defer { t.kill() }
        try t.waitUntil("the critical banner", timeout: 30) { $0.contains("(!, a: acknowledge)") }
        // 412 kg observed hours ago, received now.
        let observed = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-5 * 3600))
        try ingest([#"{"id":"LATE-412","post":"UZ-ALT","type":"seizure","observed_at":"\#(observed)","substance":"heroin","quantity":412,"unit":"kg"}"#], db, dir)
        let screen = try t.waitUntil("the late alert in the banner", timeout: 15) { s in s.split(separator: "\n").dropFirst().first?.contains("412") == true }
        let id = try #require(bannerID(screen))
        t.sendKeys("3")
        let queue = try t.waitFor("FIRING")
        let firstRow = queue.split(separator: "\n").first { $0.contains("FIRING") }.map(String.init) ?? ""
        #expect(firstRow.contains(" \(id) ") && firstRow.contains("*"), "first row: \(firstRow)")
    }

    @Test func alertDetailsAreReachableAt80x24() throws {
        let (db, _) = try makeStore()
        let t = try console(db, width: 80, height: 24)
        defer { t.kill() }
        t.sendKeys("3")
        try t.waitUntil("alerts", timeout: 30) { $0.contains("FIRING") }
        t.sendKeys("Enter")
        let screen = try t.waitFor("history")
        #expect(screen.contains("Alert ") && screen.contains("reports ("))
        t.sendKeys("Escape")
        try t.waitForAbsence("history")
    }

    @Test func theTooSmallScreenTakesNoKeyButQuit() throws {
        let (db, _) = try makeStore()
        let t = try console(db, width: 60, height: 20)
        defer { t.kill() }
        try t.waitFor("Terminal too small")
        Thread.sleep(forTimeInterval: 2)     // the alerts are loaded behind the screen
        t.sendKeys("3", "j", "a", "t")
        Thread.sleep(forTimeInterval: 1)
        t.resize(width: 100, height: 30)
        let screen = try t.waitFor("Reports (")
        #expect(screen.contains("1 Overview"))
        #expect(!screen.contains("acknowledged") && !screen.contains("is yours"))
        #expect(try acknowledged(db).isEmpty)
        t.resize(width: 60, height: 20)
        try t.waitFor("Terminal too small")
        t.sendKeys("й")
        try t.waitFor("EXITED:0")
    }

    @Test func aFilterOpensAtItsNewestMatchAndSlashStartsEmpty() throws {
        let (db, _) = try makeStore()
        let t = try console(db, width: 100, height: 30)
        defer { t.kill() }
        try t.waitFor("Reports (")
        t.sendKeys("2", "PageDown", "PageDown")
        t.sendKeys("/")
        t.type("хорг")
        t.sendKeys("Enter")
        try t.waitFor("filters: /хорг")
        let screen = try t.waitFor("● follow")
        #expect(!screen.contains("new ↑"))
        t.sendKeys("/")
        let prompt = try t.waitUntil("the empty prompt", timeout: 5) { s in s.split(separator: "\n").contains { $0.hasPrefix("/") && $0.trimmingCharacters(in: .whitespaces) == "/" } }
        #expect(!prompt.contains("/хорг "), "the old text is kept")
        t.sendKeys("Escape")
    }

    @Test func theRussianLayoutMovesFiltersAndQuits() throws {
        let (db, _) = try makeStore()
        let t = try console(db, width: 100, height: 30)
        defer { t.kill() }
        t.sendKeys("2")
        try t.waitUntil("the reports", timeout: 10) { $0.contains("● follow") && $0.contains("seizure") }
        t.sendKeys("о", "о")
        try t.waitFor("‖ hold")
        t.sendKeys("Ж")
        t.type("ыштсу 6р")
        t.sendKeys("Enter")
        try t.waitFor("filters: since 6h")
        t.sendKeys("й")
        try t.waitFor("EXITED:0")
    }

    @Test func aSilenceFromTheConsoleSaysWhatItMatchesAndWhy() throws {
        let (db, _) = try makeStore()
        let t = try console(db, width: 100, height: 30)
        defer { t.kill() }
        t.sendKeys("3")
        try t.waitUntil("alerts", timeout: 30) { $0.contains("FIRING") }
        t.sendKeys("s")
        try t.waitFor("will match: rule=")
        t.sendKeys("w")
        try t.waitFor("(the whole rule)")
        t.sendKeys("Enter")
        try t.waitFor("silence for how long")
        t.sendKeys("Enter")
        try t.waitFor("why")
        t.type("e2e: checked by phone")
        t.sendKeys("Enter")
        try t.waitFor("silenced rule=")
        t.sendKeys("7")
        let listed = try t.waitFor("e2e: checked by phone")
        #expect(listed.contains("night"))
        let cli = try Run.sitcen(["silence", "list", "--db", db]).stdout
        #expect(cli.contains("e2e: checked by phone"), "\(cli)")
    }

    @Test func anAlertsReportsOnTheMapAndEnterOnTheMapAt80x24() throws {
        let (db, _) = try makeStore()
        let t = try console(db, width: 80, height: 24)
        defer { t.kill() }
        t.sendKeys("3")
        try t.waitUntil("alerts", timeout: 30) { $0.contains("FIRING") }
        t.sendKeys("m")
        try t.waitUntil("the alert on the map", timeout: 5) { $0.range(of: #"Map — \d+ seizures · alert \d+"#, options: .regularExpression) != nil }
        t.sendKeys("n", "Enter")
        // A post, a seizure, or an alert (which opens full screen): its details show.
        let picked = try t.waitUntil("the picked item", timeout: 5) { s in ["position", "observed_at", "category", "reports ("].contains { s.contains($0) } }
        #expect(!picked.contains("Nothing selected"))
    }

    @Test func aBLOOfficerIsRefusedBeforeTyping() throws {
        let (db, _) = try makeStore()
        let t = try console(db, "--role blo --sector TJ-SOUTH", width: 120, height: 30)
        defer { t.kill() }
        t.sendKeys("3")
        try t.waitUntil("alerts", timeout: 30) { $0.contains("FIRING") }
        t.sendKeys("r")
        let screen = try t.waitFor("may not resolve")
        #expect(!screen.contains("resolve as"))
        t.sendKeys("s")
        try t.waitFor("may not silence")
    }
}
