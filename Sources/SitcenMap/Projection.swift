import Foundation
import TermUI

/// What part of the region a map pane shows: the centre, the zoom (1 = the whole region fits
/// the pane; 2 = twice as close), and the pane's size in cells.
///
/// Coordinates are on the braille dot grid: a cell is 2 dots wide and 4 dots tall, and since a
/// terminal cell is about twice as tall as wide, a dot is about square. The projection is
/// equirectangular with the standard parallel at the view's centre (x = Δlon·cos φ₀, y = Δlat),
/// so distances and shapes are true along the centre parallel and within 3% at sector zooms;
/// see Docs/map.md for why that is enough here.
public struct Viewport: Hashable, Sendable, CustomStringConvertible {
    public var centerLon: Double
    public var centerLat: Double
    public var zoom: Double
    public var size: Size

    public static let minZoom = 0.5
    public static let maxZoom = 512.0
    /// How much `+` and `-` change the zoom.
    public static let zoomStep = 1.5
    /// The latitude whose cosine sizes the whole-region fit (the region's middle).
    static let fitLatitude = 41.5

    public init(centerLon: Double, centerLat: Double, zoom: Double, size: Size) {
        self.centerLon = centerLon; self.centerLat = centerLat
        self.zoom = min(Self.maxZoom, max(Self.minZoom, zoom)); self.size = size
    }

    /// The whole region (lon 44..92, lat 27..56) fitted to `size`.
    public static func region(size: Size) -> Viewport {
        let c = GeoBox.region.center
        return Viewport(centerLon: c.lon, centerLat: c.lat, zoom: 1, size: size)
    }

    /// Dots per degree of latitude at zoom 1 for a pane of `size`.
    static func fitScale(_ size: Size) -> Double {
        let k = cos(fitLatitude * .pi / 180)
        let box = GeoBox.region
        let sx = Double(max(1, size.width * 2)) / ((box.maxLon - box.minLon) * k)
        let sy = Double(max(1, size.height * 4)) / (box.maxLat - box.minLat)
        return min(sx, sy)
    }

    /// Fits `points` (e.g. a sector's posts) with a margin of `margin` of the span on each side
    /// and at least `minSpan` degrees of latitude shown, so one post does not fill the screen.
    public static func fit(_ points: [GeoPoint], size: Size, margin: Double = 0.2, minSpan: Double = 2.5) -> Viewport {
        guard !points.isEmpty else { return region(size: size) }
        var box = GeoBox.empty
        for p in points { box.add(lon: p.lon, lat: p.lat) }
        let c = box.center
        let k = cos(c.lat * .pi / 180)
        let spanLat = max(minSpan, (box.maxLat - box.minLat) * (1 + 2 * margin))
        let spanLon = max(minSpan / k, (box.maxLon - box.minLon) * (1 + 2 * margin))
        let scale = min(Double(max(1, size.width * 2)) / (spanLon * k), Double(max(1, size.height * 4)) / spanLat)
        return Viewport(centerLon: c.lon, centerLat: c.lat, zoom: scale / fitScale(size), size: size)
    }

    public var projection: Projection { Projection(self) }

    /// Closer by `factor` (below 1: farther), keeping the centre.
    public func zoomed(by factor: Double) -> Viewport {
        Viewport(centerLon: centerLon, centerLat: centerLat, zoom: zoom * factor, size: size)
    }

    /// Moved by a fraction of the view: `dx` of its width to the east, `dy` of its height to
    /// the south. The centre stays inside the region.
    public func panned(dx: Double, dy: Double) -> Viewport {
        let p = projection
        let lon = centerLon + dx * Double(p.dotsWide) / (p.scale * p.kx)
        let lat = centerLat - dy * Double(p.dotsHigh) / p.scale
        let box = GeoBox.region
        return Viewport(centerLon: min(box.maxLon, max(box.minLon, lon)), centerLat: min(box.maxLat, max(box.minLat, lat)),
                        zoom: zoom, size: size)
    }

    /// The same view in a pane of another size (the zoom keeps its meaning).
    public func resized(to s: Size) -> Viewport { var v = self; v.size = s; return v }

    /// The same view centred on a point.
    public func centered(on p: GeoPoint) -> Viewport {
        Viewport(centerLon: p.lon, centerLat: p.lat, zoom: zoom, size: size)
    }

    public var description: String {
        String(format: "%.2f°E %.2f°N ×%.2f %@", centerLon, centerLat, zoom, size.description)
    }
}

/// Lon/lat ↔ dot coordinates for one viewport. Dot (0, 0) is the pane's top-left dot; dot x
/// belongs to cell column x / 2, dot y to cell row y / 4.
public struct Projection: Sendable {
    public let viewport: Viewport
    public let dotsWide: Int
    public let dotsHigh: Int
    /// Dots per degree of latitude.
    public let scale: Double
    /// cos of the centre latitude: the width of a degree of longitude relative to one of latitude.
    public let kx: Double
    let sx: Double, ox: Double, oy: Double

    public init(_ v: Viewport) {
        viewport = v
        dotsWide = v.size.width * 2
        dotsHigh = v.size.height * 4
        scale = Viewport.fitScale(v.size) * v.zoom
        kx = cos(v.centerLat * .pi / 180)
        sx = scale * kx
        ox = Double(dotsWide) / 2 - v.centerLon * sx
        oy = Double(dotsHigh) / 2 + v.centerLat * scale
    }

    /// Continuous dot coordinates of a point (dot (i, j) spans [i, i+1) × [j, j+1)).
    @inline(__always) public func x(lon: Double) -> Double { ox + lon * sx }
    @inline(__always) public func y(lat: Double) -> Double { oy - lat * scale }

    /// The dot that holds a point (may be outside the pane).
    @inline(__always) public func dot(lon: Double, lat: Double) -> (x: Int, y: Int) {
        (Int((ox + lon * sx).rounded(.down)), Int((oy - lat * scale).rounded(.down)))
    }

    /// The point at continuous dot coordinates.
    public func point(x: Double, y: Double) -> GeoPoint {
        GeoPoint(lon: (x - ox) / sx, lat: (oy - y) / scale)
    }

    /// The centre of dot (x, y).
    public func point(dotX x: Int, dotY y: Int) -> GeoPoint { point(x: Double(x) + 0.5, y: Double(y) + 0.5) }

    /// The centre of cell (x, y) of the pane.
    public func point(cellX x: Int, cellY y: Int) -> GeoPoint { point(x: Double(x) * 2 + 1, y: Double(y) * 4 + 2) }

    /// The cell that holds a point (may be outside the pane).
    public func cell(lon: Double, lat: Double) -> (x: Int, y: Int) {
        let d = dot(lon: lon, lat: lat)
        return (d.x >> 1, d.y >> 2)
    }

    public func isVisible(dotX x: Int, dotY y: Int) -> Bool { x >= 0 && y >= 0 && x < dotsWide && y < dotsHigh }

    /// The lon/lat box the pane shows.
    public var visibleBox: GeoBox {
        let a = point(x: 0, y: 0), b = point(x: Double(dotsWide), y: Double(dotsHigh))
        return GeoBox(minLon: a.lon, minLat: b.lat, maxLon: b.lon, maxLat: a.lat)
    }
}
