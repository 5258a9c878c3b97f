import SitcenDomain

extension QualityBoard {
    /// The board of the registry's posts (of one sector, or all) over `window`, from a store.
    public static func build(queries: any QualityQueries, registry: Registry, window: QualityWindow,
                             sector: String?) throws -> QualityBoard {
        let posts = registry.posts.filter { sector == nil || $0.sector == sector }
        let facts = try queries.reportFacts(observedFrom: window.from, to: window.to,
                                            posts: sector == nil ? nil : posts.map(\.code))
        let contacts = try queries.lastContacts(until: window.to)
        return compute(posts: posts, facts: facts, contacts: contacts, window: window, sector: sector)
    }

    /// The board from facts already read: `facts` are every revision observed in the window.
    public static func compute(posts: [Post], facts: [ReportFact], contacts: [String: Timestamp],
                               window: QualityWindow, sector: String? = nil) -> QualityBoard {
        let scope = Set(posts.map(\.code))
        let inWindow = facts.filter { scope.contains($0.post) && $0.observed >= window.from && $0.observed < window.to }
        var byPost: [String: [ReportFact]] = [:]
        for f in inWindow { byPost[f.post, default: []].append(f) }
        let outliers = outlierSeizures(inWindow)
        var outliersByPost: [String: [OutlierSeizure]] = [:]
        for o in outliers { outliersByPost[o.post, default: []].append(o) }

        var rows = posts.map { p in
            evaluate(post: p, facts: byPost[p.code] ?? [], window: window, lastContact: contacts[p.code],
                     outliers: outliersByPost[p.code] ?? [])
        }
        var sectorOrder: [String] = []
        for p in posts where !sectorOrder.contains(p.sector) { sectorOrder.append(p.sector) }
        var sectors = sectorOrder.map { code in
            sectorRow(code: code, rows: rows.filter { $0.post.sector == code }, offset: window.offset)
        }
        rows.sort { worse($0.completeness, $0.timeliness, $0.post.code, than: $1.completeness, $1.timeliness, $1.post.code) }
        sectors.sort { worse($0.completeness, $0.timeliness, $0.code, than: $1.completeness, $1.timeliness, $1.code) }
        return QualityBoard(window: window, sector: sector, posts: rows, sectors: sectors)
    }

    /// Worst first: lower completeness, then lower timeliness, then by code; rows with nothing
    /// expected last.
    static func worse(_ c1: Double?, _ t1: Double?, _ k1: String, than c2: Double?, _ t2: Double?, _ k2: String) -> Bool {
        let a = (c1 ?? 2, t1 ?? 2), b = (c2 ?? 2, t2 ?? 2)
        if a.0 != b.0 { return a.0 < b.0 }
        if a.1 != b.1 { return a.1 < b.1 }
        return k1 < k2
    }

    // MARK: - One post

    /// One post's row: its periods in the window, and the figures of its reports there.
    public static func evaluate(post: Post, facts: [ReportFact], window: QualityWindow, lastContact: Timestamp?,
                                outliers: [OutlierSeizure] = []) -> PostQuality {
        var row = PostQuality(post: post)
        let periods = QualityCalendar.periods(every: post.reportEvery, offset: window.offset, from: window.from, to: window.to)
        var firstSent = [Int64?](repeating: nil, count: periods.count)
        if let first = periods.first {
            let len = post.reportEvery * 1000
            for f in facts {
                let i = QualityCalendar.floorDiv(f.observed.millis - first.start.millis, len)
                guard i >= 0, i < Int64(periods.count) else { continue }
                firstSent[Int(i)] = min(firstSent[Int(i)] ?? Int64.max, f.sent.millis)
            }
        }
        var run: (count: Int, from: Timestamp, to: Timestamp)? = nil
        for (i, p) in periods.enumerated() {
            let expected = (post.expectedFrom.map { p.start >= $0 } ?? true) && (post.expectedUntil.map { p.end <= $0 } ?? true)
            let sent = firstSent[i].map { Timestamp(millis: $0, offsetSeconds: window.offset) }
            var state = CellState.notExpected
            if expected {
                row.expected += 1
                if let s = sent {
                    row.reported += 1
                    if s.millis <= p.end.millis + post.reportGrace * 1000 { row.onTime += 1; state = .onTime } else { state = .late }
                } else {
                    state = .missing
                }
            }
            row.cells.append(PeriodCell(period: p, state: state, firstSent: sent))
            if state == .late {
                run = run.map { ($0.count + 1, $0.from, p.end) } ?? (1, p.start, p.end)
                if let r = run, r.count > (row.longestLateRun?.periods ?? 0) {
                    row.longestLateRun = LateRun(periods: r.count, from: r.from, to: r.to)
                }
            } else if state != .notExpected {
                run = nil
            }
        }
        (row.delayP50, row.delayP90) = delays(facts)
        for f in facts where f.isCurrent {
            row.provenance.add(sourceClass: f.sourceClass)
            guard f.type == .seizure else { continue }
            row.missing.seizures += 1
            if !f.hasPosition { row.missing.position += 1 }
            if !f.hasOrigin { row.missing.origin += 1 }
            if !f.hasDestination { row.missing.destination += 1 }
            if !f.hasTransport { row.missing.transport += 1 }
        }
        row.outliers = outliers
        row.lastContact = lastContact
        row.silentSince = silentSince(post: post, lastContact: lastContact, window: window)
        return row
    }

