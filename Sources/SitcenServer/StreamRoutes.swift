import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle
import SitcenAlerts
import SitcenDomain
import SitcenFeed
import SitcenKeys
import SitcenReports
import SitcenStore
import SitcenText

/// What remote consoles use beyond the read API: `GET /v1/stream`, a Server-Sent Events stream
/// of new reports and alert changes since a sequence number, scoped by the server to the
/// token's role and sector, and ended within a second or two when the token is revoked.
///
/// Events: `hello` (who the token is, the log's head), `report` (one report; its `id:` is its
/// sequence number, so a reconnect with `Last-Event-ID` resumes after it), `alerts` (the open
/// queue as the operator sees it, sent at connect and whenever it changes), `status` (a
/// heartbeat every `heartbeat` seconds), `token` (the token was revoked or expired: the stream
/// ends).
public struct StreamRoutes: OperatorRoutes {
    public let alerts: AlertStore?
    /// How often a stream looks at the log for new rows.
    public var pollMilliseconds: Int
    public var heartbeatSeconds: Double

    public init(alerts: AlertStore?, pollMilliseconds: Int = 50, heartbeatSeconds: Double = 2) {
        self.alerts = alerts
        self.pollMilliseconds = pollMilliseconds; self.heartbeatSeconds = heartbeatSeconds
    }

    public func addRoutes(to api: RouterGroup<SitcenContext>, centre: CentreContext) {
        let routes = self
        api.get("/stream") { request, context in
            guard let who = centre.operator(context) else { return Answer.error(.unauthorized, "missing_token", "no operator") }
            let q = request.uri.queryParameters
            var since: Int64 = 0
            if let raw = request.headers[HTTPField.Name("Last-Event-ID")!] ?? q.get("since") {
                guard let n = Int64(raw.trimmingCharacters(in: .whitespaces)), n >= 0 else {
                    return Answer.error(.badRequest, "bad_query", "since (or Last-Event-ID) must be a sequence number (0 or more)")
                }
                since = n
            }
            var history: Int64? = nil
            if let h = q.get("history") {
                guard let s = DurationText.seconds(h), s > 0 else { return Answer.error(.badRequest, "bad_query", "history takes a duration such as 30d") }
                history = s
            }
            if let asked = q.get("sector"), !who.scope.allows(sector: asked) {
                return Answer.forbidden(who, "see sector \(asked)")
            }
            let token = context.operatorToken ?? ""
            let stream = EventStream(centre: centre, routes: routes, who: who, token: token,
                                     since: since, history: history, sector: q.get("sector"))
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream; charset=utf-8"
            headers[.cacheControl] = "no-cache"
            headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                try await stream.run(&writer)
                try await writer.finish(nil)
            })
        }
        api.get("/report/shift") { request, context in
            guard let who = centre.operator(context) else { return Answer.error(.unauthorized, "missing_token", "no operator") }
            return routes.shiftReport(request, who: who, centre: centre)
        }
    }

}

/// One open stream: catches up from `since`, then follows the log and the alert queue.
struct EventStream: Sendable {
    let centre: CentreContext
    let routes: StreamRoutes
    let who: Operator
    let token: String
    let since: Int64
    let history: Int64?
    let sector: String?

    static let page = 500

