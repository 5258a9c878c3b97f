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
        let title = "\(s.qualityView) — \(state.qualityDays) \(s.t("days", "дн.")) (● \(s.t("on time", "вовремя")) ◐ \(s.t("late", "поздно")) ○ \(s.t("missing", "нет")))"
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
            let line = s.t("sectors: ", "секторы: ") + sectors.prefix(6).map { "\($0.code) \(percent($0.completeness))" }.joined(separator: " · ")
            buf.put(line, x: inner.x, y: y, style: state.theme[.dim], maxWidth: inner.width)
            y += 1
        }
        Table<PostQuality, String>(columns: postColumns(state), rows: rows(state), id: { $0.post.code }, focused: true,
                                   rowRole: { ($0.completeness ?? 1) < 0.8 ? .warning : nil },
                                   emptyText: s.t("No posts in scope.", "Нет постов."))
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
            TableColumn("complete", title: s.t("FULL", "ПОЛН."), width: .fixed(5), align: .right, role: { ($0.completeness ?? 1) < 0.8 ? .critical : nil }) { percent($0.completeness) },
            TableColumn("timely", title: s.t("ON TIME", "ВОВРЕМЯ"), width: .fixed(7), align: .right) { percent($0.timeliness) },
            TableColumn("cells", title: s.t("BY DAY", "ПО ДНЯМ"), width: .fixed(days)) { cells(QualityBoard.dayCells($0.cells, offset: offset), limit: days) },
            TableColumn("nopos", title: s.t("NO POS", "БЕЗ КООРД."), width: .fixed(6), align: .right) { row in percent(row.missing.share(row.missing.position)) },
            TableColumn("outliers", title: s.t("ODD", "ВЫБР."), width: .fixed(4), align: .right, role: { $0.outliers.isEmpty ? nil : .warning }) { String($0.outliers.count) },
            TableColumn("p50", title: "P50", width: .fixed(6), align: .right) { delay($0.delayP50) },
            TableColumn("p90", title: "P90", width: .fixed(6), align: .right) { delay($0.delayP90) },
            TableColumn("official", title: s.t("OFFICIAL", "ОФИЦ."), width: .fixed(8), align: .right) { row in
                row.provenance.total == 0 ? "—" : percent(Double(row.provenance.count("official")) / Double(row.provenance.total))
            },
            TableColumn("silent", title: s.t("SILENT SINCE", "МОЛЧИТ С"), width: .flex(1, min: 12)) { row in
                row.silentSince.map { ReportsPane.shortTime($0, offset: offset) } ?? ""
            },
        ]
    }

    static func sectorColumns(_ state: ConsoleState) -> [TableColumn<SectorQuality>] {
        let s = state.strings
        return [
            TableColumn("sector", title: s.colSector, width: .fixed(9)) { $0.code },
            TableColumn("complete", title: s.t("FULL", "ПОЛН."), width: .fixed(5), align: .right, role: { ($0.completeness ?? 1) < 0.8 ? .critical : nil }) { percent($0.completeness) },
            TableColumn("timely", title: s.t("ON TIME", "ВОВРЕМЯ"), width: .fixed(7), align: .right) { percent($0.timeliness) },
            TableColumn("cells", title: s.t("BY DAY", "ПО ДНЯМ"), width: .fixed(Int(state.qualityDays))) { cells($0.cells, limit: Int(state.qualityDays)) },
            TableColumn("nopos", title: s.t("NO POS", "БЕЗ КООРД."), width: .fixed(6), align: .right) { row in percent(row.missing.share(row.missing.position)) },
            TableColumn("outliers", title: s.t("ODD", "ВЫБР."), width: .fixed(4), align: .right) { String($0.outliers) },
            TableColumn("silent", title: s.t("SILENT", "МОЛЧАТ"), width: .fixed(6), align: .right) { "\($0.silentPosts)/\($0.posts.count)" },
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
            .init(s.t("reports every", "сообщает раз в"), DurationText.format(seconds: p.reportEvery) + ", " + s.t("grace", "допуск") + " " + DurationText.format(seconds: p.reportGrace)),
            .init(s.t("complete", "полнота"), "\(percent(row.completeness)): \(row.reported) " + s.t("of", "из") + " \(row.expected) " + s.t("periods reported", "периодов")),
            .init(s.t("on time", "вовремя"), "\(percent(row.timeliness)): \(row.onTime) " + s.t("of", "из") + " \(row.expected)"),
            .init(s.t("delay p50/p90", "задержка p50/p90"), "\(delay(row.delayP50)) / \(delay(row.delayP90))"),
            .init(s.t("by day", "по дням"), cells(QualityBoard.dayCells(row.cells, offset: state.offset))),
        ]
        if let run = row.longestLateRun {
            out.append(.init(s.t("late streak", "опоздания подряд"), "\(run.periods) " + s.t("periods from", "периодов с") + " " + ReportsPane.shortTime(run.from, offset: state.offset), role: .warning))
        }
        if let since = row.silentSince { out.append(.init(s.t("silent since", "молчит с"), since.rfc3339(offsetSeconds: state.offset), role: .critical)) }
        let m = row.missing
        if m.seizures > 0 {
            out.append(.init(s.t("seizures without", "изъятия без"),
                             "\(s.t("position", "координат")) \(percent(m.share(m.position))), \(s.t("origin", "откуда")) \(percent(m.share(m.origin))), "
                             + "\(s.t("destination", "куда")) \(percent(m.share(m.destination))), \(s.t("transport", "транспорта")) \(percent(m.share(m.transport))) (\(m.seizures))"))
        }
        if row.provenance.total > 0 {
            out.append(.init(s.t("sources", "источники"), ProvenanceMix.classes.compactMap { c in
                let n = row.provenance.count(c)
                return n == 0 ? nil : "\(c) \(n)"
            }.joined(separator: ", ")))
        }
        out.append(.init("", s.t("outlier seizures (modified z-score over 3.5 for the substance)", "выбросы (модифицированная z-оценка выше 3.5)"), role: .header))
        if row.outliers.isEmpty { out.append(.init("", s.t("none", "нет"), role: .dim)) }
        for o in row.outliers.prefix(40) {
            out.append(.init("", "seq \(o.seq) · \(TextSafety.terminal(o.id)) · \(TextSafety.terminal(o.substance)) · "
                             + JSONText.number((o.kilograms * 1000).rounded() / 1000) + " kg · z \(String(format: "%.1f", o.score))", role: .warning))
        }
        return out
    }
}
