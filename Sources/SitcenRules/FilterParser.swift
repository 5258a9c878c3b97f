import SitcenDomain
import SitcenText

/// Filters: `field: value`, `field: [a, b]`, `field: {gte: 1, lte: 5, regex: "…", not: …}`.
extension RuleParser {
    mutating func parseFilter(_ n: Located) -> [FieldCondition] {
        guard let pairs = n.pairs else { fail(n, "must be a mapping of fields to values"); return [] }
        var out: [FieldCondition] = []
        for p in pairs {
            guard let f = FieldPath(p.key) else {
                let hint = Suggest.closest(p.key, among: FieldPath.allNames).map { " (did you mean `\($0)`?)" } ?? ""
                fail(p.value, "`\(p.key)` is not a field\(hint)", mark: p.keyNode.mark); continue
            }
            if let c = parseCondition(p.value, f) { out.append(FieldCondition(f, c)) }
        }
        return out
    }

    mutating func parseCondition(_ n: Located, _ f: FieldPath) -> Condition? {
        if n.isNull { fail(n, "needs a value"); return nil }
        if let items = n.items {
            guard !items.isEmpty else { fail(n, "an empty list matches nothing"); return nil }
            let cs = items.compactMap { parseCondition($0, f) }
            return cs.count == items.count ? .anyOf(cs) : nil
        }
        if let pairs = n.pairs {
            guard !pairs.isEmpty else { fail(n, "an empty mapping tests nothing; use gte, lte, regex or not"); return nil }
            var cs: [Condition] = []
            var ok = true
            for p in pairs {
                switch p.key {
                case "gte", "lte":
                    guard let v = ordered(p.value, f, p.key) else { ok = false; continue }
                    cs.append(p.key == "gte" ? .gte(v) : .lte(v))
                case "regex":
                    guard let r = regex(p.value, f) else { ok = false; continue }
                    cs.append(.regex(r))
                case "not":
                    guard let c = parseCondition(p.value, f) else { ok = false; continue }
                    cs.append(.not(c))
                default:
                    let hint = Suggest.closest(p.key, among: RuleKeys.filterOperators).map { " (did you mean `\($0)`?)" } ?? ""
                    fail(p.value, "unknown operator; a filter map may use gte, lte, regex and not\(hint)", mark: p.keyNode.mark)
                    ok = false
                }
            }
            guard ok else { return nil }
            return cs.count == 1 ? cs[0] : .all(cs)
        }
        guard let v = scalar(n, f) else { return nil }
        return .equals(v)
    }

    /// A plain value for equality, checked against the field's kind and vocabulary.
    mutating func scalar(_ n: Located, _ f: FieldPath) -> ScalarValue? {
        guard let s = n.scalar?.string else { fail(n, "must be a value"); return nil }
        switch f {
        case .extra:
            if let d = n.number { return .number(d) }
            if let b = n.bool { return .bool(b) }
            return .text(s)
        case .known(let k):
            switch k.kind {
            case .number:
                guard let d = n.number else { fail(n, "must be a number"); return nil }
                return .number(d)
            case .time:
                guard Timestamp.parse(s) != nil else { fail(n, "must be an RFC 3339 time with offset, e.g. 2026-11-20T14:05:00+05:00"); return nil }
                return .text(s)
            case .bool:
                guard let b = n.bool else { fail(n, "must be true or false"); return nil }
                return .bool(b)
            case .text, .severity, .list, .search:
                if let allowed = FieldVocabulary.values(k), !allowed.contains(s.lowercased()) {
                    let hint = Suggest.closest(s, among: allowed).map { " (did you mean `\($0)`?)" } ?? ""
                    fail(n, "`\(s)` is not a \(k.rawValue); one of \(allowed.joined(separator: ", "))\(hint)"); return nil
                }
                if k.kind == .list, !s.isEmpty, FieldVocabulary.isCountryList(k), !Countries.isAlpha2(s.uppercased()) {
                    fail(n, "must be an ISO 3166-1 alpha-2 country code such as AF"); return nil
                }
                return .text(s)
            }
        }
    }

    mutating func ordered(_ n: Located, _ f: FieldPath, _ op: String) -> ScalarValue? {
        switch f {
        case .extra:
            guard let d = n.number else { fail(n, "must be a number"); return nil }
            return .number(d)
        case .known(let k):
            switch k.kind {
            case .number:
                guard let d = n.number else { fail(n, "must be a number"); return nil }
                return .number(d)
            case .time:
                guard let s = n.string, Timestamp.parse(s) != nil else { fail(n, "must be an RFC 3339 time with offset"); return nil }
                return .text(s)
            case .severity:
                guard let s = n.string, Severity(rawValue: s.lowercased()) != nil else {
                    fail(n, "must be a severity: \(Severity.allCases.map(\.rawValue).joined(separator: ", "))"); return nil
                }
                return .text(s.lowercased())
            default:
                fail(n, "`\(op)` compares numbers, times and severities; `\(k.rawValue)` is text (use a list or regex)"); return nil
            }
        }
    }

    mutating func regex(_ n: Located, _ f: FieldPath) -> String? {
        guard let s = n.string, n.scalar != nil else { fail(n, "must be a regular expression (a text)"); return nil }
        if case .known(let k) = f, [.number, .time, .bool].contains(k.kind) {
            fail(n, "`regex` applies to text fields; `\(k.rawValue)` is not text (use gte/lte)"); return nil
        }
        if let problem = WholeRegex.error(s) { fail(n, problem); return nil }
        return s
    }
}

/// The closed vocabularies a filter value is checked against.
enum FieldVocabulary {
    static func values(_ k: KnownField) -> [String]? {
        switch k {
        case .type: return ReportType.allCases.map(\.rawValue)
        case .category: return SubstanceCategory.allCases.map(\.rawValue)
        case .unit: return QuantityUnit.allCases.map(\.rawValue)
        case .transport: return Transport.allCases.map(\.rawValue)
        case .severity: return Severity.allCases.map(\.rawValue)
        case .tlp: return TLP.allCases.map(\.rawValue)
        default: return nil
        }
    }
    static func isCountryList(_ k: KnownField) -> Bool { k == .transit || k == .nationalities }
}
