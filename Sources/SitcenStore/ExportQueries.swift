import GRDB
import SitcenDomain

/// Totals for one key (a category, a post, a type) over a period: reports, seizures among
/// them, and the kilogram-equivalent seized.
public struct PeriodTotal: Sendable, Equatable {
    public var key: String
    public var reports: Int
    public var seizures: Int
    public var kilograms: Double

    public init(key: String, reports: Int, seizures: Int, kilograms: Double) {
        self.key = key; self.reports = reports; self.seizures = seizures; self.kilograms = kilograms
    }
}

extension SQLiteStore {
    /// Current, not withdrawn reports observed in `[from, to)`, grouped by `column`
    /// (`category`, `post`, `type`, `sector`), optionally in one sector. Keys with no value
    /// (e.g. the category of an incident) are grouped under "".
    public func periodTotals(by column: String, from: Timestamp, to: Timestamp,
                             sector: String? = nil) throws -> [PeriodTotal] {
        let allowed = ["category", "post", "type", "sector", "substance_canon"]
        guard allowed.contains(column) else { throw StoreError("cannot total by \(column)") }
        var sql = """
            SELECT IFNULL(\(column), '') AS k, COUNT(*) AS n,
                   SUM(CASE WHEN type = 'seizure' THEN 1 ELSE 0 END) AS seizures,
                   IFNULL(SUM(CASE WHEN type = 'seizure' THEN qty_kg END), 0) AS kg
            FROM reports WHERE superseded = 0 AND retracted = 0 AND observed_ms >= ? AND observed_ms < ?
            """
        var args: [(any DatabaseValueConvertible)?] = [from.millis, to.millis]
        if let sector { sql += " AND sector = ?"; args.append(sector) }
        sql += " GROUP BY k ORDER BY k"
        return try pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map {
                PeriodTotal(key: $0["k"], reports: $0["n"], seizures: $0["seizures"], kilograms: $0["kg"])
            }
        }
    }
}
