import Foundation
import SitcenKeys
import SitcenSender
import SitcenServer
import SitcenStore
import SitcenTestSupport
import Testing

@Suite(.serialized) struct SpoolAndSenderTests {
    /// Waits until `condition` holds, up to `seconds`.
    func eventually(_ seconds: Double = 10, _ condition: () throws -> Bool) async throws -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try condition()
    }

    @Test func dropFolderIngestsRenamedFilesAndArchivesThem() async throws {
        let dir = SitcenBinary.temporaryDirectory("sitcen-spool")
        let spool = dir.appendingPathComponent("spool").path
        let c = try await TestCentre(dir: dir) { $0.spoolDirectory = spool; $0.spoolPollMilliseconds = 50 }
        let inbox = spool + "/inbox"
        let lines = [TestStore.line(id: "f1"), TestStore.line(id: "f2"), "{not json"]
        let part = try TestStore.write(lines, to: URL(fileURLWithPath: inbox), name: "batch-1.jsonl.part")
        try await Task.sleep(for: .milliseconds(300))
        #expect(try rows(c.store) == 0)                         // .part is left alone
        #expect(rename(part, inbox + "/batch-1.jsonl") == 0)
        #expect(try await eventually { FileManager.default.fileExists(atPath: spool + "/archive/batch-1.jsonl") })
        #expect(try rows(c.store) == 2)
        let q = try c.store.quarantineEntries()
        #expect(q.count == 1 && q[0].source.hasSuffix("/inbox/batch-1.jsonl") && q[0].firstLine == 3)
        await c.stop()

        // After a crash before the move, the file is read again: duplicates, nothing stored twice.
        try FileManager.default.copyItem(atPath: spool + "/archive/batch-1.jsonl", toPath: inbox + "/batch-1.jsonl")
        let drop = DropFolder(directory: spool, store: c.store, registry: try TestStore.sampleRegistry(), metrics: ServerMetrics(),
                              logger: .init(label: "test"))
        #expect(drop.waitingFiles().count == 1)
        #expect(drop.ingest(inbox + "/batch-1.jsonl"))
        #expect(try rows(c.store) == 2)
        #expect(try c.store.quarantineEntries().count == 1)
        #expect(drop.waitingFiles().isEmpty)
    }

    @Test func senderSendsInOrderAndKeepsRefusedBatches() async throws {
        let c = try await TestCentre()
        let outbox = try Outbox(directory: c.dir.appendingPathComponent("outbox").path)
        let file = try TestStore.write((0..<2500).map { TestStore.line(id: "s\($0)") }, to: c.dir, name: "feed.jsonl")
        #expect(try outbox.enqueue(file: file, batchSize: 1000) == 2500)
        #expect(outbox.pending().count == 3)
        let totals = try await Sender(outbox: outbox, client: c.client()).drain()
        #expect(totals.batches == 3 && totals.accepted == 2500)
        #expect(outbox.pending().isEmpty)
        #expect(try rows(c.store) == 2500)

        // A batch the centre refuses (here a post with a key the centre does not know) is kept.
        try outbox.enqueue(lines: batch(2, prefix: "late").split(separator: 0x0A))
        let stranger = SignedClient(url: c.base, post: "KZ-KHR", key: PostKey.random())
        await #expect(throws: Sender.Failure.self) { _ = try await Sender(outbox: outbox, client: stranger).drain() }
        #expect(outbox.pending().isEmpty)
        let rejected = outbox.rejected()
        #expect(rejected.count == 1)
        let reason = try String(contentsOfFile: rejected[0] + ".reason", encoding: .utf8)
        #expect(reason.contains("HTTP 401"))
        await c.stop()
    }
}
