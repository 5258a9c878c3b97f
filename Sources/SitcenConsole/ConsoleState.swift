import SitcenConsoleData
import SitcenAlerts
import SitcenDomain
import SitcenMap
import SitcenQuality
import SitcenStore
import SitcenText
import TermUI

/// The console's views, switched by the number keys.
public enum ConsoleView: Int, Sendable, CaseIterable {
    case overview = 1, reports, alerts, map, posts, trends, silences, quality
}

/// Panes that take the focus (Tab moves between the ones the view shows).
public enum Pane: String, Sendable, CaseIterable { case reports, alerts, map, details, posts, trends, silences, quality }

/// Active filters; all narrow (AND). Shown at all times; `x` clears them.
public struct Filters: Sendable, Equatable {
    public var text: String?
    public var sinceSeconds: Int64?
    public var post: String?
    public var sector: String?
    public var substance: String?
    public var category: SubstanceCategory?
    public var type: ReportType?

    public init() {}
    public var isEmpty: Bool { self == Filters() }

    /// "since 24h · post KZ-KHR · /хоргос"
    public var summary: String {
        var parts: [String] = []
        if let s = sinceSeconds { parts.append("since \(DurationText.format(seconds: s))") }
        if let p = post { parts.append("post \(p)") }
        if let s = sector { parts.append("sector \(s)") }
        if let s = substance { parts.append("substance \(s)") }
        if let c = category { parts.append("category \(c.rawValue)") }
        if let t = type { parts.append("type \(t.rawValue)") }
        if let t = text { parts.append("/\(t)") }
        return parts.joined(separator: " · ")
    }

    /// The names of the active filters (`since`, `post`, `/`…), for panes that say which ones
    /// they do not follow.
    public var active: [String] {
        var out: [String] = []
        if sinceSeconds != nil { out.append("since") }
        if post != nil { out.append("post") }
        if sector != nil { out.append("sector") }
        if substance != nil { out.append("substance") }
        if category != nil { out.append("category") }
        if type != nil { out.append("type") }
        if text != nil { out.append("/") }
        return out
    }
}

/// A post on the posts board.
public struct PostRow: Sendable, Equatable {
    public enum Health: Int, Sendable, Comparable {
        case ok, late, silent
        public static func < (a: Health, b: Health) -> Bool { a.rawValue < b.rawValue }
    }
    public var post: Post
    public var lastContact: Timestamp?
    public var reports24h: Int
    public var health: Health
}

/// Figures for the trends view.
public struct TrendData: Sendable, Equatable {
    public var days: [Int] = []                          // the day numbers shown, oldest first
    public var byCategory: [(String, [Double], Double)] = []  // category, seizures per day, kg in the last 7 days
    public var byPost: [(String, [Double])] = []
    /// The most frequent routes of seizures over 90 days.
    public var routes: [RouteTotal] = []
    /// Mean purity and price by category over 90 days, from the posts' extra fields.
    public var market: [MarketFigure] = []

    public static func == (a: TrendData, b: TrendData) -> Bool {
        a.days == b.days && a.byCategory.map(\.0) == b.byCategory.map(\.0) && a.byCategory.map(\.1) == b.byCategory.map(\.1)
            && a.byPost.map(\.0) == b.byPost.map(\.0) && a.byPost.map(\.1) == b.byPost.map(\.1)
    }
}

/// Figures for the status bar.
public struct StatusFigures: Sendable, Equatable {
    public var reportsToday = 0
    public var quarantinePending = 0
    public var silentPosts = 0
    public var totalPosts = 0
}

/// Everything the console shows is a function of this value.
public struct ConsoleState: Sendable {
    public var strings: Strings
    public var theme: Theme
    public var themeName: String
    public var op: Operator
    public var sourceLabel: String
    public var offset: Int32
    public var silentAfter: Int64
    /// The time of the last event that carried one (a tick, a store change): frames never read
    /// the clock.
    public var now: Timestamp
    /// Below this size the console shows "terminal too small" and ignores every key but quit.
    public var minimumSize = Size(width: 80, height: 24)

    public var view: ConsoleView = .overview
    public var focus: Pane = .reports {
        didSet { if focus == .reports || focus == .alerts || (focus == .map && mapPick != nil) { detailsFor = focus } }
    }
    /// The pane whose selection the details pane shows: the focused list, or (while the map or
    /// the details pane has the focus) the last one that had a selection to show.
    public internal(set) var detailsFor: Pane = .reports
    /// Enter on a report opens its details full screen (Esc goes back).
    public var drilledIn = false
    /// Enter on an alert (or the banner's key) opens it full screen: its reports, history,
    /// notes and rule, with the triage keys acting on it. Esc goes back.
    public var openAlert: Int64?

