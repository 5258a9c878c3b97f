/// Sorted event times (milliseconds) of one key, oldest first, as a ring-free deque:
/// a head index into an array that is compacted when half of it is dead. Appends are O(1)
/// (events mostly come in time order); a late event is inserted in place.
struct TimeDeque: Sendable, Hashable, Codable {
    private var items: [Int64] = []
    private var head = 0

    init() {}
    init(from decoder: Decoder) throws {
        items = try decoder.singleValueContainer().decode([Int64].self)
    }
    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(Array(items[head...]))
    }
    static func == (a: TimeDeque, b: TimeDeque) -> Bool { a.items[a.head...] == b.items[b.head...] }
    func hash(into h: inout Hasher) { h.combine(items[head...].count) }

    var count: Int { items.count - head }
    var isEmpty: Bool { head == items.count }
    var first: Int64? { isEmpty ? nil : items[head] }
    var last: Int64? { isEmpty ? nil : items[items.count - 1] }

    mutating func insert(_ t: Int64) {
        if isEmpty || items[items.count - 1] <= t { items.append(t); return }
        items.insert(t, at: lowerBound(after: t))
    }

    /// Drops every time ≤ `t`.
    mutating func drop(through t: Int64) {
        while head < items.count && items[head] <= t { head += 1 }
        if head > 32 && head * 2 > items.count { items.removeFirst(head); head = 0 }
        if head == items.count { items.removeAll(keepingCapacity: items.count < 64); head = 0 }
    }

    /// Index of the first time > `t`.
    func lowerBound(after t: Int64) -> Int {
        var lo = head, hi = items.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if items[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// How many times lie in (from, through].
    func count(after from: Int64, through: Int64) -> Int {
        guard through > from else { return 0 }
        return lowerBound(after: through) - lowerBound(after: from)
    }

    /// The first time > `t`.
    func firstAfter(_ t: Int64) -> Int64? {
        let i = lowerBound(after: t)
        return i < items.count ? items[i] : nil
    }
}

/// Deadlines by key with the earliest one cached. Ties break by key, so the order in which
/// deadlines fire never depends on hashing or on how the set was built.
struct DeadlineSet<Key: Hashable & Comparable & Codable & Sendable>: Sendable, Codable {
    private(set) var dues: [Key: Int64] = [:]
    private var cached: (due: Int64, key: Key)?? = .some(nil)

    init() {}
    init(from decoder: Decoder) throws {
        dues = try decoder.singleValueContainer().decode([Key: Int64].self)
        cached = nil
    }
    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(dues)
    }

    var isEmpty: Bool { dues.isEmpty }

    subscript(key: Key) -> Int64? { dues[key] }

    mutating func set(_ key: Key, _ due: Int64?) {
        let old = dues[key]
        guard old != due else { return }
        dues[key] = due
        if case .some(let c) = cached {
            if let due, c == nil || (due, key) < (c!.due, c!.key) { cached = .some((due, key)) }
            else if let c, c.key == key { cached = nil }
        }
    }

    /// The earliest deadline.
    mutating func next() -> (due: Int64, key: Key)? {
        if case .some(let c) = cached { return c }
        var best: (due: Int64, key: Key)? = nil
        for (k, d) in dues where best == nil || (d, k) < (best!.due, best!.key) { best = (d, k) }
        cached = .some(best)
        return best
    }
}

extension TimeDeque {
    /// Adds an event at `t` to a window that ends at the newest event; returns how many events
    /// the window holds, or nil when `t` is older than the window.
    mutating func addWindowed(_ t: Int64, _ tf: Int64) -> Int? {
        let end = Swift.max(t, last ?? t)
        if t <= end - tf { return nil }
        insert(t)
        drop(through: end - tf)
        return count
    }
}
