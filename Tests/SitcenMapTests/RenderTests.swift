import Foundation
import SitcenDomain
import Testing
import TermUI
@testable import SitcenMap

@Suite struct RenderTests {
    @Test func asciiOutputIsPureASCII() {
        var layers = MapLayers()
        layers.postLabels = .name
        layers.russian = true            // ignored in ASCII: Russian names cannot be shown
        for seizures in SeizureMode.allCases {
            layers.seizures = seizures
            for (w, h) in [(80, 24), (200, 60), (33, 11)] {
                let (b, _) = renderMap(w, h, layers: layers, ascii: true)
                let bad = b.lines().joined().unicodeScalars.filter { !$0.isASCII || $0.value < 0x20 }
                #expect(bad.isEmpty, "non-ASCII in \(w)x\(h) \(seizures): \(bad.prefix(5).map { String($0) })")
            }
        }
        for line in MapLegend.lines(layers: layers, theme: .builtIn, ascii: true) {
            #expect(line.allSatisfy { $0.text.unicodeScalars.allSatisfy(\.isASCII) })
        }
    }

    @Test func brailleOutputUsesBraille() {
        let (b, _) = renderMap(80, 24)
        let text = b.lines().joined()
        #expect(text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
        #expect(b.contains("KAZAKHSTAN"))
        #expect(b.contains("◆"))
    }

    @Test func layersToggle() {
        let data = sampleData()
        let all = renderMap(80, 24, data: data).0
        var l = MapLayers()
        l.posts = false
        let noPosts = renderMap(80, 24, layers: l, data: data).0
        #expect(all.contains("◆") && all.contains("KZ-KHR"))
        #expect(!noPosts.contains("KZ-KHR"))
        #expect(!noPosts.lines().joined().contains("■"))
        // The alerted post stays, in its marker.
        #expect(noPosts.contains("[◆]"))
        l = MapLayers(); l.alerts = false
        #expect(!renderMap(80, 24, layers: l, data: data).0.contains("[◆]"))
        l = MapLayers(); l.labels = false
        let noLabels = renderMap(80, 24, layers: l, data: data).0
        #expect(!noLabels.contains("KAZAKHSTAN") && !noLabels.contains("KZ-KHR"))
        l = MapLayers(); l.borders = false; l.water = false; l.posts = false; l.seizures = .off; l.routes = false
        l.alerts = false; l.labels = false; l.crosshair = false; l.landFill = false
        let empty = renderMap(80, 24, layers: l, data: data).0
        #expect(empty.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        l.borders = true
        #expect(!renderMap(80, 24, layers: l, data: data).0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        l = MapLayers(); l.postLabels = .name; l.russian = true
        #expect(renderMap(200, 60, layers: l, data: data).0.contains("Хоргос"))
        l.russian = false
        #expect(renderMap(200, 60, layers: l, data: data).0.contains("Khorgos"))
    }

    @Test func seizureDotsTakeTheirCategoryColour() {
        let p = Viewport.region(size: Size(width: 80, height: 24)).projection
        let s = MapSeizure(lat: 45, lon: 70, kg: 5, category: .cannabis, seq: 9)
        let data = MapData(seizures: [s, MapSeizure(lat: 45, lon: 70, kg: 1, category: .opiates)])
        var l = MapLayers(); l.borders = false; l.water = false; l.labels = false; l.crosshair = false
        let (b, _) = renderMap(80, 24, layers: l, data: data)
        let c = p.cell(lon: 70, lat: 45)
        #expect(b[c.x, c.y].char != " ")
        #expect(b[c.x, c.y].style.fg == Theme.builtIn[.category("cannabis")].fg)   // the most kilograms
    }

