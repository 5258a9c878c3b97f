import Testing
@testable import TermUI

@Suite("Keys and key tables")
struct KeyTests {
    @Test func cursesCodes() {
        #expect(Key.decode(isKeyCode: true, value: UInt32(Key.Code.up)) == .up)
        #expect(Key.decode(isKeyCode: true, value: UInt32(Key.Code.npage)) == .pageDown)
        #expect(Key.decode(isKeyCode: true, value: UInt32(Key.Code.ppage)) == .pageUp)
        #expect(Key.decode(isKeyCode: true, value: UInt32(Key.Code.home)) == .home)
        #expect(Key.decode(isKeyCode: true, value: UInt32(Key.Code.end)) == .end)
        #expect(Key.decode(isKeyCode: true, value: UInt32(Key.Code.btab)) == .backTab)
        #expect(Key.decode(isKeyCode: true, value: UInt32(Key.Code.f0 + 1)) == .function(1))
        #expect(Key.decode(isKeyCode: true, value: UInt32(Key.Code.f0 + 12)) == .function(12))
        #expect(Key.decode(isKeyCode: true, value: UInt32(Key.Code.resize)) == nil)
        #expect(Key.decode(isKeyCode: false, value: 27) == .escape)
        #expect(Key.decode(isKeyCode: false, value: 13) == .enter)
        #expect(Key.decode(isKeyCode: false, value: 9) == .tab)
        #expect(Key.decode(isKeyCode: false, value: 127) == .backspace)
        #expect(Key.decode(isKeyCode: false, value: 3) == .ctrl("c"))
        #expect(Key.decode(isKeyCode: false, value: 0x416) == .char("Ж"))
        #expect(Key.decode(isKeyCode: false, value: 0x9B) == nil)
    }

    @Test func bytes() {
        #expect(Key.decode(bytes: [0x1B, 0x5B, 0x41, 0x1B, 0x5B, 0x42, 0x1B, 0x4F, 0x50]) == [.up, .down, .function(1)])
        #expect(Key.decode(bytes: Array("\u{1B}[5~\u{1B}[6~\u{1B}[H\u{1B}[F\u{1B}[24~\u{1B}[Z".utf8))
            == [.pageUp, .pageDown, .home, .end, .function(12), .backTab])
        #expect(Key.decode(bytes: Array("Хq\u{3}\u{1B}".utf8)) == [.char("Х"), .char("q"), .ctrl("c"), .escape])
    }

    @Test func namesRoundTrip() {
        let keys: [Key] = [.char("q"), .ctrl("c"), .enter, .escape, .tab, .backTab, .up, .pageDown, .home, .function(5), .char(" "), .backspace]
        for k in keys { #expect(Key(k.name) == k, "\(k.name)") }
        #expect(Key("C-x") == .ctrl("x"))
        #expect(Key("nonsense") == nil)
    }

    enum Act: Hashable, Sendable { case quit, help, down, submit }

    let table = KeyTable<Act>([
        KeyBinding([.char("q")], .quit, "Quit", group: "General"),
        KeyBinding([.char("?"), .function(1)], .help, "Help | keys", group: "General"),
        KeyBinding([.char("j"), .down], .down, "Down", group: "Moving"),
        KeyBinding([.enter], .submit, "Submit", group: "Prompt", context: "prompt"),
        KeyBinding([.char("q")], .submit, "Type q", group: "Prompt", context: "prompt"),
    ])

    @Test func lookupByContext() {
        #expect(table.action(for: .char("q")) == .quit)
        #expect(table.action(for: .char("q"), context: "prompt") == .submit)
        #expect(table.action(for: .down, context: "prompt") == .down)
        #expect(table.action(for: .enter) == nil)
        #expect(table.keys(for: .help) == [.char("?"), .function(1)])
        #expect(table.conflicts().isEmpty)
        var bad = table
        bad.bindings.append(KeyBinding([.char("j")], .quit, "Clash", group: "General"))
        #expect(bad.conflicts().count == 1)
    }

    @Test func markdownListsEveryBinding() {
        let md = table.markdown(title: "Keys")
        for b in table.bindings { #expect(md.contains(b.description.replacingOccurrences(of: "|", with: "\\|"))) }
        #expect(md.contains("### Moving"))
        #expect(md.contains("| `j`, `↓` | Down | everywhere |"))
    }

    @Test func helpOverlayListsEveryEntry() {
        var b = Buffer(width: 80, height: 20)
        HelpOverlay(table, title: "Keys").render(into: &b, area: b.area, theme: plainTheme)
        for bnd in table.bindings {
            #expect(b.contains(bnd.description), "\(bnd.description)")
            #expect(b.contains(bnd.keyNames))
        }
        for g in table.groups { #expect(b.contains(g)) }
    }
}
