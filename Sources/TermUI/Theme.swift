import Foundation
internal import Yams

/// A semantic role that a theme gives a style to. Roles are dotted names; a role the theme does
/// not define falls back to its parent (`cat.opiates` → `cat` → `text`), so new roles never
/// need every theme to change.
public struct StyleRole: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { name = value }
    public var description: String { name }
    /// The role one level up (`cat.opiates` → `cat`), or nil for a top-level role.
    public var parent: StyleRole? {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        return StyleRole(String(name[..<dot]))
    }

    public static let text: StyleRole = "text"
    public static let dim: StyleRole = "dim"
    public static let accent: StyleRole = "accent"
    public static let title: StyleRole = "title"
    public static let header: StyleRole = "header"
    public static let border: StyleRole = "border"
    public static let borderFocus: StyleRole = "border.focus"
    public static let selection: StyleRole = "selection"
    public static let selectionUnfocused: StyleRole = "selection.unfocused"
    public static let status: StyleRole = "status"
    public static let statusKey: StyleRole = "status.key"
    public static let warning: StyleRole = "warning"
    public static let critical: StyleRole = "critical"
    public static let success: StyleRole = "success"
    public static let info: StyleRole = "info"
    public static let newRows: StyleRole = "new"
    public static let prompt: StyleRole = "prompt"
    public static let cursor: StyleRole = "cursor"
    public static let modal: StyleRole = "modal"
    public static let modalBorder: StyleRole = "modal.border"
    public static let button: StyleRole = "button"
    public static let buttonSelected: StyleRole = "button.selected"
    public static let tab: StyleRole = "tab"
    public static let tabActive: StyleRole = "tab.active"
    public static let helpKey: StyleRole = "help.key"
    public static let helpGroup: StyleRole = "help.group"
    public static let sparkline: StyleRole = "sparkline"
    public static let bar: StyleRole = "bar"
    public static let tooSmall: StyleRole = "too-small"

    /// Every role the engine itself uses (themes should define these).
    public static let engineRoles: [StyleRole] = [
        .text, .dim, .accent, .title, .header, .border, .borderFocus, .selection, .selectionUnfocused,
        .status, .statusKey, .warning, .critical, .success, .info, .newRows, .prompt, .cursor, .modal,
        .modalBorder, .button, .buttonSelected, .tab, .tabActive, .helpKey, .helpGroup, .sparkline, .bar,
        .tooSmall,
    ]

    /// A substance category's role (`cat.opiates`).
    public static func category(_ name: String) -> StyleRole { StyleRole("cat." + name) }
    /// A report type's role (`report.seizure`).
    public static func report(_ name: String) -> StyleRole { StyleRole("report." + name) }
    /// A severity's role (`severity.high`).
    public static func severity(_ name: String) -> StyleRole { StyleRole("severity." + name) }
}

/// Styles for roles. Look a role up with `theme[.accent]`.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var description: String
    public var styles: [String: Style]
    /// Where it came from: a file path, or "built-in".
    public var source: String

    public init(name: String, description: String = "", styles: [String: Style], source: String = "built-in") {
        self.name = name; self.description = description; self.styles = styles; self.source = source
    }

    /// The style of `role`, falling back to its parents and then to `text`.
    public subscript(role: StyleRole) -> Style {
        var r: StyleRole? = role
        while let cur = r {
            if let s = styles[cur.name] { return s }
            r = cur.parent
        }
        return styles["text"] ?? .plain
    }

    /// True if the theme defines `role` itself (not through a parent).
    public func defines(_ role: StyleRole) -> Bool { styles[role.name] != nil }

    /// The same theme with colours removed (NO_COLOR): attributes only. Roles that relied on
    /// a background colour alone to stand out get `reverse`.
    public var monochrome: Theme {
        var t = self
        t.styles = styles.mapValues { s in
            var m = s.monochrome
            if s.bg != .default && !s.attrs.contains(.reverse) { m.attrs.insert(.reverse) }
            return m
        }
        return t
    }

    // MARK: parsing

    public struct ParseError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Parses a theme file:
    /// ```yaml
    /// name: dark
    /// description: …
    /// roles:
    ///   text: { fg: default }
    ///   accent: { fg: 81, attrs: [bold] }
    ///   selection: { fg: black, bg: "#5fd7ff" }
    /// ```
    /// Colours: `default`, the 16 ANSI names, `0`…`255`, `#rrggbb`. Attributes: bold, dim,
    /// italic, underline, reverse, blink (a list, or one string separated by spaces).
    public static func parse(yaml: String, source: String = "yaml") throws -> Theme {
        let node: Node?
        do { node = try Yams.compose(yaml: yaml) } catch { throw ParseError(message: "\(source): not YAML: \(error)") }
        guard let root = node?.mapping else { throw ParseError(message: "\(source): a theme is a mapping") }
        let name = root["name"]?.scalar?.string ?? ""
        guard !name.isEmpty else { throw ParseError(message: "\(source): the theme has no name") }
        let description = root["description"]?.scalar?.string ?? ""
        guard let roles = root["roles"]?.mapping else { throw ParseError(message: "\(source): no roles") }
        var styles: [String: Style] = [:]
        for (k, v) in roles {
            guard let role = k.scalar?.string else { continue }
            styles[role] = try parseStyle(v, where: "\(source): role \(role)")
        }
        return Theme(name: name, description: description, styles: styles, source: source)
    }

    static func parseStyle(_ node: Node, where ctx: String) throws -> Style {
        guard let m = node.mapping else {
            // A bare colour: `dim: 245`.
            if let s = node.scalar?.string, let c = Color(parsing: s) { return Style(fg: c) }
            throw ParseError(message: "\(ctx): expected { fg, bg, attrs }")
        }
        var style = Style()
        for (k, v) in m {
            switch k.scalar?.string ?? "" {
            case "fg", "bg":
                guard let s = v.scalar?.string, let c = Color(parsing: s) else {
                    throw ParseError(message: "\(ctx): bad colour \(v.scalar?.string ?? "?")")
                }
                if k.scalar?.string == "fg" { style.fg = c } else { style.bg = c }
            case "attrs":
                var names: [String] = []
                if let seq = v.sequence { names = seq.compactMap { $0.scalar?.string } } else if let s = v.scalar?.string {
                    names = s.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
                }
                for n in names {
                    guard let a = Attributes.named.first(where: { $0.0 == n.lowercased() })?.1 else {
                        throw ParseError(message: "\(ctx): unknown attribute \(n)")
                    }
                    style.attrs.insert(a)
                }
            case let other: throw ParseError(message: "\(ctx): unknown key \(other)")
            }
        }
        return style
    }

    /// The theme as YAML (the format `parse` reads), roles sorted.
    public func yaml() -> String {
        var s = "name: \(name)\n"
        if !description.isEmpty { s += "description: \(description)\n" }
        s += "roles:\n"
        for (role, st) in styles.sorted(by: { $0.key < $1.key }) {
            var parts: [String] = []
            if st.fg != .default { parts.append("fg: \"\(st.fg.themeName)\"") }
            if st.bg != .default { parts.append("bg: \"\(st.bg.themeName)\"") }
            let attrs = Attributes.named.filter { st.attrs.contains($0.1) }.map(\.0)
            if !attrs.isEmpty { parts.append("attrs: [\(attrs.joined(separator: ", "))]") }
            if parts.isEmpty { parts.append("fg: default") }
            s += "  \"\(role)\": { \(parts.joined(separator: ", ")) }\n"
        }
        return s
    }
}

