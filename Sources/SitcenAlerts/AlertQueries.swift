import Foundation
import GRDB
import SitcenDomain
import SitcenRules
import SitcenStore

/// An alert as the store holds it, scoped to the officer who reads it.
public struct AlertSummary: Sendable, Hashable, Identifiable {
    public enum State: String, Sendable, Hashable, CaseIterable { case firing, acknowledged, resolved }
    public var id: Int64
    public var rule: String
    public var fingerprint: String
    public var severity: Severity
    public var ruleSeverity: Severity
    public var escalated: Bool
    public var state: State
    public var assignee: String?
    public var acknowledgedBy: String?
    public var acknowledgedAt: Timestamp?
    /// Reports counted (for a `blo`: those of its sector only).
    public var count: Int
    public var firstAt: Timestamp
    public var lastAt: Timestamp
    public var silencedBy: String?
    /// The open alert that mutes this one (an inhibition), if any.
    public var inhibitedBy: Int64?
    public var labels: [Label]
    /// Terminal-safe (made so by the engine). For a `blo`, withheld when the alert also holds
    /// reports of other sectors (it may name them).
    public var description: String
    public var sector: String?
    public var resolvedAt: Timestamp?
    public var resolvedBy: String?
    public var resolveReason: String?
    /// The id of its latest history entry.
    public var lastEvent: Int64
    /// When the centre last saw the engine change it (a report added, an escalation): wall time.
    public var activityAt: Timestamp
    /// When it reached its current severity, on the centre's clock: a critical alert "arrives"
    /// then, even if its reports were observed hours before.
    public var raisedAt: Timestamp
    /// Parts were withheld from a `blo` (other sectors' reports).
    public var redacted: Bool
    /// The posts of its reports (for a `blo`: of its sector only), and of its `post` label:
    /// where it is on the map, and what the console's post and sector filters match.
    public var posts: [String] = []
    /// The sectors of the reports it holds (its own sector when it holds none), sorted, as the
    /// reader may know them: a `blo` is told only its own (`redacted` says there are others).
    /// `Operator.may(_:on:)` needs it.
    public var sectors: [String] = []

    public var isOpen: Bool { state != .resolved }

    /// The queue's order in Swift, for a client that keeps a copy of the queue (the remote
    /// console): the same as `AlertStore.queueOrder` in SQL.
    public static func queueOrder(_ a: AlertSummary, _ b: AlertSummary) -> Bool {
        func rank(_ x: AlertSummary) -> Int { x.isInhibited ? 2 : x.state == .firing ? 0 : 1 }
        let fa = rank(a), fb = rank(b)
        if fa != fb { return fa < fb }
        if a.severity.rank != b.severity.rank { return a.severity.rank > b.severity.rank }
        if a.activityAt.millis != b.activityAt.millis { return a.activityAt.millis > b.activityAt.millis }
        return a.id > b.id
    }
    public var isSilenced: Bool { silencedBy != nil }
    public var isInhibited: Bool { inhibitedBy != nil }
}

/// Which alerts to list.
public enum AlertStateFilter: String, Sendable, CaseIterable {
    /// Firing and acknowledged (the queue).
    case open, firing, acknowledged, resolved, all
}

/// One line of an alert's history.
public struct AlertHistoryEntry: Sendable, Hashable {
    public var id: Int64
    /// An engine event (`opened`, `updated`, `escalated`, `resolved`, `acknowledged`, `silenced`,
    /// `unsilenced`) or an action (`assigned`, `noted`).
    public var kind: String
    public var at: Timestamp
    public var actor: String?
    public var severity: Severity
    public var count: Int
    public var silenced: Bool
    public var reportSeq: Int64?
    public var details: String?
}

public struct AlertNote: Sendable, Hashable {
    public var id: Int64
    public var at: Timestamp
    public var author: String
    public var text: String
}

/// Everything about one alert: what the console's details pane and `sitcen alerts show` show.
public struct AlertDetail: Sendable {
    public var alert: AlertSummary
    /// Its reports, oldest first (for a `blo`: its sector's only). At most `reportLimit`.
    public var reports: [LoggedReport]
    /// How many reports it holds in all (as scoped).
    public var reportCount: Int
    public var history: [AlertHistoryEntry]
    public var notes: [AlertNote]
    /// The rule that raised it, as the engine runs it now (nil if it was removed since).
    public var rule: Rule?
}

