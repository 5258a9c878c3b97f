import SitcenDomain

/// What a rule found: the engine turns it into an alert event through the book.
struct Match {
    var at: Timestamp
    var report: ReportRef?
    /// The rule's name and its grouping values, joined: what identifies the alert.
    var key: GroupKey
}

/// An open alert's identity inside the book: cheap to build and hash for every match.
struct GroupKey: Hashable, Codable, Sendable {
    var rule: String
    var values: String
}

/// The rule-level facts the book needs to open an alert.
struct AlertPolicy: Sendable {
    var name: String
    var severity: Severity
    var labels: [Label]
    var realert: Int64
    var escalateAfter: Int64?
}

/// The open alerts, by fingerprint, and what the engine must remember about closed ones
/// (the `realert` quiet period). Part of the engine's saved state.
public struct AlertBook: Sendable, Codable {
    /// Open alerts in slots (changed in place), and where each key's alert is.
    private var slots: [Alert] = []
    private var slotKeys: [GroupKey] = []
    private var slotOf: [GroupKey: Int] = [:]
    private var keyByID: [Int64: GroupKey] = [:]
    /// Until when a new alert may not open (after a resolve, `realert`).
    private var quietUntil: [GroupKey: Int64] = [:]
    private var escalations = DeadlineSet<Int64>()
    public private(set) var nextID: Int64 = 1

    public init() {}

    public func alert(id: Int64) -> Alert? { keyByID[id].flatMap { get($0) } }
    public func alert(fingerprint: String) -> Alert? { slots.first { $0.fingerprint == fingerprint } }
    /// Open alerts, oldest first.
    public var openAlerts: [Alert] { slots.sorted { $0.id < $1.id } }
    /// Open alerts by fingerprint.
    public var open: [String: Alert] {
        var m: [String: Alert] = [:]
        for a in slots { m[a.fingerprint] = a }
        return m
    }
    public var openCount: Int { slots.count }

    private func get(_ key: GroupKey) -> Alert? { slotOf[key].map { slots[$0] } }

    /// Puts back an open alert changed outside the book's own methods (an inhibition), and
    /// reschedules its escalation.
    mutating func replace(_ a: Alert) {
        guard let key = keyByID[a.id], slotOf[key] != nil else { return }
        put(key, a)
        scheduleEscalation(a)
    }

    /// Sets (or with nil removes) the open alert of a key.
    private mutating func put(_ key: GroupKey, _ alert: Alert?) {
        if let i = slotOf[key] {
            if let a = alert { slots[i] = a; return }
            let last = slots.count - 1
            if i != last {
                slots.swapAt(i, last)
                slotKeys.swapAt(i, last)
                slotOf[slotKeys[i]] = i
            }
            slots.removeLast(); slotKeys.removeLast()
            slotOf[key] = nil
        } else if let a = alert {
            slotOf[key] = slots.count
            slots.append(a); slotKeys.append(key)
        }
    }

