import SitcenDomain

/// One alert rule, as loaded from a rule file (Docs/rules.md). A plain value: the engine
/// compiles it against a registry; a rule's digest tells the engine whether saved state still
/// belongs to it.
public struct Rule: Sendable, Hashable, Codable {
    public var name: String
    public var kind: RuleKind
    public var severity: Severity
    public var description: Template
    /// Every key must match (AND); in the order of the file.
    public var filter: [FieldCondition]
    public var queryKey: [FieldPath]
    /// Field or label names whose values, with the rule's name, make the fingerprint.
    /// nil: the default (the query key; for `flatline` the post; for `new_term` the field and scope).
    public var groupBy: [String]?
    /// Seconds after a resolved alert during which the same fingerprint opens no new one.
    public var realert: Int64
    /// Seconds an alert may stay unacknowledged before it goes one severity step up.
    public var escalateAfter: Int64?
    public var labels: [String: String]
    /// Alerts this rule's open alerts mute while they are open (Alertmanager's inhibition):
    /// a sector's communications outage mutes its posts' silent-post alerts. Not part of the
    /// digest: it changes no window of the rule itself. (Optional for checkpoints written before.)
    public var inhibits: [InhibitRule]?
    /// Where the rule came from, for messages: `rules/heroin.yaml:3`.
    public var source: String

    public init(name: String, kind: RuleKind, severity: Severity, description: Template = Template(""),
                filter: [FieldCondition] = [], queryKey: [FieldPath] = [], groupBy: [String]? = nil,
                realert: Int64 = 0, escalateAfter: Int64? = nil, labels: [String: String] = [:],
                inhibits: [InhibitRule] = [], source: String = "") {
        self.name = name; self.kind = kind; self.severity = severity; self.description = description
        self.filter = filter; self.queryKey = queryKey; self.groupBy = groupBy; self.realert = realert
        self.escalateAfter = escalateAfter; self.labels = labels; self.inhibits = inhibits.isEmpty ? nil : inhibits
        self.source = source
    }

    /// The rule's type name as rule files write it.
    public var typeName: String { kind.typeName }

    /// The fields or labels that make the fingerprint, defaults applied.
    public var effectiveGroupBy: [String] {
        if let g = groupBy { return g }
        switch kind {
        case .flatline: return ["post"]
        case .newTerm(let p):
            var out = [p.field.name]
            if let s = p.scope.field, s != p.field { out.append(s.name) }
            return out
        default: return queryKey.map(\.name)
        }
    }

    /// A stable digest of the definition (FNV-1a over a canonical text); saved state is
    /// restored only into a rule with the same name and digest.
    public var digest: String {
        var copy = self
        copy.source = ""
        copy.inhibits = nil
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in String(reflecting: copy.canonical).utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }

    private var canonical: String {
        "\(name)|\(kind)|\(severity)|\(description.text)|\(filter)|\(queryKey)|\(String(describing: groupBy))|\(realert)|\(String(describing: escalateAfter))|\(labels.sorted { $0.key < $1.key })"
    }
}

/// The eight rule types with their own keys. Durations are seconds.
public enum RuleKind: Sendable, Hashable, Codable {
    case any
    case frequency(numEvents: Int, timeframe: Int64)
    case spike(SpikeParams)
    case flatline(expectEvery: Int64)
    case newTerm(NewTermParams)
    case cardinality(field: FieldPath, maxCardinality: Int, timeframe: Int64)
    case threshold(value: FieldPath, gte: Double?, lte: Double?)
    case proximity(ProximityParams)

    public var typeName: String {
        switch self {
        case .any: return "any"
        case .frequency: return "frequency"
        case .spike: return "spike"
        case .flatline: return "flatline"
        case .newTerm: return "new_term"
        case .cardinality: return "cardinality"
        case .threshold: return "threshold"
        case .proximity: return "proximity"
        }
    }
}

public enum SpikeType: String, Sendable, Hashable, Codable, CaseIterable { case up, down, both }

public struct SpikeParams: Sendable, Hashable, Codable {
    public var height: Double
    public var type: SpikeType
    public var timeframe: Int64
    public var thresholdRef: Int
    public var thresholdCur: Int
    public init(height: Double, type: SpikeType, timeframe: Int64, thresholdRef: Int = 1, thresholdCur: Int = 1) {
        self.height = height; self.type = type; self.timeframe = timeframe
        self.thresholdRef = thresholdRef; self.thresholdCur = thresholdCur
    }
}

public enum TermScope: String, Sendable, Hashable, Codable, CaseIterable {
    case global, country, sector, post
    /// The report field that splits the scope (nil for global).
    public var field: FieldPath? {
        switch self {
        case .global: return nil
        case .country: return .known(.country)
        case .sector: return .known(.sector)
        case .post: return .known(.post)
        }
    }
}

public struct NewTermParams: Sendable, Hashable, Codable {
    public var field: FieldPath
    public var scope: TermScope
    public var termsWindow: Int64
    public init(field: FieldPath, scope: TermScope = .global, termsWindow: Int64 = 30 * 86_400) {
        self.field = field; self.scope = scope; self.termsWindow = termsWindow
    }
}

public struct GeoPoint: Sendable, Hashable, Codable {
    public var lat: Double
    public var lon: Double
    public init(lat: Double, lon: Double) { self.lat = lat; self.lon = lon }
}

public struct ProximityParams: Sendable, Hashable, Codable {
    public var withinKm: Double
    /// nil: the registry's posts.
    public var points: [GeoPoint]?
    public var invert: Bool
    public init(withinKm: Double, points: [GeoPoint]? = nil, invert: Bool = false) {
        self.withinKm = withinKm; self.points = points; self.invert = invert
    }
}

/// One key of a filter: a field and what its value must be.
public struct FieldCondition: Sendable, Hashable, Codable {
    public var field: FieldPath
    public var condition: Condition
    public init(_ field: FieldPath, _ condition: Condition) { self.field = field; self.condition = condition }
}

/// What a filter asks of a field's value.
public indirect enum Condition: Sendable, Hashable, Codable {
    /// Equality; case-insensitive for text; on `text`, a case- and script-insensitive substring.
    case equals(ScalarValue)
    /// Any of these (a YAML list).
    case anyOf([Condition])
    /// All of these (a YAML map with several keys).
    case all([Condition])
    case gte(ScalarValue)
    case lte(ScalarValue)
    /// Must match the whole value.
    case regex(String)
    case not(Condition)
}

public enum ScalarValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case text(String)
    case number(Double)
    case bool(Bool)

    public var description: String {
        switch self {
        case .text(let s): return s
        case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .bool(let b): return b ? "true" : "false"
        }
    }
}
