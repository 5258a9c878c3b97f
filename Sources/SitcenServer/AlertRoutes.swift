import Foundation
import Hummingbird
import SitcenAlerts
import SitcenDomain
import SitcenFeed
import SitcenKeys
import SitcenRules
import SitcenText

/// The operators' alert API: the queue, one alert, ack, assign (or take), resolve, notes, and
/// silences. Who may do what is the roles table of the HTTP interface, enforced by
/// `AlertService` (a blo operator sees and acts on alerts of its own sector only).
public struct AlertRoutes: OperatorRoutes {
    public let alerts: AlertStore

    public init(alerts: AlertStore) { self.alerts = alerts }

    /// Errors as answers: a role that may not do it is 403, an alert it may not see or that
    /// does not exist is 404, anything else the operator asked wrongly is 400.
    static func answer(_ error: Error) -> Response {
        switch error {
        case let e as PermissionDenied: return Answer.error(.forbidden, "forbidden", e.description)
        case let e as AlreadyHandled: return Answer.error(.conflict, "already_handled", e.description)
        case let e as AlertError:
            let m = e.message.lowercased()
            if m.contains("no alert") || m.contains("not found") || m.contains("may not see") {
                return Answer.error(.notFound, "not_found", e.message)
            }
            return Answer.error(.badRequest, "bad_request", e.message)
        default: return Answer.error(.serviceUnavailable, "store_unavailable", "\(error)")
        }
    }

    /// A small JSON body (at most 64 KiB) as an object.
    static func body(_ request: Request) async throws -> [(String, JValue)] {
        var bytes: [UInt8] = []
        for try await chunk in request.body {
            bytes += chunk.readableBytesView
            if bytes.count > 65_536 { throw AlertError("the body is larger than 64 KiB") }
        }
        if bytes.isEmpty { return [] }
        guard UTF8Check.firstInvalid(bytes.withUnsafeBufferPointer { $0 }) == nil,
              case .object(let m)? = try? JSONParser.parse(bytes) else { throw AlertError("the body must be a JSON object") }
        return m
    }

    static func string(_ m: [(String, JValue)], _ key: String) -> String? {
        for (k, v) in m where k == key { if case .string(let s) = v { return s } }
        return nil
    }

