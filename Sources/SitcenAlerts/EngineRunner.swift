import Foundation
import GRDB
import Logging
import SitcenDomain
import SitcenRules
import SitcenStore

/// Runs the rule engine over the store's log: tails it by seq in pages, and commits the alert
/// changes with the engine's checkpoint in one transaction, so that after a crash (even
/// kill -9) it resumes where the last commit left it: no alert twice, none missed.
///
/// Host it anywhere (`sitcen serve`, the console, `sitcen alerts run`): `runOnce()` catches up
/// and returns; `start()` keeps a thread that catches up whenever the log grows (polled every
/// `pollInterval`, or at once after `wake()`) and moves the engine's "now" with the wall clock.
/// Only the holder of the engine lease writes; a second runner on the same store waits as a
/// standby and takes over when the first one stops or dies.
public final class EngineRunner: @unchecked Sendable {
    public struct Options: Sendable {
        /// Reports read at a time.
        public var pageSize = 5000
        /// Reports processed at most before a commit while catching up.
        public var maxBatch = 200_000
        /// Seconds between looks at the log when idle.
        public var pollInterval = 1.0
        /// Seconds the lease lasts unless renewed.
        public var leaseTTL: Int64 = 30
        /// Live: once caught up, move the engine's "now" to the wall clock (flatline, spike
        /// down, escalate_after). Off for a deterministic replay.
        public var followWallClock = true
        public init() {}
    }

    /// What one `runOnce` did.
    public struct Summary: Sendable {
        public var reports = 0
        public var commits = 0
        public var conflicts = 0
        /// Every event but `updated`, in order.
        public var events: [AlertEvent] = []
        public var updates = 0
        public var lastSeq: Int64 = 0
        /// Where the time went: reading the log, the engine, encoding the state, the commits.
        public var readSeconds = 0.0, engineSeconds = 0.0, encodeSeconds = 0.0, commitSeconds = 0.0
        public var opened: [AlertEvent] { events.filter { $0.kind == .opened } }
    }

    /// Another process runs the engine.
    public struct Busy: Error, CustomStringConvertible {
        public var holder: String
        public var description: String { "the engine runs in another process (\(holder)); it keeps the alerts up to date" }
    }

    public let alerts: AlertStore
    public let rulesFolder: String?
    public let options: Options
    public let holder = EngineLease.newHolder()
    public var logger = Logger(label: "sitcen.alerts")
    /// Called after each commit (on the runner's thread), e.g. to refresh a console at once.
    public var onCommit: (@Sendable (Summary) -> Void)?

    private let runLock = NSLock()
    private let cond = NSCondition()
    private var stopping = false
    private var woken = false
    private var thread: Thread?
    private var rulesInstalled = false
    private var encodeSeconds = 0.02
    private var leaseUntil: Int64?

    public init(alerts: AlertStore, rulesFolder: String?, options: Options = Options()) {
        self.alerts = alerts; self.rulesFolder = rulesFolder; self.options = options
    }

    // MARK: - One pass

