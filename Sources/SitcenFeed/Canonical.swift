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

    /// 16 bytes of SHA-256 over the report's content in a canonical binary form (each field
    /// given, in a fixed order, as a tag and a length-prefixed value; numbers by value; times by
    /// instant and offset; extras as their sorted JSON): what duplicate and conflict checks
    /// compare. `reported_at` is left out. Streaming the fields into the hash avoids building
    /// the text of `content(_:)`, which ingest would otherwise do for every record.
    public static func hash(_ r: Report) -> [UInt8] {
        var h = FieldHasher()
        h.text(1, r.id); h.text(2, r.post); h.text(3, r.type.rawValue)
        h.int(4, r.observedAt.millis); h.int(5, Int64(r.observedAt.offsetSeconds))
        h.number(6, r.lat); h.number(7, r.lon); h.text(8, r.place); h.text(9, r.substance)
        h.number(10, r.quantity); h.text(11, r.unit?.rawValue); h.text(12, r.origin); h.text(13, r.destination)
        h.list(14, r.transit); h.text(15, r.transport?.rawValue); h.text(16, r.conveyance)
        h.text(17, r.concealment); h.text(18, r.vehicle); h.int(19, r.arrested.map(Int64.init))
        h.list(20, r.nationalities); h.text(21, r.severity?.rawValue); h.text(22, r.summary)
        h.text(23, r.tlp?.rawValue); h.int(24, Int64(r.revision)); h.int(25, r.retracted ? 1 : 0)
        h.text(26, r.extraJSON)
        return h.finish()
    }

    /// The first 16 bytes of SHA-256 of `bytes`.
    public static func digest16(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: bytes).prefix(16))
    }
}

/// Feeds tagged, length-prefixed field values into SHA-256 through a small buffer.
struct FieldHasher {
    private var sha = SHA256()
    private var buf: [UInt8] = []

    init() { buf.reserveCapacity(1024) }

    private mutating func tag(_ t: UInt8, _ length: Int) {
        buf.append(t)
        var n = UInt32(truncatingIfNeeded: length)
        withUnsafeBytes(of: &n) { buf.append(contentsOf: $0) }
    }

    mutating func text(_ t: UInt8, _ s: String?) {
        guard var s else { return }
        s.withUTF8 { b in
            tag(t, b.count)
            buf.append(contentsOf: b)
        }
        if buf.count > 4096 { flush() }
    }

    mutating func int(_ t: UInt8, _ v: Int64?) {
        guard var v else { return }
        tag(t, 8)
        withUnsafeBytes(of: &v) { buf.append(contentsOf: $0) }
    }

    mutating func number(_ t: UInt8, _ d: Double?) {
        guard let d else { return }
        var bits = (d == 0 ? 0.0 : d).bitPattern          // -0 and 0 are the same number
        tag(t, 8)
        withUnsafeBytes(of: &bits) { buf.append(contentsOf: $0) }
    }

    mutating func list(_ t: UInt8, _ items: [String]) {
        guard !items.isEmpty else { return }
        tag(t, items.count)
        for item in items { text(0, item) }
    }

    private mutating func flush() {
        sha.update(data: buf)
        buf.removeAll(keepingCapacity: true)
    }

    mutating func finish() -> [UInt8] {
        flush()
        return Array(sha.finalize().prefix(16))
    }
}
