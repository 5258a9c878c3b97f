import Foundation
import GRDB
import SitcenDomain

/// A quarantine entry as stored.
public struct QuarantineEntry: Sendable {
    public var qid: Int64
    public var at: Timestamp
    public var source: String
    public var sourceKind: String
    public var csvHeader: String?
    public var firstLine: Int
    public var lastLine: Int
    public var kind: QuarantineKind
    public var reason: String
    public var raw: [UInt8]
    public var rawSize: Int
    public var post: String?
    public var reportID: String?
    public var existingSeq: Int64?
    public var existingContent: String?
    /// `pending`, `retried` (accepted after a fix) or `discarded` (by a person, with a reason).
    public var state: String
    public var resolvedAt: Timestamp?
    public var resolvedBy: String?
    public var resolution: String?

    /// The whole record is kept (not cut at the cap), so it can be decoded again.
    public var isComplete: Bool { raw.count == rawSize }
}

extension SQLiteStore {
    static let selectQuarantine = """
        SELECT q.*, s.name AS source_name, s.kind AS source_kind, s.csv_header AS csv_header
        FROM quarantine q JOIN sources s ON s.source_id = q.source_id
        """

    static func entry(_ row: Row) -> QuarantineEntry {
        QuarantineEntry(
            qid: row["qid"], at: Timestamp(millis: row["at_ms"]), source: row["source_name"],
            sourceKind: row["source_kind"], csvHeader: row["csv_header"],
            firstLine: row["first_line"], lastLine: row["last_line"],
            kind: QuarantineKind(rawValue: row["kind"]) ?? .invalid, reason: row["reason"],
            raw: [UInt8]((row["raw"] as Data?) ?? Data()), rawSize: row["raw_size"],
            post: row["post"], reportID: row["report_id"], existingSeq: row["existing_seq"],
            existingContent: row["existing_content"], state: row["state"],
            resolvedAt: (row["resolved_ms"] as Int64?).map { Timestamp(millis: $0) },
            resolvedBy: row["resolved_by"], resolution: row["resolution"])
    }

    /// Entries, oldest first; only pending ones unless `includeResolved`.
    public func quarantineEntries(includeResolved: Bool = false, limit: Int = 0) throws -> [QuarantineEntry] {
        try pool.read { db in
            var sql = SQLiteStore.selectQuarantine
            if !includeResolved { sql += " WHERE q.state = 'pending'" }
            sql += " ORDER BY q.qid"
            if limit > 0 { sql += " LIMIT \(limit)" }
            return try Row.fetchAll(db, sql: sql).map(SQLiteStore.entry)
        }
    }

    public func quarantineEntry(_ qid: Int64) throws -> QuarantineEntry? {
        try pool.read { db in
            try Row.fetchOne(db, sql: SQLiteStore.selectQuarantine + " WHERE q.qid = ?", arguments: [qid]).map(SQLiteStore.entry)
        }
    }

    /// Marks an entry resolved: `retried` once its record is in the store, or `discarded` by a person.
    public func resolveQuarantine(_ qid: Int64, state: String, by person: String, resolution: String, at now: Timestamp = .now()) throws {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE quarantine SET state = ?, resolved_ms = ?, resolved_by = ?, resolution = ?
                WHERE qid = ? AND state = 'pending'
                """, arguments: [state, now.millis, person, resolution, qid])
            if db.changesCount == 0 {
                throw StoreError("quarantine entry \(qid) is not pending (already resolved, or no such entry)")
            }
        }
    }

    /// Pending entries by the first words of their reason (what to fix first).
    public func quarantineSummary() throws -> [(kind: String, count: Int)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) AS n FROM quarantine WHERE state = 'pending' GROUP BY kind")
                .map { ($0["kind"], $0["n"]) }
        }
    }
}
