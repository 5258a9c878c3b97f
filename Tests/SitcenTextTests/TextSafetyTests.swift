import Foundation
import Testing
@testable import SitcenText

@Suite struct TextSafetyTests {
    @Test func plainTextIsUnchanged() {
        #expect(TextSafety.terminal("Хоргос: героин 12 kg, ⣿⡇ 中文") == "Хоргос: героин 12 kg, ⣿⡇ 中文")
    }

    @Test func escapeSequencesBecomeVisible() {
        let s = TextSafety.terminal("a\u{1B}[2Jb\u{1B}]0;pwned\u{07}c")
        #expect(s == "a␛[2Jb␛]0;pwned␇c")
        #expect(!s.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func c1BidiAndZeroWidthBecomeVisible() {
        #expect(TextSafety.terminal("x\u{9B}31m") == "x⟨U+009B⟩31m")
        #expect(TextSafety.terminal("abc\u{202E}fed") == "abc⟨U+202E⟩fed")
        #expect(TextSafety.terminal("a\u{200B}b\u{FEFF}") == "a⟨U+200B⟩b⟨U+FEFF⟩")
        #expect(TextSafety.terminal("\u{2066}x\u{2069}") == "⟨U+2066⟩x⟨U+2069⟩")
        #expect(TextSafety.terminal("del\u{7F}") == "del␡")
    }

    @Test func newlinesDependOnMode() {
        #expect(TextSafety.terminal("a\nb\rc\td") == "a␊b␍c␉d")
        #expect(TextSafety.terminal("a\r\nb\rc\td", mode: .multiLine) == "a\nb␍c d")
    }

    @Test func jsonEscapesLoseNothing() throws {
        let hostile = "x\u{1B}[2J\u{202E}\u{200B}\u{9B}\"\\\n\u{E0041}ок"
        let line = JSONValue.object([("s", .string(hostile))]).serialized()
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || TextSafety.isInvisible($0.value) })
        let back = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: String]
        #expect(back["s"] == hostile)
    }

    @Test func numbersAreShortest() {
        #expect(JSONText.number(12) == "12")
        #expect(JSONText.number(12.5) == "12.5")
        #expect(JSONText.number(0.1) == "0.1")
        #expect(JSONText.number(.nan) == "null")
    }
}

@Suite struct DisplayWidthTests {
    @Test func widths() {
        #expect("Хоргос".displayWidth == 6)
        #expect("中文".displayWidth == 4)
        #expect("⣿⡇".displayWidth == 2)
        #expect("и\u{306}".displayWidth == 1)          // й as и + combining breve
        #expect("e\u{301}".displayWidth == 1)
        #expect("".displayWidth == 0)
    }

    @Test func truncationNeverSplitsAWideCharacter() {
        #expect("中文字".truncated(toWidth: 4, ellipsis: false) == "中文")
        #expect("中文字".truncated(toWidth: 3, ellipsis: false) == "中")
        #expect("Хоргос".truncated(toWidth: 4) == "Хор…")
        #expect("中文".padded(toWidth: 5) == "中文 ")
        #expect("ab".padded(toWidth: 4, alignRight: true) == "  ab")
    }
}

@Suite struct FoldTests {
    @Test func scriptsAndCaseMeet() {
        #expect(Fold.key("Хоргос") == Fold.key("Khorgos"))
        #expect(Fold.key("KHORGOS") == Fold.key("хоргос"))
        #expect(Fold.key("Кольжат") == Fold.key("Kolzhat"))
        #expect(Fold.key("Достык") == Fold.key("Dostyk"))
        #expect(Fold.key("Herāt") == "herat")
        #expect(Fold.key("Oʻzbekiston") == Fold.key("Ozbekiston"))
    }

    @Test func centralAsianLetters() {
        #expect(Fold.key("Қорғас") == Fold.key("Korgas"))       // Kazakh қ ғ
        #expect(Fold.key("Ҳисор") == Fold.key("Hisor"))         // Tajik ҳ
        #expect(Fold.key("Ҷиргатол") == Fold.key("Jirgatol"))   // Tajik ҷ
        #expect(Fold.key("Ўзбекистон") == Fold.key("Ozbekiston"))
        #expect(Fold.key("Өскемен") == Fold.key("Oskemen"))
    }

    @Test func containsMatchesSubstrings() {
        #expect(Fold.contains("Пункт пропуска Хоргос, грузовик", foldedNeedle: Fold.key("khorgos")))
        #expect(!Fold.contains("Dostyk", foldedNeedle: Fold.key("khorgos")))
    }
}
