import SitcenDomain

/// What the quality board and the forecasts read from a store. SitcenStore implements it over
/// SQLite; tests implement it over arrays. Every method is a plain read.
public protocol QualityQueries: Sendable {
    /// Every stored revision (superseded and withdrawn ones too) of the reports observed in
    /// `[from, to)`, of the posts `posts` (nil: every post).
    func reportFacts(observedFrom from: Timestamp, to: Timestamp, posts: [String]?) throws -> [ReportFact]

    /// When each post last sent a report (its `reported_at`, else the centre's receipt time),
    /// looking only at sendings at or before `until`.
    func lastContacts(until: Timestamp) throws -> [String: Timestamp]

    /// Current, not withdrawn seizures observed before `before`, totalled by `dimension` and by
    /// week (Monday to Sunday in the zone `offset`), optionally of one sector.
    func weeklySeizures(by dimension: SeriesDimension, before: Timestamp, offset: Int32,
                        sector: String?) throws -> [WeeklyTotal]

    /// The earliest observation among current, not withdrawn seizures (of one sector, or all).
    func firstSeizureObserved(sector: String?) throws -> Timestamp?
}

/// One stored revision of a report, reduced to what the quality figures use.
public struct ReportFact: Sendable, Equatable {
    public var seq: Int64
    public var post: String
    public var id: String
    public var revision: Int
    public var type: ReportType
    public var observed: Timestamp
    /// When the post sent it: its `reported_at`, else when the centre received it.
    public var sent: Timestamp
    /// A newer revision replaced this one.
    public var superseded: Bool
    public var retracted: Bool
    public var hasPosition: Bool
    public var hasOrigin: Bool
    public var hasDestination: Bool
    public var hasTransport: Bool
    /// Canonical substance name (seizures and tips that name one).
    public var substance: String?
    public var kilograms: Double?
    /// The `source_class` extra field as sent (nil: absent, which means `official`).
    public var sourceClass: String?

    public init(seq: Int64 = 0, post: String, id: String, revision: Int = 0, type: ReportType,
                observed: Timestamp, sent: Timestamp, superseded: Bool = false, retracted: Bool = false,
                hasPosition: Bool = false, hasOrigin: Bool = false, hasDestination: Bool = false,
                hasTransport: Bool = false, substance: String? = nil, kilograms: Double? = nil,
                sourceClass: String? = nil) {
        self.seq = seq; self.post = post; self.id = id; self.revision = revision; self.type = type
        self.observed = observed; self.sent = sent; self.superseded = superseded; self.retracted = retracted
        self.hasPosition = hasPosition; self.hasOrigin = hasOrigin; self.hasDestination = hasDestination
        self.hasTransport = hasTransport; self.substance = substance; self.kilograms = kilograms
        self.sourceClass = sourceClass
    }

    /// Current and not withdrawn: what totals count.
    public var isCurrent: Bool { !superseded && !retracted }
}

/// What a forecast series is keyed by.
public enum SeriesDimension: String, Sendable, CaseIterable {
    case category, substance, post
}

/// What a forecast series measures: seizures, or their kilogram-equivalents.
public enum SeriesMetric: String, Sendable, CaseIterable {
    case count, kg
}

/// One key's seizures in one week.
public struct WeeklyTotal: Sendable, Equatable {
    public var key: String
    /// The week's Monday, as days since 1970-01-01 in the zone asked.
    public var monday: Int
    public var seizures: Int
    public var kilograms: Double

    public init(key: String, monday: Int, seizures: Int, kilograms: Double) {
        self.key = key; self.monday = monday; self.seizures = seizures; self.kilograms = kilograms
    }
}
