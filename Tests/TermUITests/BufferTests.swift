import Testing
@testable import TermUI

@Suite("Buffer and cells")
struct BufferTests {
    @Test func asciiIsWrittenAndClipped() {
        var b = Buffer(width: 10, height: 2)
        let end = b.put("hello world", x: 2, y: 0)
        #expect(end == 10)
        #expect(b.lines() == ["  hello wo", "          "])
        #expect(b.put("x", x: 0, y: 5) == 0)      // off the buffer: nothing, no crash
        #expect(b.put("abc", x: -1, y: 1) == 2)   // starts left of the buffer: clipped
        #expect(b.line(1) == "bc        ")
    }

    @Test func maxWidthLimitsAPane() {
        var b = Buffer(width: 10, height: 1)
        b.put("abcdefgh", x: 1, y: 0, maxWidth: 3)
        #expect(b.line(0) == " abc      ")
    }

    @Test func cyrillicIsOneColumnPerLetter() {
        var b = Buffer(width: 8, height: 1)
        let end = b.put("Хоргос", x: 0, y: 0)
        #expect(end == 6)
        #expect(b.line(0) == "Хоргос  ")
        #expect(b[0, 0].width == 1 && b[5, 0].char == "с")
    }

    @Test func brailleIsOneColumn() {
        var b = Buffer(width: 4, height: 1)
        #expect(b.put("⣿⡇⣀⣤", x: 0, y: 0) == 4)
        #expect(b.line(0) == "⣿⡇⣀⣤")
    }

    @Test func combiningMarksStayWithTheirLetter() {
        var b = Buffer(width: 5, height: 1)
        // й written as и + U+0306, and é as e + U+0301: one column each.
        #expect(b.put("и\u{306}e\u{301}x", x: 0, y: 0) == 3)
        #expect(b[0, 0].char == "и\u{306}")
        #expect(b[2, 0].char == "x")
        // A lone combining mark gets a base instead of vanishing or breaking the row.
        var c = Buffer(width: 3, height: 1)
        #expect(c.put("\u{301}a", x: 0, y: 0) == 2)
        #expect(c[1, 0].char == "a")
    }

    @Test func wideCharactersTakeTwoCells() {
        var b = Buffer(width: 6, height: 1)
        #expect(b.put("霍尔x", x: 0, y: 0) == 5)
        #expect(b[0, 0].width == 2 && b[1, 0].isContinuation)
        #expect(b[2, 0].char == "尔" && b[3, 0].isContinuation)
        #expect(b.line(0) == "霍尔x ")
    }

    @Test func wideCharacterAtTheRightEdgeIsNeverCut() {
        // CJK at the last column of the buffer: a space instead of half a character.
        var b = Buffer(width: 5, height: 1)
        b.put("ab霍尔", x: 0, y: 0)
        #expect(b.line(0) == "ab霍 ")
        #expect(!b[4, 0].isContinuation && b[4, 0].char == " ")
        // …and at a pane's right edge inside the buffer.
        var p = Buffer(width: 10, height: 1)
        p.put("||||||||||", x: 0, y: 0)
        p.put("a霍尔", x: 2, y: 0, maxWidth: 4)
        #expect(p.line(0) == "||a霍 ||||")
        // A wide character exactly at the last column.
        var e = Buffer(width: 3, height: 1)
        e.put("霍", x: 2, y: 0)
        #expect(e.line(0) == "   ")
        #expect(e.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var b = Buffer(width: 4, height: 1)
        b.put("霍尔", x: 0, y: 0)
        b.put("x", x: 1, y: 0)      // over the second half of 霍
        #expect(b.line(0) == " x尔")
        b.put("y", x: 2, y: 0)      // over the first half of 尔
        #expect(b.line(0) == " xy ")
        #expect(b.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func hostileTextNeverReachesACellRaw() {
        let hostile = ["\u{1B}[2J", "\u{1B}]0;pwned\u{07}", "abc\u{202E}def", "lone\rCR", "tab\there", "nul\u{0}",
                       "c1 \u{9B}31m", "zw\u{200B}j\u{200D}", "bom\u{FEFF}", "del\u{7F}", "\r\n", "\u{1B}"]
        for h in hostile {
            var b = Buffer(width: 40, height: 1)
            b.put(h, x: 0, y: 0)
            #expect(b.dangerousScalars.isEmpty, "raw control in cells for \(h.debugDescription)")
        }
        var b = Buffer(width: 30, height: 1)
        b.put("\u{1B}[2J \u{202E} \r", x: 0, y: 0)
        #expect(b.line(0).hasPrefix("␛[2J ⟨U+202E⟩ ␍"))
        // Cells built directly are made safe too.
        #expect(Cell("\u{1B}").char == "␛")
        var c = Buffer(width: 3, height: 1)
        c.set(x: 0, y: 0, "\r")
        c.fill(Rect(x: 1, y: 0, width: 2, height: 1), char: "\u{7}")
        #expect(c.dangerousScalars.isEmpty)
    }

    @Test func spansAndAlignment() {
        var b = Buffer(width: 12, height: 3)
        b.put([Span("ab", Style(fg: .red)), Span("вг", Style(fg: .blue))], x: 1, y: 0)
        #expect(b.line(0) == " abвг       ")
        #expect(b[3, 0].style.fg == .blue)
        b.put("right", in: Rect(x: 0, y: 1, width: 12, height: 1), align: .right)
        b.put("mid", in: Rect(x: 0, y: 2, width: 12, height: 1), align: .center)
        #expect(b.line(1) == "       right")
        #expect(b.line(2) == "    mid     ")
        var t = Buffer(width: 6, height: 1)
        t.put("too long text", in: t.area)
        #expect(t.line(0) == "too l…")
    }

    @Test func fillStyleAndBlit() {
        var b = Buffer(width: 5, height: 3)
        b.fill(Rect(x: 1, y: 1, width: 10, height: 10), char: "#")
        #expect(b.lines() == ["     ", " ####", " ####"])
        b.setStyle(Rect(x: 0, y: 0, width: 1, height: 1), Style(attrs: .bold))
        #expect(b[0, 0].style.attrs == .bold)
        var small = Buffer(width: 2, height: 1)
        small.put("霍", x: 0, y: 0)
        b.blit(small, x: 4, y: 0)   // does not fit: a space, not half a character
        #expect(b.line(0) == "     ")
        b.blit(small, x: 0, y: 2)
        #expect(b.line(2) == "霍###")
    }

    @Test func zeroAndTinyBuffersNeverCrash() {
        var z = Buffer(width: 0, height: 0)
        z.put("abc", x: 0, y: 0)
        z.fill(Rect(x: 0, y: 0, width: 5, height: 5))
        #expect(z.lines().isEmpty)
        var one = Buffer(width: 1, height: 1)
        one.put("霍", x: 0, y: 0)
        #expect(one.line(0) == " ")
        #expect(Buffer(width: -3, height: 2).size == Size(width: 0, height: 2))
    }

    @Test func geometry() {
        let r = Rect(x: 0, y: 0, width: 100, height: 30)
        #expect(r.splitVertically([.fixed(1), .flex(1), .fixed(1)]).map(\.height) == [1, 28, 1])
        #expect(r.splitHorizontally([.percent(60), .flex(1)]).map(\.width) == [60, 40])
        #expect(Constraint.solve([.fixed(10), .fixed(10)], total: 15) == [10, 5])
        #expect(Rect(x: 0, y: 0, width: 10, height: 10).centered(width: 4, height: 2) == Rect(x: 3, y: 4, width: 4, height: 2))
        #expect(r.inset(by: 60).isEmpty)
    }
}
