import Foundation
import SitcenDomain
import SitcenSender
import SitcenTestSupport
import Testing

/// Remote consoles (issue 10) end to end: a real `sitcen serve` with demo data, and real
/// `sitcen console --server` processes in tmux, each with its own cache. A BLO officer never sees
/// another sector; a report a post sends appears with no key pressed; a centre killed with
/// SIGKILL shows as LINK DOWN, and after its restart the caches hold exactly the centre's
/// sequence numbers for their scope; a revoked token shows as TOKEN REFUSED.
@Suite("Remote console end to end", .enabled(if: Tmux.isAvailable, "needs tmux"), .serialized)
struct RemoteConsoleE2ETests {
    static let registryPath = SitcenBinary.packageRoot.appendingPathComponent("SampleData/posts.csv").path
    static let rulesPath = SitcenBinary.packageRoot.appendingPathComponent("SampleData/rules").path
    static let sector = "KZ-EAST"

    // MARK: - The centre

    /// A centre in a temporary folder: a store with demo data, a keys file, `sitcen serve` on a
    /// loopback port, and the consoles started against it (all killed by `stop()`).
    final class Centre {
        let dir: URL
        let db: String
        let keys: String
        private(set) var port = 0
        var url: String { "http://127.0.0.1:\(port)" }
        /// Defaults (registry, keys, data, caches) point into `dir`, never at the user's own.
        let env: [String: String]
        private(set) var server: BackgroundProcess?
        private var consoles: [Tmux] = []

        init(_ label: String, reports: Int, seed: Int) throws {
            dir = SitcenBinary.temporaryDirectory(label)
            db = dir.appendingPathComponent("centre.sqlite").path
            keys = dir.appendingPathComponent("keys.yaml").path
            env = ["XDG_CONFIG_HOME": dir.appendingPathComponent("config").path,
                   "XDG_DATA_HOME": dir.appendingPathComponent("data").path,
                   "XDG_CACHE_HOME": dir.appendingPathComponent("cache").path]
            let feed = dir.appendingPathComponent("demo.jsonl")
            let demo = try sitcen(["demo-data", "--registry", RemoteConsoleE2ETests.registryPath,
                                   "--count", String(reports), "--days", "30", "--seed", String(seed)])
            try demo.stdoutData.write(to: feed)
            try ingest(feed.path)
        }

        /// Runs the built `sitcen` with the centre's environment; it must succeed.
        @discardableResult
        func sitcen(_ args: [String]) throws -> CommandResult {
            let r = try Run.sitcen(args, environment: env)
            try #require(r.status == 0, "sitcen \(args.joined(separator: " ")) failed (\(r.status)): \(r.stderr)")
            return r
        }

        /// Ingests a feed file straight into the centre's store (as a drop folder or an operator would).
        @discardableResult
        func ingest(_ file: String) throws -> String {
            try sitcen(["ingest", "--db", db, "--registry", RemoteConsoleE2ETests.registryPath, file]).stdout
        }

        /// Starts `sitcen serve` (on the same port as before when restarting) and waits until it listens.
        func start() throws {
            var attempts = 0
            while true {
                attempts += 1
                if port == 0 || (server == nil && attempts > 1) { port = Loopback.freePortForRestart() }
                let s = try BackgroundProcess(SitcenBinary.path, [
                    "serve", "--db", db, "--keys", keys, "--registry", RemoteConsoleE2ETests.registryPath,
                    "--listen", "127.0.0.1:\(port)", "--rules", RemoteConsoleE2ETests.rulesPath,
                ], environment: env, log: dir.appendingPathComponent("serve.log").path)
                if Loopback.waitListening(port: port, seconds: 30, while: { s.isRunning }) {
                    server = s
                    return
                }
                s.kill()
                // A first start may meet a port taken in between; a restart must keep its port.
                guard server == nil, attempts < 3 else {
                    throw BackgroundProcessError("sitcen serve did not listen on \(url):\n\(s.log.suffix(3000))")
                }
            }
        }

        /// SIGKILL: no goodbye to the streams.
        func killServer() {
            server?.send(SIGKILL)
            server?.wait(seconds: 10)
        }

        /// Kills the server and every console. Safe to call twice.
        func stop() {
            for c in consoles { c.kill() }
            server?.kill()
        }

        /// A file holding `text`, readable by its owner alone (as a token or key file should be).
        func secretFile(_ name: String, _ text: String) throws -> String {
            let path = dir.appendingPathComponent(name).path
            #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]))
            return path
        }

