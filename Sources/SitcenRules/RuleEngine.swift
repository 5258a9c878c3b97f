import SitcenDomain
import SitcenText

/// The rule engine: consumes reports in log order and turns them into alert events.
/// It is driven by event time only (`observed_at`, and the times given to `advance`), never by
/// the wall clock, so a dry run and the live engine give the same events for the same inputs.
public struct RuleEngine: Sendable {
    public let rules: [Rule]
    public let registry: Registry
    /// Seconds a report's `observed_at` may lie ahead of its `receivedAt` and still move "now".
    public static let maxClockSkew: Int64 = 300
    let compiled: [CompiledRule]
    let index: RuleIndex
    /// Rules with deadlines of their own: flatline, and spike with `down` or `both`.
    let timed: [Int]
    /// Each rule's place in its type's state array.
    let slots: [Int]
    /// The inhibitions of the rules that have any, by rule name.
    let inhibitions: [String: [InhibitRule]]

    var freq: [FrequencyState] = []
    var spikes: [SpikeState] = []
    var cards: [CardinalityState] = []
    var terms: [NewTermState] = []
    var flats: [FlatlineState] = []

    var book = AlertBook()
    var silenceSet = SilenceSet()
    var lastSeq: Int64?
    var clock: Int64?
    var watermark: Int64?
    var silencesAppliedAt: Int64?
    var mask: [UInt64]
    /// Off in a dry run, which takes the reports it is given as they are.
    var checksSeq = true
    /// No deadline is earlier than this (nil: unknown, look). Not saved: recomputed.
    var dueBound: Int64?
    /// Some flatline rule has not started watching yet.
    var flatlinesToStart = true

    /// An engine for `rules` over `registry`, empty or resumed from a saved state. A rule's
    /// saved windows are used only if the rule is unchanged (same name and digest).
    public init(rules: [Rule], registry: Registry, restoring saved: EngineState? = nil) {
        self.rules = rules
        self.registry = registry
        let compiled = rules.enumerated().map { CompiledRule($1, index: $0, registry: registry) }
        self.compiled = compiled
        index = RuleIndex(compiled, registry: registry)
        mask = [UInt64](repeating: 0, count: index.words)
        var slots: [Int] = []
        var timed: [Int] = []
        for cr in compiled {
            let usable = saved?.version == EngineState.currentVersion
            let old = usable ? saved?.rules[cr.rule.name].flatMap { $0.digest == cr.rule.digest ? $0.state : nil } : nil
            switch cr.rule.kind {
            case .frequency:
                slots.append(freq.count)
                if case .frequency(let s)? = old { freq.append(s) } else { freq.append(FrequencyState()) }
            case .spike(let p):
                slots.append(spikes.count)
                if case .spike(let s)? = old { spikes.append(s) } else { spikes.append(SpikeState()) }
                if p.type != .up { timed.append(cr.index) }
            case .cardinality:
                slots.append(cards.count)
                if case .cardinality(let s)? = old { cards.append(s) } else { cards.append(CardinalityState()) }
            case .newTerm:
                slots.append(terms.count)
                if case .newTerm(let s)? = old { terms.append(s) } else { terms.append(NewTermState()) }
            case .flatline:
                slots.append(flats.count)
                if case .flatline(let s)? = old { flats.append(s) } else { flats.append(FlatlineState()) }
                timed.append(cr.index)
            default:
                slots.append(-1)
            }
        }
        self.slots = slots
        self.timed = timed
        var inhibitions: [String: [InhibitRule]] = [:]
        for r in rules { if let i = r.inhibits, !i.isEmpty { inhibitions[r.name] = i } }
        self.inhibitions = inhibitions
        if let saved {
            book = saved.book
            silenceSet = saved.silences
            lastSeq = saved.lastSeq
            clock = saved.clock
            watermark = saved.watermark
            silencesAppliedAt = saved.silencesAppliedAt
        }
        for i in timed { if case .flatline(let e) = compiled[i].rule.kind { watchNewPosts(i, expect: e) } }
    }

    /// The state to save with the checkpoint.
    public var state: EngineState {
        var s = EngineState()
        s.lastSeq = lastSeq; s.clock = clock; s.watermark = watermark
        s.silencesAppliedAt = silencesAppliedAt
        s.book = book; s.silences = silenceSet
        for cr in compiled {
            let slot = slots[cr.index]
            let st: TypeState
            switch cr.rule.kind {
            case .frequency: st = .frequency(freq[slot])
            case .spike: st = .spike(spikes[slot])
            case .cardinality: st = .cardinality(cards[slot])
            case .newTerm: st = .newTerm(terms[slot])
            case .flatline: st = .flatline(flats[slot])
            default: st = .stateless
            }
            s.rules[cr.rule.name] = RuleSlotState(digest: cr.rule.digest, state: st)
        }
        return s
    }

    /// The open alerts and what the engine remembers about closed ones.
    public var alerts: AlertBook { book }
    public var silences: SilenceSet { silenceSet }
    /// The seq of the last report processed.
    public var checkpoint: Int64? { lastSeq }
    /// The engine's "now".
    public var now: Timestamp? { clock.map { Timestamp(millis: $0) } }

    // MARK: - Inputs

