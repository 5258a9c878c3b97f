import CNcursesw

/// Draws buffers through ncursesw, writing only the cells that changed since the last frame
/// (then one `refresh`). Nothing at all is written when nothing changed. Colour pairs are
/// allocated as styles are first seen; colours are mapped down to what the terminal has.
public final class NcursesRenderer: Renderer {
    public private(set) var size: Size
    public let depth: ColorDepth
    private let defaultColors: Bool
    private let maxPairs: Int
    private var previous: Buffer?
    private var pairs: [Int32: Int16] = [:]
    private var styles: [Style: (attr_t, Int16)] = [:]
    /// Frames that changed something, and cells written in total (for diagnostics).
    public private(set) var framesWritten = 0
    public private(set) var cellsWritten = 0

    init(depth: ColorDepth, defaultColors: Bool, maxPairs: Int, size: Size) {
        self.depth = depth; self.defaultColors = defaultColors; self.maxPairs = min(maxPairs, Int(Int16.max)); self.size = size
    }

    func resize(_ s: Size) { size = s; invalidate() }

    public func invalidate() { previous = nil }

    public func draw(_ buffer: Buffer) {
        let scr = sitcen_stdscr()
        let changes: [Change]
        if let previous, previous.size == buffer.size {
            changes = Buffer.diff(previous, buffer)
            if changes.isEmpty { return }
        } else {
            clearok(scr, true)
            changes = buffer.allChanges
        }
        previous = buffer
        framesWritten += 1
        let h = Int32(size.height), w = size.width
        withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: 8) { wbuf in
            var cc = cchar_t()
            for ch in changes where ch.y < h {
                var x = ch.x
                for cell in ch.cells where !cell.isContinuation {
                    let cw = Int(cell.width)
                    if x + cw > w { break }
                    var n = 0
                    for s in cell.char.unicodeScalars where n < 5 { wbuf[n] = wchar_t(bitPattern: s.value); n += 1 }
                    wbuf[n] = 0
                    let (attr, pair) = resolve(cell.style)
                    setcchar(&cc, wbuf.baseAddress, attr, pair, nil)
                    mvwadd_wch(scr, Int32(ch.y), Int32(x), &cc)
                    cellsWritten += 1
                    x += cw
                }
            }
        }
        wrefresh(scr)
    }

    private func resolve(_ style: Style) -> (attr_t, Int16) {
        if let r = styles[style] { return r }
        var a = sitcen_a_normal()
        let at = style.attrs
        if at.contains(.bold) { a |= sitcen_a_bold() }
        if at.contains(.dim) { a |= sitcen_a_dim() }
        if at.contains(.italic) { a |= sitcen_a_italic() }
        if at.contains(.underline) { a |= sitcen_a_underline() }
        if at.contains(.reverse) { a |= sitcen_a_reverse() }
        if at.contains(.blink) { a |= sitcen_a_blink() }
        var fg = style.fg.index(for: depth), bg = style.bg.index(for: depth)
        if !defaultColors {
            if fg < 0 { fg = 7 }
            if bg < 0 { bg = 0 }
        }
        var pair: Int16 = 0
        if depth != .none && !(fg == -1 && bg == -1) {
            let key = Int32(fg + 1) << 16 | Int32(bg + 1)
            if let p = pairs[key] { pair = p } else if pairs.count + 1 < maxPairs {
                let p = Int16(pairs.count + 1)
                init_pair(p, Int16(fg), Int16(bg))
                pairs[key] = p
                pair = p
            }
        }
        styles[style] = (a, pair)
        return (a, pair)
    }
}