extension Theme {
    /// Built into the binary, so the app never fails for want of a theme file. The same as
    /// Themes/dark.yaml (a test keeps them equal).
    public static let builtIn: Theme = {
        func s(_ fg: Color = .default, _ bg: Color = .default, _ a: Attributes = []) -> Style { Style(fg: fg, bg: bg, attrs: a) }
        let styles: [String: Style] = [
            "text": s(),
            "dim": s(.indexed(245)),
            "accent": s(.indexed(81), .default, .bold),
            "title": s(.indexed(255), .default, .bold),
            "header": s(.indexed(252), .indexed(237), .bold),
            "border": s(.indexed(240)),
            "border.focus": s(.indexed(81)),
            "selection": s(.indexed(16), .indexed(81)),
            "selection.unfocused": s(.default, .indexed(239)),
            "status": s(.indexed(252), .indexed(236)),
            "status.key": s(.indexed(81), .indexed(236), .bold),
            "warning": s(.indexed(214)),
            "critical": s(.indexed(196), .default, .bold),
            "success": s(.indexed(114)),
            "info": s(.indexed(75)),
            "new": s(.indexed(16), .indexed(214), .bold),
            "prompt": s(.indexed(255), .indexed(235)),
            "cursor": s(.indexed(16), .indexed(255)),
            "modal": s(.indexed(255), .indexed(237)),
            "modal.border": s(.indexed(214), .indexed(237), .bold),
            "button": s(.indexed(252), .indexed(239)),
            "button.selected": s(.indexed(16), .indexed(214), .bold),
            "tab": s(.indexed(245)),
            "tab.active": s(.indexed(16), .indexed(81), .bold),
            "help.key": s(.indexed(81), .default, .bold),
            "help.group": s(.indexed(214), .default, .bold),
            "sparkline": s(.indexed(114)),
            "bar": s(.indexed(75)),
            "too-small": s(.indexed(214), .default, .bold),
            "cat.opiates": s(.indexed(203)),
            "cat.cannabis": s(.indexed(107)),
            "cat.cocaine": s(.indexed(231)),
            "cat.ats": s(.indexed(177)),
            "cat.nps": s(.indexed(213)),
            "cat.precursors": s(.indexed(179)),
            "cat.pharmaceuticals": s(.indexed(117)),
            "cat.other": s(.indexed(250)),
            "cat.unknown": s(.indexed(245)),
            "report.seizure": s(.indexed(203)),
            "report.incident": s(.indexed(214)),
            "report.sitrep": s(.indexed(75)),
            "report.tip": s(.indexed(114)),
            "severity.info": s(.indexed(245)),
            "severity.low": s(.indexed(114)),
            "severity.medium": s(.indexed(221)),
            "severity.high": s(.indexed(208), .default, .bold),
            "severity.critical": s(.indexed(196), .default, [.bold, .reverse]),
        ]
        return Theme(name: "dark", description: "Light text on the terminal's own dark background (the default).", styles: styles)
    }()
}
