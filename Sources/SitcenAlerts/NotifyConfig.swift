import Foundation
import GRDB
import SitcenDomain
import SitcenRules
import SitcenText
import Yams

/// Where notifications go (Alertmanager's shape): receivers, and routes that pick receivers by
/// the alert's labels. Read from a YAML file of its own (`receivers.yaml`), kept beside the rules
/// folder rather than in it (every `.yaml` in the rules folder is a rule file):
///
/// ```yaml
/// receivers:
///   - name: duty-log
///     command: ["/bin/sh", "-c", "cat >> /var/log/sitcen/alerts.jsonl"]   # the alert JSON on stdin
///   - name: intel
///     webhook: http://10.0.0.5:9000/sitcen      # POST, Content-Type: application/json
///     send_resolved: true
///     max_per_minute: 20      # rate limit (default 30)
///     retries: 5              # after the first attempt (default 4); backoff 2 s, 4 s, 8 s… up to 5 min
///     timeout: 10s            # per attempt (default 10s)
/// routes:                     # in order; the first that matches takes the alert, unless `continue: true`
///   - receiver: intel
///     matchers: ["team=drug-intel"]
///     continue: true
///   - receiver: duty-log
///     matchers: ["severity=~high|critical"]
/// ```
public struct NotifyConfig: Sendable {
    public struct Receiver: Sendable {
        public enum Target: Sendable { case command([String]), webhook(URL) }
        public var name: String
        public var target: Target
        public var sendResolved = false
        public var maxPerMinute = 30
        public var retries = 4
        public var timeout: Double = 10
    }
    public struct Route: Sendable {
        public var receiver: String
        public var matchers: [SilenceMatcher]
        public var continues: Bool
    }
    public var receivers: [Receiver]
    public var routes: [Route]

    public init(receivers: [Receiver], routes: [Route]) { self.receivers = receivers; self.routes = routes }

    public static func load(path: String) throws -> NotifyConfig {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw AlertError("cannot read \(path)") }
        return try parse(yaml: text, file: path)
    }

    /// Parses the file; every problem is reported as `file: key: message`.
    public static func parse(yaml: String, file: String) throws -> NotifyConfig {
        let root: Any?
        do { root = try Yams.load(yaml: yaml) } catch { throw AlertError("\(file): not valid YAML: \(error)") }
        guard let top = root as? [String: Any] else { throw AlertError("\(file): must hold `receivers:` and `routes:`") }
        var errors: [String] = []
        for k in top.keys where k != "receivers" && k != "routes" { errors.append("\(file): \(k): unknown key (receivers, routes)") }
        var receivers: [Receiver] = []
        for (i, item) in ((top["receivers"] as? [Any]) ?? []).enumerated() {
            let at = "\(file): receivers[\(i)]"
            guard let m = item as? [String: Any], let name = m["name"] as? String, !name.isEmpty else {
                errors.append("\(at): needs a name"); continue
            }
            for k in m.keys where !["name", "command", "webhook", "send_resolved", "max_per_minute", "retries", "timeout"].contains(k) {
                errors.append("\(at).\(k): unknown key")
            }
            var target: Receiver.Target?
            if let argv = m["command"] as? [Any] {
                let words = argv.map { "\($0)" }
                if words.isEmpty { errors.append("\(at).command: give the program and its arguments as a list") } else { target = .command(words) }
            } else if let w = m["webhook"] as? String {
                if let url = URL(string: w), url.scheme == "http" || url.scheme == "https", url.host != nil { target = .webhook(url) }
                else { errors.append("\(at).webhook: `\(w)` is not an http(s) URL") }
            }
            guard let target else {
                if m["command"] == nil && m["webhook"] == nil { errors.append("\(at): needs `command: [argv]` or `webhook: URL`") }
                continue
            }
            var r = Receiver(name: name, target: target)
            if let b = m["send_resolved"] as? Bool { r.sendResolved = b }
            if let n = m["max_per_minute"] as? Int { r.maxPerMinute = max(1, n) }
            if let n = m["retries"] as? Int { r.retries = max(0, n) }
            if let t = m["timeout"] {
                if let s = DurationText.seconds("\(t)") { r.timeout = Double(max(1, s)) } else { errors.append("\(at).timeout: not a duration") }
            }
            if receivers.contains(where: { $0.name == name }) { errors.append("\(at): the name \(name) is used twice") }
            receivers.append(r)
        }
        var routes: [Route] = []
        for (i, item) in ((top["routes"] as? [Any]) ?? []).enumerated() {
            let at = "\(file): routes[\(i)]"
            guard let m = item as? [String: Any], let rc = m["receiver"] as? String else { errors.append("\(at): needs a receiver"); continue }
            if !receivers.contains(where: { $0.name == rc }) { errors.append("\(at).receiver: no receiver named \(rc)") }
            var matchers: [SilenceMatcher] = []
            for t in (m["matchers"] as? [Any]) ?? [] {
                if let x = SilenceMatcher.parse("\(t)") { matchers.append(x) } else { errors.append("\(at).matchers: `\(t)` is not a matcher (label=value, label=~regex, !=, !~)") }
            }
            routes.append(Route(receiver: rc, matchers: matchers, continues: (m["continue"] as? Bool) ?? false))
        }
        if !errors.isEmpty { throw AlertError(errors.joined(separator: "\n")) }
        return NotifyConfig(receivers: receivers, routes: routes)
    }

    public func receiver(_ name: String) -> Receiver? { receivers.first { $0.name == name } }
}

