import SitcenConsoleData
import SitcenDomain
import SitcenStore

/// Queries that run off the event loop; their results come back as messages.
struct Loaders: Sendable {
    let source: any ConsoleSource
    static let page = 400
    static let scanPage = 2000
    /// Seizures the map shows at most, and its default window.
    static let mapLimit = 20_000
    /// Seizures kept in full for the details of Enter on the map.
    static let mapDetails = 300
    static let mapWindow: Int64 = 30 * 86_400

    /// Reports for the filters, newest first, older than `beforeSeq`. A text filter goes
    /// through the search index (folded as the console folds it: Cyrillic and Latin meet); a
    /// text too short for it (under three characters) is matched by reading the log page by
    /// page until a page of matches is found or history ends.
    func reports(_ q: ReportQuery, text: String?) throws -> (rows: [LoggedReport], exhausted: Bool) {
        guard let text, !text.isEmpty else {
            let rows = try source.reports(q)
            return (rows, rows.count < q.limit)
        }
        let matcher = TextMatcher(text, registry: source.registry)
        if let rows = try source.search(q, text: text, posts: matcher.posts) { return (rows, rows.count < q.limit) }
        var out: [LoggedReport] = []
        var query = q
        query.limit = Loaders.scanPage
        while out.count < q.limit {
            let page = try source.reports(query)
            out += page.lazy.filter(matcher.matches)
            guard page.count == Loaders.scanPage, let last = page.last else { return (out, true) }
            query.beforeSeq = last.seq
        }
        return (out, false)
    }

    /// Reports newer than `seq` matching the filters, newest first.
    func newer(_ q: ReportQuery, text: String?) throws -> [LoggedReport] {
        var query = q
        query.limit = 5000
        guard let text, !text.isEmpty else { return try source.reports(query) }
        let matcher = TextMatcher(text, registry: source.registry)
        if let rows = try source.search(query, text: text, posts: matcher.posts) { return rows }
        return try source.reports(query).filter(matcher.matches)
    }

    /// Status bar figures and the posts board.
    func figures(now: Timestamp, offset: Int32, scope: String?, silentAfter: Int64) throws -> (StatusFigures, [PostRow]) {
        let registry = source.registry
        let statuses = Dictionary(uniqueKeysWithValues: try source.postStatus().map { ($0.post, $0) })
        let day = try source.dailyCounts(by: .post, since: now.adding(seconds: -86_400), offset: offset, filter: ReportQuery(sector: scope))
        var last24: [String: Int] = [:]
        for d in day { last24[d.key, default: 0] += d.reports }
        var rows: [PostRow] = []
        for p in registry.posts where scope == nil || p.sector == scope {
            let st = statuses[p.code]
            // Last contact: the latest observed time (never later than receipt), so that history
            // loaded in one go still shows when each post last reported.
            let contact = st.map { Timestamp(millis: min($0.lastObserved.millis, $0.lastReceived.millis)) }
            let age = contact.map { (now.millis - $0.millis) / 1000 } ?? Int64.max
            let health: PostRow.Health = age > silentAfter ? .silent : (age > silentAfter / 2 ? .late : .ok)
            rows.append(PostRow(post: p, lastContact: contact, reports24h: last24[p.code] ?? 0, health: health))
        }
        rows.sort { a, b in a.health != b.health ? a.health > b.health : a.post.code < b.post.code }
        let startOfDay = Timestamp(millis: ((now.millis + Int64(offset) * 1000) / 86_400_000) * 86_400_000 - Int64(offset) * 1000)
        var f = StatusFigures()
        f.reportsToday = try source.countReports(since: startOfDay, sector: scope)
        f.quarantinePending = scope == nil ? try source.quarantinePending() : 0
        f.silentPosts = rows.filter { $0.health == .silent }.count
        f.totalPosts = rows.count
        return (f, rows)
    }

    /// Seizures by category and reports by post, per day for a year (the view shows 28 days,
    /// 12 weeks or 12 months of it); the top routes and market figures over 90 days; all
    /// narrowed by `filter` (the active filters, scoped by role).
    func trends(now: Timestamp, offset: Int32, filter: ReportQuery) throws -> TrendData {
        let since = now.adding(seconds: -360 * 86_400)
        let today = Int((now.millis + Int64(offset) * 1000) / 86_400_000)
        let days = Array((today - 359)...today)
        func series(_ counts: [DailyCount], key: String, kg: Bool = false) -> [Double] {
            var byDay: [Int: Double] = [:]
            for c in counts where c.key == key { byDay[c.day, default: 0] += kg ? c.kilograms : Double(c.reports) }
            return days.map { byDay[$0] ?? 0 }
        }
        let byCat = try source.dailyCounts(by: .category, since: since, offset: offset, filter: filter).filter { !$0.key.isEmpty }
        var t = TrendData()
        t.days = days
        for cat in SubstanceCategory.allCases.map(\.rawValue) where byCat.contains(where: { $0.key == cat }) {
            let kg7 = series(byCat, key: cat, kg: true).suffix(7).reduce(0, +)
            t.byCategory.append((cat, series(byCat, key: cat), kg7))
        }
        let byPost = try source.dailyCounts(by: .post, since: since, offset: offset, filter: filter)
        var totals: [String: Int] = [:]
        for c in byPost { totals[c.key, default: 0] += c.reports }
        for post in totals.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }).prefix(10).map(\.key) {
            t.byPost.append((post, series(byPost, key: post)))
        }
        t.routes = try source.topRoutes(since: now.adding(seconds: -90 * 86_400), filter: filter)
        t.market = try source.marketFigures(since: now.adding(seconds: -90 * 86_400), filter: filter)
        return t
    }
}

extension SeizurePoint {
    init(_ l: LoggedReport) {
        self.init(seq: l.seq, post: l.report.post, lat: l.report.lat, lon: l.report.lon, kilograms: l.quantityKg,
                  category: l.category ?? .unknown, origin: l.report.origin, destination: l.report.destination)
    }
}