    /// Processes one report (in log order). A report whose seq is not above the last one
    /// processed is ignored, so replaying from a checkpoint never doubles an alert.
    public mutating func process(_ r: LoggedReport) -> [AlertEvent] {
        var out: [AlertEvent] = []
        process(r, into: &out)
        return out
    }

    public mutating func process(_ r: LoggedReport, into out: inout [AlertEvent]) {
        if checksSeq, let last = lastSeq, r.seq <= last { return }
        let start = out.count
        defer { settleInhibitions(&out, from: start, at: now ?? r.report.observedAt) }
        lastSeq = max(lastSeq ?? r.seq, r.seq)
        // A report moves the engine's "now" to its observed_at, but never more than
        // `maxClockSkew` past the time the centre stored it: one post with a wrong clock must not
        // make every other post look silent, or escalate every alert.
        let t = min(r.report.observedAt.millis, r.receivedAt.millis + RuleEngine.maxClockSkew * 1000)
        tick(to: t, into: &out)
        watermark = max(watermark ?? t, t)
        let entry = index.posts[r.report.post]
        if let entry { for i in entry.flatline { heartbeat(i, r, into: &out) } }
        let indexed = index.candidates(r, entry, into: &mask)
        for w in 0..<mask.count {
            var bits = mask[w]
            while bits != 0 {
                let i = w * 64 + bits.trailingZeroBitCount
                bits &= bits - 1
                let cr = compiled[i]
                if cr.skipRetracted && r.report.retracted { continue }
                if cr.skipCorrections && r.report.revision > 0 { continue }
                guard indexed ? cr.rest(r) : cr.filter(r) else { continue }
                evaluate(cr, r, into: &out)
            }
        }
    }

    /// Moves the engine's "now" forward: deadlines that passed fire (flatline, spike down,
    /// escalation, silences starting or ending), each at its own event time.
    public mutating func advance(to now: Timestamp) -> [AlertEvent] {
        var out: [AlertEvent] = []
        tick(to: now.millis, into: &out)
        settleInhibitions(&out, from: 0, at: self.now ?? now)
        return out
    }

    public mutating func acknowledge(alert id: Int64, by: String, at: Timestamp) -> [AlertEvent] {
        dueBound = nil
        var out: [AlertEvent] = []
        tick(to: at.millis, into: &out)
        if let e = book.acknowledge(id: id, by: by, at: at) { out.append(e) }
        settleInhibitions(&out, from: 0, at: at)
        dueBound = nil
        return out
    }

    /// An operator closes an alert. (Flatline alerts also close themselves.)
    public mutating func resolve(alert id: Int64, by: String, at: Timestamp) -> [AlertEvent] {
        dueBound = nil
        var out: [AlertEvent] = []
        tick(to: at.millis, into: &out)
        let realert = book.alert(id: id).flatMap { a in rules.first { $0.name == a.rule }?.realert } ?? 0
        if let e = book.resolve(id: id, at: at, by: by, realert: realert) { out.append(e) }
        settleInhibitions(&out, from: 0, at: at)
        tick(to: at.millis, into: &out)   // an escalation that waited for the mute to end
        dueBound = nil
        return out
    }

    /// Adds (or replaces) a silence and applies it to the open alerts.
    public mutating func silence(_ s: Silence, at: Timestamp) -> [AlertEvent] {
        dueBound = nil
        var out: [AlertEvent] = []
        tick(to: at.millis, into: &out)
        silenceSet.upsert(s)
        applySilencesNow(at, into: &out)
        tick(to: at.millis, into: &out)   // an escalation that waited for the silence to end
        settleInhibitions(&out, from: 0, at: at)
        return out
    }

    /// Ends a silence now.
    public mutating func expireSilence(id: String, at: Timestamp) -> [AlertEvent] {
        dueBound = nil
        var out: [AlertEvent] = []
        tick(to: at.millis, into: &out)
        guard silenceSet.expire(id, at: at) else { return out }
        applySilencesNow(at, into: &out)
        tick(to: at.millis, into: &out)   // an escalation that waited for the silence to end
        settleInhibitions(&out, from: 0, at: at)
        return out
    }

    private mutating func applySilencesNow(_ at: Timestamp, into out: inout [AlertEvent]) {
        let t = max(at.millis, clock ?? at.millis, silencesAppliedAt ?? at.millis)
        silencesAppliedAt = t
        out += book.applySilences(silenceSet, at: Timestamp(millis: t))
        dueBound = nil
    }

    /// Runs `reports` (sorted by seq) through a fresh engine and returns the events; the only
    /// "now" is the last report's time, or `until` if later.
    public static func dryRun(_ rules: [Rule], reports: [LoggedReport], registry: Registry,
                              until: Timestamp? = nil) -> [AlertEvent] {
        var engine = RuleEngine(rules: rules, registry: registry)
        engine.checksSeq = false
        var out: [AlertEvent] = []
        let sorted = reports.enumerated().sorted { ($0.element.seq, $0.offset) < ($1.element.seq, $1.offset) }.map(\.element)
        for r in sorted { engine.process(r, into: &out) }
        if let end = [until?.millis, engine.clock].compactMap({ $0 }).max() {
            let start = out.count
            engine.tick(to: end, into: &out)
            engine.settleInhibitions(&out, from: start, at: Timestamp(millis: end))
        }
        return out
    }
}
