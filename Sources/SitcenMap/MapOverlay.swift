import Foundation
import SitcenDomain
import SitcenText
import TermUI

/// Symbols and labels over the raster: posts, alert markers, the crosshair, then labels in
/// priority order (alerts' posts > posts > countries and seas > cities by population).
struct Overlay {
    struct Item { var x: Int, y: Int, text: String, style: Style }
    let geo: GeoData
    let p: Projection
    let layers: MapLayers
    let ascii: Bool
    let theme: Theme
    let width: Int, height: Int
    let family: MapStyles.Family
    private(set) var items: [Item] = []
    private var placer: LabelPlacer
    private var frame = MapFrame()

    /// Per cell, the country (index) or water (country count + index) it lies in; 255 none.
    let areas: [UInt8]

    init(geo: GeoData, projection: Projection, layers: MapLayers, ascii: Bool, theme: Theme, areas: [UInt8]) {
        self.geo = geo; p = projection; self.layers = layers; self.ascii = ascii; self.theme = theme; self.areas = areas
        width = projection.viewport.size.width; height = projection.viewport.size.height
        family = MapStyles.family(of: theme)
        placer = LabelPlacer(width: width, height: height)
        frame.width = width
    }

    static func symbol(_ kind: PostKind, ascii: Bool) -> String {
        switch kind {
        case .bcp: return ascii ? "X" : "◆"
        case .blo: return ascii ? "B" : "■"
        case .post: return ascii ? "P" : "●"
        }
    }

    private func style(_ r: StyleRole) -> Style { MapStyles.style(r, in: theme, family: family) }
    private func inPane(_ c: (x: Int, y: Int)) -> Bool { c.x >= 0 && c.y >= 0 && c.x < width && c.y < height }

    private mutating func symbol(_ text: String, _ x: Int, _ y: Int, _ s: Style) {
        items.append(Item(x: x, y: y, text: text, style: s))
        placer.reserveSymbol(x, y)
        frame.symbolCells.insert(y * width + x)
    }

    /// Places a label at the first of `positions(width)` that fits.
    private mutating func label(_ text: String, _ positions: (Int) -> [(Int, Int)], _ s: Style, _ kind: MapFrame.Label.Kind) -> Bool {
        let t = ascii ? Overlay.asciiText(text) : TextSafety.terminal(text)
        guard let at = placer.place(t, at: positions(t.displayWidth)) else { return false }
        items.append(Item(x: at.x, y: at.y, text: t, style: s))
        frame.labels.append(MapFrame.Label(text: t, x: at.x, y: at.y, width: at.w, kind: kind))
        return true
    }

    private func postText(_ post: MapPost, forAlert: Bool) -> String? {
        switch layers.postLabels {
        case .code: return post.code
        case .name: return post.name(russian: layers.russian && !ascii)
        case .none: return forAlert ? post.code : nil
        }
    }

    mutating func build(_ data: MapData) -> MapFrame {
        let alertPosts = layers.alerts ? Set(data.alerts.compactMap(\.post)) : []
        // Posts: one symbol per cell, the most urgent wins.
        var spots: [(post: MapPost, cell: (x: Int, y: Int), alert: Bool)] = []
        var byCell: [Int: Int] = [:]
        for post in data.posts where layers.posts || alertPosts.contains(post.code) {
            let d = MapRenderer.postDot(post, p, geo)
            let cell = (x: d.x >> 1, y: d.y >> 2)
            guard inPane(cell) else { continue }
            frame.postCells[post.code] = cell; frame.postDots[post.code] = d
            let spot = (post: post, cell: cell, alert: alertPosts.contains(post.code))
            let key = cell.y * width + cell.x
            if let k = byCell[key] {
                let o = spots[k]
                if (spot.alert ? 1 : 0, post.health.urgency) > (o.alert ? 1 : 0, o.post.health.urgency) { spots[k] = spot }
            } else { byCell[key] = spots.count; spots.append(spot) }
        }
        let alertStyle = style(.mapAlert)
        var alertCells: [(x: Int, y: Int)] = []
        for s in spots {
            symbol(Overlay.symbol(s.post.kind, ascii: ascii), s.cell.x, s.cell.y, s.alert ? alertStyle : style(.mapPost(s.post.health)))
            if s.alert { alertCells.append(s.cell) }
        }
        // Alerts at places that are not a shown post.
        if layers.alerts {
            for a in data.alerts where a.post == nil || frame.postCells[a.post!] == nil {
                let c = p.cell(lon: a.lon, lat: a.lat)
                guard inPane(c), !placer.isSymbol(c.x, c.y) else { continue }
                symbol("!", c.x, c.y, alertStyle)
                alertCells.append(c)
            }
            for c in alertCells {
                if placer.isFree(c.x - 1, c.y) { symbol("[", c.x - 1, c.y, alertStyle) }
                if placer.isFree(c.x + 1, c.y) { symbol("]", c.x + 1, c.y, alertStyle) }
            }
        }
        if layers.crosshair, width > 0, height > 0, placer.isFree(width / 2, height / 2) {
            symbol("+", width / 2, height / 2, style(.mapCursor))
        }
        guard layers.labels else { return frame }
        // Labels, most important first. Alert markers take the cells beside the post, so their
        // labels start one cell further out.
        for s in spots where s.alert {
            if let t = postText(s.post, forAlert: true) {
                _ = label(t, { LabelPlacer.besideSymbol(ax: s.cell.x + 1, ay: s.cell.y, w: $0) }, alertStyle, .alert)
            }
        }
        if layers.posts {
            let ordered = spots.filter { !$0.alert }.sorted { ($0.post.health.urgency, $1.post.code) > ($1.post.health.urgency, $0.post.code) }
            for s in ordered {
                guard let t = postText(s.post, forAlert: false) else { continue }
                _ = label(t, { LabelPlacer.besideSymbol(ax: s.cell.x, ay: s.cell.y, w: $0) }, style(.mapPostLabel), .post)
            }
        }
        placeAreaLabels()
        if layers.cities { placeCities() }
        return frame
    }

