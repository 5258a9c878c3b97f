import SitcenDemo
import Testing
@testable import SitcenQuality

/// What an analyst needs from the forecasts: on series of known shape (trend, season, noise;
/// intermittent ones), held-out weeks are forecast better than by the seasonal naive forecast,
/// and the 80 % and 95 % bands hold about that share of them.
@Suite struct AccuracyTests {
    static let training = 156, held = 13

    struct Outcome { var sitcen = 0.0, naive = 0.0, inside80 = 0, inside95 = 0, points = 0 }

    static func evaluate(_ series: [SyntheticSeries]) -> Outcome {
        var o = Outcome()
        for s in series {
            let train = Array(s.values.prefix(training)), test = Array(s.values[training..<(training + held)])
            guard let scale = MASE.scale(train) else { continue }
            let f = Forecaster.forecast(train, weeks: held)
            let naive = MASE.seasonalNaive(train, steps: held)
            for (k, actual) in test.enumerated() {
                let p = f.points[k]
                o.sitcen += abs(actual - p.mean) / scale / Double(held)
                o.naive += abs(actual - naive[k]) / scale / Double(held)
                if actual >= p.lo80 && actual <= p.hi80 { o.inside80 += 1 }
                if actual >= p.lo95 && actual <= p.hi95 { o.inside95 += 1 }
                o.points += 1
            }
        }
        return o
    }

    @Test func betterThanSeasonalNaiveWithBandsNearNominal() {
        let series = SyntheticSeries.generate(seed: 42, weeks: Self.training + Self.held, perShape: 3)
        let o = Self.evaluate(series)
        #expect(o.points == series.count * Self.held)
        #expect(o.sitcen < o.naive, "MASE summed over series: sitcen \(o.sitcen), seasonal naive \(o.naive)")
        let c80 = Double(o.inside80) / Double(o.points), c95 = Double(o.inside95) / Double(o.points)
        #expect(abs(c80 - 0.8) <= 0.1, "80 % band held \(c80)")
        #expect(abs(c95 - 0.95) <= 0.1, "95 % band held \(c95)")
    }
}
