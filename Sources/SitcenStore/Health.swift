import GRDB
import GRDBSQLite
import SitcenDomain

/// Why the store cannot take writes.
public enum StoreWriteFailure: String, Sendable {
    case full = "the disk (or the store's size limit) is full"
    case readOnly = "the store is read-only"
    case io = "the disk reported an I/O error"
    case busy = "the store is locked by another process"
    case other = "the store failed"
}

extension SQLiteStore {
    /// Classifies an error thrown by a write: every error of a write means the store could not
    /// take it (nothing of the transaction is stored).
    public static func writeFailure(_ error: any Error) -> StoreWriteFailure {
        guard let e = error as? DatabaseError else { return .other }
        switch e.resultCode.primaryResultCode {
        case .SQLITE_FULL: return .full
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN: return .readOnly
        case .SQLITE_IOERR, .SQLITE_CORRUPT, .SQLITE_NOTADB: return .io
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy
        default: return .other
        }
    }

    /// SQLite's message for a store error, on one line and without the statement.
    public static func errorMessage(_ error: any Error) -> String {
        guard let e = error as? DatabaseError else { return "\(error)" }
        return "SQLite error \(e.resultCode.rawValue): \(e.message ?? "\(e.resultCode)")"
    }

    /// Whether the store can take writes now: a small durable write (the probe's time in `meta`),
    /// and, in a transaction that is rolled back, room for a few more pages. Nil when writable,
    /// else why not.
    public func writeProblem(at now: Timestamp = .now()) -> String? {
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('health_room', randomblob(16384))")
                    return .rollback
                }
                try db.inTransaction(.immediate) {
                    try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('health_probe', ?)", arguments: [String(now.millis)])
                    return .commit
                }
            }
            return nil
        } catch {
            return "\(SQLiteStore.writeFailure(error).rawValue): \(SQLiteStore.errorMessage(error))"
        }
    }

    /// Caps the store at `pages` pages on the writing connection (`PRAGMA max_page_count`), or
    /// lifts the cap (nil): tests use it to stand for a full disk.
    public func limitPages(_ pages: Int?) throws {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA max_page_count = \(pages ?? 4_294_967_294)")
        }
    }

    /// Pages in the store now.
    public func pageCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0 }
    }
}
