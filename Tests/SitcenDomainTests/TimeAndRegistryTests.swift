import Foundation
import Testing
@testable import SitcenDomain

@Suite struct TimestampTests {
    @Test func parsesOffsetsAndFractions() throws {
        let t = try #require(Timestamp.parse("2026-11-20T14:05:00+05:00"))
        #expect(t.millis == 1_795_165_500_000)
        #expect(t.offsetSeconds == 18_000)
        #expect(Timestamp.parse("2026-11-20T09:05:00Z")?.millis == t.millis)
        #expect(Timestamp.parse("2026-11-20t09:05:00.250z")?.millis == t.millis + 250)
        #expect(Timestamp.parse("2026-11-20 09:05:00.1-00:00")?.millis == t.millis + 100)
        #expect(t.rfc3339() == "2026-11-20T14:05:00+05:00")
        #expect(Timestamp.parse("2024-02-29T00:00:00Z") != nil)
    }

    @Test(arguments: ["2026-11-20T14:05:00", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-20T24:00:00Z",
                      "20.11.2026 14:05", "2026-11-20T14:05Z", "", "2026-11-20T14:05:00+5:00", "2025-02-29T00:00:00Z"])
    func rejectsMalformed(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func civilRoundTrip() {
        for days in stride(from: -800_000, to: 800_000, by: 997) {
            let (y, m, d) = Timestamp.civilFromDays(days)
            #expect(Timestamp.daysFromCivil(y, m, d) == days)
        }
    }
}

@Suite struct DurationTests {
    @Test func parses() {
        #expect(DurationText.seconds("90s") == 90)
        #expect(DurationText.seconds("15m") == 900)
        #expect(DurationText.seconds("6h") == 21_600)
        #expect(DurationText.seconds("7d") == 604_800)
        #expect(DurationText.seconds("1h30m") == 5400)
        #expect(DurationText.seconds("2w") == 1_209_600)
        #expect(DurationText.seconds("h") == nil)
        #expect(DurationText.seconds("5x") == nil)
        #expect(DurationText.seconds("") == nil)
        #expect(DurationText.format(seconds: 3_900) == "1h05m")
    }
}

@Suite struct RegistryTests {
    let csv = """
    code,name_en,name_ru,country,neighbour,kind,sector,lat,lon
    KZ-KHR,Khorgos,Хоргос,KZ,CN,bcp,KZ-EAST,44.21,80.34
    "TJ-PNJ","Panji Poyon, river port","Нижний Пяндж",TJ,AF,bcp,TJ-SOUTH,37.24,68.55
    """

    @Test func parsesQuotedFieldsAndSectors() throws {
        let r = try Registry.parseCSV(csv, source: "t.csv")
        #expect(r.posts.count == 2)
        #expect(r.post("TJ-PNJ")?.nameEn == "Panji Poyon, river port")
        #expect(r.sector("KZ-EAST")?.posts == ["KZ-KHR"])
        #expect(r.countries == ["KZ", "TJ"])
    }

    @Test func reportsProblemsWithTheLine() {
        let bad = csv + "\nXX-1,X,X,KZ,CN,tower,S,1,2\n"
        #expect(throws: RegistryError.self) { try Registry.parseCSV(bad, source: "t.csv") }
        do { _ = try Registry.parseCSV(bad, source: "t.csv") } catch {
            #expect("\(error)".contains("t.csv:4"))
            #expect("\(error)".contains("kind"))
        }
    }

    @Test func reportingColumnsHaveDefaults() throws {
        let r = try Registry.parseCSV(csv, source: "t.csv")
        #expect(r.post("KZ-KHR")?.reportEvery == 86_400)
        #expect(r.post("KZ-KHR")?.reportGrace == 7_200)
        #expect(r.post("KZ-KHR")?.expectedFrom == nil)
        let with = """
        code,name_en,name_ru,country,neighbour,kind,sector,lat,lon,report_every,report_grace,expected_from,expected_until
        A,A,А,KZ,CN,bcp,S,44,80,6h,30m,2026-11-18T12:00:00+05:00,
        B,B,Б,KZ,CN,bcp,S,44,80,,,,2026-12-01T00:00:00Z
        """
        let w = try Registry.parseCSV(with, source: "t.csv")
        #expect(w.post("A")?.reportEvery == 21_600)
        #expect(w.post("A")?.reportGrace == 1_800)
        #expect(w.post("A")?.expectedFrom == Timestamp.parse("2026-11-18T12:00:00+05:00"))
        #expect(w.post("B")?.reportEvery == 86_400)
        #expect(w.post("B")?.expectedUntil == Timestamp.parse("2026-12-01T00:00:00Z"))
    }

    @Test(arguments: [("5h", "report_every"), ("90m", "report_every"), ("2d", "report_every"), ("often", "report_every")])
    func reportEveryMustDivideADay(_ value: String, _ column: String) {
        let text = "code,name_en,name_ru,country,neighbour,kind,sector,lat,lon,report_every\nA,A,А,KZ,CN,bcp,S,44,80,\(value)\n"
        do { _ = try Registry.parseCSV(text, source: "t.csv"); Issue.record("\(value) was accepted") } catch {
            #expect("\(error)".contains("t.csv:2"))
            #expect("\(error)".contains(column))
        }
    }

    @Test func badExpectationsAreReportedWithTheLine() {
        for (cells, word) in [(",,x,,", "report_grace"), (",,,2026-11-18,", "expected_from"),
                              (",,,2026-11-18T00:00:00Z,2026-11-17T00:00:00Z", "after")] {
            let text = "code,name_en,name_ru,country,neighbour,kind,sector,lat,lon,report_every,report_grace,expected_from,expected_until\n"
                + "A,A,А,KZ,CN,bcp,S,44,80\(cells)\n"
            do { _ = try Registry.parseCSV(text, source: "t.csv"); Issue.record("\(cells) was accepted") } catch {
                #expect("\(error)".contains(word), "\(error)")
            }
        }
    }

    @Test func theSampleRegistryLoads() throws {
        let text = try String(contentsOfFile: #filePath.replacingOccurrences(of: "Tests/SitcenDomainTests/TimeAndRegistryTests.swift", with: "SampleData/posts.csv"), encoding: .utf8)
        let r = try Registry.parseCSV(text, source: "posts.csv")
        #expect(r.posts.count == 35)
        #expect(Set(r.countries) == ["KZ", "KG", "TJ", "UZ", "TM"])
    }
}
