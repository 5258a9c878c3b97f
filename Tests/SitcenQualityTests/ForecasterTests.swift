import Foundation
import SitcenDemo
import SitcenDomain
import Testing
@testable import SitcenQuality

@Suite struct ForecasterTests {
    @Test func intermittentSeriesGetACrostonTypeMethod() {
        let y: [Double] = (0..<60).map { (t: Int) -> Double in t % 4 == 0 ? Double(1 + t % 3) : 0 }
        let f = Forecaster.forecast(y, weeks: 4)
        #expect([ForecastMethod.crostonSBA, .tsb].contains(f.method))
        #expect(f.points.count == 4)
        #expect(f.points.allSatisfy { $0.lo95 == 0 && $0.hi80 > $0.mean })
        #expect(f.backtest?.mase != nil)
    }

    @Test func aTrendIsFollowed() {
        let y: [Double] = (0..<60).map { (t: Int) -> Double in 10 + 0.5 * Double(t) + (t % 2 == 0 ? 0.3 : -0.3) }
        let f = Forecaster.forecast(y, weeks: 3)
        #expect([ForecastMethod.holt, .holtDamped].contains(f.method))
        // The next value of the line is 40; damped or not, within a point of it.
        #expect(abs(f.points[0].mean - 40) < 1)
        #expect(f.points[0].lo80 <= f.points[0].mean && f.points[0].mean <= f.points[0].hi80)
        #expect(f.points[0].lo95 <= f.points[0].lo80 && f.points[0].hi80 <= f.points[0].hi95)
    }

    @Test func aFallingSeriesNeverForecastsBelowZero() {
        let y: [Double] = (0..<30).map { (t: Int) -> Double in max(0, 60 - 2.5 * Double(t)) + 1 }
        let f = Forecaster.forecast(y, weeks: 20)
        #expect(f.points.allSatisfy { $0.mean >= 0 && $0.lo80 >= 0 && $0.lo95 >= 0 })
    }

    @Test func aStrongYearlySeasonIsModelled() {
        let y: [Double] = (0..<160).map { (t: Int) -> Double in 30 + 15 * sin(2 * Double.pi * Double(t) / 52) + Double((t * 7) % 5) - 2 }
        let f = Forecaster.forecast(y, weeks: 13)
        #expect([ForecastMethod.seasonal, .holtWinters].contains(f.method))
        // The 13th week ahead is week 172, the 16th of its year, near the season's peak.
        let expected = 30 + 15 * sin(2 * Double.pi * 172 / 52)
        #expect(abs(f.points[12].mean - expected) < 5)
    }

    @Test func badInputDoesNotCrash() {
        #expect(Forecaster.forecast([], weeks: 3).method == .zero)
        #expect(Forecaster.forecast([0, 0, 0], weeks: 2).points.allSatisfy { $0.hi95 == 0 })
        let odd = Forecaster.forecast([.nan, -4, .infinity, 3, 5], weeks: 2)
        #expect(odd.points.allSatisfy { $0.mean.isFinite && $0.lo95 >= 0 && $0.hi95.isFinite })
        #expect(Forecaster.forecast([7], weeks: 0).points.isEmpty)
        #expect(Forecaster.forecast([7], weeks: 2).points.map(\.mean) == [7, 7])
    }

    @Test func weeksAndSeriesFromTotals() throws {
        // Until Wednesday 25 November: the last history week is 16–22 November.
        let until = at("2026-11-25T10:00:00+05:00")
        let last = WeeklySeries.lastMonday(until: until, offset: centre)
        #expect(QualityCalendar.date(day: last) == "2026-11-16")
        // Until Monday 23 November 00:00 sharp: that week (16–22) has just ended.
        #expect(WeeklySeries.lastMonday(until: at("2026-11-23T00:00:00+05:00"), offset: centre) == last)
        // History starts with the first week the store holds from its Monday on.
        let first = WeeklySeries.firstMonday(after: at("2026-10-28T09:00:00+05:00"), offset: centre)
        #expect(QualityCalendar.date(day: first) == "2026-11-02")
        #expect(WeeklySeries.firstMonday(after: at("2026-11-02T23:59:00+05:00"), offset: centre) == first)
        #expect(WeeklySeries.firstMonday(after: at("2026-11-03T00:00:00+05:00"), offset: centre) == first + 7)

        let totals = [
            WeeklyTotal(key: "heroin", monday: first, seizures: 2, kilograms: 3.5),
            WeeklyTotal(key: "heroin", monday: first + 14, seizures: 1, kilograms: 1),
            WeeklyTotal(key: "mephedrone", monday: first + 7, seizures: 5, kilograms: 0.2),
            WeeklyTotal(key: "heroin", monday: first + 21, seizures: 9, kilograms: 9),   // after `last`: not history
            WeeklyTotal(key: "heroin", monday: first - 7, seizures: 9, kilograms: 9),    // before the first whole week
        ]
        let counts = WeeklySeries.series(totals, metric: .count, first: first, last: last)
        #expect(counts.map(\.key) == ["mephedrone", "heroin"])
        #expect(counts[0].values == [5, 0] && counts[0].firstMonday == first + 7)
        #expect(counts[1].values == [2, 0, 1])
        let kg = WeeklySeries.series(totals, metric: .kg, first: first, last: last)
        #expect(kg.first { $0.key == "heroin" }?.values == [3.5, 0, 1])

        let q = FakeQueries(weekly: totals, first: at("2026-10-28T09:00:00+05:00"))
        let request = ForecastRequest(by: .substance, metric: .count, weeks: 2, until: until, offset: centre)
        let forecasts = try WeeklySeries.forecasts(queries: q, request: request)
        #expect(forecasts.map(\.series) == ["mephedrone", "heroin"])
        #expect(QualityCalendar.date(day: forecasts[1].forecastMonday(0)) == "2026-11-23")
        #expect(forecasts[1].forecast.points.count == 2)
    }
}
