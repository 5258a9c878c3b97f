import Foundation
import SitcenKeys

/// The post's durable outbox: reports wait here, in batch files, until the centre has them.
///
///     DIR/pending/   batches to send, oldest name first (JSON Lines, one report a line)
///     DIR/rejected/  batches the centre refused (a 4xx other than 409/429), each with NAME.reason
///     DIR/inbox/     `post watch` takes JSON Lines files put here (name them *.part while writing)
///
/// A batch file is written to a temporary name, synced, then renamed (and its folder synced):
/// after a crash or power cut a batch is there whole or not at all. It is removed only after
/// the centre answered 200; a crash between that answer and the removal sends it again, and the
/// centre counts its lines as duplicates.
public struct Outbox: Sendable {
    public let directory: String
    public var pendingDir: String { directory + "/pending" }
    public var rejectedDir: String { directory + "/rejected" }
    public var inboxDir: String { directory + "/inbox" }

    /// Lines a batch, and bytes a batch, at most (the centre takes 10,000 lines and 16 MiB).
    public static let maxBatchBytes = 8 << 20

    public init(directory: String) throws {
        self.directory = (directory as NSString).standardizingPath
        for d in [pendingDir, rejectedDir, inboxDir] {
            try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        }
    }

    /// The default outbox: `$XDG_DATA_HOME/sitcen/outbox`, else `~/.local/share/sitcen/outbox`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { base = xdg } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return base + "/sitcen/outbox"
    }

    /// Batches waiting, oldest first.
    public func pending() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: pendingDir)) ?? []
        return names.filter { $0.hasSuffix(".ndjson") && !$0.hasPrefix(".") }.sorted().map { pendingDir + "/" + $0 }
    }

    public func rejected() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: rejectedDir)) ?? []
        return names.filter { $0.hasSuffix(".ndjson") }.sorted().map { rejectedDir + "/" + $0 }
    }

    /// A name that sorts after every earlier one: time, then a counter, then randomness.
    private static let counter = LockedCounter()
    static func batchName() -> String {
        let ms = Int64(Date().timeIntervalSince1970 * 1000)
        return String(format: "%015lld-%08d-%08x.ndjson", ms, counter.next(), UInt32.random(in: 0 ... .max))
    }

    /// Stores one batch (lines without their line endings) durably; returns its path.
    @discardableResult
    public func enqueue(lines: [ArraySlice<UInt8>]) throws -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 })
        for l in lines { bytes.append(contentsOf: l); bytes.append(0x0A) }
        let path = pendingDir + "/" + Outbox.batchName()
        try AtomicFile.write(bytes, to: path, mode: 0o600)
        return path
    }

    /// Splits a JSON Lines file into batches of at most `batchSize` lines and stores them;
    /// blank lines are left out. Returns the number of lines stored.
    @discardableResult
    public func enqueue(file: String, batchSize: Int = 1000) throws -> Int {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw KeysError("cannot read \(file)")
        }
        let bytes = [UInt8](data)
        if let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }), first != 0x7B {
            throw KeysError("\(file) is not JSON Lines (one JSON object a line); the centre takes reports as JSON")
        }
        var batch: [ArraySlice<UInt8>] = []
        var batchBytes = 0
        var count = 0
        var start = 0
        func flush() throws {
            if !batch.isEmpty { try enqueue(lines: batch); batch.removeAll(); batchBytes = 0 }
        }
        while start < bytes.count {
            var end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let next = end + 1
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            let line = bytes[start..<end]
            if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                if batch.count >= batchSize || batchBytes + line.count + 1 > Outbox.maxBatchBytes { try flush() }
                batch.append(line)
                batchBytes += line.count + 1
                count += 1
            }
            start = next
        }
        try flush()
        return count
    }

    /// Moves a batch the centre refused to `rejected/`, with the reason beside it.
    public func reject(_ path: String, reason: String) throws {
        let name = (path as NSString).lastPathComponent
        try AtomicFile.write(Array((reason + "\n").utf8), to: rejectedDir + "/" + name + ".reason", mode: 0o600)
        guard rename(path, rejectedDir + "/" + name) == 0 else {
            throw KeysError("cannot move \(name) to \(rejectedDir): \(String(cString: strerror(errno)))")
        }
        AtomicFile.syncDirectory(rejectedDir)
        AtomicFile.syncDirectory(pendingDir)
    }

    /// Removes a batch the centre has stored.
    public func remove(_ path: String) {
        unlink(path)
        AtomicFile.syncDirectory(pendingDir)
    }

    /// Moves JSON Lines files from `inbox/` into batches (then deletes them); `*.part` waits.
    @discardableResult
    public func takeInbox(batchSize: Int = 1000) throws -> Int {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: inboxDir)) ?? [])
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".part") && ($0.hasSuffix(".jsonl") || $0.hasSuffix(".ndjson")) }.sorted()
        var n = 0
        for name in names {
            let path = inboxDir + "/" + name
            n += try enqueue(file: path, batchSize: batchSize)
            unlink(path)
            AtomicFile.syncDirectory(inboxDir)
        }
        return n
    }
}

final class LockedCounter: @unchecked Sendable {
    private var value: Int32 = 0
    private let lock = NSLock()
    func next() -> Int32 { lock.lock(); defer { lock.unlock() }; value = (value + 1) % 100_000_000; return value }
}
