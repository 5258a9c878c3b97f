import SitcenConsoleData
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import SitcenAlerts
import SitcenDomain
import SitcenStore
import SitcenText

/// Follows a centre's event stream on a thread of its own and keeps the cache up to date:
/// reports go into the cache under the centre's sequence numbers (so a reconnect resumes after
/// the newest held, and a repeated report is not stored twice), the alert queue is kept as the
/// centre last sent it. The link is "up" while data or heartbeats arrive; silence for
/// `idleTimeout` seconds, a refused connection or an error makes it "down", and the follower
/// reconnects with backoff and jitter until it is stopped.
public final class StreamFollower: @unchecked Sendable {
    public struct Figures: Sendable {
        /// Bytes received on the stream (headers excluded), and report events among them.
        public var bytes: Int64 = 0
        public var reports: Int64 = 0
        public var connects = 0
    }

    let client: CentreClient
    let cache: SQLiteStore
    /// How far back the first catch-up of an empty cache goes (nil: everything).
    let history: String?
    public var idleTimeout: Double = 6
    public var maxBackoff: Double = 15
    var logger = Logger(label: "sitcen.remote")

    private let lock = NSLock()
    private var _status: LinkStatus
    private var _alerts: [AlertSummary]
    private var _alertsVersion: Int64 = 0
    private var _quarantine = 0
    private var _figures = Figures()
    private var stopped = false
    private var task: HTTPClient.Task<Void>?
    private let wake = DispatchSemaphore(value: 0)
    private let applyQueue = DispatchQueue(label: "sitcen-remote-apply")
    private var lastContactSaved: UInt64 = 0
    private let caughtUp = DispatchSemaphore(value: 0)
    private var signalledCaughtUp = false
    /// Called (on the follower's threads) after each change, so a console can look at once.
    public var onChange: @Sendable () -> Void = {}

    init(client: CentreClient, cache: SQLiteStore, history: String?, initial: LinkStatus, alerts: [AlertSummary]) {
        self.client = client; self.cache = cache; self.history = history
        _status = initial; _alerts = alerts
    }

    public var status: LinkStatus { lock.withLock { _status } }
    public var alerts: [AlertSummary] { lock.withLock { _alerts } }
    public var alertsVersion: Int64 { lock.withLock { _alertsVersion } }
    public var quarantinePending: Int { lock.withLock { _quarantine } }
    public var figures: Figures { lock.withLock { _figures } }

    public func start() {
        let t = Thread { [self] in loop() }
        t.name = "sitcen-stream"
        t.start()
    }

    /// Waits until the first catch-up is in the cache, or `seconds` pass; true if it is.
    @discardableResult
    public func waitForCatchUp(seconds: Double) -> Bool {
        guard caughtUp.wait(timeout: .now() + seconds) == .success else { return false }
        caughtUp.signal()
        return true
    }

