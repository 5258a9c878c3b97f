import SitcenDomain
import TermUI

/// Theme roles of the map. A theme may define any of them (or a parent such as `map.post`);
/// a role the theme leaves out gets the map's own default for that kind of theme (dark, light,
/// high-contrast or monochrome), never plain `text`.
public extension StyleRole {
    static let mapBorder: StyleRole = "map.border"
    static let mapWater: StyleRole = "map.water"
    static let mapWaterFill: StyleRole = "map.water.fill"
    static let mapLand: StyleRole = "map.land"
    /// Four faint backgrounds for countries; neighbours never share one.
    static func mapLand(_ i: Int) -> StyleRole { StyleRole("map.land.\(i + 1)") }
    static let mapLabel: StyleRole = "map.label"
    static let mapLabelWater: StyleRole = "map.label.water"
    static let mapCity: StyleRole = "map.city"
    static let mapPostOK: StyleRole = "map.post.ok"
    static let mapPostLate: StyleRole = "map.post.late"
    static let mapPostSilent: StyleRole = "map.post.silent"
    static let mapPostUnknown: StyleRole = "map.post.unknown"
    static let mapPostLabel: StyleRole = "map.post.label"
    static let mapAlert: StyleRole = "map.alert"
    static let mapRoute: StyleRole = "map.route"
    /// Heat shades, 1 (least) to 4 (most).
    static func mapHeat(_ level: Int) -> StyleRole { StyleRole("map.heat.\(level)") }
    static let mapCursor: StyleRole = "map.cursor"

    static func mapPost(_ h: PostHealth) -> StyleRole {
        switch h { case .ok: return .mapPostOK; case .late: return .mapPostLate; case .silent: return .mapPostSilent; case .unknown: return .mapPostUnknown }
    }

    /// Every role the map uses (the `cat.*` ones come from the engine's own list).
    static let mapRoles: [StyleRole] = [
        .mapBorder, .mapWater, .mapWaterFill, .mapLand(0), .mapLand(1), .mapLand(2), .mapLand(3), .mapLabel, .mapLabelWater,
        .mapCity, .mapPostOK, .mapPostLate, .mapPostSilent, .mapPostUnknown, .mapPostLabel, .mapAlert, .mapRoute,
        .mapHeat(1), .mapHeat(2), .mapHeat(3), .mapHeat(4), .mapCursor,
    ] + SubstanceCategory.allCases.map { StyleRole.category($0.rawValue) }
}

/// Resolves the map's roles against a theme, with defaults for roles a theme lacks.
public enum MapStyles {
    public enum Family: Sendable { case dark, light, highContrast, monochrome }

    /// Which defaults fit a theme: by its name, and monochrome when it has no colours at all
    /// (a NO_COLOR theme keeps the name of the theme it was made from).
    public static func family(of theme: Theme) -> Family {
        if theme.styles.values.allSatisfy({ $0.fg == .default && $0.bg == .default }) { return .monochrome }
        let n = theme.name.lowercased()
        if n.contains("mono") { return .monochrome }
        if n.contains("light") { return .light }
        if n.contains("contrast") { return .highContrast }
        return .dark
    }

    /// The style of `role` in `theme`: the theme's own (role or a parent below the top level,
    /// or `cat.*`), else the map's default.
    public static func style(_ role: StyleRole, in theme: Theme) -> Style { style(role, in: theme, family: family(of: theme)) }

    /// The same, with the theme's family already worked out (per frame, not per role).
    public static func style(_ role: StyleRole, in theme: Theme, family: Family) -> Style {
        var r: StyleRole? = role
        while let cur = r, cur.parent != nil || cur.name == "map" {
            if theme.defines(cur) { return theme[cur] }
            r = cur.parent
        }
        return fallback(role, family)
    }

