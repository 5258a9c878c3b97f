/// A braille dot raster the size of a map pane: per cell the 8 dot bits (U+2800 + bits), the
/// ink (palette index of the dots' colour: the last layer drawn in a cell wins) and the fill
/// (palette index of the background: land by country, water). Drawing never allocates.
struct DotCanvas: Sendable {
    let width: Int, height: Int
    let dotsWide: Int, dotsHigh: Int
    var mask: [UInt8]
    var ink: [UInt8]
    var fill: [UInt8]
    /// 1 where the cell is water (for the faint water texture and ASCII `~`).
    var water: [UInt8]
    /// Which feature a cell's centre lies in: country index, or the country count plus a water
    /// index; 255 for none. For labels of countries whose anchor is off the pane.
    var area: [UInt8]

    init(width: Int, height: Int) {
        self.width = max(0, width); self.height = max(0, height)
        dotsWide = self.width * 2; dotsHigh = self.height * 4
        let n = self.width * self.height
        mask = Array(repeating: 0, count: n); ink = mask; fill = mask; water = mask
        area = Array(repeating: 255, count: n)
    }

    /// Bit of dot (column c, row r) of a cell, as braille numbers them.
    static let bits: [UInt8] = [0x01, 0x08, 0x02, 0x10, 0x04, 0x20, 0x40, 0x80]  // index r * 2 + c

    @inline(__always) mutating func dot(_ x: Int, _ y: Int, _ color: UInt8) {
        guard x >= 0, y >= 0, x < dotsWide, y < dotsHigh else { return }
        let i = (y >> 2) * width + (x >> 1)
        mask[i] |= DotCanvas.bits[(y & 3) << 1 | (x & 1)]
        ink[i] = color
    }

    /// A line between two points in continuous dot coordinates, clipped to the pane
    /// (Liang–Barsky), then drawn with Bresenham. `dash` leaves every third dot out.
    mutating func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ color: UInt8, dash: Bool = false) {
        var t0 = 0.0, t1 = 1.0
        let dx = x1 - x0, dy = y1 - y0
        let maxX = Double(dotsWide) - 1e-6, maxY = Double(dotsHigh) - 1e-6
        func clip(_ p: Double, _ q: Double) -> Bool {
            if p == 0 { return q >= 0 }
            let r = q / p
            if p < 0 { if r > t1 { return false }; if r > t0 { t0 = r } } else { if r < t0 { return false }; if r < t1 { t1 = r } }
            return true
        }
        guard clip(-dx, x0), clip(dx, maxX - x0), clip(-dy, y0), clip(dy, maxY - y0) else { return }
        var ax = Int((x0 + t0 * dx).rounded(.down)), ay = Int((y0 + t0 * dy).rounded(.down))
        let bx = Int((x0 + t1 * dx).rounded(.down)), by = Int((y0 + t1 * dy).rounded(.down))
        let sx = ax < bx ? 1 : -1, sy = ay < by ? 1 : -1
        let ddx = abs(bx - ax), ddy = -abs(by - ay)
        var err = ddx + ddy
        var n = 0
        while true {
            if !dash || n % 3 != 2 { dot(ax, ay, color) }
            n += 1
            if ax == bx && ay == by { break }
            let e2 = 2 * err
            if e2 >= ddy { err += ddy; ax += sx }
            if e2 <= ddx { err += ddx; ay += sy }
        }
    }

    /// Calls `span(row, firstColumn, lastColumn)` for each run of cells whose centres lie inside
    /// rings `rings` of `shape` (even-odd, so holes stay out). Scanline over cell rows.
    func scanCells(_ shape: ProjectedRings, rings: Range<Int>, xs: inout [Double], _ span: (Int, Int, Int) -> Void) {
        guard width > 0, height > 0 else { return }
        var minY = Double.infinity, maxY = -Double.infinity
        for r in rings { minY = min(minY, shape.minY[r]); maxY = max(maxY, shape.maxY[r]) }
        let firstRow = max(0, Int(((minY - 2) / 4).rounded(.up))), lastRow = min(height - 1, Int(((maxY - 2) / 4).rounded(.down)))
        guard firstRow <= lastRow else { return }
        for row in firstRow...lastRow {
            let y = Double(row * 4 + 2)
            xs.removeAll(keepingCapacity: true)
            for r in rings where shape.minY[r] <= y && shape.maxY[r] >= y {
                let s = shape.start[r], e = shape.start[r + 1]
                var j = e - 1
                for k in s..<e {
                    let yk = shape.y[k], yj = shape.y[j]
                    if (yk > y) != (yj > y) { xs.append((shape.x[j] - shape.x[k]) * (y - yk) / (yj - yk) + shape.x[k]) }
                    j = k
                }
            }
            guard xs.count >= 2 else { continue }
            xs.sort()
            var k = 0
            while k + 1 < xs.count {
                // Cells whose centre x (2c + 1) lies in [xs[k], xs[k+1]).
                let c0 = max(0, Int(((xs[k] - 1) / 2).rounded(.up))), c1 = min(width - 1, Int(((xs[k + 1] - 1) / 2).rounded(.up)) - 1)
                if c0 <= c1 { span(row, c0, c1) }
                k += 2
            }
        }
    }

    /// Fills a feature's cells: its fill colour (0 leaves the fill), its water flag, its area id.
    mutating func fillCells(_ shape: ProjectedRings, rings: Range<Int>, color: UInt8, isWater: Bool, area: UInt8, xs: inout [Double]) {
        let w = width
        var fill = self.fill, water = self.water, areas = self.area
        self.fill = []; self.water = []; self.area = []
        scanCells(shape, rings: rings, xs: &xs) { row, c0, c1 in
            let base = row * w
            for c in c0...c1 {
                if color != 0 { fill[base + c] = color }
                water[base + c] = isWater ? 1 : 0
                areas[base + c] = area
            }
        }
        self.fill = fill; self.water = water; self.area = areas
    }

    /// Copies another canvas of the same size (the cached static layers).
    mutating func copy(from o: DotCanvas) {
        mask = o.mask; ink = o.ink; fill = o.fill; water = o.water; area = o.area
    }
}

