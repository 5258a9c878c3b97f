import SitcenAlerts
import SitcenDomain
import SitcenText
import TermUI

/// Silences in force (view 7): what they match, who set them, why, and until when; `e` ends
/// the selected one (a supervisor any, a duty officer their own).
enum SilencesPane {
    static func render(_ state: ConsoleState, into buf: inout Buffer, area: Rect) {
        let s = state.strings
        let rows = ConsoleFilter.silences(state)
        let note = [ConsoleFilter.note(.silences, state), s.endsOne].compactMap { $0 }.joined(separator: " · ")
        let inner = Block(title: "\(s.silencesView) (\(rows.count))", note: note, focused: true).render(into: &buf, area: area, theme: state.theme)
        guard state.followsAlerts else {
            TextPanel(s.alertsNotLoaded, role: .dim).render(into: &buf, area: inner, theme: state.theme)
            return
        }
        let now = state.now
        let columns: [TableColumn<SilenceRecord>] = [
            TableColumn("state", title: s.colState, width: .fixed(8), role: { $0.state(at: now) == .active ? .warning : .dim }) {
                $0.state(at: now) == .active ? s.active : s.pending
            },
            TableColumn("until", title: s.until, width: .fixed(18)) { rec in
                ReportsPane.shortTime(rec.silence.endsAt, offset: state.offset) + " (" + DurationText.format(seconds: max(0, (rec.silence.endsAt.millis - now.millis) / 1000)) + ")"
            },
            TableColumn("matchers", title: s.matches, width: .flex(3, min: 16)) { $0.silence.matchers.map(\.description).joined(separator: ", ") },
            TableColumn("author", title: s.who, width: .fixed(10)) { $0.silence.author },
            TableColumn("why", title: s.why, width: .flex(3, min: 12)) { $0.silence.comment },
        ]
        Table<SilenceRecord, String>(columns: columns, rows: rows, id: { $0.silence.id }, focused: true,
                                     emptyText: s.noSilencesForce)
            .render(into: &buf, area: inner, state: state.silencesTable, theme: state.theme)
    }
}
