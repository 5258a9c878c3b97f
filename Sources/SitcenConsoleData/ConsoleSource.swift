import Foundation
import SitcenAlerts
import SitcenDomain
import SitcenQuality
import SitcenRules
import SitcenStore
import SitcenText

/// Where the console's data comes from: what it reads (`ConsoleQueries`) and what the officer
/// does (`ConsoleActions`). The views never know which implementation they draw from: the local
/// store (SitcenLocalSource) or a centre's API (SitcenRemote).
public typealias ConsoleSource = ConsoleQueries & ConsoleActions

/// What the console reads.
public protocol ConsoleQueries: Sendable {
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
    func storeVersion() throws -> StoreVersion
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
    /// Silences in force or still to start.
    func silences(for op: Operator) throws -> [SilenceRecord]
    func topRoutes(since: Timestamp, filter: ReportQuery) throws -> [RouteTotal]
    func marketFigures(since: Timestamp, filter: ReportQuery) throws -> [MarketFigure]
    /// The shift SITREP (plain text) for the `seconds` before `to`, scoped like the operator.
    func shiftReport(for op: Operator, to: Timestamp, seconds: Int64, offset: Int32) throws -> String
    /// The link to the centre, for a remote source (nil: a local store, always there).
    var link: LinkStatus? { get }
    /// The reads the data-quality board and the forecasts need.
    var qualityQueries: any QualityQueries { get }
}

extension ConsoleQueries {
    public var link: LinkStatus? { nil }
}

/// What the officer does from the console: each returns a line to show.
public protocol ConsoleActions: Sendable {
    /// Applies a triage action to one alert.
    func triage(_ action: TriageAction, alert: Int64, by op: Operator) throws -> String
    /// Ends a silence now.
    func expireSilence(_ id: String, by op: Operator) throws -> String
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
