import SitcenDomain
import SitcenText
import Yams

/// Turns one rule's YAML mapping into a `Rule`, collecting every problem with its place.
struct RuleParser {
    let file: String
    var errors: [RuleError] = []

    mutating func fail(_ at: Located, _ message: String, key: String? = nil, mark: Mark? = nil) {
        let m = mark ?? at.mark
        errors.append(RuleError(file: file, line: m?.line ?? 1, column: m?.column ?? 1, key: key ?? at.path, message: message))
    }

    mutating func parseRule(_ at: Located) -> Rule? {
        guard let pairs = at.pairs else { fail(at, "a rule must be a mapping of keys (name, type, severity…)"); return nil }
        var v: [String: Located] = [:]
        for p in pairs { v[p.key] = p.value }
        let before = errors.count

        // type first: it decides which other keys are allowed.
        var type: String? = nil
        if let t = v["type"] {
            if let s = t.string, RuleKeys.types.contains(s) { type = s }
            else {
                let hint = t.string.flatMap { Suggest.closest($0, among: RuleKeys.types) }.map { " (did you mean `\($0)`?)" } ?? ""
                fail(t, "must be one of \(RuleKeys.types.joined(separator: ", "))\(hint)")
            }
        } else { fail(at, "missing; every rule needs a `type`", key: at.child("type")) }

        let allowed = RuleKeys.common + (type.map(RuleKeys.extra) ?? RuleKeys.all)
        for p in pairs where !allowed.contains(p.key) {
            let owners = RuleKeys.owners(of: p.key)
            if let type, !owners.isEmpty {
                fail(p.value, "does not apply to type \(type) (it is a key of \(owners.joined(separator: ", ")))", mark: p.keyNode.mark)
            } else {
                let hint = Suggest.closest(p.key, among: allowed).map { " (did you mean `\($0)`?)" } ?? ""
                fail(p.value, "unknown key\(hint)", mark: p.keyNode.mark)
            }
        }

        let name = required(v, at, "name").flatMap { n -> String? in
            guard let s = n.string, !s.isEmpty, s.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) else {
                fail(n, "must be lower-case letters, digits and hyphens ([a-z0-9-]+), e.g. heroin-large"); return nil
            }
            return s
        }
        let severity = required(v, at, "severity").flatMap { n -> Severity? in
            guard let s = n.string.flatMap({ Severity(rawValue: $0.lowercased()) }) else {
                fail(n, "must be one of \(Severity.allCases.map(\.rawValue).joined(separator: ", "))"); return nil
            }
            return s
        }
        var description = Template("")
        if let d = v["description"] {
            if let s = d.string {
                do { description = try Template.parse(s) } catch { fail(d, error.message) }
            } else { fail(d, "must be a text") }
        }
        var filter: [FieldCondition] = []
        if let f = v["filter"] { filter = parseFilter(f) }
        let queryKey = v["query_key"].map { fieldList($0) } ?? []
        var labels: [String: String] = [:]
        if let l = v["labels"] {
            if let ps = l.pairs {
                for p in ps {
                    if RuleKeys.reservedLabels.contains(p.key) { fail(p.value, "`\(p.key)` is a label sitcen sets itself", mark: p.keyNode.mark) }
                    else if let s = p.value.string, p.value.scalar != nil { labels[p.key] = s }
                    else { fail(p.value, "a label's value must be a text") }
                }
            } else { fail(l, "must be a mapping of label names to values") }
        }
        var groupBy: [String]? = nil
        if let g = v["group_by"] {
            let names = stringList(g)
            for (i, n) in names.enumerated() where FieldPath(n.value) == nil && labels[n.value] == nil {
                let hint = Suggest.closest(n.value, among: FieldPath.allNames + labels.keys.sorted()).map { " (did you mean `\($0)`?)" } ?? ""
                fail(n.at, "`\(n.value)` is neither a field nor one of the rule's labels\(hint)", key: names.count > 1 || g.items != nil ? g.index(i) : g.path)
            }
            groupBy = names.map(\.value)
        }
        let inhibits = v["inhibits"].map { parseInhibits($0) } ?? []
        let realert = v["realert"].flatMap { duration($0, allowZero: true) } ?? 0
        let escalate = v["escalate_after"].flatMap { duration($0) }

        var kind: RuleKind? = nil
        if let type { kind = parseKind(type, v, at, queryKey: queryKey) }

