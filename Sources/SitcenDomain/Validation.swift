import SitcenText

/// One thing wrong with a record, in words a duty officer can act on.
public struct Problem: Sendable, Equatable, CustomStringConvertible {
    /// The feed field at fault, when there is one.
    public var field: String?
    public var message: String
    public init(field: String?, _ message: String) { self.field = field; self.message = message }
    public var description: String { message }
}

/// Checks a decoded report against the feed format's rules and the posts registry.
/// It returns every problem, not only the first, so one quarantine entry says all that is wrong.
public enum ReportValidation {

    public static func problems(_ r: Report, registry: Registry?) -> [Problem] {
        var out: [Problem] = []
        if !isValidID(r.id) {
            out.append(Problem(field: "id", "`id` is \(show(r.id)), must be 1–64 characters of A–Z a–z 0–9 . _ : -"))
        }
        if let registry, !registry.contains(r.post) {
            out.append(Problem(field: "post", "unknown post \(show(r.post)): it is not in the posts registry (check the code, or add the post and retry)"))
        }
        if r.type == .seizure {
            if r.substance == nil || r.substance!.trimmingSpaces().isEmpty {
                out.append(Problem(field: "substance", "`substance` is missing; a seizure must name what was seized"))
            }
            if r.quantity == nil { out.append(Problem(field: "quantity", "`quantity` is missing; a seizure must give an amount")) }
            if r.unit == nil { out.append(Problem(field: "unit", "`unit` is missing; a seizure must give a unit (g, kg, t, ml, l, tablets, doses, units)")) }
        }
        if let q = r.quantity, !(q > 0) || !q.isFinite {
            out.append(Problem(field: "quantity", "`quantity` is \(JSONText.number(q)), must be > 0"))
        }
        if let lat = r.lat, !(-90...90).contains(lat) {
            out.append(Problem(field: "lat", "`lat` is \(JSONText.number(lat)), must be between −90 and 90"))
        }
        if let lon = r.lon, !(-180...180).contains(lon) {
            out.append(Problem(field: "lon", "`lon` is \(JSONText.number(lon)), must be between −180 and 180"))
        }
        if (r.lat == nil) != (r.lon == nil) {
            out.append(Problem(field: r.lat == nil ? "lat" : "lon", "`lat` and `lon` come together: only `\(r.lat == nil ? "lon" : "lat")` is given"))
        }
        func checkLength(_ name: String, _ value: String?, _ limit: Int) {
            // Cheap first: a string of at most `limit` UTF-8 bytes has at most `limit` characters.
            guard let s = value, s.utf8.count > limit, s.count > limit else { return }
            out.append(Problem(field: name, "`\(name)` is \(s.count) characters long, at most \(limit) allowed"))
        }
        checkLength("place", r.place, 200); checkLength("substance", r.substance, 80)
        checkLength("conveyance", r.conveyance, 80); checkLength("concealment", r.concealment, 200)
        checkLength("vehicle", r.vehicle, 40); checkLength("summary", r.summary, 2000)
        func checkCountry(_ name: String, _ value: String?) {
            if let v = value, !Countries.isAlpha2(v) {
                out.append(Problem(field: name, "`\(name)` is \(show(v)), must be an ISO 3166-1 alpha-2 country code such as AF or KZ"))
            }
        }
        func checkCountries(_ name: String, _ list: [String]) {
            guard !list.allSatisfy(Countries.isAlpha2) else { return }
            let bad = list.filter { !Countries.isAlpha2($0) }
            out.append(Problem(field: name, "`\(name)` holds \(bad.map(show).joined(separator: ", ")), each must be an ISO 3166-1 alpha-2 country code"))
        }
        checkCountry("origin", r.origin); checkCountry("destination", r.destination)
        checkCountries("transit", r.transit); checkCountries("nationalities", r.nationalities)
        if let a = r.arrested, a < 0 {
            out.append(Problem(field: "arrested", "`arrested` is \(a), must be 0 or more"))
        }
        if r.revision < 0 {
            out.append(Problem(field: "revision", "`revision` is \(r.revision), must be 0 or more"))
        }
        return out
    }

    public static func isValidID(_ id: String) -> Bool {
        let u = id.utf8
        guard !u.isEmpty, u.count <= 64 else { return false }
        for b in u {
            switch b {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2E, 0x5F, 0x3A, 0x2D: continue
            default: return false
            }
        }
        return true
    }

    /// A value quoted for a reason: made safe, and cut if long.
    public static func show(_ s: String) -> String {
        "\"" + TextSafety.terminal(s).truncated(toWidth: 60) + "\""
    }
}

/// ISO 3166-1 alpha-2 codes.
public enum Countries {
    public static func isAlpha2(_ s: String) -> Bool {
        s.utf8.count == 2 && codes.contains(s)
    }

    public static let codes: Set<String> = Set("""
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS \
    BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE \
    EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM \
    HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC \
    LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA \
    NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW \
    SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO \
    TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK
    """.split(separator: " ").map(String.init))
}
