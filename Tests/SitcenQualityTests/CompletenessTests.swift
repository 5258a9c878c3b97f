import SitcenDomain
import Testing
@testable import SitcenQuality

/// Completeness and timeliness on a hand-made calendar. The centre is at UTC+5; the window is
/// Monday 16 to Friday 20 November 2026, midnight to midnight there.
@Suite struct CompletenessTests {
    let window = QualityWindow(from: at("2026-11-16T00:00:00+05:00"), to: at("2026-11-20T00:00:00+05:00"), offset: centre)

    @Test func periodsAreCutAtMidnightInTheCentresZone() {
        let p = QualityCalendar.periods(every: 6 * 3600, offset: centre,
                                        from: at("2026-11-20T03:00:00+05:00"), to: at("2026-11-21T00:00:00+05:00"))
        // 00–06 starts before `from`: left out. 06, 12, 18 remain.
        #expect(p.map { $0.start.rfc3339(offsetSeconds: centre) } == [
            "2026-11-20T06:00:00+05:00", "2026-11-20T12:00:00+05:00", "2026-11-20T18:00:00+05:00"])
        #expect(p.last?.end == at("2026-11-21T00:00:00+05:00"))
        // A period that would end after `to` is left out too.
        #expect(QualityCalendar.periods(every: 86_400, offset: centre, from: at("2026-11-20T00:00:00+05:00"),
                                        to: at("2026-11-20T23:59:59+05:00")).isEmpty)
        // A duration that does not divide a day gives no periods rather than misaligned ones.
        #expect(QualityCalendar.periods(every: 5 * 3600, offset: centre, from: window.from, to: window.to).isEmpty)
        // 19:00 UTC on the 19th is midnight on the 20th at UTC+5.
        #expect(QualityCalendar.date(day: QualityCalendar.day(of: at("2026-11-19T19:00:00Z"), offset: centre)) == "2026-11-20")
        #expect(QualityCalendar.date(day: QualityCalendar.day(of: at("2026-11-19T18:59:59Z"), offset: centre)) == "2026-11-19")
        #expect(QualityCalendar.date(day: QualityCalendar.monday(of: at("2026-11-22T23:59:59+05:00"), offset: centre)) == "2026-11-16")
        #expect(QualityCalendar.date(day: QualityCalendar.monday(of: at("2026-11-23T00:00:00+05:00"), offset: centre)) == "2026-11-23")
    }

    @Test func dailyPostOnTimeLateAndMissing() {
        let facts = [
            // Monday: a sitrep with nothing to report (a nil return) counts as a report.
            fact("A", "1", observed: "2026-11-16T10:00:00+05:00", sent: "2026-11-16T12:00:00+05:00"),
            // Tuesday: observed a second before midnight, sent exactly at the end of the grace.
            fact("A", "2", observed: "2026-11-17T23:59:59+05:00", sent: "2026-11-18T02:00:00+05:00"),
            // Wednesday: observed at midnight sharp (written in UTC by the post: 19:00 the day
            // before), sent one second after the grace.
            fact("A", "3", observed: "2026-11-17T19:00:00Z", sent: "2026-11-19T02:00:01+05:00"),
            // Thursday: nothing.
        ]
        let row = QualityBoard.evaluate(post: post("A"), facts: facts, window: window, lastContact: at("2026-11-19T02:00:01+05:00"))
        #expect(row.cells.map(\.state) == [.onTime, .onTime, .late, .missing])
        #expect((row.expected, row.reported, row.onTime) == (4, 3, 2))
        #expect(row.completeness == 0.75)
        #expect(row.timeliness == 0.5)
        #expect(row.longestLateRun?.periods == 1)
        #expect(row.cells[2].firstSent == at("2026-11-19T02:00:01+05:00"))
    }

    @Test func theFirstSendingCountsNotTheCorrection() {
        let facts = [
            fact("A", "1", observed: "2026-11-16T10:00:00+05:00", sent: "2026-11-16T10:30:00+05:00", superseded: true),
            fact("A", "1", observed: "2026-11-16T10:00:00+05:00", sent: "2026-11-18T09:00:00+05:00", revision: 1),
            // Two reports in one period: the earlier sending decides, whatever the order.
            fact("A", "5", observed: "2026-11-17T20:00:00+05:00", sent: "2026-11-18T05:00:00+05:00"),
            fact("A", "6", observed: "2026-11-17T06:00:00+05:00", sent: "2026-11-17T07:00:00+05:00"),
        ]
        let row = QualityBoard.evaluate(post: post("A"), facts: facts, window: window, lastContact: nil)
        #expect(row.cells.prefix(2).map(\.state) == [.onTime, .onTime])
        // Delay of report 1: its first sending, 30 min; of 5: 9 h; of 6: 1 h. Nearest rank:
        // p50 is the 2nd of 3 (1 h), p90 the 3rd (9 h).
        #expect(row.delayP50 == 3600)
        #expect(row.delayP90 == 32_400)
    }

    @Test func aPostAddedMidWindowIsExpectedOnlyFromThen() {
        // Six-hourly from Wednesday noon: Wednesday 12–18, 18–24 and Thursday's four periods.
        let p = post("B", every: 6 * 3600, grace: 3600, from: at("2026-11-18T12:00:00+05:00"))
        let facts = [
            fact("B", "1", observed: "2026-11-18T11:00:00+05:00", sent: "2026-11-18T11:05:00+05:00"),  // before it opened
            fact("B", "2", observed: "2026-11-18T13:00:00+05:00", sent: "2026-11-18T13:05:00+05:00"),
            fact("B", "3", observed: "2026-11-19T05:59:00+05:00", sent: "2026-11-19T07:00:00+05:00"),  // end 06:00 + 1 h grace
            fact("B", "4", observed: "2026-11-19T06:00:00+05:00", sent: "2026-11-19T13:00:01+05:00"),  // 1 s past 12:00 + 1 h
        ]
        let row = QualityBoard.evaluate(post: p, facts: facts, window: window, lastContact: at("2026-11-19T13:00:01+05:00"))
        #expect(row.cells.count == 16)
        #expect(row.cells.filter { $0.state == .notExpected }.count == 10)
        #expect(Array(row.cells.suffix(6).map(\.state)) == [.onTime, .missing, .onTime, .late, .missing, .missing])
        #expect((row.expected, row.reported, row.onTime) == (6, 3, 2))
        // A closed post is expected only until it closed, and is not silent after.
        let closed = post("C", until: at("2026-11-18T00:00:00+05:00"))
        let c = QualityBoard.evaluate(post: closed, facts: [], window: window, lastContact: nil)
        #expect(c.expected == 2)
        #expect(c.silentSince == nil)
    }

    @Test func aWindowStartingMidPeriodLeavesThatPeriodOut() {
        let w = QualityWindow(from: at("2026-11-16T03:00:00+05:00"), to: window.to, offset: centre)
        let row = QualityBoard.evaluate(post: post("A"), facts: [], window: w, lastContact: nil)
        #expect(row.expected == 3)
        #expect(row.cells.first?.period.start == at("2026-11-17T00:00:00+05:00"))
    }

    @Test func silentSinceAfterOnePeriodAndItsGrace() {
        // 24 h + 2 h before the window's end is Wednesday 22:00.
        let quiet = QualityBoard.evaluate(post: post("A"), facts: [], window: window, lastContact: at("2026-11-18T21:59:59+05:00"))
        #expect(quiet.silentSince == at("2026-11-18T21:59:59+05:00"))
        let fine = QualityBoard.evaluate(post: post("A"), facts: [], window: window, lastContact: at("2026-11-18T22:00:00+05:00"))
        #expect(fine.silentSince == nil)
        let never = QualityBoard.evaluate(post: post("A"), facts: [], window: window, lastContact: nil)
        #expect(never.silentSince == window.from)
    }

    @Test func missingFieldsAndProvenanceOverCurrentSeizures() {
        let facts = [
            fact("A", "1", observed: "2026-11-16T10:00:00+05:00", sent: "2026-11-16T10:00:00+05:00", type: .seizure,
                 position: true, origin: true, destination: true, transport: true),
            fact("A", "2", observed: "2026-11-16T11:00:00+05:00", sent: "2026-11-16T11:00:00+05:00", type: .seizure,
                 origin: true, sourceClass: "open_source"),
            fact("A", "2", observed: "2026-11-16T11:00:00+05:00", sent: "2026-11-16T11:00:00+05:00", type: .seizure,
                 superseded: true),
            fact("A", "3", observed: "2026-11-16T12:00:00+05:00", sent: "2026-11-16T12:00:00+05:00", sourceClass: "rumour"),
        ]
        let row = QualityBoard.evaluate(post: post("A"), facts: facts, window: window, lastContact: nil)
        #expect(row.missing.seizures == 2)
        #expect(row.missing.share(row.missing.position) == 0.5)
        #expect(row.missing.share(row.missing.origin) == 0)
        #expect(row.missing.share(row.missing.transport) == 0.5)
        #expect(row.provenance.count("official") == 1)
        #expect(row.provenance.count("open_source") == 1)
        #expect(row.provenance.count("other") == 1)
    }

    @Test func boardSortsWorstFirstWithSectorRows() throws {
        let posts = [post("A", sector: "S1"), post("B", sector: "S1"), post("C", sector: "S2")]
        var q = FakeQueries()
        for day in 16...19 {
            q.facts.append(fact("A", "a\(day)", observed: "2026-11-\(day)T10:00:00+05:00", sent: "2026-11-\(day)T10:00:00+05:00"))
            // C sends each day's report at 03:00 the next morning: an hour past the grace.
            q.facts.append(fact("C", "c\(day)", observed: "2026-11-\(day)T10:00:00+05:00", sent: "2026-11-\(day + 1)T03:00:00+05:00"))
        }
        q.facts.append(fact("B", "b0", observed: "2026-11-16T10:00:00+05:00", sent: "2026-11-16T10:00:00+05:00"))
        let board = try QualityBoard.build(queries: q, registry: Registry(posts: posts), window: window, sector: nil)
        #expect(board.posts.map(\.post.code) == ["B", "C", "A"])
        let s1 = try #require(board.sectors.first { $0.code == "S1" })
        #expect((s1.expected, s1.reported, s1.onTime) == (8, 5, 5))
        #expect(s1.cells.map(\.state) == [.onTime, .missing, .missing, .missing])
        // S1 reports 5 of 8 (62.5 %), S2 all of them: S1 is worse.
        #expect(board.sectors.map(\.code) == ["S1", "S2"])
        #expect(board.posts.first { $0.post.code == "C" }?.longestLateRun?.periods == 4)
        // A BLO officer's board holds their sector only.
        let mine = try QualityBoard.build(queries: q, registry: Registry(posts: posts), window: window, sector: "S2")
        #expect(mine.posts.map(\.post.code) == ["C"])
        #expect(mine.posts[0].timeliness == 0 && mine.posts[0].completeness == 1)
    }
}
