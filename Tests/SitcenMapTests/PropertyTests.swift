import Foundation
import SitcenDomain
import Testing
import TermUI
@testable import SitcenMap

/// Properties over many seeded random views.
@Suite struct PropertyTests {
    /// Every post's dot (the braille dot its symbol stands for) lies inside its own country's
    /// polygon, holes included, at every zoom that shows it, wherever the view is centred.
    @Test func postDotsLieInTheirOwnCountry() {
        let geo = sharedGeo
        var r = SeededRandom(seed: 2024)
        var checked = 0
        for post in samplePosts() {
            let country = geo.country(iso2: post.country)!
            for k in 0...14 {
                let zoom = pow(Viewport.zoomStep, Double(k))
                for _ in 0..<6 {
                    let size = Size(width: .random(in: 20...220, using: &r), height: .random(in: 8...70, using: &r))
                    var v = Viewport(centerLon: post.lon, centerLat: post.lat, zoom: zoom, size: size)
                    // Somewhere in the view, not always the middle.
                    v = v.panned(dx: .random(in: -0.45...0.45, using: &r), dy: .random(in: -0.45...0.45, using: &r))
                    let p = v.projection
                    let d = MapRenderer.postDot(post, p, geo)
                    guard p.isVisible(dotX: d.x, dotY: d.y) else { continue }
                    let g = p.point(dotX: d.x, dotY: d.y)
                    #expect(inside(country, lon: g.lon, lat: g.lat), "\(post.code) at zoom \(zoom) \(size): dot centre \(g)")
                    checked += 1
                }
            }
        }
        #expect(checked > 2000)
    }

    /// The renderer draws each post at that dot's cell.
    @Test func renderedPostsSitOnTheirDots() {
        let data = sampleData()
        for (w, h, zoom) in [(80, 24, 1.0), (200, 60, 1.0), (120, 40, 6.0)] {
            var v = Viewport.region(size: Size(width: w, height: h))
            v.zoom = zoom
            if zoom > 1 { v = v.centered(on: GeoPoint(lon: 71.5, lat: 38)) }
            let (b, f) = renderMap(w, h, viewport: v, data: data)
            for post in data.posts {
                guard let d = f.postDots[post.code], let c = f.postCells[post.code] else { continue }
                #expect(d.x >> 1 == c.x && d.y >> 2 == c.y)
                #expect(["◆", "■", "●"].contains(b[c.x, c.y].char), "\(post.code) cell shows \(b[c.x, c.y].char)")
                let g = v.projection.point(dotX: d.x, dotY: d.y)
                #expect(inside(sharedGeo.country(iso2: post.country)!, lon: g.lon, lat: g.lat))
            }
        }
    }

    /// No two labels overlap, none covers a symbol, and every post symbol survives, for many
    /// random windows, sizes and layer settings.
    @Test func labelsNeverOverlapOrCoverSymbols() {
        var r = SeededRandom(seed: 99)
        let data = sampleData()
        var renderer = MapRenderer(geo: sharedGeo)
        var totalLabels = 0
        for i in 0..<120 {
            let size = Size(width: .random(in: 12...220, using: &r), height: .random(in: 6...70, using: &r))
            let zoom = pow(2, Double.random(in: -1...6, using: &r))
            let v = Viewport(centerLon: .random(in: 46...90, using: &r), centerLat: .random(in: 29...54, using: &r), zoom: zoom, size: size)
            var layers = MapLayers()
            layers.postLabels = PostLabelMode.allCases[i % 3]
            layers.russian = i % 4 == 1
            layers.seizures = SeizureMode.allCases[i % 3]
            let ascii = i % 5 == 0
            var b = Buffer(size: size)
            let f = renderer.render(into: &b, area: b.area, viewport: v, layers: layers, data: data, theme: .builtIn, ascii: ascii)
            totalLabels += f.labels.count
            var taken = Set<Int>()
            for l in f.labels {
                #expect(l.x >= 0 && l.x + l.width <= size.width && l.y >= 0 && l.y < size.height, "label \(l.text) off the pane")
                #expect(l.width == l.text.displayWidth)
                for x in l.x..<(l.x + l.width) {
                    let cell = l.y * size.width + x
                    let fresh = taken.insert(cell).inserted
                    #expect(fresh, "label \(l.text) overlaps another at \(x),\(l.y) (case \(i))")
                    #expect(!f.symbolCells.contains(cell), "label \(l.text) covers a symbol at \(x),\(l.y) (case \(i))")
                }
                // What the buffer shows there is the label.
                var shown = ""
                for x in l.x..<(l.x + l.width) { shown.append(b[x, l.y].char) }
                #expect(shown == l.text, "label \(l.text) reads \(shown)")
            }
            let symbols: Set<Character> = ascii ? ["X", "B", "P"] : ["◆", "■", "●"]
            for (code, c) in f.postCells {
                #expect(symbols.contains(b[c.x, c.y].char), "post \(code) symbol hidden (case \(i))")
            }
        }
        #expect(totalLabels > 500)
    }
}