extension AlertStore {
    /// The queue's order, the same for the console, `GET /v1/alerts` and `sitcen alerts list`:
    /// what needs attention first. Unacknowledged before acknowledged, muted (by another open
    /// alert) last; then the most severe; then the most recent activity (the centre's clock: a
    /// late report counts as new).
    public static let queueOrder = """
        CASE WHEN a.inhibited_by IS NOT NULL THEN 2 WHEN a.state = 'firing' THEN 0 ELSE 1 END, a.severity_rank DESC, \
        COALESCE(a.activity_ms, a.last_ms) DESC, a.id DESC
        """

    /// Alerts visible to `officer`, in the queue's order (`queueOrder`).
    func listAlerts(for officer: Operator, state: AlertStateFilter, includeSilenced: Bool, limit: Int) throws -> [AlertSummary] {
        try store.read { db in
            var conditions: [String] = []
            var args: [(any DatabaseValueConvertible)?] = []
            switch state {
            case .open: conditions.append("a.state IN ('firing', 'acknowledged')")
            case .firing, .acknowledged, .resolved: conditions.append("a.state = ?"); args.append(state.rawValue)
            case .all: break
            }
            if !includeSilenced && state != .resolved && state != .all { conditions.append("a.silenced_by IS NULL") }
            switch officer.scope {
            case .everything: break
            case .sector(let sector):
                conditions.append("(EXISTS (SELECT 1 FROM alert_reports ar WHERE ar.alert_id = a.id AND ar.sector = ?) OR (a.sector = ? AND NOT EXISTS (SELECT 1 FROM alert_reports ar2 WHERE ar2.alert_id = a.id)))")
                args.append(sector); args.append(sector)
            case .nothing:
                conditions.append("0")
            }
            var sql = "SELECT a.* FROM alerts a"
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY " + (state == .resolved ? "a.resolved_ms DESC, a.id DESC" : AlertStore.queueOrder)
            if limit > 0 { sql += " LIMIT \(limit)" }
            let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args))
            return try rows.map { try AlertStore.summary($0, for: officer, db: db) }
        }
    }

    /// One alert as `officer` sees it; nil if there is none or they may not see it.
    func alertSummary(_ id: Int64, for officer: Operator, db: Database) throws -> AlertSummary? {
        guard let row = try Row.fetchOne(db, sql: "SELECT a.* FROM alerts a WHERE a.id = ?", arguments: [id]) else { return nil }
        guard try AlertStore.visible(id, sector: row["sector"], to: officer, db: db) else { return nil }
        return try AlertStore.summary(row, for: officer, db: db)
    }

    static func visible(_ id: Int64, sector: String?, to officer: Operator, db: Database) throws -> Bool {
        let scope: String
        switch officer.scope {
        case .everything: return true
        case .nothing: return false
        case .sector(let s): scope = s
        }
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert_reports WHERE alert_id = ?", arguments: [id]) ?? 0
        if total == 0 { return sector == scope }
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM alert_reports WHERE alert_id = ? AND sector = ?)",
                                 arguments: [id, scope]) ?? false
    }

    /// Report posts and the `post` label (a flatline alert holds no report).
    static func merge(_ posts: [String], label a: AlertSummary) -> [String] {
        guard let p = a.labels.first(where: { $0.name == "post" })?.value, !posts.contains(p) else { return posts }
        return posts + [p]
    }

    static func summary(_ row: Row, for officer: Operator, db: Database) throws -> AlertSummary {
        let labelsJSON: String = row["labels"]
        var labels: [Label] = []
        if let data = labelsJSON.data(using: .utf8),
           let obj = try? JSONSerialization.jsonObject(with: data) as? [String: String] {
            // JSONSerialization loses the order; the engine's order is rule, severity, group, labels.
            labels = obj.map { Label($0.key, $0.value) }.sorted { labelRank($0.name, labelsJSON) < labelRank($1.name, labelsJSON) }
        }
        var s = AlertSummary(
            id: row["id"], rule: row["rule"], fingerprint: row["fingerprint"],
            severity: Severity(rawValue: row["severity"]) ?? .info, ruleSeverity: Severity(rawValue: row["rule_severity"]) ?? .info,
            escalated: row["escalated"], state: AlertSummary.State(rawValue: row["state"]) ?? .firing,
            assignee: row["assignee"], acknowledgedBy: row["ack_by"], acknowledgedAt: (row["ack_ms"] as Int64?).map { Timestamp(millis: $0) },
            count: row["count"], firstAt: Timestamp(millis: row["first_ms"]), lastAt: Timestamp(millis: row["last_ms"]),
            silencedBy: row["silenced_by"], inhibitedBy: row["inhibited_by"], labels: labels, description: row["description"], sector: row["sector"],
            resolvedAt: (row["resolved_ms"] as Int64?).map { Timestamp(millis: $0) }, resolvedBy: row["resolved_by"],
            resolveReason: row["resolve_reason"], lastEvent: row["last_event"],
            activityAt: Timestamp(millis: row["activity_ms"] ?? row["last_ms"]),
            raisedAt: Timestamp(millis: row["raised_ms"] ?? row["last_ms"]), redacted: false)
        // The sectors and posts of its reports, and how many of each.
        let refs = try Row.fetchAll(db, sql: """
            SELECT sector, post, COUNT(*) AS n FROM alert_reports WHERE alert_id = ? GROUP BY sector, post ORDER BY sector, post
            """, arguments: [s.id]).map { ($0["sector"] as String, $0["post"] as String, $0["n"] as Int) }
        var bySector: [(String, Int)] = []
        for (sector, _, n) in refs {
            if let last = bySector.last, last.0 == sector { bySector[bySector.count - 1].1 += n } else { bySector.append((sector, n)) }
        }
        s.sectors = bySector.isEmpty ? (s.sector.map { [$0] } ?? []) : bySector.map(\.0)
        s.posts = refs.map(\.1)
        if let scope = officer.scope.sectorFilter, !bySector.isEmpty {
            let n = bySector.reduce(0) { $0 + $1.1 }
            let mine = bySector.first { $0.0 == scope }?.1 ?? 0
            s.count = mine
            s.sectors = s.sectors.filter { $0 == scope }
            s.posts = refs.filter { $0.0 == scope }.map(\.1)
            if mine < n {
                s.redacted = true
                s.description = "\(s.rule): \(mine) report\(mine == 1 ? "" : "s") of \(scope) (others withheld)"
                s.fingerprint = s.rule
                s.labels = s.labels.filter { $0.name == "rule" || $0.name == "severity" }
            }
        }
        // (Grouped by sector and post, and a post is in one sector: each post is listed once.)
        s.posts = merge(s.posts, label: s)
        return s
    }

    private static func labelRank(_ name: String, _ json: String) -> Int {
        json.range(of: "\"\(name)\":").map { json.distance(from: json.startIndex, to: $0.lowerBound) } ?? Int.max
    }

    /// The details of one alert (nil: none that `officer` may see).
    func alertDetail(_ id: Int64, for officer: Operator, reportLimit: Int) throws -> AlertDetail? {
        let rules = (try? snapshot().engine.rules) ?? []
        let found = try store.read { db -> (AlertSummary, [Int64], [AlertHistoryEntry], [AlertNote])? in
            guard let s = try alertSummary(id, for: officer, db: db) else { return nil }
            var refSQL = "SELECT seq FROM alert_reports WHERE alert_id = ?"
            var args: [(any DatabaseValueConvertible)?] = [id]
            if let scope = officer.scope.sectorFilter { refSQL += " AND sector = ?"; args.append(scope) }
            let seqs = try Int64.fetchAll(db, sql: refSQL + " ORDER BY seq", arguments: StatementArguments(args))
            var history = try Row.fetchAll(db, sql: "SELECT * FROM alert_events WHERE alert_id = ? ORDER BY event_id", arguments: [id]).map { row in
                AlertHistoryEntry(id: row["event_id"], kind: row["kind"], at: Timestamp(millis: row["at_ms"]), actor: row["actor"],
                                  severity: Severity(rawValue: row["severity"]) ?? .info, count: row["count"], silenced: row["silenced"],
                                  reportSeq: row["report_seq"], details: row["details"])
            }
            // A blo sees the events of its own sector's reports only.
            if !officer.scope.isEverything {
                let mine = Set(seqs)
                history = history.filter { $0.reportSeq == nil || mine.contains($0.reportSeq!) }
            }
            let notes = try Row.fetchAll(db, sql: "SELECT * FROM alert_notes WHERE alert_id = ? ORDER BY note_id", arguments: [id]).map { row in
                AlertNote(id: row["note_id"], at: Timestamp(millis: row["at_ms"]), author: row["author"], text: row["text"])
            }
            return (s, seqs, history, notes)
        }
        guard let (s, seqs, history, notes) = found else { return nil }
        let reports = try store.reports(seqs: Array(seqs.prefix(reportLimit)))
        return AlertDetail(alert: s, reports: reports, reportCount: seqs.count, history: history, notes: notes,
                           rule: rules.first { $0.name == s.rule })
    }
}
