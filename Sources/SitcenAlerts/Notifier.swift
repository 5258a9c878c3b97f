import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GRDB
import Logging
import SitcenDomain

/// Delivers the queued notifications: a command receiver gets the alert JSON on stdin (exit 0 is
/// success), a webhook receiver a `POST` of it (2xx is success). A failed attempt is retried with
/// exponential backoff (2 s, 4 s, 8 s… at most 5 min apart) up to the receiver's `retries`; each
/// receiver has a rate limit per minute (jobs over it wait). Every attempt is a `deliveries` row.
///
/// Jobs are claimed in the database before they are sent, so notifiers in two processes never
/// send the same job; a notifier killed while sending lets the job be sent again after the
/// claim lapses (at least once).
public final class Notifier: @unchecked Sendable {
    public let alerts: AlertStore
    public let config: NotifyConfig
    public var logger = Logger(label: "sitcen.notify")
    /// Seconds between looks at the queue.
    public var pollInterval = 1.0
    private let lock = NSLock()
    private var sentAt: [String: [Int64]] = [:]
    private var thread: Thread?
    private var stopping = false

    public init(alerts: AlertStore, config: NotifyConfig) {
        self.alerts = alerts; self.config = config
    }

    /// One pass: sends every job that is due (and allowed by the rate limits). Returns the number
    /// of attempts made.
    @discardableResult
    public func deliverDue() throws -> Int {
        var attempts = 0
        while let job = try claim() {
            attempts += 1
            guard let receiver = config.receiver(job.receiver) else {
                try finish(job, attempt: job.attempts + 1, error: "no receiver named \(job.receiver) in the configuration", final: true)
                continue
            }
            let error = send(job.payload, to: receiver, alert: job.alertID)
            let attempt = job.attempts + 1
            try finish(job, attempt: attempt, error: error, final: error == nil || attempt > receiver.retries)
            if let error { logger.warning("notification \(job.id) to \(receiver.name), attempt \(attempt): \(error)") }
        }
        return attempts
    }

    struct Job { var id: Int64; var receiver: String; var alertID: Int64; var kind: String; var payload: String; var attempts: Int }

    /// Takes the next due job whose receiver is under its rate limit, and claims it for 2 minutes.
    private func claim() throws -> Job? {
        let now = alerts.clock()
        return try alerts.store.write { db -> Job? in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM notify_queue WHERE state = 'pending' AND next_ms <= ? ORDER BY next_ms, job_id LIMIT 50
                """, arguments: [now.millis])
            for row in rows {
                let receiver: String = row["receiver"]
                let limit = config.receiver(receiver)?.maxPerMinute ?? Int.max
                if let wait = rateWait(receiver, limit: limit, now: now.millis) {
                    try db.execute(sql: "UPDATE notify_queue SET next_ms = ? WHERE job_id = ?", arguments: [now.millis + wait, row["job_id"] as Int64])
                    continue
                }
                let id: Int64 = row["job_id"]
                try db.execute(sql: "UPDATE notify_queue SET next_ms = ? WHERE job_id = ?", arguments: [now.millis + 120_000, id])
                noteSent(receiver, now: now.millis)
                return Job(id: id, receiver: receiver, alertID: row["alert_id"], kind: row["kind"], payload: row["payload"], attempts: row["attempts"])
            }
            return nil
        }
    }

    private func finish(_ job: Job, attempt: Int, error: String?, final: Bool) throws {
        let now = alerts.clock()
        let backoff = min(Int64(300_000), Int64(2000) << Int64(min(attempt - 1, 20)))
        try alerts.store.write { db in
            try db.execute(sql: """
                INSERT INTO deliveries(job_id, receiver, alert_id, kind, attempt, status, at_ms, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [job.id, job.receiver, job.alertID, job.kind, attempt, error == nil ? "sent" : (final ? "failed" : "retrying"), now.millis, error])
            try db.execute(sql: "UPDATE notify_queue SET attempts = ?, state = ?, next_ms = ? WHERE job_id = ?",
                           arguments: [attempt, error == nil ? "sent" : (final ? "failed" : "pending"), now.millis + backoff, job.id])
        }
    }

