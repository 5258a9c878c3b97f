import SitcenDomain
import SitcenText
import TermUI

/// `view(state)`: the whole screen, drawn into a buffer.
enum ConsoleScreen {
    static func render(_ state: ConsoleState, size: Size, keys: KeyTable<ConsoleAction>) -> Buffer {
        let theme = state.theme
        var buf = Buffer(size: size, style: theme[.text])
        let layout = Layout(state: state, size: size)
        let s = state.strings

        // Tab bar: the views, and where the data comes from.
        let names = [s.overview, s.reports, s.alerts, s.map, s.posts, s.trends, s.silencesView, s.qualityView]
        var titles = names.enumerated().map { "\($0.offset + 1) \($0.element)" }
        // Too narrow for every name: the number of each view, the name of the one shown.
        if titles.reduce(0, { $0 + $1.displayWidth + 3 }) > layout.tabs.width {
            titles = names.enumerated().map { $0.offset + 1 == state.view.rawValue ? "\($0.offset + 1) \($0.element)" : "\($0.offset + 1)" }
        }
        buf.fill(layout.tabs, style: theme[.header])
        let used = Tabs(titles, selected: state.view.rawValue - 1).render(into: &buf, area: layout.tabs, theme: theme)
        let brand = " sitcen "
        if layout.tabs.width - used > brand.count + 1 {
            buf.put(brand, x: layout.tabs.maxX - brand.count, y: 0, style: theme[.title])
        }

        if let r = layout.reports { ReportsPane.render(state, into: &buf, area: r, focused: state.focus == .reports) }
        if let r = layout.details { DetailsPane.render(state, into: &buf, area: r, focused: state.focus == .details || state.drilledIn) }
        if let r = layout.alerts { AlertsPane.render(state, into: &buf, area: r, focused: state.focus == .alerts) }
        if let r = layout.map { MapPane.render(state, into: &buf, area: r, focused: state.focus == .map) }
        if let r = layout.posts { PostsPane.render(state, into: &buf, area: r) }
        if let r = layout.trends { TrendsPane.render(state, into: &buf, area: r) }
        if let r = layout.silences { SilencesPane.render(state, into: &buf, area: r) }
        if let r = layout.quality { QualityPane.render(state, into: &buf, area: r) }
        if let r = layout.alertView { AlertView.render(state, into: &buf, area: r) }

        // A critical alert nobody acknowledged: a banner under the tab bar, in every view. Its
        // key hint is exact (`!` opens that alert, `a` then acknowledges it) and is never cut:
        // at narrow widths the description gives way.
        if let c = state.criticalBanner, let row = layout.banner {
            Banner.render(c, state: state, into: &buf, row: row)
        }

        // A remote console whose link is down: every view says so, and since when.
        if let row = layout.linkBanner, let text = state.link?.banner(strings: s, offset: state.offset) {
            let style = theme[.warning].adding(.reverse).adding(.bold)
            buf.fill(row, style: style)
            buf.put(text, x: row.x, y: row.y, style: style, maxWidth: row.width)
        }

        FilterLine.render(state, into: &buf, area: layout.filterLine)
        StatusLine.render(state, into: &buf, area: layout.status)

        if let draft = state.silenceDraft {
            SilenceBox.render(draft, state: state, into: &buf, area: Rect(x: 0, y: 1, width: size.width, height: max(0, size.height - 3)))
        }
        if let pager = state.handover, case .text(let text) = pager.content {
            let area = Rect(x: 0, y: 1, width: size.width, height: size.height - 3)
            buf.fill(area, style: theme[.text])
            let inner = Block(title: s.handoverSitrepEscCloses, focused: true)
                .render(into: &buf, area: area, theme: theme)
            TextPanel(text, role: .text, scroll: pager.scroll, highlight: pager.search).render(into: &buf, area: inner, theme: theme)
        }
        if let pager = state.help {
            let area = Rect(x: 2, y: 1, width: size.width - 4, height: size.height - 3)
            HelpOverlay(keys, title: "\(s.help) — sitcen (/ \(s.search))", scroll: pager.scroll, highlight: pager.search)
                .render(into: &buf, area: area, theme: theme)
        }
        if let pending = state.confirm {
            pending.dialog.render(into: &buf, area: Rect(size), theme: theme)
        }
        return buf
    }
}

/// A pane whose subsystem is not running here: a clear, framed note instead of a blank.
enum Placeholder {
    static func render(title: String, text: String, state: ConsoleState, into buf: inout Buffer, area: Rect, focused: Bool) {
        let inner = Block(title: title, focused: focused).render(into: &buf, area: area, theme: state.theme)
        TextPanel(text, role: .dim).render(into: &buf, area: inner, theme: state.theme)
    }
}

