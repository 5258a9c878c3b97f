import SitcenDomain
import SitcenRules

// Public initialisers, for alert values that arrive from elsewhere than this store (a remote
// console decodes them from the centre's API).

extension AlertSummary {
    public static func make(id: Int64, rule: String, fingerprint: String, severity: Severity, ruleSeverity: Severity, escalated: Bool,
                state: State, assignee: String?, acknowledgedBy: String?, acknowledgedAt: Timestamp?, count: Int,
                firstAt: Timestamp, lastAt: Timestamp, silencedBy: String?, inhibitedBy: Int64? = nil, labels: [Label], description: String,
                sector: String?, resolvedAt: Timestamp?, resolvedBy: String?, resolveReason: String?, lastEvent: Int64,
                activityAt: Timestamp? = nil, raisedAt: Timestamp? = nil, redacted: Bool, posts: [String] = [], sectors: [String] = []) -> Self {
        Self(id: id, rule: rule, fingerprint: fingerprint, severity: severity, ruleSeverity: ruleSeverity, escalated: escalated, state: state, assignee: assignee, acknowledgedBy: acknowledgedBy, acknowledgedAt: acknowledgedAt, count: count, firstAt: firstAt, lastAt: lastAt, silencedBy: silencedBy, inhibitedBy: inhibitedBy, labels: labels, description: description, sector: sector, resolvedAt: resolvedAt, resolvedBy: resolvedBy, resolveReason: resolveReason, lastEvent: lastEvent, activityAt: activityAt ?? lastAt, raisedAt: raisedAt ?? lastAt, redacted: redacted, posts: posts, sectors: sectors)
    }
}

extension AlertHistoryEntry {
    public static func make(id: Int64, kind: String, at: Timestamp, actor: String?, severity: Severity, count: Int,
                silenced: Bool, reportSeq: Int64?, details: String?) -> Self {
        Self(id: id, kind: kind, at: at, actor: actor, severity: severity, count: count, silenced: silenced, reportSeq: reportSeq, details: details)
    }
}

extension AlertNote {
    public static func make(id: Int64, at: Timestamp, author: String, text: String) -> Self {
        Self(id: id, at: at, author: author, text: text)
    }
}

extension AlertDetail {
    public static func make(alert: AlertSummary, reports: [LoggedReport], reportCount: Int, history: [AlertHistoryEntry],
                notes: [AlertNote], rule: Rule?) -> Self {
        Self(alert: alert, reports: reports, reportCount: reportCount, history: history, notes: notes, rule: rule)
    }
}

extension SilenceRecord {
    public static func make(_ silence: Silence, created: Timestamp, expiredAt: Timestamp? = nil, expiredBy: String? = nil) -> Self {
        Self(silence: silence, created: created, expiredAt: expiredAt, expiredBy: expiredBy)
    }
}
