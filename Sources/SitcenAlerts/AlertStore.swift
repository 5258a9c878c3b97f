import Foundation
import GRDB
import SitcenDomain
import SitcenRules
import SitcenStore

/// The alerts of one store: the tables (migrated on open), the engine's checkpoint, and this
/// process's copy of the engine. One per store and process; the runner, the triage service and
/// the queries all go through it.
///
/// The engine's state lives in the database (`engine_checkpoint`), written in the same
/// transaction as the alert changes it produced. A process keeps the engine in memory with the
/// checkpoint's generation; whenever another process wrote the checkpoint (an ack from the CLI
/// while `sitcen serve` runs the engine), the generation differs and the engine is loaded again.
public final class AlertStore: @unchecked Sendable {
    public let store: SQLiteStore
    public let registry: Registry
    /// The wall clock (tests replace it).
    public let clock: @Sendable () -> Timestamp
    private let lock = NSLock()
    private var cached: CachedEngine?
    /// Where notifications go; nil: none are queued.
    private var _routes: NotifyRoutes?

    public init(store: SQLiteStore, registry: Registry, clock: @escaping @Sendable () -> Timestamp = { .now() }) throws {
        self.store = store; self.registry = registry; self.clock = clock
        do { try store.migrate(AlertSchema.migrator) } catch {
            throw AlertError("cannot prepare the alert tables in \(store.path): \(error)")
        }
    }

    /// The notification routes used for the events written from now on (nil: no notifications).
    public var routes: NotifyRoutes? {
        get { lock.lock(); defer { lock.unlock() }; return _routes }
        set { lock.lock(); _routes = newValue; lock.unlock() }
    }

    // MARK: - The engine

    /// The engine matching the checkpoint's current generation (loaded again if another process
    /// wrote it). Call with the lock held.
    private func current(_ db: Database) throws -> CachedEngine {
        let gen = try CheckpointRow.generation(db)
        if let c = cached, c.generation == gen { return c }
        guard let row = try CheckpointRow.fetch(db) else {
            let c = CachedEngine(generation: 0, engine: RuleEngine(rules: [], registry: registry),
                                 rulesData: try StateCodec.encode(rules: []), rulesSource: nil)
            cached = c
            return c
        }
        let rules = try StateCodec.decodeRules(row.rules)
        let state = try StateCodec.decode(row.state)
        let c = CachedEngine(generation: row.generation, engine: RuleEngine(rules: rules, registry: registry, restoring: state),
                             rulesData: row.rules, rulesSource: row.rulesSource)
        cached = c
        return c
    }

    /// A copy of the engine as the checkpoint holds it now.
    func snapshot() throws -> CachedEngine {
        lock.lock(); defer { lock.unlock() }
        return try store.read { db in try current(db) }
    }

    /// Runs `body` on the engine in one write transaction; the alert changes it writes and the
    /// checkpoint commit together.
    func mutate<T>(_ body: (inout RuleEngine, inout AlertWriter, Database) throws -> T) throws -> T {
        lock.lock(); defer { lock.unlock() }
        var updated: CachedEngine?
        let result = try store.write { db in
            var c = try current(db)
            var writer = AlertWriter(registry: registry, routes: _routes)
            let result = try body(&c.engine, &writer, db)
            c.generation += 1
            try CheckpointRow.save(db, generation: c.generation, lastSeq: c.engine.checkpoint,
                                   state: try StateCodec.encode(c.engine.state), rules: c.rulesData,
                                   rulesSource: c.rulesSource, at: clock())
            updated = c
            return result
        }
        // Only once committed: a transaction that failed leaves the cached engine as it was.
        cached = updated
        return result
    }

    /// The runner's commit: `next` was computed from the engine of `base` (outside any
    /// transaction); it is written with `events` only if nobody changed the checkpoint since
    /// (else `.conflict`, and the runner computes again from the new state). `holder`, when
    /// given, must still hold the engine lease.
    func commit(base: CachedEngine, next: RuleEngine, events: [AlertEvent], sectors: [Int64: String],
                stateData: Data, holder: String?, rules: (data: Data, source: String?)? = nil,
                also: ((Database) throws -> Void)? = nil) throws -> CommitOutcome {
        lock.lock(); defer { lock.unlock() }
        var updated: CachedEngine?
        let outcome: CommitOutcome = try store.write { db in
            if let holder, try EngineLease.holder(db, now: clock()) != holder { return .leaseLost }
            guard try CheckpointRow.generation(db) == base.generation else { return .conflict }
            var writer = AlertWriter(registry: registry, routes: _routes)
            writer.sectors = sectors
            let now = clock()
            try writer.write(events, book: next.alerts, db: db, now: now)
            let c = CachedEngine(generation: base.generation + 1, engine: next, rulesData: rules?.data ?? base.rulesData,
                                 rulesSource: rules?.source ?? base.rulesSource)
            try CheckpointRow.save(db, generation: c.generation, lastSeq: next.checkpoint, state: stateData,
                                   rules: c.rulesData, rulesSource: c.rulesSource, at: now)
            try also?(db)
            updated = c
            return .committed
        }
        if let updated { cached = updated }
        return outcome
    }

    enum CommitOutcome { case committed, conflict, leaseLost }

    /// The rules the engine runs (from the checkpoint), and the folder they were loaded from.
    public func currentRules() throws -> (rules: [Rule], source: String?) {
        let c = try snapshot()
        return (c.engine.rules, c.rulesSource)
    }

    /// The last report the engine has processed (0: none) and the newest in the log.
    public func progress() throws -> (processed: Int64, log: Int64) {
        try store.read { db in
            let done = try Int64.fetchOne(db, sql: "SELECT last_seq FROM engine_checkpoint WHERE id = 1") ?? 0
            let log = try Int64.fetchOne(db, sql: "SELECT IFNULL(MAX(seq), 0) FROM reports") ?? 0
            return (done, log)
        }
    }

    /// A cheap token that changes whenever an alert, a note, a silence or the audit trail changes
    /// (in any process): the console polls it to know when to read the alerts again.
    public func storeVersion() throws -> AlertsVersion {
        try store.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT IFNULL(MAX(event_id), 0) FROM alert_events) AS e,
                       (SELECT IFNULL(MAX(entry_id), 0) FROM audit) AS a
                """)
            return AlertsVersion(events: row?["e"] ?? 0, audit: row?["a"] ?? 0)
        }
    }
}

/// See `AlertStore.storeVersion()`: compare with the last one seen.
public struct AlertsVersion: Sendable, Hashable {
    public var events: Int64
    public var audit: Int64
}
