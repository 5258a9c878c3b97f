import SitcenDomain
import SitcenText
import TermUI

/// What the map's keys do.
public enum MapAction: String, Hashable, Sendable, CaseIterable {
    case zoomIn, zoomOut, panLeft, panRight, panUp, panDown, whole, fitSector, nextPost, previousPost
    case togglePosts, toggleSeizures, toggleHeat, toggleRoutes, toggleAlerts, toggleBorders, toggleLabels
    case toggleCities, cyclePostLabels, toggleFill
}

/// The map's key bindings (context `map`), for the console's key table and help.
public enum MapKeys {
    public static let context = "map"
    public static let bindings: [KeyBinding<MapAction>] = {
        func b(_ keys: [String], _ a: MapAction, _ d: String, _ g: String) -> KeyBinding<MapAction> {
            KeyBinding(keys.compactMap { Key($0) }, a, d, group: g, context: context)
        }
        return [
            b(["+", "="], .zoomIn, "zoom in", "Map"),
            b(["-", "_"], .zoomOut, "zoom out", "Map"),
            b(["Left", "h"], .panLeft, "pan west", "Map"),
            b(["Right", "l"], .panRight, "pan east", "Map"),
            b(["Up", "k"], .panUp, "pan north", "Map"),
            b(["Down", "j"], .panDown, "pan south", "Map"),
            b(["0"], .whole, "whole region", "Map"),
            b(["f"], .fitSector, "fit the sector (the filter's, else the nearest post's)", "Map"),
            b(["n"], .nextPost, "centre on the next post", "Map"),
            b(["N"], .previousPost, "centre on the previous post", "Map"),
            b(["p"], .togglePosts, "posts and crossing points on/off", "Map layers"),
            b(["s"], .toggleSeizures, "seizures on/off", "Map layers"),
            b(["H"], .toggleHeat, "seizures as dots / heat", "Map layers"),
            b(["r"], .toggleRoutes, "routes on/off", "Map layers"),
            b(["a"], .toggleAlerts, "open alerts on/off", "Map layers"),
            b(["b"], .toggleBorders, "borders and coasts on/off", "Map layers"),
            b(["L"], .toggleLabels, "labels on/off", "Map layers"),
            b(["c"], .toggleCities, "cities on/off", "Map layers"),
            b(["t"], .cyclePostLabels, "post labels: code / name / none", "Map layers"),
            b(["g"], .toggleFill, "land and water fill on/off", "Map layers"),
        ]
    }()
    public static let table = KeyTable(bindings)
}

/// The map pane's state: what it shows and how. A value; the console keeps one and passes
/// `viewport` and `layers` to `MapRenderer.render`.
public struct MapState: Sendable, Hashable {
    public var viewport: Viewport
    public var layers: MapLayers
    /// The sector `f` fits (the console sets it from its sector filter or the officer's role);
    /// nil: the sector of the post nearest the crosshair.
    public var sector: String?
    /// The post `n` / `N` last centred on (an index into `MapData.posts`).
    public var postIndex: Int?

    public init(size: Size, layers: MapLayers = MapLayers(), sector: String? = nil) {
        viewport = .region(size: size); self.layers = layers; self.sector = sector
    }

    /// The pane changed size: the same view, fitted again.
    public mutating func resize(_ size: Size) { viewport = viewport.resized(to: size) }

    /// The cell Enter picks the nearest item to: the pane's centre (marked `+`).
    public var crosshair: (x: Int, y: Int) { (viewport.size.width / 2, viewport.size.height / 2) }

    /// Handles a key; returns false if it is not a map key (the console handles it then).
    @discardableResult
    public mutating func handle(_ key: Key, data: MapData) -> Bool {
        guard let a = MapKeys.table.action(for: key, context: MapKeys.context) else { return false }
        perform(a, data: data)
        return true
    }

