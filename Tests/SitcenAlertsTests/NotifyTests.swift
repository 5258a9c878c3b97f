import Foundation
import GRDB
import SitcenAlerts
import SitcenDomain
import SitcenStore
import SitcenTestSupport
import Testing

/// A tiny HTTP listener on 127.0.0.1: answers each request with the next status of `statuses`
/// (the last one repeats) and keeps the bodies it received.
final class TinyHTTPServer: @unchecked Sendable {
    let fd: Int32
    let port: UInt16
    private let lock = NSLock()
    private var statuses: [Int]
    private(set) var bodies: [String] = []

    init(statuses: [Int]) throws {
        self.statuses = statuses
        let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(sock, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(sock, 8) == 0 else { throw AlertError("cannot listen") }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(sock, $0, &len) } }
        fd = sock
        port = UInt16(bigEndian: addr.sin_port)
        let server = self
        Thread { server.serve() }.start()
    }

    var received: [String] { lock.lock(); defer { lock.unlock() }; return bodies }

    private func serve() {
        while true {
            let c = accept(fd, nil, nil)
            if c < 0 { return }
            var data = [UInt8]()
            var buf = [UInt8](repeating: 0, count: 4096)
            var bodyStart: Int?
            var length = 0
            while true {
                let n = read(c, &buf, buf.count)
                if n <= 0 { break }
                data += buf[0..<n]
                if bodyStart == nil, let r = String(decoding: data, as: UTF8.self).range(of: "\r\n\r\n") {
                    let head = String(decoding: data, as: UTF8.self)[..<r.lowerBound]
                    bodyStart = String(decoding: data, as: UTF8.self).utf8.distance(from: String(decoding: data, as: UTF8.self).utf8.startIndex, to: r.upperBound)
                    for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
                        length = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
                    }
                }
                if let s = bodyStart, data.count >= s + length { break }
            }
            lock.lock()
            let status = statuses.count > 1 ? statuses.removeFirst() : statuses[0]
            if let s = bodyStart { bodies.append(String(decoding: data[s...], as: UTF8.self)) }
            lock.unlock()
            let reply = "HTTP/1.1 \(status) X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            _ = reply.withCString { write(c, $0, strlen($0)) }
            Glibc.close(c)
        }
    }

    func stop() { shutdown(fd, Int32(SHUT_RDWR)); Glibc.close(fd) }
}

@Suite(.serialized) struct NotifyTests {
    func alerts(_ config: NotifyConfig, clock: FakeClock) throws -> (AlertStore, URL, Notifier) {
        let (alerts, dir) = try Fixture.store(clock: clock)
        alerts.routes = NotifyRoutes(config)
        try Fixture.ingest([Fixture.seizure("n1", at: "2026-11-20T10:00:00Z"), Fixture.seizure("n2", post: "KZ-DOS", at: "2026-11-20T10:01:00Z")],
                           into: alerts, dir: dir)
        try Fixture.live(alerts, rules: Fixture.rulesFolder).runOnce()
        return (alerts, dir, Notifier(alerts: alerts, config: config))
    }

    func deliveries(_ alerts: AlertStore) throws -> [String] {
        try alerts.store.read { db in
            try Row.fetchAll(db, sql: "SELECT receiver, alert_id, attempt, status FROM deliveries ORDER BY delivery_id")
                .map { "\($0["receiver"] as String) \($0["alert_id"] as Int64) \($0["attempt"] as Int) \($0["status"] as String)" }
        }
    }

    @Test func aCommandReceiverGetsTheAlertJSONOnStdinAndFailuresAreRetried() throws {
        let clock = FakeClock(Timestamp.parse("2026-11-20T10:02:00Z")!)
        let dir = SitcenBinary.temporaryDirectory("notify-cmd")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.jsonl").path, marker = dir.appendingPathComponent("failed-once").path
        // Fails the first time it runs (no marker yet), then appends what it is given.
        let config = try NotifyConfig.parse(yaml: """
            receivers:
              - name: log
                command: ["/bin/sh", "-c", "if [ -f '\(marker)' ]; then cat >> '\(out)'; else touch '\(marker)'; exit 3; fi"]
                retries: 2
            routes:
              - receiver: log
                matchers: ["rule=heroin-large"]
            """, file: "receivers.yaml")
        let (alerts, sdir, notifier) = try self.alerts(config, clock: clock)
        defer { try? FileManager.default.removeItem(at: sdir) }
        #expect(try notifier.deliverDue() == 2)          // first attempt of each: one fails, one goes
        #expect(try notifier.deliverDue() == 0)          // the failed one waits for its backoff
        clock.advance(seconds: 3)
        #expect(try notifier.deliverDue() == 1)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.contains(#""event":"opened""#) && $0.contains(#""rule":"heroin-large""#) })
        #expect(try deliveries(alerts).map { $0.split(separator: " ").suffix(2).joined(separator: " ") } == ["1 retrying", "1 sent", "2 sent"])
    }

    @Test func aWebhookIsPostedAndRetriedUntilItAnswers2xx() throws {
        let server = try TinyHTTPServer(statuses: [503, 200])
        defer { server.stop() }
        let clock = FakeClock(Timestamp.parse("2026-11-20T10:02:00Z")!)
        let config = try NotifyConfig.parse(yaml: """
            receivers:
              - name: hook
                webhook: http://127.0.0.1:\(server.port)/sitcen
                timeout: 5s
                max_per_minute: 1
            routes:
              - receiver: hook
                matchers: ["severity=~high|critical"]
            """, file: "receivers.yaml")
        let (alerts, sdir, notifier) = try self.alerts(config, clock: clock)
        defer { try? FileManager.default.removeItem(at: sdir) }
        // Two alerts, a limit of one a minute: one attempt now (answered 503).
        #expect(try notifier.deliverDue() == 1)
        clock.advance(seconds: 61)
        #expect(try notifier.deliverDue() == 1)
        clock.advance(seconds: 61)
        #expect(try notifier.deliverDue() == 1)
        let d = try deliveries(alerts)
        #expect(d.map { $0.split(separator: " ").last! } == ["retrying", "sent", "sent"])
        #expect(server.received.count == 3)
        let body = try #require(server.received.last)
        let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        #expect((json?["alert"] as? [String: Any])?["severity"] as? String == "critical")
    }

    @Test func routesAndConfigurationErrors() throws {
        #expect(throws: AlertError.self) {
            try NotifyConfig.parse(yaml: "receivers:\n  - name: a\n    webhook: ftp://x\nroutes:\n  - receiver: b\n", file: "r.yaml")
        }
        let c = try NotifyConfig.parse(yaml: """
            receivers:
              - {name: a, command: [/bin/true]}
              - {name: b, command: [/bin/true], send_resolved: true}
            routes:
              - {receiver: a, matchers: ["team=drug-intel"], continue: true}
              - {receiver: b}
            """, file: "r.yaml")
        #expect(c.routes.count == 2 && c.receivers[1].sendResolved)
    }
}
