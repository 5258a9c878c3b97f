/// A size in terminal cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = max(0, width); self.height = max(0, height) }
    public static let zero = Size(width: 0, height: 0)
    public var description: String { "\(width)×\(height)" }
    /// True if both sides are at least those of `other`.
    public func fits(_ other: Size) -> Bool { width >= other.width && height >= other.height }
}

/// A rectangle of cells: the area a widget draws into. Never negative in size.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public init(_ size: Size) { self.init(x: 0, y: 0, width: size.width, height: size.height) }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var size: Size { Size(width: width, height: height) }
    public var description: String { "(\(x),\(y) \(width)×\(height))" }

    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }

    /// The overlap of two rectangles (empty if none).
    public func intersection(_ o: Rect) -> Rect {
        let nx = max(x, o.x), ny = max(y, o.y)
        return Rect(x: nx, y: ny, width: min(maxX, o.maxX) - nx, height: min(maxY, o.maxY) - ny)
    }

    /// Shrunk by `by` cells on every side.
    public func inset(by n: Int) -> Rect { inset(top: n, left: n, bottom: n, right: n) }
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    /// A rectangle of `size` centred in this one (clipped to it).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width), ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// One row of this rectangle (row 0 is the top).
    public func row(_ i: Int) -> Rect { Rect(x: x, y: y + i, width: width, height: i >= 0 && i < height ? 1 : 0) }

    /// Split top to bottom by `constraints`.
    public func splitVertically(_ constraints: [Constraint]) -> [Rect] {
        let sizes = Constraint.solve(constraints, total: height)
        var out: [Rect] = [], at = y
        for s in sizes { out.append(Rect(x: x, y: at, width: width, height: s)); at += s }
        return out
    }

    /// Split left to right by `constraints`.
    public func splitHorizontally(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        let gaps = max(0, constraints.count - 1) * spacing
        let sizes = Constraint.solve(constraints, total: max(0, width - gaps))
        var out: [Rect] = [], at = x
        for s in sizes { out.append(Rect(x: at, y: y, width: s, height: height)); at += s + spacing }
        return out
    }
}

/// How a split gives out space: fixed cells first, then percentages of the total, then what is
/// left to the flexible parts by weight. Sizes never go negative and never exceed the total.
public enum Constraint: Hashable, Sendable {
    case fixed(Int)
    case percent(Int)
    case flex(Int)
    /// Flexible with weight 1 and at least `min` cells while there is room.
    case min(Int)

    public static func solve(_ cs: [Constraint], total: Int) -> [Int] {
        var sizes = Array(repeating: 0, count: cs.count)
        var left = Swift.max(0, total)
        for (i, c) in cs.enumerated() {
            switch c {
            case .fixed(let n): sizes[i] = Swift.min(Swift.max(0, n), left); left -= sizes[i]
            default: break
            }
        }
        for (i, c) in cs.enumerated() {
            if case .percent(let p) = c {
                sizes[i] = Swift.min(left, Swift.max(0, total * p / 100)); left -= sizes[i]
            }
        }
        for (i, c) in cs.enumerated() {
            if case .min(let m) = c { sizes[i] = Swift.min(left, Swift.max(0, m)); left -= sizes[i] }
        }
        var weights: [(Int, Int)] = []
        for (i, c) in cs.enumerated() {
            switch c {
            case .flex(let w): weights.append((i, Swift.max(1, w)))
            case .min: weights.append((i, 1))
            default: break
            }
        }
        let sum = weights.reduce(0) { $0 + $1.1 }
        if sum > 0 && left > 0 {
            var given = 0
            for (k, (i, w)) in weights.enumerated() {
                let share = k == weights.count - 1 ? left - given : left * w / sum
                sizes[i] += share; given += share
            }
        }
        return sizes
    }
}

/// Horizontal alignment of text in a cell range.
public enum Alignment: String, Sendable, Hashable {
    case left, center, right
}
