import SitcenDomain
import SitcenText

/// Makes one plausible report at a time for the posts of a registry. Reports come without an
/// `id`: the generator numbers them in the order they are sent.
struct ReportFactory {
    let posts: [Post]
    private let byRegion: [Region: [Int]]
    private let profileWeights: [(Int, Double)]
    private let incidentWeights: [(Int, Double)]
    /// Posts of one Afghan-border sector that see a surge of opiate seizures near the end.
    let surgePosts: [Int]
    let surgeStart: Int64

    init(registry: Registry, rng: inout DemoRandom, surgeStart: Int64) {
        let posts = registry.posts
        self.posts = posts
        var byRegion: [Region: [Int]] = [:]
        for region in Region.allCases {
            let found = posts.indices.filter { region.contains(posts[$0]) }
            byRegion[region] = found.isEmpty ? Array(posts.indices) : found
        }
        self.byRegion = byRegion
        profileWeights = seizureProfiles.enumerated().map { ($0.offset, $0.element.weight) }
        incidentWeights = DemoText.incidents.enumerated().map { ($0.offset, $0.element.weight) }
        let front = byRegion[.afghanFront]!
        let sector = posts[rng.pick(front)].sector
        surgePosts = front.filter { posts[$0].sector == sector }
        self.surgeStart = surgeStart
    }

    /// The UTC offset a post writes its times in: +06:00 in Kyrgyzstan, +05:00 elsewhere
    /// (Kazakhstan has used one zone, UTC+5, since 2024); now and then a post sends UTC.
    static func offset(_ p: Post, _ r: inout DemoRandom) -> Int32 {
        if r.chance(0.02) { return 0 }
        return p.country == "KG" ? 21_600 : 18_000
    }

    func postIndex(in regions: [(Region, Double)], _ r: inout DemoRandom) -> Int {
        r.pick(byRegion[r.weighted(regions)]!)
    }

    /// Observed and reported times: reported at `sent`, observed minutes to hours (rarely days) before.
    private func times(_ p: Post, sent: Int64, _ r: inout DemoRandom) -> (Timestamp, Timestamp) {
        let lag: Int64
        switch r.weighted([(0, 0.7), (1, 0.25), (2, 0.05)]) {
        case 0: lag = Int64(r.int(300...5_400))
        case 1: lag = Int64(r.int(5_400...43_200))
        default: lag = Int64(r.int(86_400...432_000))
        }
        let off = ReportFactory.offset(p, &r)
        let observed = (sent - lag) / 60 * 60
        return (Timestamp(seconds: observed, offsetSeconds: off), Timestamp(seconds: sent, offsetSeconds: off))
    }

    private func near(_ p: Post, _ r: inout DemoRandom, spread: Double = 0.15) -> (Double, Double) {
        (rounded(min(89.9, max(-89.9, p.lat + r.uniform(-spread, spread))), 4),
         rounded(min(179.9, max(-179.9, p.lon + r.uniform(-spread, spread))), 4))
    }

    private func people(_ r: inout DemoRandom, _ n: Int, from candidates: [String]) -> [String] {
        var pool = candidates.filter { Countries.isAlpha2($0) }
        var out: [String] = []
        while out.count < n, !pool.isEmpty {
            let c = pool.remove(at: r.int(0...(pool.count - 1)))
            if !out.contains(c) { out.append(c) }
        }
        return out
    }

    private func arrested(_ r: inout DemoRandom, _ t: Transport) -> Int {
        if t == .postal { return r.chance(0.8) ? 0 : 1 }
        let many = r.int(4...8)
        return r.weighted([(0, 0.35), (1, 0.35), (2, 0.18), (3, 0.07), (many, 0.05)])
    }

    private static func tlp(_ r: inout DemoRandom, red: Double = 0.05) -> TLP? {
        r.weighted([(nil, 1 - red - 0.13), (.green, 0.1), (.clear, 0.03), (.red, red)])
    }