    public var reports: [LoggedReport] = []
    public var reportsTable = TableState<Int64>()
    public var reportsLoaded = false
    /// No older reports match: scrolling down loads nothing more.
    public var historyExhausted = false
    public var searching = false
    public var lastSeq: Int64 = 0
    /// The store's version as last seen: its newest report, quarantine entry and alert change
    /// (cheap to read; a change wakes the loads).
    public var storeVersion = StoreVersion()
    /// Reports that arrived since the console opened (for the status bar's live counter).
    public var arrived = 0
    /// Bumped on every filter change, so that late results of an old query are dropped.
    public var generation = 0

    /// The region map: nil when its basemap could not be loaded (the pane then says why).
    public var geo: GeoData?
    /// The map starts with routes off: with thousands of seizures they hide the map (`r` shows them).
    public var map: MapState = {
        var m = MapState(size: Size(width: 80, height: 20))
        m.layers.routes = false
        return m
    }()
    public var mapData = MapData()
    /// Seizures in the current filters' window, for the map (newest first).
    public var mapReports: [LoggedReport] = []
    /// Every seizure the map draws (light: position, category, kilograms).
    public var mapPoints: [SeizurePoint] = []
    /// Draw the map in ASCII (`--ascii`, or a terminal without UTF-8).
    public var ascii = false
    /// What Enter on the map picked, shown in the details pane (or full screen when the view
    /// has no details pane).
    public var mapPick: MapItem?
    /// A BLO officer's map was fitted to their sector once.
    public var mapFitted = false
    /// The reports of the alert the map was asked to show (`m` on an alert): highlighted.
    public var mapAlert: Int64?

    /// Every open alert the operator may see (not silenced), in the queue's order.
    public var allAlerts: [AlertSummary] = []
    /// The alert queue as shown: `allAlerts` narrowed by the filters that apply to alerts.
    public var alerts: [AlertSummary] = []
    public var alertsTable = TableState<Int64>(policy: .viewport)
    /// Alerts marked with Space for a bulk action.
    public var marked: Set<Int64> = []
    /// The selected (or opened) alert's reports, history and rule.
    public var alertDetail: AlertDetail?
    /// Alerts are followed (an alert store exists for this source).
    public var followsAlerts = false
    /// The alert queue was loaded once: what was open then counts as seen.
    public var alertsLoaded = false
    /// The last change of each alert the officer has seen (selected or opened): an alert whose
    /// `lastEvent` is newer is marked new (never seen) or changed until it is seen.
    public var seenAlerts: [Int64: Int64] = [:]
    /// Critical alerts already announced (banner and bell): each rings once.
    public var announced: Set<Int64> = []
    /// A remote console's link to its centre (nil: a local store).
    public var link: LinkStatus?
    /// A triage prompt in progress: what it will do once submitted, and on which alerts.
    public var pendingTriage: PendingTriage?
    /// The silence being drawn up (`s` on an alert).
    public var silenceDraft: SilenceDraft?

    /// Silences in force or pending (view 7).
    public var silences: [SilenceRecord] = []
    public var silencesTable = TableState<String>(policy: .viewport)

    public var postsBoard: [PostRow] = []
    public var postsTable = TableState<String>(policy: .viewport)
    public var trends = TrendData()
    /// Weekly forecasts of seizures by category, with their bands (the trends view).
    public var forecasts: [SeriesForecast] = []
    /// The data-quality board (view 8): completeness and timeliness of each post over
    /// `qualityDays`, worst first.
    public var quality: QualityBoard?
    public var qualityTable = TableState<String>(policy: .viewport)
    public var qualityDays: Int64 = 28
    /// Trends by day (28 days), week (12 weeks) or month (12 months): `w` cycles.
    public var trendsPeriod: TrendPeriod = .days
    public var figures = StatusFigures()

    public var filters = Filters()
    public var prompt: Prompt?
    public var promptHistory: [String: [String]] = [:]
    public var confirm: PendingConfirm?
    /// The handover SITREP, when `:handover` shows it (Esc closes).
    public var handover: Pager?
    /// The key help (`?`), with its own scroll and search.
    public var help: Pager?
    public var detailsScroll = 0
    /// A short message in the filter line (an error from a `:` command, say).
    public var flash: String?
    public var size = Size(width: 80, height: 24)
    /// The first frame's loads were asked for.
    public var started = false

