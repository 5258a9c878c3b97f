import Testing
@testable import SitcenQuality

/// Each forecasting method against values worked out by hand (the arithmetic is in the comments).
@Suite struct MethodTests {
    @Test func simpleExponentialSmoothing() {
        // α 0.5, ℓ0 10; y 12 8 11. ŷ 10, e 2, ℓ 11; ŷ 11, e −3, ℓ 9.5; ŷ 9.5, e 1.5, ℓ 10.25.
        let m = Smoothing(trend: .none, alpha: 0.5, level: 10)
        let (fitted, state) = m.filter([12, 8, 11])
        #expect(fitted == [10, 11, 9.5])
        #expect(m.forecast(from: state, steps: 3) == [10.25, 10.25, 10.25])
    }

    @Test func holtLinearTrend() {
        // α 0.5, β 0.2, ℓ0 10, b0 1; y 12 13 15.
        // ŷ 11, e 1, ℓ 11.5, b 1.2; ŷ 12.7, e 0.3, ℓ 12.85, b 1.26; ŷ 14.11, e 0.89, ℓ 14.555, b 1.438.
        // h 1: 14.555 + 1.438 = 15.993; h 2: 14.555 + 2·1.438 = 17.431.
        let m = Smoothing(trend: .linear, alpha: 0.5, beta: 0.2, level: 10, slope: 1)
        let (fitted, state) = m.filter([12, 13, 15])
        #expect(zip(fitted, [11, 12.7, 14.11]).allSatisfy { close($0, $1) })
        let f = m.forecast(from: state, steps: 2)
        #expect(close(f[0], 15.993) && close(f[1], 17.431))
    }

    @Test func dampedTrend() {
        // α 0.5, β 0.2, φ 0.9, ℓ0 10, b0 1; y 12. ŷ 10.9, e 1.1, ℓ 11.45, b 0.9 + 0.22 = 1.12.
        // h 1: 11.45 + 0.9·1.12 = 12.458; h 2: 11.45 + (0.9 + 0.81)·1.12 = 13.3652.
        let m = Smoothing(trend: .damped, alpha: 0.5, beta: 0.2, phi: 0.9, level: 10, slope: 1)
        let (_, state) = m.filter([12])
        let f = m.forecast(from: state, steps: 2)
        #expect(close(f[0], 12.458) && close(f[1], 13.3652))
    }

    @Test func additiveSeason() {
        // Season of 2 for the arithmetic: α 0.5, γ 0.3, ℓ0 10, s [1, −1]; y 12 8 13.
        // t0: ŷ 11, e 1, ℓ 10.5, s0 1.3; t1: ŷ 9.5, e −1.5, ℓ 9.75, s1 −1.45;
        // t2: ŷ 11.05, e 1.95, ℓ 10.725, s0 1.885. Next (position 1): 9.275; then (0): 12.61.
        let m = Smoothing(trend: .none, period: 2, alpha: 0.5, gamma: 0.3, level: 10, season: [1, -1])
        let (fitted, state) = m.filter([12, 8, 13])
        #expect(zip(fitted, [11, 9.5, 11.05]).allSatisfy { close($0, $1) })
        let f = m.forecast(from: state, steps: 2)
        #expect(close(f[0], 9.275) && close(f[1], 12.61))
    }

    @Test func crostonSBAAndTSB() throws {
        // y 0 0 3 0 5 0 0 0 2, α 0.1. Sizes 3 5 2: z 3 → 3.2 → 3.08. Intervals 3 2 4:
        // p 3 → 2.9 → 3.01. Croston 3.08/3.01 = 1.023256; SBA ×0.95 = 0.972093.
        // TSB: the demand indicator 0 0 1 0 1 0 0 0 1 smoothed from 0: 0, 0, 0.1, 0.09, 0.181,
        // 0.1629, 0.14661, 0.131949, 0.2187541; × 3.08 = 0.6737626.
        let y: [Double] = [0, 0, 3, 0, 5, 0, 0, 0, 2]
        #expect(close(Intermittent.croston(y), 3.08 / 3.01))
        #expect(close(Intermittent.sba(y), 0.95 * 3.08 / 3.01))
        #expect(close(Intermittent.tsb(y), 0.2187541 * 3.08, 1e-7))
        #expect(Intermittent.sba([0, 0, 0]) == nil)
        #expect(close(Intermittent.averageInterval(y), 3))
    }

    @Test func bandsFromOrderStatistics() throws {
        // 19 errors 1…19, 80 %: ranks ⌊20·0.1⌋ = 2 and ⌈20·0.9⌉ = 18.
        let e = (1...19).map(Double.init)
        let b = try #require(Statistics.band(e, level: 0.8))
        #expect(b.lo == 2 && b.hi == 18)
        // Nearest rank: p50 of 1…4 is the 2nd value, p90 the 4th.
        #expect(Statistics.nearestRank([4, 1, 3, 2], 0.5) == 2)
        #expect(Statistics.nearestRank([4, 1, 3, 2], 0.9) == 4)
        // With too few errors to reach the ranks, the band widens to a Student-t one.
        let few = try #require(Bands.offsets([-1, 0, 1], level: 0.95))
        #expect(few.lo < -1 && few.hi > 1)
    }

    @Test func intermittentBandsStartAtZeroAndTakeTheLevelAbove() throws {
        // 6 zero weeks (−∞) and errors 1…14: zeros are 30 % of 20, more than the 10 % lower
        // tail, so the 80 % band is one-sided: rank ⌈21·0.8⌉ = 17, the 11th of the 14 errors.
        let e = Array(repeating: -Double.infinity, count: 6) + (1...14).map(Double.init)
        let o = try #require(Bands.offsets(e, level: 0.8))
        #expect(o.lo == -.infinity && o.hi == 11)
        #expect(BandShape.zeroFloor.apply(0.7, o.lo) == 0)
        #expect(BandShape.zeroFloor.residual(actual: 0, predicted: 0.7) == -.infinity)
        #expect(BandShape.zeroFloor.residual(actual: 3, predicted: 0.7) == 2.3)
    }

    @Test func maseAndSeasonalNaive() {
        // Naive in-sample MAE of 1 3 2 4: (2 + 1 + 2)/3.
        #expect(close(MASE.scale([1, 3, 2, 4]), 5.0 / 3))
        #expect(MASE.scale([5, 5, 5]) == nil)
        #expect(MASE.seasonalNaive([1, 2, 3], steps: 2) == [3, 3])
        let twoYears = (0..<104).map(Double.init)
        #expect(MASE.seasonalNaive(twoYears, steps: 2) == [52, 53])
    }
}
