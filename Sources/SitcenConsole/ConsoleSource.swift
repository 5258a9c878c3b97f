import Foundation
import SitcenAlerts
import SitcenDomain
import SitcenQuality
import SitcenReports
import SitcenRules
import SitcenStore
import SitcenText

/// Where the console's data comes from. The views never know which implementation they draw
/// from: today the local store, later a centre's API for remote BLO consoles.
public protocol ConsoleSource: Sendable {
    /// Shown in the status bar: the store's path or the server's address.
    var label: String { get }
    var registry: Registry { get }
    /// Newest first: reports matching `query` (SQL-side filters) with `seq < beforeSeq`.
    func reports(_ query: ReportQuery) throws -> [LoggedReport]
    /// Newest first: reports matching `query` whose text holds `text` (or from `posts`), found
    /// through the search index; nil when the index cannot answer (a text under three
    /// characters), and the caller reads the log.
    func search(_ query: ReportQuery, text: String, posts: [String]) throws -> [LoggedReport]?
    func postStatus() throws -> [PostStatus]
    /// Reports per day by `key`, narrowed by `filter`'s post, sector, types, categories, substances.
    func dailyCounts(by key: CountKey, since: Timestamp, offset: Int32, filter: ReportQuery) throws -> [DailyCount]
    func countReports(since: Timestamp, sector: String?) throws -> Int
    func quarantinePending() throws -> Int
    func changeToken() throws -> ChangeToken
    /// Blocks until the data may have changed (another process committed, the stream brought
    /// something) or `timeout` seconds pass. The console's watcher waits here instead of polling.
    func waitForChange(timeout: Double)
    func history(post: String, id: String) throws -> [LoggedReport]
    /// Seizures for the map: only where, what category and how much.
    func seizurePoints(_ query: ReportQuery) throws -> [SeizurePoint]
    /// Whether alerts are followed here (an alert store exists).
    var followsAlerts: Bool { get }
    /// Open alerts the operator may see, in the queue's order (silenced ones left out).
    func alerts(for op: Operator) throws -> [AlertSummary]
    func alertDetail(_ id: Int64, for op: Operator) throws -> AlertDetail
    /// Applies a triage action; returns a line for the operator.
    func triage(_ action: TriageAction, alert: Int64, by op: Operator) throws -> String
    /// Silences in force or still to start.
    func silences(for op: Operator) throws -> [SilenceRecord]
    /// Ends a silence now; returns a line for the operator.
    func expireSilence(_ id: String, by op: Operator) throws -> String
    func topRoutes(since: Timestamp, filter: ReportQuery) throws -> [RouteTotal]
    func marketFigures(since: Timestamp, filter: ReportQuery) throws -> [MarketFigure]
    /// The shift SITREP (plain text) for the `seconds` before `to`, scoped like the operator.
    func shiftReport(for op: Operator, to: Timestamp, seconds: Int64, offset: Int32) throws -> String
    /// The link to the centre, for a remote source (nil: a local store, always there).
    var link: LinkStatus? { get }
    /// The reads the data-quality board and the forecasts need.
    var qualityQueries: any QualityQueries { get }
}

extension ConsoleSource {
    public var link: LinkStatus? { nil }
}

/// What an operator does to an alert from the console.
public enum TriageAction: Sendable, Equatable {
    case acknowledge, take
    case assign(String)
    case note(String)
    case resolve(ResolveReason, note: String?)
    /// Silence alerts matching `matchers` (by default those like this one: its rule and
    /// grouping) for this long, with the reason.
    case silence(matchers: [SilenceMatcher], seconds: Int64, comment: String)
}

extension TriageAction {
    /// "Silence alerts like this one": its rule and its grouping labels, each matched exactly.
    public static func silenceMatchers(for alert: AlertSummary) -> [SilenceMatcher] {
        var matchers = [SilenceMatcher("rule", .equal, alert.rule)]
        for l in alert.labels where l.name != "rule" && l.name != "severity" { matchers.append(SilenceMatcher(l.name, .equal, l.value)) }
        return matchers
    }
}

/// The console on a local SQLite store.
public struct LocalStoreSource: ConsoleSource {
    public let store: SQLiteStore
    public let registry: Registry
    /// The alert store on the same SQLite file (nil: alerts are not followed).
    public let alertStore: AlertStore?
    public var label: String { store.path }

    /// Wakes the console when another process commits (nil: not watched, polls).
    let watch: StoreWatch

    public init(store: SQLiteStore, registry: Registry, alerts: AlertStore? = nil) {
        self.store = store; self.registry = registry; self.alertStore = alerts
        watch = StoreWatch(path: store.path)
    }

    public func waitForChange(timeout: Double) { watch.wait(timeout: timeout) }

    public func silences(for op: Operator) throws -> [SilenceRecord] {
        guard let a = alertStore else { return [] }
        return try AlertService(a).silences()
    }