    @Test func heatIsMonotonicInKilograms() {
        var last = 0
        for e in stride(from: -3.0, through: 4.0, by: 0.25) {
            let level = MapRenderer.heatLevel(kg: pow(10, e))
            #expect(level >= last && (1...4).contains(level))
            last = level
        }
        #expect(MapRenderer.heatLevel(kg: 0.5) == 1 && MapRenderer.heatLevel(kg: 500) == 4)
        // Rendered: more kilograms in a cell never shows a lighter shade.
        var l = MapLayers(); l.seizures = .heat; l.borders = false; l.labels = false; l.water = false; l.crosshair = false
        let shades: [Character] = ["░", "▒", "▓", "█"]
        var previous = -1
        for kg in [0.1, 2, 30, 400, 5000] {
            let data = MapData(seizures: [MapSeizure(lat: 45, lon: 70, kg: kg, category: .opiates)])
            let (b, _) = renderMap(80, 24, layers: l, data: data)
            let c = Viewport.region(size: Size(width: 80, height: 24)).projection.cell(lon: 70, lat: 45)
            let i = shades.firstIndex(of: b[c.x, c.y].char) ?? -1
            #expect(i >= previous && i >= 0, "\(kg) kg shows \(b[c.x, c.y].char)")
            previous = i
        }
    }

    @Test func basemapIsCachedPerViewport() {
        var r = MapRenderer(geo: sharedGeo)
        var b = Buffer(width: 80, height: 24)
        let v = Viewport.region(size: b.size)
        let data = sampleData()
        for _ in 0..<3 { r.render(into: &b, area: b.area, viewport: v, layers: MapLayers(), data: data, theme: .builtIn, ascii: false) }
        #expect(r.basemapBuilds == 1)
        let first = b
        r.render(into: &b, area: b.area, viewport: v.panned(dx: 0.25, dy: 0), layers: MapLayers(), data: data, theme: .builtIn, ascii: false)
        #expect(r.basemapBuilds == 2)
        r.render(into: &b, area: b.area, viewport: v, layers: MapLayers(), data: data, theme: .builtIn, ascii: false)
        #expect(b == first)
    }

    @Test func rendersIntoAnAreaOnly() {
        var r = MapRenderer(geo: sharedGeo)
        var b = Buffer(width: 100, height: 30)
        b.fill(b.area, char: "x")
        let area = Rect(x: 10, y: 3, width: 60, height: 20)
        r.render(into: &b, area: area, viewport: .region(size: area.size), layers: MapLayers(), data: sampleData(), theme: .builtIn, ascii: false)
        for y in 0..<30 {
            for x in 0..<100 where !area.contains(x: x, y: y) { #expect(b[x, y].char == "x") }
        }
        // Degenerate sizes do not crash.
        for s in [(0, 0), (1, 1), (2, 1), (1, 5)] {
            var t = Buffer(width: s.0, height: s.1)
            r.render(into: &t, area: t.area, viewport: .region(size: t.size), layers: MapLayers(), data: sampleData(), theme: .builtIn, ascii: true)
        }
    }

    @Test func themeFallbacks() {
        // The built-in theme has no map roles: the map's own dark defaults, never plain text.
        #expect(MapStyles.style(.mapPostSilent, in: .builtIn) == MapStyles.fallback(.mapPostSilent, .dark))
        #expect(MapStyles.style(.mapBorder, in: .builtIn).fg != .default)
        // A theme's own role wins, and a parent (`map.post`) covers its children.
        var t = Theme.builtIn
        t.styles["map.post"] = Style(fg: .red)
        t.styles["map.border"] = Style(fg: .blue)
        #expect(MapStyles.style(.mapPostOK, in: t).fg == .red)
        #expect(MapStyles.style(.mapBorder, in: t).fg == .blue)
        // cat.* come from the theme.
        #expect(MapStyles.style(.category("opiates"), in: .builtIn) == Theme.builtIn[.category("opiates")])
        // No colours at all (NO_COLOR): attribute-only defaults.
        let mono = Theme.builtIn.monochrome
        #expect(MapStyles.family(of: mono) == .monochrome)
        for role in StyleRole.mapRoles {
            let s = MapStyles.style(role, in: mono)
            #expect(s.fg == .default && s.bg == .default, "\(role) has a colour in monochrome")
        }
        #expect(MapStyles.family(of: Theme(name: "light", styles: ["text": Style(fg: .black)])) == .light)
    }

    @Test func postLabelsCycleAndCitiesCanBeHidden() {
        var l = MapLayers(); l.cities = false
        let (_, f) = renderMap(200, 60, layers: l)
        #expect(!f.labels.contains { $0.kind == .city })
        let (_, g) = renderMap(200, 60)
        #expect(g.labels.contains { $0.kind == .city && $0.text == "Tashkent" })
        #expect(g.labels.contains { $0.kind == .water && $0.text == "Caspian Sea" })
    }
}
