import SitcenConsoleData
import SitcenAlerts
import SitcenRules
import SitcenText
import TermUI

/// A silence being drawn up from an alert (`s`): the matchers it will create, shown before
/// anything is asked, which the officer narrows or widens; then how long, then why. A sub-state
/// with its own keys: j/k move, Space turns a matcher on or off, `w` keeps only the rule
/// ("every alert of this rule"), Enter goes on, Esc cancels.
public struct SilenceDraft: Sendable, Equatable {
    public struct Choice: Sendable, Equatable {
        public var matcher: SilenceMatcher
        public var on: Bool
    }
    public enum Stage: Sendable, Equatable { case matchers, duration, reason }
    public enum Outcome: Sendable, Equatable { case none, cancel, askDuration }

    /// The alert it was drawn from.
    public var alert: Int64
    public var rule: String
    public var choices: [Choice]
    public var cursor = 0
    public var stage: Stage = .matchers
    public var seconds: Int64?

    /// From an alert: its rule and grouping labels on (alerts like this one), its other labels
    /// offered off.
    public init(_ a: AlertSummary) {
        alert = a.id
        rule = a.rule
        let like = TriageAction.silenceMatchers(for: a)
        var choices = like.map { Choice(matcher: $0, on: true) }
        for l in a.labels where !like.contains(where: { $0.label == l.name }) {
            choices.append(Choice(matcher: SilenceMatcher(l.name, .equal, l.value), on: false))
        }
        self.choices = choices
    }

    /// The matchers that will be created.
    public var matchers: [SilenceMatcher] { choices.filter(\.on).map(\.matcher) }

    /// Whether the silence would cover `a` (for "it will silence N open alerts").
    public func covers(_ a: AlertSummary) -> Bool {
        var labels: [String: String] = [:]
        for l in a.labels { labels[l.name] = l.value }
        labels["rule"] = a.rule
        return !matchers.isEmpty && matchers.allSatisfy { $0.matches(labels) }
    }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key.latinLayout ?? key {
        case .escape, .ctrl("c"): return .cancel
        case .down, .char("j"): cursor = min(choices.count - 1, cursor + 1)
        case .up, .char("k"): cursor = max(0, cursor - 1)
        case .char(" "):
            // The rule matcher stays: a silence of every alert of every rule is not a silence.
            if choices.indices.contains(cursor), choices[cursor].matcher.label != "rule" { choices[cursor].on.toggle() }
        case .char("w"):
            for i in choices.indices { choices[i].on = choices[i].matcher.label == "rule" }
        case .enter:
            stage = .duration
            return .askDuration
        default: break
        }
        return .none
    }
}
