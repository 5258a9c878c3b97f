#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The forecasting methods, by the names the commands print.
public enum ForecastMethod: String, Sendable, CaseIterable {
    /// Simple exponential smoothing, ETS(A,N,N): a level.
    case ses
    /// Holt's linear trend, ETS(A,A,N).
    case holt
    /// Holt's trend, damped, ETS(A,Ad,N).
    case holtDamped = "holt-damped"
    /// A level and an additive yearly season, ETS(A,N,A).
    case seasonal
    /// Holt–Winters: a damped trend and an additive yearly season, ETS(A,Ad,A).
    case holtWinters = "holt-winters"
    /// Croston's method with the Syntetos–Boylan correction (intermittent series).
    case crostonSBA = "croston-sba"
    /// Teunter–Syntetos–Babai (intermittent series whose demand may fade).
    case tsb
    /// The mean of a history too short for anything else.
    case mean
    /// A series with nothing in it.
    case zero

    /// Whether the method models a yearly season (it needs two years of history).
    var isSeasonal: Bool { self == .seasonal || self == .holtWinters }

    /// Smoothing parameters and starting states a fit chooses (nil: not an exponential smoothing).
    var smoothingParameters: Int? {
        switch self {
        case .ses: return 2
        case .holt: return 4
        case .holtDamped: return 5
        case .seasonal: return 3 + Smoothing.weeksInYear - 1
        case .holtWinters: return 5 + Smoothing.weeksInYear - 1
        case .crostonSBA, .tsb, .mean, .zero: return nil
        }
    }
}

/// A method with its parameters chosen on some history; it forecasts from any history that
/// starts where that one did.
struct FittedMethod {
    var method: ForecastMethod
    var smoothing: Smoothing?

    /// Chooses the parameters of `method` on `y`.
    static func fit(_ method: ForecastMethod, _ y: [Double]) -> FittedMethod {
        let period = Smoothing.weeksInYear
        switch method {
        case .ses: return FittedMethod(method: method, smoothing: Smoothing.fit(y, trend: .none))
        case .holt: return FittedMethod(method: method, smoothing: Smoothing.fit(y, trend: .linear))
        case .holtDamped: return FittedMethod(method: method, smoothing: Smoothing.fit(y, trend: .damped))
        case .seasonal: return FittedMethod(method: method, smoothing: Smoothing.fit(y, trend: .none, period: period))
        case .holtWinters: return FittedMethod(method: method, smoothing: Smoothing.fit(y, trend: .damped, period: period))
        case .crostonSBA, .tsb, .mean, .zero: return FittedMethod(method: method, smoothing: nil)
        }
    }

    /// The corrected Akaike criterion of the fit on `y` (additive Gaussian errors):
    /// n·ln(SSE/n) + 2k + 2k(k+1)/(n−k−1), k counting the variance too. Lower is better.
    func aicc(_ y: [Double]) -> Double {
        guard let model = smoothing, let p = method.smoothingParameters else { return .infinity }
        let n = Double(y.count), k = Double(p + 1)
        guard n - k - 1 > 0 else { return .infinity }
        let sse = max(model.sse(y), 1e-12 * n)
        return n * log(sse / n) + 2 * k + 2 * k * (k + 1) / (n - k - 1)
    }

    /// `steps` forecasts after `y`, never below 0.
    func predict(_ y: [Double], steps: Int) -> [Double] {
        guard steps > 0 else { return [] }
        let raw: [Double]
        switch method {
        case .ses, .holt, .holtDamped, .seasonal, .holtWinters:
            guard let model = smoothing, !y.isEmpty else { raw = Array(repeating: 0, count: steps); break }
            raw = model.forecast(from: model.filter(y).state, steps: steps)
        case .crostonSBA: raw = Array(repeating: Intermittent.sba(y) ?? 0, count: steps)
        case .tsb: raw = Array(repeating: Intermittent.tsb(y) ?? 0, count: steps)
        case .mean: raw = Array(repeating: Statistics.mean(y) ?? 0, count: steps)
        case .zero: raw = Array(repeating: 0, count: steps)
        }
        return raw.map { $0.isFinite ? max(0, $0) : 0 }
    }
}