/// Rings projected to dot coordinates for one viewport, with per-ring vertical extents.
struct ProjectedRings: Sendable {
    var x: [Double] = [], y: [Double] = []
    var start: [Int] = []
    var minX: [Double] = [], maxX: [Double] = [], minY: [Double] = [], maxY: [Double] = []

    init() {}

    init(_ rings: GeoRings, _ p: Projection) {
        x = rings.lon.map { p.x(lon: $0) }
        y = rings.lat.map { p.y(lat: $0) }
        start = rings.start
        minX.reserveCapacity(rings.count); maxX.reserveCapacity(rings.count)
        minY.reserveCapacity(rings.count); maxY.reserveCapacity(rings.count)
        for b in rings.box {
            minX.append(p.x(lon: b.minLon)); maxX.append(p.x(lon: b.maxLon))
            minY.append(p.y(lat: b.maxLat)); maxY.append(p.y(lat: b.minLat))
        }
    }

    /// True if ring `r`'s box touches a pane of `w` × `h` dots.
    func visible(_ r: Int, _ w: Int, _ h: Int) -> Bool {
        maxX[r] >= 0 && minX[r] < Double(w) && maxY[r] >= 0 && minY[r] < Double(h)
    }
}

/// Turning a cell's dot pattern into one ASCII character for terminals without braille.
enum AsciiDots {
    /// For each of the 256 patterns: ' ', '.', '-', '|', '/', '\' or '#'.
    static let table: [Character] = (0..<256).map { classify(UInt8($0)) }

    static func classify(_ m: UInt8) -> Character {
        if m == 0 { return " " }
        var rowsLeft: [Int] = [], rowsRight: [Int] = []
        for r in 0..<4 {
            if m & DotCanvas.bits[r * 2] != 0 { rowsLeft.append(r) }
            if m & DotCanvas.bits[r * 2 + 1] != 0 { rowsRight.append(r) }
        }
        let n = rowsLeft.count + rowsRight.count
        if n >= 6 { return "#" }
        let rows = Set(rowsLeft + rowsRight)
        if n == 1 { return "." }
        if rowsLeft.isEmpty || rowsRight.isEmpty { return rows.count >= 2 ? "|" : "." }
        if rows.count == 1 { return "-" }
        let ml = Double(rowsLeft.reduce(0, +)) / Double(rowsLeft.count)
        let mr = Double(rowsRight.reduce(0, +)) / Double(rowsRight.count)
        if ml + 0.75 <= mr { return "\\" }
        if mr + 0.75 <= ml { return "/" }
        return rows.count <= 2 ? "-" : "#"
    }
}
