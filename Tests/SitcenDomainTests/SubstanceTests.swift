import Testing
@testable import SitcenDomain

@Suite struct SubstanceTests {
    let catalog = SubstanceCatalog.standard

    @Test(arguments: [
        ("heroin", "heroin"), ("Heroin", "heroin"), ("ГЕРОИН", "heroin"), ("героин", "heroin"), ("geroin", "heroin"),
        ("гашиш", "hashish"), ("Hashish", "hashish"), ("чарс", "hashish"),
        ("опий", "opium"), ("Опиум", "opium"), ("мефедрон", "mephedrone"), ("4-MMC", "mephedrone"),
        ("\"соль\"", "alpha-pvp"), ("«Соль»", "alpha-pvp"), ("α-PVP", "alpha-pvp"), ("alpha PVP", "alpha-pvp"),
        ("насвай", "nasvay"), ("Naswar", "nasvay"), ("спайс", "synthetic cannabinoids"),
        ("уксусный ангидрид", "acetic anhydride"), ("Acetic  Anhydride", "acetic anhydride"),
        ("метамфетамин", "methamphetamine"), ("анаша", "cannabis"), ("трамадол", "tramadol"),
    ])
    func aliasesMatch(_ name: String, _ canonical: String) {
        let m = catalog.match(name)
        #expect(m.known, "\(name) should be known")
        #expect(m.canonical == canonical)
    }

    @Test func categories() {
        #expect(catalog.match("героин").category == .opiates)
        #expect(catalog.match("соль").category == .nps)
        #expect(catalog.match("ангидрид").category == .precursors)
        #expect(catalog.match("гашиш").category == .cannabis)
        #expect(catalog.match("кокаин").category == .cocaine)
        #expect(catalog.match("экстази").category == .ats)
        #expect(catalog.match("прегабалин").category == .pharmaceuticals)
    }

    @Test func unknownNamesAreFlaggedNotRejected() {
        let m = catalog.match("  MDMB-5F-EDMB ")
        #expect(!m.known)
        #expect(m.category == .unknown)
        #expect(m.canonical == "MDMB-5F-EDMB")
    }

    @Test func aliasesAreUnambiguous() {
        var seen: [String: String] = [:]
        for s in catalog.substances {
            for alias in [s.name, s.nameRu] + s.aliases {
                let key = SubstanceCatalog.matchKey(alias)
                if let other = seen[key] { #expect(other == s.name, "\(alias) is an alias of both \(other) and \(s.name)") }
                seen[key] = s.name
            }
        }
    }
}

@Suite struct KilogramEquivalentTests {
    let mdma = SubstanceCatalog.standard.match("ecstasy").substance
    let heroin = SubstanceCatalog.standard.match("heroin").substance

    @Test func massUnits() {
        #expect(KilogramEquivalent.of(quantity: 1500, unit: .g, substance: heroin) == 1.5)
        #expect(KilogramEquivalent.of(quantity: 12, unit: .kg, substance: heroin) == 12)
        #expect(KilogramEquivalent.of(quantity: 2, unit: .t, substance: heroin) == 2000)
    }

    @Test func litresCountAsKilograms() {
        #expect(KilogramEquivalent.of(quantity: 200, unit: .l, substance: nil) == 200)
        #expect(KilogramEquivalent.of(quantity: 500, unit: .ml, substance: nil) == 0.5)
    }

    @Test func tabletsNeedATypicalMass() {
        let kg = KilogramEquivalent.of(quantity: 10_000, unit: .tablets, substance: mdma)!
        #expect(abs(kg - 3.0) < 1e-9)
        #expect(KilogramEquivalent.of(quantity: 10_000, unit: .tablets, substance: heroin) == nil)
        #expect(KilogramEquivalent.of(quantity: 100, unit: .doses, substance: nil) == nil)
        #expect(KilogramEquivalent.of(quantity: 3, unit: .units, substance: mdma) == nil)
    }

    @Test func nonPositiveHasNone() {
        #expect(KilogramEquivalent.of(quantity: 0, unit: .kg, substance: nil) == nil)
        #expect(KilogramEquivalent.of(quantity: -3, unit: .kg, substance: nil) == nil)
    }
}
