import SitcenAlerts
import SitcenDomain
import SitcenText
import TermUI

/// An alert full screen, at any size: what and why, each of its reports on one line (time,
/// post, place, what, how much), its notes and history, the rule; the triage keys act on it.
enum AlertView {
    static func render(_ state: ConsoleState, into buf: inout Buffer, area: Rect) {
        let s = state.strings
        let id = state.openAlert ?? 0
        let keys = s.ackTTakeAssign
        let inner = Block(title: "\(s.alert) \(id)", note: keys, focused: true).render(into: &buf, area: area, theme: state.theme)
        guard let d = state.alertDetail, d.alert.id == id else {
            TextPanel(s.loading, role: .dim).render(into: &buf, area: inner, theme: state.theme)
            return
        }
        DetailsPanel(fields(d, state: state), scroll: state.detailsScroll).render(into: &buf, area: inner, theme: state.theme)
    }

    /// The alert's fields, its reports one a line, notes, history and rule.
    static func fields(_ d: AlertDetail, state: ConsoleState) -> [DetailsPanel.Field] {
        let s = state.strings
        let a = d.alert
        var out: [DetailsPanel.Field] = [
            .init(s.alertWord, "\(a.id) · \(a.rule)", role: StyleRole.severity(a.severity.rawValue)),
            .init(s.severity, a.severity.rawValue + (a.escalated ? " (" + s.escalatedFrom + " \(a.ruleSeverity.rawValue))" : "")),
            .init(s.colState.lowercased(), stateLine(a, state: state), role: a.state == .firing ? .critical : .text),
            .init(s.what, a.description),
        ]
        if let by = a.inhibitedBy {
            let source = state.allAlerts.first { $0.id == by }
            out.append(.init(s.muted, s.byAlert + " \(by)" + (source.map { " (\($0.rule): \($0.description))" } ?? ""), role: .warning))
        }
        if let sil = a.silencedBy { out.append(.init(s.silenced, sil, role: .warning)) }
        out.append(.init(s.count, String(a.count) + (a.redacted ? " " + s.yourSectorOthersWithheld : "")))
        out.append(.init(s.first, a.firstAt.rfc3339(offsetSeconds: state.offset)))
        out.append(.init(s.last, a.lastAt.rfc3339(offsetSeconds: state.offset)))
        if !a.labels.isEmpty && !a.redacted {
            out.append(.init(s.labels, a.labels.map { "\($0.name)=\($0.value)" }.joined(separator: " "), role: .dim))
        }
        let reportsTitle = s.sayReports + " (\(d.reportCount))"
        out.append(.init("", reportsTitle, role: .header))
        for r in d.reports.prefix(100) { out.append(.init("", reportLine(r, state: state))) }
        if d.reportCount > d.reports.count { out.append(.init("", "… \(d.reportCount - d.reports.count) " + s.more, role: .dim)) }
        if !d.notes.isEmpty {
            out.append(.init("", s.notes, role: .header))
            for n in d.notes {
                out.append(.init(ReportsPane.shortTime(n.at, offset: state.offset), "\(n.author): \(n.text)", role: .accent))
            }
        }
        if !d.history.isEmpty {
            out.append(.init("", s.history, role: .header))
            for h in d.history.suffix(30) {
                let who = h.actor.map { " " + s.by + " \($0)" } ?? ""
                let detail = h.details.map { ": \($0)" } ?? ""
                out.append(.init(ReportsPane.shortTime(h.at, offset: state.offset), "\(h.kind)\(who)\(detail)", role: .dim))
            }
        }
        if let rule = d.rule {
            out.append(.init("", s.whyFired, role: .header))
            out.append(.init(s.rule, "\(rule.name) (\(rule.typeName), \(rule.severity.rawValue)) — \(rule.source)", role: .dim))
            if let e = rule.escalateAfter { out.append(.init("", s.escalatesIfNotAcknowledged + " " + DurationText.format(seconds: e), role: .dim)) }
        }
        return out
    }

