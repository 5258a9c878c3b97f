import SitcenDomain

/// Which rules a report can possibly match, from the keys of their filters that depend on the
/// report's type, substance category and post (with the post's sector and country): one bit per
/// rule, and three masks ANDed per report. The rest of each filter is tested afterwards.
struct RuleIndex: Sendable {
    /// What the index knows of a registry post: one lookup per report.
    struct PostEntry: Sendable {
        var mask: [UInt64]
        var sector: String
        var country: String
        /// Flatline rules watching the post.
        var flatline: [Int]
    }

    let words: Int
    let posts: [String: PostEntry]
    let typeMasks: [[UInt64]]
    /// By category, the last one for reports without a substance.
    let categoryMasks: [[UInt64]]
    /// Every rule the index covers (all but flatline), for reports from posts it does not know.
    let all: [UInt64]
    let registry: Registry

    init(_ rules: [CompiledRule], registry: Registry) {
        self.registry = registry
        let words = max(1, (rules.count + 63) / 64)
        self.words = words
        func empty() -> [UInt64] { [UInt64](repeating: 0, count: words) }
        func blank(post: Post?, type: ReportType = .sitrep, category: SubstanceCategory? = nil) -> LoggedReport {
            let r = Report(id: "x", post: post?.code ?? "", type: type, observedAt: Timestamp(millis: 0))
            return LoggedReport(seq: 0, report: r, receivedAt: Timestamp(millis: 0), source: "", substanceCanonical: nil,
                                category: category, substanceKnown: true, quantityKg: nil,
                                country: post?.country ?? "", sector: post?.sector ?? "")
        }
        func only(_ rule: Rule, _ fields: Set<KnownField>) -> ReportPredicate {
            FilterCompiler.compile(rule.filter.filter {
                if case .known(let k) = $0.field { return fields.contains(k) }
                return false
            }, registry: registry)
        }
        var all = empty()
        var posts: [String: [UInt64]] = [:]
        var types = [[UInt64]](repeating: empty(), count: ReportType.allCases.count)
        var cats = [[UInt64]](repeating: empty(), count: SubstanceCategory.allCases.count + 1)
        var flat: [String: [Int]] = [:]
        for cr in rules {
            let bit = UInt64(1) << UInt64(cr.index % 64), w = cr.index / 64
            let location = only(cr.rule, [.post, .sector, .country])
            if case .flatline = cr.rule.kind {
                for p in registry.posts where location(blank(post: p)) { flat[p.code, default: []].append(cr.index) }
                continue
            }
            all[w] |= bit
            for p in registry.posts where location(blank(post: p)) { posts[p.code, default: empty()][w] |= bit }
            let typeTest = only(cr.rule, [.type])
            for (i, t) in ReportType.allCases.enumerated() where typeTest(blank(post: nil, type: t)) { types[i][w] |= bit }
            let catTest = only(cr.rule, [.category])
            for (i, c) in SubstanceCategory.allCases.enumerated() where catTest(blank(post: nil, category: c)) { cats[i][w] |= bit }
            if catTest(blank(post: nil, category: nil)) { cats[SubstanceCategory.allCases.count][w] |= bit }
        }
        for p in registry.posts where posts[p.code] == nil { posts[p.code] = empty() }
        self.all = all
        var entries: [String: PostEntry] = [:]
        for p in registry.posts {
            entries[p.code] = PostEntry(mask: posts[p.code]!, sector: p.sector, country: p.country, flatline: flat[p.code] ?? [])
        }
        self.posts = entries
        typeMasks = types
        categoryMasks = cats
    }

    /// Fills `mask` with the rules `r` may match. Returns true when the index checked the
    /// report's type, category and location keys (so only the rest of each filter remains).
    func candidates(_ r: LoggedReport, _ entry: PostEntry?, into mask: inout [UInt64]) -> Bool {
        guard let entry, entry.sector == r.sector, entry.country == r.country else {
            for w in 0..<words { mask[w] = all[w] }
            return false
        }
        let pm = entry.mask
        let tm = typeMasks[RuleIndex.ordinal(r.report.type)]
        let cm = categoryMasks[r.category.map(RuleIndex.ordinal) ?? SubstanceCategory.allCases.count]
        for w in 0..<words { mask[w] = pm[w] & tm[w] & cm[w] }
        return true
    }

    @inline(__always)
    static func ordinal(_ t: ReportType) -> Int {
        switch t { case .seizure: 0; case .incident: 1; case .sitrep: 2; case .tip: 3 }
    }

    @inline(__always)
    static func ordinal(_ c: SubstanceCategory) -> Int {
        switch c {
        case .opiates: 0; case .cannabis: 1; case .cocaine: 2; case .ats: 3; case .nps: 4
        case .precursors: 5; case .pharmaceuticals: 6; case .other: 7; case .unknown: 8
        }
    }
}
