import Foundation
import SitcenAlerts
import SitcenConsoleData
import SitcenDomain
import SitcenQuality
import SitcenReports
import SitcenStore

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
    public func storeVersion() throws -> StoreVersion {
        var t = try store.storeVersion()
        if let a = alertStore, let at = try? a.storeVersion() { t.alerts = at.events &* 1_000_003 &+ at.audit }
        return t
    }
    public func history(post: String, id: String) throws -> [LoggedReport] { try store.history(post: post, id: id) }
    public func seizurePoints(_ query: ReportQuery) throws -> [SeizurePoint] { try store.seizurePoints(query) }
}

