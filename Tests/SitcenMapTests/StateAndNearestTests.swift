import Foundation
import SitcenDomain
import Testing
import TermUI
@testable import SitcenMap

@Suite struct NearestTests {
    let renderer = MapRenderer(geo: sharedGeo)

    /// A viewport of `size` centred on a point, so the crosshair sits on it.
    func view(_ lon: Double, _ lat: Double, zoom: Double = 4, size: Size = Size(width: 80, height: 24)) -> Viewport {
        Viewport(centerLon: lon, centerLat: lat, zoom: zoom, size: size)
    }

    @Test func picksThePostUnderTheCrosshair() {
        let data = sampleData()
        let post = sharedRegistry.post("KZ-DOS")!
        var state = MapState(size: Size(width: 80, height: 24))
        state.viewport = view(post.lon, post.lat)
        #expect(renderer.nearest(to: state.crosshair, viewport: state.viewport, layers: state.layers, data: data) == .post(code: "KZ-DOS"))
        // A little off: still the post, within the radius.
        let postsOnly = MapData(posts: data.posts)
        #expect(renderer.nearest(to: (state.crosshair.x + 2, state.crosshair.y), viewport: state.viewport, layers: state.layers, data: postsOnly) == .post(code: "KZ-DOS"))
        #expect(renderer.nearest(to: (state.crosshair.x + 9, state.crosshair.y), viewport: state.viewport, layers: state.layers, data: postsOnly) != .post(code: "KZ-DOS"))
    }

    @Test func anAlertOnAPostWins() {
        let data = sampleData()
        let post = sharedRegistry.post("KG-TOR")!
        let v = view(post.lon, post.lat)
        #expect(renderer.nearest(to: (40, 12), viewport: v, layers: MapLayers(), data: data) == .alert(id: "A1"))
        var l = MapLayers(); l.alerts = false
        #expect(renderer.nearest(to: (40, 12), viewport: v, layers: l, data: data) == .post(code: "KG-TOR"))
    }

    @Test func picksASeizureAwayFromPosts() {
        let data = MapData(posts: samplePosts(), seizures: [MapSeizure(lat: 46.0, lon: 66.0, kg: 3, category: .ats, seq: 77)])
        let v = view(66.0, 46.0)
        #expect(renderer.nearest(to: (40, 12), viewport: v, layers: MapLayers(), data: data) == .seizure(seq: 77))
        var l = MapLayers(); l.seizures = .off
        #expect(renderer.nearest(to: (40, 12), viewport: v, layers: l, data: data) == .country(iso2: "KZ"))
    }

    @Test func fallsBackToCityThenCountryThenNothing() {
        let empty = MapData()
        // Tashkent, seen close up.
        #expect(renderer.nearest(to: (40, 12), viewport: view(69.21627, 41.26465, zoom: 20), layers: MapLayers(), data: empty) == .city(name: "Tashkent"))
        #expect(renderer.nearest(to: (40, 12), viewport: view(64.5, 41.0, zoom: 8), layers: MapLayers(), data: empty) == .country(iso2: "UZ"))
        #expect(renderer.nearest(to: (40, 12), viewport: view(51.0, 42.0, zoom: 8), layers: MapLayers(), data: empty) == nil)   // the Caspian
    }
}

@Suite struct MapStateTests {
    let data = sampleData()

    @Test func zoomPanAndWhole() {
        var s = MapState(size: Size(width: 80, height: 24))
        let start = s.viewport
        let handledPlus = s.handle(.char("+"), data: data)
        #expect(handledPlus && s.viewport.zoom == Viewport.zoomStep)
        let handledMinus = s.handle(.char("-"), data: data)
        #expect(handledMinus)
        #expect(abs(s.viewport.zoom - 1) < 1e-12)
        s.handle(.char("+"), data: data); s.handle(.char("+"), data: data)
        let zoomed = s.viewport
        s.handle(.right, data: data); s.handle(.char("l"), data: data)
        #expect(s.viewport.centerLon > zoomed.centerLon)
        s.handle(.char("h"), data: data); s.handle(.left, data: data)
        #expect(abs(s.viewport.centerLon - zoomed.centerLon) < 1e-9)
        s.handle(.char("k"), data: data)
        #expect(s.viewport.centerLat > zoomed.centerLat)
        s.handle(.down, data: data)
        #expect(abs(s.viewport.centerLat - zoomed.centerLat) < 1e-9)
        s.handle(.char("j"), data: data)
        #expect(s.viewport.centerLat < zoomed.centerLat)
        s.handle(.char("+"), data: data)
        s.handle(.char("0"), data: data)
        #expect(s.viewport == start)
        let q = s.handle(.char("q"), data: data), enter = s.handle(.enter, data: data)
        #expect(!q && !enter)
    }

