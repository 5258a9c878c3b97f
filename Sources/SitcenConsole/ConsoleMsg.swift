import SitcenConsoleData
import SitcenAlerts
import SitcenDomain
import SitcenQuality
import SitcenStore

/// Messages that reach `update` from loaders, the store watcher and the clock. Those that
/// come from the outside world carry the time they were made: `update` never reads the clock.
public enum ConsoleMsg: Sendable {
    /// The store changed (another process or this one committed).
    case changed(StoreVersion, now: Timestamp)
    /// A page of reports for the current filters; `replace` for a new filter, else older rows.
    case reportsLoaded([LoggedReport], replace: Bool, generation: Int, exhausted: Bool)
    /// Reports newer than the newest shown (live).
    case newReports([LoggedReport], generation: Int)
    case figures(StatusFigures, [PostRow])
    case trends(TrendData, generation: Int)
    case forecasts([SeriesForecast], generation: Int)
    case quality(QualityBoard, generation: Int)
    /// Seizures for the map, for the current filters.
    case mapReports([LoggedReport], points: [SeizurePoint], generation: Int)
    case alerts([AlertSummary])
    case alertDetail(AlertDetail?)
    case silences([SilenceRecord])
    /// A triage action was applied (or refused): a line for the operator.
    case triaged(String, ok: Bool)
    case handover(String)
    case failed(String)
    /// A remote console's link changed (up, down, token refused).
    case link(LinkStatus?, now: Timestamp)
}
