import Testing
@testable import TermUI

@Suite("Diff and renderers")
struct DiffTests {
    func sample(_ w: Int = 40, _ h: Int = 10) -> Buffer {
        var b = Buffer(width: w, height: h)
        for y in 0..<h { b.put("row \(y) Хоргос ⣿⡇ 霍尔果斯", x: 0, y: y, style: Style(fg: .indexed(UInt8(y)))) }
        return b
    }

    @Test func identicalBuffersHaveNoChanges() {
        #expect(Buffer.diff(sample(), sample()).isEmpty)
        #expect(Buffer.diff(Buffer(width: 0, height: 0), Buffer(width: 0, height: 0)).isEmpty)
    }

    @Test func oneChangedCellIsOneRun() {
        let a = sample()
        var b = a
        b.put("X", x: 3, y: 4, style: Style(fg: .indexed(4)))
        let d = Buffer.diff(a, b)
        #expect(d.count == 1)
        #expect(d[0].x == 3 && d[0].y == 4 && d[0].cells.count == 1 && d[0].cells[0].char == "X")
    }

    @Test func styleOnlyChangeIsAChange() {
        let a = sample()
        var b = a
        b.setStyle(Rect(x: 0, y: 0, width: 2, height: 1), Style(attrs: .reverse))
        #expect(Buffer.diff(a, b).map(\.cells.count) == [2])
    }

    @Test func nearbyChangesAreJoinedFarOnesAreNot() {
        let a = Buffer(width: 30, height: 1)
        var b = a
        b.put("a", x: 1, y: 0); b.put("b", x: 4, y: 0); b.put("c", x: 20, y: 0)
        let d = Buffer.diff(a, b)
        #expect(d.map(\.x) == [1, 20])
        #expect(d[0].cells.count == 4)
    }

    @Test func runsKeepWideCharactersWhole() {
        var a = Buffer(width: 10, height: 1)
        a.put("ab霍尔", x: 0, y: 0)
        var b = a
        b.put("x", x: 3, y: 0)   // the second half of 霍: 霍 becomes a space
        for ch in Buffer.diff(a, b) { #expect(!ch.cells[0].isContinuation) }
        // Applying the diff to the old buffer gives the new one.
        var applied = a
        for ch in Buffer.diff(a, b) {
            var x = ch.x
            for c in ch.cells { applied.setCell(x, ch.y, c); x += 1 }
        }
        #expect(applied == b)
    }

    @Test func differentSizesRedrawEverything() {
        let d = Buffer.diff(sample(40, 10), sample(30, 5))
        #expect(d.count == 5 && d.allSatisfy { $0.x == 0 && $0.cells.count == 30 })
    }

    @Test func ansiRendererWritesNothingWhenNothingChanged() {
        let r = AnsiRenderer(size: Size(width: 40, height: 10))
        r.draw(sample())
        let full = r.bytesWritten
        #expect(full > 400)
        r.draw(sample())
        #expect(r.bytesWritten == full)
        var changed = sample()
        changed.put("CHANGED", x: 0, y: 3)
        r.draw(changed)
        let one = r.bytesWritten - full
        #expect(one > 0 && one < full / 5)
    }

    @Test func ansiOutputHasOnlyTheRenderersOwnEscapes() {
        var b = Buffer(width: 40, height: 2)
        b.put("\u{1B}[2J\u{1B}]0;x\u{07} \u{202E} lone\r", x: 0, y: 0, style: Style(fg: .red, attrs: .bold))
        let r = AnsiRenderer(size: b.size)
        r.draw(b)
        let s = String(decoding: r.output, as: UTF8.self)
        // Every ESC starts a CSI made of digits and ; ending in H, J or m.
        var rest = Substring(s)
        while let i = rest.firstIndex(of: "\u{1B}") {
            rest = rest[rest.index(after: i)...]
            #expect(rest.first == "[")
            let body = rest.dropFirst().prefix { $0.isNumber || $0 == ";" }
            let final = rest.dropFirst(1 + body.count).first
            #expect(final == "H" || final == "m" || final == "J")
        }
        #expect(!s.contains("\r") && !s.contains("\u{07}") && !s.contains("\u{202E}"))
        #expect(s.contains("␛[2J"))
    }

    @Test func colourFallbacks() {
        #expect(Color.indexed(196).index(for: .c256) == 196)
        #expect(Color.indexed(196).index(for: .c16) == 9)       // bright red
        #expect(Color.indexed(196).index(for: .c8) == 1)        // red
        #expect(Color.brightBlue.index(for: .c8) == 4)
        #expect(Color.rgb(255, 0, 0).index(for: .c256) == 196)
        #expect(Color.rgb(128, 128, 128).index(for: .c256) >= 232)
        #expect(Color.indexed(81).index(for: .none) == -1)
        #expect(Color.default.index(for: .c256) == -1)
        #expect(ColorDepth(colors: 256) == .c256 && ColorDepth(colors: 16) == .c16 && ColorDepth(colors: 8) == .c8 && ColorDepth(colors: 0) == .none)
    }

    @Test func memoryRendererCountsOnlyRealWrites() {
        let m = MemoryRenderer(size: Size(width: 10, height: 2))
        m.draw(Buffer(width: 10, height: 2))
        m.draw(Buffer(width: 10, height: 2))
        #expect(m.draws == 2 && m.writes == 1)
    }
}
