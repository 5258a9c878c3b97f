/// A run of changed cells in one row: what a renderer has to write.
public struct Change: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]
    public init(x: Int, y: Int, cells: [Cell]) { self.x = x; self.y = y; self.cells = cells }
}

extension Buffer {
    /// The changes that turn `old` into `new`, as runs of cells per row, left to right and top to
    /// bottom. Identical buffers give no changes. If the sizes differ, every row is a change.
    /// A run never starts on the second half of a wide character, nor ends on its first half.
    /// Unchanged gaps of up to `joinGap` cells between two changes are folded into one run
    /// (rewriting a few cells costs less than moving the cursor).
    public static func diff(_ old: Buffer, _ new: Buffer, joinGap: Int = 3) -> [Change] {
        let w = new.width, h = new.height
        if old.width != w || old.height != h {
            return (0..<h).map { y in Change(x: 0, y: y, cells: Array(new.cells[(y * w)..<((y + 1) * w)])) }
        }
        var out: [Change] = []
        old.cells.withUnsafeBufferPointer { o in
            new.cells.withUnsafeBufferPointer { n in
                for y in 0..<h {
                    let row = y * w
                    var x = 0
                    while x < w {
                        if o[row + x] == n[row + x] { x += 1; continue }
                        var start = x
                        if n[row + start].width == 0 && start > 0 { start -= 1 }
                        var end = x + 1      // exclusive
                        var gap = 0
                        var i = end
                        while i < w {
                            if o[row + i] == n[row + i] {
                                gap += 1
                                if gap > joinGap { break }
                            } else {
                                gap = 0
                                end = i + 1
                            }
                            i += 1
                        }
                        if end < w && n[row + end - 1].width == 2 { end += 1 }
                        out.append(Change(x: start, y: y, cells: Array(n[(row + start)..<(row + end)])))
                        x = end
                    }
                }
            }
        }
        return out
    }

    /// The whole buffer as changes (a full redraw).
    public var allChanges: [Change] {
        (0..<height).map { y in Change(x: 0, y: y, cells: Array(cells[(y * width)..<((y + 1) * width)])) }
    }
}
