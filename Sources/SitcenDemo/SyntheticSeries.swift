#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SitcenDomain
import SitcenFeed

/// Weekly seizure counts of known shape, for measuring forecasts: a level, a trend, a yearly
/// season, both, with Poisson noise; and intermittent series (a rare substance), steady or
/// fading. Deterministic from the seed.
public struct SyntheticSeries: Sendable, Equatable {
    public enum Shape: String, Sendable, CaseIterable {
        case level, trend, seasonal, seasonalTrend = "seasonal-trend", intermittent, fading
    }

    public var name: String
    public var shape: Shape
    public var values: [Double]

    /// `perShape` series of each shape, `weeks` long.
    public static func generate(seed: UInt64 = 1, weeks: Int, perShape: Int = 4) -> [SyntheticSeries] {
        var r = DemoRandom(seed: seed)
        var out: [SyntheticSeries] = []
        for shape in Shape.allCases {
            for k in 1...max(1, perShape) {
                let name = "\(code(shape))-\(k < 10 ? "0" : "")\(k)"
                out.append(SyntheticSeries(name: name, shape: shape, values: make(shape, weeks: weeks, &r)))
            }
        }
        return out
    }

    static func code(_ s: Shape) -> String {
        switch s {
        case .level: return "LVL"
        case .trend: return "TRD"
        case .seasonal: return "SEA"
        case .seasonalTrend: return "SXT"
        case .intermittent: return "INT"
        case .fading: return "FAD"
        }
    }

    static func make(_ shape: Shape, weeks n: Int, _ r: inout DemoRandom) -> [Double] {
        let level = r.uniform(8, 40)
        let phase = r.uniform(0, 2 * Double.pi)
        let amplitude = r.uniform(0.3, 0.6)
        // A trend that moves the level by 40–120 % over three years, up or down.
        let slope = level * r.uniform(0.4, 1.2) / 156 * (r.chance(0.5) ? 1 : -0.6)
        let p = r.uniform(0.12, 0.4), size = r.uniform(0.5, 3)
        return (0..<n).map { t in
            let season = 1 + amplitude * sin(2 * Double.pi * Double(t) / 52 + phase)
            switch shape {
            case .level: return poisson(level, &r)
            case .trend: return poisson(max(1, level + slope * Double(t)), &r)
            case .seasonal: return poisson(level * season, &r)
            case .seasonalTrend: return poisson(max(1, (level + slope * Double(t)) * season), &r)
            case .intermittent: return r.chance(p) ? 1 + poisson(size, &r) : 0
            case .fading: return r.chance(p * max(0.15, 1 - Double(t) / Double(n))) ? 1 + poisson(size, &r) : 0
            }
        }
    }

    /// A Poisson draw: Knuth's product of uniforms for small means, a rounded normal above 30.
    static func poisson(_ mean: Double, _ r: inout DemoRandom) -> Double {
        if mean > 30 {
            let z = (-2 * log(max(1e-300, r.unit()))).squareRoot() * cos(2 * Double.pi * r.unit())
            return max(0, (mean + mean.squareRoot() * z).rounded())
        }
        let limit = exp(-mean)
        var k = 0.0, product = r.unit()
        while product > limit { k += 1; product *= r.unit() }
        return k
    }

    /// The series as a posts registry (one post a series, sector `SYN`) and a JSON Lines feed
    /// of seizures: week `w` of a series holds that many seizures of 1 kg of heroin, spread over
    /// the week from the Monday `firstMonday` (days since 1970-01-01) at UTC+5.
    public static func feed(_ series: [SyntheticSeries], firstMonday: Int) -> (registry: String, lines: [String]) {
        var registry = Registry.columns.joined(separator: ",") + "\n"
        var lines: [String] = []
        let offset: Int32 = 18_000
        for (i, s) in series.enumerated() {
            registry += "\(s.name),Series \(s.name),Ряд \(s.name),KZ,,post,SYN,\(40 + Double(i) / 10),\(70 + Double(i) / 10)\n"
            var serial = 0
            for (w, v) in s.values.enumerated() {
                let count = Int(v)
                guard count > 0 else { continue }
                let monday = Int64(firstMonday + 7 * w) * 86_400 - Int64(offset)
                for k in 0..<count {
                    serial += 1
                    let at = monday + 3_600 + Int64(k) * (6 * 86_400 / Int64(count))
                    let t = Timestamp(seconds: at, offsetSeconds: offset)
                    let report = Report(id: "\(s.name)-\(serial)", post: s.name, type: .seizure, observedAt: t,
                                        reportedAt: t.adding(seconds: 600), substance: "heroin", quantity: 1, unit: .kg)
                    lines.append(FeedEncoder.jsonLine(report))
                }
            }
        }
        return (registry, lines)
    }
}
