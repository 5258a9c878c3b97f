/// The closed vocabularies of the feed format (Docs/feeds.md).

public enum ReportType: String, Sendable, CaseIterable, Codable, Hashable {
    case seizure, incident, sitrep, tip
}

public enum QuantityUnit: String, Sendable, CaseIterable, Codable, Hashable {
    case g, kg, t, ml, l, tablets, doses, units
}

public enum Transport: String, Sendable, CaseIterable, Codable, Hashable {
    case road, rail, air, sea, river, postal, pedestrian
    case packAnimal = "pack_animal"
    case other, unknown
}

public enum Severity: String, Sendable, CaseIterable, Codable, Hashable, Comparable {
    case info, low, medium, high, critical

    public var rank: Int { Severity.allCases.firstIndex(of: self)! }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    /// One step up, as escalation does; `critical` stays critical.
    public var escalated: Severity { self == .critical ? .critical : Severity.allCases[rank + 1] }
}

public enum TLP: String, Sendable, CaseIterable, Codable, Hashable {
    case clear, green, amber, red
}

/// Substance categories (rules.md). `other` is sitcen's extension for known substances that
/// are not controlled drugs (nasvay); `unknown` is a name that matched nothing.
public enum SubstanceCategory: String, Sendable, CaseIterable, Codable, Hashable {
    case opiates, cannabis, cocaine, ats, nps, precursors, pharmaceuticals, other, unknown
}

/// Kinds of places in the posts registry.
public enum PostKind: String, Sendable, CaseIterable, Codable, Hashable {
    case bcp, blo, post
}