    /// Catches up with the end of the log (committing every page or batch), then, live, moves
    /// the engine's "now" to `until` or the wall clock. Throws `Busy` when another runner holds
    /// the lease.
    @discardableResult
    public func runOnce(until: Timestamp? = nil) throws -> Summary {
        runLock.lock(); defer { runLock.unlock() }
        try takeLease()
        if !rulesInstalled, rulesFolder != nil {
            _ = try installRules(by: .system)
            rulesInstalled = true
        }
        var summary = Summary()
        while true {
            let base = try alerts.snapshot()
            var next = base.engine
            var events: [AlertEvent] = []
            var sectors: [Int64: String] = [:]
            var processed = 0
            var caughtUp = false
            let started = DispatchTime.now()
            let budget = max(0.25, encodeSeconds * 5)
            while true {
                var q = ReportQuery(afterSeq: next.checkpoint ?? 0, includeSuperseded: true, limit: options.pageSize, newestFirst: false)
                q.newestFirst = false
                let t0 = DispatchTime.now()
                let page = try alerts.store.reports(q)
                let t1 = DispatchTime.now()
                for r in page {
                    next.process(r, into: &events)
                    sectors[r.seq] = r.sector
                }
                summary.readSeconds += seconds(from: t0, to: t1)
                summary.engineSeconds += seconds(since: t1)
                processed += page.count
                if page.count < options.pageSize { caughtUp = true; break }
                if processed >= options.maxBatch || seconds(since: started) >= budget { break }
            }
            if caughtUp, let t = until ?? (options.followWallClock ? alerts.clock() : nil) {
                events += next.advance(to: t)
            }
            if processed == 0 && events.isEmpty { break }
            let encodeStart = DispatchTime.now()
            let data = try StateCodec.encode(next.state)
            encodeSeconds = seconds(since: encodeStart)
            summary.encodeSeconds += encodeSeconds
            let commitStart = DispatchTime.now()
            let outcome = try alerts.commit(base: base, next: next, events: events, sectors: sectors, stateData: data, holder: holder)
            summary.commitSeconds += seconds(since: commitStart)
            switch outcome {
            case .conflict:
                summary.conflicts += 1
                continue
            case .leaseLost:
                leaseUntil = nil
                throw Busy(holder: (try? alerts.store.read { db in try EngineLease.holder(db, now: alerts.clock()) }) ?? "unknown")
            case .committed:
                summary.commits += 1
                summary.reports += processed
                summary.lastSeq = next.checkpoint ?? 0
                for e in events { if e.kind == .updated { summary.updates += 1 } else { summary.events.append(e) } }
                if let onCommit {
                    var s = Summary(); s.reports = processed; s.commits = 1; s.lastSeq = summary.lastSeq
                    s.events = events.filter { $0.kind != .updated }; s.updates = events.count - s.events.count
                    onCommit(s)
                }
                try takeLease()
            }
            if caughtUp { break }
        }
        if summary.lastSeq == 0 { summary.lastSeq = try alerts.progress().processed }
        return summary
    }

    /// Takes the lease, or renews it once half of it has run out (an idle runner writes nothing
    /// else: consoles watching the store's data_version are not woken every second).
    private func takeLease() throws {
        let now = alerts.clock()
        if let until = leaseUntil, now.millis < until - options.leaseTTL * 500 { return }
        if let other = try alerts.store.write({ db in
            try EngineLease.acquire(db, holder: holder, now: now, ttl: options.leaseTTL)
        }) { leaseUntil = nil; throw Busy(holder: other) }
        leaseUntil = now.millis + options.leaseTTL * 1000
    }

    /// Gives the lease up (a standby takes over at once).
    public func releaseLease() {
        runLock.lock(); leaseUntil = nil; runLock.unlock()
        try? alerts.store.write { db in try EngineLease.release(db, holder: holder) }
    }

    // MARK: - Rules

    public struct ReloadSummary: Sendable, CustomStringConvertible {
        public var rules: Int
        public var added: [String] = []
        public var removed: [String] = []
        public var changed: [String] = []
        public var unchanged: Int = 0
        public var isChange: Bool { !(added.isEmpty && removed.isEmpty && changed.isEmpty) }
        public var description: String {
            var parts = ["\(rules) rules"]
            if !added.isEmpty { parts.append("added: " + added.joined(separator: ", ")) }
            if !changed.isEmpty { parts.append("changed (windows start afresh): " + changed.joined(separator: ", ")) }
            if !removed.isEmpty { parts.append("removed: " + removed.joined(separator: ", ")) }
            parts.append("\(unchanged) unchanged (windows kept)")
            return parts.joined(separator: "; ")
        }
    }

    /// Loads the rules folder again (SIGHUP, or a supervisor's request) and installs the rules,
    /// keeping the open alerts, silences and the windows of every rule whose definition did not
    /// change. A folder with any error changes nothing (the error lists them all).
    @discardableResult
    public func reload(by officer: Operator) throws -> ReloadSummary {
        guard officer.may(.reloadRules) else {
            throw PermissionDenied(officer: officer, action: "reload the rules", reason: "only a supervisor reloads rules")
        }
        runLock.lock(); defer { runLock.unlock() }
        let s = try installRules(by: officer)
        rulesInstalled = true
        return s
    }

