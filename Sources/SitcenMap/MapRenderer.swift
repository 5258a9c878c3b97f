import SitcenDomain
import TermUI

/// Draws the region map into a buffer. Keep one renderer per pane: it caches the basemap
/// raster (borders, coasts, fills) for the last viewport, so only a zoom, pan or resize
/// re-rasterises the basemap; seizures, routes, symbols and labels are drawn every frame.
///
/// ```swift
/// var map = MapRenderer(geo: try GeoData.load(directory: dir))
/// map.render(into: &buffer, area: pane, viewport: state.viewport, layers: state.layers,
///            data: data, theme: theme, ascii: asciiOnly)
/// ```
public struct MapRenderer: Sendable {
    public let geo: GeoData

    struct StaticKey: Hashable {
        var viewport: Viewport
        var borders: Bool, water: Bool, waterFill: Bool, landFill: Bool
    }
    private var staticKey: StaticKey?
    private var staticCanvas = DotCanvas(width: 0, height: 0)
    var canvas = DotCanvas(width: 0, height: 0)
    private var scratchXs: [Double] = []
    private var categoryKg: [Float] = []
    private var cellKg: [Float] = []
    var heatLevel: [UInt8] = []
    var glyphBytes: [UInt8] = []
    /// How many times the basemap was rasterised (tests check the cache).
    public private(set) var basemapBuilds = 0

    public init(geo: GeoData) { self.geo = geo }

    /// Renders the map into `area` of `buffer`. `viewport` is fitted to the area's size.
    /// Returns what was drawn where (labels, post cells), in area-relative cells.
    @discardableResult
    public mutating func render(into buffer: inout Buffer, area: Rect, viewport: Viewport, layers: MapLayers,
                                data: MapData, theme: Theme, ascii: Bool) -> MapFrame {
        let area = area.intersection(buffer.area)
        let v = viewport.resized(to: area.size)
        let p = v.projection
        let palette = Ink.palette(theme)
        buffer.fill(area, style: .plain)
        guard !area.isEmpty else { return MapFrame() }

        buildBasemap(v, p, layers)
        canvas.copy(from: staticCanvas)
        if layers.routes && !data.routes.isEmpty { drawRoutes(data, p) }
        switch layers.seizures {
        case .off: heatLevel.removeAll(keepingCapacity: true)
        case .dots: heatLevel.removeAll(keepingCapacity: true); drawSeizureDots(data.seizures, p)
        case .heat: shadeHeat(data.seizures, p, base: layers.heatBaseKg)
        }
        var overlay = Overlay(geo: geo, projection: p, layers: layers, ascii: ascii, theme: theme, areas: canvas.area)
        let frame = overlay.build(data)
        encode(into: &buffer, area: area, palette: palette, ascii: ascii, waterFill: layers.water && layers.waterFill)
        for item in overlay.items { putOverlay(item, into: &buffer, area: area, palette: palette) }
        return frame
    }

    // MARK: basemap (cached per viewport)

    private mutating func buildBasemap(_ v: Viewport, _ p: Projection, _ layers: MapLayers) {
        let key = StaticKey(viewport: v, borders: layers.borders, water: layers.water, waterFill: layers.waterFill, landFill: layers.landFill)
        if key == staticKey { return }
        staticKey = key
        basemapBuilds += 1
        var c = DotCanvas(width: v.size.width, height: v.size.height)
        canvas = DotCanvas(width: v.size.width, height: v.size.height)
        let shape = ProjectedRings(geo.rings, p)
        let w = c.dotsWide, h = c.dotsHigh
        func visible(_ f: GeoFeature) -> Bool { f.rings.contains { shape.visible($0, w, h) } }
        for (i, f) in geo.countries.enumerated() where visible(f) {
            let color = layers.landFill ? Ink.land + UInt8(max(0, f.colorIndex) & 3) : 0
            c.fillCells(shape, rings: f.rings, color: color, isWater: false, area: UInt8(min(i, 254)), xs: &scratchXs)
        }
        for (i, f) in geo.waters.enumerated() where visible(f) {
            let color = layers.water && layers.waterFill ? Ink.waterFill : 0
            c.fillCells(shape, rings: f.rings, color: color, isWater: layers.water && layers.waterFill,
                        area: UInt8(min(geo.countries.count + i, 254)), xs: &scratchXs)
        }
        if layers.borders {
            for f in geo.countries { for r in f.rings where shape.visible(r, w, h) { polyline(&c, shape, r, Ink.border) } }
        }
        if layers.water {
            for f in geo.waters { for r in f.rings where shape.visible(r, w, h) { polyline(&c, shape, r, Ink.water) } }
        }
        staticCanvas = c
    }

    private func polyline(_ c: inout DotCanvas, _ s: ProjectedRings, _ r: Int, _ ink: UInt8) {
        let a = s.start[r], b = s.start[r + 1]
        guard b - a >= 2 else { return }
        var px = s.x[b - 1], py = s.y[b - 1]
        let clipEdge = geo.rings.clipEdge
        for k in a..<b {
            let x = s.x[k], y = s.y[k]
            if clipEdge[k] { px = x; py = y; continue }
            // Skip segments shorter than a dot: at low zoom most vertices fall on one dot.
            if abs(x - px) >= 1 || abs(y - py) >= 1 || k == b - 1 {
                c.line(px, py, x, y, ink)
                px = x; py = y
            }
        }
    }