    /// p50 and p90 (nearest rank) of the reporting delay, in seconds: for each report, its first
    /// sending (a correction is not a new report) minus its observation; never below 0.
    static func delays(_ facts: [ReportFact]) -> (Int64?, Int64?) {
        var first: [String: ReportFact] = [:]
        for f in facts where first[f.id].map({ f.sent < $0.sent }) ?? true { first[f.id] = f }
        let d = first.values.map { max(0, ($0.sent.millis - $0.observed.millis) / 1000) }
        return (Statistics.nearestRank(d, 0.5), Statistics.nearestRank(d, 0.9))
    }

    /// Since when a post has been silent: its last sending, when that is longer ago than one
    /// period and its grace; the start of its expected time when it never sent. Nil when it is
    /// not silent, or not expected at the window's end (closed, or not yet open).
    static func silentSince(post: Post, lastContact: Timestamp?, window: QualityWindow) -> Timestamp? {
        if let until = post.expectedUntil, until <= window.to { return nil }
        if let from = post.expectedFrom, from > window.to { return nil }
        let allowed = (post.reportEvery + post.reportGrace) * 1000
        if let c = lastContact {
            return window.to.millis - c.millis > allowed ? c : nil
        }
        let start = max(window.from, post.expectedFrom ?? window.from)
        return window.to.millis - start.millis > allowed ? start : nil
    }

    // MARK: - Outliers and sectors

    /// Current seizures whose kilogram-equivalent is an outlier among the current seizures of
    /// the same substance in `facts`.
    public static func outlierSeizures(_ facts: [ReportFact]) -> [OutlierSeizure] {
        var bySubstance: [String: [ReportFact]] = [:]
        for f in facts where f.isCurrent && f.type == .seizure {
            guard let s = f.substance, let kg = f.kilograms, kg.isFinite else { continue }
            bySubstance[s, default: []].append(f)
        }
        var out: [OutlierSeizure] = []
        for (substance, list) in bySubstance {
            guard let z = Outliers.modifiedZScores(list.map { $0.kilograms! }) else { continue }
            for (f, score) in zip(list, z) where abs(score) > Outliers.threshold {
                out.append(OutlierSeizure(seq: f.seq, post: f.post, id: f.id, substance: substance, kilograms: f.kilograms!, score: score))
            }
        }
        return out.sorted { abs($0.score) != abs($1.score) ? abs($0.score) > abs($1.score) : $0.seq < $1.seq }
    }

    /// A row's periods folded into local days (a period belongs to the day it starts in).
    public static func dayCells(_ cells: [PeriodCell], offset: Int32) -> [DayCell] {
        var out: [DayCell] = []
        for c in cells {
            let day = QualityCalendar.day(of: c.period.start, offset: offset)
            if out.last?.day != day { out.append(DayCell(day: day, expected: 0, reported: 0, onTime: 0)) }
            guard c.state != .notExpected else { continue }
            out[out.count - 1].expected += 1
            if c.state != .missing { out[out.count - 1].reported += 1 }
            if c.state == .onTime { out[out.count - 1].onTime += 1 }
        }
        return out
    }

    static func sectorRow(code: String, rows: [PostQuality], offset: Int32) -> SectorQuality {
        var s = SectorQuality(code: code, posts: rows.map(\.post.code))
        var days: [Int: DayCell] = [:]
        for r in rows {
            s.expected += r.expected; s.reported += r.reported; s.onTime += r.onTime
            s.missing.add(r.missing); s.outliers += r.outliers.count; s.provenance.add(r.provenance)
            if r.silentSince != nil { s.silentPosts += 1 }
            for d in dayCells(r.cells, offset: offset) {
                var c = days[d.day] ?? DayCell(day: d.day, expected: 0, reported: 0, onTime: 0)
                c.expected += d.expected; c.reported += d.reported; c.onTime += d.onTime
                days[d.day] = c
            }
        }
        s.cells = days.keys.sorted().map { days[$0]! }
        return s
    }
}
