#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64): the same seed
/// gives the same sequence on every platform and Swift version, which `SystemRandomNumberGenerator`
/// and `random()` do not.
struct DemoRandom: RandomNumberGenerator {
    private var s0, s1, s2, s3: UInt64

    init(seed: UInt64) {
        var sm = seed
        s0 = DemoRandom.splitMix(&sm); s1 = DemoRandom.splitMix(&sm)
        s2 = DemoRandom.splitMix(&sm); s3 = DemoRandom.splitMix(&sm)
    }

    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A stateless hash of a few numbers, for values that must not depend on generation order
    /// (a post's heartbeat phase and jitter).
    static func hash(_ values: UInt64...) -> UInt64 {
        var h: UInt64 = 0x5EED
        for v in values { h ^= v; h = splitMix(&h) }
        return h
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [lo, hi).
    mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * unit() }

    /// Uniform in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % span)
    }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    /// An item chosen with the given weights.
    mutating func weighted<T>(_ items: [(T, Double)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var x = unit() * total
        for (item, w) in items {
            if x < w { return item }
            x -= w
        }
        return items[items.count - 1].0
    }

    /// Log-uniform in [lo, hi): as many values between 1 and 10 as between 10 and 100.
    mutating func logUniform(_ lo: Double, _ hi: Double) -> Double {
        exp(uniform(log(lo), log(hi)))
    }

    /// Pareto with minimum `xm` and shape `alpha`, capped: the heavy tail of big seizures.
    mutating func pareto(_ xm: Double, alpha: Double, cap: Double) -> Double {
        min(cap, xm / pow(1 - unit(), 1 / alpha))
    }

    /// A string of `n` characters from `alphabet`.
    mutating func chars(_ alphabet: String, _ n: Int) -> String {
        let a = Array(alphabet)
        var s = ""
        for _ in 0..<n { s.append(a[Int(next() % UInt64(a.count))]) }
        return s
    }

    mutating func digits(_ n: Int) -> String { chars("0123456789", n) }
}

/// `x` rounded to `places` decimals.
func rounded(_ x: Double, _ places: Int) -> Double {
    let f = pow(10, Double(places))
    return (x * f).rounded() / f
}
