/// A bordered pane with an optional title on its top border (and a note on the right).
public struct Block: Sendable {
    public var title: String?
    public var note: String?
    public var focused: Bool
    public var borders: Bool

    public init(title: String? = nil, note: String? = nil, focused: Bool = false, borders: Bool = true) {
        self.title = title; self.note = note; self.focused = focused; self.borders = borders
    }

    /// Draws the border and title; returns the area inside.
    @discardableResult
    public func render(into buf: inout Buffer, area: Rect, theme: Theme) -> Rect {
        guard borders, area.width >= 2, area.height >= 2 else { return area }
        let st = theme[focused ? .borderFocus : .border]
        let h = String(repeating: "─", count: area.width - 2)
        buf.put("┌" + h + "┐", x: area.x, y: area.y, style: st)
        for y in (area.y + 1)..<(area.maxY - 1) {
            buf.put("│", x: area.x, y: y, style: st)
            buf.put("│", x: area.maxX - 1, y: y, style: st)
        }
        buf.put("└" + h + "┘", x: area.x, y: area.maxY - 1, style: st)
        let room = area.width - 4
        var noteWidth = 0
        if let note, room > 8 {
            let n = " " + note.truncated(toWidth: room / 2) + " "
            noteWidth = n.displayWidth
            buf.put(n, x: area.maxX - 1 - noteWidth, y: area.y, style: theme[.dim], maxWidth: noteWidth)
        }
        if let title, room > 2 {
            let t = " " + title.truncated(toWidth: max(1, room - noteWidth - 2)) + " "
            buf.put(t, x: area.x + 1, y: area.y, style: theme[focused ? .accent : .title], maxWidth: area.width - 2 - noteWidth)
        }
        return area.inset(by: 1)
    }
}
