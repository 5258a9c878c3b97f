/// Keyboard layouts: which character each physical key gives. Officers in the region often
/// leave the Russian ЙЦУКЕН layout on; in normal mode a console answers to the character on the
/// same physical key of the Latin (QWERTY) layout, so `о` moves down as `j` does and `й`
/// quits as `q` does. Text typed into a prompt is never translated.
public enum KeyboardLayout {
    /// Russian ЙЦУКЕН (the standard Windows/X11 layout) → the US QWERTY character on the same
    /// key, unshifted and shifted.
    public static let russian: [Character: Character] = {
        let ru = Array("йцукенгшщзхъфывапролджэячсмитьбю.ё" + "ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,Ё" + "\"№;:?")
        let en = Array("qwertyuiop[]asdfghjkl;'zxcvbnm,./`" + "QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>?~" + "@#$^&")
        precondition(ru.count == en.count)
        var m: [Character: Character] = [:]
        for (r, e) in zip(ru, en) where r != e { m[r] = e }
        return m
    }()

    /// The Latin character on the same physical key as `c` in the Russian layout (nil: `c` is not
    /// a Russian-layout character that differs from the Latin one).
    public static func latin(_ c: Character) -> Character? { russian[c] }

    /// `c` as a key of the Russian layout: the Cyrillic (or punctuation) character the same
    /// physical key gives there, for help and docs (`q` → `й`).
    public static func russianKey(for c: Character) -> Character? { inverse[c] }

    private static let inverse: [Character: Character] = {
        var m: [Character: Character] = [:]
        for (r, e) in russian where m[e] == nil || r.isLetter { m[e] = r }
        return m
    }()

    /// A whole word typed in the Russian layout, as the Latin keys pressed (`ыштсу` → `since`).
    /// Characters that are the same on both layouts stay.
    public static func latin(_ s: String) -> String { String(s.map { russian[$0] ?? $0 }) }

    /// True if `s` holds a character of the Russian layout that differs from the Latin one.
    public static func looksRussianLayout(_ s: String) -> Bool { s.contains { russian[$0] != nil } }
}

extension Key {
    /// The same physical key in the Latin layout (`.char("о")` → `.char("j")`); nil if the key
    /// is the same in both layouts.
    public var latinLayout: Key? {
        guard case .char(let c) = self, let l = KeyboardLayout.latin(c) else { return nil }
        return .char(l)
    }
}
