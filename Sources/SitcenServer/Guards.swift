import Foundation

/// Signatures already used within the replay window. Bounded: past `capacity` entries the oldest
/// are forgotten first (a signature older than the clock-skew limit is refused anyway).
final class ReplayCache: Sendable {
    private struct State {
        var seen: [Data: Int64] = [:]
        var order: [(sig: Data, at: Int64)] = []
        var head = 0
    }
    private let state = Locked(State())
    let window: Int64
    let capacity: Int

    init(window: Int64, capacity: Int) { self.window = window; self.capacity = max(1, capacity) }

    /// Records `signature` seen at `now`; false when it was seen within the window (a replay).
    func insert(_ signature: [UInt8], now: Int64) -> Bool {
        let key = Data(signature)
        return state.withLock { s in
            // Forget what left the window, and the oldest beyond the capacity.
            while s.head < s.order.count, s.order[s.head].at <= now - window || s.seen.count >= capacity {
                let old = s.order[s.head]
                if s.seen[old.sig] == old.at { s.seen[old.sig] = nil }
                s.head += 1
            }
            if s.head > 4096 && s.head * 2 > s.order.count {
                s.order.removeFirst(s.head)
                s.head = 0
            }
            if let at = s.seen[key], at > now - window { return false }
            s.seen[key] = now
            s.order.append((key, now))
            return true
        }
    }

    /// Forgets `signature`: the request it signed stored nothing (429, 503), so the same bytes
    /// sent again are no replay of a stored request.
    func remove(_ signature: [UInt8]) {
        let key = Data(signature)
        state.withLock { s in s.seen[key] = nil }
    }

    var count: Int { state.withLock { $0.seen.count } }
}

/// A token bucket per post: `rate` requests a second, up to `burst` at once.
final class RateLimiter: Sendable {
    private struct Bucket { var tokens: Double; var at: UInt64 }
    private let buckets = Locked([String: Bucket]())
    let rate: Double
    let burst: Double

    init(rate: Double, burst: Double) { self.rate = rate; self.burst = max(1, burst) }

    /// Takes a token for `post`: nil when it may go ahead, else the seconds until it may retry.
    func take(_ post: String, nowNanos: UInt64 = Clock.monotonicNanos()) -> Int? {
        buckets.withLock { all in
            var b = all[post] ?? Bucket(tokens: burst, at: nowNanos)
            let elapsed = Double(nowNanos &- b.at) / 1e9
            b.tokens = min(burst, b.tokens + elapsed * rate)
            b.at = nowNanos
            defer { all[post] = b }
            if b.tokens >= 1 { b.tokens -= 1; return nil }
            return max(1, Int(((1 - b.tokens) / max(rate, 1e-9)).rounded(.up)))
        }
    }
}
