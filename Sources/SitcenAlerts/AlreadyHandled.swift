import SitcenDomain

/// An action another officer (or this one) already took: who and when, so that a second officer
/// at another desk sees it instead of a bare error. The HTTP API answers 409.
public struct AlreadyHandled: Error, Sendable, CustomStringConvertible {
    public enum Action: String, Sendable { case acknowledged, taken, yours }
    public var alert: Int64
    public var action: Action
    public var by: String
    public var at: Timestamp?

    public init(alert: Int64, action: Action, by: String, at: Timestamp?) {
        self.alert = alert; self.action = action; self.by = by; self.at = at
    }

    /// The sentence, with the time in the zone `offset` (seconds east of UTC).
    public func text(offset: Int32) -> String {
        let when = at.map { " at \($0.clock(offsetSeconds: offset))" + (offset == 0 ? "Z" : "") } ?? ""
        switch action {
        case .acknowledged: return "alert \(alert) was already acknowledged by \(by)\(when)"
        case .taken: return "alert \(alert) is already taken by \(by)\(when) (A assigns it)"
        case .yours: return "alert \(alert) is already yours (taken\(when))"
        }
    }

    public var description: String { text(offset: 0) }
}
