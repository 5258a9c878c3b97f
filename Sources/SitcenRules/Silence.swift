import SitcenDomain

/// One matcher of a silence: `label=value`, `label=~regex` (whole match), and their negations
/// `!=` and `!~`. A label the alert does not have counts as the empty text.
public struct SilenceMatcher: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Op: String, Sendable, Hashable, Codable { case equal = "=", regex = "=~", notEqual = "!=", notRegex = "!~" }
    public var label: String
    public var op: Op
    public var value: String

    public init(_ label: String, _ op: Op, _ value: String) { self.label = label; self.op = op; self.value = value }

    /// Parses `post=KZ-KHR`, `rule=~heroin-.*`, `severity!=info`. Returns nil on anything else
    /// (including a regex that does not compile).
    public static func parse(_ text: String) -> SilenceMatcher? {
        for op in [Op.regex, .notRegex, .notEqual, .equal] {
            if let r = text.range(of: op.rawValue) {
                let label = String(text[..<r.lowerBound]).trimmingCharacters()
                var value = String(text[r.upperBound...]).trimmingCharacters()
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
                guard !label.isEmpty, label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) else { return nil }
                if op == .regex || op == .notRegex, WholeRegex(value) == nil { return nil }
                return SilenceMatcher(label, op, value)
            }
        }
        return nil
    }

    public func matches(_ labels: [String: String]) -> Bool {
        let v = labels[label] ?? ""
        switch op {
        case .equal: return v == value
        case .notEqual: return v != value
        case .regex: return WholeRegex(value)?.matches(v) ?? false
        case .notRegex: return !(WholeRegex(value)?.matches(v) ?? false)
        }
    }

    public var description: String { "\(label)\(op.rawValue)\(value)" }
}

/// A silence: while in force (`startsAt` ≤ t < `endsAt`), alerts whose labels match every
/// matcher are recorded but marked silenced: not shown, no ring, no escalation.
public struct Silence: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var matchers: [SilenceMatcher]
    public var startsAt: Timestamp
    public var endsAt: Timestamp
    public var author: String
    public var comment: String

    public init(id: String, matchers: [SilenceMatcher], startsAt: Timestamp, endsAt: Timestamp, author: String, comment: String) {
        self.id = id; self.matchers = matchers; self.startsAt = startsAt; self.endsAt = endsAt
        self.author = author; self.comment = comment
    }

    public func isActive(at t: Timestamp) -> Bool { startsAt.millis <= t.millis && t.millis < endsAt.millis }

    public func matches(_ labels: [String: String]) -> Bool {
        !matchers.isEmpty && matchers.allSatisfy { $0.matches(labels) }
    }
}

/// The silences the engine knows, with the pure logic of matching and expiry.
public struct SilenceSet: Sendable, Hashable, Codable {
    public private(set) var silences: [Silence] = []

    public init(_ silences: [Silence] = []) { self.silences = silences.sorted { $0.id < $1.id } }

    /// Adds or replaces (same id).
    public mutating func upsert(_ s: Silence) {
        silences.removeAll { $0.id == s.id }
        silences.append(s)
        silences.sort { $0.id < $1.id }
    }

    /// Ends a silence at `at` (it stays listed until pruned). False if there is none with that id.
    @discardableResult
    public mutating func expire(_ id: String, at: Timestamp) -> Bool {
        guard let i = silences.firstIndex(where: { $0.id == id }) else { return false }
        if silences[i].endsAt.millis > at.millis { silences[i].endsAt = at }
        if silences[i].startsAt.millis > at.millis { silences[i].startsAt = at }
        return true
    }

    /// The first silence (by id) in force at `t` that matches `labels`.
    public func silencing(_ labels: [String: String], at t: Timestamp) -> Silence? {
        silences.first { $0.isActive(at: t) && $0.matches(labels) }
    }

    public func active(at t: Timestamp) -> [Silence] { silences.filter { $0.isActive(at: t) } }

    /// Drops silences that ended before `t`.
    public mutating func prune(endedBefore t: Timestamp) { silences.removeAll { $0.endsAt.millis < t.millis } }

    /// The next start or end strictly after `t`: when the set of silences in force changes.
    public func nextChange(after t: Int64) -> Int64? {
        var best: Int64? = nil
        for s in silences {
            for x in [s.startsAt.millis, s.endsAt.millis] where x > t { best = min(best ?? x, x) }
        }
        return best
    }
}
