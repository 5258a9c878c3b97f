import Foundation
import Logging
import ServiceLifecycle
import SitcenDomain
import SitcenFeed
import SitcenIngest
import SitcenStore

/// The drop folder: feed files put into `DIR/inbox/` (`.jsonl`, `.ndjson`, `.csv`) are ingested
/// and then moved to `DIR/archive/`. A file still being written is named `*.part` (or starts with
/// a dot) and is left alone until it is renamed. A file moves only after all its lines are
/// committed, so after a crash at any moment it is read again from the start: what was stored
/// already counts as duplicates (the quarantine keeps one entry per line, its source being the
/// file's path in the inbox), nothing is stored twice.
public struct DropFolder: Service {
    public let directory: String
    let store: SQLiteStore
    let registry: Registry
    let metrics: ServerMetrics
    let logger: Logger
    let pollMilliseconds: Int
    private static let queue = DispatchQueue(label: "sitcen.drop-folder")

    public init(directory: String, store: SQLiteStore, registry: Registry, metrics: ServerMetrics,
                logger: Logger, pollMilliseconds: Int = 500) {
        self.directory = (directory as NSString).standardizingPath
        self.store = store; self.registry = registry; self.metrics = metrics
        self.logger = logger; self.pollMilliseconds = pollMilliseconds
    }

    public var inbox: String { directory + "/inbox" }
    public var archive: String { directory + "/archive" }

    public func prepare() throws {
        for d in [inbox, archive] { try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true) }
    }

    public func run() async throws {
        try prepare()
        logger.info("drop folder: watching \(inbox)")
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            for file in waitingFiles() {
                if Task.isShuttingDownGracefully { break }
                await ingestOnQueue(file)
            }
            try? await cancelWhenGracefulShutdown { [pollMilliseconds] in
                try await Task.sleep(for: .milliseconds(pollMilliseconds))
            }
        }
    }

    /// Files ready to read, oldest name first.
    public func waitingFiles() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: inbox)) ?? []
        return names.filter { n in
            !n.hasPrefix(".") && !n.hasSuffix(".part") && FeedFormat.from(path: n) != nil
        }.sorted().map { inbox + "/" + $0 }
    }

    private func ingestOnQueue(_ path: String) async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            DropFolder.queue.async {
                _ = self.ingest(path)
                c.resume()
            }
        }
    }

    /// Ingests one file and archives it; false when it stays in the inbox (to be tried again).
    @discardableResult
    public func ingest(_ path: String) -> Bool {
        let started = Clock.monotonicNanos()
        var counts = IngestCounts()
        do {
            let ingestor = Ingestor(store: store, registry: registry)
            counts = try ingestor.ingest(path: path)
        } catch {
            logger.error("drop folder: \(path) stays in the inbox, to be read again: \(error)")
            if error is Ingestor.InputError { return false }
            metrics.storeUnavailable(SQLiteStore.writeFailure(error))
            return false
        }
        metrics.record(counts: ["accepted": Int64(counts.accepted), "duplicate": Int64(counts.duplicates),
                                "conflict": Int64(counts.conflicts), "quarantined": Int64(counts.quarantined)],
                       reasons: ["file_invalid": Int64(counts.quarantined), "conflict": Int64(counts.conflicts)], via: "spool")
        let name = (path as NSString).lastPathComponent
        var target = archive + "/" + name
        if FileManager.default.fileExists(atPath: target) {
            target = archive + "/" + "\(Int64(Date().timeIntervalSince1970 * 1000))-" + name
        }
        guard rename(path, target) == 0 else {
            logger.error("drop folder: \(name) was ingested but cannot be moved to the archive (\(String(cString: strerror(errno)))); it will be read again, as duplicates")
            return false
        }
        let d = open(archive, O_RDONLY | O_DIRECTORY)
        if d >= 0 { _ = fsync(d); close(d) }
        let i = open(inbox, O_RDONLY | O_DIRECTORY)
        if i >= 0 { _ = fsync(i); close(i) }
        let ms = Double(Clock.monotonicNanos() - started) / 1e6
        logger.info("drop folder: \(name): accepted \(counts.accepted), duplicates \(counts.duplicates), conflicts \(counts.conflicts), quarantined \(counts.quarantined) in \(String(format: "%.0f", ms)) ms; archived")
        return true
    }
}
