import Foundation
import Hummingbird
import SitcenDomain
import SitcenFeed
import SitcenKeys
import SitcenStore
import SitcenText

/// Checks `Authorization: Bearer TOKEN` and puts the operator into the context.
struct OperatorAuthMiddleware: RouterMiddleware {
    typealias Context = SitcenContext
    let keys: KeyRing

    func handle(_ request: Request, context: SitcenContext,
                next: (Request, SitcenContext) async throws -> Response) async throws -> Response {
        guard let auth = request.headers[.authorization], auth.lowercased().hasPrefix("bearer ") else {
            return Answer.error(.unauthorized, "missing_token", "send Authorization: Bearer TOKEN (from sitcen keys add-operator)",
                                headers: [.wwwAuthenticate: "Bearer"])
        }
        let token = String(auth.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        let op: OperatorEntry
        switch keys.current.lookup(token: token) {
        case .valid(let entry):
            op = entry
        case .expired(let entry):
            return Answer.error(.unauthorized, "token_expired",
                                "the token of \(entry.name) expired at \(entry.expiresAtText ?? "?"); ask the centre for a new one (sitcen keys add-operator)",
                                headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\", error_description=\"token expired\""])
        case .unknown:
            return Answer.error(.unauthorized, "bad_token", "the token is not valid (revoked, or mistyped)",
                                headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
        }
        var ctx = context
        ctx.operatorEntry = op
        ctx.operatorToken = token
        return try await next(request, ctx)
    }
}

/// Routes that a later part of the centre adds under `/v1`, behind the operators' tokens
/// (alerts, silences, the remote console). `context.operatorEntry` is set for them;
/// `CentreContext.operator(_:)` gives the `Operator` (what they may see and do).
public protocol OperatorRoutes: Sendable {
    func addRoutes(to api: RouterGroup<SitcenContext>, centre: CentreContext)
}

/// What routes can use: the store, the registry, the metrics, the log.
public struct CentreContext: Sendable {
    public let store: SQLiteStore
    public let registry: Registry
    public let metrics: ServerMetrics
    public let config: ServerConfig
    /// The keys in force (streams look at their token again while they run).
    public let keys: KeyRing

    /// Who asks: the operator whose bearer token the request carries.
    public func `operator`(_ context: SitcenContext) -> Operator? {
        context.operatorEntry?.operator
    }
}

/// `GET /v1/reports`, `GET /v1/posts`, `GET /v1/me`.
struct ReadRoutes: OperatorRoutes {
    func addRoutes(to api: RouterGroup<SitcenContext>, centre: CentreContext) {
        api.get("/me") { _, context in
            guard let s = centre.operator(context) else { return Answer.error(.unauthorized, "missing_token", "no operator") }
            var m: [(String, JSONValue)] = [("name", .string(s.name)), ("role", .string(s.role.rawValue))]
            if let sector = s.sector { m.append(("sector", .string(sector))) }
            return Answer.json(.ok, .object(m))
        }
        api.get("/reports") { request, context in
            guard let s = centre.operator(context) else { return Answer.error(.unauthorized, "missing_token", "no operator") }
            let q = request.uri.queryParameters
            let since = q.get("since").map { Int64($0) } ?? 0
            let limit = q.get("limit").map { Int($0) } ?? centre.config.defaultPageSize
            guard let since, since >= 0 else { return Answer.error(.badRequest, "bad_query", "since must be a sequence number (0 or more)") }
            guard let limit, limit >= 1, limit <= centre.config.maxPageSize else {
                return Answer.error(.badRequest, "bad_query", "limit must be 1 to \(centre.config.maxPageSize)")
            }
            var query = ReportQuery(afterSeq: since, limit: limit, newestFirst: false)
            if let sector = q.get("sector") {
                guard s.scope.allows(sector: sector) else { return forbidden(s, "sector \(sector)") }
                query.sector = sector
            }
            if let post = q.get("post") {
                guard s.scope.allows(post: post, in: centre.registry) else { return forbidden(s, "post \(post)") }
                query.post = post
            }
            if let own = s.scope.sectorFilter { query.sector = own }   // a blo sees its own sector only, whatever else
            let reports: [LoggedReport]
            do { reports = try centre.store.reports(query) } catch {
                return Answer.error(.serviceUnavailable, "store_unavailable", "the store cannot be read now: \(error)")
            }
            return Answer.json(.ok, .object([
                ("reports", .array(reports.map(ReportJSON.object))),
                ("next_since", .int(reports.last?.seq ?? since)),
                ("more", .bool(reports.count == limit)),
            ]))
        }
        api.get("/posts") { request, context in
            guard let s = centre.operator(context) else { return Answer.error(.unauthorized, "missing_token", "no operator") }
            var sector = s.scope.sectorFilter
            if let asked = request.uri.queryParameters.get("sector") {
                guard s.scope.allows(sector: asked) else { return forbidden(s, "sector \(asked)") }
                sector = asked
            }
            let statuses: [String: PostStatus]
            do { statuses = Dictionary(try centre.store.postStatus().map { ($0.post, $0) }, uniquingKeysWith: { a, _ in a }) } catch {
                return Answer.error(.serviceUnavailable, "store_unavailable", "the store cannot be read now: \(error)")
            }
            let now = Timestamp.now()
            let posts = centre.registry.posts.filter { sector == nil || $0.sector == sector }.map { p -> JSONValue in
                var m: [(String, JSONValue)] = [
                    ("code", .string(p.code)), ("name_en", .string(p.nameEn)), ("name_ru", .string(p.nameRu)),
                    ("country", .string(p.country)), ("neighbour", .string(p.neighbour)), ("kind", .string(p.kind.rawValue)),
                    ("sector", .string(p.sector)), ("lat", .double(p.lat)), ("lon", .double(p.lon)),
                ]
                if let st = statuses[p.code] {
                    m.append(("last_seq", .int(st.lastSeq)))
                    m.append(("last_received_at", .string(st.lastReceived.rfc3339())))
                    m.append(("last_observed_at", .string(st.lastObserved.rfc3339())))
                    m.append(("reports", .int(Int64(st.reports))))
                    m.append(("age_seconds", .int((now.millis - st.lastReceived.millis) / 1000)))
                }
                return .object(m)
            }
            return Answer.json(.ok, .object([("posts", .array(posts))]))
        }
    }

    private func forbidden(_ s: Operator, _ what: String) -> Response {
        Answer.forbidden(s, "see \(what)")
    }
}