    static func fingerprint(rule: String, group: [Label]) -> String {
        var s = rule
        s.reserveCapacity(rule.utf8.count + 2 + group.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 })
        s += "{"
        for (i, l) in group.enumerated() {
            if i > 0 { s += "," }
            s += l.name
            s += "=\""
            if l.value.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C }) {
                for c in l.value.unicodeScalars {
                    if c == "\"" || c == "\\" { s += "\\" }
                    s.unicodeScalars.append(c)
                }
            } else {
                s += l.value
            }
            s += "\""
        }
        s += "}"
        return s
    }

    /// Records a match: opens an alert, adds to the open one, or (within `realert` after a
    /// resolve) records nothing. `group` and `describe` are called only to open one.
    mutating func record(_ m: Match, policy p: AlertPolicy, silences: SilenceSet,
                         group: () -> [Label], describe: () -> String) -> AlertEvent? {
        if let i = slotOf[m.key] {
            let (event, changed) = AlertBook.add(m, to: &slots[i], silences: silences)
            if changed { scheduleEscalation(slots[i]) }
            return event
        }
        if let q = quietUntil[m.key] {
            if m.at.millis < q { return nil }
            quietUntil[m.key] = nil
        }
        let g = group()
        var labels = [Label("rule", p.name), Label("severity", p.severity.rawValue)]
        for l in g where !labels.contains(where: { $0.name == l.name }) { labels.append(l) }
        for l in p.labels where !labels.contains(where: { $0.name == l.name }) { labels.append(l) }
        var a = Alert(id: nextID, rule: p.name, fingerprint: AlertBook.fingerprint(rule: p.name, group: g), group: g, labels: labels,
                      severity: p.severity, ruleSeverity: p.severity, description: describe(),
                      openedAt: m.at, lastAt: m.at, count: 1, reports: m.report.map { [$0] } ?? [],
                      escalated: false, escalateAt: p.escalateAfter.map { m.at.adding(seconds: $0) },
                      acknowledged: nil, silencedBy: nil, resolvedAt: nil)
        nextID += 1
        a.silencedBy = silences.silences.isEmpty ? nil : silences.silencing(a.labelMap, at: m.at)?.id
        put(m.key, a)
        keyByID[a.id] = m.key
        scheduleEscalation(a)
        return AlertEvent(kind: .opened, at: m.at, alert: a, report: m.report)
    }

    /// One more match on an open alert, changed in place. Returns the event, and whether the
    /// silence over the alert changed (so its escalation must be rescheduled).
    private static func add(_ m: Match, to a: inout Alert, silences: SilenceSet) -> (AlertEvent, Bool) {
        a.count += 1
        if m.at > a.lastAt { a.lastAt = m.at }
        if let r = m.report, a.reports.count < Alert.maxReports { a.reports.append(r) }
        var changed = false
        if !silences.silences.isEmpty || a.silencedBy != nil {
            let now = silences.silencing(a.labelMap, at: m.at)?.id
            if now != a.silencedBy { a.silencedBy = now; changed = true }
        }
        return (AlertEvent(kind: .updated, at: m.at, alert: a, report: m.report), changed)
    }

    private mutating func scheduleEscalation(_ a: Alert) {
        let due = (a.escalated || a.acknowledged != nil || a.isSilenced || a.inhibitedBy != nil) ? nil : a.escalateAt?.millis
        escalations.set(a.id, due)
    }

    /// Closes an alert. `realert` is the rule's quiet period for the fingerprint.
    mutating func resolve(id: Int64, at: Timestamp, by: String?, realert: Int64) -> AlertEvent? {
        guard let key = keyByID[id], var a = get(key) else { return nil }
        a.resolvedAt = at
        put(key, nil)
        keyByID[id] = nil
        escalations.set(id, nil)
        if realert > 0 { quietUntil[key] = at.millis + realert * 1000 }
        return AlertEvent(kind: .resolved, at: at, alert: a, by: by)
    }

    mutating func acknowledge(id: Int64, by: String, at: Timestamp) -> AlertEvent? {
        guard let key = keyByID[id], var a = get(key), a.acknowledged == nil else { return nil }
        a.acknowledged = Acknowledgement(by: by, at: at)
        put(key, a)
        escalations.set(id, nil)
        return AlertEvent(kind: .acknowledged, at: at, alert: a, by: by)
    }

    /// The next escalation deadline.
    mutating func nextEscalation() -> (due: Int64, id: Int64)? {
        escalations.next().map { ($0.due, $0.key) }
    }

    mutating func escalate(id: Int64, at: Timestamp) -> AlertEvent? {
        escalations.set(id, nil)
        guard let key = keyByID[id], var a = get(key), !a.escalated, a.acknowledged == nil, !a.isSilenced,
              a.inhibitedBy == nil else { return nil }
        a.escalated = true
        a.severity = a.severity.escalated
        if let i = a.labels.firstIndex(where: { $0.name == "severity" }) { a.labels[i].value = a.severity.rawValue }
        put(key, a)
        return AlertEvent(kind: .escalated, at: at, alert: a)
    }

    /// Re-checks every open alert against the silences in force at `at`.
    mutating func applySilences(_ silences: SilenceSet, at: Timestamp) -> [AlertEvent] {
        var out: [AlertEvent] = []
        for id in keyByID.keys.sorted() {
            guard let key = keyByID[id], var a = get(key) else { continue }
            let now = silences.silencing(a.labelMap, at: at)?.id
            guard now != a.silencedBy else { continue }
            let was = a.silencedBy
            a.silencedBy = now
            // A silence that ends after the escalation deadline: escalate from now on.
            if now == nil, let e = a.escalateAt, e < at { a.escalateAt = at }
            put(key, a)
            scheduleEscalation(a)
            if (was == nil) != (now == nil) {
                out.append(AlertEvent(kind: now == nil ? .unsilenced : .silenced, at: at, alert: a))
            }
        }
        return out
    }

    /// Forgets quiet periods that are over.
    mutating func prune(before t: Int64) {
        if quietUntil.isEmpty { return }
        quietUntil = quietUntil.filter { $0.value > t }
    }
}
