/// Search keys that match across case and script: `Хоргос`, `Khorgos` and `KHORGOS` all fold
/// to `horgos`. Cyrillic (Russian, Kazakh, Uzbek, Tajik, Kyrgyz letters) is transliterated to
/// Latin, Latin diacritics are dropped (Herāt → herat), apostrophes and modifier letters used by
/// Uzbek Latin (oʻ, gʻ) are dropped, and a few spellings that transliteration systems disagree on
/// are collapsed (kh/h/x, q/k, y/i/j, w/v), so both sides of a comparison meet in the middle.
/// Folding is for matching only; text is always stored and shown as it came.
public enum Fold {
    /// The folded search key of `s`.
    public static func key(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                switch v {
                case 0x41...0x5A: out.unicodeScalars.append(Unicode.Scalar(v + 32)!)
                case 0x27, 0x60: continue                         // ' `
                default: out.unicodeScalars.append(scalar)
                }
                continue
            }
            if let t = cyrillic[v] { out += t; continue }
            switch v {
            case 0x02BB, 0x02BC, 0x2018, 0x2019, 0x02B9: continue  // ʻ ʼ ‘ ’ ʹ
            default: break
            }
            // Latin with diacritics: keep the base letter; drop combining marks.
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            for d in String(scalar).lowercased().unicodeScalars {
                out.unicodeScalars.append(latinBase[d.value] ?? d)
            }
        }
        return collapse(out)
    }

    /// True if `needle` (already folded with `key`) occurs in `haystack` once folded.
    public static func contains(_ haystack: String, foldedNeedle: String) -> Bool {
        if foldedNeedle.isEmpty { return true }
        return key(haystack).contains(foldedNeedle)
    }

    static func collapse(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        for c in s.unicodeScalars {
            switch c {
            case "h" where previous == "k":   // kh -> h (the k was written already)
                out.removeLast()
                out.append("h")
            case "x": out.append("h")
            case "q": out.append("k")
            case "y", "j": out.append("i")
            case "w": out.append("v")
            default: out.append(c)
            }
            previous = c
        }
        return String(out)
    }

    /// Cyrillic letters (lower and upper case) to Latin. Russian after the common passport
    /// conventions; Kazakh, Uzbek, Tajik and Kyrgyz letters to their nearest Latin letters.
    static let cyrillic: [UInt32: String] = {
        let lower: [(Character, String)] = [
            ("а", "a"), ("б", "b"), ("в", "v"), ("г", "g"), ("д", "d"), ("е", "e"), ("ё", "e"),
            ("ж", "zh"), ("з", "z"), ("и", "i"), ("й", "i"), ("к", "k"), ("л", "l"), ("м", "m"),
            ("н", "n"), ("о", "o"), ("п", "p"), ("р", "r"), ("с", "s"), ("т", "t"), ("у", "u"),
            ("ф", "f"), ("х", "h"), ("ц", "ts"), ("ч", "ch"), ("ш", "sh"), ("щ", "shch"),
            ("ъ", ""), ("ы", "i"), ("ь", ""), ("э", "e"), ("ю", "iu"), ("я", "ia"),
            // Kazakh
            ("ә", "a"), ("ғ", "g"), ("қ", "k"), ("ң", "n"), ("ө", "o"), ("ұ", "u"), ("ү", "u"),
            ("һ", "h"), ("і", "i"),
            // Uzbek, Tajik, Kyrgyz
            ("ў", "o"), ("ҳ", "h"), ("ӣ", "i"), ("ӯ", "u"), ("ҷ", "j"), ("ҙ", "z"),
            // Ukrainian and Belarusian letters that turn up in names
            ("є", "e"), ("ї", "i"), ("ґ", "g"),
        ]
        var map: [UInt32: String] = [:]
        for (c, latin) in lower {
            let l = c.unicodeScalars.first!.value
            map[l] = latin
            if let u = String(c).uppercased().unicodeScalars.first?.value, u != l { map[u] = latin }
        }
        return map
    }()
}

extension Fold {
    /// Latin letters with diacritics that occur in Central Asian place names, to their base.
    static let latinBase: [UInt32: Unicode.Scalar] = {
        let pairs: [(String, Character)] = [
            ("àáâãäåāăą", "a"), ("çćčĉċ", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"),
            ("ĝğġģ", "g"), ("ĥħ", "h"), ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"),
            ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"), ("ŕŗř", "r"),
            ("śŝşšș", "s"), ("ţťŧț", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"),
            ("źżž", "z"), ("ə", "a"),
        ]
        var m: [UInt32: Unicode.Scalar] = [:]
        for (letters, base) in pairs {
            for c in letters.unicodeScalars { m[c.value] = base.unicodeScalars.first! }
        }
        return m
    }()
}
