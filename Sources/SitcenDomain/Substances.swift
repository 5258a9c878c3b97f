import SitcenText

/// One entry of the substance list.
public struct Substance: Sendable, Hashable {
    /// Canonical English name, lower case (`heroin`); what rules and `new_term` see.
    public var name: String
    public var category: SubstanceCategory
    /// Names it is reported under: Russian, Kazakh, Uzbek, Tajik, street names, spellings.
    public var aliases: [String]
    /// Typical mass of one tablet, capsule or dose in kilograms, where there is one; it turns
    /// counts of `tablets` and `doses` into a kilogram-equivalent.
    public var typicalDoseKg: Double?
    /// Russian display name.
    public var nameRu: String

    public init(_ name: String, _ category: SubstanceCategory, ru: String, aliases: [String], doseKg: Double? = nil) {
        self.name = name; self.category = category; self.nameRu = ru
        self.aliases = aliases; self.typicalDoseKg = doseKg
    }
}

/// What a received substance name resolved to.
public struct SubstanceMatch: Sendable, Hashable {
    /// The canonical name when known, else the name as written (trimmed).
    public var canonical: String
    public var category: SubstanceCategory
    public var known: Bool
    public var substance: Substance?
}

/// The substance list, with aliases matched case- and script-insensitively
/// (`ГЕРОИН`, `героин`, `geroin` and `Heroin` are all heroin).
public struct SubstanceCatalog: Sendable {
    public let substances: [Substance]
    private let byKey: [String: Int]

    public init(_ substances: [Substance]) {
        self.substances = substances
        var map: [String: Int] = [:]
        for (i, s) in substances.enumerated() {
            for alias in [s.name, s.nameRu] + s.aliases {
                map[SubstanceCatalog.matchKey(alias)] = i
            }
        }
        byKey = map
    }

    /// The folded key used for matching: quotes and punctuation around the name are dropped,
    /// runs of spaces, hyphens and underscores become one space.
    public static func matchKey(_ raw: String) -> String {
        var cleaned = ""
        var lastSpace = true
        for ch in raw {
            if ch.isLetter || ch.isNumber {
                cleaned.append(ch)
                lastSpace = false
            } else if ch == " " || ch == "-" || ch == "_" || ch == "\t" {
                if !lastSpace { cleaned.append(" "); lastSpace = true }
            }
            // Quotes («соль», "соль", 'соль'), dots and other marks are dropped.
        }
        if cleaned.hasSuffix(" ") { cleaned.removeLast() }
        return Fold.key(cleaned)
    }

    public func match(_ raw: String) -> SubstanceMatch {
        if let i = byKey[SubstanceCatalog.matchKey(raw)] {
            let s = substances[i]
            return SubstanceMatch(canonical: s.name, category: s.category, known: true, substance: s)
        }
        let trimmed = raw.trimmingSpaces()
        return SubstanceMatch(canonical: trimmed, category: .unknown, known: false, substance: nil)
    }

    public func substance(named canonical: String) -> Substance? {
        byKey[SubstanceCatalog.matchKey(canonical)].map { substances[$0] }
    }

