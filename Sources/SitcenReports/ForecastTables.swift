import Foundation
import SitcenQuality

/// Forecasts as tables for people: text, CSV (one row a week, history and forecast) or
/// Markdown, in English or Russian.
public enum ForecastTables {
    static func number(_ v: Double, _ metric: SeriesMetric) -> String {
        metric == .count && v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
    }
    static func exact(_ v: Double) -> String { String(format: "%.3f", v) }
    static func optional(_ v: Double?, percent: Bool) -> String {
        guard let v else { return "—" }
        return percent ? "\(Int((v * 100).rounded())) %" : String(format: "%.2f", v)
    }

    public static func forecasts(_ list: [SeriesForecast], request: ForecastRequest, format: TableFormat,
                                 language l: ReportLanguage) -> String {
        if format == .csv { return csv(list, language: l) }
        let by = [SeriesDimension.category: l.t("by category", "по категориям"), .substance: l.t("by substance", "по веществам"),
                  .post: l.t("by post", "по постам")][request.by]!
        let what = request.metric == .count ? l.t("seizures", "число изъятий") : l.t("kilogram-equivalents", "килограмм-эквиваленты")
        var out = TableText.heading(l.t("Forecasts", "Прогнозы") + " — " + what + ", " + by
                                    + (request.sector.map { ", " + l.t("sector ", "сектор ") + $0 } ?? ""), level: 1, format: format)
        out += l.t(
            "Weeks run Monday to Sunday. Bands: 80 % and 95 %, from the method's own backtest errors. MASE below 1: better than the naive forecast on this history.",
            "Недели с понедельника по воскресенье. Интервалы 80 % и 95 % — по ошибкам ретроспективной проверки метода. MASE меньше 1 — точнее наивного прогноза на этой истории.") + "\n\n"
        guard !list.isEmpty else { return out + l.t("No series: no whole week of seizures yet.\n", "Рядов нет: ещё нет ни одной полной недели изъятий.\n") }
        let h = request.weeks
        func band(_ p: ForecastPoint) -> String { "\(number(p.mean, request.metric)) (\(number(p.lo80, request.metric))–\(number(p.hi80, request.metric)))" }
        out += TableText.render(
            [l.t("series", "ряд"), l.t("method", "метод"), l.t("weeks", "недель"), l.t("last week", "прошлая неделя"),
             l.t("week 1 (80 %)", "неделя 1 (80 %)"), l.t("week \(h) (80 %)", "неделя \(h) (80 %)"), "MASE",
             l.t("held 80 %", "охват 80 %"), l.t("held 95 %", "охват 95 %")],
            list.map { s in
                [s.series, s.forecast.method.rawValue, String(s.history.count), s.history.last.map { number($0, request.metric) } ?? "—",
                 s.forecast.points.first.map(band) ?? "—", s.forecast.points.last.map(band) ?? "—",
                 optional(s.forecast.backtest?.mase, percent: false),
                 optional(s.forecast.backtest?.coverage80, percent: true), optional(s.forecast.backtest?.coverage95, percent: true)]
            }, right: [2, 3, 6, 7, 8], format: format)
        for s in list {
            out += "\n" + TableText.heading(s.series + " — " + s.forecast.method.rawValue, level: 2, format: format)
            out += TableText.render(
                [l.t("week", "неделя"), l.t("forecast", "прогноз"), l.t("80 % band", "интервал 80 %"), l.t("95 % band", "интервал 95 %")],
                s.forecast.points.enumerated().map { i, p in
                    [QualityCalendar.date(day: s.forecastMonday(i)), number(p.mean, request.metric),
                     number(p.lo80, request.metric) + "–" + number(p.hi80, request.metric),
                     number(p.lo95, request.metric) + "–" + number(p.hi95, request.metric)]
                }, right: [1], format: format)
        }
        return out
    }

    /// One row a week: the history (`value`), then the forecast (`mean` and bands); the method
    /// and its backtest on every row, so that each row stands alone.
    static func csv(_ list: [SeriesForecast], language l: ReportLanguage) -> String {
        let headers = [l.t("series", "ряд"), l.t("kind", "вид"), l.t("week", "неделя"), l.t("value", "значение"),
                       l.t("mean", "прогноз"), "lo80", "hi80", "lo95", "hi95", l.t("method", "метод"), "mase",
                       l.t("coverage80", "охват80"), l.t("coverage95", "охват95")]
        var rows: [[String]] = []
        for s in list {
            let b = s.forecast.backtest
            let tail = [s.forecast.method.rawValue, b?.mase.map(exact) ?? "", b?.coverage80.map(exact) ?? "", b?.coverage95.map(exact) ?? ""]
            for (i, v) in s.history.enumerated() {
                rows.append([s.series, l.t("history", "история"), QualityCalendar.date(day: s.historyMonday(i)), exact(v), "", "", "", "", ""] + tail)
            }
            for (i, p) in s.forecast.points.enumerated() {
                rows.append([s.series, l.t("forecast", "прогноз"), QualityCalendar.date(day: s.forecastMonday(i)), "",
                             exact(p.mean), exact(p.lo80), exact(p.hi80), exact(p.lo95), exact(p.hi95)] + tail)
            }
        }
        return TableText.render(headers, rows, format: .csv)
    }
}
