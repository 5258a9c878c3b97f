import Foundation
import SitcenDomain
import SitcenQuality
import SitcenText
import TermUI

/// Seizures by substance category and reports by post, per day (or week) over 28 days, as
/// sparklines, with the last week's kilogram-equivalents as bars.
enum TrendsPane {
    static func render(_ state: ConsoleState, into buf: inout Buffer, area: Rect) {
        let s = state.strings
        let theme = state.theme
        let period = state.trendsPeriod
        let periodName = [s.daily, s.weekly, s.monthly][period.rawValue]
        let inner = Block(title: "\(s.trends) — \(periodName) (w)", note: ConsoleFilter.note(.trends, state), focused: true)
            .render(into: &buf, area: area, theme: theme)
        guard !inner.isEmpty else { return }
        var y = inner.y
        let labelW = 16
        let numberW = 8
        let sparkW = max(4, min(inner.width - labelW - numberW - 2, period.buckets))

        /// The last `buckets` buckets of `bucket` days (the year's series ends today).
        func series(_ v: [Double]) -> [Double] {
            let n = period.bucket
            let tail = Array(v.suffix(n * period.buckets))
            return stride(from: 0, to: tail.count, by: n).map { tail[$0..<min($0 + n, tail.count)].reduce(0, +) }
        }
        func line(_ label: String, _ values: [Double], role: StyleRole, total: String) {
            guard y < inner.maxY else { return }
            buf.put(label.padded(toWidth: labelW), x: inner.x, y: y, style: theme[role])
            Sparkline(Array(series(values).suffix(sparkW)), role: role).render(into: &buf, area: Rect(x: inner.x + labelW, y: y, width: sparkW, height: 1), theme: theme)
            buf.put(total.padded(toWidth: numberW, alignRight: true), x: inner.x + labelW + sparkW + 1, y: y, style: theme[.text])
            y += 1
        }
        buf.put(s.byCategory, x: inner.x, y: y, style: theme[.header])
        let bandX = inner.x + labelW + sparkW + numberW + 2
        if bandX + 24 <= inner.maxX {
            buf.put(s.nextWeek80Band, x: bandX, y: y, style: theme[.header], maxWidth: inner.maxX - bandX)
        }
        y += 1
        let forecasts = Dictionary(state.forecasts.map { ($0.series, $0) }, uniquingKeysWith: { a, _ in a })
        for (cat, values, _) in state.trends.byCategory {
            let row = y
            line(cat, values, role: StyleRole("cat." + cat), total: String(Int(series(values).reduce(0, +))))
            if let f = forecasts[cat], row < inner.maxY, bandX + 12 <= inner.maxX {
                ForecastBand.render(f, into: &buf, x: bandX, y: row, width: min(ForecastBand.wide, inner.maxX - bandX), role: StyleRole("cat." + cat), theme: theme)
            }
        }
        y += 1
        if y < inner.maxY { buf.put(s.byPost, x: inner.x, y: y, style: theme[.header]); y += 1 }
        for (post, values) in state.trends.byPost {
            line(post, values, role: .sparkline, total: String(Int(series(values).reduce(0, +))))
        }
        y += 1
        // Routes and market figures, in a column of their own on wide screens (right of the
        // forecast bands).
        let side = inner.width >= labelW + sparkW + numberW + 2 + ForecastBand.wide + 2 + 44
        let colX = side ? inner.x + labelW + sparkW + numberW + 2 + ForecastBand.wide + 2 : inner.x
        var cy = side ? inner.y : y
        func sideLine(_ text: String, _ role: StyleRole) {
            guard cy < inner.maxY else { return }
            buf.put(text, x: colX, y: cy, style: theme[role], maxWidth: inner.maxX - colX)
            cy += 1
        }
        sideLine(s.topRoutes, .header)
        for r in state.trends.routes {
            sideLine("\(r.origin) → \(r.destination)".padded(toWidth: 12) + String(r.seizures).padded(toWidth: 7, alignRight: true)
                     + formatKg(r.kilograms).padded(toWidth: 13, alignRight: true), .text)
        }
        if state.trends.routes.isEmpty { sideLine("—", .dim) }
        cy += 1
        sideLine(s.market, .header)
        for m in state.trends.market {
            let purity = m.meanPurity.map { String(format: "%.0f %%", $0) } ?? "—"
            let price = m.meanPricePerKg.map { "$" + formatKg($0).replacingOccurrences(of: " kg", with: "") + "/kg" } ?? "—"
            sideLine(m.category.padded(toWidth: 16) + String(m.reports).padded(toWidth: 5, alignRight: true)
                     + purity.padded(toWidth: 8, alignRight: true) + price.padded(toWidth: 14, alignRight: true), StyleRole("cat." + m.category))
        }
        if state.trends.market.isEmpty { sideLine("—", .dim) }
        if !side { y = cy + 1 }

        if y < inner.maxY { buf.put(s.kgLast7, x: inner.x, y: y, style: theme[.header]); y += 1 }
        let bars = state.trends.byCategory.filter { $0.2 > 0 }.map { cat, _, kg in
            BarChart.Bar(cat, kg, role: StyleRole("cat." + cat), valueText: formatKg(kg))
        }
        if y < inner.maxY {
            BarChart(bars).render(into: &buf, area: Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y), theme: theme)
        }
    }

    /// `1,234 kg`, right-aligned by the chart.
    static func formatKg(_ kg: Double) -> String {
        let v = Int(kg.rounded())
        var digits = String(v)
        var out = ""
        while digits.count > 3 { out = "," + digits.suffix(3) + out; digits = String(digits.dropLast(3)) }
        return digits + out + " kg"
    }
}

/// A series' forecast on one line: the next four weeks' means as a sparkline after a `┊`, the
/// next week's mean and its 80 % band, and how far to trust it (method, backtest MASE, how often
/// the 80 % band held).
enum ForecastBand {
    /// The width that holds everything: 8 weeks, the forecast, the band, method and backtest.
    static let wide = 58

    static func render(_ f: SeriesForecast, into buf: inout Buffer, x: Int, y: Int, width: Int, role: StyleRole, theme: Theme) {
        guard let next = f.forecast.points.first else { return }
        // Narrow: the forecast weeks and the band only; wide: the last weeks before them.
        let history = width >= 40 ? Array(f.history.suffix(8)) : []
        let top = max(1, (history + f.forecast.points.map(\.hi80)).max() ?? 1)
        var cx = x
        let spark = Sparkline(history, max: top, role: .dim)
        spark.render(into: &buf, area: Rect(x: cx, y: y, width: history.count, height: 1), theme: theme)
        cx += history.count
        cx = buf.put("┊", x: cx, y: y, style: theme[.dim], maxWidth: 1)
        let means = f.forecast.points.prefix(4).map(\.mean)
        Sparkline(means, max: top, role: role).render(into: &buf, area: Rect(x: cx, y: y, width: means.count, height: 1), theme: theme)
        cx += means.count + 1
        var text = "\(number(next.mean)) [\(number(next.lo80))–\(number(next.hi80))]"
        if let b = f.forecast.backtest, width >= 40 {
            let mase = b.mase.map { String(format: "%.2f", $0) } ?? "—"
            let held = b.coverage80.map { "\(Int(($0 * 100).rounded())) %" } ?? "—"
            text += "  \(f.forecast.method.rawValue), MASE \(mase), held \(held)"
        }
        buf.put(text, x: cx, y: y, style: theme[.text], maxWidth: max(0, x + width - cx))
    }

    static func number(_ v: Double) -> String { v >= 10 ? String(Int(v.rounded())) : String(format: "%.1f", v) }
}
