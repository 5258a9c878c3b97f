import SitcenDomain
import SitcenText

/// What each rule type does with a report that passed its filter.
extension RuleEngine {
    mutating func evaluate(_ cr: CompiledRule, _ r: LoggedReport, into out: inout [AlertEvent]) {
        let t = r.report.observedAt
        switch cr.rule.kind {
        case .any:
            emitReport(cr, r, into: &out)
        case .threshold(_, let gte, let lte):
            guard let v = cr.fieldReader?.number(r) else { return }
            if (gte.map { v >= $0 } ?? false) || (lte.map { v <= $0 } ?? false) { emitReport(cr, r, into: &out) }
        case .proximity:
            if cr.proximity?.matches(r) == true { emitReport(cr, r, into: &out) }
        case .frequency(let n, let tf):
            guard let key = cr.queryKey(r) else { return }
            let slot = slots[cr.index]
            let count = freq[slot].add(key, t.millis, timeframe: tf * 1000)
            freq[slot].sweep(watermark: watermark ?? t.millis, timeframe: tf * 1000)
            if let count, count >= n { emitReport(cr, r, into: &out) }
        case .cardinality(_, let max, let tf):
            guard let key = cr.queryKey(r), let value = cr.fieldReader?.joined(r) else { return }
            let slot = slots[cr.index]
            let distinct = cards[slot].add(key, t.millis, value, timeframe: tf * 1000)
            cards[slot].sweep(watermark: watermark ?? t.millis, timeframe: tf * 1000)
            if let distinct, distinct >= max { emitReport(cr, r, into: &out) }
        case .spike(let p):
            guard let key = cr.queryKey(r) else { return }
            let slot = slots[cr.index]
            let o = spikes[slot].add(key, t.millis, p)
            if p.type != .up { lowerDueBound(spikes[slot].due[key]) }
            spikes[slot].sweep(watermark: watermark ?? t.millis, p)
            if o.up { emitReport(cr, r, into: &out) }
            if o.down { emitKey(cr, key: key, post: nil, at: t, into: &out) }
        case .newTerm(let p):
            let scope: String
            if let s = cr.scopeReader {
                guard let v = s.joined(r), !v.isEmpty else { return }
                scope = v
            } else { scope = "" }
            let slot = slots[cr.index]
            var done: [String] = []
            for term in cr.fieldReader?.strings(r) ?? [] {
                let folded = Fold.key(term)
                guard !folded.isEmpty, !done.contains(folded) else { continue }
                done.append(folded)
                if terms[slot].sight(scope + "\u{1F}" + folded, t.millis, window: p.termsWindow * 1000) {
                    emitReport(cr, r, override: (p.field.name, term), into: &out)
                }
            }
            terms[slot].sweep(watermark: watermark ?? t.millis, window: p.termsWindow * 1000)
        case .flatline:
            break   // heartbeats, not matches: see `heartbeat`
        }
    }

    mutating func emitReport(_ cr: CompiledRule, _ r: LoggedReport, override: (String, String)? = nil, into out: inout [AlertEvent]) {
        let m = Match(at: r.report.observedAt, report: ReportRef(r), key: GroupKey(rule: cr.rule.name, values: cr.groupValues(r, override: override)))
        if let e = book.record(m, policy: cr.policy, silences: silenceSet, group: { cr.groupLabels(r, override: override) },
                               describe: { cr.describe(r, override: override) }) {
            if e.kind != .updated || !silenceSet.silences.isEmpty { dueBound = nil }
            out.append(e)
        }
    }

    @discardableResult
    mutating func emitKey(_ cr: CompiledRule, key: String?, post: String?, at: Timestamp, into out: inout [AlertEvent]) -> AlertEvent? {
        let group = cr.groupLabels(key: key, post: post)
        let m = Match(at: at, report: nil, key: GroupKey(rule: cr.rule.name, values: group.map(\.value).joined(separator: "\u{1F}")))
        guard let e = book.record(m, policy: cr.policy, silences: silenceSet, group: { group },
                                  describe: { cr.describe(key: key, post: post) }) else { return nil }
        dueBound = nil
        out.append(e)
        return e
    }
}
