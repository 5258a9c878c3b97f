import SitcenAlerts
import SitcenDomain
import SitcenFeed
import SitcenRules
import SitcenText

/// A parsed JSON object, looked up by key (the last occurrence wins, as the centre appends its
/// own fields after a report's).
struct JObject {
    let members: [(String, JValue)]

    init?(_ v: JValue) {
        guard case .object(let m) = v else { return nil }
        members = m
    }

    init?(bytes: [UInt8]) {
        guard let v = try? JSONParser.parse(bytes) else { return nil }
        self.init(v)
    }

    subscript(_ key: String) -> JValue? { members.last { $0.0 == key }?.1 }

    func string(_ key: String) -> String? { if case .string(let s)? = self[key] { return s }; return nil }
    func int(_ key: String) -> Int64? { if case .number(let d, _)? = self[key], d.isFinite, abs(d) < 9e15 { return Int64(d) }; return nil }
    func double(_ key: String) -> Double? { if case .number(let d, _)? = self[key] { return d }; return nil }
    func bool(_ key: String) -> Bool? { if case .bool(let b)? = self[key] { return b }; return nil }
    func time(_ key: String) -> Timestamp? { string(key).flatMap(Timestamp.parse) }
    func array(_ key: String) -> [JValue] { if case .array(let a)? = self[key] { return a }; return [] }
    func object(_ key: String) -> JObject? { self[key].flatMap(JObject.init) }
}

/// What the centre's API sends, as the console's values. Text from the centre is treated as
/// feed text: the views pass it through the text-safety function like any other.
enum RemoteJSON {
    /// The fields the centre adds to a report's feed fields.
    static let centreKeys: Set<String> = [
        "seq", "received_at", "source", "substance_canonical", "category", "substance_known",
        "quantity_kg", "country", "sector", "superseded",
    ]

    /// A stored report as `/v1/reports`, `/v1/stream` and `/v1/alerts/{id}` send it.
    static func report(_ o: JObject) throws -> LoggedReport {
        guard let seq = o.int("seq"), seq > 0 else { throw RemoteError("a report from the centre has no sequence number") }
        // The centre's own fields are the last ones; a feed extra of the same name stays an extra.
        var feed = o.members
        for key in centreKeys {
            if let i = feed.lastIndex(where: { $0.0 == key }) { feed.remove(at: i) }
        }
        let (decoded, problems) = RecordDecoder.decode(feed, registry: nil)
        guard let r = decoded else {
            throw RemoteError("report seq \(seq) from the centre could not be read: \(problems.map(\.message).joined(separator: "; "))")
        }
        return LoggedReport(seq: seq, report: r, receivedAt: o.time("received_at") ?? r.observedAt,
                            source: o.string("source") ?? "centre", substanceCanonical: o.string("substance_canonical"),
                            category: o.string("category").flatMap(SubstanceCategory.init(rawValue:)),
                            substanceKnown: o.bool("substance_known") ?? true, quantityKg: o.double("quantity_kg"),
                            country: o.string("country") ?? "", sector: o.string("sector") ?? "",
                            superseded: o.bool("superseded") ?? false)
    }

    static func alert(_ o: JObject) throws -> AlertSummary {
        guard let id = o.int("id"), let rule = o.string("rule") else { throw RemoteError("an alert from the centre has no id or rule") }
        var labels: [Label] = []
        for (k, v) in o.object("labels")?.members ?? [] { if case .string(let s) = v { labels.append(Label(k, s)) } }
        let severity = o.string("severity").flatMap(Severity.init(rawValue:)) ?? .info
        return AlertSummary.make(
            id: id, rule: rule, fingerprint: o.string("fingerprint") ?? rule, severity: severity,
            ruleSeverity: o.string("rule_severity").flatMap(Severity.init(rawValue:)) ?? severity,
            escalated: o.bool("escalated") ?? false,
            state: o.string("state").flatMap(AlertSummary.State.init(rawValue:)) ?? .firing,
            assignee: o.string("assignee"), acknowledgedBy: o.string("acknowledged_by"), acknowledgedAt: o.time("acknowledged_at"),
            count: Int(o.int("count") ?? 0), firstAt: o.time("first_at") ?? Timestamp(millis: 0),
            lastAt: o.time("last_at") ?? Timestamp(millis: 0), silencedBy: o.string("silenced_by"), inhibitedBy: o.int("inhibited_by"), labels: labels,
            description: o.string("description") ?? "", sector: o.string("sector"), resolvedAt: o.time("resolved_at"),
            resolvedBy: o.string("resolved_by"), resolveReason: o.string("resolve_reason"),
            lastEvent: o.int("last_event") ?? 0, activityAt: o.time("activity_at"), raisedAt: o.time("raised_at"), redacted: o.bool("redacted") ?? false,
            posts: o.array("posts").compactMap { if case .string(let p) = $0 { return p } else { return nil } },
            sectors: o.array("sectors").compactMap { if case .string(let s) = $0 { return s }; return nil })
    }