        /// A new operator; the path of the file holding their token.
        func addOperator(_ name: String, role: String, sector: String? = nil) throws -> String {
            var args = ["keys", "add-operator", "--keys", keys, "--role", role]
            if let sector { args += ["--sector", sector] }
            let token = try sitcen(args + [name]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            try #require(!token.isEmpty)
            return try secretFile("\(name).token", token)
        }

        /// A post's key; the path of the file holding it.
        func addPost(_ code: String) throws -> String {
            let key = try sitcen(["keys", "add-post", "--keys", keys, code]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            try #require(!key.isEmpty)
            return try secretFile("\(code).key", key)
        }

        /// `sitcen post send` of `lines` as post `code`, through its own outbox.
        func send(post code: String, key: String, lines: [String], name: String) throws -> String {
            let file = try TestStore.write(lines, to: dir, name: name)
            return try sitcen(["post", "send", "--url", url, "--post", code, "--key", key,
                               "--outbox", dir.appendingPathComponent("outbox-\(code)").path, file]).stdout
        }

        /// A remote console in tmux with its own cache; the pane shows `EXITED:status` when it ends.
        func console(tokenFile: String, cache: String) throws -> Tmux {
            let line = [SitcenBinary.path, "console", "--server", url, "--token-file", tokenFile, "--cache", cache, "--history", "90d"]
                .map(Tmux.quote).joined(separator: " ")
            let t = try Tmux(width: 160, height: 40, shell: "\(line); echo EXITED:$?; sleep 60", environment: env)
            consoles.append(t)
            return t
        }
    }

    // MARK: - Reading screens and stores

    /// Lines of a reports table (rows start with the pane border and hold a date).
    static func tableRows(_ screen: String) -> [String] {
        screen.split(separator: "\n").map(String.init).filter {
            $0.hasPrefix("│") && $0.range(of: #"\d\d-\d\d \d\d:\d\d"#, options: .regularExpression) != nil
        }
    }

    /// The registry's posts outside `sector`: their codes, and the code prefixes ("TJ-") that no
    /// post of `sector` shares (these catch a code cut short on screen, "TJ-PN…"). Only codes are
    /// looked for: the map's basemap labels name cities and countries ("Khorog", "TAJIKISTAN"),
    /// which are not a post of another sector on screen.
    static func otherSectors() throws -> (codes: [String], prefixes: [String]) {
        let posts = try TestStore.sampleRegistry().posts
        let mine = Set(posts.filter { $0.sector == sector }.map { String($0.code.prefix(3)) })
        let others = posts.filter { $0.sector != sector }
        let prefixes = Set(others.map { String($0.code.prefix(3)) }).subtracting(mine).sorted()
        return (others.map(\.code), prefixes)
    }

    /// What on `screen` belongs to another sector than KZ-EAST.
    static func leaks(_ screen: String, _ other: (codes: [String], prefixes: [String])) -> [String] {
        var found = other.codes.filter { screen.contains($0) }
        for p in other.prefixes {
            let pattern = "(?<![A-Z])" + NSRegularExpression.escapedPattern(for: p) + "[A-Z]"
            if let r = screen.range(of: pattern, options: .regularExpression) { found.append(String(screen[r]) + "…") }
        }
        return found
    }

    /// The sequence numbers a query of a SQLite file gives (one a line), with the sqlite3 tool.
    static func seqs(_ db: String, _ sql: String) throws -> [Int64] {
        let r = try Run.command("/usr/bin/sqlite3", ["-batch", db, sql])
        try #require(r.status == 0, "sqlite3 \(db) \(sql): \(r.stderr)")
        return r.stdout.split(separator: "\n").compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// Switches `t` to view `n` (1…6) and waits until that view is drawn with its data.
    @discardableResult
    static func showView(_ t: Tmux, _ n: Int) throws -> String {
        t.sendKeys(String(n))
        return try t.waitUntil("view \(n)", timeout: 15) { s in
            switch n {
            case 1: return s.contains("┌ Reports (") && s.contains("┌ Map —") && s.contains("┌ Alerts (") && !tableRows(s).isEmpty
            case 2: return s.contains("┌ Reports (") && !s.contains("┌ Map —") && !s.contains("┌ Alerts (") && !tableRows(s).isEmpty
            case 3: return s.contains("┌ Alerts (") && !s.contains("┌ Reports (") && s.contains("FIRING")
            case 4: return s.contains("┌ Map —") && !s.contains("┌ Reports (") && s.contains("KZ-")
            case 5: return s.contains("┌ Posts —") && s.contains("KZ-KHR")
            case 6: return s.contains("┌ Trends —") && s.contains("Reports by post")
            default: return false
            }
        }
    }

    /// Applies the search `/text` on the reports view and waits until the filter line shows it.
    @discardableResult
    static func search(_ t: Tmux, _ text: String) throws -> String {
        t.sendKeys("/")
        t.type(text)
        t.sendKeys("Enter")
        return try t.waitFor("filters: /\(text)", timeout: 10)
    }

    /// Polls every console until `predicate` holds on each (each is looked at until it does);
    /// returns the seconds from `start` to when each was first seen so. Throws with the screens
    /// of the ones still waiting after `timeout`.
    @discardableResult
    static func waitAll(_ consoles: [(name: String, t: Tmux)], _ what: String, from start: Date = Date(),
                        timeout: Double, _ predicate: (String) -> Bool) throws -> [String: Double] {
        let deadline = Date().addingTimeInterval(timeout)
        var seen: [String: Double] = [:]
        var last: [String: String] = [:]
        while true {
            for c in consoles where seen[c.name] == nil {
                let s = c.t.capture()
                last[c.name] = s
                if predicate(s) { seen[c.name] = Date().timeIntervalSince(start) }
            }
            if seen.count == consoles.count { return seen }
            if Date() >= deadline {
                let waiting = consoles.filter { seen[$0.name] == nil }
                    .map { "\($0.name) console:\n\(last[$0.name] ?? "")" }.joined(separator: "\n")
                throw Tmux.Failure.timeout(waitingFor: what, screen: waiting)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// A report line observed `minutesAgo` before now.
    static func reportLine(id: String, post: String, summary: String, minutesAgo: Int = 0) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        let observed = f.string(from: Date().addingTimeInterval(-Double(minutesAgo) * 60))
        return #"{"id":"\#(id)","post":"\#(post)","type":"seizure","observed_at":"\#(observed)","substance":"героин","quantity":1.5,"unit":"kg","summary":"\#(summary)"}"#
    }

    static func unique(_ word: String) -> String { word + UUID().uuidString.prefix(8).lowercased() }

    // MARK: - Tests

    @Test func scopeLiveReportsAndCatchUpAfterTheCentreIsKilled() throws {
        let started = Date()
        let centre = try Centre("remote-e2e", reports: 3000, seed: 21)
        defer { centre.stop() }
        let bloToken = try centre.addOperator("aliya", role: "blo", sector: Self.sector)
        let dutyToken = try centre.addOperator("dina", role: "duty")
        let khrKey = try centre.addPost("KZ-KHR")
        let pnpKey = try centre.addPost("TJ-PNP")
        try centre.start()

        let blo = try centre.console(tokenFile: bloToken, cache: centre.dir.appendingPathComponent("blo-cache.sqlite").path)
        let duty = try centre.console(tokenFile: dutyToken, cache: centre.dir.appendingPathComponent("duty-cache.sqlite").path)
        let both: [(name: String, t: Tmux)] = [("blo", blo), ("duty", duty)]
        try Self.waitAll(both, "both consoles up on the centre's data", timeout: 30) { s in
            s.contains("┌ Reports (") && s.contains(centre.url) && !s.contains("LINK DOWN") && !Self.tableRows(s).isEmpty
        }

        // 1. The BLO officer of KZ-EAST never sees another sector, in any view.
        let other = try Self.otherSectors()
        for view in 1...6 {
            var screen = try Self.showView(blo, view)
            // Look a few more times: what loads late must not bring another sector either.
            for _ in 0..<4 {
                let leaked = Self.leaks(screen, other)
                #expect(leaked.isEmpty, "view \(view) shows another sector (\(leaked)) to a KZ-EAST officer:\n\(screen)")
                Thread.sleep(forTimeInterval: 0.15)
                screen = blo.capture()
            }
        }
        // A search for another sector's posts finds nothing for the BLO officer…
        try Self.showView(blo, 2)
        try Self.search(blo, "TJ-")
        let bloSearch = try blo.waitFor("No reports match.", timeout: 10)
        #expect(Self.tableRows(bloSearch).isEmpty, "a KZ-EAST officer's search for TJ- shows rows:\n\(bloSearch)")
        #expect(Self.leaks(bloSearch, other).isEmpty, "\(bloSearch)")
        // …while the duty officer sees every sector, and finds them.
        let dutyOverview = try duty.waitUntil("another sector on the duty console", timeout: 10) { !Self.leaks($0, other).isEmpty }
        #expect(dutyOverview.contains("all sectors"))
        try Self.showView(duty, 2)
        try Self.search(duty, "TJ-")
        let dutySearch = try duty.waitUntil("TJ- rows on the duty console", timeout: 10) { s in
            let rows = Self.tableRows(s)
            return !rows.isEmpty && rows.allSatisfy { $0.contains("TJ-") }
        }
        #expect(!dutySearch.contains("No reports match."))
        for t in [blo, duty] {
            t.sendKeys("x")
            try t.waitFor("no filters")
        }

        // 2. A report a post sends appears on both consoles with no key pressed. The list keeps
        // the selected row in place, so filter on a word of the new report first (empty list).
        let word = Self.unique("okapi")
        for t in [blo, duty] {
            try Self.search(t, word)
            try t.waitFor("No reports match.")
        }
        let sendStart = Date()
        let sent = try centre.send(post: "KZ-KHR", key: khrKey,
                                   lines: [Self.reportLine(id: "E2E-LIVE-\(word)", post: "KZ-KHR", summary: "\(word) live seizure")],
                                   name: "live.jsonl")
        #expect(sent.contains("accepted 1"), "\(sent)")
        let accepted = Date()
        let onScreen = try Self.waitAll(both, "the sent report (\(word))", from: sendStart,
                                        timeout: 5 + accepted.timeIntervalSince(sendStart)) { s in
            Self.tableRows(s).contains { $0.contains(word) && $0.contains("KZ-KHR") }
        }
        let postSeconds = accepted.timeIntervalSince(sendStart)
        print("remote console e2e: POST→screen \(Int((onScreen["blo"] ?? 0) * 1000)) ms on the BLO console, \(Int((onScreen["duty"] ?? 0) * 1000)) ms on the duty console (from the start of `sitcen post send`, which took \(Int(postSeconds * 1000)) ms)")

        // A report of another sector reaches the duty console and never the BLO one.
        let tjWord = Self.unique("ibex")
        for t in [blo, duty] {
            t.sendKeys("x")
            try t.waitFor("no filters")
            try Self.search(t, tjWord)
            try t.waitFor("No reports match.")
        }
        let tjSent = try centre.send(post: "TJ-PNP", key: pnpKey,
                                     lines: [Self.reportLine(id: "E2E-TJ-\(tjWord)", post: "TJ-PNP", summary: "\(tjWord) across the river")],
                                     name: "tj.jsonl")
        #expect(tjSent.contains("accepted 1"), "\(tjSent)")
        try duty.waitUntil("the TJ-PNP report on the duty console", timeout: 5) { s in
            Self.tableRows(s).contains { $0.contains(tjWord) && $0.contains("TJ-PNP") }
        }
        // The duty console has it: the BLO console got the same stream turn; look a while longer.
        let watchUntil = Date().addingTimeInterval(1.5)
        repeat {
            // (The filter line names the word: look for it in the table, and for the post anywhere.)
            let s = blo.capture()
            let reached = Self.tableRows(s).contains { $0.contains(tjWord) } || !Self.leaks(s, other).isEmpty
            #expect(!reached, "the TJ-PNP report reached the KZ-EAST officer:\n\(s)")
            if reached { break }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < watchUntil
        #expect(blo.capture().contains("No reports match."))

        // 3. The centre dies (SIGKILL): both consoles say so, and keep showing their cache.
        let downWord = Self.unique("walrus")
        for t in [blo, duty] {
            t.sendKeys("x")
            try t.waitFor("no filters")
            try Self.search(t, downWord)
            try t.waitFor("No reports match.")
        }
        centre.killServer()
        try Self.waitAll(both, "LINK DOWN since HH:MM on both consoles", timeout: 15) { s in
            s.range(of: #"LINK DOWN since \d\d:\d\d"#, options: .regularExpression) != nil
        }
        // Reports reach the store while the link is down: some of KZ-EAST, some of other sectors.
        let east = ["KZ-KHR", "KZ-DOS", "KZ-BKT", "KZ-KOL", "KZ-MKP", "KZ-ZHK"]
        let elsewhere = ["TJ-PNP", "TJ-KHO", "KG-OSH", "KZ-KOR", "KZ-AKT", "UZ-AYR", "TM-SRH"]
        let lines = (east + elsewhere).enumerated().map { i, post in
            Self.reportLine(id: "E2E-DOWN-\(downWord)-\(i)", post: post, summary: "\(downWord) while down \(i)", minutesAgo: 5 + i)
        }
        let ingested = try centre.ingest(try TestStore.write(lines, to: centre.dir, name: "while-down.jsonl"))
        #expect(ingested.contains("accepted \(lines.count),"), "\(ingested)")
        // The centre is back on the same port: the banner goes, and both catch up.
        let restarted = Date()
        try centre.start()
        let back = try Self.waitAll(both, "the link back on both consoles", from: restarted, timeout: 30) { s in
            !s.contains("LINK DOWN") && s.contains(centre.url)
        }
        print("remote console e2e: link back after the restart in \(String(format: "%.1f", back["blo"] ?? 0)) s (BLO), \(String(format: "%.1f", back["duty"] ?? 0)) s (duty)")
        try blo.waitFor("Reports (\(east.count))", timeout: 10)
        try duty.waitFor("Reports (\(lines.count))", timeout: 10)
        for t in [blo, duty] {
            t.sendKeys("q")
            try t.waitFor("EXITED:0", timeout: 15)
        }

        // Each cache holds exactly the centre's sequence numbers for its scope: no gap, no
        // duplicate. (The history window, 90 days, holds every row: checked first.)
        let cutoff = Int64(Date().addingTimeInterval(-90 * 86400).timeIntervalSince1970 * 1000)
        #expect(try Self.seqs(centre.db, "SELECT count(*) FROM reports WHERE observed_ms < \(cutoff)") == [0])
        let all = try Self.seqs(centre.db, "SELECT seq FROM reports ORDER BY seq")
        let mine = try Self.seqs(centre.db, "SELECT seq FROM reports WHERE sector = '\(Self.sector)' ORDER BY seq")
        #expect(all.count > 3000 && mine.count > 100 && mine.count < all.count)
        for (name, expected) in [("duty", all), ("blo", mine)] {
            let cache = centre.dir.appendingPathComponent("\(name)-cache.sqlite").path
            let held = try Self.seqs(cache, "SELECT seq FROM reports ORDER BY seq")
            let counts = try Self.seqs(cache, "SELECT count(*) FROM reports UNION ALL SELECT count(DISTINCT seq) FROM reports")
            #expect(counts.count == 2 && counts[0] == counts[1], "\(name) cache holds a sequence number twice: \(counts)")
            let missing = Set(expected).subtracting(held), extra = Set(held).subtracting(expected)
            #expect(held == expected,
                    "\(name) cache: \(held.count) rows, the centre \(expected.count); missing \(missing.sorted().prefix(10)), not the centre's or not in scope \(extra.sorted().prefix(10))")
        }
        #expect(try Self.seqs(centre.dir.appendingPathComponent("blo-cache.sqlite").path,
                              "SELECT count(*) FROM reports WHERE sector <> '\(Self.sector)'") == [0])
        print("remote console e2e: scope, live and catch-up test took \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }

    @Test func aRevokedTokenShowsTokenRefused() throws {
        let centre = try Centre("remote-revoke-e2e", reports: 800, seed: 22)
        defer { centre.stop() }
        let token = try centre.addOperator("bolat", role: "blo", sector: Self.sector)
        try centre.start()
        let blo = try centre.console(tokenFile: token, cache: centre.dir.appendingPathComponent("bolat-cache.sqlite").path)
        try blo.waitUntil("the console up on the centre's data", timeout: 30) { s in
            s.contains("┌ Reports (") && s.contains(centre.url) && !s.contains("LINK DOWN") && !Self.tableRows(s).isEmpty
        }
        try centre.sitcen(["keys", "revoke", "--keys", centre.keys, "bolat"])
        let revoked = Date()
        let screen = try blo.waitFor("TOKEN REFUSED", timeout: 10)
        print("remote console e2e: TOKEN REFUSED on screen \(Int(Date().timeIntervalSince(revoked) * 1000)) ms after `sitcen keys revoke`")
        // The cache is still shown, and the console says why nothing new comes, not "reconnecting".
        #expect(!Self.tableRows(screen).isEmpty)
        #expect(!screen.contains("LINK DOWN"))
        blo.sendKeys("q")
        try blo.waitFor("EXITED:0", timeout: 15)
    }
}
