import Crypto
import SitcenDomain
import SitcenText

/// The canonical form of a record: keys sorted, numbers normalised, compact. Two records with
/// the same canonical form are the same report; `reported_at` is left out so that a resend at
/// another time is still a duplicate.
public enum Canonical {
    /// Compact JSON of `v` with object keys sorted at every level.
    public static func json(_ v: JValue) -> String {
        var out = ""
        write(v, &out)
        return out
    }

    static func write(_ v: JValue, _ out: inout String) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d, _): out += JSONText.number(d)
        case .string(let s): JSONText.appendQuoted(s, to: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() { if i > 0 { out += "," }; write(item, &out) }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, (k, item)) in members.sorted(by: { $0.0 < $1.0 }).enumerated() {
                if i > 0 { out += "," }
                JSONText.appendQuoted(k, to: &out)
                out += ":"
                write(item, &out)
            }
            out += "}"
        }
    }

    /// The canonical text of a report's content (without `reported_at`).
    public static func content(_ r: Report) -> String {
        var m: [(String, JValue)] = [
            ("id", .string(r.id)), ("post", .string(r.post)), ("type", .string(r.type.rawValue)),
            ("observed_at", .string(r.observedAt.rfc3339())),
        ]
        func add(_ k: String, _ s: String?) { if let s { m.append((k, .string(s))) } }
        func num(_ k: String, _ d: Double?) { if let d { m.append((k, .number(d, integral: false))) } }
        num("lat", r.lat); num("lon", r.lon)
        add("place", r.place); add("substance", r.substance)
        num("quantity", r.quantity); add("unit", r.unit?.rawValue)
        add("origin", r.origin); add("destination", r.destination)
        if !r.transit.isEmpty { m.append(("transit", .array(r.transit.map { .string($0) }))) }
        add("transport", r.transport?.rawValue); add("conveyance", r.conveyance)
        add("concealment", r.concealment); add("vehicle", r.vehicle)
        if let a = r.arrested { m.append(("arrested", .number(Double(a), integral: true))) }
        if !r.nationalities.isEmpty { m.append(("nationalities", .array(r.nationalities.map { .string($0) }))) }
        add("severity", r.severity?.rawValue); add("summary", r.summary); add("tlp", r.tlp?.rawValue)
        if r.revision != 0 { m.append(("revision", .number(Double(r.revision), integral: true))) }
        if r.retracted { m.append(("retracted", .bool(true))) }
        var out = json(.object(m))
        if let extra = r.extraJSON { out += "|" + extra }
        return out
    }

    /// 16 bytes of SHA-256 over the canonical content: what duplicate and conflict checks compare.
    public static func hash(_ r: Report) -> [UInt8] {
        digest16(Array(content(r).utf8))
    }

    /// The first 16 bytes of SHA-256 of `bytes`.
    public static func digest16(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: bytes).prefix(16))
    }
}