    public func stop() {
        let t = lock.withLock { () -> HTTPClient.Task<Void>? in stopped = true; return task }
        t?.cancel()
        wake.signal()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func setStatus(_ s: LinkStatus) {
        let changed = lock.withLock { () -> Bool in
            guard _status != s else { return false }
            _status = s
            return true
        }
        if changed { onChange() }
    }

    // MARK: - The connection loop

    private func loop() {
        var backoff = 0.5
        while !isStopped {
            let started = DispatchTime.now().uptimeNanoseconds
            let outcome = connectOnce()
            if isStopped { break }
            let lasted = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            var wait: Double
            switch outcome {
            case .tokenRefused(let message):
                setStatus(LinkStatus(up: false, downSince: status.downSince ?? .now(), reason: nil, tokenRefused: message))
                wait = 30
            case .failed(let reason, let wasUp):
                let prev = status
                let since = wasUp || prev.up ? Timestamp.now() : (prev.downSince ?? .now())
                if wasUp || lasted > 10 { backoff = 0.5 }
                wait = backoff
                backoff = min(maxBackoff, backoff * 2)
                setStatus(LinkStatus(up: false, downSince: since, reason: reason))
            }
            wait *= Double.random(in: 0.75...1.25)     // jitter: consoles do not return in step
            _ = wake.wait(timeout: .now() + wait)
        }
    }

    private enum Outcome { case failed(String, wasUp: Bool), tokenRefused(String) }

    private func connectOnce() -> Outcome {
        let since = (try? cache.lastSeq()) ?? 0
        var path = "/v1/stream?since=\(since)"
        if since == 0, let history { path += "&history=\(history)" }
        let request: HTTPClient.Request
        do {
            request = try client.request(.GET, path, accept: "text/event-stream", extraHeaders: [("Last-Event-ID", String(since))])
        } catch {
            return .failed("\(error)", wasUp: false)
        }
        let delegate = SSEDelegate(follower: self, since: since)
        let t = client.http.execute(request: request, delegate: delegate)
        let done = DispatchSemaphore(value: 0)
        t.futureResult.whenComplete { _ in done.signal() }
        lock.withLock { task = t; _figures.connects += 1 }
        defer { lock.withLock { task = nil } }
        if isStopped { t.cancel() }
        // A watchdog: no byte for `idleTimeout` seconds (the centre sends a heartbeat every
        // two) means the link is gone, even if TCP has not noticed yet.
        while done.wait(timeout: .now() + 0.2) == .timedOut {
            if isStopped { t.cancel(); continue }
            if delegate.idleSeconds > idleTimeout { delegate.note(timeout: idleTimeout); t.cancel() }
        }
        // Let what arrived be applied before the next `since` is read.
        applyQueue.sync {}
        if let head = delegate.divergedAt {
            // Which rows still match cannot be told cheaply; the cache starts again (rare).
            logger.warning("the cache (up to \(since)) is not a copy of the centre's log (head \(head)): emptying it and catching up again")
            try? cache.forgetMirrored()
            return .failed("the centre's log differs from the cache (restored from a backup?); the cache was emptied to catch up again", wasUp: true)
        }
        if let refused = delegate.tokenRefusal { return .tokenRefused(refused) }
        return .failed(delegate.failure ?? "the centre closed the stream", wasUp: delegate.sawHello)
    }

    // MARK: - Events

    /// Applies a chunk's events in order (on the apply queue).
    fileprivate func apply(_ events: [SSEEvent], delegate: SSEDelegate) {
        var reports: [LoggedReport] = []
        func flush() {
            guard !reports.isEmpty else { return }
            do {
                try cache.mirror(reports)
                lock.withLock { _figures.reports += Int64(reports.count) }
            } catch {
                logger.error("cannot write the cache: \(error)")
            }
            reports.removeAll()
        }
        var changed = false
        var alertsChanged = false
        for e in events {
            switch e.event {
            case "report":
                guard let o = JObject(bytes: Array(e.data.utf8)) else { continue }
                do { reports.append(try RemoteJSON.report(o)) } catch { logger.warning("\(error)") }
            case "hello":
                flush()
                // The centre's row at `since` is not the cache's (a centre restored from a backup
                // reuses numbers, or this is another centre): the cache is no copy of this log,
                // and its rows would hide the centre's new ones under the same numbers.
                if delegate.since > 0, let o = JObject(bytes: Array(e.data.utf8)) {
                    let mine = try? cache.contentHashHex(seq: delegate.since)
                    if o.string("since_hash") == nil || o.string("since_hash") != mine {
                        delegate.divergedAt = o.int("head") ?? 0
                        lock.withLock { task }?.cancel()     // reconnect from an empty cache
                        return
                    }
                }
                delegate.sawHello = true
                setStatus(.connected)
                changed = true
            case "alerts":
                flush()
                if let o = JObject(bytes: Array(e.data.utf8)), let list = try? RemoteJSON.alerts(o) {
                    lock.withLock { _alerts = list; _alertsVersion += 1 }
                    alertsChanged = true
                }
            case "alert":
                flush()
                if let o = JObject(bytes: Array(e.data.utf8)), let a = try? RemoteJSON.alert(o) {
                    lock.withLock {
                        _alerts.removeAll { $0.id == a.id }
                        _alerts.append(a)
                        _alerts.sort(by: StreamFollower.queueOrder)
                        _alertsVersion += 1
                    }
                    alertsChanged = true
                }
            case "alert_gone":
                flush()
                if let o = JObject(bytes: Array(e.data.utf8)), let id = o.int("id") {
                    lock.withLock { _alerts.removeAll { $0.id == id }; _alertsVersion += 1 }
                    alertsChanged = true
                }
            case "status":
                flush()
                // The centre sends its first status after the catch-up.
                if delegate.sawHello && !signalledCaughtUp { signalledCaughtUp = true; caughtUp.signal() }
                if let o = JObject(bytes: Array(e.data.utf8)), let q = o.int("quarantine_pending") {
                    let n = Int(q)
                    if lock.withLock({ () -> Bool in defer { _quarantine = n }; return _quarantine != n }) { changed = true }
                }
            case "token":
                flush()
                let o = JObject(bytes: Array(e.data.utf8))
                delegate.tokenRefusal = o?.string("message").map { String($0.prefix(200)) } ?? "the token was revoked"
            default: break
            }
        }
        if !reports.isEmpty { changed = true }
        flush()
        if alertsChanged {
            // Kept beside the reports, so a console that starts without a link shows the last queue.
            let list = alerts
            try? cache.setMetaValues(["remote_alerts": JSONValue.object([("alerts", .array(list.map(AlertJSON.summary)))]).serialized()])
            changed = true
        }
        saveContact()
        if changed { onChange() }
    }

    /// Remembers when the centre was last heard (at most every 5 s), so a console that starts
    /// without a link can say since when it has none.
    private func saveContact() {
        let now = DispatchTime.now().uptimeNanoseconds
        guard now &- lastContactSaved > 5_000_000_000 else { return }
        lastContactSaved = now
        try? cache.setMetaValues(["remote_last_contact": String(Timestamp.now().millis)])
    }

    /// The queue's order on the centre (`AlertSummary.queueOrder`).
    static func queueOrder(_ a: AlertSummary, _ b: AlertSummary) -> Bool { AlertSummary.queueOrder(a, b) }

    fileprivate func count(bytes n: Int) { lock.withLock { _figures.bytes += Int64(n) } }
}

/// Receives the stream's bytes on the event loop and hands whole events to the apply queue;
/// the next part is read only when they are applied (backpressure: memory stays flat during a
/// long catch-up).
private final class SSEDelegate: HTTPClientResponseDelegate, @unchecked Sendable {
    typealias Response = Void
    unowned let follower: StreamFollower
    private var parser = SSEParser()
    private let lock = NSLock()
    private var lastByte = DispatchTime.now().uptimeNanoseconds
    private var status: HTTPResponseStatus = .ok
    private var errorBody: [UInt8] = []
    private var _failure: String?
    private var gotBody = false
    var sawHello = false
    var tokenRefusal: String?
    /// The `since` this connection asked for, and the centre's head when it is lower (on the apply queue).
    let since: Int64
    var divergedAt: Int64?

