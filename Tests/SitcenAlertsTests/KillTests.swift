import Foundation
import GRDB
import SitcenAlerts
import SitcenDomain
import SitcenStore
import SitcenTestSupport
import Testing

/// The engine is killed with SIGKILL at random moments while it replays 50,000 reports; after
/// each kill it resumes from its last commit. At the end its alerts, their reports and their
/// histories equal those of an uninterrupted run on a copy of the same store.
@Suite(.serialized) struct KillTests {
    @Test(.timeLimit(.minutes(10))) func killedAtRandomTheEngineLosesAndDoublesNothing() throws {
        let dir = SitcenBinary.temporaryDirectory("alerts-kill")
        defer { try? FileManager.default.removeItem(at: dir) }
        let feed = dir.appendingPathComponent("feed.jsonl").path
        let gen = try Run.sitcen(["demo-data", "--count", "50000", "--end", "2026-11-20T00:00:00Z"])
        try #require(gen.status == 0, "\(gen.stderr)")
        try gen.stdoutData.write(to: URL(fileURLWithPath: feed))
        let killed = dir.appendingPathComponent("killed.sqlite").path
        let calm = dir.appendingPathComponent("calm.sqlite").path
        let ing = try Run.sitcen(["ingest", "--db", killed, feed])
        try #require(ing.status == 0, "\(ing.stderr)")
        try SQLiteStore(path: killed).backup(to: calm)

        let args = ["alerts", "run", "--rules", Fixture.rulesFolder, "--until", "2026-11-21T00:00:00Z", "--page", "1000", "--batch", "2000"]
        let started = Date()
        let uninterrupted = try Run.sitcen(args + ["--db", calm])
        try #require(uninterrupted.status == 0, "\(uninterrupted.stderr)")
        let fullRun = Date().timeIntervalSince(started)
        print("kill -9 test: the uninterrupted run took \(String(format: "%.1f", fullRun)) s")

        var kills = 0, attempts = 0, resumedFrom: [Int64] = []
        var rng = SystemRandomNumberGenerator()
        while kills < 12 && attempts < 60 {
            attempts += 1
            let p = Process()
            p.executableURL = URL(fileURLWithPath: SitcenBinary.path)
            p.arguments = args + ["--db", killed]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            // From start-up (rules, state) to a few commits in: every moment of a run is a target.
            let delay = Double.random(in: 0.1...0.9, using: &rng)
            let deadline = Date(timeIntervalSinceNow: delay)
            while p.isRunning && Date() < deadline { usleep(5_000) }
            if p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                kills += 1
            }
            p.waitUntilExit()
            let progress = try Self.processed(killed)
            resumedFrom.append(progress)
            if p.terminationReason == .exit { break }   // it finished before the kill
        }
        let final = try Run.sitcen(args + ["--db", killed])
        try #require(final.status == 0, "\(final.stderr)")

        let a = try AlertStore(store: try SQLiteStore(path: killed), registry: try TestStore.sampleRegistry())
        let b = try AlertStore(store: try SQLiteStore(path: calm), registry: try TestStore.sampleRegistry())
        let (da, db) = (try Fixture.dump(a), try Fixture.dump(b))
        let duplicates = try a.store.read { d in
            try Int.fetchOne(d, sql: "SELECT COUNT(*) FROM (SELECT fingerprint, first_ms FROM alerts GROUP BY 1, 2 HAVING COUNT(*) > 1)") ?? 0
        }
        let lost = Set(db).subtracting(da).count
        print("kill -9 test: \(kills) kills over \(attempts) runs (checkpoints seen: \(resumedFrom.map(String.init).joined(separator: ", "))); " +
              "\(da.count) alerts after the kills vs \(db.count) uninterrupted; lost \(lost), duplicated \(duplicates); " +
              "events \(try Fixture.eventDump(a).count) vs \(try Fixture.eventDump(b).count)")
        #expect(kills >= 10)
        #expect(da.count > 50)
        #expect(da == db)
        #expect(duplicates == 0)
        #expect(try Fixture.eventDump(a) == Fixture.eventDump(b))
        #expect(try a.progress().processed == 50_000)
    }

    static func processed(_ path: String) throws -> Int64 {
        let q = try DatabaseQueue(path: path)
        defer { try? q.close() }
        return try q.read { db in
            guard try db.tableExists("engine_checkpoint") else { return 0 }
            return try Int64.fetchOne(db, sql: "SELECT IFNULL(last_seq, 0) FROM engine_checkpoint") ?? 0
        }
    }
}
