/// Who uses the centre, what they see and what they may do: ONE model for every front end (the
/// console, the HTTP API and its stream, exports, the SITREP, silences, the CLI, the keys file).
/// Docs/http.md has the roles table this encodes.
public struct Operator: Sendable, Hashable, CustomStringConvertible {
    /// The roles of the keys file, `--role` and `/v1/me`.
    public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
        /// Sees everything; acknowledges, takes, assigns, notes, resolves, silences.
        case duty
        /// As duty, and manages silences and rules.
        case supervisor
        /// A border liaison officer: one sector; acknowledges, takes and notes, nothing more.
        case blo
    }

    public var name: String
    public var role: Role
    /// A `blo` officer's sector (always nil for the other roles). A `blo` without one sees
    /// nothing: the model fails closed.
    public var sector: String?

    public init(name: String, role: Role, sector: String? = nil) {
        self.name = name
        self.role = role
        self.sector = role == .blo ? sector : nil
    }

    /// The engine itself, for actions nobody took (rule reload at start-up, automatic resolution).
    public static let system = Operator(name: "sitcen", role: .supervisor)

    /// What this operator sees.
    public var scope: Scope {
        switch role {
        case .duty, .supervisor: return .everything
        case .blo:
            guard let sector, !sector.isEmpty else { return .nothing }
            return .sector(sector)
        }
    }

    public var description: String {
        role == .blo ? "\(name) (blo, \(sector ?? "no sector"))" : "\(name) (\(role.rawValue))"
    }
}

/// What an operator sees: everything, one sector, or nothing at all (a `blo` without a sector).
public enum Scope: Sendable, Hashable {
    case everything
    case sector(String)
    case nothing

    /// Whether a row of sector `s` is in scope.
    public func allows(sector s: String) -> Bool {
        switch self {
        case .everything: return true
        case .sector(let own): return own == s
        case .nothing: return false
        }
    }

    /// Whether the reports of post `code` are in scope (a post the registry does not know is
    /// in no sector: only `.everything` sees it).
    public func allows(post code: String, in registry: Registry) -> Bool {
        if case .everything = self { return true }
        guard let p = registry.post(code) else { return false }
        return allows(sector: p.sector)
    }

    /// True for `.everything`.
    public var isEverything: Bool { self == .everything }

    /// The one sector of `.sector`; nil for the others.
    public var sector: String? {
        if case .sector(let s) = self { return s }
        return nil
    }

    /// The sector a store query is limited to: nil (no limit) for `.everything`, the sector for
    /// `.sector`, and for `.nothing` the empty string, which no row has (every report's and
    /// alert's sector comes from the registry, which refuses an empty one), so the query is
    /// empty.
    public var sectorFilter: String? {
        switch self {
        case .everything: return nil
        case .sector(let s): return s
        case .nothing: return ""
        }
    }

    /// The registry's posts in scope.
    public func posts(of registry: Registry) -> [Post] {
        registry.posts.filter { allows(sector: $0.sector) }
    }
}

/// What an operator may do: one table, asked by every front end (see `Operator.may`).
public enum Permission: String, Sendable, CaseIterable {
    case acknowledge, take, assign, note, resolve, silence
    /// End another officer's silence.
    case manageSilences
    /// Reload or install the alert rules.
    case reloadRules
    /// Discard a quarantined record (`sitcen quarantine discard`).
    case discardQuarantine
    /// See the quarantine (its size in the stream's `status`, the SITREP's figure): quarantined
    /// lines are raw feed text from any post, so a one-sector scope never sees them.
    case seeQuarantine
}

extension Operator {
    /// The roles table of Docs/http.md.
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
