/// One week ahead: the forecast and its 80 % and 95 % prediction bands, none below 0.
public struct ForecastPoint: Sendable, Equatable {
    public var mean: Double
    public var lo80: Double
    public var hi80: Double
    public var lo95: Double
    public var hi95: Double

    public init(mean: Double, lo80: Double, hi80: Double, lo95: Double, hi95: Double) {
        self.mean = mean; self.lo80 = lo80; self.hi80 = hi80; self.lo95 = lo95; self.hi95 = hi95
    }
}

/// A forecast of one series: the method chosen, the weeks ahead, and how the method did on
/// the series' own history (nil when the history was too short to test it).
public struct Forecast: Sendable, Equatable {
    public var method: ForecastMethod
    public var points: [ForecastPoint]
    public var backtest: Backtest?
}

/// Chooses a method for a weekly series by its shape, and forecasts with it.
///
/// - Intermittent series (on average more than 1.32 weeks per non-zero week): Croston's method
///   with the Syntetos–Boylan correction, or TSB.
/// - Other series: simple exponential smoothing, Holt, damped Holt; with two years of history
///   and eight more weeks to test on, also the seasonal models (yearly season).
///
/// Level, trend or damped trend is chosen by AICc on the whole history. Between that and the
/// seasonal models, and between Croston–SBA and TSB, the lowest mean absolute error over the
/// rolling origins wins, unless a simpler candidate comes within 5 % of it. The bands come from
/// the quantiles of the chosen method's own backtest errors at each horizon.
public enum Forecaster {
    public struct Options: Sendable, Equatable {
        /// Rolling origins: at most this many, the last weeks of the history.
        public var maxOrigins = 52
        /// The fewest weeks a forecast in the backtest starts from.
        public var minimumTraining = 8
        /// Smoothing parameters are chosen again every this many origins (in between, the last
        /// ones are reused on the longer history).
        public var refitEvery = 4
        /// Origins needed to compare candidates; with fewer the shape's first candidate is used.
        public var minimumOriginsToChoose = 4
        /// A simpler candidate is kept unless a more complex one's backtest error is lower by
        /// more than this share (noise alone makes some complex model look a little better).
        public var preferSimplerWithin = 0.05

        public init() {}
    }

    public static func forecast(_ history: [Double], weeks: Int, options: Options = Options()) -> Forecast {
        let y = history.map { $0.isFinite ? max(0, $0) : 0 }
        let horizon = max(0, weeks)
        guard y.contains(where: { $0 > 0 }) else {
            let zero = ForecastPoint(mean: 0, lo80: 0, hi80: 0, lo95: 0, hi95: 0)
            return Forecast(method: .zero, points: Array(repeating: zero, count: horizon), backtest: nil)
        }
        var candidates = self.candidates(y)
        // Level, trend or damped trend: the lowest AICc on the whole history, as AutoETS chooses.
        let plain = candidates.filter { $0.smoothingParameters != nil && !$0.isSeasonal }
        var fittedPlain: FittedMethod? = nil
        if plain.count > 1 {
            let fits = plain.map { FittedMethod.fit($0, y) }
            let scores = fits.map { $0.aicc(y) }
            let best = scores.indices.min { scores[$0] < scores[$1] } ?? 0
            fittedPlain = fits[best]
            candidates = [plain[best]] + candidates.filter(\.isSeasonal)
        }
        let origins = Array(max(options.minimumTraining, y.count - options.maxOrigins)..<max(options.minimumTraining, y.count))
        let runs = candidates.map { m in
            RollingForecasts(m, y, horizon: max(1, horizon), origins: origins.filter { $0 >= minimumTraining(m, options) },
                             refitEvery: options.refitEvery)
        }
        // Compare on the origins every candidate has.
        let common = candidates.map { minimumTraining($0, options) }.max() ?? options.minimumTraining
        var chosen = 0
        if origins.filter({ $0 >= common }).count >= options.minimumOriginsToChoose {
            let errors = runs.map { $0.mae(fromOrigin: common) ?? .infinity }
            let best = errors.min() ?? .infinity
            chosen = errors.firstIndex { $0 <= best * (1 + options.preferSimplerWithin) + 1e-12 } ?? 0
        }
        let method = candidates[chosen]
        let run = runs[chosen]
        let fitted = fittedPlain.flatMap { $0.method == method ? $0 : nil } ?? FittedMethod.fit(method, y)
        let means = fitted.predict(y, steps: horizon)
        var residuals = run.residuals()
        if residuals.allSatisfy({ $0.count < Bands.minimumErrors }) { residuals = [inSampleResiduals(fitted, y, shape: run.shape)] }
        let points = means.enumerated().map { h, mean -> ForecastPoint in
            func band(_ level: Double) -> (Double, Double) {
                Bands.band(mean, residuals: residuals, h: h, level: level, shape: run.shape) ?? (mean, mean)
            }
            let (lo80, hi80) = band(0.8), (lo95, hi95) = band(0.95)
            return ForecastPoint(mean: mean, lo80: min(lo80, mean), hi80: max(hi80, mean),
                                 lo95: min(lo95, lo80, mean), hi95: max(hi95, hi80, mean))
        }
        return Forecast(method: method, points: points, backtest: run.summary(y))
    }

    /// The candidates for a series' shape, simplest first.
    static func candidates(_ y: [Double]) -> [ForecastMethod] {
        if y.count < 3 { return [.mean] }
        if Intermittent.averageInterval(y) > Intermittent.intermittentAbove { return [.crostonSBA, .tsb] }
        var list: [ForecastMethod] = [.ses, .holt, .holtDamped]
        if y.count >= 2 * Smoothing.weeksInYear + 8 { list += [.seasonal, .holtWinters] }
        return list
    }

    static func minimumTraining(_ m: ForecastMethod, _ options: Options) -> Int {
        m.isSeasonal ? 2 * Smoothing.weeksInYear : options.minimumTraining
    }

    /// One-step residuals of a method fitted on the whole of a short history, for a band when
    /// the backtest had too few.
    static func inSampleResiduals(_ fitted: FittedMethod, _ y: [Double], shape: BandShape) -> [Double] {
        guard y.count > 1 else { return [] }
        return (1..<y.count).compactMap { t in shape.residual(actual: y[t], predicted: fitted.predict(Array(y[0..<t]), steps: 1)[0]) }
    }
}
