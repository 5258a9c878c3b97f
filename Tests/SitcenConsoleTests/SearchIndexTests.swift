import SitcenLocalSource
import SitcenConsoleData
import Foundation
import Testing
import SitcenConsole
import SitcenDomain
import SitcenStore
import SitcenTestSupport

/// `/` through the search index finds exactly what reading the whole log and folding each
/// field finds (Cyrillic and Latin, any case), newest first, page by page.
@Suite struct SearchIndexTests {
    @Test(arguments: ["хорг", "KHORGOS", "героин", "heroin", "грузовик", "truck", "kz-khr", "sitrep", "Обстановка", "заяв"])
    func theIndexFindsWhatAScanFinds(_ text: String) throws {
        let f = ConsoleFixture.shared
        let source = LocalStoreSource(store: f.store, registry: f.registry, alerts: f.alerts)
        let matcher = TextMatcher(text, registry: f.registry)
        let all = try f.store.reports(ReportQuery(limit: 0))
        let scanned = all.filter(matcher.matches).map(\.seq)
        let found = try #require(try source.search(ReportQuery(limit: 0), text: text, posts: matcher.posts)).map(\.seq)
        #expect(found == scanned, "\(text): index \(found.count), scan \(scanned.count)")
        // Paging back: 20 at a time, the same rows in the same order.
        var paged: [Int64] = []
        var q = ReportQuery(limit: 20)
        while let page = try source.search(q, text: text, posts: matcher.posts), !page.isEmpty {
            paged += page.map(\.seq)
            q.beforeSeq = page.last!.seq
        }
        #expect(paged == scanned)
    }

    @Test func aTextTooShortForTheIndexIsReadFromTheLog() throws {
        let f = ConsoleFixture.shared
        #expect(try f.store.search(ReportQuery(limit: 10), text: "kz") == nil)
    }

    @Test func aStoreMadeBeforeTheIndexIsIndexedWhenOpened() throws {
        // A copy of the fixture as a store made before the index: no index, no migration.
        let dir = SitcenBinary.temporaryDirectory("search-reopen")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("copy.sqlite").path
        try ConsoleFixture.shared.store.backup(to: path)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [path, "DROP TABLE report_search; DELETE FROM grdb_migrations WHERE identifier = 'v2-search';"]
        try p.run(); p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        // Opened: the migration indexes what the log holds.
        let copy = try SQLiteStore(path: path)
        let hits = try #require(try copy.search(ReportQuery(limit: 0), text: "хоргос"))
        #expect(!hits.isEmpty)
    }
}