    /// Origin, transit and destination for a seizure at `p`.
    private func route(_ profile: SeizureProfile, at p: Post, _ r: inout DemoRandom) -> (String?, [String], String?) {
        switch profile.flow {
        case .toAfghanistan(let routes):
            let fits = routes.filter { $0.dropFirst().contains(p.country) }
            let path = fits.isEmpty ? ["CN", p.country] : r.pick(fits)
            return (path[0], Array(path.dropFirst()), "AF")
        case .outbound(let routes):
            let origin = r.weighted(profile.origins)
            var path = [origin] + (r.pick(routes.filter { $0.contains(p.country) } + [[]])).filter { $0 != origin }
            if !path.contains(p.country) { path += [p.country] + (p.country == "KZ" ? ["RU"] : ["KZ", "RU"]) }
            let at = path.firstIndex(of: p.country)!
            var to = path.count - 1
            if at < to, r.chance(0.25) { to = r.int((at + 1)...to) }
            if at > 0, r.chance(0.1) { to = at }
            if to == 0 { return (origin, [], r.pick(["RU", "KZ"].filter { $0 != origin })) }
            return (origin, Array(path[1..<to]), path[to])
        }
    }

    /// A seizure sent at `sent` (UTC seconds).
    func seizure(sent: Int64, _ r: inout DemoRandom) -> Report {
        let profile = seizureProfiles[r.weighted(profileWeights)]
        let opiate = profile.canonical == "heroin" || profile.canonical == "opium"
        let pi = opiate && sent >= surgeStart && !surgePosts.isEmpty && r.chance(0.5)
            ? r.pick(surgePosts) : postIndex(in: profile.regions, &r)
        let p = posts[pi]
        let ru = r.chance(0.62)
        let name = varyCase(r.pick(profile.names), &r)
        let (quantity, unit) = profile.quantity(&r)
        let precursor: Bool
        if case .toAfghanistan = profile.flow { precursor = true } else { precursor = false }
        let substance = SubstanceCatalog.standard.substance(named: profile.canonical)
        // Bulk decides how it can travel: no parcel or pocket holds 50 kg, no car a tonne.
        let kg = KilogramEquivalent.of(quantity: quantity, unit: unit, substance: substance) ?? quantity / 5_000
        var transport: Transport = .road
        if kg <= 5, r.chance(profile.postal) { transport = .postal }
        else if Region.seaport.contains(p) { transport = .sea }
        else if DemoText.railCrossings.contains(p.code), r.chance(kg > 300 ? 0.6 : 0.3) { transport = .rail }
        else if p.neighbour == "AF", !precursor, kg <= 150, r.chance(0.35) { transport = r.pick([.river, .pedestrian, .packAnimal]) }
        else if !precursor, kg <= 3, r.chance(0.1) { transport = .pedestrian }
        if transport == .pedestrian, kg > 40 { transport = .packAnimal }
        var choices = DemoText.conveyances[transport] ?? [("грузовик", "truck")]
        if transport == .road, kg > 80 || precursor { choices = Array(choices.prefix(DemoText.truckCount)) }
        let pickIndex = r.int(0...(choices.count - 1))
        let conv = choices[pickIndex]
        let convName = ru ? conv.0 : conv.1
        let truck = transport == .road && pickIndex < DemoText.truckCount
        let bus = transport == .road && pickIndex >= choices.count - DemoText.busCount && choices.count > DemoText.truckCount
        let cls: String
        switch transport {
        case .postal: cls = "parcel"
        case .rail: cls = "rail"
        case .sea: cls = "sea"
        case .river, .packAnimal: cls = "river"
        case .pedestrian: cls = "body"
        default: cls = precursor && r.chance(0.8) ? "precursor" : truck ? "cargo" : (bus && kg < 3 && r.chance(0.5) ? "body" : "car")
        }
        let hide = r.pick(DemoText.concealments[cls]!)
        let (origin, transit, destination) = route(profile, at: p, &r)
        var vehicle: String? = nil
        switch transport {
        case .road:
            let reg = r.weighted([(p.country, 0.5), (p.neighbour.isEmpty ? p.country : p.neighbour, 0.3), ("RU", 0.1), (origin ?? "KZ", 0.1)])
            vehicle = DemoText.plate(reg, &r)
        case .rail: vehicle = r.pick(["5", "6", "9"]) + r.digits(7)
        case .sea: vehicle = r.pick(["паром «Барс»", "MV Beyneu", "паром «Professor Gül»", "MV Shahdag"])
        default: break
        }
        let held = arrested(&r, transport)
        let nats = people(&r, held, from: [p.country, p.neighbour, origin ?? "", destination ?? "", "RU", "AF"])
        let (observed, reported) = times(p, sent: sent, &r)
        let scale = precursor ? 10.0 : 1.0
        let severity: Severity? = kg >= 500 * scale ? .critical : kg >= 50 * scale ? .high : (r.chance(0.15) ? .medium : nil)
        let coords = r.chance(transport == .river || transport == .packAnimal ? 0.8 : 0.35) ? near(p, &r) : nil
        let q = JSONText.number(quantity) + " " + unitWord(unit, russian: ru)
        var summary = ru
            ? "При досмотре (\(convName)\(vehicle.map { ", \($0)" } ?? "")) \(hide.0) обнаружено \(q) вещества «\(name)»."
            : "Inspection (\(convName)\(vehicle.map { ", \($0)" } ?? "")): \(q) of \(name) found \(hide.1)."
        if held > 0 {
            summary += ru ? " Задержано: \(held) чел. (\(nats.joined(separator: ", ")))." : " \(held) detained (\(nats.joined(separator: ", ")))."
        }
        if let origin, let destination, r.chance(0.5) {
            summary += ru ? " Маршрут: \(origin) → \(destination)." : " Route: \(origin) → \(destination)."
        }
        if r.chance(0.06) { summary += ru ? "\nНазначена экспертиза.\nВозбуждено уголовное дело." : "\nSent for forensic analysis.\nCriminal case opened." }
        var extras: [(String, JSONValue)] = []
        if r.chance(0.05) {
            if let range = profile.purity { extras.append(("purity_pct", .double(rounded(r.uniform(range.lowerBound, range.upperBound), 1)))) }
            if let range = profile.priceUSDPerKg, r.chance(0.7) { extras.append(("price_usd_per_kg", .int(Int64(r.uniform(range.lowerBound, range.upperBound) / 50) * 50))) }
            if extras.isEmpty || r.chance(0.5) { extras.append(("lab_ref", .string((ru ? "ЭКЦ-" : "FSL-") + p.country + "/" + r.digits(5)))) }
        }
        return Report(
            id: "", post: p.code, type: .seizure, observedAt: observed, reportedAt: reported,
            lat: coords?.0, lon: coords?.1, place: r.chance(0.55) ? DemoText.place(near: p, &r, russian: ru) : nil,
            substance: name, quantity: quantity, unit: unit,
            origin: r.chance(0.9) ? origin : nil, destination: r.chance(0.75) ? destination : nil,
            transit: r.chance(0.6) ? transit : [], transport: r.chance(0.93) ? transport : nil,
            conveyance: r.chance(0.85) ? convName : nil, concealment: r.chance(0.8) ? (ru ? hide.0 : hide.1) : nil,
            vehicle: vehicle, arrested: held > 0 || r.chance(0.5) ? held : nil, nationalities: nats,
            severity: severity, summary: r.chance(0.9) ? summary : nil, tlp: ReportFactory.tlp(&r),
            extraJSON: extras.isEmpty ? nil : JSONValue.object(extras.sorted { $0.0 < $1.0 }).serialized())
    }

