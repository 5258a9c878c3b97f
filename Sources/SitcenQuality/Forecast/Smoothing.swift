/// Exponential smoothing with additive errors, in the error-correction form of Hyndman et al.
/// (Forecasting: Principles and Practice, ch. 8): a level, optionally a (damped) trend and an
/// additive season of `period` weeks.
///
///     ŷ(t)  = ℓ + φ·b + s[t mod m]        e = y(t) − ŷ(t)
///     ℓ ← ℓ + φ·b + α·e     b ← φ·b + β·e     s[t mod m] ← s[t mod m] + γ·e
///     forecast h steps on: ℓ + (φ + φ² + … + φʰ)·b + s[(n + h − 1) mod m]
public struct Smoothing: Sendable, Equatable {
    public enum Trend: Sendable, Equatable { case none, linear, damped }

    public var trend: Trend
    /// 0 for no season, else its length in steps.
    public var period: Int
    public var alpha: Double
    public var beta: Double
    public var gamma: Double
    public var phi: Double
    /// The states before the first observation.
    public var level: Double
    public var slope: Double
    /// `period` seasonal states, for the positions 0, 1, … of the first season.
    public var season: [Double]

    public init(trend: Trend, period: Int = 0, alpha: Double, beta: Double = 0, gamma: Double = 0,
                phi: Double = 1, level: Double, slope: Double = 0, season: [Double] = []) {
        self.trend = trend; self.period = period; self.alpha = alpha; self.beta = beta; self.gamma = gamma
        self.phi = trend == .damped ? phi : 1; self.level = level
        self.slope = trend == .none ? 0 : slope
        self.season = period > 0 ? season : []
    }

    /// The states after the observations: where forecasts start.
    public struct State: Sendable, Equatable {
        public var level: Double
        public var slope: Double
        public var season: [Double]
        /// How many observations went in (the next one is at this index).
        public var count: Int
    }

    /// Runs the recursions over `y`: the one-step forecasts and the final states.
    public func filter(_ y: [Double]) -> (fitted: [Double], state: State) {
        var l = level, b = slope, s = season
        var fitted: [Double] = []
        fitted.reserveCapacity(y.count)
        let seasonal = period > 0 && s.count == period
        for (t, v) in y.enumerated() {
            let st = seasonal ? s[t % period] : 0
            let f = l + phi * b + st
            fitted.append(f)
            let e = v - f
            l = l + phi * b + alpha * e
            if trend != .none { b = phi * b + beta * e }
            if seasonal { s[t % period] = st + gamma * e }
        }
        return (fitted, State(level: l, slope: b, season: s, count: y.count))
    }

    /// Forecasts `steps` values after the state `state`.
    public func forecast(from state: State, steps: Int) -> [Double] {
        var out: [Double] = []
        var damp = 0.0, power = 1.0
        let seasonal = period > 0 && state.season.count == period
        for h in 1...max(1, steps) {
            power *= phi
            damp += trend == .none ? 0 : power
            let s = seasonal ? state.season[(state.count + h - 1) % period] : 0
            out.append(state.level + damp * state.slope + s)
        }
        return Array(out.prefix(steps))
    }

    /// Sum of squared one-step errors over `y`.
    func sse(_ y: [Double]) -> Double {
        let (fitted, _) = filter(y)
        var total = 0.0
        for (v, f) in zip(y, fitted) { total += (v - f) * (v - f) }
        return total
    }
}

extension Smoothing {
    /// The weeks in a year, the season of weekly series.
    public static let weeksInYear = 52

