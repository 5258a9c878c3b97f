/// A scrolling list's selection and scroll position (by index).
public struct ListState: Sendable, Equatable {
    public var selected: Int
    public private(set) var offset: Int
    public private(set) var viewportHeight = 10
    public init(selected: Int = 0) { self.selected = selected; offset = 0 }

    /// Handles the navigation keys for a list of `count` items; true if the key was used.
    public mutating func handle(_ key: Key, count: Int) -> Bool {
        switch key {
        case .up, .char("k"): selected -= 1
        case .down, .char("j"): selected += 1
        case .pageUp: selected -= max(1, viewportHeight - 1)
        case .pageDown: selected += max(1, viewportHeight - 1)
        case .home, .char("g"): selected = 0
        case .end, .char("G"): selected = count - 1
        default: return false
        }
        clamp(count: count)
        return true
    }

    mutating func clamp(count: Int) {
        selected = max(0, min(selected, count - 1))
        if selected < offset { offset = selected }
        if selected >= offset + viewportHeight { offset = selected - viewportHeight + 1 }
        offset = max(0, min(offset, count - viewportHeight))
    }

    /// Tells the state how many rows the list shows (call from `update` when the layout changes).
    public mutating func setViewport(height: Int, count: Int) { viewportHeight = max(1, height); clamp(count: count) }
}

/// A scrolling list of lines, each made of spans, with a highlighted selection and ↑/↓ marks
/// when there is more above or below.
public struct ListView: Sendable {
    public var items: [[Span]]
    public var focused: Bool
    public init(items: [[Span]], focused: Bool = false) { self.items = items; self.focused = focused }
    public init(lines: [String], style: Style = .plain, focused: Bool = false) {
        self.init(items: lines.map { [Span($0, style)] }, focused: focused)
    }

    /// Draws the list; `state` is applied to a copy (views are pure).
    public func render(into buf: inout Buffer, area: Rect, state: ListState, theme: Theme) {
        guard !area.isEmpty else { return }
        var state = state
        state.setViewport(height: area.height, count: items.count)
        let end = min(items.count, state.offset + area.height)
        guard state.offset < end else { return }
        for i in state.offset..<end {
            let y = area.y + i - state.offset
            let selected = i == state.selected
            if selected {
                let st = theme[focused ? .selection : .selectionUnfocused]
                buf.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: st)
                buf.put(items[i].map { Span($0.text, st) }, x: area.x, y: y, maxWidth: area.width - 1)
            } else {
                buf.put(items[i], x: area.x, y: y, maxWidth: area.width - 1)
            }
        }
        if state.offset > 0 { buf.put("↑", x: area.maxX - 1, y: area.y, style: theme[.dim]) }
        if end < items.count { buf.put("↓", x: area.maxX - 1, y: area.maxY - 1, style: theme[.dim]) }
    }
}