    /// Milliseconds to wait before `receiver` may send again, or nil. Call with the write lock.
    private func rateWait(_ receiver: String, limit: Int, now: Int64) -> Int64? {
        lock.lock(); defer { lock.unlock() }
        var times = (sentAt[receiver] ?? []).filter { $0 > now - 60_000 }
        sentAt[receiver] = times
        guard times.count >= limit else { return nil }
        times.sort()
        return times[times.count - limit] + 60_000 - now
    }

    private func noteSent(_ receiver: String, now: Int64) {
        lock.lock(); sentAt[receiver, default: []].append(now); lock.unlock()
    }

    // MARK: - Sending

    /// Sends one payload; nil on success, else what went wrong.
    func send(_ payload: String, to r: NotifyConfig.Receiver, alert: Int64) -> String? {
        switch r.target {
        case .command(let argv): return runCommand(argv, payload: payload, timeout: r.timeout, alert: alert)
        case .webhook(let url): return post(url, payload: payload, timeout: r.timeout)
        }
    }

    /// A receiver that exits without reading its stdin must not kill this process with
    /// SIGPIPE: with the signal ignored, the write fails with EPIPE and the exit status tells.
    private static let brokenPipesAreErrors: Void = { signal(SIGPIPE, SIG_IGN) }()

    private func runCommand(_ argv: [String], payload: String, timeout: Double, alert: Int64) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: argv[0].hasPrefix("/") ? argv[0] : "/usr/bin/env")
        p.arguments = argv[0].hasPrefix("/") ? Array(argv.dropFirst()) : argv
        var env = ProcessInfo.processInfo.environment
        env["SITCEN_ALERT_ID"] = String(alert)
        p.environment = env
        let input = Pipe()
        p.standardInput = input
        p.standardOutput = FileHandle.nullDevice
        let err = Pipe()
        p.standardError = err
        _ = Self.brokenPipesAreErrors
        do { try p.run() } catch { return "cannot start \(argv[0]): \(error.localizedDescription)" }
        try? input.fileHandleForWriting.write(contentsOf: Data((payload + "\n").utf8))
        try? input.fileHandleForWriting.close()
        let deadline = Date(timeIntervalSinceNow: timeout)
        while p.isRunning && Date() < deadline { usleep(5_000) }
        if p.isRunning {
            p.terminate()
            p.waitUntilExit()
            return "\(argv[0]) did not finish within \(Int(timeout)) s"
        }
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile().prefix(500), as: UTF8.self)
        guard p.terminationStatus == 0 else {
            return "\(argv[0]) exited with status \(p.terminationStatus)" + (message.isEmpty ? "" : ": " + message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return nil
    }

    private func post(_ url: URL, payload: String, timeout: Double) -> String? {
        var req = URLRequest(url: url, timeoutInterval: timeout)
        req.httpMethod = "POST"
        req.setValue("application/json", forHTTPHeaderField: "Content-Type")
        req.setValue("sitcen", forHTTPHeaderField: "User-Agent")
        req.httpBody = Data(payload.utf8)
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        let task = URLSession.shared.dataTask(with: req) { _, response, error in
            if let error { box.value = "POST \(url.absoluteString): \(error.localizedDescription)" }
            else if let h = response as? HTTPURLResponse, !(200..<300).contains(h.statusCode) {
                box.value = "POST \(url.absoluteString): HTTP \(h.statusCode)"
            }
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + timeout + 2) == .timedOut {
            task.cancel()
            return "POST \(url.absoluteString): no answer within \(Int(timeout)) s"
        }
        return box.value
    }

    private final class ResultBox: @unchecked Sendable { var value: String? }

    // MARK: - Live

    public func start() {
        lock.lock(); defer { lock.unlock() }
        guard thread == nil else { return }
        stopping = false
        let t = Thread { [weak self] in
            while let self, !self.isStopping {
                do { try self.deliverDue() } catch { self.logger.error("notifications: \(error)") }
                Thread.sleep(forTimeInterval: self.pollInterval)
            }
        }
        t.name = "sitcen-notify"
        thread = t
        t.start()
    }

    public func stop() {
        lock.lock(); stopping = true; thread = nil; lock.unlock()
    }

    private var isStopping: Bool { lock.lock(); defer { lock.unlock() }; return stopping }
}