    /// An incident: smuggling attempt, border violation, armed contact, document fraud…
    func incident(sent: Int64, _ r: inout DemoRandom) -> Report {
        let kind = DemoText.incidents[r.weighted(incidentWeights)]
        let p = posts[postIndex(in: [(kind.region, 0.8), (.any, 0.2)], &r)]
        let ru = r.chance(0.62)
        let (observed, reported) = times(p, sent: sent, &r)
        let held = kind.severities.first?.0 == .high ? 0 : r.weighted([(0, 0.4), (1, 0.4), (2, 0.15), (3, 0.05)])
        let nats = people(&r, held, from: [p.neighbour, p.country, "AF", "RU"])
        let coords = p.neighbour == "AF" && r.chance(0.6) ? near(p, &r, spread: 0.3) : nil
        var extras: [(String, JSONValue)] = []
        if r.chance(0.04) { extras.append(r.chance(0.5) ? ("operation", .string("Канал — Центр")) : ("weapons_seized", .int(Int64(r.int(1...6))))) }
        return Report(
            id: "", post: p.code, type: .incident, observedAt: observed, reportedAt: reported,
            lat: coords?.0, lon: coords?.1, place: r.chance(0.6) ? DemoText.place(near: p, &r, russian: ru) : nil,
            arrested: held > 0 || r.chance(0.3) ? held : nil, nationalities: nats,
            severity: r.weighted(kind.severities), summary: ru ? kind.ru : kind.en, tlp: ReportFactory.tlp(&r, red: 0.1),
            extraJSON: extras.isEmpty ? nil : JSONValue.object(extras).serialized())
    }

