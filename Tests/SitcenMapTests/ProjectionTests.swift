import Foundation
import Testing
import TermUI
@testable import SitcenMap

@Suite struct ProjectionTests {
    @Test func roundTripsThroughDots() {
        var r = SeededRandom(seed: 7)
        for _ in 0..<500 {
            let v = Viewport(centerLon: .random(in: 50...85, using: &r), centerLat: .random(in: 30...52, using: &r),
                             zoom: .random(in: 0.5...200, using: &r), size: Size(width: .random(in: 10...250, using: &r), height: .random(in: 5...80, using: &r)))
            let p = v.projection
            let lon = Double.random(in: 44...92, using: &r), lat = Double.random(in: 27...56, using: &r)
            let back = p.point(x: p.x(lon: lon), y: p.y(lat: lat))
            #expect(abs(back.lon - lon) < 1e-9 && abs(back.lat - lat) < 1e-9)
            // The dot holding a point, read back at its centre, is within half a dot of it.
            let d = p.dot(lon: lon, lat: lat)
            let c = p.point(dotX: d.x, dotY: d.y)
            #expect(abs(c.lon - lon) * p.kx * p.scale <= 0.5 + 1e-9)
            #expect(abs(c.lat - lat) * p.scale <= 0.5 + 1e-9)
        }
    }

    @Test func theCentreIsTheMiddleOfThePane() {
        let v = Viewport(centerLon: 70, centerLat: 40, zoom: 3, size: Size(width: 80, height: 24))
        let p = v.projection
        #expect(p.x(lon: 70) == 80 && p.y(lat: 40) == 48)
        let c = p.cell(lon: 70, lat: 40)
        #expect(c.x == 40 && c.y == 12)
    }

    @Test func wholeRegionFits() {
        for size in [Size(width: 80, height: 24), Size(width: 200, height: 60), Size(width: 40, height: 40)] {
            let p = Viewport.region(size: size).projection
            let box = p.visibleBox
            #expect(box.minLon <= 44.001 && box.maxLon >= 91.999 || box.minLat <= 27.001 && box.maxLat >= 55.999)
            // Both extents are at least roughly on screen (one fits exactly, the other with room).
            #expect(p.x(lon: 44) >= -1 && p.x(lon: 92) <= Double(p.dotsWide) + 1)
            #expect(p.y(lat: 56) >= -1 && p.y(lat: 27) <= Double(p.dotsHigh) + 1)
        }
    }

    @Test func zoomAndPan() {
        let v = Viewport.region(size: Size(width: 80, height: 24))
        let z = v.zoomed(by: 2)
        #expect(z.zoom == 2 && z.centerLon == v.centerLon)
        #expect(v.zoomed(by: 1e-9).zoom == Viewport.minZoom)
        #expect(v.zoomed(by: 1e9).zoom == Viewport.maxZoom)
        let east = z.panned(dx: 0.25, dy: 0)
        // A quarter of the view: 40 dots of 160 at that scale.
        let p = z.projection
        #expect(abs((east.centerLon - z.centerLon) * p.kx * p.scale - 40) < 1e-6)
        let south = z.panned(dx: 0, dy: 0.25)
        #expect(south.centerLat < z.centerLat)
        // The centre never leaves the region.
        var far = v
        for _ in 0..<100 { far = far.panned(dx: 1, dy: -1) }
        #expect(far.centerLon == 92 && far.centerLat == 56)
    }

    @Test func fitShowsEveryPointWithMargin() {
        let size = Size(width: 80, height: 24)
        let posts = sharedRegistry.posts.filter { $0.sector == "KZ-EAST" }
        let v = Viewport.fit(posts.map { GeoPoint(lon: $0.lon, lat: $0.lat) }, size: size)
        let p = v.projection
        for post in posts {
            let c = p.cell(lon: post.lon, lat: post.lat)
            #expect(c.x >= 2 && c.x < 78 && c.y >= 1 && c.y < 23, "\(post.code) at \(c)")
        }
        #expect(v.zoom > 2)
        // One post: not zoomed to infinity.
        let one = Viewport.fit([GeoPoint(lon: 70, lat: 40)], size: size)
        #expect(one.zoom < 40)
    }

    @Test func linesAreClippedToThePane() {
        var c = DotCanvas(width: 10, height: 5)
        c.line(-1e7, -1e7, 1e7, 1e7, 1)            // far outside both ends, crosses the pane
        #expect(c.mask.contains { $0 != 0 })
        var d = DotCanvas(width: 10, height: 5)
        d.line(-100, -5, 500, -1, 1)               // entirely above the pane
        d.line(25, -10, 25, -1, 1)
        #expect(d.mask.allSatisfy { $0 == 0 })
        var e = DotCanvas(width: 10, height: 5)
        e.line(0, 0.5, 19.99, 0.5, 1)             // the whole top row of dots
        #expect(e.mask[0..<10].allSatisfy { $0 == 0x09 })
        var f = DotCanvas(width: 10, height: 5)
        f.line(3.5, 2.5, 3.5, 2.5, 1)             // a point
        #expect(f.mask[1] == 0x20)
    }

    @Test func cellsFillByCentre() {
        // A square ring covering dots 4..12 × 4..12: cells whose centres (2c+1, 4r+2) are inside.
        var rings = ProjectedRings()
        rings.x = [4, 12, 12, 4, 4]; rings.y = [4, 4, 12, 12, 4]; rings.start = [0, 5]
        rings.minX = [4]; rings.maxX = [12]; rings.minY = [4]; rings.maxY = [12]
        var c = DotCanvas(width: 10, height: 5)
        var xs: [Double] = []
        c.fillCells(rings, rings: 0..<1, color: 5, isWater: true, area: 3, xs: &xs)
        var filled: [(Int, Int)] = []
        for i in 0..<50 where c.fill[i] == 5 { filled.append((i % 10, i / 10)) }
        #expect(filled.map { "\($0.0),\($0.1)" } == ["2,1", "3,1", "4,1", "5,1", "2,2", "3,2", "4,2", "5,2"])
        #expect(c.water.filter { $0 == 1 }.count == 8 && c.area.filter { $0 == 3 }.count == 8)
    }

    @Test func asciiDotsLookLikeTheirShape() {
        #expect(AsciiDots.classify(0) == " ")
        #expect(AsciiDots.classify(0x01) == ".")
        #expect(AsciiDots.classify(0x01 | 0x02 | 0x04 | 0x40) == "|")   // left column
        #expect(AsciiDots.classify(0x02 | 0x10) == "-")                 // a row across
        #expect(AsciiDots.classify(0x01 | 0x02 | 0x20 | 0x80) == "\\")  // down to the right
        #expect(AsciiDots.classify(0x40 | 0x04 | 0x10 | 0x08) == "/")   // up to the right
        #expect(AsciiDots.classify(0xFF) == "#")
        #expect(AsciiDots.table.allSatisfy { $0.isASCII })
    }
}
