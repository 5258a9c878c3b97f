import SitcenDomain
import SitcenQuality
import SitcenText
import TermUI

/// The data-quality board (view 8): for each post, and each sector, how fully and how punctually
/// it reported over the last weeks, as figures and as a row of cells (one a day: on time, late,
/// missing), its reporting delays, what its seizures leave out, its outliers and where its
/// records come from. Worst first. Enter opens a post's figures and its outlier seizures.
enum QualityPane {
    /// Rows above the posts table: the sectors' table on tall screens, else one line of them.
    static func headerRows(_ height: Int) -> Int { height >= 36 ? 14 : 1 }

    static func render(_ state: ConsoleState, into buf: inout Buffer, area: Rect) {
        let s = state.strings
        let title = "\(s.qualityView) — \(state.qualityDays) \(s.days) (● \(s.time) ◐ \(s.late) ○ \(s.missing))"
        let note = [FollowMark.text(state.qualityTable, s), ConsoleFilter.note(.quality, state)].compactMap { $0 }.joined(separator: " · ")
        let inner = Block(title: title, note: note, focused: true).render(into: &buf, area: area, theme: state.theme)
        guard let board = state.quality else {
            TextPanel(s.loading, role: .dim).render(into: &buf, area: inner, theme: state.theme)
            return
        }
        var y = inner.y
        let head = headerRows(area.height)
        let sectors = board.sectors.filter { sec in state.filters.sector.map { $0 == sec.code } ?? true }
        if head > 1 {
            let rect = Rect(x: inner.x, y: y, width: inner.width, height: min(head - 1, sectors.count + 1))
            Table<SectorQuality, String>(columns: sectorColumns(state), rows: sectors, id: { $0.code }, focused: false)
                .render(into: &buf, area: rect, state: TableState(), theme: state.theme)
            y += head
        } else {
            let line = s.sectors + sectors.prefix(6).map { "\($0.code) \(percent($0.completeness))" }.joined(separator: " · ")
            buf.put(line, x: inner.x, y: y, style: state.theme[.dim], maxWidth: inner.width)
            y += 1
        }
        Table<PostQuality, String>(columns: postColumns(state), rows: rows(state), id: { $0.post.code }, focused: true,
                                   rowRole: { ($0.completeness ?? 1) < 0.8 ? .warning : nil },
                                   emptyText: s.noPostsScope)
            .render(into: &buf, area: Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y), state: state.qualityTable, theme: state.theme)
    }

    /// The board's posts that the filters keep (post, sector, text).
    static func rows(_ state: ConsoleState) -> [PostQuality] {
        guard let board = state.quality else { return [] }
        let f = state.filters
        let needle = f.text.map { Fold.key($0) }
        return board.posts.filter { row in
            if let p = f.post, row.post.code != p { return false }
            if let sec = f.sector, row.post.sector != sec { return false }
            if let needle, !Fold.key("\(row.post.code) \(row.post.nameEn) \(row.post.nameRu)").contains(needle) { return false }
            return true
        }
    }

    static func percent(_ v: Double?) -> String { v.map { "\(Int(($0 * 100).rounded())) %" } ?? "—" }

    static func delay(_ seconds: Int64?) -> String { seconds.map { DurationText.format(seconds: max(0, $0)) } ?? "—" }

    /// One character a day: ● on time, ◐ late, ○ missing, blank where nothing was expected;
    /// the last `limit` days (a window of 28 days from a time of day touches 29 dates).
    static func cells(_ days: [DayCell], limit: Int = 28) -> String {
        String(days.suffix(limit).map { d -> Character in
            switch d.state {
            case .onTime: return "●"
            case .late: return "◐"
            case .missing: return "○"
            case .notExpected: return " "
            }
        })
    }

    static func postColumns(_ state: ConsoleState) -> [TableColumn<PostQuality>] {
        let s = state.strings
        let offset = state.offset
        let days = Int(state.qualityDays)
        return [
            TableColumn("post", title: s.colPost, width: .fixed(7)) { $0.post.code },
            TableColumn("complete", title: s.full, width: .fixed(5), align: .right, role: { ($0.completeness ?? 1) < 0.8 ? .critical : nil }) { percent($0.completeness) },
            TableColumn("timely", title: s.colOnTime, width: .fixed(7), align: .right) { percent($0.timeliness) },
            TableColumn("cells", title: s.day, width: .fixed(days)) { cells(QualityBoard.dayCells($0.cells, offset: offset), limit: days) },
            TableColumn("nopos", title: s.noPos, width: .fixed(6), align: .right) { row in percent(row.missing.share(row.missing.position)) },
            TableColumn("outliers", title: s.odd, width: .fixed(4), align: .right, role: { $0.outliers.isEmpty ? nil : .warning }) { String($0.outliers.count) },
            TableColumn("p50", title: "P50", width: .fixed(6), align: .right) { delay($0.delayP50) },
            TableColumn("p90", title: "P90", width: .fixed(6), align: .right) { delay($0.delayP90) },
            TableColumn("official", title: s.official, width: .fixed(8), align: .right) { row in
                row.provenance.total == 0 ? "—" : percent(Double(row.provenance.count("official")) / Double(row.provenance.total))
            },
            TableColumn("silent", title: s.silentSince, width: .flex(1, min: 12)) { row in
                row.silentSince.map { ReportsPane.shortTime($0, offset: offset) } ?? ""
            },
        ]
    }

    static func sectorColumns(_ state: ConsoleState) -> [TableColumn<SectorQuality>] {
        let s = state.strings
        return [
            TableColumn("sector", title: s.colSector, width: .fixed(9)) { $0.code },
            TableColumn("complete", title: s.full, width: .fixed(5), align: .right, role: { ($0.completeness ?? 1) < 0.8 ? .critical : nil }) { percent($0.completeness) },
            TableColumn("timely", title: s.colOnTime, width: .fixed(7), align: .right) { percent($0.timeliness) },
            TableColumn("cells", title: s.day, width: .fixed(Int(state.qualityDays))) { cells($0.cells, limit: Int(state.qualityDays)) },
            TableColumn("nopos", title: s.noPos, width: .fixed(6), align: .right) { row in percent(row.missing.share(row.missing.position)) },
            TableColumn("outliers", title: s.odd, width: .fixed(4), align: .right) { String($0.outliers) },
            TableColumn("silent", title: s.saySilent, width: .fixed(6), align: .right) { "\($0.silentPosts)/\($0.posts.count)" },
        ]
    }

    /// The selected post's figures and its outlier seizures, for the details (Enter).
    static func fields(_ state: ConsoleState) -> [DetailsPanel.Field] {
        let s = state.strings
        guard let code = state.qualityTable.selected, let row = state.quality?.posts.first(where: { $0.post.code == code }) else {
            return [.init("", s.nothingSelected, role: .dim)]
        }
        let p = row.post
        var out: [DetailsPanel.Field] = [
            .init(s.postDetails, "\(p.code) — \(p.nameEn) (\(p.nameRu)), \(s.sector) \(p.sector)"),
            .init(s.reportsEvery, DurationText.format(seconds: p.reportEvery) + ", " + s.grace + " " + DurationText.format(seconds: p.reportGrace)),
            .init(s.complete, "\(percent(row.completeness)): \(row.reported) " + s.of + " \(row.expected) " + s.periodsReported),
            .init(s.time, "\(percent(row.timeliness)): \(row.onTime) " + s.of + " \(row.expected)"),
            .init(s.delayP50P90, "\(delay(row.delayP50)) / \(delay(row.delayP90))"),
            .init(s.byDayLower, cells(QualityBoard.dayCells(row.cells, offset: state.offset))),
        ]
        if let run = row.longestLateRun {
            out.append(.init(s.lateStreak, "\(run.periods) " + s.periodsFrom + " " + ReportsPane.shortTime(run.from, offset: state.offset), role: .warning))
        }
        if let since = row.silentSince { out.append(.init(s.silentSinceLower, since.rfc3339(offsetSeconds: state.offset), role: .critical)) }
        let m = row.missing
        if m.seizures > 0 {
            out.append(.init(s.seizuresWithout,
                             "\(s.position) \(percent(m.share(m.position))), \(s.origin) \(percent(m.share(m.origin))), "
                             + "\(s.destination) \(percent(m.share(m.destination))), \(s.transport) \(percent(m.share(m.transport))) (\(m.seizures))"))
        }
        if row.provenance.total > 0 {
            out.append(.init(s.sources, ProvenanceMix.classes.compactMap { c in
                let n = row.provenance.count(c)
                return n == 0 ? nil : "\(c) \(n)"
            }.joined(separator: ", ")))
        }
        out.append(.init("", s.outlierSeizuresModifiedZ, role: .header))
        if row.outliers.isEmpty { out.append(.init("", s.sayNone, role: .dim)) }
        for o in row.outliers.prefix(40) {
            out.append(.init("", "seq \(o.seq) · \(TextSafety.terminal(o.id)) · \(TextSafety.terminal(o.substance)) · "
                             + JSONText.number((o.kilograms * 1000).rounded() / 1000) + " kg · z \(String(format: "%.1f", o.score))", role: .warning))
        }
        return out
    }
}
