import SitcenDomain
import SitcenText

/// Turns one record's fields (from a JSON object, or a CSV row converted to the same shape)
/// into a `Report`, collecting every problem on the way. Semantic checks that need no JSON
/// (lengths, ranges, the registry) are `ReportValidation`'s.
public enum RecordDecoder {
    public static func decode(_ members: [(String, JValue)], registry: Registry?) -> (Report?, [Problem]) {
        var f = Fields()
        var problems: [Problem] = []
        var extras: [(String, JValue)] = []
        for (name, value) in members {
            if case .null = value { continue }             // null is "not given"
            if !f.set(name, value, &problems) { extras.append((name, value)) }
        }
        if f.id == nil && !f.given(0) { problems.append(Problem(field: "id", "`id` is missing")) }
        if f.post == nil && !f.given(1) { problems.append(Problem(field: "post", "`post` is missing")) }
        if f.type == nil && !f.given(2) { problems.append(Problem(field: "type", "`type` is missing")) }
        if f.observedAt == nil && !f.given(3) { problems.append(Problem(field: "observed_at", "`observed_at` is missing")) }
        // Semantic checks run even when a required field is missing or malformed, so that one
        // reason lists everything wrong; stand-ins fill the gaps and their problems are dropped.
        let complete = f.id != nil && f.post != nil && f.type != nil && f.observedAt != nil
        let extraJSON = extras.isEmpty ? nil : Canonical.json(.object(extras))
        let r = Report(id: f.id ?? "-", post: f.post ?? "-", type: f.type ?? .sitrep,
                       observedAt: f.observedAt ?? Timestamp(millis: 0), reportedAt: f.reportedAt,
                       lat: f.lat, lon: f.lon, place: f.place, substance: f.substance,
                       quantity: f.quantity, unit: f.unit, origin: f.origin, destination: f.destination,
                       transit: f.transit, transport: f.transport, conveyance: f.conveyance,
                       concealment: f.concealment, vehicle: f.vehicle, arrested: f.arrested,
                       nationalities: f.nationalities, severity: f.severity, summary: f.summary,
                       tlp: f.tlp, revision: f.revision, retracted: f.retracted, extraJSON: extraJSON)
        let flagged = Set(problems.compactMap(\.field))
        problems += ReportValidation.problems(r, registry: registry).filter { p in
            guard let field = p.field else { return true }
            return !flagged.contains(field)
        }
        return (problems.isEmpty && complete ? r : nil, problems)
    }
}

/// The fields of one record while it is decoded.
struct Fields {
    /// Bits of the fields given, by their index in `FeedField.all` (0 id, 1 post, 2 type, 3 observed_at).
    private var givenBits: UInt32 = 0
    func given(_ index: Int) -> Bool { givenBits & (1 << index) != 0 }
    var id: String?, post: String?, type: ReportType?, observedAt: Timestamp?, reportedAt: Timestamp?
    var lat: Double?, lon: Double?, place: String?, substance: String?, quantity: Double?
    var unit: QuantityUnit?, origin: String?, destination: String?, transit: [String] = []
    var transport: Transport?, conveyance: String?, concealment: String?, vehicle: String?
    var arrested: Int?, nationalities: [String] = [], severity: Severity?, summary: String?
    var tlp: TLP?, revision = 0, retracted = false

    /// Sets the feed field `name`; false when `name` is not a feed field (an extra).
    mutating func set(_ name: String, _ v: JValue, _ problems: inout [Problem]) -> Bool {
        func bad(_ expected: String) {
            problems.append(Problem(field: name, "`\(name)` is \(Show.value(v)), must be \(expected)"))
        }
        func text() -> String? {
            if case .string(let s) = v { return s }
            bad("text"); return nil
        }
        func number() -> Double? {
            if case .number(let d, _) = v { return d }
            bad("a number"); return nil
        }
        func integer() -> Int? {
            if case .number(let d, let integral) = v, integral, abs(d) < 1e15 { return Int(d) }
            bad("a whole number"); return nil
        }
        func choice<E: RawRepresentable & CaseIterable>(_: E.Type) -> E? where E.RawValue == String {
            if case .string(let s) = v, let e = E(rawValue: s) { return e }
            bad("one of " + E.allCases.map(\.rawValue).joined(separator: ", ")); return nil
        }
        func time() -> Timestamp? {
            if case .string(let s) = v, let t = Timestamp.parse(s) { return t }
            if case .string(let s) = v, let why = Timestamp.problem(s) {
                problems.append(Problem(field: name, "`\(name)` is \(Show.value(v)), \(why)"))
            } else { bad("an RFC 3339 time (text)") }
            return nil
        }
        func country() -> String? {
            if case .string(let s) = v { return s }
            bad("an ISO 3166-1 alpha-2 code (text)"); return nil
        }
        func countries() -> [String] {
            if case .array(let items) = v {
                var out: [String] = []
                for item in items {
                    guard case .string(let s) = item else { bad("a list of ISO 3166-1 alpha-2 codes"); return [] }
                    out.append(s)
                }
                return out
            }
            bad("a list of ISO 3166-1 alpha-2 codes"); return []
        }
        func mark(_ i: Int) { givenBits |= 1 << i }
        switch name {
        case "id": mark(0); id = text()
        case "post": mark(1); post = text()
        case "type": mark(2); type = choice(ReportType.self)
        case "observed_at": mark(3); observedAt = time()
        case "reported_at": reportedAt = time()
        case "lat": lat = number()
        case "lon": lon = number()
        case "place": place = text()
        case "substance": substance = text()
        case "quantity": quantity = number()
        case "unit": unit = choice(QuantityUnit.self)
        case "origin": origin = country()
        case "destination": destination = country()
        case "transit": transit = countries()
        case "transport": transport = choice(Transport.self)
        case "conveyance": conveyance = text()
        case "concealment": concealment = text()
        case "vehicle": vehicle = text()
        case "arrested": arrested = integer()
        case "nationalities": nationalities = countries()
        case "severity": severity = choice(Severity.self)
        case "summary": summary = text()
        case "tlp": tlp = choice(TLP.self)
        case "revision": revision = integer() ?? 0
        case "retracted":
            if case .bool(let b) = v { retracted = b } else { bad("true or false") }
        default: return false
        }
        return true
    }
}

/// Values quoted in reasons: safe for a terminal, and short.
enum Show {
    static func value(_ v: JValue) -> String {
        switch v {
        case .string(let s): return "\"" + TextSafety.terminal(s).truncated(toWidth: 40) + "\""
        case .number(let d, _): return JSONText.number(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}
