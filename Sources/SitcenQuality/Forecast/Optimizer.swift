#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Minimises a function of a few variables without derivatives (Nelder and Mead's simplex),
/// deterministic from its starting point. Used to choose smoothing parameters.
enum NelderMead {
    /// The best point found and its value. `steps` gives the initial simplex's size per variable.
    static func minimize(_ f: ([Double]) -> Double, start: [Double], steps: [Double],
                         maxEvaluations: Int = 400, tolerance: Double = 1e-10) -> (point: [Double], value: Double) {
        let n = start.count
        guard n > 0 else { return (start, f(start)) }
        var evaluations = 0
        func eval(_ x: [Double]) -> Double {
            evaluations += 1
            let v = f(x)
            return v.isFinite ? v : .greatestFiniteMagnitude
        }
        var simplex: [[Double]] = [start]
        for i in 0..<n {
            var x = start
            x[i] += steps[i] == 0 ? 0.1 : steps[i]
            simplex.append(x)
        }
        var values = simplex.map(eval)
        while evaluations < maxEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let best = values[0], worst = values[n]
            if abs(worst - best) <= tolerance * (abs(best) + tolerance) { break }
            var centroid = [Double](repeating: 0, count: n)
            for x in simplex.dropLast() { for i in 0..<n { centroid[i] += x[i] / Double(n) } }
            func toward(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) } }
            let reflected = toward(-1)
            let fr = eval(reflected)
            if fr < values[0] {
                let expanded = toward(-2)
                let fe = eval(expanded)
                if fe < fr { simplex[n] = expanded; values[n] = fe } else { simplex[n] = reflected; values[n] = fr }
            } else if fr < values[n - 1] {
                simplex[n] = reflected; values[n] = fr
            } else {
                let contracted = fr < values[n] ? toward(-0.5) : toward(0.5)
                let fc = eval(contracted)
                if fc < min(fr, values[n]) {
                    simplex[n] = contracted; values[n] = fc
                } else {
                    for k in 1...n {
                        simplex[k] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[k][$0] - simplex[0][$0]) }
                        values[k] = eval(simplex[k])
                    }
                }
            }
        }
        let i = values.indices.min { values[$0] < values[$1] }!
        return (simplex[i], values[i])
    }
}

/// A parameter kept between two bounds while the optimiser moves freely: x = lo + (hi − lo)·σ(u).
struct Bounded {
    var lo: Double
    var hi: Double

    func value(_ u: Double) -> Double { lo + (hi - lo) / (1 + exp(-u)) }

    func free(_ x: Double) -> Double {
        let p = min(max((x - lo) / (hi - lo), 1e-6), 1 - 1e-6)
        return log(p / (1 - p))
    }
}
