import Foundation
import SitcenText

/// A value of an extra (unknown) feed field, as `extra.NAME` sees it.
enum ExtraValue: Sendable, Equatable {
    case text(String)
    case number(Double)
    case bool(Bool)

    var text: String {
        switch self {
        case .text(let s): return s
        case .number(let d): return JSONText.number(d)
        case .bool(let b): return b ? "true" : "false"
        }
    }
}

/// Reads `extra.NAME` out of a report's extra fields (one compact JSON object). Arrays give one
/// value per element; nested objects give their JSON text; `null` is missing.
enum ExtraFields {
    private enum JSON: Decodable {
        case text(String), number(Double), bool(Bool), null, array([JSON]), object([String: JSON])
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let d = try? c.decode(Double.self) { self = .number(d) }
            else if let s = try? c.decode(String.self) { self = .text(s) }
            else if let a = try? c.decode([JSON].self) { self = .array(a) }
            else { self = .object(try c.decode([String: JSON].self)) }
        }
        var values: [ExtraValue] {
            switch self {
            case .text(let s): return [.text(s)]
            case .number(let d): return [.number(d)]
            case .bool(let b): return [.bool(b)]
            case .null: return []
            case .array(let a): return a.flatMap(\.values)
            case .object: return [.text(jsonText)]
            }
        }
        var jsonText: String {
            switch self {
            case .text(let s): return JSONText.quoted(s)
            case .number(let d): return JSONText.number(d)
            case .bool(let b): return b ? "true" : "false"
            case .null: return "null"
            case .array(let a): return "[" + a.map(\.jsonText).joined(separator: ",") + "]"
            case .object(let o):
                return "{" + o.keys.sorted().map { JSONText.quoted($0) + ":" + o[$0]!.jsonText }.joined(separator: ",") + "}"
            }
        }
    }

    static func values(_ name: String, _ json: String?) -> [ExtraValue] {
        guard let json, json.utf8.contains(where: { $0 == UInt8(ascii: "\"") }),
              let object = try? JSONDecoder().decode([String: JSON].self, from: Data(json.utf8)),
              let v = object[name] else { return [] }
        return v.values
    }
}
