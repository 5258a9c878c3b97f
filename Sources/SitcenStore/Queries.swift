import GRDB
import SitcenDomain

/// Which reports to list. Every condition narrows (AND).
public struct ReportQuery: Sendable {
    /// Observed at or after this time.
    public var observedSince: Timestamp?
    public var post: String?
    public var sector: String?
    /// Only reports whose `seq` is greater (tailing the log).
    public var afterSeq: Int64?
    /// Only reports whose `seq` is smaller (paging back through history).
    public var beforeSeq: Int64?
    /// Any of these types / categories / canonical substances (empty: all).
    public var types: [ReportType] = []
    public var categories: [SubstanceCategory] = []
    public var substances: [String] = []
    /// Any of these posts (empty: all); `post` narrows further.
    public var posts: [String] = []
    /// Include revisions that a correction replaced.
    public var includeSuperseded = false
    /// 0 lists all.
    public var limit = 100
    /// Newest first (by seq) when true, oldest first when false.
    public var newestFirst = true

    public init(observedSince: Timestamp? = nil, post: String? = nil, sector: String? = nil,
                afterSeq: Int64? = nil, includeSuperseded: Bool = false, limit: Int = 100, newestFirst: Bool = true) {
        self.observedSince = observedSince; self.post = post; self.sector = sector
        self.afterSeq = afterSeq; self.includeSuperseded = includeSuperseded
        self.limit = limit; self.newestFirst = newestFirst
    }
}

extension SQLiteStore {
    static let selectReports = "SELECT r.*, s.name AS source_name FROM reports r LEFT JOIN sources s ON s.source_id = r.source_id"

    public func reports(_ q: ReportQuery) throws -> [LoggedReport] {
        try pool.read { db in try SQLiteStore.reports(db, q) }
    }

    /// Streams matching reports in pages, so a listing of every report never holds them all.
    public func forEachReport(_ q: ReportQuery, pageSize: Int = 5000, _ body: (LoggedReport) throws -> Void) throws {
        var query = q
        query.newestFirst = false
        var remaining = q.limit == 0 ? Int.max : q.limit
        var after = q.afterSeq ?? 0
        while remaining > 0 {
            query.afterSeq = after
            query.limit = min(pageSize, remaining)
            let page = try reports(query)
            for r in page { try body(r) }
            guard let last = page.last, page.count == query.limit else { break }
            after = last.seq
            remaining -= page.count
        }
    }

    static func reports(_ db: Database, _ q: ReportQuery) throws -> [LoggedReport] {
        let (whereSQL, args) = whereClause(q)
        var sql = selectReports + whereSQL
        sql += q.newestFirst ? " ORDER BY r.seq DESC" : " ORDER BY r.seq ASC"
        if q.limit > 0 { sql += " LIMIT \(q.limit)" }
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(ReportRow.logged)
    }

    /// ` WHERE …` for a query (or empty), with its arguments.
    static func whereClause(_ q: ReportQuery) -> (String, [(any DatabaseValueConvertible)?]) {
        var conditions: [String] = []
        var args: [(any DatabaseValueConvertible)?] = []
        if !q.includeSuperseded { conditions.append("r.superseded = 0") }
        if let t = q.observedSince { conditions.append("r.observed_ms >= ?"); args.append(t.millis) }
        if let p = q.post { conditions.append("r.post = ?"); args.append(p) }
        if let s = q.sector { conditions.append("r.sector = ?"); args.append(s) }
        if let a = q.afterSeq { conditions.append("r.seq > ?"); args.append(a) }
        if let b = q.beforeSeq { conditions.append("r.seq < ?"); args.append(b) }
        func anyOf(_ column: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            conditions.append("\(column) IN (\(values.map { _ in "?" }.joined(separator: ",")))")
            args.append(contentsOf: values.map { $0 as (any DatabaseValueConvertible)? })
        }
        anyOf("r.type", q.types.map(\.rawValue))
        anyOf("r.category", q.categories.map(\.rawValue))
        anyOf("r.substance_canon", q.substances)
        anyOf("r.post", q.posts)
        return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), args)
    }

    /// Where and what was seized, for maps: only the columns a map draws, newest first.
    public func seizurePoints(_ q: ReportQuery) throws -> [SeizurePoint] {
        var query = q
        query.types = [.seizure]
        let (whereSQL, args) = SQLiteStore.whereClause(query)
        // Withdrawn seizures are not drawn.
        var sql = "SELECT r.seq, r.post, r.lat, r.lon, r.qty_kg, r.category, r.origin, r.destination FROM reports r"
            + (whereSQL.isEmpty ? " WHERE r.retracted = 0" : whereSQL + " AND r.retracted = 0")
        sql += " ORDER BY r.seq DESC"
        if q.limit > 0 { sql += " LIMIT \(q.limit)" }
        return try pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { row in
                SeizurePoint(seq: row[0], post: row[1], lat: row[2], lon: row[3], kilograms: row[4],
                             category: (row[5] as String?).flatMap(SubstanceCategory.init(rawValue:)) ?? .unknown,
                             origin: row[6], destination: row[7])
            }
        }
    }

    /// The report stored at `seq`.
    public func report(seq: Int64) throws -> LoggedReport? {
        try pool.read { db in
            try Row.fetchOne(db, sql: SQLiteStore.selectReports + " WHERE r.seq = ?", arguments: [seq]).map(ReportRow.logged)
        }
    }

    /// Every stored revision of `(post, id)`, oldest first.
    public func history(post: String, id: String) throws -> [LoggedReport] {
        try pool.read { db in
            try Row.fetchAll(db, sql: SQLiteStore.selectReports + " WHERE r.post = ? AND r.id = ? ORDER BY r.revision",
                             arguments: [post, id]).map(ReportRow.logged)
        }
    }

    /// Number of rows in the log (every revision), and of current reports.
    public func counts() throws -> (rows: Int, current: Int, quarantinePending: Int) {
        try pool.read { db in
            let rows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reports") ?? 0
            let superseded = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reports WHERE superseded = 1") ?? 0
            let q = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quarantine WHERE state = 'pending'") ?? 0
            return (rows, rows - superseded, q)
        }
    }
}

/// A post's last contact.
public struct PostStatus: Sendable, Equatable {
    public var post: String
    public var lastSeq: Int64
    public var lastReceived: Timestamp
    public var lastObserved: Timestamp
    public var reports: Int
}

extension SQLiteStore {
    public func postStatus() throws -> [PostStatus] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM post_status ORDER BY post").map { row in
                PostStatus(post: row["post"], lastSeq: row["last_seq"],
                           lastReceived: Timestamp(millis: row["last_received_ms"]),
                           lastObserved: Timestamp(millis: row["last_observed_ms"]), reports: row["reports"])
            }
        }
    }
}

/// A seizure as a map draws it.
public struct SeizurePoint: Sendable, Equatable {
    public var seq: Int64
    public var post: String
    public var lat: Double?
    public var lon: Double?
    public var kilograms: Double?
    public var category: SubstanceCategory
    public var origin: String?
    public var destination: String?

    public init(seq: Int64, post: String, lat: Double?, lon: Double?, kilograms: Double?,
                category: SubstanceCategory, origin: String?, destination: String?) {
        self.seq = seq; self.post = post; self.lat = lat; self.lon = lon; self.kilograms = kilograms
        self.category = category; self.origin = origin; self.destination = destination
    }
}
