import Foundation
import SitcenAlerts
import SitcenDomain
import SitcenQuality
import SitcenStore

/// A situation report for a shift handover, built from the store (and the alerts, when
/// followed): totals by category and by post against the previous period of the same length,
/// the largest seizures, first sightings, incidents, silent posts, alert activity, open items.
public struct ShiftReport: Sendable {
    public var from: Timestamp
    public var to: Timestamp
    public var offset: Int32
    public var sector: String?
    public var categories: [(CategoryTotal, previous: CategoryTotal?)]
    public var posts: [(PostTotal, previous: PostTotal?)]
    public var largest: [LoggedReport]
    public var firstSightings: [FirstSighting]
    public var incidents: [LoggedReport]
    public var silentPosts: [(post: Post, lastContact: Timestamp?)]
    public var alertsOpened: [AlertSummary]
    public var alertsAcknowledged: [AlertSummary]
    public var alertsResolved: [AlertSummary]
    public var openAlerts: [AlertSummary]
    public var quarantinePending: Int
    public var followsAlerts: Bool
    /// Silences in force at some time during the shift (set, running or ended in it).
    public var silences: [SilenceRecord] = []
    /// Notes written on alerts during the shift, with the alert they are on.
    public var notes: [(alert: AlertSummary, note: AlertNote)] = []
    /// Posts that reported under 80 % of their periods, or late several periods in a row, over
    /// the `qualityDays` before the end of the shift.
    public var qualityConcerns: [PostQuality] = []
    public static let qualityDays = 7
    /// Periods late in a row that make a streak worth a line.
    public static let lateStreak = 3

    /// Builds the report for the `seconds` before `to`, scoped like `officer` (a `blo` officer's
    /// covers their sector only).
    public static func build(store: SQLiteStore, registry: Registry, alerts: AlertStore?, officer: Operator,
                             to: Timestamp, seconds: Int64, offset: Int32, silentAfter: Int64 = 6 * 3600) throws -> ShiftReport {
        let scope = officer.scope
        let sector = scope.sectorFilter
        let from = to.adding(seconds: -seconds)
        let before = from.adding(seconds: -seconds)
        let cats = try store.categoryTotals(from: from, to: to, sector: sector)
        let prevCats = Dictionary(uniqueKeysWithValues: try store.categoryTotals(from: before, to: from, sector: sector).map { ($0.category, $0) })
        let posts = try store.postTotals(from: from, to: to, sector: sector)
        let prevPosts = Dictionary(uniqueKeysWithValues: try store.postTotals(from: before, to: from, sector: sector).map { ($0.post, $0) })
        let statuses = Dictionary(uniqueKeysWithValues: try store.postStatus().map { ($0.post, $0) })
        var silent: [(Post, Timestamp?)] = []
        for p in scope.posts(of: registry) {
            let contact = statuses[p.code].map { Timestamp(millis: min($0.lastObserved.millis, $0.lastReceived.millis)) }
            if contact.map({ (to.millis - $0.millis) / 1000 > silentAfter }) ?? true { silent.append((p, contact)) }
        }
        var opened: [AlertSummary] = [], acked: [AlertSummary] = [], resolved: [AlertSummary] = [], open: [AlertSummary] = []
        if let alerts {
            let all = try AlertService(alerts).list(for: officer, state: .all, includeSilenced: true, limit: 100_000)
            func within(_ t: Timestamp?) -> Bool { t.map { $0 >= from && $0 < to } ?? false }
            opened = all.filter { within($0.firstAt) }
            acked = all.filter { within($0.acknowledgedAt) }
            resolved = all.filter { within($0.resolvedAt) }
            open = all.filter { $0.isOpen && !$0.isSilenced }
        }
        let board = try QualityBoard.build(queries: store, registry: registry, window: QualityWindow(
            from: to.adding(seconds: -Int64(qualityDays) * 86_400), to: to, offset: offset), sector: sector)
        var report = ShiftReport(
            from: from, to: to, offset: offset, sector: sector,
            categories: cats.map { ($0, prevCats[$0.category]) },
            posts: posts.map { ($0, prevPosts[$0.post]) },
            largest: try store.reports(type: .seizure, from: from, to: to, sector: sector, byKilograms: true, limit: 10).filter { ($0.quantityKg ?? 0) > 0 },
            firstSightings: try store.firstSightings(from: from, to: to, sector: sector),
            incidents: try store.reports(type: .incident, from: from, to: to, sector: sector, byKilograms: false, limit: 25),
            silentPosts: silent,
            alertsOpened: opened, alertsAcknowledged: acked, alertsResolved: resolved, openAlerts: open,
            quarantinePending: officer.may(.seeQuarantine) ? try store.quarantinePending() : 0,
            followsAlerts: alerts != nil)
        report.qualityConcerns = board.posts.filter(isConcern)
        if let alerts { try report.addTriage(AlertService(alerts), officer: officer) }
        return report
    }

    /// Below 80 % complete, or late three periods or more in a row.
    static func isConcern(_ p: PostQuality) -> Bool {
        (p.completeness ?? 1) < 0.8 || (p.longestLateRun?.periods ?? 0) >= lateStreak
    }
}
