import SitcenText

/// One key binding: the keys, what they do (an action of the app's own type), a description
/// for help, the group it is listed under, and the context it applies in (nil: everywhere).
public struct KeyBinding<Action: Hashable & Sendable>: Sendable {
    public var keys: [Key]
    public var action: Action
    public var description: String
    public var group: String
    public var context: String?

    public init(_ keys: [Key], _ action: Action, _ description: String, group: String, context: String? = nil) {
        self.keys = keys; self.action = action; self.description = description; self.group = group; self.context = context
    }

    /// Keys as help shows them: `j / ↓`.
    public var keyNames: String { keys.map(\.name).joined(separator: " / ") }
}

/// The single source of key bindings: the app looks actions up here, the help overlay lists it,
/// and `markdown()` writes the key reference for Docs/.
public struct KeyTable<Action: Hashable & Sendable>: Sendable {
    public var bindings: [KeyBinding<Action>]
    /// A second keyboard layout the keys also answer to (the Russian ЙЦУКЕН layout): a key that
    /// is bound nowhere is looked up again as the Latin key in the same place (`о` → `j`).
    public var secondLayout: Bool

    public init(_ bindings: [KeyBinding<Action>], secondLayout: Bool = false) {
        self.bindings = bindings; self.secondLayout = secondLayout
    }

    /// The action for `key` in `context`: a binding for that context first, then a global one;
    /// then the same two for the Latin key in the same place, with `secondLayout`.
    public func action(for key: Key, context: String? = nil) -> Action? {
        if let a = direct(key, context) { return a }
        if secondLayout, let latin = key.latinLayout { return direct(latin, context) }
        return nil
    }

    private func direct(_ key: Key, _ context: String?) -> Action? {
        if let context, let b = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) { return b.action }
        return bindings.first(where: { $0.context == nil && $0.keys.contains(key) })?.action
    }

    /// Keys as help and the docs show them: `j / ↓ (о)`, with the Russian-layout key of each
    /// letter or sign that differs there.
    public func keyNames(_ b: KeyBinding<Action>) -> String {
        guard secondLayout else { return b.keyNames }
        let other = b.keys.compactMap { k -> String? in
            guard case .char(let c) = k, let r = KeyboardLayout.russianKey(for: c) else { return nil }
            return String(r)
        }
        return b.keyNames + (other.isEmpty ? "" : " (" + other.joined(separator: " ") + ")")
    }

    /// Keys bound to `action`.
    public func keys(for action: Action) -> [Key] { bindings.filter { $0.action == action }.flatMap(\.keys) }

    /// Groups in the order they first appear.
    public var groups: [String] {
        var seen: [String] = []
        for b in bindings where !seen.contains(b.group) { seen.append(b.group) }
        return seen
    }

    /// Keys bound twice in the same context (a mistake a test should catch).
    public func conflicts() -> [(key: Key, context: String?)] {
        var seen = Set<String>()
        var out: [(Key, String?)] = []
        for b in bindings {
            for k in b.keys {
                let id = "\(b.context ?? "*")|\(k)"
                if !seen.insert(id).inserted { out.append((k, b.context)) }
            }
        }
        return out
    }

    /// The key reference as Markdown: one table per group.
    public func markdown(title: String = "Keys", level: Int = 2) -> String {
        let h = String(repeating: "#", count: level)
        var s = "\(h) \(title)\n"
        for g in groups {
            s += secondLayout
                ? "\n\(h)# \(g)\n\n| Keys | Russian layout | Action | Where |\n| --- | --- | --- | --- |\n"
                : "\n\(h)# \(g)\n\n| Keys | Action | Where |\n| --- | --- | --- |\n"
            for b in bindings where b.group == g {
                func code(_ name: String) -> String {
                    name.contains("`") ? "`` \(name) ``" : "`\(name.replacingOccurrences(of: "|", with: "\\|"))`"
                }
                let keys = b.keys.map { code($0.name) }.joined(separator: ", ")
                var russian = ""
                if secondLayout {
                    let r = b.keys.compactMap { k -> String? in
                        guard case .char(let c) = k, let ru = KeyboardLayout.russianKey(for: c) else { return nil }
                        return code(String(ru))
                    }
                    russian = " | " + (r.isEmpty ? "" : r.joined(separator: ", "))
                }
                s += "| \(keys)\(russian) | \(b.description.replacingOccurrences(of: "|", with: "\\|")) | \(b.context ?? "everywhere") |\n"
            }
        }
        return s
    }
}

