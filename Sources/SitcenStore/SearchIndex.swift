import Foundation
import GRDB
import SitcenDomain
import SitcenText

/// The index behind `/`: an SQLite FTS5 table with the trigram tokenizer over each report's
/// text folded as the console folds it (case and script: Хоргос = Khorgos = KHORGOS), so a
/// substring of three characters or more is found without reading the log. The table is
/// contentless (it holds only the index; `rowid` is the report's `seq`) and grows with the log,
/// which is never deleted from.
enum SearchIndex {
    /// The fields that `/` searches, folded, in one text (the post code first).
    static func text(_ l: LoggedReport) -> String {
        let r = l.report
        var parts = [r.post, r.id]
        for f in [r.place, r.summary, r.substance, l.substanceCanonical, r.concealment, r.conveyance, r.vehicle] {
            if let f, !f.isEmpty { parts.append(f) }
        }
        // A separator no search crosses (a needle holding it is not a text anyone types).
        return Fold.key(parts.joined(separator: " \u{1F} "))
    }

    static let create = """
        CREATE VIRTUAL TABLE report_search USING fts5(text, content='', tokenize='trigram', columnsize=0)
        """

    static func insert(_ db: Database, seq: Int64, _ l: LoggedReport) throws {
        let s = try db.cachedStatement(sql: "INSERT INTO report_search(rowid, text) VALUES (?, ?)")
        try s.execute(arguments: [seq, text(l)])
    }

    /// Indexes every row of the log not indexed yet (a store made before the index), in pages.
    static func backfill(_ db: Database) throws {
        var after: Int64 = 0
        while true {
            let rows = try Row.fetchAll(db, sql: SQLiteStore.selectReports + " WHERE r.seq > ? ORDER BY r.seq LIMIT 5000", arguments: [after])
            guard let last = rows.last else { break }
            for row in rows {
                let l = ReportRow.logged(row)
                try insert(db, seq: l.seq, l)
            }
            after = last["seq"]
        }
    }

    /// The FTS5 query for a folded needle: one quoted string (a substring, with the trigram
    /// tokenizer). Nil when it is shorter than three characters (trigrams cannot find it).
    static func match(_ needle: String) -> String? {
        guard needle.count >= 3 else { return nil }
        return "\"" + needle.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension SQLiteStore {
    /// Reports matching `q` (its filters, `beforeSeq`, `limit`) whose text holds `text` (folded
    /// as the console folds it), or that come from one of `posts` (a post whose name holds the
    /// text); newest first. Nil when the text is too short for the index (under three
    /// characters once folded): the caller reads the log instead.
    public func search(_ q: ReportQuery, text: String, posts: [String] = []) throws -> [LoggedReport]? {
        let needle = Fold.key(text.trimmingSpaces())
        guard let match = SearchIndex.match(needle) else { return nil }
        let (whereSQL, args) = SQLiteStore.whereClause(q)
        var conditions = whereSQL.isEmpty ? "" : " AND " + whereSQL.dropFirst(" WHERE ".count)
        // The same bounds on the index's own rowid, so paging back walks the index, not the log.
        if let b = q.beforeSeq { conditions += " AND f.rowid < \(b)" }
        if let a = q.afterSeq { conditions += " AND f.rowid > \(a)" }
        let limit = q.limit > 0 ? " LIMIT \(q.limit)" : ""
        let byText = """
            SELECT r.*, s.name AS source_name FROM report_search f
            JOIN reports r ON r.seq = f.rowid LEFT JOIN sources s ON s.source_id = r.source_id
            WHERE report_search MATCH ?\(conditions) ORDER BY f.rowid DESC\(limit)
            """
        return try pool.read { db in
            var rows = try Row.fetchAll(db, sql: byText, arguments: StatementArguments([match] + args)).map(ReportRow.logged)
            if !posts.isEmpty {
                var byPost = q
                byPost.posts = posts
                let more = try SQLiteStore.reports(db, byPost)
                let seen = Set(rows.map(\.seq))
                rows += more.filter { !seen.contains($0.seq) }
                rows.sort { $0.seq > $1.seq }
                if q.limit > 0 && rows.count > q.limit { rows.removeLast(rows.count - q.limit) }
            }
            return rows
        }
    }
}
