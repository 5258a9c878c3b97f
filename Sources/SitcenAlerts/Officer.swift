import SitcenDomain

/// Who acts on alerts: a name, a role (http.md's roles table) and, for a `blo`, a sector.
/// The CLI, the console and the HTTP server each build one from their own notion of an operator.
public struct Officer: Sendable, Hashable, CustomStringConvertible {
    public enum Role: String, Sendable, Hashable, CaseIterable, Codable { case duty, supervisor, blo }
    public var name: String
    public var role: Role
    /// A `blo` officer's sector (ignored for the other roles).
    public var sector: String?

    public init(name: String, role: Role, sector: String? = nil) {
        self.name = name; self.role = role; self.sector = role == .blo ? sector : nil
    }

    /// The engine itself, for actions nobody took (rule reload at start-up, automatic resolution).
    public static let system = Officer(name: "sitcen", role: .supervisor)

    /// The one sector this officer sees; nil: everything.
    public var scope: String? { role == .blo ? (sector ?? "") : nil }

    public var description: String {
        role == .blo ? "\(name) (blo, \(sector ?? "no sector"))" : "\(name) (\(role.rawValue))"
    }
}

/// What each role may do (http.md): one table, asked by every front end.
public enum Permission: String, Sendable, CaseIterable {
    case acknowledge, take, assign, note, resolve, silence, manageSilences, reloadRules, discardQuarantine
}

extension Officer {
    public func may(_ p: Permission) -> Bool {
        switch (role, p) {
        case (.supervisor, _): return true
        case (.duty, .manageSilences), (.duty, .reloadRules): return false
        case (.duty, _): return true
        case (.blo, .acknowledge), (.blo, .take), (.blo, .note): return true
        case (.blo, _): return false
        }
    }
}

/// An action the officer may not take, or on an alert they may not see.
public struct PermissionDenied: Error, Sendable, CustomStringConvertible {
    public var officer: Officer
    public var action: String
    public var reason: String
    public var description: String { "\(officer) may not \(action): \(reason)" }
}

/// Something wrong with a request (no such alert, already resolved, a bad matcher).
public struct AlertError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

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
