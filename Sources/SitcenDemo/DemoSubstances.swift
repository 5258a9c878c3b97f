import SitcenDomain

/// Groups of posts a kind of event favours, found in whatever registry the generator is given
/// (a group that is empty there falls back to all posts).
enum Region: CaseIterable, Sendable {
    /// Posts on the Afghan border (Tajik, Uzbek, Turkmen crossings facing AF).
    case afghanFront
    /// Any Tajik, Uzbek or Turkmen post: the northern route out of Afghanistan.
    case afghanRoute
    /// The Kazakh–Kyrgyz crossings.
    case kazakhKyrgyz
    /// Any Kazakh or Kyrgyz post.
    case kazakhOrKyrgyz
    /// Crossings to China (parcels and cargo of NPS and precursors).
    case chinaBorder
    /// Crossings to Iran.
    case iranBorder
    /// Seaports (no neighbour).
    case seaport
    case any

    func contains(_ p: Post) -> Bool {
        switch self {
        case .afghanFront: return p.neighbour == "AF"
        case .afghanRoute: return ["TJ", "UZ", "TM"].contains(p.country)
        case .kazakhKyrgyz: return (p.country == "KZ" && p.neighbour == "KG") || (p.country == "KG" && p.neighbour == "KZ")
        case .kazakhOrKyrgyz: return p.country == "KZ" || p.country == "KG"
        case .chinaBorder: return p.neighbour == "CN"
        case .iranBorder: return p.neighbour == "IR"
        case .seaport: return p.neighbour.isEmpty && p.kind == .bcp
        case .any: return true
        }
    }
}

/// Which way a substance travels.
enum Flow: Sendable {
    /// Out of the origin northwards or westwards (to KZ, RU, Europe): the routes below.
    case outbound([[String]])
    /// Towards Afghanistan: each route starts at the origin, the destination is AF.
    case toAfghanistan([[String]])
}

/// How one kind of seizure looks: the names it is reported under, where it comes from and
/// goes, which posts see it, and how much is seized at once.
struct SeizureProfile: Sendable {
    var canonical: String
    var names: [String]
    var weight: Double
    var regions: [(Region, Double)]
    var origins: [(String, Double)]
    var flow: Flow
    /// Share sent by post (transport `postal`, conveyance parcel).
    var postal: Double = 0
    var purity: ClosedRange<Double>? = nil
    var priceUSDPerKg: ClosedRange<Double>? = nil
    var quantity: @Sendable (inout DemoRandom) -> (Double, QuantityUnit)
}

/// Routes out of Afghanistan (the countries after the origin, the last is the usual end).
let afghanRoutes: [[String]] = [
    ["TJ", "KG", "KZ", "RU"], ["TJ", "UZ", "KZ", "RU"], ["UZ", "KZ", "RU"], ["TM", "KZ", "RU"],
    ["TM", "AZ", "GE", "TR"], ["TJ", "KG", "KZ", "RU", "BY"], ["UZ", "KG", "KZ", "RU"], ["TM", "IR", "TR"],
]
let localRoutes: [[String]] = [["KG", "KZ", "RU"], ["KZ", "RU"], ["KG", "KZ"], ["KZ", "KG", "UZ"]]
let iranRoutes: [[String]] = [["TM", "UZ", "KZ", "RU"], ["TM", "KZ", "RU"], ["TM", "AZ"]]
let chinaRoutes: [[String]] = [["KZ", "RU"], ["KG", "KZ", "RU"], ["KZ", "KG"], ["KZ", "UZ"], ["KG", "UZ", "TJ"]]
let pharmaRoutes: [[String]] = [["AF", "TJ", "KG", "KZ", "RU"], ["IR", "TM", "UZ", "KZ", "RU"], ["AE", "UZ", "KZ"], ["TR", "AZ", "KZ", "RU"]]
let precursorRoutes: [[String]] = [
    ["CN", "KZ", "UZ"], ["CN", "KG", "TJ"], ["RU", "KZ", "UZ"], ["CN", "KZ", "KG", "TJ"],
    ["CN", "KZ", "TM"], ["KR", "CN", "KZ", "UZ"], ["IN", "IR", "TM"], ["RU", "KZ", "TM"],
]

