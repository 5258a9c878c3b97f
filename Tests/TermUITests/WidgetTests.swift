import Testing
@testable import TermUI

struct Seizure: Sendable {
    var id: Int
    var post: String
    var kg: Double
}

let seizureColumns: [TableColumn<Seizure>] = [
    TableColumn("id", title: "#", width: .fixed(3), align: .right) { String($0.id) },
    TableColumn("post", title: "Post", width: .flex(1, min: 6)) { $0.post },
    TableColumn("kg", title: "kg", width: .fixed(5), align: .right) { String($0.kg) },
]

func seizures(_ ids: ClosedRange<Int>) -> [Seizure] {
    ids.map { Seizure(id: $0, post: ["Хоргос", "Достык", "Termez"][$0 % 3], kg: Double($0)) }
}

@Suite("Widgets")
struct WidgetTests {
    func renderTable(_ rows: [Seizure], _ state: TableState<Int>, width: Int = 24, height: Int = 6,
                     sort: (column: String, ascending: Bool)? = nil) -> Buffer {
        var b = Buffer(width: width, height: height)
        Table(columns: seizureColumns, rows: rows, id: \.id, sort: sort).render(into: &b, area: b.area, state: state, theme: plainTheme)
        return b
    }

    @Test func tableRendersHeaderRowsAndAlignment() {
        var st = TableState<Int>()
        st.sync(seizures(1...3).map(\.id))
        let b = renderTable(seizures(1...3), st, sort: (column: "post", ascending: false))
        #expect(b.lines(trimmingTrailingSpaces: true) == [
            "  # Post ▼            kg",
            "  1 Достык           1.0",
            "  2 Termez           2.0",
            "  3 Хоргос           3.0",
            "",
            "",
        ])
        #expect(st.selected == 1)
    }

    @Test func columnsAreChosenPerViewAndDroppedWhenNarrow() {
        #expect(ColumnWidth.layout([.fixed(3), .flex(1, min: 6), .fixed(5)], total: 24) == [3, 14, 5])
        #expect(ColumnWidth.layout([.fixed(3), .flex(1, min: 6), .fixed(5)], total: 12) == [3, 8, 0])
        #expect(ColumnWidth.layout([.fixed(3), .flex(2, min: 0), .flex(1, min: 0)], total: 13) == [3, 5, 3])
        let chosen = seizureColumns.choosing(["kg", "post"])
        #expect(chosen.map(\.id) == ["kg", "post"])
        var b = Buffer(width: 14, height: 2)
        var st = TableState<Int>()
        st.sync([1])
        Table(columns: chosen, rows: seizures(1...1), id: \.id).render(into: &b, area: b.area, state: st, theme: plainTheme)
        #expect(b.line(1) == "  1.0 Достык  ")
    }

    @Test func selectionStaysOnItsRowWhenRowsArriveAbove() {
        var rows = seizures(10...30)
        var st = TableState<Int>()
        st.sync(rows.map(\.id))
        st.setViewport(height: 5)
        st.move(by: 3)                     // select id 13, on screen row 4
        #expect(st.selected == 13)
        let before = renderTable(rows, st)
        let selectedLine = before.lines().firstIndex { $0.contains(" 13 ") }
        #expect(selectedLine == 4)
        // Five rows arrive at the top.
        rows.insert(contentsOf: seizures(1...5), at: 0)
        st.sync(rows.map(\.id))
        #expect(st.selected == 13)
        #expect(st.newAbove == 5)
        let after = renderTable(rows, st)
        #expect(after.lines().firstIndex { $0.contains(" 13 ") } == 4)
        #expect(after.line(0).hasSuffix(" 5 new ↑ "))
        // The rows below the header are the same rows as before.
        #expect(Array(after.lines().dropFirst()) == Array(before.lines().dropFirst()))
        // Moving still works from the held row; going to the top clears the marker.
        st.move(by: 1)
        #expect(st.selected == 14)
        st.selectFirst()
        #expect(st.selected == 1 && st.newAbove == 0)
        #expect(!renderTable(rows, st).contains("new ↑"))
    }

    @Test func selectionFallsToTheNeighbourWhenItsRowGoes() {
        var rows = seizures(1...6)
        var st = TableState<Int>()
        st.sync(rows.map(\.id))
        st.move(by: 2)
        #expect(st.selected == 3)
        rows.removeAll { $0.id == 3 }
        st.sync(rows.map(\.id))
        #expect(st.selected == 4)
        st.sync([])
        #expect(st.selectedIndex == nil)
        #expect(renderTable([], st).contains("No rows"))
    }

    @Test func tableKeepsSelectionVisible() {
        let rows = seizures(1...50)
        var st = TableState<Int>()
        st.sync(rows.map(\.id))
        st.setViewport(height: 5)
        for _ in 0..<7 { let used = st.handle(.char("j")); #expect(used) }
        #expect(st.selected == 8 && st.offset == 3)
        st.pageDown()
        #expect(st.selected == 12)
        _ = st.handle(.end)
        #expect(st.selected == 50 && st.offset == 45)
        #expect(renderTable(rows, st).contains(" 50 "))
    }

    @Test func wideCharactersAtTheLastColumnOfATable() {
        let rows = [Seizure(id: 1, post: "霍尔果斯口岸", kg: 1)]
        var st = TableState<Int>()
        st.sync([1])
        // Post column is 7 wide: 霍尔果 (6) and an ellipsis, never half of 斯.
        let b = renderTable(rows, st, width: 17, height: 2)
        #expect(b.line(1) == "  1 霍尔果…   1.0")
        var narrow = Buffer(width: 7, height: 1)
        narrow.put("霍尔果斯", in: narrow.area)
        #expect(narrow.line(0) == "霍尔果…")
    }

    @Test func listScrollsToTheSelection() {
        let items = (1...20).map { "item \($0)" }
        var st = ListState()
        st.setViewport(height: 4, count: items.count)
        for _ in 0..<6 { _ = st.handle(.down, count: items.count) }
        var b = Buffer(width: 10, height: 4)
        ListView(lines: items, focused: true).render(into: &b, area: b.area, state: st, theme: plainTheme)
        #expect(b.lines() == ["item 4   ↑", "item 5    ", "item 6    ", "item 7   ↓"])
    }

    @Test func wrappingByWordsAndWidth() {
        #expect(Wrap.lines("Хоргос — сухопутный пункт пропуска", width: 12) == ["Хоргос —", "сухопутный", "пункт", "пропуска"])
        #expect(Wrap.lines("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(Wrap.lines("霍尔果斯口岸", width: 5) == ["霍尔", "果斯", "口岸"])
        #expect(Wrap.lines("one\ntwo\r\nthree", width: 10) == ["one", "two", "three"])
        #expect(Wrap.lines("lone\rCR \u{1B}[2J", width: 40) == ["lone␍CR ␛[2J"])
        #expect(Wrap.lines("x", width: 0).isEmpty)
        for l in Wrap.lines(String(repeating: "Хоргос 霍尔 ⣿⡇ ", count: 20), width: 9) { #expect(l.displayWidth <= 9) }
    }

    @Test func textAndDetailsPanels() {
        var b = Buffer(width: 20, height: 3)
        TextPanel("Героин изъят на посту Хоргос, 12 кг").render(into: &b, area: b.area, theme: plainTheme)
        #expect(b.lines(trimmingTrailingSpaces: true) == ["Героин изъят на", "посту Хоргос, 12 кг", ""])
        var d = Buffer(width: 24, height: 4)
        DetailsPanel([.init("Post", "Хоргос"), .init("Note", "lone\rCR and more words")]).render(into: &d, area: d.area, theme: plainTheme)
        #expect(d.lines(trimmingTrailingSpaces: true) == ["Post: Хоргос", "Note: lone␍CR and more", "      words", ""])
    }

    @Test func statusBarAndTabs() {
        var b = Buffer(width: 30, height: 2)
        StatusBar(left: [Span("Reports")], right: [Span("q quit")]).render(into: &b, area: b.area.row(0), theme: plainTheme)
        #expect(b.line(0) == " Reports               q quit ")
        Tabs(["Отчёты", "Posts"], selected: 1).render(into: &b, area: b.area.row(1), theme: plainTheme)
        #expect(b.line(1).hasPrefix(" Отчёты │ Posts "))
        var narrow = Buffer(width: 10, height: 1)
        StatusBar(left: [Span("a long left part")], right: [Span("right")]).render(into: &narrow, area: narrow.area, theme: plainTheme)
        #expect(narrow.line(0) == " a  right ")
    }

    @Test func sparklineAndBarChart() {
        var b = Buffer(width: 8, height: 1)
        Sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8]).render(into: &b, area: b.area, theme: plainTheme)
        #expect(b.line(0) == "▁▂▃▄▅▆▇█")
        var z = Buffer(width: 4, height: 1)
        Sparkline([0, 0, 4, 8]).render(into: &z, area: z.area, theme: plainTheme)
        #expect(z.line(0) == "  ▄█")
        var tall = Buffer(width: 2, height: 2)
        Sparkline([8, 16]).render(into: &tall, area: tall.area, theme: plainTheme)
        #expect(tall.lines() == [" █", "██"])
        var c = Buffer(width: 20, height: 2)
        BarChart([.init("героин", 10), .init("nps", 5)]).render(into: &c, area: c.area, theme: plainTheme)
        #expect(c.lines(trimmingTrailingSpaces: true) == ["героин ██████████ 10", "nps    █████ 5"])
        #expect(BarChart.bar(1, top: 8, width: 1) == "▏")
        #expect(BarChart.bar(0, top: 8, width: 4) == "")
    }

    @Test func promptEditsCyrillicByCharacter() {
        var p = Prompt(prefix: "/")
        p.begin()
        for c in "Хорос" { #expect(p.handle(.char(c)) == .editing) }
        _ = p.handle(.left); _ = p.handle(.left)
        _ = p.handle(.char("г"))
        #expect(p.value == "Хоргос" && p.cursor == 4)
        _ = p.handle(.backspace)
        #expect(p.value == "Хорос")
        _ = p.handle(.home); _ = p.handle(.delete)
        #expect(p.value == "орос")
        _ = p.handle(.end); _ = p.handle(.char(" ")); _ = p.handle(.char("ж"))
        _ = p.handle(.ctrl("w"))
        #expect(p.value == "орос ")
        _ = p.handle(.ctrl("u"))
        #expect(p.value == "" && p.cursor == 0)
        // Keys decoded from UTF-8 input bytes type Cyrillic.
        for k in Key.decode(bytes: Array("героин".utf8)) { _ = p.handle(k) }
        #expect(p.handle(.enter) == .submitted("героин"))
        #expect(p.history == ["героин"])
    }

    @Test func promptHistoryAndRendering() {
        var p = Prompt(prefix: ":", history: ["first", "second"])
        p.begin("dra")
        _ = p.handle(.up)
        #expect(p.value == "second")
        _ = p.handle(.up); _ = p.handle(.up)
        #expect(p.value == "first")
        _ = p.handle(.down); _ = p.handle(.down)
        #expect(p.value == "dra")
        #expect(p.handle(.escape) == .cancelled)
        var b = Buffer(width: 10, height: 1)
        p.begin("Хоргос")
        p.render(into: &b, area: b.area, theme: plainTheme)
        #expect(b.line(0) == ":Хоргос   ")
        // A long entry scrolls so the cursor stays visible.
        p.begin("абвгдежзийклмн")
        p.render(into: &b, area: b.area, theme: plainTheme)
        #expect(b.line(0) == ":жзийклмн ")
        // A control character typed into the prompt shows as a picture.
        p.begin("a\u{1B}b")
        p.render(into: &b, area: b.area, theme: plainTheme)
        #expect(b.dangerousScalars.isEmpty && b.line(0).hasPrefix(":a␛b"))
    }

    @Test func modalConfirmation() {
        var m = ConfirmDialog(title: "Quit", message: "Quit sitcen?")
        #expect(m.handle(.enter) == .cancelled)       // No is the default
        _ = m.handle(.left)
        #expect(m.handle(.enter) == .confirmed)
        var yes = ConfirmDialog(title: "Q", message: "?")
        #expect(yes.handle(.char("y")) == .confirmed)
        var b = Buffer(width: 40, height: 9)
        b.fill(b.area, char: ".")
        m.render(into: &b, area: b.area, theme: plainTheme)
        #expect(b.contains("Quit sitcen?"))
        #expect(b.contains("[ Yes ]  [ No ]"))
        #expect(b.contains("╭─ Quit"))
        var tiny = Buffer(width: 3, height: 2)
        m.render(into: &tiny, area: tiny.area, theme: plainTheme)
    }

    @Test func tooSmallScreenAtManySizes() {
        let min = Size(width: 80, height: 24)
        let b = TooSmallScreen.render(size: Size(width: 60, height: 20), minimum: min, theme: plainTheme)
        #expect(b.contains("Terminal too small"))
        #expect(b.contains("now 60×20, needs at least 80×24"))
        let pos = b.find("Terminal too small")!
        #expect(pos.y >= 8 && pos.y <= 10 && pos.x == (60 - 18) / 2)
        for (w, h) in [(0, 0), (1, 1), (0, 5), (5, 0), (2, 1), (10, 3), (30, 2), (79, 24), (80, 23)] {
            let t = TooSmallScreen.render(size: Size(width: w, height: h), minimum: min, theme: plainTheme)
            #expect(t.size == Size(width: w, height: h))
        }
        #expect(TooSmallScreen.render(size: Size(width: 40, height: 10), minimum: min, theme: plainTheme).contains("needs at least"))
    }
}
