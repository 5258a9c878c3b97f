import SitcenText

/// A border crossing point, border liaison office or post, from the posts registry.
public struct Post: Sendable, Hashable {
    public var code: String
    public var nameEn: String
    public var nameRu: String
    /// ISO 3166-1 alpha-2 of the post's own country.
    public var country: String
    /// The neighbouring country across the crossing (empty for seaports and inland posts).
    public var neighbour: String
    public var kind: PostKind
    public var sector: String
    public var lat: Double
    public var lon: Double
    /// How often the post must report, in seconds: a whole number of hours that divides a day.
    public var reportEvery: Int64
    /// How long after a period's end its first report still counts as on time, in seconds.
    public var reportGrace: Int64
    /// When the post is expected to report at all (nil: always). A post opened or closed.
    public var expectedFrom: Timestamp?
    public var expectedUntil: Timestamp?

    public static let defaultReportEvery: Int64 = 86_400
    public static let defaultReportGrace: Int64 = 7_200
    /// The periods a post may report in: whole hours that divide a day.
    public static let allowedReportEvery: [Int64] = [1, 2, 3, 4, 6, 8, 12, 24].map { $0 * 3_600 }

    public init(code: String, nameEn: String, nameRu: String, country: String, neighbour: String,
                kind: PostKind, sector: String, lat: Double, lon: Double,
                reportEvery: Int64 = Post.defaultReportEvery, reportGrace: Int64 = Post.defaultReportGrace,
                expectedFrom: Timestamp? = nil, expectedUntil: Timestamp? = nil) {
        self.code = code; self.nameEn = nameEn; self.nameRu = nameRu; self.country = country
        self.neighbour = neighbour; self.kind = kind; self.sector = sector; self.lat = lat; self.lon = lon
        self.reportEvery = reportEvery; self.reportGrace = reportGrace
        self.expectedFrom = expectedFrom; self.expectedUntil = expectedUntil
    }

    public func name(russian: Bool) -> String { russian && !nameRu.isEmpty ? nameRu : nameEn }
}

/// A named group of posts that one BLO officer watches.
public struct Sector: Sendable, Hashable {
    public var code: String
    public var posts: [String]
    public var countries: [String]
}

/// The posts registry: who may report, where they are, and which sector they belong to.
public struct Registry: Sendable {
    public let posts: [Post]
    private let index: [String: Int]
    public let sectors: [Sector]

    public init(posts: [Post]) {
        self.posts = posts
        var index: [String: Int] = [:]
        for (i, p) in posts.enumerated() { index[p.code] = i }
        self.index = index
        var order: [String] = []
        var bySector: [String: [Post]] = [:]
        for p in posts {
            if bySector[p.sector] == nil { order.append(p.sector) }
            bySector[p.sector, default: []].append(p)
        }
        sectors = order.map { code in
            let ps = bySector[code]!
            var countries: [String] = []
            for p in ps where !countries.contains(p.country) { countries.append(p.country) }
            return Sector(code: code, posts: ps.map(\.code), countries: countries)
        }
    }

    public func post(_ code: String) -> Post? { index[code].map { posts[$0] } }
    public func sector(_ code: String) -> Sector? { sectors.first { $0.code == code } }
    public func contains(_ code: String) -> Bool { index[code] != nil }
    public var countries: [String] {
        var out: [String] = []
        for p in posts where !out.contains(p.country) { out.append(p.country) }
        return out
    }
}

/// An error in a registry file, with the line it is on and what to do about it.
public struct RegistryError: Error, CustomStringConvertible, Sendable {
    public var source: String
    public var line: Int
    public var message: String
    public var description: String { "\(source):\(line): \(message)" }
}

extension Registry {
    /// The columns a registry CSV must have (any order; more columns are ignored).
    public static let columns = ["code", "name_en", "name_ru", "country", "neighbour", "kind", "sector", "lat", "lon"]
    /// Columns a registry may have: how often each post must report (Docs/quality.md). An empty
    /// cell takes the default.
    public static let optionalColumns = ["report_every", "report_grace", "expected_from", "expected_until"]