    init(follower: StreamFollower, since: Int64) { self.follower = follower; self.since = since }

    var idleSeconds: Double { Double(DispatchTime.now().uptimeNanoseconds &- lock.withLock { lastByte }) / 1e9 }
    var failure: String? { lock.withLock { _failure } }

    func note(timeout: Double) { lock.withLock { if _failure == nil { _failure = "no data from the centre for \(Int(timeout)) s" } } }

    private func touch() { lock.withLock { lastByte = DispatchTime.now().uptimeNanoseconds } }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        touch()
        status = head.status
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        touch()
        lock.withLock { gotBody = true }
        follower.count(bytes: buffer.readableBytes)
        guard status == .ok else {
            if errorBody.count < 8192 { errorBody += buffer.readableBytesView.prefix(8192 - errorBody.count) }
            return task.eventLoop.makeSucceededVoidFuture()
        }
        let events = parser.feed(buffer.readableBytesView)
        guard !events.isEmpty else { return task.eventLoop.makeSucceededVoidFuture() }
        let promise = task.eventLoop.makePromise(of: Void.self)
        let follower = self.follower
        follower.applyQueueAsync { follower.apply(events, delegate: self); promise.succeed(()) }
        return promise.futureResult
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        guard status != .ok else { return }
        let error = CentreClient.refusal(status: Int(status.code), body: errorBody)
        if status == .unauthorized { tokenRefusal = RemoteJSON.errorMessage(errorBody).message ?? error.message }
        lock.withLock { _failure = error.message }
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: Error) {
        // A stream cut in the middle of its body (the centre died, the line dropped) surfaces as
        // a parse error of the HTTP client: say what happened, not what such errors usually mean.
        let cut = lock.withLock { gotBody } && status == .ok
        let text = cut ? "the stream from the centre was cut off" : CentreHTTP.describe(error, url: follower.client.baseURL, caFile: follower.client.caFile)
        lock.withLock { if _failure == nil { _failure = text } }
    }
}

extension StreamFollower {
    fileprivate func applyQueueAsync(_ work: @escaping @Sendable () -> Void) { applyQueue.async(execute: work) }
}