/// The routing part of the configuration, used when events are written.
public struct NotifyRoutes: Sendable {
    public let config: NotifyConfig
    public init(_ config: NotifyConfig) { self.config = config }

    static func notifies(_ kind: AlertEvent.Kind) -> Bool { kind == .opened || kind == .escalated || kind == .resolved }

    /// The receivers an event of `alert` goes to.
    func receivers(for alert: Alert, kind: AlertEvent.Kind) -> [String] {
        let labels = alert.labelMap
        var out: [String] = []
        for r in config.routes where r.matchers.allSatisfy({ $0.matches(labels) }) {
            if kind == .resolved && config.receiver(r.receiver)?.sendResolved != true {
                if !r.continues { break } else { continue }
            }
            if !out.contains(r.receiver) { out.append(r.receiver) }
            if !r.continues { break }
        }
        return out
    }
}

/// The notification jobs, queued in the same transaction as the events that caused them.
enum NotifyQueue {
    static func enqueue(_ db: Database, receiver: String, alert: Alert, kind: AlertEvent.Kind, at: Timestamp, now: Timestamp) throws {
        let payload = AlertJSON.notification(alert, kind: kind, at: at).serialized()
        try db.execute(sql: """
            INSERT INTO notify_queue(receiver, alert_id, kind, payload, next_ms, created_ms) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [receiver, alert.id, kind.rawValue, payload, now.millis, now.millis])
    }
}

/// Alerts as JSON, for the CLI, notifications and the HTTP API alike.
public enum AlertJSON {
    public static func notification(_ a: Alert, kind: AlertEvent.Kind, at: Timestamp) -> JSONValue {
        var alert: [(String, JSONValue)] = [
            ("id", .int(a.id)), ("rule", .string(a.rule)), ("fingerprint", .string(a.fingerprint)),
            ("severity", .string(a.severity.rawValue)), ("escalated", .bool(a.escalated)),
            ("description", .string(a.description)), ("count", .int(Int64(a.count))),
            ("first_at", .string(a.openedAt.rfc3339())), ("last_at", .string(a.lastAt.rfc3339())),
            ("labels", .object(a.labels.map { ($0.name, .string($0.value)) })),
        ]
        if let r = a.reports.first { alert.append(("first_report", .object([("post", .string(r.post)), ("id", .string(r.id))]))) }
        if let r = a.resolvedAt { alert.append(("resolved_at", .string(r.rfc3339()))) }
        return .object([("event", .string(kind.rawValue)), ("at", .string(at.rfc3339())), ("alert", .object(alert))])
    }

    public static func summary(_ s: AlertSummary) -> JSONValue {
        var m: [(String, JSONValue)] = [
            ("id", .int(s.id)), ("rule", .string(s.rule)), ("fingerprint", .string(s.fingerprint)),
            ("severity", .string(s.severity.rawValue)), ("escalated", .bool(s.escalated)), ("state", .string(s.state.rawValue)),
            ("count", .int(Int64(s.count))), ("first_at", .string(s.firstAt.rfc3339())), ("last_at", .string(s.lastAt.rfc3339())),
            ("description", .string(s.description)), ("labels", .object(s.labels.map { ($0.name, .string($0.value)) })),
        ]
        func opt(_ k: String, _ v: String?) { if let v { m.append((k, .string(v))) } }
        opt("assignee", s.assignee); opt("acknowledged_by", s.acknowledgedBy); opt("acknowledged_at", s.acknowledgedAt?.rfc3339())
        opt("silenced_by", s.silencedBy); opt("sector", s.sector)
        if let by = s.inhibitedBy { m.append(("inhibited_by", .int(by))) }; opt("resolved_at", s.resolvedAt?.rfc3339())
        opt("resolved_by", s.resolvedBy); opt("resolve_reason", s.resolveReason)
        if s.redacted { m.append(("redacted", .bool(true))) }
        m.append(("sectors", .array(s.sectors.map { .string($0) })))
        m.append(("rule_severity", .string(s.ruleSeverity.rawValue)))
        m.append(("last_event", .int(s.lastEvent)))
        m.append(("activity_at", .string(s.activityAt.rfc3339())))
        m.append(("raised_at", .string(s.raisedAt.rfc3339())))
        if !s.posts.isEmpty { m.append(("posts", .array(s.posts.map { .string($0) }))) }
        return .object(m)
    }
}