    public init(strings: Strings, theme: Theme, themeName: String, op: Operator, sourceLabel: String,
                offset: Int32, silentAfter: Int64 = 6 * 3600, now: Timestamp) {
        self.strings = strings; self.theme = theme; self.themeName = themeName; self.op = op
        self.sourceLabel = sourceLabel; self.offset = offset; self.silentAfter = silentAfter; self.now = now
    }

    public var selectedAlert: AlertSummary? {
        guard let id = alertsTable.selected else { return nil }
        return alerts.first { $0.id == id }
    }

    /// The alert the triage keys act on in the alert view.
    public var shownAlert: AlertSummary? {
        guard let id = openAlert else { return nil }
        return allAlerts.first { $0.id == id } ?? (alertDetail?.alert.id == id ? alertDetail?.alert : nil)
    }

    /// The most urgent unacknowledged alert: critical, firing, neither silenced nor muted by
    /// another, the one that arrived (reached critical on the centre's clock) last. The banner
    /// shows it in every view, whatever the filters.
    public var criticalBanner: AlertSummary? {
        allAlerts.filter { $0.severity == .critical && $0.state == .firing && !$0.isSilenced && !$0.isInhibited }
            .max { ($0.raisedAt.millis, $0.id) < ($1.raisedAt.millis, $1.id) }
    }

    /// New (never seen) or changed since seen, for the queue's mark.
    public func novelty(_ a: AlertSummary) -> AlertNovelty {
        guard let seen = seenAlerts[a.id] else { return .new }
        return a.lastEvent > seen ? .changed : .seen
    }

    public var selectedReport: LoggedReport? {
        guard let seq = reportsTable.selected else { return nil }
        return reports.first { $0.seq == seq }
    }

    /// True below the size the console needs.
    public var tooSmall: Bool { !size.fits(minimumSize) }

    /// The panes the current view shows, in Tab order (only panes that are drawn at this size).
    public var panes: [Pane] {
        let wide = size.width >= Layout.wideWidth
        switch view {
        case .overview: return [.reports, .alerts, .map, .details]
        case .reports: return wide ? [.reports, .details] : [.reports]
        case .alerts: return wide ? [.alerts, .details] : [.alerts]
        case .map: return wide ? [.map, .details] : [.map]
        case .posts: return [.posts]
        case .trends: return [.trends]
        case .silences: return [.silences]
        case .quality: return [.quality]
        }
    }

    /// The SQL side of the active filters, scoped by role.
    public func query(limit: Int, beforeSeq: Int64? = nil, afterSeq: Int64? = nil) -> ReportQuery {
        var q = ReportQuery(limit: limit)
        q.beforeSeq = beforeSeq
        q.afterSeq = afterSeq
        q.post = filters.post
        q.sector = op.scope.sectorFilter ?? filters.sector
        if let s = filters.sinceSeconds { q.observedSince = now.adding(seconds: -s) }
        if let t = filters.type { q.types = [t] }
        if let c = filters.category { q.categories = [c] }
        if let s = filters.substance { q.substances = [s] }
        return q
    }
}

/// How an alert in the queue stands against what the officer has seen.
public enum AlertNovelty: Sendable, Equatable { case new, changed, seen }

/// A triage action waiting for its text (a note, a name, a reason), with the alerts it will act
/// on, fixed when it was asked for: a queue that moves meanwhile cannot change its target.
public struct PendingTriage: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case assign, note, resolve, silenceDuration, silenceReason }
    public var kind: Kind
    public var alerts: [Int64]
}

/// A question the console asks before doing something that cannot be undone.
public struct PendingConfirm: Sendable, Equatable {
    public enum Action: Sendable, Equatable { case quit, expireSilence(String) }
    public var dialog: ConfirmDialog
    public var action: Action
}

public enum TrendPeriod: Int, Sendable, CaseIterable {
    case days, weeks, months
    /// Days a bucket holds, and buckets shown.
    var bucket: Int { [1, 7, 30][rawValue] }
    var buckets: Int { [28, 12, 12][rawValue] }
    var next: TrendPeriod { TrendPeriod(rawValue: (rawValue + 1) % 3)! }
}
