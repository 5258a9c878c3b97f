import Foundation
import SitcenDomain
import SitcenStore

/// The store could not take a commit: the request gets 503 and nothing of it is stored.
public struct StoreUnavailable: Error, CustomStringConvertible, Sendable {
    public var failure: StoreWriteFailure
    public var detail: String
    public var description: String { "\(failure.rawValue) (\(detail))" }
}

/// Group commit: requests that arrive while a commit is running share the next one.
///
/// Each request hands its items to `submit` and waits. One commit runs at a time, on a serial
/// queue of its own (SQLite's synchronous=FULL commit blocks on the disk, so it stays off the
/// Swift concurrency pool). When a commit ends, every request that arrived meanwhile is taken
/// together (up to `maxItems` items) and committed in ONE transaction, `store.commit(groups:)`,
/// with one disk sync; each waiting request is then answered with its own outcomes. A request's
/// lines are therefore on disk before it is answered, and under load the cost of a sync is shared
/// by many requests. If the commit fails, the whole transaction is rolled back and every request
/// of the group gets `StoreUnavailable` (nothing half-stored).
public final class GroupCommitter: Sendable {
    private struct Waiter {
        var group: CommitGroup
        var continuation: CheckedContinuation<[ItemOutcome], any Error>
    }
    private struct State {
        var pending: [Waiter] = []
        var running = false
    }

    public let store: SQLiteStore
    let maxItems: Int
    private let state = Locked(State())
    private let queue = DispatchQueue(label: "sitcen.group-commit", qos: .userInitiated)
    /// Called after each commit with the number of requests and items it held, and its duration.
    private let observer: (@Sendable (_ requests: Int, _ items: Int, _ seconds: Double) -> Void)?

    public init(store: SQLiteStore, maxItems: Int = 50_000,
                observer: (@Sendable (Int, Int, Double) -> Void)? = nil) {
        self.store = store
        self.maxItems = max(1, maxItems)
        self.observer = observer
    }

    /// Commits `items` of `source` together with whatever else is waiting; returns their outcomes
    /// once they are durably stored.
    public func submit(_ items: [IngestItem], source: SourceRef) async throws -> [ItemOutcome] {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<[ItemOutcome], any Error>) in
            let start = state.withLock { s -> Bool in
                s.pending.append(Waiter(group: CommitGroup(items: items, source: source), continuation: c))
                if s.running { return false }
                s.running = true
                return true
            }
            if start { queue.async { self.drain() } }
        }
    }

    /// Runs on `queue` until nothing is waiting.
    private func drain() {
        while true {
            let batch = state.withLock { s -> [Waiter] in
                var n = 0, take = 0
                while take < s.pending.count && (take == 0 || n + s.pending[take].group.items.count <= maxItems) {
                    n += s.pending[take].group.items.count
                    take += 1
                }
                let b = Array(s.pending.prefix(take))
                s.pending.removeFirst(take)
                if b.isEmpty { s.running = false }
                return b
            }
            if batch.isEmpty { return }
            commit(batch)
        }
    }

    private func commit(_ batch: [Waiter]) {
        let started = Clock.monotonicNanos()
        let now = Timestamp.now()
        // The received time is the commit's.
        let groups = batch.map { w -> CommitGroup in
            var g = w.group
            for i in g.items.indices {
                if case .report(var r) = g.items[i] { r.logged.receivedAt = now; g.items[i] = .report(r) }
            }
            return g
        }
        do {
            let outcomes = try store.commit(groups: groups, at: now)
            observer?(batch.count, groups.reduce(0) { $0 + $1.items.count }, Double(Clock.monotonicNanos() - started) / 1e9)
            for (w, o) in zip(batch, outcomes) { w.continuation.resume(returning: o) }
        } catch {
            let e = StoreUnavailable(failure: SQLiteStore.writeFailure(error), detail: SQLiteStore.errorMessage(error))
            for w in batch { w.continuation.resume(throwing: e) }
        }
    }
}
