import SitcenDomain

/// The window a board covers: periods that start at or after `from` and end at or before `to`,
/// cut by midnight in the zone `offset`.
public struct QualityWindow: Sendable, Equatable {
    public var from: Timestamp
    public var to: Timestamp
    public var offset: Int32

    public init(from: Timestamp, to: Timestamp, offset: Int32) {
        self.from = from; self.to = to; self.offset = offset
    }
}

/// What happened in one period: reported on time, late, not at all, or the post was not
/// expected then (opened later, closed earlier).
public enum CellState: String, Sendable, CaseIterable, Comparable {
    case onTime = "on_time", late, missing
    case notExpected = "not_expected"

    /// Worst first when sorted descending: missing > late > on time > not expected.
    var badness: Int {
        switch self {
        case .notExpected: return 0
        case .onTime: return 1
        case .late: return 2
        case .missing: return 3
        }
    }

    public static func < (a: CellState, b: CellState) -> Bool { a.badness < b.badness }
}

/// One period of a post's row.
public struct PeriodCell: Sendable, Equatable {
    public var period: ReportingPeriod
    public var state: CellState
    /// When the first report of the period was sent (nil: none came).
    public var firstSent: Timestamp?

    public init(period: ReportingPeriod, state: CellState, firstSent: Timestamp?) {
        self.period = period; self.state = state; self.firstSent = firstSent
    }
}

/// One local day of a row, for views narrower than a post's periods and for sector rows:
/// the periods expected that day, and how many were reported and on time.
public struct DayCell: Sendable, Equatable {
    /// Days since 1970-01-01 in the centre's zone.
    public var day: Int
    public var expected: Int
    public var reported: Int
    public var onTime: Int

    public init(day: Int, expected: Int, reported: Int, onTime: Int) {
        self.day = day; self.expected = expected; self.reported = reported; self.onTime = onTime
    }

    /// The worst state of the day: missing if any period was, else late if any was.
    public var state: CellState {
        if expected == 0 { return .notExpected }
        if reported < expected { return .missing }
        return onTime < reported ? .late : .onTime
    }
}

/// How many current seizures lack each descriptive field.
public struct MissingFields: Sendable, Equatable {
    public var seizures = 0
    /// Without `lat`/`lon`.
    public var position = 0
    public var origin = 0
    public var destination = 0
    public var transport = 0

    public init() {}

    /// `count` as a share of the seizures (nil when there were none).
    public func share(_ count: Int) -> Double? { seizures == 0 ? nil : Double(count) / Double(seizures) }

    public mutating func add(_ o: MissingFields) {
        seizures += o.seizures; position += o.position; origin += o.origin
        destination += o.destination; transport += o.transport
    }
}

/// Where the reports came from, by the `source_class` extra field (absent: `official`).
public struct ProvenanceMix: Sendable, Equatable {
    /// The classes of the exchange spec, in order; anything else counts as `other`.
    public static let classes = ["official", "mandated", "open_source", "open_source_verified", "other"]
    public var counts: [String: Int] = [:]

    public init() {}

    public mutating func add(sourceClass: String?) {
        let c = sourceClass ?? "official"
        counts[ProvenanceMix.classes.contains(c) ? c : "other", default: 0] += 1
    }

    public mutating func add(_ o: ProvenanceMix) {
        for (k, v) in o.counts { counts[k, default: 0] += v }
    }

    public var total: Int { counts.values.reduce(0, +) }
    public func count(_ c: String) -> Int { counts[c] ?? 0 }
}

/// A seizure whose kilogram-equivalent is far from its substance's usual (|M| > 3.5).
public struct OutlierSeizure: Sendable, Equatable {
    public var seq: Int64
    public var post: String
    public var id: String
    public var substance: String
    public var kilograms: Double
    /// The modified z-score.
    public var score: Double

    public init(seq: Int64, post: String, id: String, substance: String, kilograms: Double, score: Double) {
        self.seq = seq; self.post = post; self.id = id; self.substance = substance
        self.kilograms = kilograms; self.score = score
    }
}

/// Consecutive periods reported late.
public struct LateRun: Sendable, Equatable {
    public var periods: Int
    public var from: Timestamp
    public var to: Timestamp

    public init(periods: Int, from: Timestamp, to: Timestamp) { self.periods = periods; self.from = from; self.to = to }
}

/// One post's row of the board.
public struct PostQuality: Sendable, Equatable {
    public var post: Post
    public var expected = 0
    public var reported = 0
    public var onTime = 0
    /// Seconds from `observed_at` to sending, over the reports observed in the window.
    public var delayP50: Int64?
    public var delayP90: Int64?
    public var missing = MissingFields()
    public var outliers: [OutlierSeizure] = []
    public var lastContact: Timestamp?
    /// Nil unless silent: no sending for longer than one period and its grace.
    public var silentSince: Timestamp?
    public var provenance = ProvenanceMix()
    /// One cell a period of the window, oldest first.
    public var cells: [PeriodCell] = []
    /// The longest run of periods reported late in the window (nil: none late).
    public var longestLateRun: LateRun?

    public init(post: Post) { self.post = post }

    /// reported ÷ expected (nil when nothing was expected).
    public var completeness: Double? { expected == 0 ? nil : Double(reported) / Double(expected) }
    /// on time ÷ expected.
    public var timeliness: Double? { expected == 0 ? nil : Double(onTime) / Double(expected) }
}

/// One sector's row: its posts together.
public struct SectorQuality: Sendable, Equatable {
    public var code: String
    public var posts: [String]
    public var expected = 0
    public var reported = 0
    public var onTime = 0
    public var missing = MissingFields()
    public var outliers = 0
    public var silentPosts = 0
    public var provenance = ProvenanceMix()
    /// One cell a day of the window, oldest first.
    public var cells: [DayCell] = []

    public init(code: String, posts: [String]) { self.code = code; self.posts = posts }

    public var completeness: Double? { expected == 0 ? nil : Double(reported) / Double(expected) }
    public var timeliness: Double? { expected == 0 ? nil : Double(onTime) / Double(expected) }
}

/// The data-quality board: every post and sector of the scope, worst first.
public struct QualityBoard: Sendable, Equatable {
    public var window: QualityWindow
    public var sector: String?
    public var posts: [PostQuality]
    public var sectors: [SectorQuality]

    public init(window: QualityWindow, sector: String?, posts: [PostQuality], sectors: [SectorQuality]) {
        self.window = window; self.sector = sector; self.posts = posts; self.sectors = sectors
    }
}
