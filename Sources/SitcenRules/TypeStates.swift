/// The state of windowed rule types. Every structure is bounded by its window: entries older
/// than the window are dropped as new ones come, and keys idle for two windows are swept.
/// Windows are half-open: an event exactly `timeframe` old is out.

/// `frequency`: event times per query key.
struct FrequencyState: Sendable, Codable {
    var keys: [String: TimeDeque] = [:]
    var lastSweep: Int64 = .min

    /// Adds an event; returns how many events the key's window (ending at its newest event)
    /// now holds, or nil when the event is older than that window.
    mutating func add(_ key: String, _ t: Int64, timeframe tf: Int64) -> Int? {
        keys[key, default: TimeDeque()].addWindowed(t, tf)
    }

    mutating func sweep(watermark w: Int64, timeframe tf: Int64) {
        guard w >= lastSweep &+ tf else { return }
        lastSweep = w
        keys = keys.filter { ($0.value.last ?? .min) > w - 2 * tf }
    }
}

/// `cardinality`: (time, value) per query key, and how often each value occurs in the window.
struct CardinalityState: Sendable, Codable {
    struct Key: Sendable, Codable {
        var times: [Int64] = []
        var values: [String] = []
        var head = 0
        var counts: [String: Int] = [:]
        var newest: Int64 = .min
    }
    var keys: [String: Key] = [:]
    var lastSweep: Int64 = .min

    /// Adds a value; returns the number of distinct values in the key's window, or nil when
    /// the event is older than the window.
    mutating func add(_ key: String, _ t: Int64, _ value: String, timeframe tf: Int64) -> Int? {
        keys[key, default: Key()].add(t, value, tf)
    }

    mutating func sweep(watermark w: Int64, timeframe tf: Int64) {
        guard w >= lastSweep &+ tf else { return }
        lastSweep = w
        keys = keys.filter { $0.value.newest > w - 2 * tf }
    }
}

extension CardinalityState.Key {
    mutating func add(_ t: Int64, _ value: String, _ tf: Int64) -> Int? {
        let end = max(t, self.newest)
        if t <= end - tf { return nil }
        self.newest = end
        if self.times.count == self.head || self.times[self.times.count - 1] <= t {
            self.times.append(t); self.values.append(value)
        } else {
            var i = self.times.count
            while i > self.head && self.times[i - 1] > t { i -= 1 }
            self.times.insert(t, at: i); self.values.insert(value, at: i)
        }
        self.counts[value, default: 0] += 1
        while self.head < self.times.count && self.times[self.head] <= end - tf {
            let v = self.values[self.head]
            let c = self.counts[v]! - 1
            self.counts[v] = c == 0 ? nil : c
            self.head += 1
        }
        if self.head > 32 && self.head * 2 > self.times.count {
            self.times.removeFirst(self.head); self.values.removeFirst(self.head); self.head = 0
        }
        return self.counts.count
    }
}

/// `spike`: event times per query key; for `down`, the key's own evaluation clock, whether the
/// drop is in progress, and when its counts change next.
struct SpikeState: Sendable, Codable {
    struct Key: Sendable, Codable {
        var times = TimeDeque()
        /// The latest time the key was evaluated at (its window end); never goes back.
        var now: Int64 = .min
        var downActive = false
    }
    var keys: [String: Key] = [:]
    var due = DeadlineSet<String>()
    var lastSweep: Int64 = .min

    struct Counts { var cur: Int; var ref: Int }

    static func counts(_ k: Key, at t: Int64, _ tf: Int64) -> Counts {
        Counts(cur: k.times.count(after: t - tf, through: t), ref: k.times.count(after: t - 2 * tf, through: t - tf))
    }

    static func isUp(_ c: Counts, _ p: SpikeParams) -> Bool {
        c.cur >= p.thresholdCur && c.ref >= p.thresholdRef && Double(c.cur) >= p.height * Double(c.ref)
    }

    static func isDown(_ c: Counts, _ p: SpikeParams) -> Bool {
        c.cur >= p.thresholdCur && c.ref >= p.thresholdRef && Double(c.cur) * p.height <= Double(c.ref)
    }

