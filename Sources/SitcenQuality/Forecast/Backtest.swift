/// How a method did on its own history: forecasts made from rolling origins (each week of the
/// last year, with only the weeks before it), compared with what came.
public struct Backtest: Sendable, Equatable {
    /// Origins, and (origin, horizon) forecasts compared.
    public var origins: Int
    public var forecasts: Int
    /// Mean absolute error over every horizon.
    public var mae: Double
    /// MAE ÷ the in-sample MAE of the seasonal naive forecast (`MASE.scale`); nil when the
    /// history never changes.
    public var mase: Double?
    /// The share of values inside the 80 % and 95 % bands that the method would have drawn at
    /// the time, from the errors known then (nil: too few errors yet to draw a band).
    public var coverage80: Double?
    public var coverage95: Double?

    public init(origins: Int, forecasts: Int, mae: Double, mase: Double?, coverage80: Double?, coverage95: Double?) {
        self.origins = origins; self.forecasts = forecasts; self.mae = mae; self.mase = mase
        self.coverage80 = coverage80; self.coverage95 = coverage95
    }
}

/// The mean absolute scaled error's scale (Hyndman and Koehler, 2006).
public enum MASE {
    /// The in-sample mean absolute error of the seasonal naive forecast: yearly (52 weeks) once
    /// there are two years, else of the naive forecast (last week). Nil when it is 0.
    public static func scale(_ y: [Double]) -> Double? {
        let m = y.count >= 2 * Smoothing.weeksInYear ? Smoothing.weeksInYear : 1
        guard y.count > m else { return nil }
        var total = 0.0
        for t in m..<y.count { total += abs(y[t] - y[t - m]) }
        let s = total / Double(y.count - m)
        return s > 0 ? s : nil
    }

    /// The seasonal naive forecast: the same week a year before (two years of history), else
    /// the last week.
    public static func seasonalNaive(_ y: [Double], steps: Int) -> [Double] {
        guard let last = y.last else { return Array(repeating: 0, count: steps) }
        let m = Smoothing.weeksInYear
        guard y.count >= m else { return Array(repeating: last, count: steps) }
        return (0..<steps).map { h in y[y.count - m + h % m] }
    }
}

/// How a band is laid around a forecast: by adding quantiles of past errors (actual −
/// forecast); for intermittent series, a week that came as zero counts as −∞, so that when zero
/// weeks are common enough the band starts at 0 whatever the rate did since.
enum BandShape: Sendable {
    case additive, zeroFloor

    static func of(_ method: ForecastMethod) -> BandShape {
        method == .crostonSBA || method == .tsb ? .zeroFloor : .additive
    }

    func residual(actual: Double, predicted: Double) -> Double? {
        switch self {
        case .additive: return actual - predicted
        case .zeroFloor: return actual == 0 ? -.infinity : actual - predicted
        }
    }

    func apply(_ predicted: Double, _ r: Double) -> Double { r == -.infinity ? 0 : predicted + r }

    /// The residual of a perfect forecast.
    var neutral: Double { 0 }
}

/// Prediction bands from forecast errors.
enum Bands {
    /// Errors needed at a horizon before a band is drawn from them.
    static let minimumErrors = 3

    /// The (lower, upper) offsets around a forecast that hold `level` of future values, from
    /// the errors `errors` (actual − forecast): their order statistics, widened to a normal
    /// band (Student's t) when there are too few errors to reach the level's ranks.
    static func offsets(_ errors: [Double], level: Double) -> (lo: Double, hi: Double)? {
        guard errors.count >= minimumErrors, let empirical = Statistics.band(errors, level: level) else { return nil }
        let n = Double(errors.count)
        // Zero weeks (−∞) fill the lower tail: the band starts at 0 and its upper end takes the
        // whole level, as a one-sided band, instead of wasting the lower tail's share on values
        // that cannot be below 0.
        if Double(errors.filter { $0 == -.infinity }.count) / n >= (1 - level) / 2 {
            let sorted = errors.sorted()
            let rank = Int(((n + 1) * level - 1e-9).rounded(.up))
            return (-.infinity, sorted[min(errors.count, max(1, rank)) - 1])
        }
        let ranks = Statistics.bandRanks(count: errors.count, level: level)
        if ranks.lo >= 1 && ranks.hi <= errors.count { return empirical }
        let finite = errors.filter(\.isFinite)
        guard finite.count >= 2 else { return empirical }
        let mean = finite.reduce(0, +) / Double(finite.count)
        let sd = (finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(finite.count - 1)).squareRoot()
        let half = studentT(level: level, df: n - 1) * sd * (1 + 1 / n).squareRoot()
        return (min(empirical.lo, mean - half), max(empirical.hi, mean + half))
    }

