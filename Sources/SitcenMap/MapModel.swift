import SitcenDomain

/// How a post is doing, as the console judges it (reports arriving on time, late, or not at all).
public enum PostHealth: String, Sendable, Hashable, CaseIterable {
    case ok, late, silent, unknown

    /// Which wins when two posts share a cell: the one that needs attention.
    var urgency: Int {
        switch self { case .silent: return 3; case .late: return 2; case .ok: return 1; case .unknown: return 0 }
    }
}

/// A post as the map shows it.
public struct MapPost: Sendable, Hashable {
    public var code: String
    public var name: String
    public var nameRu: String
    public var kind: PostKind
    public var country: String
    public var sector: String
    public var lat: Double
    public var lon: Double
    public var health: PostHealth

    public init(code: String, name: String, nameRu: String = "", kind: PostKind, country: String, sector: String = "",
                lat: Double, lon: Double, health: PostHealth = .unknown) {
        self.code = code; self.name = name; self.nameRu = nameRu; self.kind = kind; self.country = country
        self.sector = sector; self.lat = lat; self.lon = lon; self.health = health
    }

    /// From the registry, with the health the console computed (by post code).
    public init(_ p: Post, health: PostHealth = .unknown) {
        self.init(code: p.code, name: p.nameEn, nameRu: p.nameRu, kind: p.kind, country: p.country, sector: p.sector,
                  lat: p.lat, lon: p.lon, health: health)
    }

    public func name(russian: Bool) -> String { russian && !nameRu.isEmpty ? nameRu : name }
}

/// A seizure in the current time window. A plain value (no strings), so 100,000 of them are one
/// flat array.
public struct MapSeizure: Sendable, Hashable {
    public var lat: Float
    public var lon: Float
    public var kg: Float
    public var category: SubstanceCategory
    /// The report's sequence number in the log, for Enter → details.
    public var seq: Int64

    public init(lat: Double, lon: Double, kg: Double, category: SubstanceCategory, seq: Int64 = 0) {
        self.lat = Float(lat); self.lon = Float(lon); self.kg = Float(max(0, kg)); self.category = category; self.seq = seq
    }

    /// From a logged seizure: its own coordinates when it has them, else its post's.
    public init?(_ r: LoggedReport, registry: Registry) {
        guard r.report.type == .seizure, !r.report.retracted else { return nil }
        let post = registry.post(r.report.post)
        guard let lat = r.report.lat ?? post?.lat, let lon = r.report.lon ?? post?.lon else { return nil }
        self.init(lat: lat, lon: lon, kg: r.quantityKg ?? 0, category: r.category ?? .unknown, seq: r.seq)
    }
}

/// A smuggling route a report gives: origin country → the post → destination country (ISO-2).
public struct MapRoute: Sendable, Hashable {
    public var origin: String?
    public var post: String
    public var destination: String?
    public init(origin: String?, post: String, destination: String?) {
        self.origin = origin; self.post = post; self.destination = destination
    }

    /// The route a report gives, if it names an origin or a destination.
    public init?(_ r: LoggedReport) {
        let o = r.report.origin?.uppercased(), d = r.report.destination?.uppercased()
        guard !r.report.retracted, (o?.isEmpty == false) || (d?.isEmpty == false) else { return nil }
        self.init(origin: o, post: r.report.post, destination: d)
    }
}

/// An open alert at a place: a post (by code) or a point.
public struct MapAlert: Sendable, Hashable {
    public var id: String
    public var post: String?
    public var lat: Double
    public var lon: Double
    public init(id: String, post: String? = nil, lat: Double, lon: Double) {
        self.id = id; self.post = post; self.lat = lat; self.lon = lon
    }
}

/// What the map shows besides the basemap. The console fills it from its current filters,
/// time window and role (filtered posts, seizures in the window, open alerts).
public struct MapData: Sendable {
    public var posts: [MapPost]
    public var seizures: [MapSeizure]
    public var routes: [MapRoute]
    public var alerts: [MapAlert]

    public init(posts: [MapPost] = [], seizures: [MapSeizure] = [], routes: [MapRoute] = [], alerts: [MapAlert] = []) {
        self.posts = posts; self.seizures = seizures; self.routes = routes; self.alerts = alerts
    }

    /// Posts of the registry, with health by post code (missing: `.unknown`).
    public init(registry: Registry, health: [String: PostHealth] = [:]) {
        self.init(posts: registry.posts.map { MapPost($0, health: health[$0.code] ?? .unknown) })
    }
}

/// How seizures are drawn.
public enum SeizureMode: String, Sendable, Hashable, CaseIterable {
    /// Not drawn.
    case off
    /// One dot each, the cell coloured by the category with the most kilograms in it.
    case dots
    /// Cells shaded ░▒▓█ by the kilograms seized in them (log scale).
    case heat
}

/// What post labels say.
public enum PostLabelMode: String, Sendable, Hashable, CaseIterable {
    case code, name, none
}

/// The layers the map draws; each can be switched (see `MapKeys`).
public struct MapLayers: Sendable, Hashable {
    public var borders = true
    public var water = true
    /// A faint texture (braille) or `~` (ASCII) over lakes and the Caspian.
    public var waterFill = true
    /// A faint background per country (colour only; nothing in ASCII).
    public var landFill = true
    public var posts = true
    public var seizures: SeizureMode = .dots
    public var routes = true
    public var alerts = true
    /// Country, city and post labels.
    public var labels = true
    public var cities = true
    public var postLabels: PostLabelMode = .code
    /// Post names in Russian (`name_ru`), and country names too.
    public var russian = false
    /// A `+` at the centre of the pane: what Enter picks the nearest item to.
    public var crosshair = true
    /// Heat thresholds: ░ below `heatBaseKg`, ▒ from it, ▓ from 10×, █ from 100×.
    public var heatBaseKg: Double = 1

    public init() {}

    /// Every layer on (the benchmark, and a screenshot).
    public static var all: MapLayers { MapLayers() }
}

/// What Enter picked on the map.
public enum MapItem: Sendable, Hashable {
    case alert(id: String)
    case post(code: String)
    case seizure(seq: Int64)
    case city(name: String)
    case country(iso2: String)
}

/// What a render drew where (for tests, and for the console to highlight or explain).
public struct MapFrame: Sendable {
    public struct Label: Sendable, Hashable {
        public var text: String
        public var x: Int, y: Int, width: Int
        public enum Kind: Sendable, Hashable { case alert, post, country, water, city }
        public var kind: Kind
    }
    /// Labels placed, in pane-relative cells.
    public var labels: [Label] = []
    /// Cells holding post symbols, by post code (pane-relative).
    public var postCells: [String: (x: Int, y: Int)] = [:]
    /// The dot each post's symbol stands for (pane-relative), nudged into the post's own country.
    public var postDots: [String: (x: Int, y: Int)] = [:]
    /// Cells holding symbols (posts, alert brackets, cities, the crosshair).
    public var symbolCells: Set<Int> = []
    public var width = 0
}
