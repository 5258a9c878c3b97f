import SitcenDomain
import SitcenText
import TermUI

/// The posts board: each post's last contact and its reports in the last 24 hours; silent
/// posts first, in the warning colour.
enum PostsPane {
    static func render(_ state: ConsoleState, into buf: inout Buffer, area: Rect) {
        let s = state.strings
        let f = state.figures
        let rows = ConsoleFilter.posts(state)
        let note = [FollowMark.text(state.postsTable, s), ConsoleFilter.note(.posts, state)].compactMap { $0 }.joined(separator: " · ")
        let inner = Block(title: "\(s.posts) — \(s.silent) \(f.silentPosts)/\(f.totalPosts)", note: note, focused: true)
            .render(into: &buf, area: area, theme: state.theme)
        let now = state.now
        let ru = s.language == .ru
        let columns: [TableColumn<PostRow>] = [
            TableColumn("state", title: s.colState, width: .fixed(9), role: { role($0.health) }) { health($0.health, s) },
            TableColumn("code", title: s.colPost, width: .fixed(7)) { $0.post.code },
            TableColumn("name", title: s.colName, width: .flex(2, min: 14)) { ru ? $0.post.nameRu : $0.post.nameEn },
            TableColumn("kind", title: s.colKind, width: .fixed(4)) { $0.post.kind.rawValue },
            TableColumn("sector", title: s.colSector, width: .fixed(9)) { $0.post.sector },
            TableColumn("contact", title: s.colLastContact, width: .fixed(21)) { row in
                guard let t = row.lastContact else { return s.never }
                return ReportsPane.shortTime(t, offset: state.offset) + " (" + DurationText.format(seconds: max(0, (now.millis - t.millis) / 1000)) + ")"
            },
            TableColumn("reports", title: s.colReports24h, width: .fixed(5), align: .right) { String($0.reports24h) },
            TableColumn("activity", title: "", width: .flex(1, min: 6)) { row in
                BarChart.bar(Double(row.reports24h), top: Double(state.postsBoard.map(\.reports24h).max() ?? 1), width: 12)
            },
        ]
        Table<PostRow, String>(columns: columns, rows: rows, id: { $0.post.code }, focused: true,
                               rowRole: { $0.health == .silent ? .warning : nil }, emptyText: s.loading)
            .render(into: &buf, area: inner, state: state.postsTable, theme: state.theme)
    }

    static func health(_ h: PostRow.Health, _ s: Strings) -> String {
        switch h {
        case .ok: return "● " + s.healthOK
        case .late: return "◐ " + s.healthLate
        case .silent: return "○ " + s.healthSilent
        }
    }

    static func role(_ h: PostRow.Health) -> StyleRole? {
        switch h {
        case .ok: return .success
        case .late: return .warning
        case .silent: return .critical
        }
    }
}