    /// "FIRING · taken by aliya" / "acknowledged by aliya at 03:12".
    static func stateLine(_ a: AlertSummary, state: ConsoleState) -> String {
        let s = state.strings
        var t = AlertsPane.stateName(a.state, s)
        if let by = a.acknowledgedBy {
            t += " " + s.by + " \(by)"
            if let at = a.acknowledgedAt { t += " " + s.at + " " + at.clock(offsetSeconds: state.offset) }
        }
        if let who = a.assignee { t += " · " + s.taken + " \(who)" }
        if let r = a.resolveReason { t += " · \(r) " + s.by + " \(a.resolvedBy ?? "?")" }
        return t
    }

    /// One report on one line: `11-20 14:05 KZ-KHR Khorgos — heroin 52 kg`.
    static func reportLine(_ l: LoggedReport, state: ConsoleState) -> String {
        let r = l.report
        var parts = [ReportsPane.shortTime(r.observedAt, offset: state.offset), r.post]
        if let p = r.place { parts.append(p) }
        var what = r.substance ?? state.strings.typeName(r.type.rawValue)
        let q = ReportsPane.quantity(r)
        if !q.isEmpty { what += " " + q }
        if let v = r.vehicle { what += " · \(v)" }
        return parts.joined(separator: " ") + " — " + what
    }
}

/// The critical banner: the most urgent unacknowledged alert, and the exact keys that act on it.
enum Banner {
    static func render(_ a: AlertSummary, state: ConsoleState, into buf: inout Buffer, row: Rect) {
        let s = state.strings
        let style = state.theme[.critical].adding(.reverse).adding(.bold)
        buf.fill(row, style: style)
        let hint = " (!, a: \(s.acknowledge)) "
        let hintWidth = hint.displayWidth
        let text = " ⚠ \(s.critical) \(a.id): \(a.rule) — \(a.description)"
        let room = max(0, row.width - hintWidth)
        buf.put(text.truncated(toWidth: room), x: row.x, y: row.y, style: style, maxWidth: room)
        if hintWidth <= row.width { buf.put(hint, x: row.maxX - hintWidth, y: row.y, style: style, maxWidth: hintWidth) }
    }
}

/// The silence being drawn up, in a box over the view: the matchers it will create (on or
/// off), how many open alerts it would cover now, and the keys.
enum SilenceBox {
    static func render(_ draft: SilenceDraft, state: ConsoleState, into buf: inout Buffer, area: Rect) {
        let s = state.strings
        let theme = state.theme
        let covered = state.allAlerts.filter { draft.covers($0) }.count
        var lines: [[Span]] = [
            [Span(s.silenceAlertsMatchEvery, theme[.modal])],
            [],
        ]
        for (i, c) in draft.choices.enumerated() {
            let mark = c.on ? "[x] " : "[ ] "
            let style = i == draft.cursor && draft.stage == .matchers ? theme[.selection] : theme[.modal]
            lines.append([Span((i == draft.cursor ? "▸ " : "  ") + mark + c.matcher.description, style)])
        }
        lines.append([])
        let whole = draft.matchers.count == 1
        lines.append([Span(s.willMatch + draft.matchers.map(\.description).joined(separator: ", "), theme[.accent])])
        lines.append([Span(s.openAlertsCoversNow + "\(covered)" + (whole ? s.wholeRule : ""), theme[.modal])])
        if let sec = draft.seconds { lines.append([Span(s.sayFor + DurationText.format(seconds: sec), theme[.modal])]) }
        lines.append([])
        lines.append([Span(draft.stage == .matchers
                           ? s.jKSpaceOff
                           : s.answerBelowEscCancels, theme[.dim])])
        let width = min(area.width, max(40, (lines.map { $0.reduce(0) { $0 + $1.width } }.max() ?? 0) + 4))
        let box = area.centered(width: width, height: min(area.height, lines.count + 2))
        buf.fill(box, style: theme[.modal])
        Block(title: s.silence + " — " + s.alertWord + " \(draft.alert)").renderModal(into: &buf, area: box, theme: theme)
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 1)
        for (i, l) in lines.prefix(inner.height).enumerated() { buf.put(l, x: inner.x, y: inner.y + i, maxWidth: inner.width) }
    }
}
