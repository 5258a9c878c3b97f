import Foundation
import GRDB
import GRDBSQLite
import SitcenDomain
import SitcenFeed

extension SQLiteStore {
    /// Commits one batch in one transaction: every item ends up accepted, duplicate, conflict or
    /// quarantined, and either the whole batch is stored or none of it is.
    public func commit(_ items: [IngestItem], source: SourceRef, at now: Timestamp = .now()) throws -> [ItemOutcome] {
        try pool.write { db in try Appender(db: db, source: source, now: now).run(items) }
    }
}

/// The write path of one batch. Statements are GRDB's cached ones; values are bound through
/// `sqlite3_bind_*` directly, which is where ingest spends its time.
struct Appender {
    let db: Database
    let source: SourceRef
    let now: Timestamp

    func run(_ items: [IngestItem]) throws -> [ItemOutcome] {
        let sourceID = try sourceID()
        var outcomes: [ItemOutcome] = []
        outcomes.reserveCapacity(items.count)
        var status: [String: (seq: Int64, received: Int64, observed: Int64, count: Int)] = [:]
        let lookup = try db.cachedStatement(sql: """
            SELECT seq, revision, content_hash FROM reports
            WHERE post = ? AND id = ? ORDER BY revision DESC LIMIT 1
            """)
        let exact = try db.cachedStatement(sql: "SELECT seq, content_hash FROM reports WHERE post = ? AND id = ? AND revision = ?")
        let insert = try db.cachedStatement(sql: Appender.insertSQL)
        for item in items {
            switch item {
            case .quarantine(let q):
                outcomes.append(.quarantined(qid: try quarantine(q, sourceID: sourceID), reason: q.reason))
            case .report(let incoming):
                let r = incoming.logged.report
                let outcome: ItemOutcome
                if let current = try latest(lookup, post: r.post, id: r.id) {
                    if r.revision > current.revision {
                        let seq = try append(insert, incoming, sourceID: sourceID)
                        try db.execute(sql: "UPDATE reports SET superseded = 1 WHERE post = ? AND id = ? AND seq <> ?",
                                       arguments: [r.post, r.id, seq])
                        outcome = .accepted(seq: seq, correction: true)
                    } else if r.revision == current.revision {
                        outcome = current.hash == incoming.contentHash
                            ? .duplicate(seq: current.seq)
                            : try conflict(incoming, existingSeq: current.seq, sourceID: sourceID)
                    } else if let old = try revision(exact, post: r.post, id: r.id, revision: r.revision),
                              old.hash != incoming.contentHash {
                        outcome = try conflict(incoming, existingSeq: old.seq, sourceID: sourceID)
                    } else {
                        // An older revision: a duplicate of history, never a rollback.
                        outcome = .duplicate(seq: current.seq)
                    }
                } else {
                    outcome = .accepted(seq: try append(insert, incoming, sourceID: sourceID), correction: false)
                }
                if case .accepted(let seq, _) = outcome {
                    let prev = status[r.post]
                    status[r.post] = (seq, now.millis, max(prev?.observed ?? .min, r.observedAt.millis), (prev?.count ?? 0) + 1)
                }
                outcomes.append(outcome)
            }
        }
        for (post, s) in status {
            try db.execute(sql: """
                INSERT INTO post_status(post, last_seq, last_received_ms, last_observed_ms, reports)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(post) DO UPDATE SET last_seq = excluded.last_seq,
                    last_received_ms = excluded.last_received_ms,
                    last_observed_ms = MAX(last_observed_ms, excluded.last_observed_ms),
                    reports = reports + excluded.reports
                """, arguments: [post, s.seq, s.received, s.observed, s.count])
        }
        return outcomes
    }

