/// A terminal colour: the terminal's own default, one of the 256 indexed colours (0–15 are the
/// 16 named ANSI colours), or an RGB value that is mapped to the nearest indexed colour when drawn.
public enum Color: Hashable, Sendable {
    case `default`
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    public static let black = Color.indexed(0)
    public static let red = Color.indexed(1)
    public static let green = Color.indexed(2)
    public static let yellow = Color.indexed(3)
    public static let blue = Color.indexed(4)
    public static let magenta = Color.indexed(5)
    public static let cyan = Color.indexed(6)
    public static let white = Color.indexed(7)
    public static let brightBlack = Color.indexed(8)
    public static let brightRed = Color.indexed(9)
    public static let brightGreen = Color.indexed(10)
    public static let brightYellow = Color.indexed(11)
    public static let brightBlue = Color.indexed(12)
    public static let brightMagenta = Color.indexed(13)
    public static let brightCyan = Color.indexed(14)
    public static let brightWhite = Color.indexed(15)

    /// The 16 ANSI names, as themes spell them.
    public static let names: [String] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Parses `default`, an ANSI name (`red`, `bright-red`, `brightRed`, `gray`/`grey`),
    /// an index `0`…`255`, or `#rrggbb`.
    public init?(parsing text: String) {
        let t = text.trimmingSpaces.lowercased()
        if t == "default" || t == "none" || t.isEmpty { self = .default; return }
        if let n = Int(t) {
            guard (0...255).contains(n) else { return nil }
            self = .indexed(UInt8(n)); return
        }
        if t.hasPrefix("#") {
            let hex = t.dropFirst()
            guard hex.count == 6, let v = UInt32(hex, radix: 16) else { return nil }
            self = .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)); return
        }
        var name = t.replacingUnderscores
        if name.hasPrefix("bright") && !name.hasPrefix("bright-") { name = "bright-" + name.dropFirst(6) }
        if name == "gray" || name == "grey" { name = "bright-black" }
        guard let i = Color.names.firstIndex(of: name) else { return nil }
        self = .indexed(UInt8(i))
    }

    /// How this colour is spelled in a theme file.
    public var themeName: String {
        switch self {
        case .default: return "default"
        case .indexed(let i): return i < 16 ? Color.names[Int(i)] : String(i)
        case .rgb(let r, let g, let b):
            func h(_ v: UInt8) -> String { let s = String(v, radix: 16); return s.count == 1 ? "0" + s : s }
            return "#" + h(r) + h(g) + h(b)
        }
    }

    /// The colour number to send to a terminal with `depth` colours, or -1 for the default.
    public func index(for depth: ColorDepth) -> Int {
        switch depth {
        case .none: return -1
        case .c256:
            switch self {
            case .default: return -1
            case .indexed(let i): return Int(i)
            case .rgb(let r, let g, let b): return Color.nearest256(r, g, b)
            }
        case .c16:
            switch self {
            case .default: return -1
            case .indexed(let i) where i < 16: return Int(i)
            case .indexed(let i): return Color.nearest16(Color.rgbOf(Int(i)))
            case .rgb(let r, let g, let b): return Color.nearest16((Int(r), Int(g), Int(b)))
            }
        case .c8:
            let i = index(for: .c16)
            return i < 0 ? -1 : i % 8
        }
    }

    // MARK: colour arithmetic for the fallbacks

    static let cubeLevels = [0, 95, 135, 175, 215, 255]
    /// xterm's default values for the 16 ANSI colours.
    static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func rgbOf(_ index: Int) -> (Int, Int, Int) {
        if index < 16 { return ansiRGB[index] }
        if index < 232 {
            let i = index - 16
            return (cubeLevels[i / 36], cubeLevels[i / 6 % 6], cubeLevels[i % 6])
        }
        let v = 8 + (index - 232) * 10
        return (v, v, v)
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return dr * dr * 3 + dg * dg * 4 + db * db * 2
    }

    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        func level(_ v: UInt8) -> Int {
            var best = 0
            for (i, l) in cubeLevels.enumerated() where abs(l - Int(v)) < abs(cubeLevels[best] - Int(v)) { best = i }
            return best
        }
        let c = (Int(r), Int(g), Int(b))
        let cube = 16 + 36 * level(r) + 6 * level(g) + level(b)
        let avg = (Int(r) + Int(g) + Int(b)) / 3
        let grayIndex = 232 + min(23, max(0, (avg - 3) / 10))
        return distance(rgbOf(cube), c) <= distance(rgbOf(grayIndex), c) ? cube : grayIndex
    }

    static func nearest16(_ c: (Int, Int, Int)) -> Int {
        var best = 0, bestD = Int.max
        for (i, a) in ansiRGB.enumerated() {
            let d = distance(a, c)
            if d < bestD { best = i; bestD = d }
        }
        return best
    }
}

/// How many colours the terminal can show. `none` draws attributes only (NO_COLOR, or a
/// terminal without colours).
public enum ColorDepth: Int, Sendable, Comparable, CaseIterable {
    case none = 0, c8 = 8, c16 = 16, c256 = 256

    /// The depth for a terminal that reports `colors` colours (ncurses `COLORS`).
    public init(colors: Int) {
        if colors >= 256 { self = .c256 } else if colors >= 16 { self = .c16 } else if colors >= 8 { self = .c8 } else { self = .none }
    }

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }
}

/// Text attributes.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1)
    public static let dim = Attributes(rawValue: 2)
    public static let italic = Attributes(rawValue: 4)
    public static let underline = Attributes(rawValue: 8)
    public static let reverse = Attributes(rawValue: 16)
    public static let blink = Attributes(rawValue: 32)

    public static let named: [(String, Attributes)] = [
        ("bold", .bold), ("dim", .dim), ("italic", .italic), ("underline", .underline),
        ("reverse", .reverse), ("blink", .blink),
    ]
}

/// How a cell looks: foreground, background, attributes.
public struct Style: Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var attrs: Attributes

    public init(fg: Color = .default, bg: Color = .default, attrs: Attributes = []) {
        self.fg = fg; self.bg = bg; self.attrs = attrs
    }

    /// The terminal's default colours, no attributes.
    public static let plain = Style()

    public func fg(_ c: Color) -> Style { var s = self; s.fg = c; return s }
    public func bg(_ c: Color) -> Style { var s = self; s.bg = c; return s }
    public func adding(_ a: Attributes) -> Style { var s = self; s.attrs.formUnion(a); return s }
    public func removing(_ a: Attributes) -> Style { var s = self; s.attrs.subtract(a); return s }

    /// `other` laid over this style: its non-default colours win, attributes are combined.
    public func patched(with other: Style) -> Style {
        Style(fg: other.fg == .default ? fg : other.fg,
              bg: other.bg == .default ? bg : other.bg,
              attrs: attrs.union(other.attrs))
    }

    /// Colours dropped (NO_COLOR): attributes only.
    public var monochrome: Style { Style(attrs: attrs) }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
    var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
}
