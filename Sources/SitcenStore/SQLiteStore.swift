import Foundation
import GRDB
import SitcenDomain

/// How hard a commit waits for the disk. `full` (synchronous=FULL) survives power loss and is
/// what the HTTP server uses before it answers 200; `normal` survives a crash or kill -9 of the
/// process (WAL), which is enough when the source file is still there to read again.
public enum Durability: String, Sendable { case normal, full }

/// An error the store reports, with what to do about it.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The local SQLite store (WAL), through GRDB. One writer at a time across processes (SQLite's
/// lock, with a busy timeout), any number of readers.
public final class SQLiteStore: Sendable {
    public let path: String
    let pool: DatabasePool

    public init(path: String, durability: Durability = .normal, readOnly: Bool = false) throws {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty && !readOnly {
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw StoreError("cannot create the folder \(dir) for the store: \(error.localizedDescription); pass --db PATH to put the store elsewhere")
            }
        }
        var config = Configuration()
        config.readonly = readOnly
        config.busyMode = .timeout(15)
        config.label = "sitcen"
        let sync = durability == .full ? "FULL" : "NORMAL"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(sync)")
            try db.execute(sql: "PRAGMA cache_size = -32000")   // 32 MB page cache a connection
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch let e as DatabaseError {
            throw StoreError("cannot open the store at \(path): \(e.message ?? "\(e)"); check the path and its permissions, or pass --db PATH")
        }
        if !readOnly {
            do {
                try Schema.migrator.migrate(pool)
            } catch let e as DatabaseError {
                throw StoreError("cannot prepare the store at \(path): \(e.message ?? "\(e)")")
            }
        }
    }

    /// The default store path: `$XDG_DATA_HOME/sitcen/sitcen.sqlite`, else `~/.local/share/…`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return base + "/sitcen/sitcen.sqlite"
    }

    /// The newest sequence number in the log (0 when empty).
    public func lastSeq() throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT IFNULL(MAX(seq), 0) FROM reports") ?? 0 }
    }

    /// SQLite's `data_version`, which changes when another connection (another process) commits:
    /// consoles poll it to see new records without a round trip through the tables.
    public func dataVersion() throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    /// A consistent copy of the live store (SQLite's online backup), safe while others write.
    public func backup(to destination: String) throws {
        if FileManager.default.fileExists(atPath: destination) {
            throw StoreError("\(destination) exists already; choose a new file name for the backup")
        }
        let target = try DatabaseQueue(path: destination)
        try pool.backup(to: target)
        try target.close()
    }

    /// Runs `body` in a read transaction (a consistent snapshot).
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// Runs `body` in a write transaction.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.write(body)
    }

    public func close() throws { try pool.close() }
}
