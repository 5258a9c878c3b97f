/// Order statistics the board and the forecasts share.
public enum Statistics {
    /// The median (the mean of the two middle values for an even count); nil for no values.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let n = s.count
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }

    /// The nearest-rank percentile (`p` in 0...1): the smallest value with at least `p` of the
    /// values at or below it. Always one of the values; nil for none.
    public static func nearestRank(_ values: [Int64], _ p: Double) -> Int64? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let rank = Int((p * Double(s.count)).rounded(.up))
        return s[min(s.count, max(1, rank)) - 1]
    }

    /// The lower and upper bounds that hold a share `level` of `errors` between them, for a
    /// prediction band: the ⌊(n+1)·a⌋-th and ⌈(n+1)·(1−a)⌉-th order statistics, a = (1−level)/2,
    /// each kept within the values (so a small sample gives its extremes, erring wide).
    public static func band(_ errors: [Double], level: Double) -> (lo: Double, hi: Double)? {
        guard !errors.isEmpty else { return nil }
        let s = errors.sorted()
        let (loRank, hiRank) = bandRanks(count: s.count, level: level)
        return (s[min(s.count, max(1, loRank)) - 1], s[min(s.count, max(1, hiRank)) - 1])
    }

    /// The 1-based ranks of `band`, before they are kept within 1...count (the level's
    /// arithmetic is rounded off first: (19 + 1)·0.1 is 2, not 1.9999999999999996).
    static func bandRanks(count: Int, level: Double) -> (lo: Int, hi: Int) {
        let n = Double(count + 1), a = (1 - level) / 2
        return (Int((n * a + 1e-9).rounded(.down)), Int((n * (1 - a) - 1e-9).rounded(.up)))
    }

    public static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}

/// Seizure sizes far from what is usual for their substance: the modified z-score of
/// Iglewicz and Hoaglin, M = 0.6745·(x − median) / MAD, an outlier when |M| > 3.5.
public enum Outliers {
    public static let threshold = 3.5
    /// Fewer values than this say nothing about what is usual: no scores.
    public static let minimumSample = 5

    /// The modified z-score of each value, or nil when there are too few values. When more than
    /// half the values are equal (MAD = 0), the mean absolute deviation stands in for it
    /// (M = (x − median) / (1.253314·MeanAD)); when every value is the same, every score is 0.
    public static func modifiedZScores(_ values: [Double]) -> [Double]? {
        let finite = values.filter(\.isFinite)
        guard finite.count >= minimumSample, finite.count == values.count,
              let med = Statistics.median(values) else { return nil }
        let deviations = values.map { abs($0 - med) }
        let mad = Statistics.median(deviations) ?? 0
        if mad > 0 { return values.map { 0.6745 * ($0 - med) / mad } }
        let meanAD = Statistics.mean(deviations) ?? 0
        if meanAD > 0 { return values.map { ($0 - med) / (1.253314 * meanAD) } }
        return values.map { _ in 0 }
    }

    /// The indices of the outliers among `values`.
    public static func indices(_ values: [Double]) -> [Int] {
        guard let z = modifiedZScores(values) else { return [] }
        return z.indices.filter { abs(z[$0]) > threshold }
    }
}
