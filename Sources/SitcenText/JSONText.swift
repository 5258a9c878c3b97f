/// Writing JSON that is safe to print on a terminal and loses nothing: every C0 and C1
/// control, DEL, and every invisible or bidi character `TextSafety` knows of is written as a
/// `\uXXXX` escape (surrogate pairs above the BMP), so the bytes on the terminal are plain,
/// and a JSON reader gets back exactly the original string.
public enum JSONText {
    /// The JSON string literal for `s`, quotes included.
    public static func quoted(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 2)
        appendQuoted(s, to: &out)
        return out
    }

    public static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        var plain = true
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C || b >= 0x7F { plain = false; break }
        if plain { out += s; out += "\""; return }
        for scalar in s.unicodeScalars {
            let v = scalar.value
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if v < 0x20 || v == 0x7F || TextSafety.isInvisible(v) {
                    if v > 0xFFFF {
                        let u = v - 0x10000
                        out += "\\u" + TextSafety.hex(0xD800 + (u >> 10)).lowercased()
                        out += "\\u" + TextSafety.hex(0xDC00 + (u & 0x3FF)).lowercased()
                    } else {
                        out += "\\u" + TextSafety.hex(v).lowercased()
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

/// A JSON value for output, with object keys in the order they were given. Used by every
/// `--json` output so that the escaping rules of `JSONText` hold everywhere.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// Compact, one-line JSON.
    public func serialized() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    public func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += JSONText.number(d)
        case .string(let s): JSONText.appendQuoted(s, to: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out += "," }
                JSONText.appendQuoted(k, to: &out)
                out += ":"
                v.write(to: &out)
            }
            out += "}"
        }
    }
}

extension JSONText {
    /// A number in its shortest round-tripping form; integral values without a fraction.
    public static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)   // Swift prints the shortest representation that round-trips
    }
}
