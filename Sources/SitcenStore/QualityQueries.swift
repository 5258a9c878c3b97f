import GRDB
import SitcenDomain
import SitcenQuality

/// The reads of the data-quality board and the forecasts (SitcenQuality's `QualityQueries`).
extension SQLiteStore: QualityQueries {
    public func reportFacts(observedFrom from: Timestamp, to: Timestamp, posts: [String]?) throws -> [ReportFact] {
        var sql = """
            SELECT seq, post, id, revision, type, observed_ms, observed_off, IFNULL(reported_ms, received_ms) AS sent_ms,
                   superseded, retracted, lat IS NOT NULL AND lon IS NOT NULL AS pos, origin IS NOT NULL AS o,
                   destination IS NOT NULL AS d, transport IS NOT NULL AS tr, substance_canon, qty_kg,
                   CASE WHEN json_valid(extra) THEN CAST(json_extract(extra, '$.source_class') AS TEXT) END AS source_class
            FROM reports WHERE observed_ms >= ? AND observed_ms < ?
            """
        var args: [(any DatabaseValueConvertible)?] = [from.millis, to.millis]
        if let posts {
            guard !posts.isEmpty else { return [] }
            sql += " AND post IN (\(posts.map { _ in "?" }.joined(separator: ",")))"
            args += posts.map { $0 as (any DatabaseValueConvertible)? }
        }
        return try pool.read { db in
            try Row.fetchAll(db, sql: sql + " ORDER BY seq", arguments: StatementArguments(args)).compactMap { row in
                guard let type = ReportType(rawValue: row["type"]) else { return nil }
                return ReportFact(
                    seq: row["seq"], post: row["post"], id: row["id"], revision: row["revision"], type: type,
                    observed: Timestamp(millis: row["observed_ms"], offsetSeconds: row["observed_off"]),
                    sent: Timestamp(millis: row["sent_ms"]),
                    superseded: row["superseded"], retracted: row["retracted"], hasPosition: row["pos"],
                    hasOrigin: row["o"], hasDestination: row["d"], hasTransport: row["tr"],
                    substance: row["substance_canon"], kilograms: row["qty_kg"],
                    sourceClass: row["source_class"])
            }
        }
    }

    public func lastContacts(until: Timestamp) throws -> [String: Timestamp] {
        try pool.read { db in
            var out: [String: Timestamp] = [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT post, MAX(IFNULL(reported_ms, received_ms)) AS last FROM reports
                WHERE IFNULL(reported_ms, received_ms) <= ? GROUP BY post
                """, arguments: [until.millis])
            for row in rows { out[row["post"]] = Timestamp(millis: row["last"]) }
            return out
        }
    }

    /// Weeks are numbered from 1970-01-05, a Monday, shifted far enough that none is negative.
    static let weekBias: Int64 = 10_000

    public func weeklySeizures(by dimension: SeriesDimension, before: Timestamp, offset: Int32,
                               sector: String?) throws -> [WeeklyTotal] {
        let column: String
        switch dimension {
        case .category: column = "IFNULL(category, 'unknown')"
        case .substance: column = "IFNULL(substance_canon, '')"
        case .post: column = "post"
        }
        let week: Int64 = 7 * 86_400_000
        let shift = Int64(offset) * 1000 - 4 * 86_400_000 + SQLiteStore.weekBias * week
        var sql = """
            SELECT \(column) AS k, (observed_ms + ?) / \(week) AS w, COUNT(*) AS n, IFNULL(SUM(qty_kg), 0) AS kg
            FROM reports WHERE type = 'seizure' AND superseded = 0 AND retracted = 0 AND observed_ms < ?
            """
        var args: [(any DatabaseValueConvertible)?] = [shift, before.millis]
        if let sector { sql += " AND sector = ?"; args.append(sector) }
        sql += " GROUP BY k, w ORDER BY k, w"
        return try pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).compactMap { row in
                let w: Int64 = row["w"]
                guard w >= 0 else { return nil }
                return WeeklyTotal(key: row["k"], monday: Int((w - SQLiteStore.weekBias) * 7 + 4),
                                   seizures: row["n"], kilograms: row["kg"])
            }
        }
    }

    public func firstSeizureObserved(sector: String?) throws -> Timestamp? {
        var sql = "SELECT MIN(observed_ms) FROM reports WHERE type = 'seizure' AND superseded = 0 AND retracted = 0"
        var args: [(any DatabaseValueConvertible)?] = []
        if let sector { sql += " AND sector = ?"; args.append(sector) }
        return try pool.read { db in
            try Int64.fetchOne(db, sql: sql, arguments: StatementArguments(args)).map { Timestamp(millis: $0) }
        }
    }
}