    public func addRoutes(to api: RouterGroup<SitcenContext>, centre: CentreContext) {
        let alerts = self.alerts
        @Sendable func who(_ context: SitcenContext) -> Operator? { centre.operator(context) }
        @Sendable func id(_ context: SitcenContext) -> Int64? { context.parameters.get("id").flatMap { Int64($0) } }
        @Sendable func noToken() -> Response { Answer.error(.unauthorized, "missing_token", "no operator") }

        api.get("/alerts") { request, context in
            guard let o = who(context) else { return noToken() }
            let raw = request.uri.queryParameters.get("state") ?? "open"
            guard let state = AlertStateFilter(rawValue: raw) else {
                return Answer.error(.badRequest, "bad_query", "state must be one of \(AlertStateFilter.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            do {
                let list = try AlertService(alerts).list(for: o, state: state, includeSilenced: request.uri.queryParameters.get("silenced") == "true")
                return Answer.json(.ok, .object([("alerts", .array(list.map(AlertJSON.summary)))]))
            } catch { return AlertRoutes.answer(error) }
        }
        api.get("/alerts/:id") { _, context in
            guard let o = who(context) else { return noToken() }
            guard let id = id(context) else { return Answer.error(.badRequest, "bad_id", "an alert id is a number") }
            do {
                let d = try AlertService(alerts).show(id, for: o)
                return Answer.json(.ok, .object([
                    ("alert", AlertJSON.summary(d.alert)),
                    ("reports", .array(d.reports.map(ReportJSON.object))),
                    ("report_count", .int(Int64(d.reportCount))),
                    ("notes", .array(d.notes.map { .object([("id", .int($0.id)), ("at", .string($0.at.rfc3339())), ("author", .string($0.author)), ("text", .string($0.text))]) })),
                    ("history", .array(d.history.map(AlertRoutes.historyJSON))),
                ]))
            } catch { return AlertRoutes.answer(error) }
        }
        api.post("/alerts/:id/ack") { _, context in
            guard let o = who(context) else { return noToken() }
            guard let id = id(context) else { return Answer.error(.badRequest, "bad_id", "an alert id is a number") }
            do { return Answer.json(.ok, AlertJSON.summary(try AlertService(alerts).acknowledge(id, by: o))) } catch { return AlertRoutes.answer(error) }
        }
        api.post("/alerts/:id/assign") { request, context in
            guard let o = who(context) else { return noToken() }
            guard let id = id(context) else { return Answer.error(.badRequest, "bad_id", "an alert id is a number") }
            do {
                let m = try await AlertRoutes.body(request)
                let service = AlertService(alerts)
                // {"assignee": "name"}; without one, the operator takes it.
                let s = try AlertRoutes.string(m, "assignee").map { try service.assign(id, to: $0, by: o) } ?? service.take(id, by: o)
                return Answer.json(.ok, AlertJSON.summary(s))
            } catch { return AlertRoutes.answer(error) }
        }
        api.post("/alerts/:id/resolve") { request, context in
            guard let o = who(context) else { return noToken() }
            guard let id = id(context) else { return Answer.error(.badRequest, "bad_id", "an alert id is a number") }
            do {
                let m = try await AlertRoutes.body(request)
                guard let raw = AlertRoutes.string(m, "reason"), let reason = ResolveReason(rawValue: raw) else {
                    return Answer.error(.badRequest, "bad_request", "a resolve needs a reason: \(ResolveReason.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return Answer.json(.ok, AlertJSON.summary(try AlertService(alerts).resolve(id, reason: reason, note: AlertRoutes.string(m, "note"), by: o)))
            } catch { return AlertRoutes.answer(error) }
        }
        api.post("/alerts/:id/notes") { request, context in
            guard let o = who(context) else { return noToken() }
            guard let id = id(context) else { return Answer.error(.badRequest, "bad_id", "an alert id is a number") }
            do {
                let m = try await AlertRoutes.body(request)
                guard let text = AlertRoutes.string(m, "text"), !text.trimmingSpaces().isEmpty else {
                    return Answer.error(.badRequest, "bad_request", "a note needs its \"text\"")
                }
                let n = try AlertService(alerts).note(id, text: text, by: o)
                return Answer.json(.ok, .object([("id", .int(n.id)), ("author", .string(n.author)), ("text", .string(n.text))]))
            } catch { return AlertRoutes.answer(error) }
        }
        api.get("/silences") { _, context in
            guard who(context) != nil else { return noToken() }
            do {
                let list = try AlertService(alerts).silences()
                return Answer.json(.ok, .object([("silences", .array(list.map(AlertRoutes.silenceJSON)))]))
            } catch { return AlertRoutes.answer(error) }
        }
        api.post("/silences") { request, context in
            guard let o = who(context) else { return noToken() }
            do {
                let m = try await AlertRoutes.body(request)
                var matchers: [SilenceMatcher] = []
                for (k, v) in m where k == "matchers" {
                    if case .array(let items) = v {
                        for case .string(let s) in items {
                            guard let matcher = SilenceMatcher.parse(s) else { return Answer.error(.badRequest, "bad_request", "a matcher looks like rule=heroin-large or post=~KZ-.*") }
                            matchers.append(matcher)
                        }
                    }
                }
                guard !matchers.isEmpty else { return Answer.error(.badRequest, "bad_request", "a silence needs \"matchers\"") }
                guard let d = AlertRoutes.string(m, "duration").flatMap(DurationText.seconds), d > 0 else {
                    return Answer.error(.badRequest, "bad_request", "a silence needs a \"duration\" such as 2h")
                }
                let comment = AlertRoutes.string(m, "comment") ?? ""
                let s = try AlertService(alerts).silence(matchers, duration: d, comment: comment, by: o)
                return Answer.json(.ok, AlertRoutes.silenceJSON(s))
            } catch { return AlertRoutes.answer(error) }
        }
        // Ends a silence now: a supervisor any, a duty officer their own.
        api.post("/silences/:id/expire") { _, context in
            guard let o = who(context) else { return noToken() }
            guard let id = context.parameters.get("id"), !id.isEmpty else { return Answer.error(.badRequest, "bad_request", "which silence?") }
            do {
                let s = try AlertService(alerts).expireSilence(id, by: o)
                return Answer.json(.ok, AlertRoutes.silenceJSON(s))
            } catch { return AlertRoutes.answer(error) }
        }
    }

    static func historyJSON(_ h: AlertHistoryEntry) -> JSONValue {
        var m: [(String, JSONValue)] = [
            ("id", .int(h.id)), ("at", .string(h.at.rfc3339())), ("kind", .string(h.kind)), ("actor", h.actor.map { .string($0) } ?? .null),
            ("severity", .string(h.severity.rawValue)), ("count", .int(Int64(h.count))), ("silenced", .bool(h.silenced)),
        ]
        if let seq = h.reportSeq { m.append(("report_seq", .int(seq))) }
        if let d = h.details { m.append(("details", .string(d))) }
        return .object(m)
    }

    static func silenceJSON(_ s: SilenceRecord) -> JSONValue {
        .object([("id", .string(s.silence.id)), ("matchers", .array(s.silence.matchers.map { .string($0.description) })),
                 ("starts_at", .string(s.silence.startsAt.rfc3339())), ("ends_at", .string(s.silence.endsAt.rfc3339())),
                 ("author", .string(s.silence.author)), ("comment", .string(s.silence.comment)),
                 ("created_at", .string(s.created.rfc3339())),
                 ("state", .string(s.state(at: .now()).rawValue))])
    }
}
