import Foundation
import SitcenDemo
import SitcenDomain
import SitcenFeed
import SitcenIngest
import SitcenStore
import SitcenTestSupport
import Testing
@testable import SitcenRemote

/// What the centre sends is what the console shows: every stored report (corrections, extras,
/// Cyrillic, hostile text from the demo's faults) survives the trip through the API's JSON and
/// the cache, and the cache answers the console's queries as the centre's store does.
@Suite struct RemoteJSONTests {
    @Test func everyReportRoundTripsThroughTheAPIAndTheCache() throws {
        let registry = try TestStore.sampleRegistry()
        let end = Timestamp.parse("2026-11-20T12:00:00Z")!
        let lines = Array(DemoGenerator(registry: registry, seed: 5, count: 1500, days: 20, end: end, faults: true))
        let (centre, dir) = try TestStore.make("remote-json")
        let feed = dir.appendingPathComponent("demo.jsonl")
        try Data(lines.map { $0 + [0x0A] }.joined()).write(to: feed)
        _ = try Ingestor(store: centre, registry: registry).ingest(path: feed.path)
        let stored = try centre.reports(ReportQuery(includeSuperseded: true, limit: 0, newestFirst: false))
        #expect(stored.count > 1400)

        var decoded: [LoggedReport] = []
        for l in stored {
            let bytes = Array(ReportJSON.object(l).serialized().utf8)
            let back = try RemoteJSON.report(try #require(JObject(bytes: bytes)))
            #expect(back == l, "seq \(l.seq)")
            decoded.append(back)
        }
        let cache = try SQLiteStore(path: dir.appendingPathComponent("cache.sqlite").path)
        // Delivered in pieces, one piece twice (a reconnect that repeats itself).
        #expect(try cache.mirror(Array(decoded[..<700])) == 700)
        #expect(try cache.mirror(Array(decoded[600...])) == decoded.count - 700)
        #expect(try cache.allSeqs() == stored.map(\.seq))
        var opiates = ReportQuery(limit: 0)
        opiates.categories = [.opiates]
        for q in [ReportQuery(limit: 0), ReportQuery(includeSuperseded: true, limit: 0, newestFirst: false),
                  ReportQuery(sector: "KZ-EAST", limit: 50), opiates] {
            #expect(try cache.reports(q) == centre.reports(q))
        }
        #expect(try cache.postStatus().map(\.post) == centre.postStatus().map(\.post))
        #expect(try cache.postStatus().map(\.lastSeq) == centre.postStatus().map(\.lastSeq))
        let since = end.adding(seconds: -30 * 86_400)
        #expect(try cache.dailyCounts(by: .category, since: since, offset: 18_000)
                == centre.dailyCounts(by: .category, since: since, offset: 18_000))
        #expect(try cache.topRoutes(since: since) == centre.topRoutes(since: since))
    }

    @Test func aCorrectionArrivingAfterItsOriginalSupersedesItInTheCache() throws {
        let registry = try TestStore.sampleRegistry()
        let (centre, dir) = try TestStore.make("remote-corr")
        _ = try Ingestor(store: centre, registry: registry).ingest(path: try TestStore.write(
            [TestStore.line(id: "a"), TestStore.line(id: "a", revision: 1, quantity: 3)], to: dir, name: "f.jsonl"))
        let rows = try centre.reports(ReportQuery(includeSuperseded: true, limit: 0, newestFirst: false))
        let cache = try SQLiteStore(path: dir.appendingPathComponent("cache.sqlite").path)
        // The original as it was sent live (not yet superseded), then its correction.
        var original = rows[0]; original.superseded = false
        try cache.mirror([original])
        try cache.mirror([rows[1]])
        #expect(try cache.reports(ReportQuery(limit: 0)).map(\.report.revision) == [1])
        #expect(try cache.history(post: "KZ-KHR", id: "a").count == 2)
    }
}
