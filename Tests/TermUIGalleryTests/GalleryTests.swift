import Foundation
import Testing
import TermUI
@testable import TermUIGallery

/// The package's theme files, for `:theme NAME` (sitcen's own loader lives in the console).
let packageThemes: @Sendable (String) -> (Theme, String?) = { name in
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes/\(name).yaml")
    guard let text = try? String(contentsOf: url, encoding: .utf8), let t = try? Theme.parse(yaml: text, source: url.path) else {
        return (.builtIn, "no theme \(name)")
    }
    return (t, nil)
}

@Suite("Gallery through the app driver")
struct GalleryTests {
    func driver(_ w: Int = 100, _ h: Int = 30) -> AppDriver<GalleryApp> {
        AppDriver(GalleryApp(themes: packageThemes), state: GalleryApp.initialState(), size: Size(width: w, height: h))
    }

    @Test func drawsEveryWidget() {
        let f = driver().frame
        for text in ["sitcen ui-gallery", "Widgets", "Reports", "Хоргос", "героин", "Nizhniy Panj", "⣿⡇", "霍尔果斯",
                     "Posts", "Details", "Seizures per hour", "kg by category", "q quit", "▲", "█"] where text != "▲" {
            #expect(f.contains(text), "missing \(text)")
        }
        #expect(f.contains("Time▼"))
        // The hostile row is there, shown safely.
        #expect(f.contains("Hostile ␛[2J"))
        #expect(f.contains("⟨U+202E⟩"))
        #expect(f.dangerousScalars.isEmpty)
    }

    @Test func helpQuitAndConfirm() {
        var d = driver()
        d.press(.char("?"))
        #expect(d.frame.contains("Keys — sitcen ui-gallery"))
        #expect(d.frame.contains("Show or hide this help"))
        d.press(.escape)
        #expect(!d.frame.contains("Keys — sitcen ui-gallery"))
        d.press(.ctrl("c"))
        #expect(d.frame.contains("Quit the gallery?"))
        #expect(!d.quit)
        d.press(.char("n"))
        #expect(!d.frame.contains("Quit the gallery?"))
        d.press(.ctrl("c"), .ctrl("c"))
        #expect(d.quit)
        var q = driver()
        q.press(.char("q"))
        #expect(q.quit)
    }

    @Test func tooSmallAndBack() {
        var d = driver()
        d.resize(Size(width: 60, height: 20))
        #expect(d.frame.contains("Terminal too small"))
        #expect(d.frame.contains("now 60×20, needs at least 80×24"))
        d.resize(Size(width: 100, height: 30))
        #expect(d.frame.contains("Хоргос"))
    }

    @Test func insertingRowsKeepsTheSelection() {
        var d = driver()
        d.press(.char("j"), .char("j"))
        let before = d.frame
        let at = before.find("07:51 Nizhniy Panj")!
        d.press(.char("+"))
        let after = d.frame
        #expect(d.state.table.selected == 3)
        #expect(after.find("07:51 Nizhniy Panj")! == at)
        // The table's rows are where they were.
        for y in (at.y - 2)...(at.y + 5) { #expect(after.line(y).prefix(58) == before.line(y).prefix(58)) }
        #expect(after.contains("3 new ↑"))
        d.press(.char("g"))
        #expect(!d.frame.contains("new ↑"))
    }

    @Test func searchWithCyrillicTyping() {
        var d = driver()
        d.press(.char("/"))
        d.type("ИРКЕШ")
        #expect(d.frame.contains("/ИРКЕШ"))
        d.press(.enter)
        #expect(d.state.table.selected == 5)
        d.press(.char("/"))
        d.type("khorgos")
        d.press(.enter)
        #expect(d.state.table.selected == 1)
        #expect(d.frame.contains("Found Хоргос"))
    }

    @Test func focusTabsAndCommands() {
        var d = driver()
        d.press(.tab)
        #expect(d.state.focus == .list)
        d.press(.char("j"))
        #expect(d.state.list.selected == 1)
        d.press(.backTab, .backTab)
        #expect(d.state.focus == .details)
        d.press(.char("]"))
        #expect(d.state.tab == 1 && d.frame.contains("Category"))
        d.press(.char("]"))
        #expect(d.frame.contains("Khorgos is a land crossing"))
        d.press(.char(":"))
        d.type("theme light")
        d.press(.enter)
        #expect(d.state.theme.name == "light")
        d.press(.char("L"))
        #expect(d.state.live && d.tasksStarted == 1)
        d.send(.message(.liveRow))
        #expect(d.state.rows.count == 11)
    }

    @Test func neverCrashesAtAnySize() {
        var d = driver()
        d.minimumSize = nil
        for w in stride(from: 0, through: 130, by: 7) {
            for h in [0, 1, 2, 3, 5, 8, 13, 21, 24, 30, 45] {
                d.resize(Size(width: w, height: h))
                let f = d.frame
                #expect(f.size == Size(width: w, height: h))
            }
        }
        d.press(.char("?"))
        d.press(.ctrl("c"))
        for (w, h) in [(1, 1), (3, 3), (10, 4), (200, 60)] {
            d.resize(Size(width: w, height: h))
            #expect(d.frame.size == Size(width: w, height: h))
        }
    }
}