    static func alerts(_ o: JObject) throws -> [AlertSummary] {
        try o.array("alerts").compactMap(JObject.init).map(alert)
    }

    /// `GET /v1/silences`.
    static func silences(_ o: JObject) throws -> [SilenceRecord] {
        try o.array("silences").compactMap(JObject.init).map { s in
            guard let id = s.string("id"), let start = s.time("starts_at"), let end = s.time("ends_at") else {
                throw RemoteError("a silence from the centre has no id or times")
            }
            let matchers = s.array("matchers").compactMap { v -> SilenceMatcher? in
                if case .string(let t) = v { return SilenceMatcher.parse(t) } else { return nil }
            }
            return SilenceRecord.make(Silence(id: id, matchers: matchers, startsAt: start, endsAt: end,
                                              author: s.string("author") ?? "?", comment: s.string("comment") ?? ""),
                                      created: s.time("created_at") ?? start)
        }
    }

    static func detail(_ o: JObject) throws -> AlertDetail {
        guard let a = o.object("alert") else { throw RemoteError("the centre's answer holds no alert") }
        let summary = try alert(a)
        let reports = try o.array("reports").compactMap(JObject.init).map(report)
        let history = o.array("history").compactMap(JObject.init).map { h in
            AlertHistoryEntry.make(id: h.int("id") ?? 0, kind: h.string("kind") ?? "?", at: h.time("at") ?? Timestamp(millis: 0),
                                   actor: h.string("actor"), severity: h.string("severity").flatMap(Severity.init(rawValue:)) ?? summary.severity,
                                   count: Int(h.int("count") ?? 0), silenced: h.bool("silenced") ?? false,
                                   reportSeq: h.int("report_seq"), details: h.string("details"))
        }
        let notes = o.array("notes").compactMap(JObject.init).map { n in
            AlertNote.make(id: n.int("id") ?? 0, at: n.time("at") ?? Timestamp(millis: 0), author: n.string("author") ?? "?", text: n.string("text") ?? "")
        }
        return AlertDetail.make(alert: summary, reports: reports, reportCount: Int(o.int("report_count") ?? Int64(reports.count)),
                                history: history, notes: notes, rule: nil)
    }

    /// `/v1/posts`: the posts the operator may see.
    static func registry(_ o: JObject) throws -> Registry {
        var posts: [Post] = []
        for case let p? in o.array("posts").map(JObject.init) {
            guard let code = p.string("code"), let lat = p.double("lat"), let lon = p.double("lon") else { continue }
            posts.append(Post(code: code, nameEn: p.string("name_en") ?? code, nameRu: p.string("name_ru") ?? "",
                              country: p.string("country") ?? "", neighbour: p.string("neighbour") ?? "",
                              kind: p.string("kind").flatMap(PostKind.init(rawValue:)) ?? .post,
                              sector: p.string("sector") ?? "", lat: lat, lon: lon))
        }
        return Registry(posts: posts)
    }

    /// `/v1/me`, or the stream's `hello`.
    static func operatorOf(_ o: JObject) throws -> Operator {
        guard let name = o.string("name"), let role = o.string("role").flatMap(Operator.Role.init(rawValue:)) else {
            throw RemoteError("the centre did not say who this token belongs to")
        }
        return Operator(name: name, role: role, sector: o.string("sector"))
    }

    /// An error answer's message (`{"error": code, "message": text}`), made safe for a terminal.
    static func errorMessage(_ bytes: [UInt8]) -> (code: String?, message: String?) {
        guard let o = JObject(bytes: bytes) else { return (nil, nil) }
        return (o.string("error"), o.string("message").map { TextSafety.terminal(String($0.prefix(300))) })
    }
}

/// What went wrong talking to the centre, in words for the operator.
public struct RemoteError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
