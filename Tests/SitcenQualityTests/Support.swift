import SitcenDomain
@testable import SitcenQuality

/// The centre's zone in these tests: UTC+5.
let centre: Int32 = 18_000

func at(_ text: String) -> Timestamp {
    guard let t = Timestamp.parse(text) else { fatalError("bad time in a test: \(text)") }
    return t
}

func post(_ code: String, sector: String = "S1", every: Int64 = 86_400, grace: Int64 = 7_200,
          from: Timestamp? = nil, until: Timestamp? = nil) -> Post {
    Post(code: code, nameEn: code, nameRu: code, country: "KZ", neighbour: "", kind: .bcp, sector: sector,
         lat: 43, lon: 70, reportEvery: every, reportGrace: grace, expectedFrom: from, expectedUntil: until)
}

nonisolated(unsafe) var nextSeq: Int64 = 0

/// A report of `post` observed at `observed` and sent at `sent`.
func fact(_ post: String, _ id: String, observed: String, sent: String, type: ReportType = .sitrep,
          revision: Int = 0, superseded: Bool = false, substance: String? = nil, kg: Double? = nil,
          position: Bool = false, origin: Bool = false, destination: Bool = false, transport: Bool = false,
          sourceClass: String? = nil) -> ReportFact {
    nextSeq += 1
    return ReportFact(seq: nextSeq, post: post, id: id, revision: revision, type: type, observed: at(observed), sent: at(sent),
                      superseded: superseded, hasPosition: position, hasOrigin: origin, hasDestination: destination,
                      hasTransport: transport, substance: substance, kilograms: kg, sourceClass: sourceClass)
}

/// QualityQueries over arrays.
struct FakeQueries: QualityQueries {
    var facts: [ReportFact] = []
    var contacts: [String: Timestamp] = [:]
    var weekly: [WeeklyTotal] = []
    var first: Timestamp? = nil

    func reportFacts(observedFrom from: Timestamp, to: Timestamp, posts: [String]?) throws -> [ReportFact] {
        facts.filter { $0.observed >= from && $0.observed < to && (posts?.contains($0.post) ?? true) }
    }
    func lastContacts(until: Timestamp) throws -> [String: Timestamp] { contacts.filter { $0.value <= until } }
    func weeklySeizures(by dimension: SeriesDimension, before: Timestamp, offset: Int32, sector: String?) throws -> [WeeklyTotal] {
        weekly
    }
    func firstSeizureObserved(sector: String?) throws -> Timestamp? { first }
}

func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
}
