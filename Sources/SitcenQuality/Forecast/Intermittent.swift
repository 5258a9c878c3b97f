/// Forecasts for intermittent series (most weeks zero, e.g. a rare NPS): a flat rate per week.
public enum Intermittent {
    /// The smoothing constant of Croston-type methods; 0.1 is the usual choice.
    public static let alpha = 0.1

    /// Exponential smoothing of a sequence started at its first value: the final level.
    static func smoothed(_ x: [Double], alpha: Double) -> Double? {
        guard var level = x.first else { return nil }
        for v in x.dropFirst() { level += alpha * (v - level) }
        return level
    }

    /// The sizes of the non-zero values and the intervals between them (the first interval
    /// counts from the start of the series: a first demand in the third week is an interval of 3).
    static func demands(_ y: [Double]) -> (sizes: [Double], intervals: [Double]) {
        var sizes: [Double] = [], intervals: [Double] = []
        var last = -1
        for (i, v) in y.enumerated() where v > 0 {
            sizes.append(v)
            intervals.append(Double(i - last))
            last = i
        }
        return (sizes, intervals)
    }

    /// Croston's method: smoothed size ÷ smoothed interval, both smoothed only when a demand
    /// occurs. Nil when the series has no demand at all.
    public static func croston(_ y: [Double], alpha: Double = Intermittent.alpha) -> Double? {
        let (sizes, intervals) = demands(y)
        guard let z = smoothed(sizes, alpha: alpha), let p = smoothed(intervals, alpha: alpha), p > 0 else { return nil }
        return z / p
    }

    /// The Syntetos–Boylan approximation: Croston's rate times (1 − α/2), which removes most of
    /// its upward bias.
    public static func sba(_ y: [Double], alpha: Double = Intermittent.alpha) -> Double? {
        croston(y, alpha: alpha).map { $0 * (1 - alpha / 2) }
    }

    /// Teunter–Syntetos–Babai: the probability of a demand, smoothed every week (so it decays
    /// while nothing comes), times the size, smoothed when a demand occurs.
    public static func tsb(_ y: [Double], alphaD: Double = Intermittent.alpha, alphaZ: Double = Intermittent.alpha) -> Double? {
        let (sizes, _) = demands(y)
        guard let z = smoothed(sizes, alpha: alphaZ),
              let d = smoothed(y.map { $0 > 0 ? 1 : 0 }, alpha: alphaD) else { return nil }
        return d * z
    }

    /// Average inter-demand interval: weeks per non-zero week (∞ for none). Above 1.32 a series
    /// counts as intermittent (Syntetos, Boylan and Croston's classification).
    public static func averageInterval(_ y: [Double]) -> Double {
        let nonZero = y.filter { $0 > 0 }.count
        return nonZero == 0 ? .infinity : Double(y.count) / Double(nonZero)
    }

    public static let intermittentAbove = 1.32
}