private func grams(_ r: inout DemoRandom, _ lo: Double, _ hi: Double) -> (Double, QuantityUnit) {
    (max(0.1, rounded(r.logUniform(lo, hi), 1)), .g)
}
private func kilos(_ r: inout DemoRandom, _ lo: Double, _ hi: Double) -> (Double, QuantityUnit) {
    (max(0.001, rounded(r.logUniform(lo, hi), 3)), .kg)
}
/// A heavy tail in kilograms, written in tonnes above one tonne.
private func bulk(_ r: inout DemoRandom, _ xm: Double, alpha: Double, cap: Double) -> (Double, QuantityUnit) {
    let kg = r.pareto(xm, alpha: alpha, cap: cap)
    return kg >= 1000 ? (rounded(kg / 1000, 2), .t) : (rounded(kg, 1), .kg)
}
private func count(_ r: inout DemoRandom, _ lo: Double, _ hi: Double, _ unit: QuantityUnit = .tablets) -> (Double, QuantityUnit) {
    (r.logUniform(lo, hi).rounded(), unit)
}

/// The seizure mix, weighted by how often each is reported in the region.
let seizureProfiles: [SeizureProfile] = [
    SeizureProfile(canonical: "heroin", names: ["героин", "heroin", "Героин", "героин-основание", "heroin base", "гердос"],
                   weight: 20, regions: [(.afghanFront, 0.55), (.afghanRoute, 0.3), (.kazakhOrKyrgyz, 0.15)],
                   origins: [("AF", 1)], flow: .outbound(afghanRoutes), purity: 20...85, priceUSDPerKg: 3_000...25_000) { r in
        r.weighted([(0, 0.35), (1, 0.5), (2, 0.15)]) == 0 ? grams(&r, 0.5, 300)
            : (r.chance(0.77) ? kilos(&r, 0.3, 25) : bulk(&r, 20, alpha: 1.1, cap: 1_500))
    },
    SeizureProfile(canonical: "opium", names: ["опий", "opium", "опий-сырец", "тарьяк", "Opium", "афьюн"],
                   weight: 12, regions: [(.afghanFront, 0.7), (.afghanRoute, 0.3)],
                   origins: [("AF", 1)], flow: .outbound(afghanRoutes), priceUSDPerKg: 200...1_500) { r in
        r.chance(0.1) ? grams(&r, 5, 900) : (r.chance(0.88) ? kilos(&r, 0.2, 30) : bulk(&r, 30, alpha: 1.2, cap: 900))
    },
    SeizureProfile(canonical: "hashish", names: ["гашиш", "hashish", "чарс", "hash", "Гашиш", "плана"],
                   weight: 12, regions: [(.afghanFront, 0.5), (.afghanRoute, 0.4), (.kazakhOrKyrgyz, 0.1)],
                   origins: [("AF", 1)], flow: .outbound(afghanRoutes), priceUSDPerKg: 300...3_000) { r in
        r.chance(0.85) ? kilos(&r, 0.5, 80) : bulk(&r, 80, alpha: 1.0, cap: 20_000)
    },
    SeizureProfile(canonical: "cannabis", names: ["марихуана", "анаша", "marijuana", "Анаша", "конопля", "cannabis herb"],
                   weight: 11, regions: [(.kazakhKyrgyz, 0.5), (.kazakhOrKyrgyz, 0.5)],
                   origins: [("KG", 0.65), ("KZ", 0.35)], flow: .outbound(localRoutes)) { r in
        r.chance(0.95) ? kilos(&r, 0.1, 300) : bulk(&r, 1_000, alpha: 1.5, cap: 12_000)
    },
    SeizureProfile(canonical: "methamphetamine", names: ["метамфетамин", "methamphetamine", "шиша", "crystal meth", "Первитин", "ice", "кристалл"],
                   weight: 8, regions: [(.afghanFront, 0.5), (.iranBorder, 0.35), (.afghanRoute, 0.15)],
                   origins: [("AF", 0.6), ("IR", 0.4)], flow: .outbound(afghanRoutes + iranRoutes), purity: 40...98, priceUSDPerKg: 5_000...40_000) { r in
        switch r.weighted([(0, 0.47), (1, 0.45), (2, 0.05), (3, 0.03)]) {
        case 0: return grams(&r, 1, 900)
        case 1: return kilos(&r, 0.5, 60)
        case 2: return bulk(&r, 60, alpha: 1.3, cap: 500)
        default: return count(&r, 200, 20_000)
        }
    },
    SeizureProfile(canonical: "mephedrone", names: ["мефедрон", "mephedrone", "меф", "4-MMC", "Мефедрон"],
                   weight: 6, regions: [(.chinaBorder, 0.45), (.kazakhKyrgyz, 0.35), (.kazakhOrKyrgyz, 0.2)],
                   origins: [("CN", 0.5), ("KZ", 0.3), ("KG", 0.2)], flow: .outbound(chinaRoutes), postal: 0.55) { r in
        r.chance(0.7) ? grams(&r, 0.3, 500) : (r.chance(0.85) ? kilos(&r, 0.5, 40) : (rounded(r.logUniform(10, 2_000), 0), .ml))
    },
    SeizureProfile(canonical: "alpha-pvp", names: ["соль", "«соль»", "СОЛЬ", "alpha-PVP", "a-PVP", "альфа-PVP", "соли"],
                   weight: 6, regions: [(.chinaBorder, 0.45), (.kazakhKyrgyz, 0.35), (.kazakhOrKyrgyz, 0.2)],
                   origins: [("CN", 0.6), ("KG", 0.2), ("KZ", 0.2)], flow: .outbound(chinaRoutes), postal: 0.6) { r in
        r.chance(0.8) ? grams(&r, 0.2, 400) : kilos(&r, 0.5, 25)
    },
    SeizureProfile(canonical: "synthetic cannabinoids", names: ["спайс", "spice", "синтетические каннабиноиды", "курительная смесь", "микс", "MDMB-4en-PINACA"],
                   weight: 5, regions: [(.chinaBorder, 0.45), (.kazakhKyrgyz, 0.35), (.kazakhOrKyrgyz, 0.2)],
                   origins: [("CN", 0.7), ("KZ", 0.3)], flow: .outbound(chinaRoutes), postal: 0.55) { r in
        r.chance(0.75) ? grams(&r, 0.5, 800) : kilos(&r, 0.5, 60)
    },
    SeizureProfile(canonical: "acetic anhydride", names: ["уксусный ангидрид", "acetic anhydride", "ангидрид", "Уксусный ангидрид", "AA"],
                   weight: 5, regions: [(.afghanFront, 0.5), (.chinaBorder, 0.3), (.afghanRoute, 0.2)],
                   origins: [], flow: .toAfghanistan(precursorRoutes)) { r in
        switch r.weighted([(0, 0.55), (1, 0.3), (2, 0.15)]) {
        case 0: return (rounded(r.logUniform(20, 5_000), 0), .l)
        case 1: return (rounded(r.logUniform(1, 40), 2), .t)
        default: return (rounded(r.logUniform(50, 2_000), 0), .kg)
        }
    },
    SeizureProfile(canonical: "potassium permanganate", names: ["марганцовка", "перманганат калия", "potassium permanganate"],
                   weight: 1, regions: [(.afghanFront, 0.6), (.afghanRoute, 0.4)],
                   origins: [], flow: .toAfghanistan(precursorRoutes)) { r in
        r.chance(0.7) ? (rounded(r.logUniform(50, 3_000), 0), .kg) : (rounded(r.logUniform(1, 20), 2), .t)
    },
    SeizureProfile(canonical: "tramadol", names: ["трамадол", "tramadol", "Трамадол", "трамал", "TRAMADOL"],
                   weight: 5, regions: [(.afghanRoute, 0.5), (.any, 0.5)],
                   origins: [("IN", 0.6), ("PK", 0.2), ("IR", 0.2)], flow: .outbound(pharmaRoutes), postal: 0.25) { r in
        count(&r, 20, 60_000)
    },
    SeizureProfile(canonical: "pregabalin", names: ["прегабалин", "pregabalin", "лирика", "Lyrica"],
                   weight: 3, regions: [(.any, 1)],
                   origins: [("IN", 0.5), ("TR", 0.3), ("IR", 0.2)], flow: .outbound(pharmaRoutes), postal: 0.35) { r in
        count(&r, 28, 20_000)
    },
    SeizureProfile(canonical: "tropicamide", names: ["тропикамид", "tropicamide"],
                   weight: 0.7, regions: [(.kazakhOrKyrgyz, 1)],
                   origins: [("IN", 1)], flow: .outbound(pharmaRoutes), postal: 0.5) { r in
        (rounded(r.logUniform(10, 500), 0), .ml)
    },
    SeizureProfile(canonical: "nasvay", names: ["насвай", "nasvay", "насвар", "naswar"],
                   weight: 2, regions: [(.afghanRoute, 0.6), (.kazakhOrKyrgyz, 0.4)],
                   origins: [("UZ", 0.5), ("KG", 0.25), ("TJ", 0.25)], flow: .outbound(localRoutes)) { r in
        kilos(&r, 0.2, 40)
    },
    SeizureProfile(canonical: "cocaine", names: ["кокаин", "cocaine", "Кокаин"],
                   weight: 0.6, regions: [(.seaport, 0.6), (.chinaBorder, 0.4)],
                   origins: [("EC", 0.5), ("CO", 0.3), ("BR", 0.2)], flow: .outbound([["KZ", "RU"], ["TM", "AZ"]]), purity: 60...92) { r in
        r.chance(0.7) ? grams(&r, 10, 999) : kilos(&r, 1, 300)
    },
    // Names that match nothing in the substance list: the early-warning signal.
    SeizureProfile(canonical: "", names: ["MDMB-5F-EDMB", "кристалл-Z", "N-этилгекседрон", "ADB-5Br-INACA", "Bromazolam", "«белый шёлк»"],
                   weight: 1.5, regions: [(.chinaBorder, 0.5), (.kazakhKyrgyz, 0.3), (.any, 0.2)],
                   origins: [("CN", 0.8), ("KZ", 0.2)], flow: .outbound(chinaRoutes), postal: 0.5) { r in
        r.chance(0.8) ? grams(&r, 0.5, 2_000) : kilos(&r, 0.5, 20)
    },
]

/// A substance name as posts type it: mostly as listed, sometimes capitalised or in capitals.
func varyCase(_ name: String, _ r: inout DemoRandom) -> String {
    switch r.weighted([(0, 0.72), (1, 0.18), (2, 0.1)]) {
    case 1: return name.prefix(1).uppercased() + name.dropFirst()
    case 2: return name.uppercased()
    default: return name
    }
}

/// Russian words for units, in summaries.
func unitWord(_ u: QuantityUnit, russian: Bool) -> String {
    switch u {
    case .g: return russian ? "г" : "g"
    case .kg: return russian ? "кг" : "kg"
    case .t: return russian ? "т" : "t"
    case .ml: return russian ? "мл" : "ml"
    case .l: return russian ? "л" : "l"
    case .tablets: return russian ? "табл." : "tablets"
    case .doses: return russian ? "доз" : "doses"
    case .units: return russian ? "ед." : "units"
    }
}