    private func installRules(by officer: Operator) throws -> ReloadSummary {
        guard let folder = rulesFolder else { throw AlertError("no rules folder was given to the engine") }
        let rules = try RuleLoader.load(folder: folder)
        return try install(rules: rules, source: folder, by: officer)
    }

    /// Installs `rules` (from `source`), as `reload` does.
    @discardableResult
    public func install(rules: [Rule], source: String?, by officer: Operator) throws -> ReloadSummary {
        while true {
            let base = try alerts.snapshot()
            let old = Dictionary(base.engine.rules.map { ($0.name, $0.digest) }, uniquingKeysWith: { a, _ in a })
            var s = ReloadSummary(rules: rules.count)
            for r in rules {
                if let d = old[r.name] { if d == r.digest { s.unchanged += 1 } else { s.changed.append(r.name) } } else { s.added.append(r.name) }
            }
            s.removed = old.keys.filter { n in !rules.contains { $0.name == n } }.sorted()
            if !s.isChange && base.generation > 0 { return s }
            let next = RuleEngine(rules: rules, registry: alerts.registry, restoring: base.engine.state)
            let data = try StateCodec.encode(next.state)
            let rulesData = try StateCodec.encode(rules: rules)
            let now = alerts.clock()
            let outcome = try alerts.commit(base: base, next: next, events: [], sectors: [:], stateData: data, holder: nil,
                                            rules: (rulesData, source)) { db in
                try Audit.append(db, officer: officer, action: "rules.reload", target: source ?? "rules", details: s.description, at: now)
            }
            if case .conflict = outcome { continue }
            logger.info("rules installed: \(s)")
            return s
        }
    }

    // MARK: - Live

    /// Starts the thread that follows the log. Stop it with `stop()`.
    public func start() {
        cond.lock(); defer { cond.unlock() }
        guard thread == nil else { return }
        stopping = false
        let t = Thread { [weak self] in self?.loop() }
        t.name = "sitcen-engine"
        thread = t
        t.start()
    }

    /// Stops the thread (after the pass it is in) and releases the lease.
    public func stop() {
        cond.lock()
        stopping = true
        cond.signal()
        cond.unlock()
        while true {
            cond.lock(); let running = thread != nil; cond.unlock()
            if !running { break }
            usleep(10_000)
        }
        releaseLease()
    }

    /// Asks the thread to look at the log now (new reports were just stored).
    public func wake() {
        cond.lock(); woken = true; cond.signal(); cond.unlock()
    }

    private func loop() {
        var busyLogged = false
        while true {
            cond.lock(); let stop = stopping; cond.unlock()
            if stop { break }
            do {
                _ = try runOnce()
                busyLogged = false
            } catch let b as Busy {
                if !busyLogged { logger.info("standing by: \(b)"); busyLogged = true }
            } catch {
                logger.error("the engine could not run: \(error)")
            }
            cond.lock()
            if !woken && !stopping { _ = cond.wait(until: Date(timeIntervalSinceNow: options.pollInterval)) }
            woken = false
            cond.unlock()
        }
        cond.lock(); thread = nil; cond.unlock()
    }

    /// Reloads the rules on SIGHUP (for `sitcen serve`); errors are logged, the old rules stay.
    public func reloadOnHangup() -> DispatchSourceSignal {
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        source.setEventHandler { [weak self] in
            guard let self else { return }
            do { let s = try self.reload(by: .system); self.logger.info("SIGHUP: rules reloaded: \(s)") }
            catch { self.logger.error("SIGHUP: the rules were not reloaded: \(error)") }
        }
        source.resume()
        return source
    }

    private func seconds(since t: DispatchTime) -> Double { seconds(from: t, to: DispatchTime.now()) }
    private func seconds(from a: DispatchTime, to b: DispatchTime) -> Double {
        Double(b.uptimeNanoseconds - a.uptimeNanoseconds) / 1e9
    }
}
