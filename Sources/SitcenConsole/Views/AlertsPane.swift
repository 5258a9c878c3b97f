import SitcenAlerts
import SitcenDomain
import SitcenText
import TermUI

/// The alert queue: severity, rule, count, age, state, assignee; by severity, then age.
enum AlertsPane {
    static func render(_ state: ConsoleState, into buf: inout Buffer, area: Rect, focused: Bool) {
        let s = state.strings
        guard state.followsAlerts else {
            Placeholder.render(title: s.alerts, text: s.alertsNotLoaded, state: state, into: &buf, area: area, focused: focused)
            return
        }
        let firing = state.alerts.filter { $0.state == .firing }.count
        let note = focused ? "a t A n r s ␣" : nil
        let inner = Block(title: "\(s.alerts) (\(state.alerts.count), \(firing) \(s.t("firing", "активных")))", note: note, focused: focused)
            .render(into: &buf, area: area, theme: state.theme)
        let now = state.now
        let columns: [TableColumn<AlertSummary>] = [
            TableColumn("mark", title: "", width: .fixed(1)) { state.marked.contains($0.id) ? "●" : "" },
            TableColumn("severity", title: s.t("SEV", "УР."), width: .fixed(9), role: { Role.severity($0.severity.rawValue) }) {
                $0.severity.rawValue + ($0.escalated ? "↑" : "")
            },
            TableColumn("rule", title: s.t("RULE", "ПРАВИЛО"), width: .flex(2, min: 12)) { $0.rule },
            TableColumn("count", title: "#", width: .fixed(4), align: .right) { String($0.count) },
            TableColumn("age", title: s.t("AGE", "ВОЗР."), width: .fixed(7), align: .right) {
                DurationText.format(seconds: max(0, (now.millis - $0.firstAt.millis) / 1000))
            },
            TableColumn("state", title: s.colState, width: .fixed(8)) { stateName($0.state, s) },
            TableColumn("assignee", title: s.t("WHO", "КТО"), width: .fixed(9)) { $0.assignee ?? "" },
            TableColumn("description", title: s.t("WHAT", "ЧТО"), width: .flex(4, min: 12)) { $0.description },
        ]
        Table<AlertSummary, Int64>(columns: columns, rows: state.alerts, id: { $0.id }, focused: focused,
                                   rowRole: { $0.state == .firing ? Role.severity($0.severity.rawValue) : .dim },
                                   emptyText: s.t("No open alerts.", "Открытых тревог нет."))
            .render(into: &buf, area: inner, state: state.alertsTable, theme: state.theme)
    }

    static func stateName(_ st: AlertSummary.State, _ s: Strings) -> String {
        switch st {
        case .firing: return s.t("FIRING", "АКТИВНА")
        case .acknowledged: return s.t("acked", "принята")
        case .resolved: return s.t("resolved", "закрыта")
        }
    }

    /// The selected alert, for the details pane: what, why (the rule), its reports and history.
    static func detailFields(_ d: AlertDetail, state: ConsoleState) -> [DetailsPanel.Field] {
        let s = state.strings
        let a = d.alert
        var out: [DetailsPanel.Field] = [
            .init(s.t("alert", "тревога"), "\(a.id) · \(a.rule)", role: Role.severity(a.severity.rawValue)),
            .init(s.t("severity", "уровень"), a.severity.rawValue + (a.escalated ? " (escalated from \(a.ruleSeverity.rawValue))" : "")),
            .init(s.colState.lowercased(), stateName(a.state, s) + (a.assignee.map { " · \($0)" } ?? "")),
            .init(s.t("what", "что"), a.description),
            .init(s.t("count", "число"), String(a.count)),
            .init(s.t("first", "впервые"), a.firstAt.rfc3339(offsetSeconds: state.offset)),
            .init(s.t("last", "последний"), a.lastAt.rfc3339(offsetSeconds: state.offset)),
        ]
        if let by = a.acknowledgedBy { out.append(.init(s.t("acked by", "принял"), by)) }
        if let reason = a.resolveReason { out.append(.init(s.t("resolved", "закрыта"), "\(reason) by \(a.resolvedBy ?? "?")")) }
        if !a.labels.isEmpty && !a.redacted { out.append(.init(s.t("labels", "метки"), a.labels.map { "\($0.name)=\($0.value)" }.joined(separator: " "))) }
        if let rule = d.rule { out.append(.init(s.t("rule", "правило"), "\(rule.name) — \(rule.source)", role: .dim)) }
        for r in d.reports.prefix(20) {
            out.append(.init(s.t("report", "донесение"), "\(ReportsPane.shortTime(r.report.observedAt, offset: state.offset)) \(r.report.post) \(r.report.substance ?? r.report.type.rawValue) \(ReportsPane.quantity(r.report))"))
        }
        if d.reportCount > d.reports.count { out.append(.init("", "… \(d.reportCount - d.reports.count) more", role: .dim)) }
        for n in d.notes { out.append(.init(s.t("note", "заметка"), "\(n.author): \(n.text)", role: .accent)) }
        for h in d.history.suffix(12) {
            out.append(.init(s.t("history", "история"), "\(ReportsPane.shortTime(h.at, offset: state.offset)) \(h.kind)\(h.actor.map { " by \($0)" } ?? "")", role: .dim))
        }
        return out
    }
}
