import Foundation
import Testing
import SitcenDomain
import SitcenIngest
import SitcenQuality
import SitcenStore
import SitcenTestSupport

/// The store's side of the quality board and the forecasts.
@Suite struct QualityQueriesTests {
    static let received = Timestamp.parse("2026-11-25T12:00:00Z")!

    static func store(_ lines: [String]) throws -> SQLiteStore {
        let (store, dir) = try TestStore.make("quality")
        var ingestor = Ingestor(store: store, registry: try TestStore.sampleRegistry())
        ingestor.clock = { received }
        _ = try ingestor.ingest(path: try TestStore.write(lines, to: dir, name: "feed.jsonl"))
        return store
    }

    static func seizure(_ id: String, _ observed: String, kg: Double = 1, revision: Int = 0, extra: String = "",
                        post: String = "KZ-KHR") -> String {
        #"{"id":"\#(id)","post":"\#(post)","type":"seizure","observed_at":"\#(observed)","substance":"героин","quantity":\#(kg),"unit":"kg","revision":\#(revision)\#(extra)}"#
    }

    @Test func factsCarryEveryRevisionAndTheSendingTime() throws {
        let store = try Self.store([
            Self.seizure("a", "2026-11-20T10:00:00+05:00", extra: #","reported_at":"2026-11-20T10:30:00+05:00","lat":44.1,"lon":80.2,"source_class":"open_source""#),
            Self.seizure("a", "2026-11-20T10:00:00+05:00", kg: 2, revision: 1, extra: #","origin":"AF","transport":"road""#),
            #"{"id":"s","post":"TJ-PNP","type":"sitrep","observed_at":"2026-11-21T08:00:00+05:00"}"#,
        ])
        let t0 = Timestamp.parse("2026-11-20T00:00:00+05:00")!, t1 = Timestamp.parse("2026-11-22T00:00:00+05:00")!
        let facts = try store.reportFacts(observedFrom: t0, to: t1, posts: nil)
        #expect(facts.count == 3)
        let first = try #require(facts.first { $0.id == "a" && $0.revision == 0 })
        #expect(first.superseded && first.hasPosition && !first.hasOrigin)
        #expect(first.sent.millis == Timestamp.parse("2026-11-20T10:30:00+05:00")!.millis)
        #expect(first.sourceClass == "open_source")
        #expect(first.substance == "heroin" && first.kilograms == 1)
        let second = try #require(facts.first { $0.id == "a" && $0.revision == 1 })
        #expect(!second.superseded && second.hasOrigin && second.hasTransport && !second.hasDestination)
        // No reported_at: the centre's receipt time stands in.
        #expect(second.sent.millis == Self.received.millis)
        #expect(try store.reportFacts(observedFrom: t0, to: t1, posts: ["TJ-PNP"]).map(\.id) == ["s"])
        #expect(try store.reportFacts(observedFrom: t0, to: t1, posts: []).isEmpty)
        let contacts = try store.lastContacts(until: Self.received)
        #expect(contacts["KZ-KHR"]?.millis == Self.received.millis)
        #expect(try store.lastContacts(until: Timestamp.parse("2026-11-21T00:00:00Z")!)["KZ-KHR"]?.millis == Timestamp.parse("2026-11-20T10:30:00+05:00")!.millis)
    }

    @Test func weeksAreCutAtMondayMidnightInTheZone() throws {
        let store = try Self.store([
            Self.seizure("sun", "2026-11-22T23:30:00+05:00", kg: 2),   // Sunday night: week of the 16th
            Self.seizure("mon", "2026-11-22T19:10:00Z", kg: 3),         // Monday 00:10 at UTC+5: week of the 23rd
            Self.seizure("old", "2026-11-23T10:00:00+05:00"),
            Self.seizure("old", "2026-11-23T10:00:00+05:00", kg: 5, revision: 1),   // only the correction counts
            Self.seizure("gone", "2026-11-24T10:00:00+05:00", kg: 9),
            Self.seizure("gone", "2026-11-24T10:00:00+05:00", kg: 9, revision: 1, extra: #","retracted":true"#),
            Self.seizure("x", "2026-11-25T10:00:00+05:00", post: "TJ-PNP"),
        ])
        let before = Timestamp.parse("2026-11-30T00:00:00+05:00")!
        let totals = try store.weeklySeizures(by: .post, before: before, offset: 18_000, sector: nil)
        let khr = totals.filter { $0.key == "KZ-KHR" }.sorted { $0.monday < $1.monday }
        #expect(khr.map { QualityCalendar.date(day: $0.monday) } == ["2026-11-16", "2026-11-23"])
        #expect(khr.map(\.seizures) == [1, 2])
        #expect(khr.map(\.kilograms) == [2, 8])
        // In UTC both of the first two fall on Sunday the 22nd.
        let utc = try store.weeklySeizures(by: .post, before: before, offset: 0, sector: nil).filter { $0.key == "KZ-KHR" }
        #expect(utc.first { QualityCalendar.date(day: $0.monday) == "2026-11-16" }?.seizures == 2)
        #expect(try store.weeklySeizures(by: .category, before: before, offset: 18_000, sector: "TJ-SOUTH").map(\.key) == ["opiates"])
        #expect(try store.weeklySeizures(by: .substance, before: Timestamp.parse("2026-11-23T00:00:00+05:00")!, offset: 18_000, sector: nil).map(\.seizures) == [1])
        #expect(try store.firstSeizureObserved(sector: nil)?.millis == Timestamp.parse("2026-11-22T23:30:00+05:00")!.millis)
        #expect(try store.firstSeizureObserved(sector: "TJ-SOUTH")?.millis == Timestamp.parse("2026-11-25T10:00:00+05:00")!.millis)
    }
}
