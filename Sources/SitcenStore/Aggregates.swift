import GRDB
import SitcenDomain

/// Counts by a key and a day, for trends and the shift report.
public struct DailyCount: Sendable, Equatable {
    public var key: String
    /// Days since 1970-01-01 in the requested time zone.
    public var day: Int
    public var reports: Int
    public var kilograms: Double
}

/// What daily counts are grouped by.
public enum CountKey: String, Sendable, CaseIterable {
    case category, post, type, substance = "substance_canon", sector, origin, destination
}

extension SQLiteStore {
    /// Current reports observed since `since`, by `key` and by day in the zone `offset`, narrowed
    /// by `filter`'s post, sector, types, categories and substances (its times, sequence bounds
    /// and limit are not used).
    public func dailyCounts(by key: CountKey, since: Timestamp, offset: Int32, filter: ReportQuery = ReportQuery()) throws -> [DailyCount] {
        let (conditions, fargs) = SQLiteStore.narrowing(filter)
        let sql = """
            SELECT IFNULL(r.\(key.rawValue), '') AS k, (r.observed_ms + ?) / 86400000 AS day, COUNT(*) AS n, IFNULL(SUM(r.qty_kg), 0) AS kg
            FROM reports r WHERE r.superseded = 0 AND r.retracted = 0 AND r.observed_ms >= ?\(conditions)
            GROUP BY k, day ORDER BY k, day
            """
        let args: [(any DatabaseValueConvertible)?] = [Int64(offset) * 1000, since.millis] + fargs
        return try pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map {
                DailyCount(key: $0["k"], day: $0["day"], reports: $0["n"], kilograms: $0["kg"])
            }
        }
    }

    /// ` AND …` for what narrows a query (post, sector, types, categories, substances, posts).
    static func narrowing(_ q: ReportQuery) -> (String, [(any DatabaseValueConvertible)?]) {
        var narrow = ReportQuery(limit: 0)
        narrow.post = q.post; narrow.sector = q.sector; narrow.types = q.types; narrow.categories = q.categories
        narrow.substances = q.substances; narrow.posts = q.posts
        narrow.includeSuperseded = true
        let (whereSQL, args) = whereClause(narrow)
        return (whereSQL.isEmpty ? "" : " AND " + whereSQL.dropFirst(" WHERE ".count), args)
    }

    /// Reports (current, not withdrawn) observed since `since`, optionally in one sector.
    public func countReports(since: Timestamp, sector: String? = nil) throws -> Int {
        try pool.read { db in
            var sql = "SELECT COUNT(*) FROM reports WHERE superseded = 0 AND observed_ms >= ?"
            var args: [(any DatabaseValueConvertible)?] = [since.millis]
            if let sector { sql += " AND sector = ?"; args.append(sector) }
            return try Int.fetchOne(db, sql: sql, arguments: StatementArguments(args)) ?? 0
        }
    }

    /// What changed since a console last looked: the newest report and quarantine entry.
    /// Cheap (two index lookups), so consoles can poll it several times a second.
    public func storeVersion() throws -> StoreVersion {
        try pool.read { db in
            StoreVersion(lastSeq: try Int64.fetchOne(db, sql: "SELECT IFNULL(MAX(seq), 0) FROM reports") ?? 0,
                        lastQuarantine: try Int64.fetchOne(db, sql: "SELECT IFNULL(MAX(qid), 0) FROM quarantine") ?? 0,
                        quarantineResolved: try Int64.fetchOne(db, sql: "SELECT IFNULL(MAX(resolved_ms), 0) FROM quarantine") ?? 0)
        }
    }

    /// Pending quarantine entries.
    public func quarantinePending() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quarantine WHERE state = 'pending'") ?? 0 }
    }
}

/// What a reader of the store has seen: its newest report, quarantine entry and resolution, and
/// (for sources that follow alerts) alert changes. Cheap to read; when it changes, reload.
public struct StoreVersion: Sendable, Equatable {
    public var lastSeq: Int64
    public var lastQuarantine: Int64
    public var quarantineResolved: Int64
    /// Alert events and audit entries (filled by sources that follow alerts).
    public var alerts: Int64 = 0
    public init(lastSeq: Int64 = 0, lastQuarantine: Int64 = 0, quarantineResolved: Int64 = 0) {
        self.lastSeq = lastSeq; self.lastQuarantine = lastQuarantine; self.quarantineResolved = quarantineResolved
    }
}
