import SitcenDomain
import SitcenText
import TermUI

/// Seizures by substance category and reports by post, per day (or week) over 28 days, as
/// sparklines, with the last week's kilogram-equivalents as bars.
enum TrendsPane {
    static func render(_ state: ConsoleState, into buf: inout Buffer, area: Rect) {
        let s = state.strings
        let theme = state.theme
        let inner = Block(title: "\(s.trends) — \(state.trendsWeekly ? s.weekly : s.daily) (w)", focused: true)
            .render(into: &buf, area: area, theme: theme)
        guard !inner.isEmpty else { return }
        var y = inner.y
        let labelW = 16
        let numberW = 8
        let sparkW = max(4, min(inner.width - labelW - numberW - 2, state.trendsWeekly ? 4 : 28))

        func series(_ v: [Double]) -> [Double] {
            guard state.trendsWeekly else { return v }
            return stride(from: 0, to: v.count, by: 7).map { v[$0..<min($0 + 7, v.count)].reduce(0, +) }
        }
        func line(_ label: String, _ values: [Double], role: Role, total: String) {
            guard y < inner.maxY else { return }
            buf.put(label.padded(toWidth: labelW), x: inner.x, y: y, style: theme[role])
            Sparkline(Array(series(values).suffix(sparkW)), role: role).render(into: &buf, area: Rect(x: inner.x + labelW, y: y, width: sparkW, height: 1), theme: theme)
            buf.put(total.padded(toWidth: numberW, alignRight: true), x: inner.x + labelW + sparkW + 1, y: y, style: theme[.text])
            y += 1
        }
        buf.put(s.byCategory, x: inner.x, y: y, style: theme[.header]); y += 1
        for (cat, values, _) in state.trends.byCategory {
            line(cat, values, role: Role("cat." + cat), total: String(Int(values.reduce(0, +))))
        }
        y += 1
        if y < inner.maxY { buf.put(s.byPost, x: inner.x, y: y, style: theme[.header]); y += 1 }
        for (post, values) in state.trends.byPost {
            line(post, values, role: .sparkline, total: String(Int(values.reduce(0, +))))
        }
        y += 1
        if y < inner.maxY { buf.put(s.kgLast7, x: inner.x, y: y, style: theme[.header]); y += 1 }
        let bars = state.trends.byCategory.filter { $0.2 > 0 }.map { cat, _, kg in
            BarChart.Bar(cat, kg, role: Role("cat." + cat), valueText: formatKg(kg))
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