        guard errors.count == before, let name, let severity, let kind else { return nil }
        let source = "\(file):\(at.mark?.line ?? 1)"
        return Rule(name: name, kind: kind, severity: severity, description: description, filter: filter,
                    queryKey: queryKey, groupBy: groupBy, realert: realert, escalateAfter: escalate,
                    labels: labels, inhibits: inhibits, source: source)
    }

    /// `inhibits:` a list of `{target: [matchers], equal: [labels]}`.
    mutating func parseInhibits(_ n: Located) -> [InhibitRule] {
        guard let items = n.items else { fail(n, "must be a list of {target: [matchers], equal: [labels]}"); return [] }
        var out: [InhibitRule] = []
        for item in items {
            guard let pairs = item.pairs else { fail(item, "must be a mapping with `target` (and `equal`)"); continue }
            var v: [String: Located] = [:]
            for p in pairs {
                v[p.key] = p.value
                if p.key != "target" && p.key != "equal" {
                    let hint = Suggest.closest(p.key, among: ["target", "equal"]).map { " (did you mean `\($0)`?)" } ?? ""
                    fail(p.value, "unknown key\(hint)", mark: p.keyNode.mark)
                }
            }
            guard let t = v["target"] else { fail(item, "missing; an inhibition needs `target` matchers such as rule=silent-post", key: item.child("target")); continue }
            var matchers: [SilenceMatcher] = []
            for m in stringList(t) {
                if let parsed = SilenceMatcher.parse(m.value) { matchers.append(parsed) } else {
                    fail(m.at, "`\(m.value)` is not a matcher (label=value, label=~regex, label!=value)")
                }
            }
            if matchers.isEmpty && stringList(t).isEmpty { fail(t, "needs at least one matcher, such as rule=silent-post") }
            let equal = v["equal"].map { stringList($0).map(\.value) } ?? []
            out.append(InhibitRule(target: matchers, equal: equal))
        }
        return out
    }

    // MARK: - Type-specific keys

    mutating func parseKind(_ type: String, _ v: [String: Located], _ at: Located, queryKey: [FieldPath]) -> RuleKind? {
        switch type {
        case "any":
            return .any
        case "frequency":
            let n = required(v, at, "num_events", type).flatMap { positiveInt($0) }
            let tf = required(v, at, "timeframe", type).flatMap { duration($0) }
            guard let n, let tf else { return nil }
            return .frequency(numEvents: n, timeframe: tf)
        case "spike":
            let h = required(v, at, "spike_height", type).flatMap { positiveNumber($0) }
            let st = required(v, at, "spike_type", type).flatMap { n -> SpikeType? in
                guard let t = n.string.flatMap(SpikeType.init(rawValue:)) else { fail(n, "must be up, down or both"); return nil }
                return t
            }
            let tf = required(v, at, "timeframe", type).flatMap { duration($0) }
            let tr = v["threshold_ref"].map { nonNegativeInt($0) } ?? 1
            let tc = v["threshold_cur"].map { nonNegativeInt($0) } ?? 1
            guard let h, let st, let tf, let tr, let tc else { return nil }
            return .spike(SpikeParams(height: h, type: st, timeframe: tf, thresholdRef: tr, thresholdCur: tc))
        case "flatline":
            if let q = v["query_key"] { fail(q, "flatline keeps one alert per silent post; query_key does not apply") }
            guard let e = required(v, at, "expect_every", type).flatMap({ duration($0) }) else { return nil }
            return .flatline(expectEvery: e)
        case "new_term":
            let f = required(v, at, "field", type).flatMap { field($0, allowText: false) }
            var scope = TermScope.global
            if let s = v["scope"] {
                if let sc = s.string.flatMap(TermScope.init(rawValue:)) { scope = sc }
                else { fail(s, "must be global, country, sector or post") }
            }
            let w = v["terms_window"].map { duration($0) } ?? 30 * 86_400
            guard let f, let w else { return nil }
            return .newTerm(NewTermParams(field: f, scope: scope, termsWindow: w))
        case "cardinality":
            let f = required(v, at, "field", type).flatMap { field($0, allowText: false) }
            let m = required(v, at, "max_cardinality", type).flatMap { positiveInt($0) }
            let tf = required(v, at, "timeframe", type).flatMap { duration($0) }
            guard let f, let m, let tf else { return nil }
            return .cardinality(field: f, maxCardinality: m, timeframe: tf)
        case "threshold":
            let value = required(v, at, "value", type).flatMap { n -> FieldPath? in
                guard let f = field(n, allowText: false) else { return nil }
                guard f.isNumeric else { fail(n, "must be a numeric field: \(numericFields)"); return nil }
                return f
            }
            let gte = v["gte"].flatMap { numberOrFail($0) }
            let lte = v["lte"].flatMap { numberOrFail($0) }
            if v["gte"] == nil && v["lte"] == nil { fail(at, "missing; type threshold needs `gte` or `lte` (or both)", key: at.child("gte")) }
            guard let value, gte != nil || lte != nil else { return nil }
            return .threshold(value: value, gte: gte, lte: lte)
        case "proximity":
            let km = required(v, at, "within_km", type).flatMap { positiveNumber($0) }
            var points: [GeoPoint]? = nil
            if let of = v["of"] { points = parsePoints(of) ?? [] }
            var invert = false
            if let n = v["not"] {
                if let b = n.bool { invert = b } else { fail(n, "must be true or false") }
            }
            guard let km else { return nil }
            return .proximity(ProximityParams(withinKm: km, points: points, invert: invert))
        default:
            return nil
        }
    }

    mutating func parsePoints(_ of: Located) -> [GeoPoint]? {
        if let s = of.string, of.scalar != nil {
            if s == "posts" { return nil }
            fail(of, "must be `posts` or a list of [lat, lon] points"); return []
        }
        guard let items = of.items, !items.isEmpty else { fail(of, "must be `posts` or a list of [lat, lon] points"); return [] }
        var out: [GeoPoint] = []
        for item in items {
            guard let pair = item.items, pair.count == 2, let lat = pair[0].number, let lon = pair[1].number else {
                fail(item, "must be a point [lat, lon] in decimal degrees"); continue
            }
            guard (-90...90).contains(lat), (-180...180).contains(lon) else {
                fail(item, "lat must be within −90..90 and lon within −180..180"); continue
            }
            out.append(GeoPoint(lat: lat, lon: lon))
        }
        return out
    }

    // MARK: - Values

    var numericFields: String { KnownField.allCases.filter { $0.kind == .number }.map(\.rawValue).joined(separator: ", ") + ", extra.NAME" }

    mutating func required(_ v: [String: Located], _ at: Located, _ key: String, _ type: String? = nil) -> Located? {
        if let n = v[key], !n.isNull { return n }
        let why = type.map { "type \($0) needs it" } ?? "every rule needs it"
        fail(at, "missing; \(why)", key: at.child(key), mark: v[key]?.mark ?? at.mark)
        return nil
    }

    mutating func duration(_ n: Located, allowZero: Bool = false) -> Int64? {
        let text = n.scalar.map(\.string) ?? ""
        guard n.scalar != nil, let s = DurationText.seconds(text) else {
            fail(n, "must be a duration such as 90s, 15m, 6h or 7d"); return nil
        }
        guard allowZero || s > 0 else { fail(n, "must be longer than 0"); return nil }
        return s
    }

    mutating func numberOrFail(_ n: Located) -> Double? {
        guard let d = n.number else { fail(n, "must be a number"); return nil }
        return d
    }

    mutating func positiveNumber(_ n: Located) -> Double? {
        guard let d = numberOrFail(n) else { return nil }
        guard d > 0 else { fail(n, "must be greater than 0"); return nil }
        return d
    }

    mutating func positiveInt(_ n: Located) -> Int? {
        guard let i = n.int, i >= 1 else { fail(n, "must be a whole number, 1 or more"); return nil }
        return i
    }

    mutating func nonNegativeInt(_ n: Located) -> Int? {
        guard let i = n.int, i >= 0 else { fail(n, "must be a whole number, 0 or more"); return nil }
        return i
    }

    mutating func field(_ n: Located, allowText: Bool = true) -> FieldPath? {
        guard let s = n.string, n.scalar != nil else { fail(n, "must be a field name"); return nil }
        guard let f = FieldPath(s) else {
            let hint = Suggest.closest(s, among: FieldPath.allNames).map { " (did you mean `\($0)`?)" } ?? ""
            fail(n, "`\(s)` is not a field\(hint)"); return nil
        }
        if !allowText, f == .known(.text) { fail(n, "`text` searches four fields; name one field here"); return nil }
        return f
    }

    /// A string or a list of strings.
    mutating func stringList(_ n: Located) -> [(value: String, at: Located)] {
        if let items = n.items {
            return items.compactMap { i in
                guard let s = i.string, i.scalar != nil else { fail(i, "must be a text"); return nil }
                return (s, i)
            }
        }
        guard let s = n.string, n.scalar != nil else { fail(n, "must be a name or a list of names"); return [] }
        return [(s, n)]
    }

    mutating func fieldList(_ n: Located) -> [FieldPath] {
        let names = stringList(n)
        var out: [FieldPath] = []
        for (s, at) in names {
            if let f = field(Located(node: at.node, path: at.path), allowText: false) { out.append(f) }
            _ = s
        }
        return out
    }
}
