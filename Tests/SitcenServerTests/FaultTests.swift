import Foundation
import SitcenSender
import SitcenStore
import SitcenTestSupport
import Testing

/// The real `sitcen serve` binary, killed with SIGKILL and restarted again and again while the
/// real `sitcen post send` streams 100,000 reports: afterwards the store holds every report
/// exactly once.
@Suite(.serialized) struct FaultTests {

    /// Starts a process with its output appended to `log`.
    static func start(_ args: [String], log: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: SitcenBinary.path)
        p.arguments = args
        if !FileManager.default.fileExists(atPath: log) { _ = FileManager.default.createFile(atPath: log, contents: nil) }
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        h.seekToEndOfFile()
        p.standardOutput = h
        p.standardError = h
        try p.run()
        return p
    }


    @Test func killedAndRestartedServerStoresEveryReportExactlyOnce() throws {
        let total = 100_000
        let dir = SitcenBinary.temporaryDirectory("sitcen-fault")
        let db = dir.appendingPathComponent("centre.sqlite").path
        let keys = dir.appendingPathComponent("keys.yaml").path
        let keyFile = dir.appendingPathComponent("KZ-KHR.key").path
        let feed = dir.appendingPathComponent("feed.jsonl").path
        let serverLog = dir.appendingPathComponent("serve.log").path
        let senderLog = dir.appendingPathComponent("send.log").path
        let add = try Run.sitcen(["keys", "add-post", "KZ-KHR", "--keys", keys, "--key-out", keyFile])
        try #require(add.status == 0, "\(add.stderr)")

        var text = ""
        text.reserveCapacity(total * 180)
        for i in 0..<total { text += TestStore.line(id: "fault-\(i)"); text += "\n" }
        try text.write(toFile: feed, atomically: true, encoding: .utf8)

        let port = Loopback.freePort()
        let serveArgs = ["serve", "--db", db, "--keys", keys, "--listen", "127.0.0.1:\(port)",
                         "--rate", "10000", "--burst", "10000", "--log-level", "warning"]
        var server = try FaultTests.start(serveArgs, log: serverLog)
        try #require(Loopback.waitListening(port: port), "the server did not start; see \(serverLog)")

        let started = Date()
        let sender = try FaultTests.start(["post", "send", "--url", "http://127.0.0.1:\(port)", "--post", "KZ-KHR",
                                           "--key", keyFile, "--outbox", dir.appendingPathComponent("outbox").path,
                                           "--batch", "1000", feed], log: senderLog)
        var kills = 0
        while sender.isRunning {
            usleep(UInt32.random(in: 200_000...500_000))
            guard sender.isRunning else { break }
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
            kills += 1
            server = try FaultTests.start(serveArgs, log: serverLog)
            _ = Loopback.waitListening(port: port)
        }
        sender.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        let senderOutput = (try? String(contentsOfFile: senderLog, encoding: .utf8)) ?? ""
        #expect(sender.terminationStatus == 0, "\(senderOutput)")

        // A graceful stop: SIGTERM, requests in flight answered, the store closed, exit 0.
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)

        let store = try SQLiteStore(path: db, readOnly: true)
        let counts = try store.counts()
        var ids = Set<String>()
        try store.forEachReport(ReportQuery(includeSuperseded: true, limit: 0)) { ids.insert($0.report.id) }
        let distinct = ids.count
        let summary = senderOutput.split(separator: "\n").last { $0.hasPrefix("batches") } ?? ""
        print("fault test: \(total) reports streamed in batches of 1000 while sitcen serve was killed (SIGKILL) and restarted \(kills) times in \(String(format: "%.1f", seconds)) s; the store holds \(counts.rows) rows, \(distinct) distinct reports; sender: \(summary)")
        #expect(kills >= 10)
        #expect(counts.rows == total)
        #expect(distinct == total)
        try store.close()
        try? FileManager.default.removeItem(at: dir)
    }
}
