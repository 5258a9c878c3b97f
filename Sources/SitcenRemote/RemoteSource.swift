import SitcenLocalSource
import SitcenConsoleData
import Crypto
import Foundation
import SitcenAlerts
import SitcenDomain
import SitcenFeed
import SitcenQuality
import SitcenStore
import SitcenText

/// The console's data from a centre's operators' API: the same `ConsoleSource` as the local
/// store, so the views do not know which they draw from.
///
/// Reads come from a local cache (a SQLite store of the same schema) that the event stream keeps
/// up to date; the queries of every view run on it, so the console stays useful when the link
/// drops and starts from it when the centre cannot be reached. What the centre sends is already
/// scoped to the token's role and sector: the cache never holds anything else. Alert details,
/// triage actions and the SITREP go to the centre and need the link: without it they say so.
public final class RemoteSource: ConsoleSource, @unchecked Sendable {
    public let label: String
    public let registry: Registry
    /// Who the centre says the token belongs to.
    public let op: Operator
    public let cache: SQLiteStore
    public let client: CentreClient
    public let follower: StreamFollower
    private let local: LocalStoreSource
    private let details = NSCache<NSNumber, DetailBox>()

    public struct Options: Sendable {
        public var url: String
        public var token: String
        public var caFile: String?
        /// The cache file; nil: under `$XDG_CACHE_HOME/sitcen/`, one per centre and token.
        public var cachePath: String?
        /// How far back an empty cache's first catch-up goes (`90d`; nil: everything).
        public var history: String? = "90d"
        /// How long the first contact may take before the console starts from its cache.
        public var connectTimeout: Double = 10

        public init(url: String, token: String, caFile: String? = nil, cachePath: String? = nil) {
            self.url = url; self.token = token; self.caFile = caFile; self.cachePath = cachePath
        }
    }

    /// Opens the cache and asks the centre who the token is and which posts it may see. When the
    /// centre cannot be reached, starts from what the cache holds (link down); with no cache
    /// either, there is nothing to show, and the error says so.
    public static func open(_ o: Options) throws -> RemoteSource {
        let client = try CentreClient(url: o.url, token: o.token, caFile: o.caFile)
        let path = o.cachePath ?? defaultCachePath(url: client.baseURL, token: o.token)
        let cache: SQLiteStore
        do { cache = try SQLiteStore(path: path) } catch {
            client.shutdown()
            throw RemoteError("cannot open the console's cache at \(path): \(error); pass --cache FILE")
        }
        var link = LinkStatus.connected
        var me: [UInt8]? = nil, posts: [UInt8]? = nil
        do {
            me = try client.ok(.GET, "/v1/me", timeout: o.connectTimeout)
            posts = try client.ok(.GET, "/v1/posts", timeout: o.connectTimeout)
            try cache.setMetaValues(["remote_me": String(decoding: me!, as: UTF8.self), "remote_posts": String(decoding: posts!, as: UTF8.self),
                                     "remote_server": client.baseURL, "remote_last_contact": String(Timestamp.now().millis)])
        } catch let e as RemoteError {
            let refused = e.message.contains("token")
            let since = (try? cache.metaValue("remote_last_contact")).flatMap { $0.flatMap { Int64($0) } }.map { Timestamp(millis: $0) }
            link = LinkStatus(up: false, downSince: since ?? .now(), reason: refused ? nil : e.message, tokenRefused: refused ? e.message : nil)
            me = (try? cache.metaValue("remote_me")).flatMap { $0.map { Array($0.utf8) } }
            posts = (try? cache.metaValue("remote_posts")).flatMap { $0.map { Array($0.utf8) } }
            guard me != nil, posts != nil else {
                client.shutdown()
                throw RemoteError("\(e.message); and there is no cache of this centre at \(path) yet to start from")
            }
        }
        guard let meObject = me.flatMap(JObject.init(bytes:)), let postsObject = posts.flatMap(JObject.init(bytes:)) else {
            client.shutdown()
            throw RemoteError("the centre's answers to /v1/me and /v1/posts could not be read")
        }
        let op = try RemoteJSON.operatorOf(meObject)
        let registry = try RemoteJSON.registry(postsObject)
        let alerts = (try? cache.metaValue("remote_alerts")).flatMap { $0.flatMap { JObject(bytes: Array($0.utf8)) } }
            .flatMap { try? RemoteJSON.alerts($0) } ?? []
        let follower = StreamFollower(client: client, cache: cache, history: o.history, initial: link, alerts: alerts)
        return RemoteSource(label: client.baseURL, registry: registry, op: op, cache: cache, client: client, follower: follower)
    }