    public func expireSilence(_ id: String, by op: Operator) throws -> String {
        guard let a = alertStore else { throw StoreError("alerts are not followed in this console") }
        let rec = try AlertService(a).expireSilence(id, by: op)
        return "silence \(rec.silence.id) ended (\(rec.silence.matchers.map(\.description).joined(separator: ", ")))"
    }

    public var followsAlerts: Bool { alertStore != nil }
    public var qualityQueries: any QualityQueries { store }

    public func topRoutes(since: Timestamp, filter: ReportQuery) throws -> [RouteTotal] { try store.topRoutes(since: since, filter: filter) }
    public func marketFigures(since: Timestamp, filter: ReportQuery) throws -> [MarketFigure] { try store.marketFigures(since: since, filter: filter) }

    public func shiftReport(for op: Operator, to: Timestamp, seconds: Int64, offset: Int32) throws -> String {
        try ShiftReport.build(store: store, registry: registry, alerts: alertStore, officer: op,
                              to: to, seconds: seconds, offset: offset).render(markdown: false)
    }

    public func alerts(for op: Operator) throws -> [AlertSummary] {
        guard let a = alertStore else { return [] }
        return try AlertService(a).list(for: op)
    }

    public func alertDetail(_ id: Int64, for op: Operator) throws -> AlertDetail {
        guard let a = alertStore else { throw StoreError("alerts are not followed in this console") }
        return try AlertService(a).show(id, for: op, reportLimit: 50)
    }

    public func triage(_ action: TriageAction, alert id: Int64, by op: Operator) throws -> String {
        guard let a = alertStore else { throw StoreError("alerts are not followed in this console") }
        let service = AlertService(a)
        let who = op
        switch action {
        case .acknowledge: _ = try service.acknowledge(id, by: who); return "alert \(id) acknowledged"
        case .take: _ = try service.take(id, by: who); return "alert \(id) is yours"
        case .assign(let name): _ = try service.assign(id, to: name, by: who); return "alert \(id) assigned to \(name)"
        case .note(let text): _ = try service.note(id, text: text, by: who); return "note added to alert \(id)"
        case .resolve(let reason, let note): _ = try service.resolve(id, reason: reason, note: note, by: who); return "alert \(id) resolved (\(reason.rawValue))"
        case .silence(let matchers, let seconds, let comment):
            let s = try service.silence(matchers, duration: seconds, comment: comment, by: who)
            return "silenced \(matchers.map(\.description).joined(separator: ", ")) for \(DurationText.format(seconds: seconds)) (\(s.silence.id))"
        }
    }

    public func reports(_ query: ReportQuery) throws -> [LoggedReport] { try store.reports(query) }
    public func search(_ query: ReportQuery, text: String, posts: [String]) throws -> [LoggedReport]? {
        try store.search(query, text: text, posts: posts)
    }
    public func postStatus() throws -> [PostStatus] { try store.postStatus() }
    public func dailyCounts(by key: CountKey, since: Timestamp, offset: Int32, filter: ReportQuery) throws -> [DailyCount] {
        try store.dailyCounts(by: key, since: since, offset: offset, filter: filter)
    }
    public func countReports(since: Timestamp, sector: String?) throws -> Int { try store.countReports(since: since, sector: sector) }
    public func quarantinePending() throws -> Int { try store.quarantinePending() }
    public func changeToken() throws -> ChangeToken {
        var t = try store.changeToken()
        if let a = alertStore, let at = try? a.changeToken() { t.alerts = at.events &* 1_000_003 &+ at.audit }
        return t
    }
    public func history(post: String, id: String) throws -> [LoggedReport] { try store.history(post: post, id: id) }
    public func seizurePoints(_ query: ReportQuery) throws -> [SeizurePoint] { try store.seizurePoints(query) }
}

/// Free-text search over reports, case- and script-insensitive (`хоргос` finds Khorgos): the
/// report's text fields, its post's code and names, and the canonical substance.
public struct TextMatcher: Sendable {
    public let needle: String
    private let postKeys: [String: String]

    /// The posts whose code, names or sector hold the text (their reports match whatever they say).
    public var posts: [String] { postKeys.filter { $0.value.contains(needle) }.map(\.key).sorted() }

    public init(_ text: String, registry: Registry) {
        needle = Fold.key(text.trimmingSpaces())
        var keys: [String: String] = [:]
        for p in registry.posts { keys[p.code] = Fold.key("\(p.code) \(p.nameEn) \(p.nameRu) \(p.sector)") }
        postKeys = keys
    }

    public func matches(_ l: LoggedReport) -> Bool {
        if needle.isEmpty { return true }
        let r = l.report
        if let k = postKeys[r.post], k.contains(needle) { return true }
        for field in [r.place, r.summary, r.substance, l.substanceCanonical, r.concealment, r.conveyance, r.vehicle, r.id] {
            if let f = field, Fold.key(f).contains(needle) { return true }
        }
        return false
    }
}
