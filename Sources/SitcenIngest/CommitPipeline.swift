import Foundation
import SitcenDomain
import SitcenStore

/// Decoding and committing overlap: the reading thread prepares the next batch while a writer
/// thread commits the previous one. At most `depth` batches wait, so memory stays bounded;
/// batches commit in order, each in its own transaction; the first error stops both sides.
final class CommitPipeline: @unchecked Sendable {
    private let store: SQLiteStore
    private let depth: Int
    private let condition = NSCondition()
    private var queue: [([IngestItem], SourceRef)] = []
    private var finished = false
    private var writerDone = false
    private var failure: Error?
    private var counts = IngestCounts()
    private let progress: ((IngestCounts) -> Void)?
    private var thread: Thread?
    private let clock: @Sendable () -> Timestamp

    init(store: SQLiteStore, depth: Int = 2, clock: @escaping @Sendable () -> Timestamp, progress: ((IngestCounts) -> Void)?) {
        self.store = store
        self.clock = clock
        self.depth = depth
        self.progress = progress
        let t = Thread { [unowned self] in self.writerLoop() }
        t.name = "sitcen-ingest-writer"
        thread = t
        t.start()
    }

    /// Queues a batch; waits while `depth` batches are already waiting. Throws the writer's error.
    func submit(_ items: [IngestItem], source: SourceRef) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= depth && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append((items, source))
        condition.broadcast()
    }

    /// Waits for every queued batch to commit; returns the counts, or throws the first error.
    func finish() throws -> IngestCounts {
        condition.lock()
        finished = true
        condition.broadcast()
        while !writerDone { condition.wait() }
        defer { condition.unlock() }
        if let failure { throw failure }
        return counts
    }

    private func writerLoop() {
        while true {
            condition.lock()
            while queue.isEmpty && !finished && failure == nil { condition.wait() }
            if queue.isEmpty || failure != nil {
                writerDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
            var (items, source) = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            do {
                // The receipt time is the commit's.
                let now = clock()
                for i in items.indices {
                    if case .report(var r) = items[i] { r.logged.receivedAt = now; items[i] = .report(r) }
                }
                let outcomes = try store.commit(items, source: source, at: now)
                condition.lock()
                for o in outcomes { counts.add(o) }
                let snapshot = counts
                condition.unlock()
                progress?(snapshot)
            } catch {
                condition.lock()
                failure = error
                writerDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }
}