    /// Parses a registry in CSV (`code,name_en,name_ru,country,neighbour,kind,sector,lat,lon`).
    /// Every problem is reported with its line; a registry with problems is not loaded.
    public static func parseCSV(_ text: String, source: String) throws -> Registry {
        let rows = SimpleCSV.rows(text)
        guard let header = rows.first else {
            throw RegistryError(source: source, line: 1, message: "the file is empty; it needs a header: \(columns.joined(separator: ","))")
        }
        var col: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() { col[name.trimmingSpaces().lowercased()] = i }
        let missing = columns.filter { col[$0] == nil }
        guard missing.isEmpty else {
            throw RegistryError(source: source, line: header.line, message: "missing column(s) \(missing.joined(separator: ", ")); the header must name \(columns.joined(separator: ","))")
        }
        var posts: [Post] = []
        var seen: Set<String> = []
        var problems: [RegistryError] = []
        for row in rows.dropFirst() {
            func f(_ name: String) -> String {
                guard let i = col[name] else { return "" }
                return i < row.fields.count ? row.fields[i].trimmingSpaces() : ""
            }
            let code = f("code")
            guard !code.isEmpty else { problems.append(.init(source: source, line: row.line, message: "`code` is empty")); continue }
            guard let kind = PostKind(rawValue: f("kind").lowercased()) else {
                problems.append(.init(source: source, line: row.line, message: "`kind` is \"\(TextSafety.terminal(f("kind")))\", must be bcp, blo or post")); continue
            }
            guard let lat = Double(f("lat")), (-90...90).contains(lat),
                  let lon = Double(f("lon")), (-180...180).contains(lon) else {
                problems.append(.init(source: source, line: row.line, message: "`lat`/`lon` must be decimal degrees (lat −90..90, lon −180..180)")); continue
            }
            // A sector is what scopes a BLO officer's view: a post without one would be in no
            // officer's sector, and the empty sector is what a scope that sees nothing asks for.
            guard !f("sector").isEmpty else {
                problems.append(.init(source: source, line: row.line, message: "`sector` of post \(TextSafety.terminal(code)) is empty")); continue
            }
            guard !seen.contains(code) else {
                problems.append(.init(source: source, line: row.line, message: "post \(TextSafety.terminal(code)) is listed twice")); continue
            }
            let expectation: ReportingColumns
            switch ReportingColumns.parse(every: f("report_every"), grace: f("report_grace"),
                                     from: f("expected_from"), until: f("expected_until")) {
            case .success(let e): expectation = e
            case .failure(let message): problems.append(.init(source: source, line: row.line, message: message)); continue
            }
            seen.insert(code)
            posts.append(Post(code: code, nameEn: f("name_en"), nameRu: f("name_ru"),
                              country: f("country").uppercased(), neighbour: f("neighbour").uppercased(),
                              kind: kind, sector: f("sector"), lat: lat, lon: lon,
                              reportEvery: expectation.every, reportGrace: expectation.grace,
                              expectedFrom: expectation.from, expectedUntil: expectation.until))
        }
        if let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more problem(s))" : ""
            throw RegistryError(source: first.source, line: first.line, message: first.message + more)
        }
        return Registry(posts: posts)
    }
}

/// The reporting columns of one registry row, checked.
struct ReportingColumns {
    var every: Int64
    var grace: Int64
    var from: Timestamp?
    var until: Timestamp?

    enum Parsed { case success(ReportingColumns), failure(String) }

    static func parse(every e: String, grace g: String, from f: String, until u: String) -> Parsed {
        var out = ReportingColumns(every: Post.defaultReportEvery, grace: Post.defaultReportGrace)
        if !e.isEmpty {
            guard let s = DurationText.seconds(e), Post.allowedReportEvery.contains(s) else {
                return .failure("`report_every` is \"\(TextSafety.terminal(e))\"; it must divide a day: 1h, 2h, 3h, 4h, 6h, 8h, 12h or 24h")
            }
            out.every = s
        }
        if !g.isEmpty {
            guard let s = DurationText.seconds(g), s <= 7 * 86_400 else {
                return .failure("`report_grace` is \"\(TextSafety.terminal(g))\"; it must be a duration such as 30m or 2h (at most 7d)")
            }
            out.grace = s
        }
        for (name, text) in [("expected_from", f), ("expected_until", u)] where !text.isEmpty {
            guard let t = Timestamp.parse(text) else {
                return .failure("`\(name)` \(Timestamp.problem(text) ?? "is not an RFC 3339 time")")
            }
            if name == "expected_from" { out.from = t } else { out.until = t }
        }
        if let a = out.from, let b = out.until, b <= a {
            return .failure("`expected_until` must be after `expected_from`")
        }
        return .success(out)
    }
}

/// A small CSV reader for configuration files (RFC 4180 quoting). Feeds use the streaming
/// reader in SitcenFeed instead.
public enum SimpleCSV {
    public struct Row: Sendable { public var line: Int; public var fields: [String] }

    public static func rows(_ text: String) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func endRow() {
            fields.append(field); field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(line: rowLine, fields: fields)) }
            fields = []
        }
        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let n = iterator.next() {
                        if n == "\"" { field.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"": inQuotes = true
            case ",": fields.append(field); field = ""
            case "\n", "\r\n", "\r":
                endRow(); line += 1; rowLine = line
            default: field.append(c)
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }
}
