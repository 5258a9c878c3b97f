import SitcenText

/// One line with segments on the left and on the right (the right ones win when space is short).
public struct StatusBar: Sendable {
    public var left: [Span]
    public var right: [Span]
    public var role: StyleRole
    public init(left: [Span] = [], right: [Span] = [], role: StyleRole = .status) { self.left = left; self.right = right; self.role = role }

    /// Key hints (`q quit  ? help`) as spans in the status styles.
    public static func hints(_ pairs: [(key: String, label: String)], theme: Theme) -> [Span] {
        var out: [Span] = []
        for (i, p) in pairs.enumerated() {
            if i > 0 { out.append(Span("  ", theme[.status])) }
            out.append(Span(p.key, theme[.statusKey]))
            out.append(Span(" " + p.label, theme[.status]))
        }
        return out
    }

    public func render(into buf: inout Buffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buf.fill(row, style: theme[role])
        let rw = right.reduce(0) { $0 + $1.width }
        var rightStart = row.maxX
        if rw > 0 && rw + 1 <= row.width {
            rightStart = row.maxX - rw - 1
            buf.put(right, x: rightStart, y: row.y, maxWidth: rw)
        }
        buf.put([Span(" ", theme[role])] + left, x: row.x, y: row.y, maxWidth: max(0, rightStart - row.x - 1))
    }
}

/// Tabs in one line: ` Reports │ Posts │ Alerts `, the active one highlighted.
public struct Tabs: Sendable {
    public var titles: [String]
    public var selected: Int
    public init(_ titles: [String], selected: Int) { self.titles = titles; self.selected = selected }

    /// Draws the tabs; returns the column after the last.
    @discardableResult
    public func render(into buf: inout Buffer, area: Rect, theme: Theme) -> Int {
        guard !area.isEmpty else { return area.x }
        var x = area.x
        for (i, t) in titles.enumerated() {
            if i > 0 { x = buf.put("│", x: x, y: area.y, style: theme[.dim], maxWidth: area.maxX - x) }
            x = buf.put(" \(t) ", x: x, y: area.y, style: theme[i == selected ? .tabActive : .tab], maxWidth: area.maxX - x)
            if x >= area.maxX { break }
        }
        return x
    }
}

/// A sparkline of values with the eight block heights ▁▂▃▄▅▆▇█ (the newest value on the right);
/// taller areas stack blocks. Zero is blank.
public struct Sparkline: Sendable {
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    public var values: [Double]
    public var max: Double?
    public var role: StyleRole
    public init(_ values: [Double], max: Double? = nil, role: StyleRole = .sparkline) { self.values = values; self.max = max; self.role = role }

    /// The glyphs for one row (the bottom row when `height` is 1).
    public func row(_ r: Int, height: Int, width: Int) -> String {
        let shown = values.suffix(width)
        let top = self.max ?? (shown.max() ?? 0)
        var s = ""
        for v in shown {
            let units = top > 0 ? Int((Swift.max(0, v) / top * Double(height * 8)).rounded()) : 0
            let inRow = Swift.min(8, Swift.max(0, units - r * 8))
            s.append(inRow == 0 ? (r == 0 && v > 0 ? "▁" : " ") : Sparkline.levels[inRow - 1])
        }
        return s
    }

    public func render(into buf: inout Buffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        for r in 0..<area.height {
            let text = row(r, height: area.height, width: area.width)
            let x = area.maxX - text.count
            buf.put(text, x: x, y: area.maxY - 1 - r, style: theme[role], maxWidth: area.maxX - x)
        }
    }
}

/// A horizontal bar chart: `label ███████▍ value` per line, bars scaled to the largest value.
public struct BarChart: Sendable {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        public var role: StyleRole?
        public var valueText: String?
        public init(_ label: String, _ value: Double, role: StyleRole? = nil, valueText: String? = nil) {
            self.label = label; self.value = value; self.role = role; self.valueText = valueText
        }
    }
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
    public var bars: [Bar]
    public var max: Double?
    public init(_ bars: [Bar], max: Double? = nil) { self.bars = bars; self.max = max }

    /// The bar glyphs for `value` out of `top` in `width` columns.
    public static func bar(_ value: Double, top: Double, width: Int) -> String {
        guard top > 0, width > 0, value > 0 else { return "" }
        let units = Int((Swift.min(value, top) / top * Double(width * 8)).rounded())
        var s = String(repeating: "█", count: units / 8)
        if units % 8 > 0 { s.append(eighths[units % 8 - 1]) }
        if units == 0 { s = "▏" }
        return s
    }

    public func render(into buf: inout Buffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let top = self.max ?? (bars.map(\.value).max() ?? 0)
        let labelWidth = Swift.min(area.width / 3, bars.map { $0.label.displayWidth }.max() ?? 0)
        let texts = bars.map { $0.valueText ?? BarChart.format($0.value) }
        let valueWidth = texts.map(\.displayWidth).max() ?? 0
        let barWidth = Swift.max(0, area.width - labelWidth - valueWidth - 2)
        for (i, b) in bars.prefix(area.height).enumerated() {
            let y = area.y + i
            buf.put(b.label.padded(toWidth: labelWidth), x: area.x, y: y, style: theme[.text], maxWidth: labelWidth)
            let glyphs = BarChart.bar(b.value, top: top, width: barWidth)
            let end = buf.put(glyphs, x: area.x + labelWidth + 1, y: y, style: theme[b.role ?? .bar], maxWidth: barWidth)
            buf.put(texts[i], x: end + 1, y: y, style: theme[.dim], maxWidth: area.maxX - end - 1)
        }
    }

    public static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(format1: v)
    }
}

extension String {
    init(format1 v: Double) {
        let r = (v * 10).rounded() / 10
        self = String(r)
    }
}