    public mutating func perform(_ action: MapAction, data: MapData) {
        switch action {
        case .zoomIn: viewport = viewport.zoomed(by: Viewport.zoomStep)
        case .zoomOut: viewport = viewport.zoomed(by: 1 / Viewport.zoomStep)
        case .panLeft: viewport = viewport.panned(dx: -0.25, dy: 0)
        case .panRight: viewport = viewport.panned(dx: 0.25, dy: 0)
        case .panUp: viewport = viewport.panned(dx: 0, dy: -0.25)
        case .panDown: viewport = viewport.panned(dx: 0, dy: 0.25)
        case .whole: viewport = .region(size: viewport.size)
        case .fitSector: fitSector(data)
        case .nextPost, .previousPost:
            guard !data.posts.isEmpty else { return }
            let n = data.posts.count
            let i = postIndex.map { ($0 + (action == .nextPost ? 1 : n - 1)) % n } ?? (action == .nextPost ? 0 : n - 1)
            postIndex = i
            let post = data.posts[i]
            viewport = viewport.centered(on: GeoPoint(lon: post.lon, lat: post.lat))
            if viewport.zoom < 3 { viewport.zoom = 3 }
        case .togglePosts: layers.posts.toggle()
        case .toggleSeizures: layers.seizures = layers.seizures == .off ? .dots : .off
        case .toggleHeat: layers.seizures = layers.seizures == .heat ? .dots : .heat
        case .toggleRoutes: layers.routes.toggle()
        case .toggleAlerts: layers.alerts.toggle()
        case .toggleBorders: layers.borders.toggle()
        case .toggleLabels: layers.labels.toggle()
        case .toggleCities: layers.cities.toggle()
        case .cyclePostLabels:
            let all = PostLabelMode.allCases
            layers.postLabels = all[(all.firstIndex(of: layers.postLabels)! + 1) % all.count]
        case .toggleFill:
            let on = !(layers.landFill || layers.waterFill)
            layers.landFill = on; layers.waterFill = on
        }
    }

    /// Fits the sector's posts (`sector`, else the sector of the post nearest the centre).
    public mutating func fitSector(_ data: MapData) {
        var code = sector
        if code == nil {
            let c = GeoPoint(lon: viewport.centerLon, lat: viewport.centerLat)
            let k = viewport.projection.kx
            code = data.posts.min(by: { a, b in
                let da = (a.lon - c.lon) * (a.lon - c.lon) * k * k + (a.lat - c.lat) * (a.lat - c.lat)
                let db = (b.lon - c.lon) * (b.lon - c.lon) * k * k + (b.lat - c.lat) * (b.lat - c.lat)
                return da < db
            })?.sector
        }
        let points = data.posts.filter { $0.sector == code }.map { GeoPoint(lon: $0.lon, lat: $0.lat) }
        guard !points.isEmpty else { return }
        viewport = .fit(points, size: viewport.size)
    }
}

/// The map's legend and credits, for the pane's footer or the help overlay.
public enum MapLegend {
    /// The attribution the data's licences ask for; show it with the map.
    public static let credit = "Contains data from GeoNames (geonames.org); Natural Earth (public domain)"

    /// Legend lines for what `layers` show, in `theme`'s map colours.
    public static func lines(layers: MapLayers, theme: Theme, ascii: Bool) -> [[Span]] {
        func st(_ r: StyleRole) -> Style { MapStyles.style(r, in: theme) }
        let dim = theme[.dim]
        var out: [[Span]] = []
        if layers.posts {
            var l: [Span] = []
            for k in PostKind.allCases {
                l.append(Span(Overlay.symbol(k, ascii: ascii), st(.mapPostUnknown)))
                l.append(Span(" " + (k == .bcp ? "crossing" : k == .blo ? "BLO" : "post") + "  ", dim))
            }
            for h in [PostHealth.ok, .late, .silent] { l.append(Span(h.rawValue + " ", st(.mapPost(h)))) }
            out.append(l)
        }
        if layers.alerts {
            out.append([Span("[" + Overlay.symbol(.bcp, ascii: ascii) + "]", st(.mapAlert)), Span(" open alert", dim)])
        }
        switch layers.seizures {
        case .off: break
        case .dots:
            var l: [Span] = [Span(ascii ? "." : "⠂", dim), Span(" seizure: ", dim)]
            for c in SubstanceCategory.allCases { l.append(Span(c.rawValue + " ", st(.category(c.rawValue)))) }
            out.append(l)
        case .heat:
            let chars = ascii ? MapRenderer.heatAscii : MapRenderer.heatChars
            let b = layers.heatBaseKg
            let names = ["< \(fmt(b)) kg", "\(fmt(b))–\(fmt(b * 10))", "\(fmt(b * 10))–\(fmt(b * 100))", "≥ \(fmt(b * 100)) kg"]
            var l: [Span] = [Span("seized: ", dim)]
            for i in 0..<4 {
                l.append(Span(String(chars[i]), st(.mapHeat(i + 1))))
                l.append(Span(" " + (ascii ? Overlay.asciiText(names[i]) : names[i]) + "  ", dim))
            }
            out.append(l)
        }
        if layers.routes { out.append([Span(ascii ? "- - -" : "⠒⠂⠒", st(.mapRoute)), Span(" route: origin → post → destination", dim)]) }
        if layers.cities { out.append([Span(ascii ? "o" : "•", st(.mapCity)), Span(" city   + centre (Enter picks the nearest)", dim)]) }
        out.append([Span(credit, dim)])
        if ascii { out = out.map { $0.map { Span(Overlay.asciiText($0.text), $0.style) } } }
        return out
    }

    private static func fmt(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(v)
    }
}
