import Foundation
import GRDB
import SitcenDomain
import SitcenFeed

/// A store used as the cache of a remote console: rows received from a centre keep the
/// centre's sequence numbers, receipt times and sources, so that the console's queries run on
/// the cache exactly as they run on the centre's own store, and a reconnect resumes after the
/// newest number held. Inserting a row already held is a no-op (the numbers are the identity),
/// so a stream that repeats itself never shows a report twice.
extension SQLiteStore {
    /// Stores `rows` (in one transaction); returns how many were new.
    @discardableResult
    public func mirror(_ rows: [LoggedReport]) throws -> Int {
        guard !rows.isEmpty else { return 0 }
        return try pool.write { db in try MirrorWriter(db: db).run(rows) }
    }

    /// A small value kept beside the data (a remote console keeps what it was told last).
    public func metaValue(_ key: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    public func setMetaValues(_ values: [String: String]) throws {
        try pool.write { db in
            for (k, v) in values {
                try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [k, v])
            }
        }
    }

    /// Forgets every mirrored row (a cache that is no longer a copy of its centre's log starts
    /// again).
    public func forgetMirrored() throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM reports")
            try db.execute(sql: "INSERT INTO report_search(report_search) VALUES ('delete-all')")
            try db.execute(sql: "DELETE FROM post_status")
        }
    }

    /// The content hash of the row numbered `seq` (hex), nil when there is none: a centre and a
    /// cache compare it to know that the cache is still a copy of the centre's log.
    public func contentHashHex(seq: Int64) throws -> String? {
        try pool.read { db in
            try Data.fetchOne(db, sql: "SELECT content_hash FROM reports WHERE seq = ?", arguments: [seq])
                .map { $0.map { String(format: "%02x", $0) }.joined() }
        }
    }

    /// Every sequence number held, in order (tests compare a cache with its centre).
    public func allSeqs() throws -> [Int64] {
        try pool.read { db in try Int64.fetchAll(db, sql: "SELECT seq FROM reports ORDER BY seq") }
    }
}

private struct MirrorWriter {
    let db: Database

    func run(_ rows: [LoggedReport]) throws -> Int {
        var added = 0
        var sourceIDs: [String: Int64] = [:]
        var status: [String: (seq: Int64, received: Int64, observed: Int64, count: Int)] = [:]
        let columns = ["seq"] + Appender.columns + ["superseded"]
        let insert = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO reports(\(columns.joined(separator: ", ")))
            VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
            """)
        for l in rows {
            let (name, line) = Self.split(l.source)
            let sid: Int64
            if let known = sourceIDs[name] { sid = known } else { sid = try sourceID(name, at: l.receivedAt.millis); sourceIDs[name] = sid }
            let r = l.report
            let transit: String? = r.transit.isEmpty ? nil : r.transit.joined(separator: ";")
            let nationalities: String? = r.nationalities.isEmpty ? nil : r.nationalities.joined(separator: ";")
            let known: Int? = r.substance == nil ? nil : (l.substanceKnown ? 1 : 0)
            let values: [(any DatabaseValueConvertible)?] = [
                l.seq, r.post, r.id, r.revision, r.type.rawValue, r.observedAt.millis, Int64(r.observedAt.offsetSeconds),
                r.reportedAt?.millis, r.reportedAt.map { Int64($0.offsetSeconds) }, l.receivedAt.millis,
                r.lat, r.lon, r.place, r.substance, l.substanceCanonical, l.category?.rawValue, known,
                r.quantity, r.unit?.rawValue, l.quantityKg, r.origin, r.destination, transit, r.transport?.rawValue,
                r.conveyance, r.concealment, r.vehicle, r.arrested, nationalities, r.severity?.rawValue, r.summary,
                r.tlp?.rawValue, r.retracted ? 1 : 0, r.extraJSON, l.country, l.sector, sid, line,
                Data(Canonical.hash(r)), l.superseded ? 1 : 0,
            ]
            try insert.execute(arguments: StatementArguments(values))
            guard db.changesCount > 0 else { continue }
            try SearchIndex.insert(db, seq: l.seq, l)
            added += 1
            // A newer revision makes the older ones history, as on the centre.
            try db.execute(sql: "UPDATE reports SET superseded = 1 WHERE post = ? AND id = ? AND revision < ?",
                           arguments: [r.post, r.id, r.revision])
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM reports WHERE post = ? AND id = ? AND revision > ?)",
                                 arguments: [r.post, r.id, r.revision]) == true {
                try db.execute(sql: "UPDATE reports SET superseded = 1 WHERE seq = ?", arguments: [l.seq])
            }
            let prev = status[r.post]
            status[r.post] = (max(prev?.seq ?? 0, l.seq), max(prev?.received ?? .min, l.receivedAt.millis),
                              max(prev?.observed ?? .min, r.observedAt.millis), (prev?.count ?? 0) + 1)
        }
        for (post, s) in status {
            try db.execute(sql: """
                INSERT INTO post_status(post, last_seq, last_received_ms, last_observed_ms, reports)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(post) DO UPDATE SET last_seq = MAX(last_seq, excluded.last_seq),
                    last_received_ms = MAX(last_received_ms, excluded.last_received_ms),
                    last_observed_ms = MAX(last_observed_ms, excluded.last_observed_ms),
                    reports = reports + excluded.reports
                """, arguments: [post, s.seq, s.received, s.observed, s.count])
        }
        return added
    }

    /// `file.jsonl:17` → (`file.jsonl`, 17); a source without a line number keeps line 0.
    static func split(_ source: String) -> (String, Int64) {
        if let i = source.lastIndex(of: ":"), let line = Int64(source[source.index(after: i)...]) {
            return (String(source[..<i]), line)
        }
        return (source, 0)
    }

    private func sourceID(_ name: String, at ms: Int64) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO sources(name, kind, csv_header, first_ms, last_ms) VALUES (?, 'remote', NULL, ?, ?)
            ON CONFLICT(name) DO UPDATE SET last_ms = MAX(last_ms, excluded.last_ms)
            """, arguments: [name, ms, ms])
        return try Int64.fetchOne(db, sql: "SELECT source_id FROM sources WHERE name = ?", arguments: [name])!
    }
}
