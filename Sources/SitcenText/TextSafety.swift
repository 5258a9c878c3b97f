/// Text that came from a feed may hold anything a hostile or broken sender put there.
/// `TextSafety` is the one place that makes such text harmless before it is shown:
/// every output path (terminal cells, plain-text listings, JSON) goes through it.
///
/// - C0 controls (U+0000–U+001F) and DEL become their Unicode "control pictures" (␛ for ESC,
///   ␍ for CR, ␀ for NUL…), one visible cell each, so an escape sequence shows as `␛[2J`
///   instead of clearing the screen.
/// - C1 controls (U+0080–U+009F), bidi embeddings, overrides and isolates, zero-width
///   characters, the BOM, line/paragraph separators and other invisible format characters
///   become a visible `⟨U+202E⟩`.
/// - Newlines and tabs are controlled by `Mode`: a single-line cell shows `␤`/`␉`,
///   a multi-line panel keeps `\n` as a line break and expands tabs to a space.
public enum TextSafety {
    public enum Mode: Sendable {
        /// One line of a table or status bar: newlines and tabs become visible pictures.
        case singleLine
        /// A panel that wraps text: `\n` is kept (and `\r\n` becomes `\n`), tab becomes a space.
        case multiLine
    }

    /// Returns `text` with every character that could act on a terminal replaced by a visible one.
    public static func terminal(_ text: String, mode: Mode = .singleLine) -> String {
        // Fast path: plain printable text is returned as it is.
        if !needsEscaping(text, mode: mode) { return text }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            let v = scalar.value
            if mode == .multiLine {
                if scalar == "\n" {
                    if previousWasCR { out.removeLast() }   // \r\n -> \n
                    out.append(scalar)
                    continue
                }
                if scalar == "\t" { out.append(" "); continue }
            }
            if v < 0x20 {
                out.append(Unicode.Scalar(0x2400 + v)!)      // control pictures ␀…␟
            } else if v == 0x7F {
                out.append("\u{2421}")                        // ␡
            } else if isInvisible(v) {
                for s in "⟨U+\(hex(v))⟩".unicodeScalars { out.append(s) }
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// True if `text` holds anything `terminal(_:mode:)` would change.
    public static func needsEscaping(_ text: String, mode: Mode = .singleLine) -> Bool {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 {
                if mode == .multiLine && (v == 0x0A) { continue }
                return true
            }
            if v == 0x7F || isInvisible(v) { return true }
        }
        return false
    }

    /// Scalars that are invisible or act on layout or direction: C1 controls, bidi controls,
    /// zero-width characters, separators, the BOM, interlinear annotation marks, tag characters,
    /// variation selectors on their own are left alone (they are shaped with the character before).
    @inline(__always)
    public static func isInvisible(_ v: UInt32) -> Bool {
        switch v {
        case 0x80...0x9F: return true                  // C1 controls (CSI is 0x9B)
        case 0x00AD: return true                       // soft hyphen
        case 0x061C: return true                       // Arabic letter mark
        case 0x115F, 0x1160, 0x3164, 0xFFA0: return true  // Hangul fillers
        case 0x180E: return true                       // Mongolian vowel separator
        case 0x200B...0x200F: return true              // ZW space, ZWNJ, ZWJ, LRM, RLM
        case 0x2028, 0x2029: return true               // line and paragraph separators
        case 0x202A...0x202E: return true              // bidi embeddings and overrides
        case 0x2060...0x206F: return true              // word joiner, invisible operators, isolates
        case 0xFEFF: return true                       // BOM / ZW no-break space
        case 0xFFF9...0xFFFB: return true              // interlinear annotation
        case 0xE0000...0xE007F: return true            // tag characters
        default: return false
        }
    }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return s.count < 4 ? String(repeating: "0", count: 4 - s.count) + s : s
    }
}
