import SitcenText

/// A one-line editor for `/` (search) and `:` (commands), with history. Text is edited by
/// grapheme cluster, so Cyrillic and combining characters move and delete as one.
///
/// Keys: ←/→, Home/End (Ctrl-A/Ctrl-E), Backspace, Del (Ctrl-D), Ctrl-U (to the start),
/// Ctrl-K (to the end), Ctrl-W (word before), ↑/↓ (history), Enter (submit), Esc/Ctrl-G (cancel).
public struct Prompt: Sendable, Equatable {
    public enum Outcome: Equatable, Sendable {
        case editing
        case submitted(String)
        case cancelled
        /// Tab: the app completes the word before the cursor (`replace`).
        case complete
    }

    public var prefix: String
    public private(set) var text: [Character] = []
    public private(set) var cursor = 0
    /// Earlier entries, oldest first.
    public private(set) var history: [String]
    public var historyLimit = 100
    private var historyIndex: Int?
    private var draft: [Character] = []

    public init(prefix: String, history: [String] = []) { self.prefix = prefix; self.history = history }

    public var value: String { String(text) }

    /// Starts a fresh entry (keeps the history).
    public mutating func begin(_ initial: String = "") {
        text = Array(initial); cursor = text.count; historyIndex = nil; draft = []
    }

    /// Replaces the whole text (a completion), cursor at the end.
    public mutating func replace(_ newText: String) {
        text = Array(newText); cursor = text.count; historyIndex = nil
    }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .tab: return .complete
        case .char(let c):
            text.insert(c, at: cursor); cursor += 1
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .backspace, .ctrl("h"):
            if cursor > 0 { text.remove(at: cursor - 1); cursor -= 1 }
        case .delete, .ctrl("d"):
            if cursor < text.count { text.remove(at: cursor) }
        case .ctrl("u"): text.removeFirst(cursor); cursor = 0
        case .ctrl("k"): text.removeLast(text.count - cursor)
        case .ctrl("w"):
            var i = cursor
            while i > 0 && text[i - 1] == " " { i -= 1 }
            while i > 0 && text[i - 1] != " " { i -= 1 }
            text.removeSubrange(i..<cursor); cursor = i
        case .up, .ctrl("p"):
            guard !history.isEmpty else { break }
            if historyIndex == nil { draft = text; historyIndex = history.count }
            historyIndex = max(0, historyIndex! - 1)
            text = Array(history[historyIndex!]); cursor = text.count
        case .down, .ctrl("n"):
            guard let h = historyIndex else { break }
            if h + 1 < history.count {
                historyIndex = h + 1; text = Array(history[h + 1])
            } else {
                historyIndex = nil; text = draft
            }
            cursor = text.count
        case .enter:
            let v = value
            if !v.isEmpty && history.last != v {
                history.append(v)
                if history.count > historyLimit { history.removeFirst(history.count - historyLimit) }
            }
            historyIndex = nil
            return .submitted(v)
        case .escape, .ctrl("g"), .ctrl("c"):
            historyIndex = nil
            return .cancelled
        default: break
        }
        return .editing
    }

    /// Draws `prefix`, the text and a block cursor in one row, scrolled so the cursor shows.
    public func render(into buf: inout Buffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let st = theme[.prompt]
        buf.fill(area.row(0), style: st)
        let x0 = buf.put(prefix, x: area.x, y: area.y, style: st.adding(.bold), maxWidth: area.width)
        let avail = area.maxX - x0
        guard avail > 0 else { return }
        // Each character as it will show (typed control characters become visible pictures).
        let safe = text.map { TextSafety.terminal(String($0)) }
        let widths = safe.map { max(1, $0.displayWidth) }
        // First character shown: the cursor must fit, with its cell.
        var start = 0
        var used = widths[..<cursor].reduce(0, +)
        while start < cursor && used + 1 > avail { used -= widths[start]; start += 1 }
        var x = x0
        for i in start..<safe.count {
            if x + widths[i] > area.maxX { break }
            x = buf.put(safe[i], x: x, y: area.y, style: i == cursor ? theme[.cursor] : st, maxWidth: area.maxX - x)
        }
        if cursor == safe.count && x < area.maxX { buf.put(" ", x: x, y: area.y, style: theme[.cursor]) }
    }
}

/// A confirmation dialog in a box in the middle of the screen.
/// Keys: y (confirm), n/Esc (cancel), ←/→/Tab (choose), Enter (the chosen button).
public struct ConfirmDialog: Sendable, Equatable {
    public enum Outcome: Equatable, Sendable { case none, confirmed, cancelled }
    public var title: String
    public var message: String
    public var confirmLabel: String
    public var cancelLabel: String
    /// 0 is the confirm button, 1 the cancel button (the default, to be safe).
    public var selected: Int

    public init(title: String, message: String, confirmLabel: String = "Yes", cancelLabel: String = "No", selected: Int = 1) {
        self.title = title; self.message = message; self.confirmLabel = confirmLabel; self.cancelLabel = cancelLabel
        self.selected = selected
    }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .char("y"), .char("Y"): return .confirmed
        case .char("n"), .char("N"), .escape: return .cancelled
        case .left, .right, .tab, .backTab, .char("h"), .char("l"): selected = 1 - selected
        case .enter: return selected == 0 ? .confirmed : .cancelled
        default: break
        }
        return .none
    }

    public func render(into buf: inout Buffer, area: Rect, theme: Theme) {
        guard area.width >= 3, area.height >= 3 else { return }
        let buttons = ["[ \(confirmLabel) ]", "[ \(cancelLabel) ]"]
        let buttonsWidth = buttons[0].displayWidth + 2 + buttons[1].displayWidth
        let inner = min(area.width - 4, max(buttonsWidth, min(60, max(message.displayWidth, title.displayWidth + 4))))
        let lines = Wrap.lines(message, width: max(1, inner))
        let box = area.centered(width: inner + 4, height: lines.count + 5)
        buf.fill(box, style: theme[.modal])
        Block(title: title, focused: true).renderModal(into: &buf, area: box, theme: theme)
        let content = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        for (i, l) in lines.enumerated() where i + 1 < content.height {
            buf.put(l, in: content, row: i + 1, style: theme[.modal], align: .center)
        }
        if content.height >= 1 {
            let y = content.maxY - 1
            var x = content.x + max(0, (content.width - buttonsWidth) / 2)
            for (i, b) in buttons.enumerated() {
                x = buf.put(b, x: x, y: y, style: theme[i == selected ? .buttonSelected : .button], maxWidth: content.maxX - x) + 2
            }
        }
    }
}

extension Block {
    public func renderModal(into buf: inout Buffer, area: Rect, theme: Theme) {
        guard area.width >= 2, area.height >= 2 else { return }
        let st = theme[.modalBorder]
        let h = String(repeating: "─", count: area.width - 2)
        buf.put("╭" + h + "╮", x: area.x, y: area.y, style: st)
        for y in (area.y + 1)..<(area.maxY - 1) {
            buf.put("│", x: area.x, y: y, style: st)
            buf.put("│", x: area.maxX - 1, y: y, style: st)
        }
        buf.put("╰" + h + "╯", x: area.x, y: area.maxY - 1, style: st)
        if let title, area.width > 6 {
            buf.put(" " + title.truncated(toWidth: area.width - 6) + " ", x: area.x + 2, y: area.y, style: st, maxWidth: area.width - 4)
        }
    }
}