    // MARK: per-frame layers

    private mutating func drawRoutes(_ data: MapData, _ p: Projection) {
        var seen = Set<MapRoute>()
        var postsByCode: [String: MapPost] = [:]
        for post in data.posts { postsByCode[post.code] = post }
        for route in data.routes where seen.insert(route).inserted {
            guard let post = postsByCode[route.post] else { continue }
            let px = p.x(lon: post.lon), py = p.y(lat: post.lat)
            for end in [route.origin, route.destination] {
                guard let code = end, code.uppercased() != post.country, let g = geo.routePoint(iso2: code) else { continue }
                canvas.line(p.x(lon: g.lon), p.y(lat: g.lat), px, py, Ink.route, dash: true)
            }
        }
    }

    private mutating func drawSeizureDots(_ seizures: [MapSeizure], _ p: Projection) {
        let w = canvas.width, n = w * canvas.height
        let cats = SubstanceCategory.allCases.count
        categoryKg.removeAll(keepingCapacity: true)
        categoryKg.append(contentsOf: repeatElement(0, count: n * cats))
        cellKg.removeAll(keepingCapacity: true)
        cellKg.append(contentsOf: repeatElement(-1, count: n))
        let sx = Float(p.sx), ox = Float(p.ox), sy = Float(p.scale), oy = Float(p.oy)
        let dw = Float(canvas.dotsWide), dh = Float(canvas.dotsHigh)
        let bits = DotCanvas.bits
        seizures.withUnsafeBufferPointer { points in
        bits.withUnsafeBufferPointer { bits in
        categoryKg.withUnsafeMutableBufferPointer { ck in
            cellKg.withUnsafeMutableBufferPointer { touched in
                canvas.mask.withUnsafeMutableBufferPointer { mask in
                    for s in points {
                        let fx = ox + s.lon * sx, fy = oy - s.lat * sy
                        guard fx >= 0, fy >= 0, fx < dw, fy < dh else { continue }
                        let x = Int(fx), y = Int(fy)
                        let i = (y >> 2) * w + (x >> 1)
                        mask[i] |= bits[(y & 3) << 1 | (x & 1)]
                        ck[i &* cats &+ s.category.index] += s.kg + 1e-6
                        touched[i] = 0
                    }
                }
            }
        }
        }
        }
        for i in 0..<n where cellKg[i] == 0 {
            var best = 0
            for c in 1..<cats where categoryKg[i * cats + c] > categoryKg[i * cats + best] { best = c }
            canvas.ink[i] = Ink.category + UInt8(best)
        }
    }

    private mutating func shadeHeat(_ seizures: [MapSeizure], _ p: Projection, base: Double) {
        let w = canvas.width, n = w * canvas.height
        cellKg.removeAll(keepingCapacity: true)
        cellKg.append(contentsOf: repeatElement(-1, count: n))
        let sx = Float(p.sx), ox = Float(p.ox), sy = Float(p.scale), oy = Float(p.oy)
        let dw = Float(canvas.dotsWide), dh = Float(canvas.dotsHigh)
        cellKg.withUnsafeMutableBufferPointer { kg in
            for s in seizures {
                let fx = ox + s.lon * sx, fy = oy - s.lat * sy
                guard fx >= 0, fy >= 0, fx < dw, fy < dh else { continue }
                let i = (Int(fy) >> 2) * w + (Int(fx) >> 1)
                kg[i] = max(0, kg[i]) + s.kg
            }
        }
        heatLevel.removeAll(keepingCapacity: true)
        heatLevel.append(contentsOf: repeatElement(0, count: n))
        for i in 0..<n where cellKg[i] >= 0 { heatLevel[i] = UInt8(MapRenderer.heatLevel(kg: Double(cellKg[i]), base: base)) }
    }

    /// The heat shade (1…4) for `kg` seized in a cell: 1 below `base`, 2 from `base`, 3 from
    /// 10×`base`, 4 from 100×`base` (a log scale, so a tonne does not hide a kilo).
    public static func heatLevel(kg: Double, base: Double = 1) -> Int {
        guard kg >= base else { return 1 }
        if kg >= base * 100 { return 4 }
        return kg >= base * 10 ? 3 : 2
    }

    static let heatChars: [Character] = ["░", "▒", "▓", "█"]
    static let heatAscii: [Character] = [":", "=", "%", "@"]
}

extension SubstanceCategory {
    /// Position in `allCases` (the palette order).
    var index: Int {
        switch self {
        case .opiates: return 0; case .cannabis: return 1; case .cocaine: return 2; case .ats: return 3; case .nps: return 4
        case .precursors: return 5; case .pharmaceuticals: return 6; case .other: return 7; case .unknown: return 8
        }
    }
}
