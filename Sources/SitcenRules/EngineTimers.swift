import SitcenDomain

/// Deadlines: flatline silences, spike drops, escalations and silences starting or ending.
/// They fire in the order of their times (ties: silences, then rules in file order, then
/// escalations; then by key), at their own event time, whenever the clock passes them.
extension RuleEngine {
    private enum Due: Comparable {
        case silences(Int64)
        case rule(Int64, Int, String)
        case escalation(Int64, Int64)

        var time: Int64 {
            switch self { case .silences(let t), .rule(let t, _, _), .escalation(let t, _): return t }
        }
        var order: (Int64, Int, Int, String, Int64) {
            switch self {
            case .silences(let t): return (t, 0, 0, "", 0)
            case .rule(let t, let i, let k): return (t, 1, i, k, 0)
            case .escalation(let t, let id): return (t, 2, 0, "", id)
            }
        }
        static func < (a: Due, b: Due) -> Bool { a.order < b.order }
        static func == (a: Due, b: Due) -> Bool { a.order == b.order }
    }

    mutating func tick(to t: Int64, into out: inout [AlertEvent]) {
        let now = max(clock ?? t, t)
        if clock == nil || now > clock! { clock = now }
        if flatlinesToStart {
            flatlinesToStart = false
            for i in timed { if case .flatline(let e) = compiled[i].rule.kind, flats[slots[i]].start == nil { startWatching(i, at: now, expect: e) } }
            dueBound = nil
        }
        if let b = dueBound, now < b { return }
        while true {
            guard let due = nextDue() else { dueBound = .max; return }
            guard due.time <= now else { dueBound = due.time; return }
            switch due {
            case .silences(let at):
                silencesAppliedAt = at
                out += book.applySilences(silenceSet, at: Timestamp(millis: at))
                silenceSet.prune(endedBefore: Timestamp(millis: at))
            case .rule(let at, let i, let key):
                fireRule(i, key: key, at: at, into: &out)
            case .escalation(let at, let id):
                if let e = book.escalate(id: id, at: Timestamp(millis: at)) { out.append(e) }
            }
        }
    }

    /// A deadline was set that may be earlier than the bound.
    mutating func lowerDueBound(_ t: Int64?) {
        guard let t, let b = dueBound else { return }
        if t < b { dueBound = t }
    }

    private mutating func nextDue() -> Due? {
        var best: Due? = nil
        func consider(_ d: Due) { if best == nil || d < best! { best = d } }
        if let s = silenceSet.nextChange(after: silencesAppliedAt ?? Int64.min) { consider(.silences(s)) }
        for i in timed {
            let slot = slots[i]
            switch compiled[i].rule.kind {
            case .flatline:
                // "Longer than expect_every": a report at exactly the deadline is in time.
                if let n = flats[slot].due.next() { consider(.rule(n.due + 1, i, n.key)) }
            case .spike:
                if let n = spikes[slot].due.next() { consider(.rule(n.due, i, n.key)) }
            default: break
            }
        }
        if let e = book.nextEscalation() { consider(.escalation(e.due, e.id)) }
        return best
    }

    private mutating func fireRule(_ i: Int, key: String, at: Int64, into out: inout [AlertEvent]) {
        let cr = compiled[i]
        let slot = slots[i]
        switch cr.rule.kind {
        case .spike(let p):
            if spikes[slot].tick(key, at: at, p) { emitKey(cr, key: key, post: nil, at: Timestamp(millis: at), into: &out) }
        case .flatline:
            flats[slot].due.set(key, nil)
            guard index.posts[key]?.flatline.contains(i) == true else { return }
            let since = at - 1
            let e = emitKey(cr, key: nil, post: key, at: Timestamp(millis: since), into: &out)
            flats[slot].silent[key] = FlatlineState.Silent(alert: e?.alertID, since: since)
        default:
            break
        }
    }

    /// A report from a post that flatline rule `i` watches.
    mutating func heartbeat(_ i: Int, _ r: LoggedReport, into out: inout [AlertEvent]) {
        guard case .flatline(let expect) = compiled[i].rule.kind else { return }
        let slot = slots[i], post = r.report.post, t = r.report.observedAt.millis
        if let s = flats[slot].silent[post] {
            guard t > s.since else { return }   // a late report from before the silence began
            flats[slot].silent[post] = nil
            if let id = s.alert, let e = book.resolve(id: id, at: r.report.observedAt, by: nil, realert: compiled[i].rule.realert) {
                out.append(e)
            }
        }
        let last = max(flats[slot].lastSeen[post] ?? t, t)
        flats[slot].lastSeen[post] = last
        flats[slot].due.set(post, last + expect * 1000)
        lowerDueBound(last + expect * 1000)
    }

    private mutating func startWatching(_ i: Int, at t: Int64, expect: Int64) {
        flats[slots[i]].start = t
        watchNewPosts(i, expect: expect)
    }

    /// Gives every watched post without a deadline one (after a start, or a registry change).
    mutating func watchNewPosts(_ i: Int, expect: Int64) {
        let slot = slots[i]
        guard let start = flats[slot].start else { return }
        for p in registry.posts where index.posts[p.code]?.flatline.contains(i) == true {
            guard flats[slot].due[p.code] == nil, flats[slot].silent[p.code] == nil else { continue }
            flats[slot].due.set(p.code, (flats[slot].lastSeen[p.code] ?? start) + expect * 1000)
        }
    }
}
