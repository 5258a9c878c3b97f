import SitcenDomain
import SitcenText

/// The fields a filter, `query_key`, `field`, `value`, `group_by` or a description template
/// may name: every feed field, the derived ones, and `extra.NAME`.
public enum KnownField: String, CaseIterable, Sendable, Codable, Hashable {
    case id, post, type
    case observedAt = "observed_at", reportedAt = "reported_at"
    case lat, lon, place, substance, quantity, unit, origin, destination, transit, transport
    case conveyance, concealment, vehicle, arrested, nationalities, severity, summary, tlp
    case revision, retracted
    case category
    case quantityKg = "quantity_kg"
    case country, sector, text

    /// How a field's values compare.
    public enum Kind: Sendable { case text, severity, number, time, bool, list, search }

    public var kind: Kind {
        switch self {
        case .lat, .lon, .quantity, .arrested, .revision, .quantityKg: return .number
        case .observedAt, .reportedAt: return .time
        case .retracted: return .bool
        case .transit, .nationalities: return .list
        case .severity: return .severity
        case .text: return .search
        default: return .text
        }
    }
}

/// A field named in a rule: a known field, or `extra.NAME` (an unknown feed field kept as JSON).
public enum FieldPath: Sendable, Hashable, Codable, CustomStringConvertible {
    case known(KnownField)
    case extra(String)

    public init?(_ name: String) {
        if let k = KnownField(rawValue: name) { self = .known(k); return }
        if name.hasPrefix("extra."), name.count > 6 { self = .extra(String(name.dropFirst(6))); return }
        return nil
    }

    public var name: String {
        switch self {
        case .known(let k): return k.rawValue
        case .extra(let n): return "extra." + n
        }
    }
    public var description: String { name }

    public var isNumeric: Bool {
        switch self {
        case .known(let k): return k.kind == .number
        case .extra: return true   // checked per report: a non-number never matches
        }
    }

    /// Every name a rule may use, for did-you-mean suggestions and messages.
    public static var allNames: [String] { KnownField.allCases.map(\.rawValue) + ["extra.NAME"] }

    public init(from decoder: Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let f = FieldPath(name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown field \(name)"))
        }
        self = f
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(name)
    }
}

/// Reads field values out of a report. Built once per rule with the registry, so that `lat`
/// and `lon` fall back to the post's own position as the feed format says.
struct FieldReader: Sendable {
    let path: FieldPath
    let registry: Registry

    /// The value of a single-valued text-like field, or nil when the report has none.
    func text(_ r: LoggedReport) -> String? {
        let p = r.report
        guard case .known(let k) = path else { return nil }
        switch k {
        case .id: return p.id
        case .post: return p.post
        case .type: return p.type.rawValue
        case .place: return p.place
        case .substance: return r.substanceCanonical ?? p.substance
        case .unit: return p.unit?.rawValue
        case .origin: return p.origin
        case .destination: return p.destination
        case .transport: return p.transport?.rawValue
        case .conveyance: return p.conveyance
        case .concealment: return p.concealment
        case .vehicle: return p.vehicle
        case .severity: return p.severity?.rawValue
        case .summary: return p.summary
        case .tlp: return p.effectiveTLP.rawValue
        case .category: return r.category?.rawValue
        case .country: return r.country.isEmpty ? nil : r.country
        case .sector: return r.sector.isEmpty ? nil : r.sector
        default: return nil
        }
    }

    func number(_ r: LoggedReport) -> Double? {
        let p = r.report
        switch path {
        case .known(.lat): return p.lat ?? (p.lon == nil ? registry.post(p.post)?.lat : nil)
        case .known(.lon): return p.lon ?? (p.lat == nil ? registry.post(p.post)?.lon : nil)
        case .known(.quantity): return p.quantity
        case .known(.arrested): return p.arrested.map(Double.init)
        case .known(.revision): return Double(p.revision)
        case .known(.quantityKg): return r.quantityKg
        case .extra(let name):
            for v in ExtraFields.values(name, r.report.extraJSON) { if case .number(let d) = v { return d } }
            return nil
        default: return nil
        }
    }

    func time(_ r: LoggedReport) -> Int64? {
        switch path {
        case .known(.observedAt): return r.report.observedAt.millis
        case .known(.reportedAt): return r.report.reportedAt?.millis
        default: return nil
        }
    }

    func list(_ r: LoggedReport) -> [String] {
        switch path {
        case .known(.transit): return r.report.transit
        case .known(.nationalities): return r.report.nationalities
        case .known(.text): return [r.report.summary, r.report.place, r.report.concealment, r.report.conveyance].compactMap { $0 }
        default: return []
        }
    }

    /// Every value of the field as text (numbers in their shortest form, times in RFC 3339,
    /// list fields one value per element); empty when the report has none.
    func strings(_ r: LoggedReport) -> [String] {
        switch path {
        case .extra(let name):
            return ExtraFields.values(name, r.report.extraJSON).map(\.text)
        case .known(let k):
            switch k.kind {
            case .text, .severity: return text(r).map { [$0] } ?? []
            case .number: return number(r).map { [JSONText.number($0)] } ?? []
            case .time:
                if k == .observedAt { return [r.report.observedAt.rfc3339()] }
                return r.report.reportedAt.map { [$0.rfc3339()] } ?? []
            case .bool: return [r.report.retracted ? "true" : "false"]
            case .list, .search: return list(r)
            }
        }
    }

    /// One value for keys and templates: list values joined with `,`; nil when missing.
    func joined(_ r: LoggedReport) -> String? {
        if case .known(let k) = path, k.kind == .text || k.kind == .severity { return text(r) }
        let all = strings(r)
        return all.isEmpty ? nil : all.joined(separator: ",")
    }
}

