import SitcenDomain
import SitcenText
import TermUI

/// The live reports table: newest arrival first, marks for what needs a second look.
enum ReportsPane {
    static func render(_ state: ConsoleState, into buf: inout Buffer, area: Rect, focused: Bool) {
        let s = state.strings
        let note = FollowMark.text(state.reportsTable, s) + (state.arrived > 0 ? " · +\(state.arrived)" : "")
        let inner = Block(title: "\(s.reports) (\(state.reports.count)\(state.historyExhausted ? "" : "+"))", note: note, focused: focused)
            .render(into: &buf, area: area, theme: state.theme)
        let table = Table<LoggedReport, Int64>(
            columns: columns(state),
            rows: state.reports,
            id: { $0.seq },
            focused: focused,
            rowRole: { rowRole($0) },
            emptyText: state.reportsLoaded ? s.noReports : s.loading)
        table.render(into: &buf, area: inner, state: state.reportsTable, theme: state.theme)
    }

    /// Marks: `?` unknown substance, `✎` corrected, `✗` withdrawn, `⏱` late.
    static func marks(_ l: LoggedReport) -> String {
        var m = ""
        if l.report.substance != nil && !l.substanceKnown { m += "?" }
        if l.report.revision > 0 { m += "✎" }
        if l.report.retracted { m += "✗" }
        if l.isLate() { m += "⏱" }
        return m
    }

    static func rowRole(_ l: LoggedReport) -> StyleRole? {
        if l.report.retracted { return .dim }
        if let c = l.category { return StyleRole("cat." + c.rawValue) }
        switch l.report.severity {
        case .critical?: return .critical
        case .high?: return .warning
        default: break
        }
        return StyleRole("type." + l.report.type.rawValue)
    }

    static func columns(_ state: ConsoleState) -> [TableColumn<LoggedReport>] {
        let s = state.strings
        let off = state.offset
        return [
            TableColumn("marks", title: "", width: .fixed(2), role: { l in marks(l).isEmpty ? nil : .warning }) { marks($0) },
            TableColumn("observed", title: s.colObserved, width: .fixed(11)) { shortTime($0.report.observedAt, offset: off) },
            TableColumn("post", title: s.colPost, width: .fixed(7)) { $0.report.post },
            TableColumn("type", title: s.colType, width: .fixed(8)) { s.typeName($0.report.type.rawValue) },
            TableColumn("substance", title: s.colSubstance, width: .flex(2, min: 10)) { $0.report.substance ?? "" },
            TableColumn("quantity", title: s.colQuantity, width: .fixed(11), align: .right) { quantity($0.report) },
            TableColumn("summary", title: s.colSummary, width: .flex(4, min: 12)) { ($0.report.summary ?? $0.report.concealment ?? "") },
            TableColumn("place", title: s.colPlace, width: .flex(2, min: 10)) { $0.report.place ?? "" },
        ]
    }

    /// `11-20 14:05` in the centre's zone.
    static func shortTime(_ t: Timestamp, offset: Int32) -> String {
        let c = t.components(offsetSeconds: offset)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(c.month))-\(two(c.day)) " + t.clock(offsetSeconds: offset)
    }

    /// `12.5 kg`, `28001 tab`, right-aligned with its unit.
    static func quantity(_ r: Report) -> String {
        guard let q = r.quantity else { return "" }
        let unit: String
        switch r.unit {
        case .tablets?: unit = "tab"
        case .doses?: unit = "dos"
        case .units?: unit = "pcs"
        case let u?: unit = u.rawValue
        case nil: unit = ""
        }
        let number = q >= 100 ? String(Int(q.rounded())) : JSONText.number((q * 100).rounded() / 100)
        return "\(number) \(unit)"
    }
}

/// Which mode a live table is in, for its pane's title: following new rows, or holding still
/// (then `g` follows again).
enum FollowMark {
    static func text<ID>(_ t: TableState<ID>, _ s: Strings) -> String {
        // (How many arrived above shows on the table's header: "N new ↑".)
        t.following ? "● " + s.follow : "‖ " + s.holdFollows
    }
}