    init(label: String, registry: Registry, op: Operator, cache: SQLiteStore, client: CentreClient, follower: StreamFollower) {
        self.label = label; self.registry = registry; self.op = op; self.cache = cache
        self.client = client; self.follower = follower
        local = LocalStoreSource(store: cache, registry: registry)
        let bell = self.bell
        follower.onChange = { bell.ring() }
    }

    /// Starts following the stream. With the link up, waits (at most `catchUpSeconds`) for the
    /// first catch-up, so that the console's first frame is complete rather than a trickle.
    public func start(catchUpSeconds: Double = 5) {
        follower.start()
        if follower.status.up { follower.waitForCatchUp(seconds: catchUpSeconds) }
    }

    /// Stops the stream and closes the connection and the cache.
    public func close() {
        follower.stop()
        client.shutdown()
        try? cache.close()
    }

    /// One cache per centre and token, so two operators on one machine never share one.
    public static func defaultCachePath(url: String, token: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { base = xdg }
        else { base = (environment["HOME"] ?? NSTemporaryDirectory()) + "/.cache" }
        let digest = SHA256.hash(data: Data((url + "\n" + token).utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
        return base + "/sitcen/remote-\(digest).sqlite"
    }

    // MARK: - ConsoleSource: reads from the cache

    public var link: LinkStatus? { follower.status }
    /// The board and forecasts read the cache (what this operator may see).
    public var qualityQueries: any QualityQueries { cache }
    public var followsAlerts: Bool { true }

    public func reports(_ query: ReportQuery) throws -> [LoggedReport] { try local.reports(query) }
    public func search(_ query: ReportQuery, text: String, posts: [String]) throws -> [LoggedReport]? {
        try local.search(query, text: text, posts: posts)
    }
    public func postStatus() throws -> [PostStatus] { try local.postStatus() }
    public func dailyCounts(by key: CountKey, since: Timestamp, offset: Int32, filter: ReportQuery) throws -> [DailyCount] {
        try local.dailyCounts(by: key, since: since, offset: offset, filter: filter)
    }
    public func countReports(since: Timestamp, sector: String?) throws -> Int { try local.countReports(since: since, sector: sector) }
    public func quarantinePending() throws -> Int { follower.quarantinePending }
    public func history(post: String, id: String) throws -> [LoggedReport] { try local.history(post: post, id: id) }
    public func seizurePoints(_ query: ReportQuery) throws -> [SeizurePoint] { try local.seizurePoints(query) }
    public func topRoutes(since: Timestamp, filter: ReportQuery) throws -> [RouteTotal] { try local.topRoutes(since: since, filter: filter) }
    public func marketFigures(since: Timestamp, filter: ReportQuery) throws -> [MarketFigure] { try local.marketFigures(since: since, filter: filter) }

    /// The stream rings it when anything arrives or the link changes.
    private let bell = ChangeBell()
    public func waitForChange(timeout: Double) { bell.wait(timeout: timeout) }

    public func silences(for op: Operator) throws -> [SilenceRecord] {
        guard follower.status.up else { throw linkDown("the request for the silences") }
        let bytes = try client.ok(.GET, "/v1/silences")
        guard let o = JObject(bytes: bytes) else { throw RemoteError("the centre's list of silences could not be read") }
        return try RemoteJSON.silences(o)
    }

    public func expireSilence(_ id: String, by op: Operator) throws -> String {
        guard follower.status.up else { throw linkDown("the end of silence \(id)") }
        let path = "/v1/silences/" + (id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id) + "/expire"
        _ = try client.ok(.POST, path, json: .object([]))
        return "silence \(TextSafety.terminal(id)) ended"
    }

    public func storeVersion() throws -> StoreVersion {
        var t = try cache.storeVersion()
        t.lastQuarantine = Int64(follower.quarantinePending)
        t.alerts = follower.alertsVersion
        return t
    }

    public func alerts(for op: Operator) throws -> [AlertSummary] { follower.alerts }

    // MARK: - What needs the link

    /// The sentence an operator reads when an action needs the link and it is down.
    func linkDown(_ what: String) -> RemoteError {
        let s = follower.status
        if let refused = s.tokenRefused { return RemoteError("\(what) was not sent: the centre refused the token (\(refused))") }
        var when = ""
        if let since = s.downSince { when = " since " + since.clock(offsetSeconds: 0) + "Z" }
        return RemoteError("the link to the centre is down\(when): \(what) was not sent; do it again when the link is back")
    }

    public func alertDetail(_ id: Int64, for op: Operator) throws -> AlertDetail {
        guard follower.status.up else {
            if let cached = details.object(forKey: NSNumber(value: id)) { return cached.detail }
            throw linkDown("the request for alert \(id)'s details")
        }
        let bytes = try client.ok(.GET, "/v1/alerts/\(id)")
        guard let o = JObject(bytes: bytes) else { throw RemoteError("the centre's answer for alert \(id) could not be read") }
        let d = try RemoteJSON.detail(o)
        details.setObject(DetailBox(d), forKey: NSNumber(value: id))
        return d
    }

    public func triage(_ action: TriageAction, alert id: Int64, by op: Operator) throws -> String {
        let what: String
        switch action {
        case .acknowledge: what = "the acknowledgement of alert \(id)"
        case .take, .assign: what = "the assignment of alert \(id)"
        case .note: what = "the note on alert \(id)"
        case .resolve: what = "the resolution of alert \(id)"
        case .silence: what = "the silence"
        }
        guard follower.status.up else { throw linkDown(what) }
        switch action {
        case .acknowledge:
            _ = try client.ok(.POST, "/v1/alerts/\(id)/ack")
            return "alert \(id) acknowledged"
        case .take:
            _ = try client.ok(.POST, "/v1/alerts/\(id)/assign", json: .object([]))
            return "alert \(id) is yours"
        case .assign(let name):
            _ = try client.ok(.POST, "/v1/alerts/\(id)/assign", json: .object([("assignee", .string(name))]))
            return "alert \(id) assigned to \(name)"
        case .note(let text):
            _ = try client.ok(.POST, "/v1/alerts/\(id)/notes", json: .object([("text", .string(text))]))
            return "note added to alert \(id)"
        case .resolve(let reason, let note):
            var body: [(String, JSONValue)] = [("reason", .string(reason.rawValue))]
            if let note { body.append(("note", .string(note))) }
            _ = try client.ok(.POST, "/v1/alerts/\(id)/resolve", json: .object(body))
            return "alert \(id) resolved (\(reason.rawValue))"
        case .silence(let matchers, let seconds, let comment):
            let bytes = try client.ok(.POST, "/v1/silences", json: .object([
                ("matchers", .array(matchers.map { .string($0.description) })),
                ("duration", .string("\(seconds)s")), ("comment", .string(comment)),
            ]))
            let sid = JObject(bytes: bytes)?.string("id") ?? "?"
            return "silenced \(matchers.map(\.description).joined(separator: ", ")) for \(DurationText.format(seconds: seconds)) (\(TextSafety.terminal(sid)))"
        }
    }

    public func shiftReport(for op: Operator, to: Timestamp, seconds: Int64, offset: Int32) throws -> String {
        guard follower.status.up else { throw linkDown("the request for the SITREP") }
        let bytes = try client.ok(.GET, "/v1/report/shift?since=\(seconds)s&format=txt&offset=\(offset)", timeout: 30)
        return String(decoding: bytes, as: UTF8.self)
    }
}

private final class DetailBox {
    let detail: AlertDetail
    init(_ d: AlertDetail) { detail = d }
}
