import SitcenText

/// Word wrapping by display width. Text is made safe first (multi-line mode: newlines kept,
/// everything else that could act on the terminal made visible).
public enum Wrap {
    /// `text` broken into lines of at most `width` columns: at spaces where possible, inside a
    /// word only when the word is longer than a line; never inside a wide character.
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        let safe = TextSafety.terminal(text, mode: .multiLine)
        var out: [String] = []
        for paragraph in safe.split(separator: "\n", omittingEmptySubsequences: false) {
            out.append(contentsOf: wrapLine(String(paragraph), width: width))
        }
        return out
    }

    static func wrapLine(_ line: String, width: Int) -> [String] {
        if line.displayWidth <= width { return [line] }
        var out: [String] = []
        var current = ""
        var currentWidth = 0
        // Words keep their leading spaces with them, except at the start of a line.
        var words: [String] = []
        var word = ""
        var inSpaces = false
        for c in line {
            if c == " " {
                if !inSpaces && !word.isEmpty { words.append(word); word = "" }
                inSpaces = true
                word.append(c)
            } else {
                if inSpaces { inSpaces = false }
                word.append(c)
            }
        }
        if !word.isEmpty { words.append(word) }
        for w in words {
            let ww = w.displayWidth
            if currentWidth + ww <= width { current += w; currentWidth += ww; continue }
            // Start a new line with the word, without its leading spaces.
            var piece = Substring(w)
            if !current.isEmpty {
                out.append(current.trailingSpacesRemoved)
                current = ""; currentWidth = 0
                while piece.first == " " { piece.removeFirst() }
            }
            for c in piece {
                let cw = max(1, DisplayWidth.of(c))
                if currentWidth + cw > width {
                    out.append(current.trailingSpacesRemoved)
                    current = ""; currentWidth = 0
                    if c == " " { continue }
                }
                current.append(c); currentWidth += cw
            }
        }
        if !current.isEmpty || out.isEmpty { out.append(current.trailingSpacesRemoved) }
        return out
    }
}

extension String {
    var trailingSpacesRemoved: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

/// A panel of wrapped text (multi-line), scrolled by `scroll` lines.
public struct TextPanel: Sendable {
    public var text: String
    public var role: StyleRole
    public var scroll: Int
    /// Lines holding this text (folded: case and script) are highlighted (a search).
    public var highlight: String?
    public init(_ text: String, role: StyleRole = .text, scroll: Int = 0, highlight: String? = nil) {
        self.text = text; self.role = role; self.scroll = scroll; self.highlight = highlight
    }

    /// How many lines the text takes at `width`.
    public func lineCount(width: Int) -> Int { Wrap.lines(text, width: width).count }

    public func render(into buf: inout Buffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let lines = Wrap.lines(text, width: area.width)
        let start = max(0, min(scroll, max(0, lines.count - area.height)))
        let needle = highlight.map { Fold.key($0) } ?? ""
        for (i, l) in lines.dropFirst(start).prefix(area.height).enumerated() {
            let hit = !needle.isEmpty && Fold.key(l).contains(needle)
            buf.put(l, x: area.x, y: area.y + i, style: hit ? theme[.accent].adding(.reverse) : theme[role], maxWidth: area.width)
        }
        if lines.count - start > area.height, area.width > 0 {
            buf.put("↓", x: area.maxX - 1, y: area.maxY - 1, style: theme[.dim])
        }
    }
}

/// Label/value pairs, values wrapped with a hanging indent:
/// ```
/// Post:      Хоргос
/// Substance: героин (opiates), 12.5 kg
/// ```
public struct DetailsPanel: Sendable {
    public struct Field: Sendable {
        public var label: String
        public var value: String
        public var role: StyleRole
        public init(_ label: String, _ value: String, role: StyleRole = .text) { self.label = label; self.value = value; self.role = role }
    }
    public var fields: [Field]
    public var scroll: Int
    public init(_ fields: [Field], scroll: Int = 0) { self.fields = fields; self.scroll = scroll }

    public func lines(width: Int, theme: Theme) -> [[Span]] {
        guard width > 0 else { return [] }
        let labelWidth = min(max(0, width / 3), (fields.map { $0.label.displayWidth }.max() ?? 0) + 1)
        var out: [[Span]] = []
        for f in fields {
            let valueWidth = max(1, width - labelWidth - 1)
            let wrapped = Wrap.lines(f.value, width: valueWidth)
            for (i, l) in (wrapped.isEmpty ? [""] : wrapped).enumerated() {
                // A field without a label is a heading or a line of a list: no colon.
                let label = i == 0 && !f.label.isEmpty ? (f.label + ":").padded(toWidth: labelWidth) : String(repeating: " ", count: labelWidth)
                out.append([Span(label + " ", theme[.dim]), Span(l, theme[f.role])])
            }
        }
        return out
    }

    public func render(into buf: inout Buffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let ls = lines(width: area.width, theme: theme)
        let start = max(0, min(scroll, max(0, ls.count - area.height)))
        for (i, l) in ls.dropFirst(start).prefix(area.height).enumerated() {
            buf.put(l, x: area.x, y: area.y + i, maxWidth: area.width)
        }
    }
}