    private func sourceID() throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO sources(name, kind, csv_header, first_ms, last_ms) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET last_ms = excluded.last_ms,
                csv_header = IFNULL(excluded.csv_header, csv_header)
            """, arguments: [source.name, source.kind, source.csvHeader, now.millis, now.millis])
        return try Int64.fetchOne(db, sql: "SELECT source_id FROM sources WHERE name = ?", arguments: [source.name])!
    }

    private func latest(_ s: Statement, post: String, id: String) throws -> (seq: Int64, revision: Int, hash: [UInt8])? {
        let h = s.sqliteStatement
        sqlite3_reset(h)
        bindText(h, 1, post); bindText(h, 2, id)
        let rc = sqlite3_step(h)
        defer { sqlite3_reset(h) }
        guard rc == SQLITE_ROW else {
            if rc != SQLITE_DONE { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection))) }
            return nil
        }
        return (sqlite3_column_int64(h, 0), Int(sqlite3_column_int64(h, 1)), blob(h, 2))
    }

    private func revision(_ s: Statement, post: String, id: String, revision: Int) throws -> (seq: Int64, hash: [UInt8])? {
        let h = s.sqliteStatement
        sqlite3_reset(h)
        bindText(h, 1, post); bindText(h, 2, id); sqlite3_bind_int64(h, 3, Int64(revision))
        defer { sqlite3_reset(h) }
        guard sqlite3_step(h) == SQLITE_ROW else { return nil }
        return (sqlite3_column_int64(h, 0), blob(h, 1))
    }

    private func blob(_ h: OpaquePointer?, _ col: Int32) -> [UInt8] {
        let n = Int(sqlite3_column_bytes(h, col))
        guard n > 0, let p = sqlite3_column_blob(h, col) else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }

    private func conflict(_ incoming: IncomingReport, existingSeq: Int64, sourceID: Int64) throws -> ItemOutcome {
        let r = incoming.logged.report
        let reason = "\(FeedDecoderLabel.lines(incoming.firstLine, incoming.lastLine)): conflicts with the stored report \(r.post)/\(r.id) revision \(r.revision) (seq \(existingSeq)): same post, id and revision, different content"
        let existingContent = try storedContent(seq: existingSeq)
        let content = Array(Canonical.content(r).utf8)
        let q = QuarantineItem(kind: .conflict, reason: reason, raw: content, rawSize: content.count,
                               firstLine: incoming.firstLine, lastLine: incoming.lastLine,
                               post: r.post, reportID: r.id, revision: r.revision,
                               existingSeq: existingSeq, existingContent: existingContent)
        return .conflict(qid: try quarantine(q, sourceID: sourceID), reason: reason)
    }

    private func storedContent(seq: Int64) throws -> String? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM reports WHERE seq = ?", arguments: [seq]) else { return nil }
        return Canonical.content(ReportRow.logged(row).report)
    }

    /// Inserts a quarantine entry, or finds the same evidence from an earlier read of the source.
    func quarantine(_ q: QuarantineItem, sourceID: Int64) throws -> Int64 {
        let hash = Canonical.digest16(q.raw)
        try db.execute(sql: """
            INSERT INTO quarantine(at_ms, source_id, first_line, last_line, kind, reason, raw, raw_size,
                raw_hash, post, report_id, revision, existing_seq, existing_content)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(source_id, first_line, raw_hash) DO NOTHING
            """, arguments: [now.millis, sourceID, q.firstLine, q.lastLine, q.kind.rawValue, q.reason,
                             Data(q.raw), q.rawSize, Data(hash), q.post, q.reportID, q.revision,
                             q.existingSeq, q.existingContent])
        return try Int64.fetchOne(db, sql: "SELECT qid FROM quarantine WHERE source_id = ? AND first_line = ? AND raw_hash = ?",
                                  arguments: [sourceID, q.firstLine, Data(hash)])!
    }

    static let columns = [
        "post", "id", "revision", "type", "observed_ms", "observed_off", "reported_ms", "reported_off",
        "received_ms", "lat", "lon", "place", "substance", "substance_canon", "category", "substance_known",
        "quantity", "unit", "qty_kg", "origin", "destination", "transit", "transport", "conveyance",
        "concealment", "vehicle", "arrested", "nationalities", "severity", "summary", "tlp", "retracted",
        "extra", "country", "sector", "source_id", "source_line", "content_hash",
    ]
    static let insertSQL = "INSERT INTO reports(\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"

    private func append(_ s: Statement, _ incoming: IncomingReport, sourceID: Int64) throws -> Int64 {
        let h = s.sqliteStatement
        let l = incoming.logged
        let r = l.report
        sqlite3_reset(h)
        sqlite3_clear_bindings(h)
        var i: Int32 = 0
        func next() -> Int32 { i += 1; return i }
        bindText(h, next(), r.post)
        bindText(h, next(), r.id)
        sqlite3_bind_int64(h, next(), Int64(r.revision))
        bindText(h, next(), r.type.rawValue)
        sqlite3_bind_int64(h, next(), r.observedAt.millis)
        sqlite3_bind_int64(h, next(), Int64(r.observedAt.offsetSeconds))
        bindInt(h, next(), r.reportedAt?.millis)
        bindInt(h, next(), r.reportedAt.map { Int64($0.offsetSeconds) })
        sqlite3_bind_int64(h, next(), now.millis)
        bindDouble(h, next(), r.lat)
        bindDouble(h, next(), r.lon)
        bindText(h, next(), r.place)
        bindText(h, next(), r.substance)
        bindText(h, next(), l.substanceCanonical)
        bindText(h, next(), l.category?.rawValue)
        bindInt(h, next(), r.substance == nil ? nil : (l.substanceKnown ? 1 : 0))
        bindDouble(h, next(), r.quantity)
        bindText(h, next(), r.unit?.rawValue)
        bindDouble(h, next(), l.quantityKg)
        bindText(h, next(), r.origin)
        bindText(h, next(), r.destination)
        bindText(h, next(), r.transit.isEmpty ? nil : r.transit.joined(separator: ";"))
        bindText(h, next(), r.transport?.rawValue)
        bindText(h, next(), r.conveyance)
        bindText(h, next(), r.concealment)
        bindText(h, next(), r.vehicle)
        bindInt(h, next(), r.arrested.map(Int64.init))
        bindText(h, next(), r.nationalities.isEmpty ? nil : r.nationalities.joined(separator: ";"))
        bindText(h, next(), r.severity?.rawValue)
        bindText(h, next(), r.summary)
        bindText(h, next(), r.tlp?.rawValue)
        sqlite3_bind_int64(h, next(), r.retracted ? 1 : 0)
        bindText(h, next(), r.extraJSON)
        bindText(h, next(), l.country)
        bindText(h, next(), l.sector)
        sqlite3_bind_int64(h, next(), sourceID)
        sqlite3_bind_int64(h, next(), Int64(incoming.firstLine))
        incoming.contentHash.withUnsafeBytes { b in
            _ = sqlite3_bind_blob(h, next(), b.baseAddress, Int32(b.count), SQLITE_TRANSIENT_PTR)
        }
        let rc = sqlite3_step(h)
        sqlite3_reset(h)
        guard rc == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        let seq = sqlite3_last_insert_rowid(db.sqliteConnection)
        try SearchIndex.insert(db, seq: seq, l)
        return seq
    }
}

// SQLITE_TRANSIENT is a macro that does not import: sqlite3 copies the bytes before returning.
let SQLITE_TRANSIENT_PTR = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

@inline(__always)
func bindText(_ h: OpaquePointer?, _ i: Int32, _ s: String?) {
    guard var s else { sqlite3_bind_null(h, i); return }
    s.withUTF8 { b in
        guard b.count > 0 else { _ = sqlite3_bind_text(h, i, "", 0, SQLITE_TRANSIENT_PTR); return }
        _ = sqlite3_bind_text(h, i, UnsafeRawPointer(b.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(b.count), SQLITE_TRANSIENT_PTR)
    }
}

@inline(__always)
func bindInt(_ h: OpaquePointer?, _ i: Int32, _ v: Int64?) {
    if let v { sqlite3_bind_int64(h, i, v) } else { sqlite3_bind_null(h, i) }
}

@inline(__always)
func bindDouble(_ h: OpaquePointer?, _ i: Int32, _ v: Double?) {
    if let v { sqlite3_bind_double(h, i, v) } else { sqlite3_bind_null(h, i) }
}

/// "line 17" or "lines 17–19", as reasons cite records.
enum FeedDecoderLabel {
    static func lines(_ a: Int, _ b: Int) -> String { a == b ? "line \(a)" : "lines \(a)–\(b)" }
}
