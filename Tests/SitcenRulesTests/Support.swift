import Foundation
import SitcenDomain
@testable import SitcenRules

/// A small registry: two Kazakh posts in one sector, two Tajik posts in two sectors.
let testRegistry = Registry(posts: [
    Post(code: "KZ-KHR", nameEn: "Khorgos", nameRu: "Хоргос", country: "KZ", neighbour: "CN", kind: .bcp, sector: "KZ-EAST", lat: 44.21, lon: 80.34),
    Post(code: "KZ-DOS", nameEn: "Dostyk", nameRu: "Достык", country: "KZ", neighbour: "CN", kind: .bcp, sector: "KZ-EAST", lat: 45.25, lon: 82.48),
    Post(code: "TJ-PNP", nameEn: "Panji Poyon", nameRu: "Нижний Пяндж", country: "TJ", neighbour: "AF", kind: .bcp, sector: "TJ-SOUTH", lat: 37.24, lon: 68.58),
    Post(code: "TJ-ISH", nameEn: "Ishkashim", nameRu: "Ишкашим", country: "TJ", neighbour: "AF", kind: .bcp, sector: "TJ-GBAO", lat: 36.73, lon: 71.61),
])

/// 2026-11-20T00:00:00Z, and a minute and an hour in milliseconds.
let t0: Int64 = 1_795_132_800_000
let minute: Int64 = 60_000
let hour: Int64 = 3_600_000

func at(_ ms: Int64) -> Timestamp { Timestamp(millis: ms) }

/// Builds reports with increasing seqs.
struct Feed {
    var seq: Int64 = 0
    mutating func report(_ post: String = "KZ-KHR", _ type: ReportType = .seizure, at ms: Int64,
                         substance: String? = "heroin", quantity: Double? = 1, unit: QuantityUnit? = .kg,
                         configure: (inout Report) -> Void = { _ in }) -> LoggedReport {
        seq += 1
        var r = Report(id: "r\(seq)", post: post, type: type, observedAt: Timestamp(millis: ms),
                       substance: type == .seizure ? substance : nil, quantity: type == .seizure ? quantity : nil,
                       unit: type == .seizure ? unit : nil)
        configure(&r)
        return LoggedReport.derive(r, seq: seq, receivedAt: Timestamp(millis: ms), source: "test", registry: testRegistry)
    }
}

func rules(_ yaml: String, file: String = "test.yaml") throws -> [Rule] {
    try RuleLoader.load(texts: [(yaml, file)])
}

func errors(_ yaml: String, file: String = "test.yaml") -> [RuleError] {
    RuleLoader.parse(yaml: yaml, file: file).errors
}

func engine(_ yaml: String) throws -> RuleEngine {
    RuleEngine(rules: try rules(yaml), registry: testRegistry)
}

extension Array where Element == AlertEvent {
    var kinds: [AlertEvent.Kind] { map(\.kind) }
    func of(_ k: AlertEvent.Kind) -> [AlertEvent] { filter { $0.kind == k } }
}

extension RuleEngine {
    /// Processes several reports; returns all events.
    mutating func run(_ reports: [LoggedReport]) -> [AlertEvent] {
        var out: [AlertEvent] = []
        for r in reports { process(r, into: &out) }
        return out
    }
}

var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
