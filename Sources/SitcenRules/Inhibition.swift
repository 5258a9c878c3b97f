import SitcenDomain

/// One inhibition of a rule (Alertmanager's `inhibit_rules`, with the rule as the source):
/// while an alert of the rule is open, it mutes the open alerts whose labels match every
/// `target` matcher and have the same value as it for every label in `equal`. A muted alert is
/// recorded and listed with the alert that explains it, but it does not ring, notify or
/// escalate: a sector's communications outage is one alert, not one per silent post.
public struct InhibitRule: Sendable, Hashable, Codable {
    public var target: [SilenceMatcher]
    public var equal: [String]
    public init(target: [SilenceMatcher], equal: [String] = []) { self.target = target; self.equal = equal }

    /// Whether an alert labelled `source` mutes one labelled `target`.
    public func mutes(source: [String: String], target labels: [String: String]) -> Bool {
        guard target.allSatisfy({ $0.matches(labels) }) else { return false }
        for l in equal {
            guard let a = source[l], let b = labels[l], a == b else { return false }
        }
        return true
    }
}

extension AlertBook {
    /// Re-checks every open alert against the inhibitions of the open alerts (`specs` by rule
    /// name). An alert is muted by the lowest-numbered open alert that mutes it, never by
    /// itself. Returns `inhibited` and `uninhibited` events for alerts whose state changed.
    /// An alert unmuted gets its rule's whole `escalate_after` again (`escalateAfter`, by rule):
    /// when a link comes back, the posts get the time to report before anything escalates.
    mutating func applyInhibitions(_ specs: [String: [InhibitRule]], escalateAfter: [String: Int64], at: Timestamp) -> [AlertEvent] {
        let open = openAlerts
        let sources = open.filter { specs[$0.rule] != nil }.map { ($0, $0.labelMap) }
        var out: [AlertEvent] = []
        for var a in open {
            let labels = a.labelMap
            var by: Int64? = nil
            for (s, sl) in sources where s.id != a.id {
                if specs[s.rule]!.contains(where: { $0.mutes(source: sl, target: labels) }) { by = s.id; break }
            }
            guard by != a.inhibitedBy else { continue }
            let was = a.inhibitedBy
            a.inhibitedBy = by
            if by == nil, let e = a.escalateAt {
                if let d = escalateAfter[a.rule] { a.escalateAt = max(e, at.adding(seconds: d)) } else if e < at { a.escalateAt = at }
            }
            replace(a)
            if (was == nil) != (by == nil) {
                out.append(AlertEvent(kind: by == nil ? .uninhibited : .inhibited, at: at, alert: a))
            }
        }
        return out
    }
}

extension RuleEngine {
    /// Each rule's `escalate_after`, by name.
    var escalationDelays: [String: Int64] {
        var m: [String: Int64] = [:]
        for r in rules { if let e = r.escalateAfter { m[r.name] = e } }
        return m
    }

    /// After events that open, close or escalate alerts, the mutes may have changed.
    mutating func settleInhibitions(_ out: inout [AlertEvent], from start: Int, at: Timestamp) {
        guard !inhibitions.isEmpty, start < out.count else { return }
        let changes = out[start...].contains { $0.kind == .opened || $0.kind == .resolved || $0.kind == .escalated }
        guard changes else { return }
        out += book.applyInhibitions(inhibitions, escalateAfter: escalationDelays, at: at)
    }
}
