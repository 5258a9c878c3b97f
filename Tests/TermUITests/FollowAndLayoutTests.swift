import Testing
@testable import TermUI

/// Follow mode of a live table, and the second keyboard layout of a key table.
@Suite("Follow mode and keyboard layouts")
struct FollowAndLayoutTests {
    @Test func aFollowingTableShowsAndSelectsTheNewestRow() {
        var ids = Array(10...30)
        var st = TableState<Int>()
        st.sync(ids)
        st.setViewport(height: 5)
        #expect(st.following && st.selected == 10)
        ids.insert(contentsOf: [7, 8, 9], at: 0)
        st.sync(ids)
        #expect(st.following && st.selected == 7 && st.offset == 0 && st.newAbove == 0)
    }

    @Test func movingAwayHoldsAndGoingToTheTopFollowsAgain() {
        var ids = Array(10...30)
        var st = TableState<Int>()
        st.sync(ids)
        st.setViewport(height: 5)
        st.move(by: 2)
        #expect(!st.following)
        ids.insert(contentsOf: [8, 9], at: 0)
        st.sync(ids)
        #expect(st.selected == 12 && st.newAbove == 2 && st.offset == 2)
        // Back up to the newest row: following again.
        st.move(by: -10)
        #expect(st.following && st.selected == 8)
        ids.insert(7, at: 0)
        st.sync(ids)
        #expect(st.selected == 7)
        st.move(by: 3)
        st.selectFirst()
        #expect(st.following && st.newAbove == 0)
    }

    @Test func aQueueFollowsWithItsViewportButKeepsTheSelection() {
        var ids = Array(10...30)
        var st = TableState<Int>(policy: .viewport)
        st.sync(ids)
        st.setViewport(height: 5)
        st.move(by: 1)
        #expect(st.selected == 11 && st.following)
        ids.insert(5, at: 0)
        st.sync(ids)
        // The new row is in view at the top; the key still acts on the alert the officer chose.
        #expect(st.offset == 0 && st.selected == 11 && st.newAbove == 0)
        st.move(by: 6)
        #expect(!st.following)
        ids.insert(4, at: 0)
        st.sync(ids)
        #expect(st.newAbove == 1 && st.selected == 17)
    }

    @Test func resetOpensANewResultAtItsNewestRow() {
        var st = TableState<Int>()
        st.sync(Array(1...50))
        st.setViewport(height: 5)
        st.move(by: 20)
        st.reset()
        st.sync(Array(100...140))
        #expect(st.selected == 100 && st.offset == 0 && st.following)
    }

    @Test func theRussianLayoutMapsEachKeyToTheLatinOneOnTheSameKey() {
        #expect(KeyboardLayout.latin("й") == "q")
        #expect(KeyboardLayout.latin("о") == "j")
        #expect(KeyboardLayout.latin("л") == "k")
        #expect(KeyboardLayout.latin("п") == "g")
        #expect(KeyboardLayout.latin("Ж") == ":")
        #expect(KeyboardLayout.latin(".") == "/")
        #expect(KeyboardLayout.latin(",") == "?")
        #expect(KeyboardLayout.latin("ыштсу") == "since")
        #expect(KeyboardLayout.latin(Character("j")) == nil)
        #expect(KeyboardLayout.russianKey(for: "q") == "й")
        #expect(KeyboardLayout.russianKey(for: ":") == "Ж")
        #expect(!KeyboardLayout.looksRussianLayout("since 6h"))
        #expect(KeyboardLayout.looksRussianLayout("ыштсу"))
    }

    @Test func aKeyTableAnswersInTheSecondLayoutOnlyWhereNothingIsBound() {
        enum A: Hashable, Sendable { case down, quit, filter, ru }
        let t = KeyTable<A>([
            KeyBinding([.char("j")], .down, "down", group: "g"),
            KeyBinding([.char("q")], .quit, "quit", group: "g"),
            KeyBinding([.char("/")], .filter, "filter", group: "g"),
        ], secondLayout: true)
        #expect(t.action(for: .char("о")) == .down)
        #expect(t.action(for: .char("й")) == .quit)
        #expect(t.action(for: .char(".")) == .filter)
        #expect(t.keyNames(t.bindings[1]) == "q (й)")
        #expect(t.markdown().contains("| `q` | `й` | quit | everywhere |"))
        let latinOnly = KeyTable<A>(t.bindings)
        #expect(latinOnly.action(for: .char("о")) == nil)
    }
}