    func run(_ writer: inout any ResponseBodyWriter) async throws {
        let store = centre.store
        var out = "retry: 2000\n\n"
        let head = (try? store.lastSeq()) ?? 0
        var hello: [(String, JSONValue)] = [("name", .string(who.name)), ("role", .string(who.role.rawValue))]
        if let s = who.sector { hello.append(("sector", .string(s))) }
        hello.append(("head", .int(head)))
        hello.append(("since", .int(since)))
        // What the row at `since` is here, so the client can tell that its cache is a copy of
        // this log (and not of a log since restored from a backup, or of another centre).
        if since > 0 { hello.append(("since_hash", (try? store.contentHashHex(seq: since)).flatMap { $0.map(JSONValue.string) } ?? .null)) }
        out += Self.event("hello", .object(hello))
        try await writer.write(ByteBuffer(string: out))
        centre.metrics.streamOpened()
        defer { centre.metrics.streamClosed() }

        var scanned = since
        // The first catch-up of an empty cache may be limited to recent history; after that,
        // every row counts (a late report is still new to the console).
        var observedSince = history.map { Timestamp.now().adding(seconds: -$0) }
        // The queue as last sent, by alert id: after the first full `alerts` event, only the
        // alerts that changed (`alert`) or left the queue (`alert_gone`) go on the link.
        var alertsSent: [Int64: String]? = nil
        var alertsToken: AlertsVersion? = nil
        var lastBeat = DispatchTime.now().uptimeNanoseconds
        let beatNanos = UInt64(routes.heartbeatSeconds * 1e9)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            // The token is looked at again on every turn (the keys file is re-read at most once
            // a second): a revocation ends the stream within about a second.
            if let ended = tokenProblem() {
                try await writer.write(ByteBuffer(string: Self.event("token", ended)))
                return
            }
            var chunk = ""
            // New rows, in order, as the operator may see them.
            let newest = (try? store.lastSeq()) ?? scanned
            while newest > scanned {
                var q = ReportQuery(observedSince: observedSince, sector: who.scope.sectorFilter ?? sector, afterSeq: scanned,
                                    includeSuperseded: true, limit: Self.page, newestFirst: false)
                q.beforeSeq = newest + 1
                guard let rows = try? store.reports(q) else { break }
                for l in rows { chunk += Self.report(l) }
                if rows.count < Self.page { scanned = newest } else { scanned = rows.last!.seq }
                if chunk.utf8.count > 256 * 1024 {
                    try await writer.write(ByteBuffer(string: chunk)); chunk = ""
                }
            }
            if scanned >= head { observedSince = nil }
            // The alert queue, when it changed as this operator sees it.
            if let a = routes.alerts, let t = try? a.storeVersion(), t != alertsToken {
                alertsToken = t
                if let list = try? AlertService(a).list(for: who) {
                    let now = Dictionary(list.map { ($0.id, AlertJSON.summary($0).serialized()) }, uniquingKeysWith: { x, _ in x })
                    if let sent = alertsSent {
                        for s in list where sent[s.id] != now[s.id] { chunk += "event: alert\ndata: \(now[s.id]!)\n\n" }
                        for id in sent.keys.sorted() where now[id] == nil { chunk += "event: alert_gone\ndata: {\"id\":\(id)}\n\n" }
                    } else {
                        chunk += "event: alerts\ndata: {\"alerts\":[\(list.map { now[$0.id]! }.joined(separator: ","))]}\n\n"
                    }
                    alertsSent = now
                }
            }
            let now = DispatchTime.now().uptimeNanoseconds
            if now &- lastBeat >= beatNanos {
                lastBeat = now
                var status: [(String, JSONValue)] = [("at", .string(Timestamp.now().rfc3339())), ("head", .int(scanned))]
                if who.may(.seeQuarantine), let pending = try? store.quarantinePending() { status.append(("quarantine_pending", .int(Int64(pending)))) }
                chunk += Self.event("status", .object(status))
            }
            if !chunk.isEmpty { try await writer.write(ByteBuffer(string: chunk)) }
            try? await Task.sleep(nanoseconds: UInt64(routes.pollMilliseconds) * 1_000_000)
        }
    }

    /// Why the stream must end for its token, or nil while it is good.
    private func tokenProblem() -> JSONValue? {
        switch centre.keys.current.lookup(token: token) {
        case .valid(let entry) where entry.operator == who:
            return nil
        case .expired(let entry):
            return .object([("error", .string("token_expired")),
                            ("message", .string("the token of \(entry.name) expired; ask the centre for a new one"))])
        default:
            return .object([("error", .string("bad_token")),
                            ("message", .string("the centre no longer accepts this token (revoked or changed); ask the centre for a new one"))])
        }
    }

    static func event(_ name: String, _ data: JSONValue) -> String {
        "event: \(name)\ndata: \(data.serialized())\n\n"
    }

    static func report(_ l: LoggedReport) -> String {
        "id: \(l.seq)\nevent: report\ndata: \(ReportJSON.object(l).serialized())\n\n"
    }
}

extension StreamRoutes {
    /// `GET /v1/report/shift?since=12h&format=txt|md|json&offset=SECONDS`: the shift SITREP,
    /// scoped like the operator (a blo officer's covers their sector only).
    func shiftReport(_ request: Request, who: Operator, centre: CentreContext) -> Response {
        let q = request.uri.queryParameters
        guard let seconds = DurationText.seconds(q.get("since") ?? "12h"), seconds > 0 else {
            return Answer.error(.badRequest, "bad_query", "since takes a duration such as 12h")
        }
        guard let offset = Int32(q.get("offset") ?? "0"), abs(offset) <= 14 * 3600 else {
            return Answer.error(.badRequest, "bad_query", "offset is the reader's UTC offset in seconds (-50400 to 50400)")
        }
        let format = q.get("format") ?? "txt"
        guard ["txt", "md", "json"].contains(format) else { return Answer.error(.badRequest, "bad_query", "format is txt, md or json") }
        do {
            let report = try ShiftReport.build(store: centre.store, registry: centre.registry, alerts: alerts,
                                               officer: who, to: .now(), seconds: seconds, offset: offset)
            if format == "json" {
                return Response(status: .ok, headers: [.contentType: "application/json"],
                                body: .init(byteBuffer: ByteBuffer(string: report.json.serialized() + "\n")))
            }
            return Response(status: .ok, headers: [.contentType: format == "md" ? "text/markdown; charset=utf-8" : "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: report.render(markdown: format == "md"))))
        } catch {
            return Answer.error(.serviceUnavailable, "store_unavailable", "the store cannot be read now: \(error)")
        }
    }
}
