import Foundation
import SitcenTestSupport
import Testing

/// Triage from the real console in tmux: ack, take, note and resolve an alert, then the audit
/// trail verifies and holds each action with the operator.
@Suite("Triage end to end", .enabled(if: Tmux.isAvailable, "needs tmux"), .serialized)
struct TriageE2ETests {
    @Test func ackTakeNoteResolveAndTheAuditVerifies() throws {
        let dir = SitcenBinary.temporaryDirectory("triage-e2e")
        let feed = dir.appendingPathComponent("feed.jsonl")
        try Run.sitcen(["demo-data", "--count", "3000", "--days", "20", "--seed", "11"]).stdoutData.write(to: feed)
        let db = dir.appendingPathComponent("sitcen.sqlite").path
        #expect(try Run.sitcen(["ingest", "--db", db, feed.path]).status == 0)
        let rules = SitcenBinary.packageRoot.appendingPathComponent("SampleData/rules").path
        let t = try Tmux(width: 160, height: 40,
                         shell: "\(Tmux.quote(SitcenBinary.path)) console --db \(Tmux.quote(db)) --rules \(Tmux.quote(rules)) --role supervisor --operator zarina; echo EXITED:$?; sleep 60")
        defer { t.kill() }
        try t.waitFor("Reports (")
        t.sendKeys("3")
        // The engine in the console replays the log; alerts appear with no key pressed.
        _ = try t.waitUntil("firing alerts", timeout: 30) { $0.contains("FIRING") }
        t.sendKeys("a")
        try t.waitFor("acknowledged")
        t.sendKeys("t")
        try t.waitFor("is yours")
        t.sendKeys("n")
        t.type("груз задержан, проверено")
        t.sendKeys("Enter")
        try t.waitFor("note added")
        t.sendKeys("r")
        try t.waitFor("resolve as")
        t.sendKeys("t")
        try t.waitFor("resolved (true-positive)")
        // The handover view: the shift's SITREP, with the alert just resolved.
        t.sendKeys(":")
        t.type("handover 24h")
        t.sendKeys("Enter")
        let handover = try t.waitFor("Handover")
        #expect(handover.contains("SITREP"))
        t.sendKeys("Escape")
        try t.waitForAbsence("Handover")
        t.sendKeys("q")
        try t.waitFor("EXITED:0")

        let verify = try Run.sitcen(["audit", "verify", "--db", db])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.hasPrefix("OK"))
        let list = try Run.sitcen(["audit", "list", "--db", db]).stdout
        for action in ["alert.ack", "alert.take", "alert.note", "alert.resolve"] {
            #expect(list.contains(action), "no \(action) in the audit trail:\n\(list)")
        }
        #expect(list.contains("zarina"))
        #expect(list.contains("груз задержан"))
    }
}
