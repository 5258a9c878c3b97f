import Foundation
import SitcenDomain
import SitcenFeed
import SitcenStore

/// Streams records from a file or stdin into the store, in batches: each batch is one
/// transaction, so a crash loses no committed batch, and reading the same input again stores
/// nothing twice (the store's `(post, id, revision)` key and quarantine evidence key see to it).
public struct Ingestor {
    public let store: SQLiteStore
    public let registry: Registry
    public let substances: SubstanceCatalog
    /// Records a transaction.
    public var batchSize: Int
    /// The receipt time stamped at each commit (tests fix it to make stores reproducible).
    public var clock: @Sendable () -> Timestamp = { .now() }

    public init(store: SQLiteStore, registry: Registry, substances: SubstanceCatalog = .standard, batchSize: Int = 5000) {
        self.store = store; self.registry = registry; self.substances = substances; self.batchSize = batchSize
    }

    public struct InputError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Ingests `path` (`-` for stdin). The format comes from the extension, or `format`;
    /// stdin without `format` is sniffed from its first byte (`{` is JSON Lines).
    public func ingest(path: String, format: FeedFormat? = nil,
                       progress: ((IngestCounts) -> Void)? = nil) throws -> IngestCounts {
        if path == "-" {
            return try ingest(fd: 0, sourceName: "stdin", kind: "stdin", format: format, progress: progress)
        }
        guard let fmt = format ?? FeedFormat.from(path: path) else {
            throw InputError(description: "\(path): unknown format; name the file .jsonl or .csv, or pass --format jsonl|csv")
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputError(description: "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            throw InputError(description: "\(path) is a folder; give the feed files inside it")
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return try ingest(fd: fd, sourceName: absolute, kind: "file", format: fmt, progress: progress)
    }

    public func ingest(fd: Int32, sourceName: String, kind: String, format: FeedFormat?,
                       progress: ((IngestCounts) -> Void)? = nil) throws -> IngestCounts {
        let fmt: FeedFormat
        var prefix: [UInt8] = []
        if let format { fmt = format } else {
            // Sniff: read until the first byte that is not white space.
            var byte: UInt8 = 0
            while read(fd, &byte, 1) == 1 {
                prefix.append(byte)
                if byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 { break }
            }
            fmt = byte == 0x7B ? .jsonl : .csv
        }
        var preparer = RecordPreparer(format: fmt, registry: registry, substances: substances, sourceName: sourceName)
        var source = SourceRef(name: sourceName, kind: kind)
        var batch: [IngestItem] = []
        batch.reserveCapacity(batchSize)
        let pipeline = CommitPipeline(store: store, clock: clock, progress: progress)

        func flush() throws {
            guard !batch.isEmpty else { return }
            try pipeline.submit(batch, source: source)
            batch = []
            batch.reserveCapacity(batchSize)
        }

        func handle(_ raw: RawRecord) throws {
            if let item = preparer.item(for: raw) {
                batch.append(item)
            } else {
                source.csvHeader = preparer.csvHeader
            }
            if batch.count >= batchSize { try flush() }
        }

        do {
            try RecordReader(fd: fd, format: fmt, prefix: prefix).forEach(handle)
            try flush()
        } catch {
            // Let the writer stop (it commits what was queued) before reporting the error.
            _ = try? pipeline.finish()
            throw error
        }
        return try pipeline.finish()
    }
}
