import SitcenDomain
import SitcenQuality
import Testing
@testable import SitcenReports

/// The board and the forecasts as tables people paste into a report, in both languages.
@Suite struct QualityTablesTests {
    static let offset: Int32 = 18_000
    static let window = QualityWindow(from: Timestamp.parse("2026-11-16T00:00:00+05:00")!,
                                      to: Timestamp.parse("2026-11-18T00:00:00+05:00")!, offset: offset)

    static func board() -> QualityBoard {
        let posts = [Post(code: "KZ-KHR", nameEn: "Khorgos", nameRu: "Хоргос", country: "KZ", neighbour: "CN", kind: .bcp,
                          sector: "KZ-EAST", lat: 44, lon: 80)]
        let t = Timestamp.parse("2026-11-16T10:00:00+05:00")!
        var facts = (0..<6).map { i in
            ReportFact(seq: Int64(i), post: "KZ-KHR", id: "s\(i)", type: .seizure, observed: t, sent: t.adding(seconds: 600),
                       hasOrigin: true, substance: "heroin", kilograms: 1 + Double(i) / 10)
        }
        // A hostile substance name and a huge seizure: an outlier whose name reaches the table.
        facts.append(ReportFact(seq: 9, post: "KZ-KHR", id: "evil", type: .seizure, observed: t, sent: t,
                                substance: "heroin", kilograms: 900))
        facts[6].id = "\u{1B}[2Jevil"
        return QualityBoard.compute(posts: posts, facts: facts, contacts: ["KZ-KHR": t], window: window)
    }

    @Test func boardInEnglishAndRussian() {
        let b = Self.board()
        let md = QualityTables.board(b, format: .md, language: .en)
        #expect(md.hasPrefix("# Data quality — 2026-11-16 00:00 – 2026-11-18 00:00 (UTC+5)"))
        #expect(md.contains("| KZ-KHR | Khorgos | KZ-EAST | 24h | 2 | 1 | 1 | 50 % | 50 % |"))
        #expect(md.contains("| ox |"))
        #expect(!md.contains("\u{1B}"))
        #expect(md.contains("␛[2Jevil"))
        let ru = QualityTables.board(b, format: .md, language: .ru)
        #expect(ru.hasPrefix("# Качество данных"))
        #expect(ru.contains("| KZ-KHR | Хоргос |"))
        #expect(ru.contains("полнота"))
        let txt = QualityTables.board(b, format: .txt, language: .en)
        #expect(txt.contains("By sector"))
    }

    @Test func boardAsCSVHasOneRowAPostAndASector() {
        let csv = QualityTables.board(Self.board(), format: .csv, language: .en)
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("level,post,name,sector,every,expected,reported,on time,complete,timely"))
        #expect(lines[1].hasPrefix("post,KZ-KHR,Khorgos,KZ-EAST,24h,2,1,1,0.500,0.500,600,600,"))
        #expect(lines[2].hasPrefix("sector,KZ-EAST,"))
        #expect(QualityTables.board(Self.board(), format: .csv, language: .ru).hasPrefix("уровень,пост,название"))
    }

    @Test func forecastsAsCSVAndMarkdown() {
        let history: [Double] = [3, 4, 5, 4, 6, 5, 7, 6, 8, 7, 9, 8]
        let s = SeriesForecast(series: "heroin", firstMonday: QualityCalendar.monday(ofDay: 20_400), history: history,
                               forecast: Forecaster.forecast(history, weeks: 2))
        let request = ForecastRequest(by: .substance, metric: .count, weeks: 2, until: Self.window.to, offset: Self.offset)
        let csv = ForecastTables.forecasts([s], request: request, format: .csv, language: .en)
        let lines = csv.split(separator: "\n")
        #expect(lines[0] == "series,kind,week,value,mean,lo80,hi80,lo95,hi95,method,mase,coverage80,coverage95")
        #expect(lines.count == 1 + 12 + 2)
        #expect(lines[1].hasPrefix("heroin,history,\(QualityCalendar.date(day: s.firstMonday)),3.000,,,,,,"))
        #expect(lines[13].hasPrefix("heroin,forecast,\(QualityCalendar.date(day: s.forecastMonday(0))),,"))
        let md = ForecastTables.forecasts([s], request: request, format: .md, language: .ru)
        #expect(md.hasPrefix("# Прогнозы — число изъятий, по веществам"))
        #expect(md.contains("## heroin — "))
        let none = ForecastTables.forecasts([], request: request, format: .txt, language: .en)
        #expect(none.contains("No series"))
    }
}

/// The SITREP's short data-quality section.
@Suite struct SitrepQualityTests {
    @Test func postsBelow80PercentAndLateStreaksAreListed() {
        let window = QualityTablesTests.window
        let t = Timestamp.parse("2026-11-16T10:00:00+05:00")!
        func post(_ code: String) -> Post {
            Post(code: code, nameEn: code, nameRu: code, country: "KZ", neighbour: "", kind: .bcp, sector: "S", lat: 0, lon: 0, reportEvery: 3600)
        }
        // A: one hour of 48 reported; B: every hour, each sent 3 h late; C: every hour on time.
        var facts = [ReportFact(post: "A", id: "a", type: .sitrep, observed: t, sent: t)]
        for h in 0..<48 {
            let o = window.from.adding(seconds: Int64(h) * 3600 + 60)
            facts.append(ReportFact(post: "B", id: "b\(h)", type: .sitrep, observed: o, sent: o.adding(seconds: 3 * 3600)))
            facts.append(ReportFact(post: "C", id: "c\(h)", type: .sitrep, observed: o, sent: o))
        }
        let board = QualityBoard.compute(posts: [post("A"), post("B"), post("C")], facts: facts, contacts: [:], window: window)
        var r = ShiftReport(from: window.from, to: window.to, offset: 18_000, sector: nil, categories: [], posts: [], largest: [],
                            firstSightings: [], incidents: [], silentPosts: [], alertsOpened: [], alertsAcknowledged: [],
                            alertsResolved: [], openAlerts: [], quarantinePending: 0, followsAlerts: false)
        r.qualityConcerns = board.posts.filter(ShiftReport.isConcern)
        let md = r.render(markdown: true)
        #expect(md.contains("## Data quality (7 days)"))
        #expect(md.contains("| A | 2 % | 1/48 | 2 % | — |"))
        #expect(md.contains("| B | 100 % | 48/48 | 0 % | 48 (2026-11-16 00:00 – 2026-11-18 00:00) |"))
        #expect(!md.contains("| C |"))
        #expect(r.json.serialized().contains(#""data_quality":{"days":7,"posts":[{"post":"A""#))
    }
}
