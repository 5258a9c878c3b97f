import SitcenAlerts
import SitcenDomain
import SitcenText
import TermUI

/// The alert queue, what needs attention first: unacknowledged before acknowledged, then
/// severity, then the most recent activity. `*` marks an alert never seen, `+` one changed
/// since it was last seen (selected or opened).
enum AlertsPane {
    static func render(_ state: ConsoleState, into buf: inout Buffer, area: Rect, focused: Bool) {
        let s = state.strings
        guard state.followsAlerts else {
            Placeholder.render(title: s.alerts, text: s.alertsNotLoaded, state: state, into: &buf, area: area, focused: focused)
            return
        }
        let firing = state.alerts.filter { $0.state == .firing && !$0.isInhibited }.count
        var notes: [String] = [FollowMark.text(state.alertsTable, s)]
        if let n = ConsoleFilter.note(.alerts, state) { notes.append(n) }
        if focused && area.width >= 100 { notes.append("⏎ a t A n r s m ␣") }
        let title = "\(s.alerts) (\(state.alerts.count)\(state.alerts.count != state.allAlerts.count ? "/\(state.allAlerts.count)" : ""), \(firing) \(s.firing))"
        let inner = Block(title: title, note: notes.joined(separator: " · "), focused: focused)
            .render(into: &buf, area: area, theme: state.theme)
        let now = state.now
        let columns: [TableColumn<AlertSummary>] = [
            TableColumn("mark", title: "", width: .fixed(2), role: { state.novelty($0) == .seen ? nil : .accent }) { a in
                (state.marked.contains(a.id) ? "●" : " ") + novelty(state.novelty(a))
            },
            TableColumn("severity", title: s.sev, width: .fixed(9), role: { $0.isInhibited ? .dim : StyleRole.severity($0.severity.rawValue) }) {
                $0.severity.rawValue + ($0.escalated ? "↑" : "")
            },
            TableColumn("rule", title: s.colRule, width: .flex(2, min: 12)) { $0.rule },
            TableColumn("id", title: "#", width: .fixed(5), align: .right) { String($0.id) },
            TableColumn("count", title: "N", width: .fixed(4), align: .right) { String($0.count) },
            TableColumn("age", title: s.sayNew, width: .fixed(6), align: .right) {
                DurationText.format(seconds: max(0, (now.millis - $0.activityAt.millis) / 1000))
            },
            TableColumn("state", title: s.colState, width: .fixed(9)) { $0.isInhibited ? s.mutedShort : stateName($0.state, s) },
            TableColumn("assignee", title: s.who, width: .fixed(9)) { $0.assignee ?? $0.acknowledgedBy ?? "" },
            TableColumn("description", title: s.colWhat, width: .flex(4, min: 12)) { a in
                a.inhibitedBy.map { "(" + s.mutedBy + " \($0)) " } .map { $0 + a.description } ?? a.description
            },
        ]
        Table<AlertSummary, Int64>(columns: columns, rows: state.alerts, id: { $0.id }, focused: focused,
                                   rowRole: { $0.state == .firing && !$0.isInhibited ? StyleRole.severity($0.severity.rawValue) : .dim },
                                   emptyText: s.noOpenAlerts)
            .render(into: &buf, area: inner, state: state.alertsTable, theme: state.theme)
    }

    /// `*` never seen, `+` changed since seen.
    static func novelty(_ n: AlertNovelty) -> String {
        switch n {
        case .new: return "*"
        case .changed: return "+"
        case .seen: return " "
        }
    }

    static func stateName(_ st: AlertSummary.State, _ s: Strings) -> String {
        switch st {
        case .firing: return s.firingState
        case .acknowledged: return s.acked
        case .resolved: return s.resolved
        }
    }
}
