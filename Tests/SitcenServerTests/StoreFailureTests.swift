import Foundation
import SitcenSender
import SitcenServer
import SitcenStore
import SitcenTestSupport
import Testing

/// A store that cannot take writes answers 503, stores nothing of the request, and the post's
/// sender keeps its outbox until the centre takes the batch.
@Suite(.serialized) struct StoreFailureTests {
    @Test func fullStoreAnswers503AndTheSenderKeepsItsOutbox() async throws {
        let c = try await TestCentre()
        #expect(try await c.client().send(batch(5, prefix: "before")).status == 200)
        // Stand for a full disk: the store may not grow by one page.
        try c.store.limitPages(try c.store.pageCount())
        let big = batch(400, prefix: "full")
        let a = try await c.client().send(big)
        #expect(a.status == 503)
        #expect(a.retryAfter != nil)
        #expect(json(a)["error"] as? String == "store_unavailable")
        #expect(try rows(c.store) == 5)                         // nothing half-stored
        try await Task.sleep(for: .milliseconds(1100))          // the health probe is cached for a second
        #expect(try await c.get("/healthz", token: nil).status == 503)

        let outbox = try Outbox(directory: c.dir.appendingPathComponent("outbox").path)
        try outbox.enqueue(lines: big.split(separator: 0x0A))
        var sender = Sender(outbox: outbox, client: c.client())
        sender.initialBackoff = 0.05
        sender.maxBackoff = 0.2
        sender.giveUpAfter = 1.5
        await #expect(throws: Sender.Failure.self) { _ = try await sender.drain() }
        #expect(outbox.pending().count == 1)                    // kept, not dropped

        try c.store.limitPages(nil)                             // room again
        sender.giveUpAfter = nil
        let totals = try await sender.drain()
        #expect(totals.accepted == 400)
        #expect(outbox.pending().isEmpty)
        #expect(try rows(c.store) == 405)
        try await Task.sleep(for: .milliseconds(1100))
        #expect(try await c.get("/healthz", token: nil).status == 200)
        await c.stop()
    }

    @Test func readOnlyStoreAnswers503() async throws {
        let dir = SitcenBinary.temporaryDirectory("sitcen-ro")
        let path = dir.appendingPathComponent("sitcen.sqlite").path
        try SQLiteStore(path: path).close()
        let ro = try SQLiteStore(path: path, readOnly: true)
        let c = try await TestCentre(store: ro, dir: dir)
        let a = try await c.client().send(batch(3))
        #expect(a.status == 503)
        #expect(json(a)["message"] as? String != nil)
        #expect(try await c.get("/healthz", token: nil).status == 503)
        #expect(try rows(ro) == 0)
        await c.stop()
    }
}
