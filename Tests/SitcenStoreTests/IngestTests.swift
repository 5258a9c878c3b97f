import Foundation
import Testing
import SitcenDomain
import SitcenFeed
import SitcenStore
import SitcenTestSupport
@testable import SitcenIngest

@Suite struct IngestTests {
    let registry: Registry

    init() throws { registry = try TestStore.sampleRegistry() }

    @Test func duplicatesConflictsAndCorrections() throws {
        let (store, dir) = try TestStore.make()
        let file = try TestStore.write([
            TestStore.line(id: "a"),
            TestStore.line(id: "a", reportedAt: "2026-11-21T00:00:00Z"),   // resend: duplicate
            TestStore.line(id: "a", quantity: 3),                           // same revision, other content
            TestStore.line(id: "a", revision: 2, quantity: 3),              // correction
            TestStore.line(id: "a", revision: 1, quantity: 9),              // older revision: history
            TestStore.line(id: "b", post: "TJ-PNP"),
            "{broken",
        ], to: dir, name: "feed.jsonl")
        let ingestor = Ingestor(store: store, registry: registry, batchSize: 2)
        let c = try ingestor.ingest(path: file)
        #expect(c.accepted == 3)
        #expect(c.corrections == 1)
        #expect(c.duplicates == 2)
        #expect(c.conflicts == 1)
        #expect(c.quarantined == 1)
        #expect(c.total == 7)
        let current = try store.reports(ReportQuery(limit: 0))
        #expect(current.count == 2)
        let a = try #require(current.first { $0.report.id == "a" })
        #expect(a.report.revision == 2 && a.report.quantity == 3)
        let history = try store.history(post: "KZ-KHR", id: "a")
        #expect(history.map(\.report.revision) == [0, 2])
        #expect(history[0].superseded && !history[1].superseded)

        // Reading the same file again stores nothing and adds no quarantine entries.
        let again = try ingestor.ingest(path: file)
        #expect(again.accepted == 0)
        #expect(again.total == 7)
        #expect(try store.counts().rows == 3)
        #expect(try store.quarantineEntries().count == 2)
    }

    @Test func conflictKeepsBothVersions() throws {
        let (store, dir) = try TestStore.make()
        let file = try TestStore.write([TestStore.line(id: "c"), TestStore.line(id: "c", quantity: 5)], to: dir, name: "c.jsonl")
        _ = try Ingestor(store: store, registry: registry).ingest(path: file)
        let e = try #require(try store.quarantineEntries().first)
        #expect(e.kind == .conflict)
        #expect(e.reason.hasPrefix("line 2: conflicts with the stored report KZ-KHR/c revision 0"))
        #expect(String(decoding: e.raw, as: UTF8.self).contains("\"quantity\":5"))
        #expect(e.existingContent?.contains("\"quantity\":2") == true)
    }

    @Test func retryAfterTheRegistryIsFixed() throws {
        let (store, dir) = try TestStore.make()
        let file = try TestStore.write([TestStore.line(id: "n1", post: "KZ-NEW")], to: dir, name: "n.jsonl")
        let c = try Ingestor(store: store, registry: registry).ingest(path: file)
        #expect(c.quarantined == 1)
        let entry = try #require(try store.quarantineEntries().first)
        #expect(entry.reason.contains("unknown post \"KZ-NEW\""))

        let fixed = Registry(posts: registry.posts + [Post(code: "KZ-NEW", nameEn: "New", nameRu: "Новый", country: "KZ",
                                                            neighbour: "KG", kind: .bcp, sector: "KZ-SOUTH", lat: 43, lon: 75)])
        let result = try QuarantineRetry(store: store, registry: fixed).retry(entry, operatorName: "aliya")
        guard case .stored(.accepted) = result else { Issue.record("\(result)"); return }
        #expect(try store.quarantineEntries().isEmpty)
        let resolved = try #require(try store.quarantineEntry(entry.qid))
        #expect(resolved.state == "retried" && resolved.resolvedBy == "aliya")
        #expect(try store.reports(ReportQuery(post: "KZ-NEW")).count == 1)
    }

    @Test func discardIsRecordedNeverSilent() throws {
        let (store, dir) = try TestStore.make()
        _ = try Ingestor(store: store, registry: registry).ingest(path: try TestStore.write(["nope"], to: dir, name: "x.jsonl"))
        let e = try #require(try store.quarantineEntries().first)
        try store.resolveQuarantine(e.qid, state: "discarded", by: "duty1", resolution: "installer test line")
        let d = try #require(try store.quarantineEntry(e.qid))
        #expect(d.state == "discarded" && d.resolution == "installer test line" && d.resolvedBy == "duty1")
        #expect(throws: StoreError.self) { try store.resolveQuarantine(e.qid, state: "discarded", by: "x", resolution: "again") }
    }

    @Test func csvExtrasAndStdinSniffing() throws {
        let (store, _) = try TestStore.make()
        let csv = "id,post,type,observed_at,summary\nq1,KZ-KHR,tip,2026-11-20T14:05:00+05:00,\"Водитель, грузовик\nвторая строка\"\n"
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        _ = csv.withCString { write(fds[1], $0, strlen($0)) }
        close(fds[1])
        let c = try Ingestor(store: store, registry: registry).ingest(fd: fds[0], sourceName: "stdin", kind: "stdin", format: nil)
        close(fds[0])
        #expect(c.accepted == 1)
        #expect(try store.reports(ReportQuery()).first?.report.summary == "Водитель, грузовик\nвторая строка")
    }

    @Test func backupIsAConsistentCopy() throws {
        let (store, dir) = try TestStore.make()
        _ = try Ingestor(store: store, registry: registry).ingest(path: try TestStore.write((0..<50).map { TestStore.line(id: "b\($0)") }, to: dir, name: "b.jsonl"))
        let target = dir.appendingPathComponent("copy.sqlite").path
        try store.backup(to: target)
        let copy = try SQLiteStore(path: target)
        #expect(try copy.counts().rows == 50)
        #expect(throws: StoreError.self) { try store.backup(to: target) }
    }
}
