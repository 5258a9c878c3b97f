import GRDB
import SitcenDomain

/// A route as reports give it, with how often and how much.
public struct RouteTotal: Sendable, Equatable {
    public var origin: String
    public var destination: String
    public var seizures: Int
    public var kilograms: Double
}

/// Price and purity, from the extra fields posts send (`price_usd_per_kg`, `purity_pct`).
public struct MarketFigure: Sendable, Equatable {
    public var category: String
    public var reports: Int
    public var meanPurity: Double?
    public var meanPricePerKg: Double?
}

extension SQLiteStore {
    /// The most frequent origin → destination routes of seizures since `since`.
    public func topRoutes(since: Timestamp, filter: ReportQuery = ReportQuery(), limit: Int = 8) throws -> [RouteTotal] {
        var sql = """
            SELECT IFNULL(origin, '?') AS o, IFNULL(destination, '?') AS d, COUNT(*) AS n, IFNULL(SUM(qty_kg), 0) AS kg
            FROM reports r WHERE r.superseded = 0 AND r.retracted = 0 AND r.type = 'seizure' AND r.observed_ms >= ?
              AND (origin IS NOT NULL OR destination IS NOT NULL)
            """
        let (narrow, fargs) = SQLiteStore.narrowing(filter)
        sql += narrow + " GROUP BY o, d ORDER BY n DESC, kg DESC LIMIT \(limit)"
        let args: [(any DatabaseValueConvertible)?] = [since.millis] + fargs
        return try pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map {
                RouteTotal(origin: $0["o"], destination: $0["d"], seizures: $0["n"], kilograms: $0["kg"])
            }
        }
    }

    /// Mean purity and price by category, where posts sent them in the extra fields.
    public func marketFigures(since: Timestamp, filter: ReportQuery = ReportQuery()) throws -> [MarketFigure] {
        var sql = """
            SELECT IFNULL(category, 'unknown') AS c, COUNT(*) AS n,
                   AVG(CAST(json_extract(extra, '$.purity_pct') AS REAL)) AS purity,
                   AVG(CAST(json_extract(extra, '$.price_usd_per_kg') AS REAL)) AS price
            FROM reports r WHERE r.superseded = 0 AND r.retracted = 0 AND r.type = 'seizure' AND r.observed_ms >= ?
              AND extra IS NOT NULL AND (json_extract(extra, '$.purity_pct') IS NOT NULL OR json_extract(extra, '$.price_usd_per_kg') IS NOT NULL)
            """
        let (narrow, fargs) = SQLiteStore.narrowing(filter)
        sql += narrow + " GROUP BY c ORDER BY n DESC"
        let args: [(any DatabaseValueConvertible)?] = [since.millis] + fargs
        return try pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map {
                MarketFigure(category: $0["c"], reports: $0["n"], meanPurity: $0["purity"], meanPricePerKg: $0["price"])
            }
        }
    }
}
