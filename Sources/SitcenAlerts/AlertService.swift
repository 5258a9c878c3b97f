import Foundation
import GRDB
import SitcenDomain
import SitcenRules

/// Why an operator closed an alert.
public enum ResolveReason: String, Sendable, CaseIterable, Codable {
    case truePositive = "true-positive", falsePositive = "false-positive", duplicate, expected, other
}

/// A silence as the store keeps it: the engine's silence, and who ended it.
public struct SilenceRecord: Sendable, Hashable {
    public enum State: String, Sendable { case pending, active, expired }
    public var silence: Silence
    public var created: Timestamp
    public var expiredAt: Timestamp?
    public var expiredBy: String?
    public func state(at t: Timestamp) -> State {
        if silence.endsAt.millis <= t.millis { return .expired }
        return silence.startsAt.millis > t.millis ? .pending : .active
    }
}

/// The triage API: the one place where roles are checked and actions applied, for the CLI, the
/// console and the HTTP server alike. Every action goes through the engine's state (so that an
/// acknowledged alert does not escalate), into the alert's history, and into the audit trail,
/// in one transaction.
public struct AlertService: Sendable {
    public let alerts: AlertStore

    public init(_ alerts: AlertStore) { self.alerts = alerts }

    // MARK: - Reading

    /// The alerts `officer` may see, most severe first, then oldest first. Silenced alerts are
    /// left out of the open queue unless `includeSilenced`.
    public func list(for officer: Operator, state: AlertStateFilter = .open, includeSilenced: Bool = false,
                     limit: Int = 1000) throws -> [AlertSummary] {
        try alerts.listAlerts(for: officer, state: state, includeSilenced: includeSilenced, limit: limit)
    }

    /// One alert with its reports (as scoped), history, notes and rule.
    public func show(_ id: Int64, for officer: Operator, reportLimit: Int = 200) throws -> AlertDetail {
        guard let d = try alerts.alertDetail(id, for: officer, reportLimit: reportLimit) else { throw notFound(id) }
        return d
    }