    /// A tip from the public or a source.
    func tip(sent: Int64, _ r: inout DemoRandom) -> Report {
        let p = posts[postIndex(in: [(.afghanFront, 0.4), (.kazakhKyrgyz, 0.2), (.any, 0.4)], &r)]
        let ru = r.chance(0.62)
        let (observed, reported) = times(p, sent: sent, &r)
        let profile = seizureProfiles[r.weighted(profileWeights)]
        let name = varyCase(r.pick(profile.names), &r)
        let place = DemoText.place(near: p, &r, russian: ru)
        let plate = DemoText.plate(r.chance(0.7) ? p.country : (p.neighbour.isEmpty ? "RU" : p.neighbour), &r)
        let aboutVehicle = r.chance(0.35)
        let summary = aboutVehicle
            ? (ru ? "Источник сообщает: водитель ТС \(plate) перевозит «\(name)» в тайнике." : "Source reports vehicle \(plate) carries \(name) in a cache.")
            : (ru ? "Анонимное сообщение: ожидается переправка партии «\(name)», \(place)." : "Anonymous tip: a consignment of \(name) is expected to cross near \(place).")
        return Report(
            id: "", post: p.code, type: .tip, observedAt: observed, reportedAt: reported,
            place: r.chance(0.7) ? place : nil, substance: r.chance(0.6) ? name : nil,
            vehicle: aboutVehicle ? plate : nil,
            severity: r.weighted([(.low, 0.5), (.medium, 0.35), (.high, 0.15)]), summary: summary,
            tlp: r.weighted([(nil, 0.5), (.red, 0.4), (.green, 0.1)]))
    }

    /// The routine situation report a post sends every few hours: its heartbeat.
    func sitrep(post pi: Int, sent: Int64, _ r: inout DemoRandom) -> Report {
        let p = posts[pi]
        let ru = r.chance(0.62)
        let off = ReportFactory.offset(p, &r)
        let (v, persons, queue) = (r.int(20...600), r.int(80...2_500), r.int(0...9))
        var severity = Severity.info
        var (text, en) = r.pick(DemoText.sitreps)
        if DemoText.passes.contains(p.code), r.chance(0.1) {
            (text, en, severity) = ("Снегопад, перевал закрыт для движения.", "Snowfall, the pass is closed to traffic.", .low)
        } else if r.chance(0.02) {
            (text, en, severity) = ("Перебои с электропитанием, работаем от генератора.", "Power outage, running on the generator.", .low)
        }
        func fill(_ s: String) -> String {
            s.replacingOccurrences("{v}", String(v)).replacingOccurrences("{p}", String(persons)).replacingOccurrences("{q}", String(queue))
        }
        let extras = r.chance(0.05) ? JSONValue.object([("persons_processed", .int(Int64(persons))), ("trucks_queued", .int(Int64(queue * 9)))]).serialized() : nil
        return Report(
            id: "", post: p.code, type: .sitrep,
            observedAt: Timestamp(seconds: (sent - Int64(r.int(0...300))) / 60 * 60, offsetSeconds: off),
            reportedAt: Timestamp(seconds: sent, offsetSeconds: off),
            severity: severity, summary: fill(ru ? text : en), tlp: r.chance(0.5) ? .green : nil, extraJSON: extras)
    }
}

extension String {
    /// `self` with every `target` replaced (no Foundation).
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        var out = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
