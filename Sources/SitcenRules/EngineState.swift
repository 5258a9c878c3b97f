import SitcenDomain

/// Everything the engine remembers, as one Codable value. The store saves it in the same
/// transaction as the checkpoint (the last report's seq) and the alert events, and hands it
/// back to `RuleEngine(rules:registry:restoring:)` after a restart.
public struct EngineState: Sendable, Codable {
    public static let currentVersion = 1

    public var version: Int = EngineState.currentVersion
    /// The seq of the last report processed: the checkpoint. Reports at or below it are ignored.
    public var lastSeq: Int64?
    /// The engine's "now" (milliseconds): the latest report time or `advance` time.
    public var clock: Int64?
    /// The latest `observed_at` of any report (milliseconds).
    public var watermark: Int64?
    /// Silences have been applied up to this time.
    public var silencesAppliedAt: Int64?
    public var book: AlertBook
    public var silences: SilenceSet
    /// Per rule (by name): its digest and its windowed state.
    var rules: [String: RuleSlotState]

    public init() { book = AlertBook(); silences = SilenceSet(); rules = [:] }

    /// Names of the rules whose state is saved.
    public var ruleNames: [String] { rules.keys.sorted() }
}

struct RuleSlotState: Sendable, Codable {
    var digest: String
    var state: TypeState
}

enum TypeState: Sendable, Codable {
    case stateless
    case frequency(FrequencyState)
    case spike(SpikeState)
    case cardinality(CardinalityState)
    case newTerm(NewTermState)
    case flatline(FlatlineState)
}
