import SitcenText

/// One terminal cell: a grapheme cluster, its style, and its display width.
///
/// A wide character (CJK, emoji) takes two cells: the first holds the character with `width == 2`,
/// the second is a *continuation* cell (`width == 0`) that a renderer skips. Graphemes are stored as
/// `Character`, which keeps clusters of up to 15 UTF-8 bytes inline (no heap allocation).
/// A cell's text has always passed through `TextSafety`: the only way to build one from outside
/// this module is `Cell(_:style:)`, which makes the text safe.
public struct Cell: Equatable, Sendable {
    public private(set) var char: Character
    /// 1 for most characters, 2 for the first cell of a wide character, 0 for its continuation.
    public private(set) var width: UInt8
    public var style: Style

    /// A cell showing `text`'s first grapheme (made safe), in `style`. Wide characters get width 2.
    public init(_ text: Character, style: Style = .plain) {
        let safe = TextSafety.terminal(String(text))
        let c = safe.first ?? " "
        self.init(unchecked: c, width: Cell.width(of: c), style: style)
    }

    init(unchecked char: Character, width: Int, style: Style) {
        self.char = char; self.width = UInt8(truncatingIfNeeded: width); self.style = style
    }

    /// An empty cell in the terminal's default colours.
    public static let blank = Cell(unchecked: " ", width: 1, style: .plain)

    public var isContinuation: Bool { width == 0 }

    /// A blank cell with `style`.
    public static func blank(_ style: Style) -> Cell { Cell(unchecked: " ", width: 1, style: style) }
    static func continuation(_ style: Style) -> Cell { Cell(unchecked: " ", width: 0, style: style) }

    /// Width of an already safe character, clamped to 1…2 (zero-width clusters are given a
    /// base by `Buffer.put`).
    @inline(__always)
    static func width(of c: Character) -> Int {
        if c.isASCII { return 1 }
        return min(2, max(1, DisplayWidth.of(c)))
    }

    @inline(__always)
    public static func == (a: Cell, b: Cell) -> Bool {
        a.width == b.width && a.style == b.style && a.char == b.char
    }
}

/// A styled piece of text.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style
    public init(_ text: String, _ style: Style = .plain) { self.text = text; self.style = style }
    public var width: Int { TextSafety.terminal(text).displayWidth }
}