    /// When the counts of the key change next without a new event: an event leaving the
    /// current window, or leaving the reference window.
    static func nextChange(_ k: Key, _ tf: Int64) -> Int64? {
        let a = k.times.firstAfter(k.now - tf).map { $0 + tf }
        let b = k.times.firstAfter(k.now - 2 * tf).map { $0 + 2 * tf }
        switch (a, b) {
        case let (x?, y?): return min(x, y)
        case let (x?, nil): return x
        case let (nil, y?): return y
        default: return nil
        }
    }
}

extension SpikeState {
    struct Outcome { var up = false; var down = false }

    /// A matching event: returns whether it makes a spike up, or starts a drop.
    mutating func add(_ key: String, _ t: Int64, _ p: SpikeParams) -> Outcome {
        let (out, next) = keys[key, default: Key()].add(t, p)
        if p.type != .up { due.set(key, next) }
        return out
    }
}

extension SpikeState.Key {
    /// Adds an event at `t`: the outcome, and when the counts change next (for `down`).
    mutating func add(_ t: Int64, _ p: SpikeParams) -> (SpikeState.Outcome, Int64?) {
        let tf = p.timeframe * 1000
        self.now = max(self.now, t)
        if t <= self.now - 2 * tf { return (SpikeState.Outcome(), p.type == .up ? nil : SpikeState.nextChange(self, tf)) }
        self.times.insert(t)
        self.times.drop(through: self.now - 2 * tf)
        let c = SpikeState.counts(self, at: self.now, tf)
        var out = SpikeState.Outcome()
        if p.type != .down { out.up = SpikeState.isUp(c, p) }
        if p.type != .up {
            let down = SpikeState.isDown(c, p)
            out.down = down && !self.downActive
            self.downActive = down
            return (out, SpikeState.nextChange(self, tf))
        }
        return (out, nil)
    }
}

extension SpikeState {
    /// Evaluates the key whose counts change at `t` (a deadline from `due`); true when a drop starts.
    mutating func tick(_ key: String, at t: Int64, _ p: SpikeParams) -> Bool {
        let tf = p.timeframe * 1000
        guard var k = keys[key] else { due.set(key, nil); return false }
        k.now = max(k.now, t)
        k.times.drop(through: k.now - 2 * tf)
        let down = SpikeState.isDown(SpikeState.counts(k, at: k.now, tf), p)
        let started = down && !k.downActive
        k.downActive = down
        let next = SpikeState.nextChange(k, tf)
        due.set(key, next)
        keys[key] = (k.times.isEmpty && !k.downActive) ? nil : k
        return started
    }

    mutating func sweep(watermark w: Int64, _ p: SpikeParams) {
        let tf = p.timeframe * 1000
        guard p.type == .up, w >= lastSweep &+ tf else { return }
        lastSweep = w
        keys = keys.filter { $0.value.now > w - 2 * tf }
    }
}

/// `new_term`: when each term was last seen, per scope.
struct NewTermState: Sendable, Codable {
    var seen: [String: Int64] = [:]
    var lastSweep: Int64 = .min

    /// Records a sighting; true when the term was not seen in the scope within the window before.
    mutating func sight(_ key: String, _ t: Int64, window: Int64) -> Bool {
        let last = seen[key]
        let isNew = last.map { $0 <= t - window } ?? true
        seen[key] = max(last ?? t, t)
        return isNew
    }

    mutating func sweep(watermark w: Int64, window: Int64) {
        guard w >= lastSweep &+ max(window / 4, 1) else { return }
        lastSweep = w
        seen = seen.filter { $0.value > w - 2 * window }
    }
}

/// `flatline`: when each watched post last reported, the open alert per silent post, and the
/// deadlines (last report + `expect_every`).
struct FlatlineState: Sendable, Codable {
    var start: Int64?
    var lastSeen: [String: Int64] = [:]
    /// Post → the alert opened for its silence (and the time it went silent).
    var silent: [String: Silent] = [:]
    var due = DeadlineSet<String>()

    struct Silent: Sendable, Codable { var alert: Int64?; var since: Int64 }
}