    @Test func fitSectorUsesTheFilterOrTheNearestPost() {
        var s = MapState(size: Size(width: 80, height: 24), sector: "TJ-GBAO")
        s.handle(.char("f"), data: data)
        let gbao = data.posts.filter { $0.sector == "TJ-GBAO" }
        let p = s.viewport.projection
        for post in gbao {
            let c = p.cell(lon: post.lon, lat: post.lat)
            #expect(c.x >= 0 && c.x < 80 && c.y >= 0 && c.y < 24)
        }
        var t = MapState(size: Size(width: 80, height: 24))
        t.viewport = t.viewport.centered(on: GeoPoint(lon: 82.4, lat: 45.3))   // by Dostyk
        t.handle(.char("f"), data: data)
        #expect(abs(t.viewport.centerLat - 45.7) < 1.5 && t.viewport.zoom > 2)
    }

    @Test func layerKeysToggle() {
        var s = MapState(size: Size(width: 80, height: 24))
        s.handle(.char("p"), data: data); #expect(!s.layers.posts)
        s.handle(.char("s"), data: data); #expect(s.layers.seizures == .off)
        s.handle(.char("s"), data: data); #expect(s.layers.seizures == .dots)
        s.handle(.char("H"), data: data); #expect(s.layers.seizures == .heat)
        s.handle(.char("H"), data: data); #expect(s.layers.seizures == .dots)
        s.handle(.char("r"), data: data); #expect(!s.layers.routes)
        s.handle(.char("a"), data: data); #expect(!s.layers.alerts)
        s.handle(.char("b"), data: data); #expect(!s.layers.borders)
        s.handle(.char("L"), data: data); #expect(!s.layers.labels)
        s.handle(.char("c"), data: data); #expect(!s.layers.cities)
        s.handle(.char("t"), data: data); #expect(s.layers.postLabels == .name)
        s.handle(.char("g"), data: data); #expect(!s.layers.landFill && !s.layers.waterFill)
        s.handle(.char("g"), data: data); #expect(s.layers.landFill && s.layers.waterFill)
    }

    @Test func nextAndPreviousPost() {
        var s = MapState(size: Size(width: 80, height: 24))
        s.handle(.char("n"), data: data)
        #expect(s.viewport.centerLon == data.posts[0].lon && s.viewport.zoom >= 3)
        s.handle(.char("N"), data: data)
        #expect(s.viewport.centerLon == data.posts[data.posts.count - 1].lon)
        s.handle(.char("n"), data: data)
        #expect(s.viewport.centerLon == data.posts[0].lon)
    }

    @Test func keyTableHasNoConflictsAndLegendCredits() {
        #expect(MapKeys.table.conflicts().isEmpty)
        #expect(Set(MapKeys.bindings.map(\.action)) == Set(MapAction.allCases))
        #expect(MapKeys.bindings.allSatisfy { !$0.keys.isEmpty })
        let lines = MapLegend.lines(layers: MapLayers(), theme: .builtIn, ascii: false)
        #expect(lines.last?.map(\.text).joined() == MapLegend.credit)
        #expect(MapLegend.credit.contains("GeoNames (geonames.org)") && MapLegend.credit.contains("Natural Earth"))
        var heat = MapLayers(); heat.seizures = .heat
        #expect(MapLegend.lines(layers: heat, theme: .builtIn, ascii: false).contains { $0.contains { $0.text == "█" } })
    }
}
