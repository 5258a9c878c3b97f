import SitcenDomain

/// How many records of each sort a run has, and when: the time span cut into chunks, the
/// activity rhythm (day and night, weekends), and every post's heartbeat schedule. Everything
/// here is computed up front in constant memory, whatever `count` is.
struct DemoPlan {
    let start: Int64
    let end: Int64
    var span: Int64 { end - start }
    let chunks: Int
    let totalWeight: Double
    let heartbeats: Heartbeats
    let primaries: Int
    let faults: Int
    let corrections: Int
    let faultKinds: [DemoFault]
    /// CSV with faults: the last record is an unterminated quote (it swallows what follows).
    let finalUnterminated: Bool
    /// One post (not the silent one) sends everything a day late from `lateFrom` on.
    let latePost: Int?
    let lateFrom: Int64

    init(_ g: DemoGenerator, _ rng: inout DemoRandom) {
        end = g.end.seconds
        start = end - Int64(g.days) * 86_400
        finalUnterminated = g.format == .csv && g.faults && g.count > 0
        let n = g.count - (finalUnterminated ? 1 : 0)
        let posts = g.registry.posts.count
        chunks = max(g.days, (n + 999) / 1000)

        // A heartbeat every 4 hours from every post, unless that would be more than 45 % of the run.
        let allowed = min(Double(posts * g.days * 6), Double(n) * 0.45)
        let silentPost = rng.int(0...(posts - 1))
        let silentFrom = end - min(50_400, Int64(g.days) * 86_400 / 8)
        var hb = Heartbeats(interval: allowed >= 1 ? Int64(Double(posts * g.days * 86_400) / allowed) : 0, seed: g.seed,
                            posts: posts, start: start, end: end, silentPost: silentPost, silentFrom: silentFrom)
        var sitreps = hb.total()
        if sitreps > n / 2 { hb = Heartbeats(interval: 0, seed: g.seed, posts: posts, start: start, end: end, silentPost: silentPost, silentFrom: silentFrom); sitreps = 0 }
        heartbeats = hb
        // Chosen by a hash, not by `rng`: the rest of the feed stays what it was before this story.
        let late = Int(DemoRandom.hash(g.seed, 0x1A7E) % UInt64(posts))
        latePost = posts < 2 ? nil : (late == silentPost ? (late + 1) % posts : late)
        lateFrom = end - min(10 * 86_400, Int64(g.days) * 86_400 / 3)

        let others = n - sitreps
        faultKinds = g.faults ? DemoFault.kinds(for: g.format).filter { $0 != .unterminatedQuote && ($0 != .overlongLine || g.count >= 1000) } : []
        faults = g.faults ? min(others, max(faultKinds.count, Int((Double(g.count) * 0.025).rounded()))) : 0
        corrections = Int(Double(others - faults) * 0.015)
        primaries = others - faults - corrections

        var total = 0.0
        for c in 0..<chunks { total += DemoPlan.weight(DemoPlan.window(c, start: start, end: end, chunks: chunks)) }
        totalWeight = max(total, 1e-9)
    }

    static func window(_ c: Int, start: Int64, end: Int64, chunks: Int) -> (Int64, Int64) {
        let span = Double(end - start)
        let a = start + Int64(span * Double(c) / Double(chunks))
        let b = c == chunks - 1 ? end : start + Int64(span * Double(c + 1) / Double(chunks))
        return (a, b)
    }

    func window(_ c: Int) -> (Int64, Int64) { DemoPlan.window(c, start: start, end: end, chunks: chunks) }
    func weight(_ c: Int) -> Double { DemoPlan.weight(window(c)) }

    /// Activity in a window: the rate integrated over it.
    static func weight(_ w: (Int64, Int64)) -> Double {
        let len = Double(w.1 - w.0)
        guard len > 0 else { return 0 }
        let n = max(1, min(48, Int(len / 1_800)))
        var sum = 0.0
        for i in 0..<n { sum += rate(w.0 + Int64(len * (Double(i) + 0.5) / Double(n))) }
        return sum * len / Double(n)
    }

    /// Reports per unit of time, relative: busy days at the crossings, quiet nights, quieter
    /// weekends (by the clock of UTC+5).
    static func rate(_ t: Int64) -> Double {
        let local = t + 18_000
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let hour = Int((local - day * 86_400) / 3_600)
        let weekday = ((day + 3) % 7 + 7) % 7   // 0 = Monday (1970-01-01 was a Thursday)
        return hourly[hour] * (weekday >= 5 ? 0.8 : 1.0)
    }

    static let hourly: [Double] = [0.35, 0.3, 0.3, 0.3, 0.35, 0.45, 0.7, 0.95, 1.15, 1.3, 1.35, 1.35,
                                   1.3, 1.3, 1.35, 1.35, 1.3, 1.2, 1.05, 0.9, 0.75, 0.6, 0.5, 0.4]

    /// A time in [a, b) drawn by the rhythm.
    func sampleTime(_ a: Int64, _ b: Int64, _ rng: inout DemoRandom) -> Int64 {
        guard b > a else { return a }
        while true {
            let t = a + Int64(rng.unit() * Double(b - a))
            if rng.chance(DemoPlan.rate(t) / 1.4) { return t }
        }
    }
}

/// Every post's sitreps: post `p` sends its `k`-th at `start + phase(p) + k·interval` plus a
/// little jitter, both from a hash of the seed, so that any window can be listed on its own.
/// One post falls silent from `silentFrom` on.
struct Heartbeats {
    let interval: Int64
    let seed: UInt64
    let posts: Int
    let start: Int64
    let end: Int64
    let silentPost: Int
    let silentFrom: Int64

    private func phase(_ p: Int) -> Int64 {
        Int64(DemoRandom.hash(seed, UInt64(p)) % UInt64(interval))
    }

    private func time(_ p: Int, _ k: Int64) -> Int64 {
        let jitter = Int64(DemoRandom.hash(seed, UInt64(p), UInt64(bitPattern: k)) % UInt64(max(1, interval * 15 / 100)))
        return start + phase(p) + k * interval + jitter
    }

    private func valid(_ p: Int, _ t: Int64) -> Bool {
        t >= start && t < end && !(p == silentPost && t >= silentFrom)
    }

    func total() -> Int {
        guard interval > 0 else { return 0 }
        var n = 0
        for p in 0..<posts {
            var k: Int64 = 0
            while true {
                let t = time(p, k)
                if t >= end { break }
                if valid(p, t) { n += 1 }
                k += 1
            }
        }
        return n
    }

    /// The heartbeats in [a, b), as (post index, time).
    func inWindow(_ a: Int64, _ b: Int64) -> [(Int, Int64)] {
        guard interval > 0 else { return [] }
        var out: [(Int, Int64)] = []
        for p in 0..<posts {
            var k = max(0, (a - start - phase(p)) / interval - 1)
            while true {
                let t = time(p, k)
                if t >= b { break }
                if t >= a, valid(p, t) { out.append((p, t)) }
                k += 1
            }
        }
        return out
    }
}
