import SitcenDomain

/// A report an alert points at: its place in the log and its identity.
public struct ReportRef: Sendable, Hashable, Codable {
    public var seq: Int64
    public var post: String
    public var id: String
    public init(seq: Int64, post: String, id: String) { self.seq = seq; self.post = post; self.id = id }
    public init(_ r: LoggedReport) { self.init(seq: r.seq, post: r.report.post, id: r.report.id) }
}

/// A label: a name and a value. Alerts carry them in a fixed order.
public struct Label: Sendable, Hashable, Codable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) { self.name = name; self.value = value }
}

/// Who acknowledged an alert, and when.
public struct Acknowledgement: Sendable, Hashable, Codable {
    public var by: String
    public var at: Timestamp
    public init(by: String, at: Timestamp) { self.by = by; self.at = at }
}

/// An open alert: what fired, for what (the fingerprint), how often, and its state.
public struct Alert: Sendable, Hashable, Codable, Identifiable {
    /// How many report references an alert keeps; `count` goes on counting.
    public static let maxReports = 50

    public var id: Int64
    public var rule: String
    /// `rule{field="value",…}`: the rule's name and the values of its grouping fields.
    public var fingerprint: String
    /// The grouping fields and their values, in order.
    public var group: [Label]
    /// All labels silences match against: `rule`, `severity`, the group, the rule's labels.
    public var labels: [Label]
    public var severity: Severity
    public var ruleSeverity: Severity
    /// The rule's description, filled in from the report that opened the alert; terminal-safe.
    public var description: String
    public var openedAt: Timestamp
    public var lastAt: Timestamp
    public var count: Int
    /// The first `maxReports` reports (none for a flatline or spike-down alert).
    public var reports: [ReportRef]
    public var escalated: Bool
    /// When it goes one severity step up if nobody acknowledges it (nil: never).
    public var escalateAt: Timestamp?
    public var acknowledged: Acknowledgement?
    /// The silence in force over it, if any.
    public var silencedBy: String?
    /// The open alert that mutes it (an inhibition of that alert's rule), if any.
    public var inhibitedBy: Int64?
    public var resolvedAt: Timestamp?

    public var isSilenced: Bool { silencedBy != nil }

    public func label(_ name: String) -> String? { labels.first { $0.name == name }?.value }

    /// Labels as a dictionary (silence matching, display).
    public var labelMap: [String: String] {
        var m: [String: String] = [:]
        for l in labels { m[l.name] = l.value }
        return m
    }
}

/// Something that happened to an alert. Events come out of the engine in a deterministic
/// order; the store appends them, and the console reacts to them. An `updated` event (the
/// frequent one: one more report on an open alert) carries only what changed; every other kind
/// carries the whole alert as it is after the event.
public struct AlertEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A new alert (rings unless silenced).
        case opened
        /// Another matching report was added to an open alert (count + 1).
        case updated
        /// Not acknowledged within `escalate_after`: one severity step up.
        case escalated
        /// Closed: by itself (flatline, the post reported again) or by an operator.
        case resolved
        case acknowledged
        /// A silence came into force over an open alert, or ended.
        case silenced, unsilenced
        /// Another open alert began to mute it (an inhibition), or stopped.
        case inhibited, uninhibited
    }

    public var kind: Kind
    /// Event time: the report's `observed_at`, or the deadline that passed.
    public var at: Timestamp
    public var alertID: Int64
    public var rule: String
    public var fingerprint: String
    public var severity: Severity
    /// Reports counted on the alert after the event.
    public var count: Int
    /// Whether the alert is silenced after the event (not shown, no ring).
    public var silenced: Bool
    /// The report that caused it, if one did.
    public var report: ReportRef?
    /// The operator, for acknowledgements and manual resolution.
    public var by: String?
    /// The alert after the event; nil for `updated`.
    public var alert: Alert? {
        get { box?.alert }
        set { box = newValue.map(AlertBox.init) }
    }
    /// Boxed, so that an event stays small in the arrays that carry many of them.
    private var box: AlertBox?

    init(kind: Kind, at: Timestamp, alert a: Alert, report: ReportRef? = nil, by: String? = nil) {
        self.kind = kind; self.at = at; alertID = a.id; rule = a.rule; fingerprint = a.fingerprint
        severity = a.severity; count = a.count; silenced = a.isSilenced
        self.report = report; self.by = by
        box = kind == .updated ? nil : AlertBox(a)
    }

    enum CodingKeys: String, CodingKey { case kind, at, alertID, rule, fingerprint, severity, count, silenced, report, by, alert }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        at = try c.decode(Timestamp.self, forKey: .at)
        alertID = try c.decode(Int64.self, forKey: .alertID)
        rule = try c.decode(String.self, forKey: .rule)
        fingerprint = try c.decode(String.self, forKey: .fingerprint)
        severity = try c.decode(Severity.self, forKey: .severity)
        count = try c.decode(Int.self, forKey: .count)
        silenced = try c.decode(Bool.self, forKey: .silenced)
        report = try c.decodeIfPresent(ReportRef.self, forKey: .report)
        by = try c.decodeIfPresent(String.self, forKey: .by)
        box = try c.decodeIfPresent(Alert.self, forKey: .alert).map(AlertBox.init)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(at, forKey: .at)
        try c.encode(alertID, forKey: .alertID)
        try c.encode(rule, forKey: .rule)
        try c.encode(fingerprint, forKey: .fingerprint)
        try c.encode(severity, forKey: .severity)
        try c.encode(count, forKey: .count)
        try c.encode(silenced, forKey: .silenced)
        try c.encodeIfPresent(report, forKey: .report)
        try c.encodeIfPresent(by, forKey: .by)
        try c.encodeIfPresent(alert, forKey: .alert)
    }
}

/// An alert behind one reference (immutable).
final class AlertBox: Sendable, Hashable {
    let alert: Alert
    init(_ alert: Alert) { self.alert = alert }
    static func == (a: AlertBox, b: AlertBox) -> Bool { a.alert == b.alert }
    func hash(into h: inout Hasher) { h.combine(alert) }
}

extension AlertEvent: CustomStringConvertible {
    /// One line: `2026-11-20T14:05:00Z opened #3 busy-crossing{post="KZ-KHR"} medium x3`.
    public var description: String {
        var s = "\(at.rfc3339()) \(kind.rawValue) #\(alertID) \(fingerprint) \(severity.rawValue) x\(count)"
        if alert?.escalated == true { s += " escalated" }
        if silenced { s += " silenced" }
        if let r = report { s += " report=\(r.post)/\(r.id)" }
        return s
    }
}
