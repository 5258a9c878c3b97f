import Foundation
import Testing
import TermUI
@testable import SitcenMap

/// Golden screens: the whole region and one sector, 80×24 (a pane) and 200×60 (full screen),
/// braille and ASCII. Rewrite with `SITCEN_UPDATE_GOLDEN=1 swift test --filter SitcenMapTests`
/// and review the files by eye: they should look like the region.
@Suite struct GoldenTests {
    static let cases: [(name: String, w: Int, h: Int, sector: String?, ascii: Bool)] = [
        ("region-80x24", 80, 24, nil, false), ("region-80x24-ascii", 80, 24, nil, true),
        ("region-200x60", 200, 60, nil, false), ("region-200x60-ascii", 200, 60, nil, true),
        ("kz-east-80x24", 80, 24, "KZ-EAST", false), ("kz-east-80x24-ascii", 80, 24, "KZ-EAST", true),
        ("tj-gbao-200x60", 200, 60, "TJ-GBAO", false), ("tj-gbao-200x60-ascii", 200, 60, "TJ-GBAO", true),
    ]

    @Test(arguments: 0..<cases.count)
    func golden(_ i: Int) {
        let c = GoldenTests.cases[i]
        let size = Size(width: c.w, height: c.h)
        var v = Viewport.region(size: size)
        let data = sampleData()
        if let s = c.sector {
            var st = MapState(size: size, sector: s)
            st.fitSector(data)
            v = st.viewport
        }
        let (b, _) = renderMap(c.w, c.h, viewport: v, data: data, ascii: c.ascii)
        let text = b.lines().joined(separator: "\n") + "\n"
        if let diff = checkGolden(c.name + ".txt", text) { Issue.record(Comment(rawValue: diff)) }
    }

    /// The heat layer, once, at pane size.
    @Test func heatGolden() {
        var layers = MapLayers()
        layers.seizures = .heat
        let (b, _) = renderMap(80, 24, layers: layers, data: sampleData(seizures: 3000))
        if let diff = checkGolden("region-80x24-heat.txt", b.lines().joined(separator: "\n") + "\n") {
            Issue.record(Comment(rawValue: diff))
        }
    }
}

/// `SITCEN_MAP_SCREENSHOT=path swift test --filter SitcenMapTests` writes the 200×60 map with its
/// legend as ANSI text (256 colours) for `scripts/ansi2png.py`, which makes Docs/map.png.
@Suite struct ScreenshotExport {
    @Test func writeANSIScreenshot() throws {
        guard let path = ProcessInfo.processInfo.environment["SITCEN_MAP_SCREENSHOT"], !path.isEmpty else { return }
        let size = Size(width: 200, height: 60)
        var b = Buffer(size: size)
        var r = MapRenderer(geo: sharedGeo)
        let legendRows = 3
        let area = Rect(x: 0, y: 0, width: size.width, height: size.height - legendRows)
        var layers = MapLayers()
        layers.heatBaseKg = 1
        r.render(into: &b, area: area, viewport: .region(size: area.size), layers: layers, data: sampleData(seizures: 2000),
                 theme: .builtIn, ascii: false)
        let legend = MapLegend.lines(layers: layers, theme: .builtIn, ascii: false)
        var row = size.height - legendRows
        var x = 1
        for l in legend.dropLast() {
            let w = l.reduce(0) { $0 + $1.width }
            if x + w > size.width - 1 { row += 1; x = 1 }
            x = b.put(l, x: x, y: row, maxWidth: size.width - 1 - x) + 3
        }
        b.put(MapLegend.credit, x: 1, y: size.height - 1, style: Theme.builtIn[.dim])
        try ansi(b).write(toFile: path, atomically: true, encoding: .utf8)
    }

    func ansi(_ b: Buffer) -> String {
        func code(_ c: Color, fg: Bool) -> String {
            let i = c.index(for: .c256)
            return i < 0 ? (fg ? "39" : "49") : (fg ? "38;5;\(i)" : "48;5;\(i)")
        }
        var out = ""
        for y in 0..<b.height {
            var last: Style? = nil
            for x in 0..<b.width {
                let c = b[x, y]
                if c.isContinuation { continue }
                if c.style != last {
                    var parts = ["0", code(c.style.fg, fg: true), code(c.style.bg, fg: false)]
                    if c.style.attrs.contains(.bold) { parts.append("1") }
                    if c.style.attrs.contains(.dim) { parts.append("2") }
                    if c.style.attrs.contains(.italic) { parts.append("3") }
                    if c.style.attrs.contains(.reverse) { parts.append("7") }
                    out += "\u{1B}[" + parts.joined(separator: ";") + "m"
                    last = c.style
                }
                out.append(c.char)
            }
            out += "\u{1B}[0m\n"
        }
        return out
    }
}
