import Foundation
import SitcenDomain

/// A rule compiled against a registry: filters as closures, readers for its fields, and
/// the index of its state in the engine's per-type arrays.
final class CompiledRule: Sendable {
    let rule: Rule
    let index: Int
    let policy: AlertPolicy
    /// The whole filter.
    let filter: ReportPredicate
    /// The filter without the keys the index already checked (type, category, post, sector,
    /// country), for reports whose post the index knows.
    let rest: ReportPredicate
    let keyReaders: [FieldReader]
    let group: [GroupPart]
    /// Retracted reports are skipped unless the filter asks about `retracted`.
    let skipRetracted: Bool
    /// Counting types skip corrections (revision > 0), so that a seizure counts once.
    let skipCorrections: Bool
    let fieldReader: FieldReader?
    let scopeReader: FieldReader?
    let proximity: ProximityCheck?
    let registry: Registry

    enum GroupPart: Sendable {
        case field(String, FieldReader)
        case label(String, String)
    }

    static let indexedFields: Set<KnownField> = [.type, .category, .post, .sector, .country]

    init(_ rule: Rule, index: Int, registry: Registry) {
        self.rule = rule
        self.index = index
        self.registry = registry
        var labels: [Label] = []
        for k in rule.labels.keys.sorted() { labels.append(Label(k, rule.labels[k]!)) }
        policy = AlertPolicy(name: rule.name, severity: rule.severity, labels: labels,
                             realert: rule.realert, escalateAfter: rule.escalateAfter)
        filter = FilterCompiler.compile(rule.filter, registry: registry)
        rest = FilterCompiler.compile(rule.filter.filter {
            guard case .known(let k) = $0.field else { return true }
            return !CompiledRule.indexedFields.contains(k)
        }, registry: registry)
        keyReaders = rule.queryKey.map { FieldReader(path: $0, registry: registry) }
        group = rule.effectiveGroupBy.map { name in
            if let f = FieldPath(name), rule.labels[name] == nil { return .field(name, FieldReader(path: f, registry: registry)) }
            return .label(name, rule.labels[name] ?? "")
        }
        skipRetracted = !rule.filter.contains { $0.field == .known(.retracted) }
        switch rule.kind {
        case .frequency, .spike, .cardinality: skipCorrections = true
        default: skipCorrections = false
        }
        switch rule.kind {
        case .cardinality(let f, _, _): fieldReader = FieldReader(path: f, registry: registry); scopeReader = nil
        case .threshold(let f, _, _): fieldReader = FieldReader(path: f, registry: registry); scopeReader = nil
        case .newTerm(let p):
            fieldReader = FieldReader(path: p.field, registry: registry)
            scopeReader = p.scope.field.map { FieldReader(path: $0, registry: registry) }
        default: fieldReader = nil; scopeReader = nil
        }
        if case .proximity(let p) = rule.kind { proximity = ProximityCheck(p, registry: registry) } else { proximity = nil }
    }

    /// The query key of a report: its values joined, or nil when one is missing.
    func queryKey(_ r: LoggedReport) -> String? {
        switch keyReaders.count {
        case 0: return ""
        case 1: return keyReaders[0].joined(r)
        default:
            var parts: [String] = []
            for k in keyReaders { guard let v = k.joined(r) else { return nil }; parts.append(v) }
            return parts.joined(separator: "\u{1F}")
        }
    }

    /// The grouping values of a report, joined: with the rule's name, the open alert's identity.
    func groupValues(_ r: LoggedReport, override: (String, String)? = nil) -> String {
        if group.count == 1 { return value(group[0], r, override) }
        var s = ""
        for (i, part) in group.enumerated() {
            if i > 0 { s += "\u{1F}" }
            s += value(part, r, override)
        }
        return s
    }

    @inline(__always)
    private func value(_ part: GroupPart, _ r: LoggedReport, _ override: (String, String)?) -> String {
        switch part {
        case .label(_, let v): return v
        case .field(let n, let reader):
            if let o = override, o.0 == n { return o.1 }
            return reader.joined(r) ?? ""
        }
    }

    /// The grouping labels for a report (`override` replaces a field's value: the new term).
    func groupLabels(_ r: LoggedReport, override: (String, String)? = nil) -> [Label] {
        group.map { part in
            switch part {
            case .label(let n, let v): return Label(n, v)
            case .field(let n, let reader):
                if let o = override, o.0 == n { return Label(n, o.1) }
                return Label(n, reader.joined(r) ?? "")
            }
        }
    }

    /// The grouping labels when no report triggered (spike down, flatline): from the query key
    /// values, or from the registry's post.
    func groupLabels(key: String?, post: String?) -> [Label] {
        let values = key.map { $0.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init) } ?? []
        return group.map { part in
            switch part {
            case .label(let n, let v): return Label(n, v)
            case .field(let n, _): return Label(n, valueWithoutReport(n, keyValues: values, post: post) ?? "")
            }
        }
    }

    func valueWithoutReport(_ name: String, keyValues: [String], post: String?) -> String? {
        if let i = rule.queryKey.firstIndex(where: { $0.name == name }), i < keyValues.count { return keyValues[i] }
        guard let code = post else { return nil }
        switch name {
        case "post": return code
        case "sector": return registry.post(code)?.sector
        case "country": return registry.post(code)?.country
        case "place": return registry.post(code)?.nameEn
        case "lat": return registry.post(code).map { JSONTextNumber($0.lat) }
        case "lon": return registry.post(code).map { JSONTextNumber($0.lon) }
        default: return nil
        }
    }

    func describe(_ r: LoggedReport, override: (String, String)? = nil) -> String {
        rule.description.render(rule: rule.name) { f in
            if let o = override, o.0 == f.name { return o.1 }
            return FieldReader(path: f, registry: registry).joined(r)
        }
    }

    func describe(key: String?, post: String?) -> String {
        let values = key.map { $0.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init) } ?? []
        return rule.description.render(rule: rule.name) { valueWithoutReport($0.name, keyValues: values, post: post) }
    }
}

private func JSONTextNumber(_ d: Double) -> String { ScalarValue.number(d).description }

/// `proximity`: distance of a report's position (its own, or its post's) to the nearest point.
struct ProximityCheck: Sendable {
    let points: [GeoPoint]
    let km: Double
    let invert: Bool
    let registry: Registry

    init(_ p: ProximityParams, registry: Registry) {
        points = p.points ?? registry.posts.map { GeoPoint(lat: $0.lat, lon: $0.lon) }
        km = p.withinKm
        invert = p.invert
        self.registry = registry
    }

    func matches(_ r: LoggedReport) -> Bool {
        let pos: GeoPoint
        if let lat = r.report.lat, let lon = r.report.lon { pos = GeoPoint(lat: lat, lon: lon) }
        else if let post = registry.post(r.report.post) { pos = GeoPoint(lat: post.lat, lon: post.lon) }
        else { return false }
        // 1° of latitude is about 111.2 km: skip points that are clearly too far.
        let latSpan = km / 111.0 + 0.01
        var near = false
        for p in points where abs(p.lat - pos.lat) <= latSpan {
            if Geo.haversineKm(pos, p) <= km { near = true; break }
        }
        return near != invert
    }
}

enum Geo {
    static let earthRadiusKm = 6371.0088

    static func haversineKm(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let rad = Double.pi / 180
        let dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.lat * rad) * cos(b.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadiusKm * asin(min(1, sqrt(h)))
    }
}
