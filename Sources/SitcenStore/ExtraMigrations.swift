import GRDB
import SitcenDomain

extension SQLiteStore {
    /// Runs another module's migrations on the store's database (the alerts tables, for one).
    /// Their identifiers share GRDB's `grdb_migrations` table with the store's own, so give them
    /// a prefix of their own (`alerts-…`); each runs once, in order, as the store's do.
    public func migrate(_ migrator: DatabaseMigrator) throws {
        try migrator.migrate(pool)
    }
}

extension SQLiteStore {
    /// The reports stored at `seqs` (every revision, superseded or not), in seq order; seqs with
    /// no report are skipped. For the alerts module, whose alerts hold report seqs.
    public func reports(seqs: [Int64]) throws -> [LoggedReport] {
        guard !seqs.isEmpty else { return [] }
        return try pool.read { db in
            var out: [LoggedReport] = []
            for chunk in stride(from: 0, to: seqs.count, by: 500).map({ Array(seqs[$0..<min($0 + 500, seqs.count)]) }) {
                let marks = chunk.map { _ in "?" }.joined(separator: ",")
                out += try Row.fetchAll(db, sql: SQLiteStore.selectReports + " WHERE r.seq IN (\(marks)) ORDER BY r.seq",
                                        arguments: StatementArguments(chunk)).map(ReportRow.logged)
            }
            return out
        }
    }
}