/// The help overlay: every binding of a key table, grouped, in a box over the screen.
public struct HelpOverlay<Action: Hashable & Sendable>: Sendable {
    public var table: KeyTable<Action>
    public var title: String
    public var scroll: Int
    /// Lines holding this text (folded: case and script) are highlighted (`/` in help).
    public var highlight: String?
    public init(_ table: KeyTable<Action>, title: String = "Keys", scroll: Int = 0, highlight: String? = nil) {
        self.table = table; self.title = title; self.scroll = scroll; self.highlight = highlight
    }

    /// The overlay's lines as plain text, for searching.
    public func plainLines() -> [String] {
        lines(theme: .builtIn).map { $0.map(\.text).joined() }
    }

    /// The overlay's lines: group headings and `keys  description` rows.
    public func lines(theme: Theme) -> [[Span]] {
        let keyWidth = min(26, table.bindings.map { table.keyNames($0).displayWidth }.max() ?? 0)
        var out: [[Span]] = []
        for (gi, g) in table.groups.enumerated() {
            if gi > 0 { out.append([]) }
            out.append([Span(g, theme[.helpGroup])])
            for b in table.bindings where b.group == g {
                var desc = b.description
                if let c = b.context { desc += " (\(c))" }
                out.append([Span("  " + table.keyNames(b).padded(toWidth: keyWidth) + "  ", theme[.helpKey]), Span(desc, theme[.modal])])
            }
        }
        return out
    }

    public func render(into buf: inout Buffer, area: Rect, theme: Theme) {
        guard area.width >= 3, area.height >= 3 else { return }
        let ls = lines(theme: theme)
        let contentWidth = ls.map { $0.reduce(0) { $0 + $1.width } }.max() ?? 0
        let box = area.centered(width: min(area.width, contentWidth + 4), height: min(area.height, ls.count + 3))
        buf.fill(box, style: theme[.modal])
        Block(title: title).renderModal(into: &buf, area: box, theme: theme)
        let inner = box.inset(top: 1, left: 2, bottom: 2, right: 1)
        let maxScroll = max(0, ls.count - inner.height)
        let start = min(max(0, scroll), maxScroll)
        let needle = highlight.map { Fold.key($0) } ?? ""
        for (i, l) in ls.dropFirst(start).prefix(inner.height).enumerated() {
            var line = l
            if !needle.isEmpty, Fold.key(l.map(\.text).joined()).contains(needle) {
                line = l.map { Span($0.text, theme[.accent].adding(.reverse)) }
            }
            buf.put(line, x: inner.x, y: inner.y + i, maxWidth: inner.width)
        }
        let more = start < maxScroll ? "↓ more (j/k)  " : ""
        let footer = more + "? or Esc closes"
        if box.height >= 3 {
            buf.put(footer, in: Rect(x: box.x + 2, y: box.maxY - 2, width: box.width - 4, height: 1), style: theme[.dim], align: .right)
        }
    }
}

/// The screen shown when the terminal is smaller than the app needs.
public enum TooSmallScreen {
    /// The message lines for `size` against `minimum`.
    public static func message(size: Size, minimum: Size) -> [String] {
        [
            "Terminal too small",
            "now \(size.width)×\(size.height), needs at least \(minimum.width)×\(minimum.height)",
            "Enlarge the window to continue",
        ]
    }

    /// A full buffer of `size` saying so, centred. Safe at any size, including 0×0.
    public static func render(size: Size, minimum: Size, theme: Theme) -> Buffer {
        var buf = Buffer(size: size)
        guard size.width > 0, size.height > 0 else { return buf }
        var lines: [String] = []
        for l in message(size: size, minimum: minimum) { lines.append(contentsOf: Wrap.lines(l, width: size.width)) }
        let shown = Array(lines.prefix(size.height))
        let top = max(0, (size.height - shown.count) / 2)
        for (i, l) in shown.enumerated() {
            buf.put(l, in: Rect(x: 0, y: top + i, width: size.width, height: 1), style: theme[i == 0 ? .tooSmall : .text], align: .center)
        }
        return buf
    }
}
