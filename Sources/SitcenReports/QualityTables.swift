import Foundation
import SitcenDomain
import SitcenQuality

/// The data-quality board as a table for people: text, CSV or Markdown, in English or Russian.
public enum QualityTables {
    /// `o` on time, `L` late, `x` missing, `-` not expected: one letter a day.
    public static func dayLetters(_ cells: [DayCell]) -> String {
        String(cells.map { c -> Character in
            switch c.state {
            case .onTime: return "o"
            case .late: return "L"
            case .missing: return "x"
            case .notExpected: return "-"
            }
        })
    }

    static func percent(_ v: Double?) -> String { v.map { "\(Int(($0 * 100).rounded())) %" } ?? "—" }
    static func fraction(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "" }
    static func time(_ t: Timestamp?, offset: Int32, csv: Bool) -> String {
        guard let t else { return csv ? "" : "—" }
        if csv { return t.rfc3339(offsetSeconds: offset) }
        let c = t.components(offsetSeconds: offset)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day, c.hour, c.minute)
    }

    static func zone(_ offset: Int32) -> String {
        offset == 0 ? "UTC" : String(format: "UTC%@%d", offset < 0 ? "-" : "+", abs(offset) / 3600)
            + (offset % 3600 == 0 ? "" : String(format: ":%02d", abs(offset) / 60 % 60))
    }

    public static func board(_ b: QualityBoard, format: TableFormat, language l: ReportLanguage) -> String {
        let csv = format == .csv
        let off = b.window.offset
        func delay(_ s: Int64?) -> String { s.map { csv ? String($0) : DurationText.format(seconds: $0) } ?? (csv ? "" : "—") }
        func share(_ m: MissingFields, _ n: Int) -> String { csv ? fraction(m.share(n)) : percent(m.share(n)) }
        func rate(_ v: Double?) -> String { csv ? fraction(v) : percent(v) }

        var out = ""
        if !csv {
            out += TableText.heading(l.t("Data quality", "Качество данных") + (b.sector.map { " — " + l.t("sector ", "сектор ") + $0 } ?? "")
                + " — " + time(b.window.from, offset: off, csv: false) + " – " + time(b.window.to, offset: off, csv: false)
                + " (\(zone(off)))", level: 1, format: format)
            out += l.t("Days: o on time, L late, x missing, - not expected. Worst first.",
                       "Дни: o вовремя, L с опозданием, x нет донесения, - не ожидалось. Худшие сверху.") + "\n\n"
        }
        let postHeaders = [l.t("post", "пост"), l.t("name", "название"), l.t("sector", "сектор"), l.t("every", "период"),
                           l.t("expected", "ожидалось"), l.t("reported", "получено"), l.t("on time", "вовремя"),
                           l.t("complete", "полнота"), l.t("timely", "своевременность"),
                           l.t("delay p50", "задержка p50"), l.t("delay p90", "задержка p90"),
                           l.t("no position", "без координат"), l.t("no origin", "без происхождения"),
                           l.t("no destination", "без назначения"), l.t("no transport", "без транспорта"),
                           l.t("outliers", "выбросы"), l.t("last contact", "последний контакт"), l.t("silent since", "молчит с"),
                           l.t("official", "офиц."), l.t("mandated", "мандат"), l.t("open source", "откр. источн."),
                           l.t("days", "дни")]
        func postRow(_ p: PostQuality) -> [String] {
            let openSource = p.provenance.count("open_source") + p.provenance.count("open_source_verified")
            return [p.post.code, p.post.name(russian: l == .ru), p.post.sector, "\(p.post.reportEvery / 3600)h",
                    String(p.expected), String(p.reported), String(p.onTime), rate(p.completeness), rate(p.timeliness),
                    delay(p.delayP50), delay(p.delayP90),
                    share(p.missing, p.missing.position), share(p.missing, p.missing.origin),
                    share(p.missing, p.missing.destination), share(p.missing, p.missing.transport),
                    String(p.outliers.count), time(p.lastContact, offset: off, csv: csv), time(p.silentSince, offset: off, csv: csv),
                    String(p.provenance.count("official")), String(p.provenance.count("mandated")), String(openSource),
                    dayLetters(QualityBoard.dayCells(p.cells, offset: off))]
        }
        func sectorRow(_ s: SectorQuality) -> [String] {
            let openSource = s.provenance.count("open_source") + s.provenance.count("open_source_verified")
            return [s.code, l.t(s.posts.count == 1 ? "1 post" : "\(s.posts.count) posts", "постов: \(s.posts.count)"), csv ? s.code : "", "",
                    String(s.expected), String(s.reported), String(s.onTime), rate(s.completeness), rate(s.timeliness), "", "",
                    share(s.missing, s.missing.position), share(s.missing, s.missing.origin),
                    share(s.missing, s.missing.destination), share(s.missing, s.missing.transport),
                    String(s.outliers), "", csv ? String(s.silentPosts) : l.t("\(s.silentPosts) silent", "молчат: \(s.silentPosts)"),
                    String(s.provenance.count("official")), String(s.provenance.count("mandated")), String(openSource),
                    dayLetters(s.cells)]
        }
        let right: Set<Int> = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 18, 19, 20]
        if csv {
            let level = l.t("level", "уровень")
            let rows = b.posts.map { [l.t("post", "пост")] + postRow($0) } + b.sectors.map { [l.t("sector", "сектор")] + sectorRow($0) }
            return TableText.render([level] + postHeaders, rows, format: .csv)
        }
        out += TableText.heading(l.t("By post", "По постам"), level: 2, format: format)
        out += TableText.render(postHeaders, b.posts.map(postRow), right: right, format: format)
        out += "\n" + TableText.heading(l.t("By sector", "По секторам"), level: 2, format: format)
        let sectorHeaders = [l.t("sector", "сектор"), l.t("posts", "посты"), "", ""] + postHeaders.dropFirst(4)
        out += TableText.render(sectorHeaders, b.sectors.map(sectorRow), right: right, format: format)
        let outliers = b.posts.flatMap(\.outliers).sorted { abs($0.score) > abs($1.score) }
        out += "\n" + TableText.heading(l.t("Outliers (modified z-score over 3.5)", "Выбросы (модифицированная z-оценка больше 3,5)"), level: 2, format: format)
        out += outliers.isEmpty ? l.t("None.\n", "Нет.\n") : TableText.render(
            [l.t("post", "пост"), "id", l.t("substance", "вещество"), l.t("kg-eq.", "кг-экв."), "z"],
            outliers.map { [$0.post, $0.id, $0.substance, String(format: "%.3f", $0.kilograms), String(format: "%.1f", $0.score)] },
            right: [3, 4], format: format)
        return out
    }
}
