import SitcenDomain
import SitcenText

/// Reports as JSON objects for listings and the API: the feed fields by their spec names, then
/// what the centre knows about the record (`seq`, `received_at`, derived facts).
public enum ReportJSON {
    /// The feed fields of `r`, in spec order, omitting what was not given.
    public static func feedFields(_ r: Report, includeReportedAt: Bool = true) -> [(String, JSONValue)] {
        var m: [(String, JSONValue)] = [
            ("id", .string(r.id)), ("post", .string(r.post)), ("type", .string(r.type.rawValue)),
            ("observed_at", .string(r.observedAt.rfc3339())),
        ]
        func s(_ k: String, _ v: String?) { if let v { m.append((k, .string(v))) } }
        func d(_ k: String, _ v: Double?) { if let v { m.append((k, .double(v))) } }
        if includeReportedAt, let t = r.reportedAt { m.append(("reported_at", .string(t.rfc3339()))) }
        d("lat", r.lat); d("lon", r.lon); s("place", r.place); s("substance", r.substance)
        d("quantity", r.quantity); s("unit", r.unit?.rawValue)
        s("origin", r.origin); s("destination", r.destination)
        if !r.transit.isEmpty { m.append(("transit", .array(r.transit.map { .string($0) }))) }
        s("transport", r.transport?.rawValue); s("conveyance", r.conveyance)
        s("concealment", r.concealment); s("vehicle", r.vehicle)
        if let a = r.arrested { m.append(("arrested", .int(Int64(a)))) }
        if !r.nationalities.isEmpty { m.append(("nationalities", .array(r.nationalities.map { .string($0) }))) }
        s("severity", r.severity?.rawValue); s("summary", r.summary); s("tlp", r.tlp?.rawValue)
        if r.revision != 0 { m.append(("revision", .int(Int64(r.revision)))) }
        if r.retracted { m.append(("retracted", .bool(true))) }
        if let extra = r.extraJSON, let v = try? JSONParser.parse(Array(extra.utf8)), case .object(let members) = v {
            for (k, val) in members { m.append((k, jsonValue(val))) }
        }
        return m
    }

    /// A stored report: its feed fields, then `seq`, `received_at`, `source`, the canonical
    /// substance, its category, the kilogram-equivalent, the post's country and sector.
    public static func object(_ l: LoggedReport) -> JSONValue {
        var m = feedFields(l.report)
        m.append(("seq", .int(l.seq)))
        m.append(("received_at", .string(l.receivedAt.rfc3339())))
        m.append(("source", .string(l.source)))
        if let c = l.substanceCanonical { m.append(("substance_canonical", .string(c))) }
        if let c = l.category { m.append(("category", .string(c.rawValue))) }
        if l.report.substance != nil { m.append(("substance_known", .bool(l.substanceKnown))) }
        if let kg = l.quantityKg { m.append(("quantity_kg", .double(kg))) }
        m.append(("country", .string(l.country)))
        m.append(("sector", .string(l.sector)))
        if l.superseded { m.append(("superseded", .bool(true))) }
        return .object(m)
    }

    /// A parsed feed value as an output value.
    public static func jsonValue(_ v: JValue) -> JSONValue {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let d, let integral): return integral && abs(d) < 9e15 ? .int(Int64(d)) : .double(d)
        case .string(let s): return .string(s)
        case .array(let items): return .array(items.map(jsonValue))
        case .object(let m): return .object(m.map { ($0.0, jsonValue($0.1)) })
        }
    }
}
