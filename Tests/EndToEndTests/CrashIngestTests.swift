import Foundation
import SitcenDomain
import Testing
import SitcenTestSupport

/// A child `sitcen ingest` of 100,000 reports is killed with SIGKILL at random moments, at
/// least 20 times, and resumed each time; then the store must hold each report exactly once,
/// and each quarantined line exactly once.
@Suite struct CrashIngestTests {
    static let reports = 100_000
    static let brokenEvery = 997          // some lines are quarantined, to check those too

    static func feed(at url: URL) throws -> (valid: Int, broken: Int) {
        var text = ""
        text.reserveCapacity(reports * 230)
        var valid = 0, broken = 0
        let posts = ["KZ-KHR", "KZ-DOS", "TJ-PNP", "UZ-AYR", "KG-TOR", "TM-IMN"]
        for i in 0..<reports {
            if i % brokenEvery == 500 {
                text += "{\"id\":\"bad-\(i)\",\"post\":\"KZ-KHR\",\"type\":\"seizure\",\"observed_at\":\"yesterday\"}\n"
                broken += 1
                continue
            }
            let post = posts[i % posts.count]
            text += "{\"id\":\"crash-\(i)\",\"post\":\"\(post)\",\"type\":\"seizure\",\"observed_at\":\"2026-11-\(10 + i % 10)T0\(i % 10):00:00+05:00\","
            text += "\"substance\":\"героин\",\"quantity\":\(1 + i % 50),\"unit\":\"kg\",\"summary\":\"record \(i)\"}\n"
            valid += 1
        }
        try text.write(to: url, atomically: true, encoding: .utf8)
        return (valid, broken)
    }

    @Test(.timeLimit(.minutes(10))) func killNineAtRandomMomentsLosesNothingAndDuplicatesNothing() throws {
        let dir = SitcenBinary.temporaryDirectory("crash")
        let feedURL = dir.appendingPathComponent("feed.jsonl")
        let (valid, broken) = try Self.feed(at: feedURL)
        let db = dir.appendingPathComponent("crash.sqlite").path
        func sql(_ q: String) throws -> String {
            try Run.command("/usr/bin/sqlite3", [db, q]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var rng = SplitMix(seed: 20_261_123)
        var storedAfterKill: [Int] = []
        var kills = 0
        var attempts = 0
        var completedEarly = 0
        while kills < 20 && attempts < 200 {
            attempts += 1
            let p = Process()
            p.executableURL = URL(fileURLWithPath: SitcenBinary.path)
            p.arguments = ["ingest", "--db", db, "--batch", "1000", feedURL.path]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Kill at a random moment: early (opening, migrating), mid-batch, or late.
            let delay = Double(rng.next() % 1500 + 5) / 1000
            Thread.sleep(forTimeInterval: delay)
            if p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
                if p.terminationReason == .uncaughtSignal { kills += 1 } else { completedEarly += 1 }
                // What was committed before the kill stays: the count never goes back.
                let stored = Int(try sql("SELECT COUNT(*) FROM reports")) ?? 0
                #expect(stored >= (storedAfterKill.last ?? 0), "a committed batch was lost")
                storedAfterKill.append(stored)
            } else {
                p.waitUntilExit()
                completedEarly += 1
            }
        }
        #expect(kills >= 20, "only \(kills) kills landed in \(attempts) attempts")

        // Resume: one run to the end.
        let last = try Run.sitcen(["ingest", "--db", db, "--json", feedURL.path])
        #expect(last.status == 0, "\(last.stderr)")
        let counts = try JSONSerialization.jsonObject(with: Data(last.stdout.utf8)) as! [String: Int]
        #expect(counts.values.reduce(0, +) == Self.reports, "counts add up to the records read: \(counts)")
        #expect(counts["quarantined"] == broken)
        #expect(counts["conflicts"] == 0)

        // Some kills must have landed mid-ingest, with part of the file committed.
        #expect(storedAfterKill.contains { $0 > 0 && $0 < valid }, "no kill landed mid-ingest: \(storedAfterKill)")
        // Exactly once, checked with the sqlite3 tool, independently of sitcen.
        #expect(try sql("PRAGMA integrity_check") == "ok")
        #expect(try sql("SELECT COUNT(*) FROM reports") == "\(valid)")
        #expect(try sql("SELECT COUNT(*) FROM (SELECT DISTINCT post, id FROM reports)") == "\(valid)")
        #expect(try sql("SELECT COUNT(*) FROM quarantine") == "\(broken)")
        #expect(try sql("SELECT COUNT(*) FROM (SELECT DISTINCT seq FROM reports)") == "\(valid)")
        print("crash test: \(kills) SIGKILLs (\(completedEarly) runs finished first; stored after each kill: \(storedAfterKill)), then resumed: \(valid) reports stored exactly once, \(broken) quarantined once")
        try? FileManager.default.removeItem(at: dir)
    }
}

/// A small deterministic generator for test timings.
typealias SplitMix = SplitMix64