/// The line above the status bar: the prompt while typing, else the active filters.
enum FilterLine {
    static func render(_ state: ConsoleState, into buf: inout Buffer, area: Rect) {
        let theme = state.theme
        buf.fill(area, style: theme[.text])
        if let prompt = state.prompt {
            prompt.render(into: &buf, area: area, theme: theme)
            return
        }
        if let flash = state.flash {
            buf.put(" " + flash, x: area.x, y: area.y, style: theme[.warning], maxWidth: area.width)
            return
        }
        var spans: [Span] = []
        if let sector = state.op.scope.sectorFilter {
            spans.append(Span(" \(state.strings.sector) \(sector) ", theme[.accent].adding(.reverse)))
            spans.append(Span(" "))
        }
        if state.filters.isEmpty {
            spans.append(Span(" \(state.strings.noFilters)", theme[.dim]))
        } else {
            spans.append(Span(" \(state.strings.filters): ", theme[.dim]))
            spans.append(Span(state.filters.summary, theme[.accent]))
            spans.append(Span("  (\(state.strings.clearHint))", theme[.dim]))
        }
        if state.searching { spans.append(Span("  " + state.strings.searching, theme[.dim])) }
        _ = buf.put(spans, x: area.x, y: area.y, maxWidth: area.width)
    }
}

/// The status bar: clocks, who is at the desk, today's figures, feed health, the store.
enum StatusLine {
    static func render(_ state: ConsoleState, into buf: inout Buffer, area: Rect) {
        let theme = state.theme
        let s = state.strings
        let f = state.figures
        let offH = state.offset / 3600
        let role: String
        switch state.op.role {
        case .duty: role = s.roleDuty
        case .blo: role = s.roleBLO
        case .supervisor: role = s.roleSupervisor
        }
        var left: [Span] = [
            Span(" \(state.now.clock(offsetSeconds: state.offset)) UTC\(offH >= 0 ? "+" : "")\(offH) ", theme[.statusKey]),
            Span(" \(state.now.clock(offsetSeconds: 0))Z ", theme[.status]),
            Span("│ \(role) \(state.op.name) ", theme[.status]),
            Span("│ \(state.op.scope.sectorFilter.map { "\(s.sector) \($0)" } ?? s.allSectors) ", theme[.status]),
        ]
        var right: [Span] = [
            Span("\(s.today) \(f.reportsToday) ", theme[.status]),
            alertSpan(state),
            Span("│ \(s.silent) \(f.silentPosts)/\(f.totalPosts) ", f.silentPosts > 0 ? theme[.warning].adding(.reverse) : theme[.status]),
        ]
        if state.op.scope.sectorFilter == nil {
            right.append(Span("│ \(s.quarantine) \(f.quarantinePending) ", f.quarantinePending > 0 ? theme[.warning].adding(.reverse) : theme[.status]))
        }
        func width(_ spans: [Span]) -> Int { spans.reduce(0) { $0 + $1.width } }
        // Narrow screens: drop the UTC clock, then the role, before the figures.
        if width(left) + width(right) > area.width { left.remove(at: 1) }
        if width(left) + width(right) > area.width { left.remove(at: 1) }
        let room = area.width - width(left) - width(right) - 3
        if room > 12 {
            right.append(Span("│ " + abbreviatePath(state.sourceLabel, max: room - 2) + " ", theme[.status].adding(.dim)))
        }
        StatusBar(left: left, right: right).render(into: &buf, area: area, theme: theme)
    }

    /// "alerts 3 firing / 5 open", or a dash when alerts are not followed.
    static func alertSpan(_ state: ConsoleState) -> Span {
        let s = state.strings
        guard state.followsAlerts else { return Span("│ \(s.alerts.lowercased()) — ", state.theme[.status]) }
        let firing = state.alerts.filter { $0.state == .firing }.count
        let acked = state.alerts.count - firing
        let text = "│ \(s.alerts.lowercased()) \(firing)!\(acked > 0 ? " \(acked)✓" : "") "
        return Span(text, firing > 0 ? state.theme[.critical].adding(.reverse) : state.theme[.status])
    }

    /// `/root/.local/share/sitcen/sitcen.sqlite` → `~/.local/share/sitcen/sitcen.sqlite`, cut from the left.
    static func abbreviatePath(_ path: String, max: Int) -> String {
        var p = path
        if let home = ProcessInfoHome.home, p.hasPrefix(home) { p = "~" + p.dropFirst(home.count) }
        if p.count <= max { return p }
        return "…" + p.suffix(Swift.max(0, max - 1))
    }
}

import Foundation
enum ProcessInfoHome {
    static let home = ProcessInfo.processInfo.environment["HOME"]
}