/// A frame: `width × height` cells in one flat array, row by row. Every view renders into a
/// buffer; the renderer sends only the difference from the last one to the terminal.
public struct Buffer: Equatable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank(style), count: self.width * self.height)
    }
    public init(size: Size, style: Style = .plain) { self.init(width: size.width, height: size.height, style: style) }

    public var size: Size { Size(width: width, height: height) }
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y); a blank cell outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    // MARK: writing

    /// Writes `text` (made safe for a single line) at (x, y) in `style`, at most `maxWidth` columns
    /// (and never past the buffer's right edge). A wide character that would not fit is replaced by
    /// a space, so it is never cut in half. Returns the column after the last one written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return x }
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        var col = x
        let safe = TextSafety.terminal(text)
        if let ascii = safe.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy { $0 < 0x80 } }), ascii {
            // Fast path: plain ASCII, one column per byte.
            for b in safe.utf8 {
                if col >= limit { break }
                if col >= 0 { setCell(col, y, Cell(unchecked: Character(Unicode.Scalar(b)), width: 1, style: style)) }
                col += 1
            }
            return max(col, x)
        }
        for var c in safe {
            if col >= limit { break }
            var w = DisplayWidth.of(c)
            if w == 0 {
                // A combining mark with nothing to combine with: give it a base.
                c = Character(" " + String(c)); w = 1
            }
            w = min(w, 2)
            if col + w > limit {
                // A wide character would be cut at the edge: write a space instead.
                if col >= 0 { setCell(col, y, .blank(style)) }
                col += 1
                break
            }
            if col >= 0 {
                setCell(col, y, Cell(unchecked: c, width: w, style: style))
                if w == 2 { setCell(col + 1, y, .continuation(style)) }
            } else if w == 2 && col + 1 >= 0 {
                setCell(col + 1, y, .blank(style))
            }
            col += w
        }
        return max(col, x)
    }

    /// Writes styled spans one after the other from (x, y), within `maxWidth` columns.
    @discardableResult
    public mutating func put(_ spans: [Span], x: Int, y: Int, maxWidth: Int? = nil) -> Int {
        let limit = maxWidth.map { x + max(0, $0) } ?? width
        var col = x
        for s in spans where col < limit {
            col = put(s.text, x: col, y: y, style: s.style, maxWidth: limit - col)
        }
        return col
    }

    /// Writes `text` into a row of `area`, aligned, cut with an ellipsis if it is too long.
    @discardableResult
    public mutating func put(_ text: String, in area: Rect, row: Int = 0, style: Style = .plain,
                             align: Alignment = .left, fill: Bool = false) -> Int {
        guard row >= 0, row < area.height, area.width > 0 else { return area.x }
        let y = area.y + row
        if fill { self.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style) }
        var s = TextSafety.terminal(text)
        var w = s.displayWidth
        if w > area.width { s = s.truncated(toWidth: area.width); w = s.displayWidth }
        let x: Int
        switch align {
        case .left: x = area.x
        case .right: x = area.maxX - w
        case .center: x = area.x + (area.width - w) / 2
        }
        return put(s, x: x, y: y, style: style, maxWidth: area.maxX - x)
    }

    /// Sets one cell, keeping wide characters whole: overwriting either half of a wide character
    /// turns its other half into a space.
    @inline(__always)
    mutating func setCell(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = y * width + x
        let old = cells[i]
        if old.width == 2 && cell.width != 0 && x + 1 < width {
            cells[i + 1] = .blank(cells[i + 1].style)
        } else if old.width == 0 && cell.width != 0 && x > 0 && cells[i - 1].width == 2 {
            cells[i - 1] = .blank(cells[i - 1].style)
        }
        cells[i] = cell
    }

    /// Sets a cell to a character (made safe) in `style`.
    public mutating func set(x: Int, y: Int, _ char: Character, style: Style = .plain) {
        put(String(char), x: x, y: y, style: style, maxWidth: 2)
    }

    /// Fills `rect` (clipped to the buffer) with `char` in `style`.
    public mutating func fill(_ rect: Rect, char: Character = " ", style: Style = .plain) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        let cell = char == " " ? Cell.blank(style) : Cell(char, style: style)
        if cell.width == 2 {
            for y in r.y..<r.maxY {
                var x = r.x
                while x + 1 < r.maxX { setCell(x, y, cell); setCell(x + 1, y, .continuation(style)); x += 2 }
                if x < r.maxX { setCell(x, y, .blank(style)) }
            }
            return
        }
        for y in r.y..<r.maxY {
            // Keep wide characters that straddle the rect's edges whole.
            if r.x > 0, cells[y * width + r.x].width == 0 { cells[y * width + r.x - 1] = .blank(cells[y * width + r.x - 1].style) }
            if r.maxX < width, cells[y * width + r.maxX].width == 0 { cells[y * width + r.maxX] = .blank(cells[y * width + r.maxX].style) }
            let start = y * width + r.x
            for i in start..<(start + r.width) { cells[i] = cell }
        }
    }

    /// Changes the style of every cell in `rect`, leaving the characters.
    public mutating func setStyle(_ rect: Rect, _ style: Style) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY { for x in r.x..<r.maxX { cells[y * width + x].style = style } }
    }

    /// Lays `style` over the style of every cell in `rect` (see `Style.patched`).
    public mutating func patchStyle(_ rect: Rect, _ style: Style) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY { for x in r.x..<r.maxX { cells[y * width + x].style = cells[y * width + x].style.patched(with: style) } }
    }

    /// Copies `other` into this buffer with its top-left corner at (x, y).
    public mutating func blit(_ other: Buffer, x: Int, y: Int) {
        for oy in 0..<other.height {
            for ox in 0..<other.width {
                let c = other.cells[oy * other.width + ox]
                guard !c.isContinuation else { continue }
                let tx = x + ox, ty = y + oy
                guard tx >= 0, ty >= 0, tx < width, ty < height else { continue }
                if c.width == 2 {
                    if tx + 1 < width { setCell(tx, ty, c); setCell(tx + 1, ty, .continuation(c.style)) } else { setCell(tx, ty, .blank(c.style)) }
                } else { setCell(tx, ty, c) }
            }
        }
    }

    // MARK: reading (tests)

    /// The text of row `y` (continuation cells skipped, so a wide character appears once).
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var s = ""
        for x in 0..<width {
            let c = cells[y * width + x]
            if !c.isContinuation { s.append(c.char) }
        }
        return s
    }

    /// Every row as plain text, for tests (like ratatui's TestBackend).
    public func lines(trimmingTrailingSpaces trim: Bool = false) -> [String] {
        (0..<height).map { y in
            let l = line(y)
            guard trim else { return l }
            var s = Substring(l)
            while s.last == " " { s.removeLast() }
            return String(s)
        }
    }

    /// The whole buffer as text, rows joined with newlines, trailing spaces trimmed.
    public var text: String { lines(trimmingTrailingSpaces: true).joined(separator: "\n") }

    /// True if any row contains `text`.
    public func contains(_ text: String) -> Bool { lines().contains { $0.contains(text) } }

    /// The first (x, y) where `text` occurs, in columns.
    public func find(_ text: String) -> (x: Int, y: Int)? {
        for y in 0..<height {
            let l = line(y)
            guard let r = l.range(of: text) else { continue }
            return (String(l[..<r.lowerBound]).displayWidth, y)
        }
        return nil
    }
}