    /// Countries and seas, centred on their anchor, when the shape is wide enough on screen.
    /// A shape whose anchor is off the pane is labelled at the middle of its cells on the pane
    /// (the cell of it nearest their centroid).
    private mutating func placeAreaLabels() {
        var features: [(GeoFeature, Bool)] = geo.countries.map { ($0, false) }
        if layers.water { features += geo.waters.map { ($0, true) } }
        var sx = Array(repeating: 0, count: 255), sy = sx, n = sx
        for (i, a) in areas.enumerated() where a != 255 { sx[Int(a)] += i % width; sy[Int(a)] += i / width; n[Int(a)] += 1 }
        for (id, (f, isWater)) in features.enumerated() where !f.iso2.isEmpty || isWater {
            var c = p.cell(lon: f.anchor.lon, lat: f.anchor.lat)
            if !inPane(c) {
                guard id < 255, n[id] >= 8 else { continue }
                let mx = Double(sx[id]) / Double(n[id]), my = Double(sy[id]) / Double(n[id])
                var best = Double.infinity
                for (i, a) in areas.enumerated() where Int(a) == id {
                    let dx = Double(i % width) - mx, dy = (Double(i / width) - my) * 2
                    if dx * dx + dy * dy < best { best = dx * dx + dy * dy; c = (i % width, i / width) }
                }
            }
            var name = f.name
            if layers.russian && !ascii {
                name = (isWater ? CountryNames.russianWater[f.name] : CountryNames.russian[f.iso2]) ?? f.name
            }
            if !isWater { name = name.uppercased() }
            let shownWidth = (min(p.x(lon: f.box.maxLon), Double(p.dotsWide)) - max(p.x(lon: f.box.minLon), 0)) / 2
            guard shownWidth >= Double(name.displayWidth) * 0.8 else { continue }
            _ = label(name, { LabelPlacer.centred(ax: c.x, ay: c.y, w: $0) },
                      style(isWater ? .mapLabelWater : .mapLabel), isWater ? .water : .country)
        }
    }

    /// Cities by population (capitals first), fewer the farther out the view; a city is drawn
    /// only when both its marker and its label fit.
    private mutating func placeCities() {
        let minPop = Overlay.cityThreshold(zoom: p.viewport.zoom, size: p.viewport.size)
        let box = p.visibleBox
        let cityStyle = style(.mapCity)
        let marker = ascii ? "o" : "•"
        for k in geo.cityPriority {
            let city = geo.cities[k]
            guard city.population >= minPop || k < geo.capitalCount, box.contains(lon: city.lon, lat: city.lat) else { continue }
            let c = p.cell(lon: city.lon, lat: city.lat)
            guard inPane(c), placer.isFree(c.x, c.y),
                  placer.fits(x: c.x, y: c.y, w: 1) else { continue }
            placer.reserveSymbol(c.x, c.y)
            let name = ascii ? city.asciiName : city.name
            if label(name, { LabelPlacer.besideSymbol(ax: c.x, ay: c.y, w: $0) }, cityStyle, .city) {
                items.append(Item(x: c.x, y: c.y, text: marker, style: cityStyle))
                frame.symbolCells.insert(c.y * width + c.x)
            } else {
                placer.unreserve(c.x, c.y)
            }
        }
    }


    /// The smallest population shown: 600,000 for an 80×24 pane of the whole region, falling
    /// with zoom and with pane area.
    static func cityThreshold(zoom: Double, size: Size) -> Int {
        let areaFactor = (Double(80 * 24) / Double(max(1, size.width * size.height))).squareRoot()
        return max(15_000, Int(600_000 / pow(max(zoom, 0.5), 1.5) * areaFactor))
    }

    /// Text with only printable ASCII: diacritics dropped, curly quotes straightened, anything
    /// else `?`.
    static func asciiText(_ s: String) -> String {
        let folded = s.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        for u in folded.unicodeScalars {
            switch u.value {
            case 0x20...0x7E: out.unicodeScalars.append(u)
            case 0x2018, 0x2019, 0x02BB, 0x02BC: out.append("'")
            case 0x201C, 0x201D: out.append("\"")
            case 0x2013, 0x2014: out.append("-")
            default: out.append("?")
            }
        }
        return out
    }
}

extension LabelPlacer {
    mutating func unreserve(_ x: Int, _ y: Int) {
        guard isSymbol(x, y) else { return }
        clear(x, y)
    }
}