    /// The map's default for `role` in a kind of theme.
    public static func fallback(_ role: StyleRole, _ family: Family) -> Style {
        func s(_ fg: Int?, _ bg: Int? = nil, _ a: Attributes = []) -> Style {
            Style(fg: fg.map { Color.indexed(UInt8($0)) } ?? .default, bg: bg.map { Color.indexed(UInt8($0)) } ?? .default, attrs: a)
        }
        let name = role.name
        if name.hasPrefix("cat.") { return Theme.builtIn.defines(role) ? (family == .monochrome ? .plain : Theme.builtIn[role]) : .plain }
        switch family {
        case .dark:
            switch name {
            case "map.border": return s(244)
            case "map.water": return s(39)
            case "map.water.fill": return s(25)
            case "map.land.1": return s(nil, 234)
            case "map.land.2": return s(nil, 235)
            case "map.land.3": return s(nil, 236)
            case "map.land.4": return s(nil, 233)
            case "map.label": return s(250, nil, .bold)
            case "map.label.water": return s(74, nil, .italic)
            case "map.city": return s(180)
            case "map.post.ok": return s(114, nil, .bold)
            case "map.post.late": return s(214, nil, .bold)
            case "map.post.silent": return s(196, nil, .bold)
            case "map.post.unknown": return s(252, nil, .bold)
            case "map.post.label": return s(255)
            case "map.alert": return s(16, 196, .bold)
            case "map.route": return s(141)
            case "map.heat.1": return s(136)
            case "map.heat.2": return s(172)
            case "map.heat.3": return s(202)
            case "map.heat.4": return s(196, nil, .bold)
            case "map.cursor": return s(226, nil, .bold)
            default: return s(nil)
            }
        case .light:
            switch name {
            case "map.border": return s(243)
            case "map.water": return s(27)
            case "map.water.fill": return s(111)
            case "map.land.1": return s(nil, 255)
            case "map.land.2": return s(nil, 254)
            case "map.land.3": return s(nil, 253)
            case "map.land.4": return s(nil, 231)
            case "map.label": return s(238, nil, .bold)
            case "map.label.water": return s(25, nil, .italic)
            case "map.city": return s(94)
            case "map.post.ok": return s(28, nil, .bold)
            case "map.post.late": return s(166, nil, .bold)
            case "map.post.silent": return s(160, nil, .bold)
            case "map.post.unknown": return s(236, nil, .bold)
            case "map.post.label": return s(232)
            case "map.alert": return s(231, 160, .bold)
            case "map.route": return s(91)
            case "map.heat.1": return s(178)
            case "map.heat.2": return s(172)
            case "map.heat.3": return s(166)
            case "map.heat.4": return s(160, nil, .bold)
            case "map.cursor": return s(21, nil, .bold)
            default: return s(nil)
            }
        case .highContrast:
            switch name {
            case "map.border": return s(7)
            case "map.water": return s(14)
            case "map.water.fill": return s(6)
            case "map.label": return s(15, nil, .bold)
            case "map.label.water": return s(14)
            case "map.city": return s(11)
            case "map.post.ok": return s(10, nil, .bold)
            case "map.post.late": return s(11, nil, .bold)
            case "map.post.silent": return s(9, nil, .bold)
            case "map.post.unknown": return s(15, nil, .bold)
            case "map.post.label": return s(15)
            case "map.alert": return s(0, 9, .bold)
            case "map.route": return s(13)
            case "map.heat.1": return s(3)
            case "map.heat.2": return s(11)
            case "map.heat.3": return s(9)
            case "map.heat.4": return s(9, nil, .bold)
            case "map.cursor": return s(15, nil, .bold)
            default: return s(nil)
            }
        case .monochrome:
            switch name {
            case "map.water", "map.water.fill", "map.route", "map.heat.1": return s(nil, nil, .dim)
            case "map.label", "map.post.ok", "map.post.unknown", "map.cursor", "map.heat.4": return s(nil, nil, .bold)
            case "map.label.water": return s(nil, nil, .italic)
            case "map.post.late": return s(nil, nil, .underline)
            case "map.post.silent": return s(nil, nil, [.bold, .underline])
            case "map.alert": return s(nil, nil, [.bold, .reverse])
            default: return s(nil)
            }
        }
    }
}

/// The palette a render uses: small integer indices into resolved styles, so the raster keeps
/// one byte per cell for its colour.
enum Ink {
    static let none: UInt8 = 0, border: UInt8 = 1, water: UInt8 = 2, waterFill: UInt8 = 3
    static let land: UInt8 = 4          // 4...7
    static let route: UInt8 = 8
    static let category: UInt8 = 9      // 9...17, in SubstanceCategory.allCases order
    static let heat: UInt8 = 18         // 18...21 for levels 1...4
    static let cursor: UInt8 = 22
    static let count = 23

    static func palette(_ theme: Theme) -> [Style] {
        let family = MapStyles.family(of: theme)
        func style(_ r: StyleRole, in theme: Theme) -> Style { MapStyles.style(r, in: theme, family: family) }
        var p = Array(repeating: Style.plain, count: count)
        p[Int(border)] = style(.mapBorder, in: theme)
        p[Int(water)] = style(.mapWater, in: theme)
        p[Int(waterFill)] = style(.mapWaterFill, in: theme)
        for i in 0..<4 { p[Int(land) + i] = style(.mapLand(i), in: theme) }
        p[Int(route)] = style(.mapRoute, in: theme)
        for (i, c) in SubstanceCategory.allCases.enumerated() { p[Int(category) + i] = style(.category(c.rawValue), in: theme) }
        for l in 1...4 { p[Int(heat) + l - 1] = style(.mapHeat(l), in: theme) }
        p[Int(cursor)] = style(.mapCursor, in: theme)
        return p
    }
}
