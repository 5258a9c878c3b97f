import GRDB
import SitcenDomain

/// Figures for a shift report: totals over a period, the largest seizures, first sightings.
public struct CategoryTotal: Sendable, Equatable {
    public var category: String
    public var seizures: Int
    public var kilograms: Double
}

public struct PostTotal: Sendable, Equatable {
    public var post: String
    public var reports: Int
    public var seizures: Int
    public var kilograms: Double
}

public struct FirstSighting: Sendable, Equatable {
    public var substance: String
    public var known: Bool
    public var firstSeq: Int64
    public var post: String
    public var observed: Timestamp
}

extension SQLiteStore {
    static func period(_ from: Timestamp, _ to: Timestamp, sector: String?) -> (String, [(any DatabaseValueConvertible)?]) {
        var sql = " superseded = 0 AND retracted = 0 AND observed_ms >= ? AND observed_ms < ?"
        var args: [(any DatabaseValueConvertible)?] = [from.millis, to.millis]
        if let sector { sql += " AND sector = ?"; args.append(sector) }
        return (sql, args)
    }

    public func categoryTotals(from: Timestamp, to: Timestamp, sector: String?) throws -> [CategoryTotal] {
        let (w, args) = SQLiteStore.period(from, to, sector: sector)
        return try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT category, COUNT(*) AS n, IFNULL(SUM(qty_kg), 0) AS kg FROM reports WHERE type = 'seizure' AND" + w + " GROUP BY category ORDER BY kg DESC, n DESC",
                             arguments: StatementArguments(args)).map { CategoryTotal(category: ($0["category"] as String?) ?? "unknown", seizures: $0["n"], kilograms: $0["kg"]) }
        }
    }

    public func postTotals(from: Timestamp, to: Timestamp, sector: String?) throws -> [PostTotal] {
        let (w, args) = SQLiteStore.period(from, to, sector: sector)
        return try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT post, COUNT(*) AS n, SUM(type = 'seizure') AS s, IFNULL(SUM(qty_kg), 0) AS kg
                FROM reports WHERE\(w) GROUP BY post ORDER BY kg DESC, n DESC, post
                """, arguments: StatementArguments(args)).map { PostTotal(post: $0["post"], reports: $0["n"], seizures: $0["s"], kilograms: $0["kg"]) }
        }
    }

    /// Reports of one type in the period, largest kilogram-equivalent first (seizures) or newest first.
    public func reports(type: ReportType, from: Timestamp, to: Timestamp, sector: String?, byKilograms: Bool, limit: Int) throws -> [LoggedReport] {
        let (w, args) = SQLiteStore.period(from, to, sector: sector)
        return try pool.read { db in
            try Row.fetchAll(db, sql: SQLiteStore.selectReports + " WHERE r.type = ? AND" + w.replacingOccurrences(of: " superseded", with: " r.superseded")
                             + (byKilograms ? " ORDER BY r.qty_kg DESC, r.seq" : " ORDER BY r.observed_ms DESC, r.seq DESC") + " LIMIT \(limit)",
                             arguments: StatementArguments([type.rawValue] + args)).map(ReportRow.logged)
        }
    }

    /// Substances first seen in the period (never before it in the store), and names not on the
    /// substance list — the early-warning signal.
    public func firstSightings(from: Timestamp, to: Timestamp, sector: String?) throws -> [FirstSighting] {
        var sql = """
            SELECT substance_canon AS name, MIN(substance_known) AS known, MIN(observed_ms) AS first
            FROM reports WHERE superseded = 0 AND substance_canon IS NOT NULL
            GROUP BY substance_canon HAVING first >= ? AND first < ?
            """
        let args: [(any DatabaseValueConvertible)?] = [from.millis, to.millis]
        sql = "SELECT f.name, f.known, f.first, r.seq, r.post, r.sector FROM (\(sql)) f JOIN reports r ON r.substance_canon = f.name AND r.observed_ms = f.first AND r.superseded = 0 ORDER BY f.first"
        return try pool.read { db in
            var seen: Set<String> = []
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).compactMap { row -> FirstSighting? in
                let name: String = row[0]
                guard seen.insert(name).inserted else { return nil }
                if let sector, (row[5] as String) != sector { return nil }
                return FirstSighting(substance: name, known: (row[1] as Int64) != 0, firstSeq: row[3], post: row[4], observed: Timestamp(millis: row[2]))
            }
        }
    }
}
