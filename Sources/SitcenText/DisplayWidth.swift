/// How many terminal columns a character takes: 0 for combining marks and zero-width
/// characters, 2 for East Asian wide and fullwidth characters and emoji, 1 for everything else
/// (Latin, Cyrillic, braille, box drawing). Computed per grapheme cluster, so `й` written as
/// `и` + U+0306 is one column.
public enum DisplayWidth {
    /// Width of one grapheme cluster (a `Character`).
    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if c.isASCII { return first.value < 0x20 || first.value == 0x7F ? 0 : 1 }
        // Emoji presentation selector makes a text-default emoji wide.
        if scalars.contains(where: { $0.value == 0xFE0F }) && first.properties.isEmoji { return 2 }
        var width = 0
        for s in scalars {
            let w = scalarWidth(s.value)
            if w > width { width = w }
        }
        return width
    }

    /// Width of a string in terminal columns.
    public static func of(_ s: String) -> Int {
        var plainASCII = true
        for b in s.utf8 where b >= 0x80 || b < 0x20 { plainASCII = false; break }
        if plainASCII { return s.utf8.count }
        var n = 0
        for c in s { n += of(c) }
        return n
    }

    /// Width of one scalar as it stands alone.
    public static func scalarWidth(_ v: UInt32) -> Int {
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        if isZeroWidth(v) { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    static func isZeroWidth(_ v: UInt32) -> Bool {
        switch v {
        case 0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x0610...0x061A,
             0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E4,
             0x0900...0x0902, 0x093C, 0x0941...0x0948, 0x094D,
             0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x200B...0x200F, 0x202A...0x202E,
             0x2060...0x2064, 0x20D0...0x20FF, 0xFE00...0xFE0F, 0xFE20...0xFE2F,
             0xFEFF, 0xE0000...0xE0FFF:
            return true
        default:
            return false
        }
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0,
             0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693,
             0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4,
             0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A...0x270B,
             0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0,
             0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
             0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251,
             0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

extension String {
    /// Terminal columns this string takes.
    public var displayWidth: Int { DisplayWidth.of(self) }

    /// The string cut to at most `width` columns, never splitting a wide character; an ellipsis
    /// marks the cut when `ellipsis` is true.
    public func truncated(toWidth width: Int, ellipsis: Bool = true) -> String {
        if width <= 0 { return "" }
        if displayWidth <= width { return self }
        let budget = ellipsis ? width - 1 : width
        var out = ""
        var used = 0
        for c in self {
            let w = DisplayWidth.of(c)
            if used + w > budget { break }
            out.append(c)
            used += w
        }
        if ellipsis { out.append("…") }
        return out
    }

    /// The string padded with spaces (or cut) to exactly `width` columns.
    public func padded(toWidth width: Int, alignRight: Bool = false) -> String {
        let cut = truncated(toWidth: width)
        let pad = max(0, width - cut.displayWidth)
        let spaces = String(repeating: " ", count: pad)
        return alignRight ? spaces + cut : cut + spaces
    }
}
