import Foundation
import SitcenDomain
import SitcenMap
import TermUI

/// The region map: geo load time; the whole region at 200×60 with every layer and 100,000
/// seizures (median of 50 frames, basemap cached as in the console); one pan step (the basemap
/// rasterised again); the heat layer.
///   swift run -c release sitcen-bench map [--runs 50] [--seizures 100000] [--geo DIR]
enum MapBench {
    static func run(_ args: [String]) async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let geoDir = Bench.option(args, "--geo") ?? root.appendingPathComponent("SampleData/geo").path
        let runs = max(5, Int(Bench.option(args, "--runs") ?? "") ?? 50)
        let count = max(0, Int(Bench.option(args, "--seizures") ?? "") ?? 100_000)
        let registryText = try String(contentsOfFile: root.appendingPathComponent("SampleData/posts.csv").path, encoding: .utf8)
        let registry = try Registry.parseCSV(registryText, source: "posts.csv")

        var loads: [Double] = []
        var geo = try GeoData.load(directory: geoDir)
        for _ in 0..<20 { loads.append(try time { geo = try GeoData.load(directory: geoDir) }) }
        print("geo load: median \(ms(median(loads))) ms over \(loads.count) loads (\(geo.countries.count) countries, \(geo.waters.count) waters, \(geo.cities.count) cities, \(geo.rings.lon.count) points)")

        let data = makeData(registry, seizures: count)
        let size = Size(width: 200, height: 60)
        var buffer = Buffer(size: size)
        var renderer = MapRenderer(geo: geo)
        let theme = Theme.builtIn
        let region = Viewport.region(size: size)
        func frame(_ v: Viewport, _ layers: MapLayers, ascii: Bool = false) -> Double {
            time { renderer.render(into: &buffer, area: buffer.area, viewport: v, layers: layers, data: data, theme: theme, ascii: ascii) }
        }
        _ = frame(region, .all)
        var frames: [Double] = []
        for _ in 0..<runs { frames.append(frame(region, .all)) }
        print("frame 200x60, every layer, \(Bench.withThousands(count)) seizures (dots): median \(ms(median(frames))) ms, p90 \(ms(percentile(frames, 0.9))) ms over \(runs) frames")

        var heat = MapLayers.all
        heat.seizures = .heat
        var heats: [Double] = []
        for _ in 0..<runs { heats.append(frame(region, heat)) }
        print("frame 200x60, heat layer: median \(ms(median(heats))) ms")

        var asciiFrames: [Double] = []
        for _ in 0..<runs { asciiFrames.append(frame(region, .all, ascii: true)) }
        print("frame 200x60, ASCII: median \(ms(median(asciiFrames))) ms")

        // One pan step: a new viewport, so the basemap is rasterised again.
        var pans: [Double] = []
        let east = region.panned(dx: 0.25, dy: 0)
        for i in 0..<runs { pans.append(frame(i % 2 == 0 ? east : region, .all)) }
        print("pan step (basemap re-rasterised + frame): median \(ms(median(pans))) ms, p90 \(ms(percentile(pans, 0.9))) ms")

        var zoomed = region.zoomed(by: 8).centered(on: GeoPoint(lon: 71.5, lat: 38.5))
        var zooms: [Double] = []
        for i in 0..<runs {
            zoomed = zoomed.panned(dx: i % 2 == 0 ? 0.25 : -0.25, dy: 0)
            zooms.append(frame(zoomed, .all))
        }
        print("pan step at zoom 8 (TJ-GBAO): median \(ms(median(zooms))) ms")

        var nearest: [Double] = []
        var state = MapState(size: size)
        state.viewport = region
        for _ in 0..<runs { nearest.append(time { _ = renderer.nearest(to: state.crosshair, viewport: state.viewport, layers: state.layers, data: data) }) }
        print("nearest item (Enter) over \(Bench.withThousands(count)) seizures: median \(ms(median(nearest))) ms")
        let goal = median(frames) < 5 ? "met" : "NOT met"
        print("goal: frame median < 5 ms: \(goal)")
    }

    /// Posts with mixed health, seizures scattered near posts (seeded), routes, two alerts.
    static func makeData(_ registry: Registry, seizures count: Int) -> MapData {
        var rng = SplitMix(seed: 6)
        let healths: [PostHealth] = [.ok, .ok, .late, .ok, .silent]
        let posts = registry.posts.enumerated().map { i, p in MapPost(p, health: healths[i % healths.count]) }
        var seizures: [MapSeizure] = []
        seizures.reserveCapacity(count)
        let cats = SubstanceCategory.allCases
        for i in 0..<count {
            let p = registry.posts[Int(rng.next() % UInt64(registry.posts.count))]
            let dx = rng.unit() * 1.2 - 0.6, dy = rng.unit() * 0.8 - 0.4
            let kg = pow(10, rng.unit() * 5 - 2)
            seizures.append(MapSeizure(lat: p.lat + dy, lon: p.lon + dx, kg: kg, category: cats[Int(rng.next() % UInt64(cats.count))], seq: Int64(i + 1)))
        }
        let routes = registry.posts.prefix(20).map { MapRoute(origin: "AF", post: $0.code, destination: "RU") }
        let alerts = [MapAlert(id: "A1", post: "KG-TOR", lat: 40.58, lon: 75.39), MapAlert(id: "A2", post: "TJ-PNP", lat: 37.23, lon: 68.61)]
        return MapData(posts: posts, seizures: seizures, routes: Array(routes), alerts: alerts)
    }

    typealias SplitMix = SplitMix64

    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    static func median(_ v: [Double]) -> Double { percentile(v, 0.5) }
    static func percentile(_ v: [Double], _ q: Double) -> Double {
        guard !v.isEmpty else { return 0 }
        let s = v.sorted()
        return s[min(s.count - 1, Int(Double(s.count - 1) * q + 0.5))]
    }
    static func ms(_ v: Double) -> String { Bench.fmt(v, 2) }
}