    /// Student's t quantile for a two-sided `level` (0.8 or 0.95), from the normal quantile
    /// by its Cornish–Fisher expansion (good to about 1 % from 3 degrees of freedom).
    static func studentT(level: Double, df: Double) -> Double {
        let z = level >= 0.95 ? 1.959964 : 1.281552
        let v = max(df, 1)
        return z + (z * z * z + z) / (4 * v) + (5 * pow5(z) + 16 * z * z * z + 3 * z) / (96 * v * v)
    }

    static func pow5(_ x: Double) -> Double { x * x * x * x * x }

    /// The residual quantiles for horizon `h` (0-based) from residuals by horizon: that
    /// horizon's own, or the nearest shorter horizon's with enough, spread wider by √((h+1)/(h'+1)).
    static func offsets(byHorizon residuals: [[Double]], h: Int, level: Double,
                        shape: BandShape = .additive) -> (lo: Double, hi: Double)? {
        var k = min(h, residuals.count - 1)
        while k >= 0 {
            if let o = offsets(residuals[k], level: level) {
                let widen = (Double(h + 1) / Double(k + 1)).squareRoot(), c = shape.neutral
                return (c + (o.lo - c) * widen, c + (o.hi - c) * widen)
            }
            k -= 1
        }
        return nil
    }

    /// The band around `predicted`, never below 0.
    static func band(_ predicted: Double, residuals: [[Double]], h: Int, level: Double,
                     shape: BandShape) -> (lo: Double, hi: Double)? {
        offsets(byHorizon: residuals, h: h, level: level, shape: shape).map {
            (max(0, shape.apply(predicted, $0.lo)), max(0, shape.apply(predicted, $0.hi)))
        }
    }
}

/// Rolling-origin forecasts of one method on one history.
struct RollingForecasts {
    /// By horizon (0-based): (index of the week forecast, actual − forecast, forecast).
    var errors: [[(target: Int, error: Double, predicted: Double)]]
    var origins: [Int]
    var shape: BandShape

    /// Forecasts from each origin in `origins` (a forecast from `t` uses weeks 0..<t), the
    /// method's parameters chosen again every `refitEvery` origins.
    init(_ method: ForecastMethod, _ y: [Double], horizon: Int, origins: [Int], refitEvery: Int) {
        errors = Array(repeating: [], count: max(1, horizon))
        self.origins = origins
        shape = BandShape.of(method)
        var fitted: FittedMethod? = nil
        for (k, t) in origins.enumerated() {
            let train = Array(y[0..<t])
            if fitted == nil || k % max(1, refitEvery) == 0 { fitted = FittedMethod.fit(method, train) }
            let steps = min(horizon, y.count - t)
            guard steps > 0 else { continue }
            let predicted = fitted!.predict(train, steps: steps)
            for h in 0..<steps { errors[h].append((t + h, y[t + h] - predicted[h], predicted[h])) }
        }
    }

    /// Mean absolute error over the forecasts from origins at or after `from`.
    func mae(fromOrigin from: Int = 0) -> Double? {
        var total = 0.0, count = 0
        for (h, list) in errors.enumerated() {
            for e in list where e.target - h >= from { total += abs(e.error); count += 1 }
        }
        return count == 0 ? nil : total / Double(count)
    }

    /// The residuals by horizon (errors; −∞ for zero weeks of intermittent methods), of the forecasts
    /// whose week is before `before`.
    func residuals(before: Int = .max) -> [[Double]] {
        errors.map { list in
            list.compactMap { e in e.target < before ? shape.residual(actual: e.error + e.predicted, predicted: e.predicted) : nil }
        }
    }

    /// MAE, MASE and the coverage of the bands drawn at each origin from the errors known then.
    func summary(_ y: [Double]) -> Backtest? {
        guard let mae = mae() else { return nil }
        var inside80 = 0, inside95 = 0, drawn80 = 0, drawn95 = 0
        for t in origins {
            let known = residuals(before: t)
            for h in errors.indices {
                guard let e = errors[h].first(where: { $0.target == t + h }) else { continue }
                let actual = y[t + h]
                func inside(_ b: (lo: Double, hi: Double)) -> Bool { actual >= b.lo - 1e-9 && actual <= b.hi + 1e-9 }
                if let b = Bands.band(e.predicted, residuals: known, h: h, level: 0.8, shape: shape) { drawn80 += 1; if inside(b) { inside80 += 1 } }
                if let b = Bands.band(e.predicted, residuals: known, h: h, level: 0.95, shape: shape) { drawn95 += 1; if inside(b) { inside95 += 1 } }
            }
        }
        let count = errors.reduce(0) { $0 + $1.count }
        return Backtest(origins: origins.count, forecasts: count, mae: mae,
                        mase: MASE.scale(y).map { mae / $0 },
                        coverage80: drawn80 == 0 ? nil : Double(inside80) / Double(drawn80),
                        coverage95: drawn95 == 0 ? nil : Double(inside95) / Double(drawn95))
    }
}