    /// The model of shape (`trend`, `period`) that fits `y` best: smoothing parameters, and for
    /// models without a season the starting level and slope, chosen to minimise the squared
    /// one-step errors. Seasonal models start from the first two years (`startingSeason`).
    /// Parameters stay within the usual bounds (α 0.0001–0.9999, β ≤ α, φ 0.8–0.98, γ ≤ 1 − α).
    public static func fit(_ y: [Double], trend: Trend, period: Int = 0) -> Smoothing {
        let n = y.count
        guard n > 0 else { return Smoothing(trend: trend, alpha: 0.5, level: 0) }
        let head = Array(y.prefix(min(n, 4)))
        var level0 = head.reduce(0, +) / Double(head.count)
        var slope0 = 0.0
        if n >= 8 { slope0 = (y[4..<8].reduce(0, +) - y[0..<4].reduce(0, +)) / 16 }
        var season: [Double] = []
        let seasonal = period > 0 && n >= 2 * period
        if seasonal { (level0, slope0, season) = startingSeason(y, period: period) }
        var diffs = 0.0
        for i in 1..<max(1, n) { diffs += abs(y[i] - y[i - 1]) }
        let scale = max(1e-6, n > 1 ? diffs / Double(n - 1) : abs(level0) + 1)

        let a = Bounded(lo: 0.0001, hi: 0.9999), frac = Bounded(lo: 0.0001, hi: 0.9999), p = Bounded(lo: 0.8, hi: 0.98)
        // Free variables: α, then β/α (trend), φ (damped), γ/(1 − α) (season), then the
        // starting level and slope in units of `scale` (models without a season).
        func model(_ u: [Double]) -> Smoothing {
            var i = 0
            func next() -> Double { defer { i += 1 }; return u[i] }
            let alpha = a.value(next())
            let beta = trend == .none ? 0 : alpha * frac.value(next())
            let phi = trend == .damped ? p.value(next()) : 1
            let gamma = seasonal ? (1 - alpha) * frac.value(next()) : 0
            let l = seasonal ? level0 : level0 + scale * next()
            let b = seasonal || trend == .none ? slope0 : slope0 + scale * next() / 4
            return Smoothing(trend: trend, period: seasonal ? period : 0, alpha: alpha, beta: beta, gamma: gamma,
                             phi: phi, level: l, slope: b, season: season)
        }
        var start = [a.free(0.2)]
        if trend != .none { start.append(frac.free(0.1)) }
        if trend == .damped { start.append(p.free(0.9)) }
        if seasonal { start.append(frac.free(0.05)) }
        if !seasonal { start.append(0) }
        if !seasonal && trend != .none { start.append(0) }
        let best = NelderMead.minimize({ model($0).sse(y) }, start: start, steps: start.map { _ in 1 },
                                       maxEvaluations: 120 * start.count)
        return model(best.point)
    }

    /// The starting level, slope and seasonal states from the first two seasons: the slope from
    /// the difference of their means, each position's state the mean of its two detrended
    /// values, smoothed over the neighbouring five positions (weights 1 2 3 2 1, around the
    /// year) and centred on 0.
    static func startingSeason(_ y: [Double], period m: Int) -> (Double, Double, [Double]) {
        let first = y[0..<m].reduce(0, +) / Double(m)
        let second = y[m..<(2 * m)].reduce(0, +) / Double(m)
        let slope = (second - first) / Double(m)
        let centre = Double(m - 1) / 2
        var raw = [Double](repeating: 0, count: m)
        for j in 0..<m {
            let d1 = y[j] - (first + slope * (Double(j) - centre))
            let d2 = y[m + j] - (second + slope * (Double(j) - centre))
            raw[j] = (d1 + d2) / 2
        }
        let weights: [Double] = [1, 2, 3, 2, 1]
        var smooth = [Double](repeating: 0, count: m)
        for j in 0..<m {
            var total = 0.0
            for (k, w) in weights.enumerated() { total += w * raw[((j + k - 2) % m + m) % m] }
            smooth[j] = total / 9
        }
        let mean = smooth.reduce(0, +) / Double(m)
        // The level before the first observation: the first season's mean, less half a season of slope.
        return (first - slope * (centre + 1), slope, smooth.map { $0 - mean })
    }
}
