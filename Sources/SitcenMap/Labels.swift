import SitcenText

/// Places labels in priority order so that no two overlap (with a one-cell gap between labels
/// on a row) and none covers a symbol: each label tries a few positions around its anchor and
/// is skipped when none fits.
struct LabelPlacer {
    enum Occupant: UInt8 { case free = 0, label = 1, symbol = 2 }
    let width: Int, height: Int
    private(set) var grid: [UInt8]

    init(width: Int, height: Int) {
        self.width = width; self.height = height
        grid = Array(repeating: 0, count: max(0, width * height))
    }

    func isFree(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height && grid[y * width + x] == 0
    }

    func isSymbol(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height && grid[y * width + x] == Occupant.symbol.rawValue
    }

    /// Marks a symbol's cell (a label may never cover it).
    mutating func reserveSymbol(_ x: Int, _ y: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        grid[y * width + x] = Occupant.symbol.rawValue
    }

    /// True if a label of `w` columns fits at (x, y): inside the pane, on free cells, and not
    /// touching another label on its row.
    func fits(x: Int, y: Int, w: Int) -> Bool {
        guard w > 0, y >= 0, y < height, x >= 0, x + w <= width else { return false }
        let row = y * width
        for c in x..<(x + w) where grid[row + c] != 0 { return false }
        if x > 0, grid[row + x - 1] == Occupant.label.rawValue { return false }
        if x + w < width, grid[row + x + w] == Occupant.label.rawValue { return false }
        return true
    }

    mutating func clear(_ x: Int, _ y: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        grid[y * width + x] = Occupant.free.rawValue
    }

    mutating func take(x: Int, y: Int, w: Int) {
        let row = y * width
        for c in x..<(x + w) { grid[row + c] = Occupant.label.rawValue }
    }

    /// Positions to try for a label of width `w` beside a symbol at (ax, ay): right, left,
    /// above, below, then the diagonals.
    static func besideSymbol(ax: Int, ay: Int, w: Int) -> [(Int, Int)] {
        [(ax + 2, ay), (ax - 1 - w, ay), (ax - w / 2, ay - 1), (ax - w / 2, ay + 1),
         (ax + 1, ay - 1), (ax + 1, ay + 1), (ax - w, ay - 1), (ax - w, ay + 1)]
    }

    /// Positions to try for a label centred on a point (countries, seas).
    static func centred(ax: Int, ay: Int, w: Int) -> [(Int, Int)] {
        let x = ax - w / 2
        return [(x, ay), (x, ay - 1), (x, ay + 1), (x, ay - 2), (x, ay + 2), (x - 2, ay), (x + 2, ay)]
    }

    /// Places `text` at the first position that fits; returns where, or nil.
    mutating func place(_ text: String, at positions: [(Int, Int)]) -> (x: Int, y: Int, w: Int)? {
        let w = text.displayWidth
        for (x, y) in positions where fits(x: x, y: y, w: w) {
            take(x: x, y: y, w: w)
            return (x, y, w)
        }
        return nil
    }
}
