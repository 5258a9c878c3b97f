import Foundation
import GRDB
import SitcenDomain
import SitcenRules
import SitcenText

/// Writes what the engine produced into the alert tables, inside the caller's transaction:
/// one `alert_events` row per event, the alert rows as they stand after the events, the report
/// references, and the notification jobs the routes ask for.
struct AlertWriter {
    let registry: Registry
    /// seq -> sector of the reports just processed (report references keep their sector, for blo).
    var sectors: [Int64: String] = [:]
    var routes: NotifyRoutes?
    /// The operator behind the events, if they come from an action.
    var actor: String?
    var details: String?

    /// Writes `events`; `book` is the engine's alert book after them. Returns the last event id.
    @discardableResult
    func write(_ events: [AlertEvent], book: AlertBook, db: Database, now: Timestamp) throws -> Int64 {
        guard !events.isEmpty else { return 0 }
        let insertEvent = try db.cachedStatement(sql: """
            INSERT INTO alert_events(alert_id, kind, at_ms, actor, severity, count, silenced, report_seq, details)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertRef = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO alert_reports(alert_id, seq, post, report_id, sector) VALUES (?, ?, ?, ?, ?)
            """)
        var lastEvent: [Int64: Int64] = [:]
        var lastFull: [Int64: Alert] = [:]
        var order: [Int64] = []
        // Alerts that changed by the engine's own doing (not an operator's action).
        var active = Set<Int64>()
        var lastID: Int64 = 0
        for e in events {
            // The operator is named on the events of their action, not on escalations it let happen.
            let who = e.by ?? (e.kind == .silenced || e.kind == .unsilenced ? actor : nil)
            let muteDetails = e.kind == .inhibited ? e.alert?.inhibitedBy.map { "muted by alert \($0)" } : nil
            try insertEvent.execute(arguments: [e.alertID, e.kind.rawValue, e.at.millis, who, e.severity.rawValue,
                                                e.count, e.silenced, e.report?.seq, who == nil ? muteDetails : details])
            lastID = db.lastInsertedRowID
            if lastEvent[e.alertID] == nil { order.append(e.alertID) }
            if e.kind == .opened || e.kind == .updated || e.kind == .escalated { active.insert(e.alertID) }
            lastEvent[e.alertID] = lastID
            if let a = e.alert { lastFull[e.alertID] = a }
            if let r = e.report, e.kind == .opened || e.kind == .updated {
                let sector = sectors[r.seq] ?? registry.post(r.post)?.sector ?? ""
                try insertRef.execute(arguments: [e.alertID, r.seq, r.post, r.id, sector])
            }
            // A muted alert does not notify (the alert that explains it did); one that opens muted
            // is muted by an event later in the same batch.
            if let routes, let a = e.alert, !e.silenced, a.inhibitedBy == nil, !mutedLater(e, in: events), NotifyRoutes.notifies(e.kind) {
                for receiver in routes.receivers(for: a, kind: e.kind) {
                    try NotifyQueue.enqueue(db, receiver: receiver, alert: a, kind: e.kind, at: e.at, now: now)
                }
            }
        }
        for id in order {
            // The alert as the engine holds it now; a closed one, as its last full event left it.
            guard let a = book.alert(id: id) ?? lastFull[id] else { continue }
            try upsert(a, lastEvent: lastEvent[id] ?? 0, active: active.contains(id), now: now, db: db)
        }
        return lastID
    }

    /// `active`: the engine changed the alert (a report, an escalation) at `now`, wall time:
    /// its activity time moves, and its raised time too if its severity went up.
    /// An `inhibited` event for the same alert follows `e` in this batch.
    private func mutedLater(_ e: AlertEvent, in events: [AlertEvent]) -> Bool {
        guard e.kind == .opened || e.kind == .escalated else { return false }
        return events.contains { $0.kind == .inhibited && $0.alertID == e.alertID }
    }

    private func upsert(_ a: Alert, lastEvent: Int64, active: Bool, now: Timestamp, db: Database) throws {
        let state = a.resolvedAt != nil ? "resolved" : a.acknowledged != nil ? "acknowledged" : "firing"
        let stmt = try db.cachedStatement(sql: """
            INSERT INTO alerts(id, rule, fingerprint, severity, severity_rank, rule_severity, escalated, state,
                               ack_by, ack_ms, count, first_ms, last_ms, silenced_by, labels, description, sector,
                               resolved_ms, last_event, activity_ms, raised_ms, inhibited_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET severity = excluded.severity, severity_rank = excluded.severity_rank,
                escalated = excluded.escalated, state = excluded.state, ack_by = excluded.ack_by,
                ack_ms = excluded.ack_ms, count = excluded.count, last_ms = excluded.last_ms,
                silenced_by = excluded.silenced_by, resolved_ms = excluded.resolved_ms,
                last_event = excluded.last_event, inhibited_by = excluded.inhibited_by,
                activity_ms = CASE WHEN ? THEN excluded.activity_ms ELSE COALESCE(alerts.activity_ms, excluded.activity_ms) END,
                raised_ms = CASE WHEN excluded.severity_rank > alerts.severity_rank THEN excluded.raised_ms
                                 ELSE COALESCE(alerts.raised_ms, excluded.raised_ms) END
            """)
        try stmt.execute(arguments: [
            a.id, a.rule, a.fingerprint, a.severity.rawValue, a.severity.rank, a.ruleSeverity.rawValue, a.escalated, state,
            a.acknowledged?.by, a.acknowledged?.at.millis, a.count, a.openedAt.millis, a.lastAt.millis, a.silencedBy,
            AlertWriter.labelsJSON(a.labels), a.description, alertSector(a), a.resolvedAt?.millis, lastEvent,
            now.millis, now.millis, a.inhibitedBy, active,
        ])
    }

    /// The sector an alert belongs to by its labels (a flatline alert holds no report).
    func alertSector(_ a: Alert) -> String? {
        if let s = a.label("sector") { return s }
        if let p = a.label("post") { return registry.post(p)?.sector }
        return nil
    }

    static func labelsJSON(_ labels: [Label]) -> String {
        JSONValue.object(labels.map { ($0.name, .string($0.value)) }).serialized()
    }

    /// Records an operator action that the engine does not know (assign, note) as an event.
    static func recordAction(_ db: Database, alert: Int64, kind: String, by: String, details: String?, at: Timestamp) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT severity, count, silenced_by FROM alerts WHERE id = ?", arguments: [alert]) else { return }
        try db.execute(sql: """
            INSERT INTO alert_events(alert_id, kind, at_ms, actor, severity, count, silenced, details)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [alert, kind, at.millis, by, row["severity"] as String, row["count"] as Int, (row["silenced_by"] as String?) != nil, details])
        try db.execute(sql: "UPDATE alerts SET last_event = ? WHERE id = ?", arguments: [db.lastInsertedRowID, alert])
    }
}
