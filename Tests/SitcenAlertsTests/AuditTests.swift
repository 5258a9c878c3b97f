import Foundation
import GRDB
import SitcenAlerts
import SitcenDomain
import SitcenStore
import SitcenTestSupport
import Testing

@Suite struct AuditTests {
    func trail(_ n: Int) throws -> (AlertStore, URL) {
        let (alerts, dir) = try Fixture.store()
        for i in 1...n {
            try alerts.audit(Operator(name: "op\(i % 3)", role: .duty), action: "alert.note", target: "alert \(i)", details: "note \(i) «ё»")
        }
        return (alerts, dir)
    }

    @Test func aChainOfEntriesVerifies() throws {
        let (alerts, dir) = try trail(12)
        defer { try? FileManager.default.removeItem(at: dir) }
        let entries = try alerts.auditEntries()
        #expect(entries.count == 12)
        #expect(entries.first?.prevHash == Audit.genesis)
        for (a, b) in zip(entries, entries.dropFirst()) { #expect(b.prevHash == a.hash) }
        #expect(try alerts.verifyAudit() == .ok(count: 12, head: entries.last?.hash))
        try alerts.auditQuarantineDiscard(entry: 7, by: Operator(name: "sup", role: .supervisor), reason: "test record")
        #expect(try alerts.auditHead()?.action == "quarantine.discard")
    }

    @Test func verifyNamesATamperedEntry() throws {
        let (alerts, dir) = try trail(10)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Changed with the sqlite3 shell, as someone with the file would.
        let r = try Run.command("/usr/bin/sqlite3", [alerts.store.path, "UPDATE audit SET details = 'nothing to see' WHERE entry_id = 6"])
        #expect(r.status == 0, "\(r.stderr)")
        guard case .broken(let entry, let reason) = try alerts.verifyAudit() else { Issue.record("not detected"); return }
        #expect(entry == 6)
        #expect(reason.contains("content"))
        // Recomputing that entry's hash moves the break to the next entry.
        let e = try #require(try alerts.auditEntries().first { $0.id == 6 })
        let fixed = AuditEntry.chainHash(prev: e.prevHash, canonical: e.canonical)
        _ = try Run.command("/usr/bin/sqlite3", [alerts.store.path, "UPDATE audit SET hash = '\(fixed)' WHERE entry_id = 6"])
        #expect(try alerts.verifyAudit() == .broken(entry: 7, reason: "its previous hash is not the hash of entry 6: an entry before it was changed or removed"))
        // And the CLI says so, naming it, with a failing status.
        let cli = try Run.sitcen(["audit", "verify", "--db", alerts.store.path])
        #expect(cli.status != 0)
        #expect(cli.stderr.contains("audit entry 7"))
    }

    @Test func aDeletedEntryIsNamed() throws {
        let (alerts, dir) = try trail(5)
        defer { try? FileManager.default.removeItem(at: dir) }
        try alerts.store.write { db in try db.execute(sql: "DELETE FROM audit WHERE entry_id = 3") }
        #expect(try alerts.verifyAudit() == .broken(entry: 4, reason: "entry 3 is missing (the entries jump from 2 to 4)"))
        let head = try Run.sitcen(["audit", "head", "--db", alerts.store.path])
        #expect(head.stdout.hasPrefix(try alerts.auditHead()!.hash))
    }
}
