/// A key press, decoded from ncurses' `get_wch` (or built in tests). Printable text, including
/// Cyrillic and other UTF-8 input, arrives as `.char`.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    /// Ctrl with a letter (`.ctrl("c")`), lower case.
    case ctrl(Character)
    case enter, tab, backTab, backspace, delete, insert, escape
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1…F12 (and beyond, as the terminal reports them).
    case function(Int)
    /// A key ncurses knows that has no name here (its key code).
    case unknown(Int32)

    /// Raw key codes of ncurses (`<curses.h>`), kept here so decoding is testable without it.
    public enum Code {
        public static let down: Int32 = 0o402, up: Int32 = 0o403, left: Int32 = 0o404, right: Int32 = 0o405
        public static let home: Int32 = 0o406, backspace: Int32 = 0o407, f0: Int32 = 0o410
        public static let dc: Int32 = 0o512, ic: Int32 = 0o513
        public static let npage: Int32 = 0o522, ppage: Int32 = 0o523, enter: Int32 = 0o527
        public static let btab: Int32 = 0o541, end: Int32 = 0o550, resize: Int32 = 0o632
    }

    /// Decodes one result of `get_wch`: `isKeyCode` is true when it returned `KEY_CODE_YES`
    /// (a function key code in `value`), false for a character. Returns nil for KEY_RESIZE
    /// (which is an event, not a key) and for values that are not characters.
    public static func decode(isKeyCode: Bool, value: UInt32) -> Key? {
        if isKeyCode {
            let v = Int32(bitPattern: value)
            switch v {
            case Code.up: return .up
            case Code.down: return .down
            case Code.left: return .left
            case Code.right: return .right
            case Code.home: return .home
            case Code.end: return .end
            case Code.ppage: return .pageUp
            case Code.npage: return .pageDown
            case Code.backspace: return .backspace
            case Code.dc: return .delete
            case Code.ic: return .insert
            case Code.enter: return .enter
            case Code.btab: return .backTab
            case Code.resize: return nil
            case (Code.f0 + 1)...(Code.f0 + 63): return .function(Int(v - Code.f0))
            default: return .unknown(v)
            }
        }
        switch value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x1B: return .escape
        case 0x00: return .ctrl(" ")
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(value + 0x60)!))
        case 0x1C...0x1F: return .unknown(Int32(value))
        case 0x80...0x9F: return nil
        default:
            guard let s = Unicode.Scalar(value) else { return nil }
            return .char(Character(s))
        }
    }

    /// Decodes a sequence of input bytes the way a terminal in raw mode would send them
    /// (UTF-8 text, C0 controls, and the common xterm escape sequences). For tests and for
    /// replaying input; the live loop uses ncurses' own decoding.
    public static func decode(bytes: [UInt8]) -> [Key] {
        var keys: [Key] = []
        var i = 0
        func csi(_ params: String, _ final: UInt8) -> Key? {
            switch final {
            case 0x41: return .up
            case 0x42: return .down
            case 0x43: return .right
            case 0x44: return .left
            case 0x48: return .home
            case 0x46: return .end
            case 0x5A: return .backTab
            case 0x50, 0x51, 0x52, 0x53: return .function(Int(final) - 0x50 + 1)
            case 0x7E:
                switch Int(params.split(separator: ";").first ?? "") ?? -1 {
                case 1, 7: return .home
                case 2: return .insert
                case 3: return .delete
                case 4, 8: return .end
                case 5: return .pageUp
                case 6: return .pageDown
                case 11...15: return .function(Int(params.split(separator: ";").first!)! - 10)
                case 17...21: return .function(Int(params.split(separator: ";").first!)! - 11)
                case 23, 24: return .function(Int(params.split(separator: ";").first!)! - 12)
                default: return nil
                }
            default: return nil
            }
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1B {
                if i + 2 < bytes.count, bytes[i + 1] == 0x5B || bytes[i + 1] == 0x4F {
                    var j = i + 2
                    var params = ""
                    while j < bytes.count, (0x30...0x3F).contains(bytes[j]) { params.append(Character(Unicode.Scalar(bytes[j]))); j += 1 }
                    if j < bytes.count {
                        if let k = csi(params, bytes[j]) { keys.append(k) } else { keys.append(.unknown(Int32(bytes[j]))) }
                        i = j + 1
                        continue
                    }
                }
                keys.append(.escape); i += 1; continue
            }
            if b < 0x80 {
                if let k = decode(isKeyCode: false, value: UInt32(b)) { keys.append(k) }
                i += 1; continue
            }
            let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            let end = min(bytes.count, i + len)
            let s = String(decoding: bytes[i..<end], as: UTF8.self)
            for c in s { keys.append(.char(c)) }
            i = end
        }
        return keys
    }

    /// Parses a key as key tables and docs spell it: `q`, `?`, `Ctrl-C`, `C-c`, `Enter`, `Esc`,
    /// `Tab`, `Shift-Tab`, `Up`/`↑`, `PgUp`, `Home`, `F1`, `Space`, `Backspace`, `Del`.
    public init?(_ text: String) {
        switch text {
        case "↑": self = .up; return
        case "↓": self = .down; return
        case "←": self = .left; return
        case "→": self = .right; return
        default: break
        }
        if text.count == 1 { self = .char(text.first!); return }
        let t = text.lowercased()
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where t.hasPrefix(prefix) {
            let rest = t.dropFirst(prefix.count)
            guard rest.count == 1 else { return nil }
            self = .ctrl(rest.first!); return
        }
        if t.hasPrefix("f"), let n = Int(t.dropFirst()), n >= 1, n <= 63 { self = .function(n); return }
        switch t {
        case "enter", "return", "ret": self = .enter
        case "tab": self = .tab
        case "shift-tab", "s-tab", "backtab": self = .backTab
        case "backspace", "bs": self = .backspace
        case "delete", "del": self = .delete
        case "insert", "ins": self = .insert
        case "esc", "escape": self = .escape
        case "up", "↑": self = .up
        case "down", "↓": self = .down
        case "left", "←": self = .left
        case "right", "→": self = .right
        case "home": self = .home
        case "end": self = .end
        case "pgup", "pageup": self = .pageUp
        case "pgdn", "pagedown": self = .pageDown
        case "space": self = .char(" ")
        default: return nil
        }
    }

    /// How help and docs show this key.
    public var name: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .escape: return "Esc"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        case .unknown(let v): return "key \(v)"
        }
    }

    public var description: String { name }

    /// The character typed, if this key types one (for prompts).
    public var typedCharacter: Character? {
        if case .char(let c) = self { return c }
        return nil
    }
}