    /// The list sitcen ships. Sources: UNODC terminology, the regional street names that
    /// Central Asian agencies report under.
    public static let standard = SubstanceCatalog([
        // Opiates
        Substance("heroin", .opiates, ru: "героин", aliases: ["geroin", "heroin base", "heroin hydrochloride", "героин-основание", "гердос", "герыч"]),
        Substance("opium", .opiates, ru: "опий", aliases: ["опиум", "опий-сырец", "raw opium", "afyun", "афьюн", "тарьяк", "teryak", "тарёк", "кукнар"]),
        Substance("morphine", .opiates, ru: "морфин", aliases: ["морфий", "morphine base"]),
        Substance("desomorphine", .opiates, ru: "дезоморфин", aliases: ["крокодил", "krokodil"]),
        Substance("poppy straw", .opiates, ru: "маковая солома", aliases: ["маковая соломка", "poppy", "мак"]),
        // Cannabis
        Substance("hashish", .cannabis, ru: "гашиш", aliases: ["hash", "cannabis resin", "charas", "чарс", "чаре", "плана", "план", "хашиш", "nasha"]),
        Substance("cannabis", .cannabis, ru: "марихуана", aliases: ["marijuana", "marihuana", "cannabis herb", "каннабис", "анаша", "anasha", "конопля", "kanop", "ганджа", "ganja", "шала"]),
        Substance("cannabis oil", .cannabis, ru: "гашишное масло", aliases: ["hash oil", "масло каннабиса"]),
        // Cocaine
        Substance("cocaine", .cocaine, ru: "кокаин", aliases: ["kokain", "coca", "кокс", "crack", "крэк"]),
        // ATS
        Substance("methamphetamine", .ats, ru: "метамфетамин", aliases: ["meth", "метамфетамин гидрохлорид", "первитин", "pervitin", "shisha", "шиша", "ice", "лёд", "лед", "crystal", "кристалл", "yaba", "яба"], doseKg: 0.0001),
        Substance("amphetamine", .ats, ru: "амфетамин", aliases: ["speed", "фен", "фенамин"], doseKg: 0.0002),
        Substance("mdma", .ats, ru: "МДМА", aliases: ["ecstasy", "экстази", "экстаз", "molly"], doseKg: 0.0003),
        Substance("captagon", .ats, ru: "каптагон", aliases: ["fenetylline", "фенетиллин"], doseKg: 0.00017),
        // NPS
        Substance("mephedrone", .nps, ru: "мефедрон", aliases: ["4-mmc", "4mmc", "меф", "mef", "мяу", "meow meow"]),
        Substance("alpha-pvp", .nps, ru: "альфа-PVP", aliases: ["α-pvp", "a-pvp", "apvp", "альфа-пвп", "соль", "соли", "salt", "bath salts", "скорость", "ск", "flakka"]),
        Substance("synthetic cannabinoids", .nps, ru: "синтетические каннабиноиды", aliases: ["synthetic cannabinoid", "спайс", "spice", "микс", "mix", "курительная смесь", "jwh-018", "mdmb-4en-pinaca", "adb-butinaca", "синтетика"]),
        Substance("3-mmc", .nps, ru: "3-MMC", aliases: ["3mmc", "метафедрон"]),
        Substance("4-cmc", .nps, ru: "4-CMC", aliases: ["clephedrone", "клефедрон"]),
        Substance("mdpv", .nps, ru: "МДПВ", aliases: ["метилендиоксипировалерон"]),
        Substance("nitazenes", .nps, ru: "нитазены", aliases: ["isotonitazene", "изотонитазен", "protonitazene", "протонитазен", "metonitazene"]),
        // Precursors
        Substance("acetic anhydride", .precursors, ru: "уксусный ангидрид", aliases: ["ангидрид уксусной кислоты", "ангидрид", "aa", "ацетангидрид"]),
        Substance("ephedrine", .precursors, ru: "эфедрин", aliases: ["efedrin"]),
        Substance("pseudoephedrine", .precursors, ru: "псевдоэфедрин", aliases: []),
        Substance("potassium permanganate", .precursors, ru: "перманганат калия", aliases: ["марганцовка", "kmno4"]),
        Substance("p-2-p", .precursors, ru: "фенилацетон", aliases: ["p2p", "bmk", "phenylacetone", "бмк", "фенил-2-пропанон"]),
        Substance("safrole", .precursors, ru: "сафрол", aliases: []),
        // Pharmaceuticals
        Substance("tramadol", .pharmaceuticals, ru: "трамадол", aliases: ["трамал", "tramal", "трамик"], doseKg: 0.0002),
        Substance("pregabalin", .pharmaceuticals, ru: "прегабалин", aliases: ["lyrica", "лирика"], doseKg: 0.0003),
        Substance("tropicamide", .pharmaceuticals, ru: "тропикамид", aliases: ["тропик"]),
        Substance("codeine", .pharmaceuticals, ru: "кодеин", aliases: ["codeine phosphate"], doseKg: 0.0002),
        Substance("buprenorphine", .pharmaceuticals, ru: "бупренорфин", aliases: ["subutex", "субутекс"], doseKg: 0.0001),
        Substance("diazepam", .pharmaceuticals, ru: "диазепам", aliases: ["valium", "реланиум", "сибазон"], doseKg: 0.0002),
        // Other: known, not a controlled drug everywhere; reported at the posts all the same.
        Substance("nasvay", .other, ru: "насвай", aliases: ["naswar", "насвар", "нас"]),
    ])
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    public func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
