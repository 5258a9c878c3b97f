import SitcenDomain

extension Operator {
    /// Whether this operator may do `p` to `alert`, as `alert` was summarised for them. A pure
    /// predicate: the console asks it before it asks the officer for any input, and
    /// `AlertService` applies the same rule to every action.
    ///
    /// A `blo` officer acts only on an alert whose reports are ALL in their sector: acting on an
    /// alert that also holds other sectors' reports (an acknowledgement stops its escalation)
    /// would act for those sectors too.
    public func may(_ p: Permission, on alert: AlertSummary) -> Bool {
        guard may(p) else { return false }
        switch scope {
        case .everything: return true
        case .nothing: return false
        case .sector(let own): return alert.isWhollyIn(sector: own)
        }
    }
}

extension AlertSummary {
    /// All of its reports are of `sector` (for an alert that holds no report, such as a silent
    /// post's, its own sector is).
    public func isWhollyIn(sector s: String) -> Bool {
        !redacted && !sectors.isEmpty && sectors.allSatisfy { $0 == s }
    }
}

/// An action the operator may not take, or on an alert they may not see.
public struct PermissionDenied: Error, Sendable, CustomStringConvertible {
    public var officer: Operator
    public var action: String
    public var reason: String
    public init(officer: Operator, action: String, reason: String) {
        self.officer = officer; self.action = action; self.reason = reason
    }
    public var description: String { "\(officer) may not \(action): \(reason)" }
}

/// Something wrong with a request (no such alert, already resolved, a bad matcher).
public struct AlertError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