    /// Notes written between `from` and `to`, oldest first, with their alert's id.
    public func notes(from: Timestamp, to: Timestamp) throws -> [(alert: Int64, note: AlertNote)] {
        try alerts.store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM alert_notes WHERE at_ms >= ? AND at_ms < ? ORDER BY at_ms, note_id",
                             arguments: [from.millis, to.millis]).map { row in
                (row["alert_id"], AlertNote(id: row["note_id"], at: Timestamp(millis: row["at_ms"]), author: row["author"], text: row["text"]))
            }
        }
    }

    public func silences(includeExpired: Bool = false) throws -> [SilenceRecord] {
        let now = alerts.clock()
        return try alerts.store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM silences ORDER BY starts_ms, id").map(AlertService.silenceRecord)
        }.filter { includeExpired || $0.state(at: now) != .expired }
    }

    // MARK: - Acting on alerts

    @discardableResult
    public func acknowledge(_ id: Int64, by officer: Operator) throws -> AlertSummary {
        try act(id, officer, .acknowledge, "acknowledge alert \(id)") { engine, writer, db, now, row in
            if let by = row.acknowledgedBy {
                throw AlreadyHandled(alert: id, action: .acknowledged, by: by, at: row.acknowledgedAt)
            }
            let events = engine.acknowledge(alert: id, by: officer.name, at: now)
            guard events.contains(where: { $0.kind == .acknowledged }) else { throw AlertError("alert \(id) is not open") }
            try writer.write(events, book: engine.alerts, db: db, now: now)
            try Audit.append(db, officer: officer, action: "alert.ack", target: "alert \(id)", details: row.fingerprint, at: now)
        }
    }

    /// Assigns the alert to `name` (duty and supervisor).
    @discardableResult
    public func assign(_ id: Int64, to name: String, by officer: Operator) throws -> AlertSummary {
        let who = name.trimmingCharacters(in: .whitespaces)
        guard !who.isEmpty else { throw AlertError("give the name of the officer to assign alert \(id) to") }
        return try assignment(id, to: who, by: officer, permission: .assign)
    }

    /// Assigns the alert to the officer who asks (every role, on what it sees).
    @discardableResult
    public func take(_ id: Int64, by officer: Operator) throws -> AlertSummary {
        try assignment(id, to: officer.name, by: officer, permission: .take)
    }

    private func assignment(_ id: Int64, to who: String, by officer: Operator, permission: Permission) throws -> AlertSummary {
        try act(id, officer, permission, permission == .take ? "take alert \(id)" : "assign alert \(id)", engine: false) { _, _, db, now, row in
            // Taking an alert another officer holds would take it from under them: say who has it
            // (assigning, a deliberate handover, is how it moves on).
            if permission == .take, let holder = row.assignee {
                let at = try Int64.fetchOne(db, sql: """
                    SELECT at_ms FROM alert_events WHERE alert_id = ? AND kind = 'assigned' ORDER BY event_id DESC LIMIT 1
                    """, arguments: [id]).map { Timestamp(millis: $0) }
                throw AlreadyHandled(alert: id, action: holder == officer.name ? .yours : .taken, by: holder, at: at)
            }
            try db.execute(sql: "UPDATE alerts SET assignee = ? WHERE id = ?", arguments: [who, id])
            try AlertWriter.recordAction(db, alert: id, kind: "assigned", by: officer.name, details: who, at: now)
            try Audit.append(db, officer: officer, action: permission == .take ? "alert.take" : "alert.assign", target: "alert \(id)",
                             details: "assigned to \(who)" + (row.assignee.map { " (was \($0))" } ?? ""), at: now)
        }
    }

    @discardableResult
    public func note(_ id: Int64, text: String, by officer: Operator) throws -> AlertNote {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { throw AlertError("a note needs some text") }
        guard t.utf8.count <= 4000 else { throw AlertError("a note holds at most 4000 bytes") }
        var note: AlertNote?
        _ = try act(id, officer, .note, "note on alert \(id)", engine: false, allowResolved: true) { _, _, db, now, _ in
            try db.execute(sql: "INSERT INTO alert_notes(alert_id, at_ms, author, text) VALUES (?, ?, ?, ?)",
                           arguments: [id, now.millis, officer.name, t])
            note = AlertNote(id: db.lastInsertedRowID, at: now, author: officer.name, text: t)
            try AlertWriter.recordAction(db, alert: id, kind: "noted", by: officer.name, details: t, at: now)
            try Audit.append(db, officer: officer, action: "alert.note", target: "alert \(id)", details: t, at: now)
        }
        return note!
    }

    /// Closes the alert with a reason (and an optional note). Not for `blo`.
    @discardableResult
    public func resolve(_ id: Int64, reason: ResolveReason, note: String? = nil, by officer: Operator) throws -> AlertSummary {
        let text = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        return try act(id, officer, .resolve, "resolve alert \(id)") { engine, writer, db, now, row in
            let events = engine.resolve(alert: id, by: officer.name, at: now)
            guard events.contains(where: { $0.kind == .resolved && $0.alertID == id }) else { throw AlertError("alert \(id) is not open") }
            try writer.write(events, book: engine.alerts, db: db, now: now)
            try db.execute(sql: "UPDATE alerts SET resolved_by = ?, resolve_reason = ? WHERE id = ?",
                           arguments: [officer.name, reason.rawValue, id])
            if let text, !text.isEmpty {
                try db.execute(sql: "INSERT INTO alert_notes(alert_id, at_ms, author, text) VALUES (?, ?, ?, ?)",
                               arguments: [id, now.millis, officer.name, text])
                try AlertWriter.recordAction(db, alert: id, kind: "noted", by: officer.name, details: text, at: now)
            }
            try Audit.append(db, officer: officer, action: "alert.resolve", target: "alert \(id)",
                             details: reason.rawValue + (text.map { $0.isEmpty ? "" : ": \($0)" } ?? ""), at: now)
        }
    }

    // MARK: - Silences

    /// Adds a silence from now (or `startsAt`) for `duration` seconds. duty and supervisor.
    @discardableResult
    public func silence(_ matchers: [SilenceMatcher], duration: Int64, comment: String, startsAt: Timestamp? = nil,
                        by officer: Operator) throws -> SilenceRecord {
        guard officer.may(.silence) else {
            throw PermissionDenied(officer: officer, action: "add a silence", reason: "a blo officer does not silence alerts")
        }
        guard !matchers.isEmpty else { throw AlertError("a silence needs at least one matcher, such as post=KZ-KHR") }
        guard duration > 0 else { throw AlertError("a silence needs a duration above zero") }
        let c = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !c.isEmpty else { throw AlertError("a silence needs a comment that says why") }
        let now = alerts.clock()
        let start = startsAt ?? now
        let s = Silence(id: "s-" + String(UInt64.random(in: 0...UInt64.max), radix: 16), matchers: matchers,
                        startsAt: start, endsAt: start.adding(seconds: duration), author: officer.name, comment: c)
        try alerts.mutate { engine, writer, db in
            writer.actor = officer.name
            writer.details = "silence \(s.id)"
            try writer.write(engine.silence(s, at: now), book: engine.alerts, db: db, now: now)
            try db.execute(sql: """
                INSERT INTO silences(id, matchers, starts_ms, ends_ms, author, comment, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [s.id, AlertService.matchersJSON(s.matchers), s.startsAt.millis, s.endsAt.millis, s.author, s.comment, now.millis])
            try Audit.append(db, officer: officer, action: "silence.add", target: "silence \(s.id)",
                             details: "\(AlertService.matchersText(s.matchers)) from \(s.startsAt.rfc3339()) to \(s.endsAt.rfc3339()): \(c)", at: now)
        }
        return SilenceRecord(silence: s, created: now, expiredAt: nil, expiredBy: nil)
    }

    /// Ends a silence now. A supervisor ends any; a duty officer the ones they added.
    @discardableResult
    public func expireSilence(_ id: String, by officer: Operator) throws -> SilenceRecord {
        let now = alerts.clock()
        return try alerts.mutate { engine, writer, db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM silences WHERE id = ?", arguments: [id]) else {
                throw AlertError("no silence \(id); `sitcen silence list` shows them")
            }
            var rec = AlertService.silenceRecord(row)
            guard officer.may(.manageSilences) || (officer.may(.silence) && rec.silence.author == officer.name) else {
                throw PermissionDenied(officer: officer, action: "end silence \(id)",
                                       reason: officer.role == .blo ? "a blo officer does not manage silences" : "only a supervisor ends another officer's silence")
            }
            guard rec.state(at: now) != .expired else { throw AlertError("silence \(id) has ended already") }
            writer.actor = officer.name
            writer.details = "silence \(id) expired"
            try writer.write(engine.expireSilence(id: id, at: now), book: engine.alerts, db: db, now: now)
            let end = min(rec.silence.endsAt.millis, now.millis)
            try db.execute(sql: "UPDATE silences SET ends_ms = ?, starts_ms = MIN(starts_ms, ?), expired_ms = ?, expired_by = ? WHERE id = ?",
                           arguments: [end, end, now.millis, officer.name, id])
            try Audit.append(db, officer: officer, action: "silence.expire", target: "silence \(id)",
                             details: AlertService.matchersText(rec.silence.matchers), at: now)
            rec.silence.endsAt = Timestamp(millis: end)
            rec.expiredAt = now; rec.expiredBy = officer.name
            return rec
        }
    }

    // MARK: - Support

    /// Checks the role and the alert's visibility, then runs `body` in one transaction (through
    /// the engine when `engine`), and returns the alert as it is after.
    private func act(_ id: Int64, _ officer: Operator, _ permission: Permission, _ what: String, engine: Bool = true,
                     allowResolved: Bool = false,
                     _ body: (inout RuleEngine, inout AlertWriter, Database, Timestamp, AlertSummary) throws -> Void) throws -> AlertSummary {
        guard officer.may(permission) else {
            throw PermissionDenied(officer: officer, action: what, reason: "the \(officer.role.rawValue) role may not \(permission.rawValue)")
        }
        let now = alerts.clock()
        func check(_ db: Database) throws -> AlertSummary {
            guard let row = try alerts.alertSummary(id, for: officer, db: db) else { throw notFound(id) }
            // A blo acts for its own sector only: not on an alert that also holds other sectors'
            // reports (an acknowledgement would stop its escalation for them too).
            guard officer.may(permission, on: row) else {
                throw PermissionDenied(officer: officer, action: what,
                                       reason: "alert \(id) also holds reports of other sectors; a duty officer acts on it")
            }
            if !allowResolved && row.state == .resolved { throw AlertError("alert \(id) is resolved") }
            return row
        }
        if engine {
            try alerts.mutate { e, writer, db in try body(&e, &writer, db, now, try check(db)) }
        } else {
            try alerts.store.write { db in
                var unused = RuleEngine(rules: [], registry: alerts.registry)
                var writer = AlertWriter(registry: alerts.registry)
                try body(&unused, &writer, db, now, try check(db))
            }
        }
        return try alerts.store.read { db in try alerts.alertSummary(id, for: officer, db: db) }!
    }

    private func notFound(_ id: Int64) -> AlertError { AlertError("no alert \(id) (or not one you may see)") }

    static func matchersText(_ m: [SilenceMatcher]) -> String { m.map(\.description).joined(separator: ",") }

    /// Stored as JSON: a regex may hold commas.
    static func matchersJSON(_ m: [SilenceMatcher]) -> String {
        String(decoding: (try? JSONEncoder().encode(m)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func silenceRecord(_ row: Row) -> SilenceRecord {
        let text: String = row["matchers"]
        let matchers = (try? JSONDecoder().decode([SilenceMatcher].self, from: Data(text.utf8))) ?? []
        return SilenceRecord(silence: Silence(id: row["id"], matchers: matchers, startsAt: Timestamp(millis: row["starts_ms"]),
                                              endsAt: Timestamp(millis: row["ends_ms"]), author: row["author"], comment: row["comment"]),
                             created: Timestamp(millis: row["created_ms"]), expiredAt: (row["expired_ms"] as Int64?).map { Timestamp(millis: $0) },
                             expiredBy: row["expired_by"])
    }
}
