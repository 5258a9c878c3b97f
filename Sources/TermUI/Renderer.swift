/// Something that shows buffers: each `draw` sends only what changed since the last one.
public protocol Renderer: AnyObject {
    /// The size of the screen, for the next view.
    var size: Size { get }
    /// Shows `buffer`. Writes nothing if it equals the last buffer drawn.
    func draw(_ buffer: Buffer)
    /// Forgets what is on the screen, so the next `draw` repaints everything.
    func invalidate()
}

/// Turns buffers into the bytes a VT100/xterm terminal would receive: cursor moves, SGR colour
/// and attribute changes, UTF-8 text. Used by the benchmark to count bytes, by tests, and usable
/// as a renderer to any byte sink (a file descriptor, a pipe).
public final class AnsiRenderer: Renderer {
    public private(set) var size: Size
    public var depth: ColorDepth
    /// Where the bytes go; by default they are kept in `output`.
    public var sink: (([UInt8]) -> Void)?
    /// Bytes produced so far (when there is no sink), and their total count.
    public private(set) var output: [UInt8] = []
    public private(set) var bytesWritten = 0
    private var previous: Buffer?
    private var current: Style?
    private var cursor: (x: Int, y: Int)?

    public init(size: Size, depth: ColorDepth = .c256, sink: (([UInt8]) -> Void)? = nil) {
        self.size = size; self.depth = depth; self.sink = sink
    }

    public func resize(_ size: Size) { self.size = size; invalidate() }
    public func invalidate() { previous = nil; cursor = nil; current = nil }
    public func resetOutput() { output.removeAll(keepingCapacity: true) }

    public func draw(_ buffer: Buffer) {
        var bytes: [UInt8] = []
        if let previous, previous.size == buffer.size {
            let changes = Buffer.diff(previous, buffer)
            if changes.isEmpty { return }
            encode(changes, into: &bytes)
        } else {
            bytes.append(contentsOf: Array("\u{1B}[0m\u{1B}[2J".utf8))
            current = .plain; cursor = nil
            encode(buffer.allChanges, into: &bytes)
        }
        previous = buffer
        bytesWritten += bytes.count
        if let sink { sink(bytes) } else { output.append(contentsOf: bytes) }
    }

    /// The bytes for `changes` (appended to `bytes`), tracking cursor and style.
    public func encode(_ changes: [Change], into bytes: inout [UInt8]) {
        for ch in changes {
            if cursor == nil || cursor! != (ch.x, ch.y) {
                bytes.append(0x1B); bytes.append(0x5B)   // ESC [
                appendNumber(ch.y + 1, &bytes); bytes.append(0x3B)
                appendNumber(ch.x + 1, &bytes); bytes.append(0x48)   // H
            }
            var x = ch.x
            for cell in ch.cells where !cell.isContinuation {
                if current != cell.style { sgr(cell.style, &bytes); current = cell.style }
                bytes.append(contentsOf: cell.char.utf8)
                x += Int(cell.width)
            }
            cursor = (x, ch.y)
        }
    }

    private func sgr(_ s: Style, _ b: inout [UInt8]) {
        b.append(0x1B); b.append(0x5B); b.append(0x30)   // ESC [ 0
        let a = s.attrs
        if a.contains(.bold) { b.append(contentsOf: [0x3B, 0x31]) }
        if a.contains(.dim) { b.append(contentsOf: [0x3B, 0x32]) }
        if a.contains(.italic) { b.append(contentsOf: [0x3B, 0x33]) }
        if a.contains(.underline) { b.append(contentsOf: [0x3B, 0x34]) }
        if a.contains(.blink) { b.append(contentsOf: [0x3B, 0x35]) }
        if a.contains(.reverse) { b.append(contentsOf: [0x3B, 0x37]) }
        color(s.fg.index(for: depth), base: 30, bright: 90, ext: 38, &b)
        color(s.bg.index(for: depth), base: 40, bright: 100, ext: 48, &b)
        b.append(0x6D)   // m
    }

    private func color(_ i: Int, base: Int, bright: Int, ext: Int, _ b: inout [UInt8]) {
        guard i >= 0 else { return }
        b.append(0x3B)
        if i < 8 { appendNumber(base + i, &b) } else if i < 16 { appendNumber(bright + i - 8, &b) } else {
            appendNumber(ext, &b); b.append(contentsOf: [0x3B, 0x35, 0x3B]); appendNumber(i, &b)
        }
    }

    private func appendNumber(_ n: Int, _ b: inout [UInt8]) {
        if n >= 10 { appendNumber(n / 10, &b) }
        b.append(UInt8(0x30 + n % 10))
    }
}

/// A renderer that only remembers: for tests of a program loop without a terminal.
public final class MemoryRenderer: Renderer {
    public var size: Size
    public private(set) var last: Buffer?
    /// How many draws actually changed something (and would have written to a terminal).
    public private(set) var writes = 0
    public private(set) var draws = 0
    public init(size: Size) { self.size = size }
    public func draw(_ buffer: Buffer) {
        draws += 1
        if let last, last == buffer { return }
        writes += 1
        last = buffer
    }
    public func invalidate() { last = nil }
}
