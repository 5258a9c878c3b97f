import Foundation
import SitcenDomain
import Yams

/// An operator of the centre's API: a bearer token, kept only as its SHA-256.
public struct OperatorEntry: Codable, Sendable, Equatable {
    public var name: String
    public var role: Operator.Role
    /// The sector a `blo` operator watches (nil for the other roles).
    public var sector: String?
    public var tokenSHA256: String
    /// When the token stops being accepted (whole seconds); nil: it does not expire. In the file:
    /// `expires_at`, an RFC 3339 UTC time such as `2026-12-31T18:00:00Z` (absent in older files).
    public var expiresAt: Date?

    enum CodingKeys: String, CodingKey {
        case name, role, sector
        case tokenSHA256 = "token_sha256"
        case expiresAt = "expires_at"
    }

    public init(name: String, role: Operator.Role, sector: String?, tokenSHA256: String, expiresAt: Date? = nil) {
        self.name = name; self.role = role; self.sector = sector; self.tokenSHA256 = tokenSHA256
        self.expiresAt = expiresAt.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        role = try c.decode(Operator.Role.self, forKey: .role)
        sector = try c.decodeIfPresent(String.self, forKey: .sector)
        tokenSHA256 = try c.decode(String.self, forKey: .tokenSHA256)
        if let text = try c.decodeIfPresent(String.self, forKey: .expiresAt) {
            guard let date = OperatorEntry.parseTime(text) else {
                throw DecodingError.dataCorruptedError(forKey: .expiresAt, in: c,
                    debugDescription: "expires_at of operator \(name) is \"\(text)\", not an RFC 3339 time such as 2026-12-31T18:00:00Z")
            }
            expiresAt = date
        } else {
            expiresAt = nil
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(role, forKey: .role)
        try c.encodeIfPresent(sector, forKey: .sector)
        try c.encode(tokenSHA256, forKey: .tokenSHA256)
        try c.encodeIfPresent(expiresAt.map(OperatorEntry.formatTime), forKey: .expiresAt)
    }

    /// Who this entry is, in the one model of roles and scopes.
    public var `operator`: Operator { Operator(name: name, role: role, sector: sector) }

    /// Whether the token has expired at `now` (an expiry time is the first instant it is refused).
    public func isExpired(at now: Date = Date()) -> Bool {
        guard let expiresAt else { return false }
        return now >= expiresAt
    }

    /// `expiresAt` as written in the file: RFC 3339, UTC, whole seconds.
    public var expiresAtText: String? { expiresAt.map(OperatorEntry.formatTime) }

    static func formatTime(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }

    /// An RFC 3339 time with an offset (`Z` or `+05:00`), with or without fractions of a second.
    static func parseTime(_ text: String) -> Date? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: t) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: t)
    }
}

/// What a bearer token is, as far as the keys file knows.
public enum TokenLookup: Sendable, Equatable {
    /// The token of this operator, in force.
    case valid(OperatorEntry)
    /// The token of this operator, past its `expiresAt`.
    case expired(OperatorEntry)
    /// No operator has this token: never issued, mistyped, or revoked.
    case unknown
}

/// The keys file (YAML): each post's key as 64 hex characters, each operator's token as a
/// SHA-256 hash. Written atomically and readable by its owner alone (0600).
public struct KeysFile: Codable, Sendable, Equatable {
    public var posts: [String: String]
    public var operators: [OperatorEntry]

    public init(posts: [String: String] = [:], operators: [OperatorEntry] = []) {
        self.posts = posts; self.operators = operators
    }

    enum CodingKeys: String, CodingKey { case posts, operators }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        posts = try c.decodeIfPresent([String: String].self, forKey: .posts) ?? [:]
        operators = try c.decodeIfPresent([OperatorEntry].self, forKey: .operators) ?? []
    }

    /// `$XDG_CONFIG_HOME/sitcen/keys.yaml`, else `~/.config/sitcen/keys.yaml`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { base = xdg } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        }
        return base + "/sitcen/keys.yaml"
    }

    // MARK: Reading and writing

    public static func parse(_ text: String, source: String) throws -> KeysFile {
        let file: KeysFile
        do {
            file = text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                ? KeysFile() : try YAMLDecoder().decode(KeysFile.self, from: text)
        } catch {
            throw KeysError("\(source): not a keys file (\(error)); create it with `sitcen keys add-post CODE`")
        }
        for (code, hex) in file.posts where PostKey(hex: hex) == nil {
            throw KeysError("\(source): the key of post \(code) is not 64 hex characters")
        }
        for op in file.operators {
            guard op.tokenSHA256.utf8.count == 64, Hex.decode(op.tokenSHA256) != nil else {
                throw KeysError("\(source): the token hash of operator \(op.name) is not 64 hex characters")
            }
            if op.role == .blo && (op.sector ?? "").isEmpty {
                throw KeysError("\(source): operator \(op.name) is a blo without a sector")
            }
        }
        return file
    }

    /// Reads `path`; a missing file is an empty keys file when `missingIsEmpty`.
    public static func load(path: String, missingIsEmpty: Bool = false) throws -> KeysFile {
        guard FileManager.default.fileExists(atPath: path) else {
            if missingIsEmpty { return KeysFile() }
            throw KeysError("no keys file at \(path); create one with `sitcen keys add-post CODE --keys \(path)`")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KeysError("cannot read the keys file \(path)")
        }
        return try parse(String(decoding: data, as: UTF8.self), source: path)
    }

    /// Why others than the owner could read `path`, or nil when only its owner can.
    public static func permissionProblem(path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        if st.st_mode & 0o077 != 0 {
            return "the keys file \(path) is readable by others (mode \(String(st.st_mode & 0o777, radix: 8))); run chmod 600 \(path)"
        }
        return nil
    }

    public func yaml() throws -> String {
        let enc = YAMLEncoder()
        enc.options.sortKeys = true
        return "# sitcen keys: post keys (hex) and operator token hashes. Keep this file private (0600).\n"
            + (try enc.encode(self))
    }

    /// Writes the file atomically (a temporary file, fsync, rename, fsync of the folder), 0600.
    public func save(path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty, !FileManager.default.fileExists(atPath: dir) {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        let bytes = Array(try yaml().utf8)
        try AtomicFile.write(bytes, to: path, mode: 0o600)
    }

    // MARK: Changes

    static func validName(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.count <= 64 && s.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x2E || c == 0x5F
        }
    }

    /// Adds a post with a fresh key and returns the key (shown once).
    public mutating func addPost(_ code: String) throws -> PostKey {
        guard KeysFile.validName(code) else { throw KeysError("\"\(code)\" is not a post code (letters, digits, - . _)") }
        guard posts[code] == nil else {
            throw KeysError("post \(code) has a key already; revoke it first (sitcen keys revoke \(code)) to issue a new one")
        }
        let key = PostKey.random()
        posts[code] = key.hex
        return key
    }

    /// Adds an operator with a fresh token and returns the token (shown once). With `expiresAt`
    /// the token is refused from that time on (`TokenLookup.expired`).
    public mutating func addOperator(name: String, role: Operator.Role, sector: String?, expiresAt: Date? = nil) throws -> String {
        guard KeysFile.validName(name) else { throw KeysError("\"\(name)\" is not an operator name (letters, digits, - . _)") }
        guard !operators.contains(where: { $0.name == name }) else {
            throw KeysError("operator \(name) exists already; revoke it first to issue a new token")
        }
        if role == .blo && (sector ?? "").isEmpty { throw KeysError("a blo operator needs --sector") }
        if role != .blo && sector != nil { throw KeysError("only a blo operator has a sector") }
        let token = Secrets.newToken()
        operators.append(OperatorEntry(name: name, role: role, sector: sector, tokenSHA256: Secrets.tokenHash(token),
                                       expiresAt: expiresAt))
        return token
    }

    /// Removes the post with code `name`, or the operator called `name`; says which.
    public mutating func revoke(_ name: String) throws -> String {
        let isPost = posts[name] != nil
        let isOperator = operators.contains { $0.name == name }
        if isPost && isOperator {
            throw KeysError("\(name) is both a post and an operator; rename one in the keys file by hand")
        }
        if isPost { posts[name] = nil; return "post \(name)" }
        if isOperator { operators.removeAll { $0.name == name }; return "operator \(name)" }
        throw KeysError("no post or operator called \(name) in the keys file")
    }

    // MARK: Look-ups

    public func postKey(_ code: String) -> PostKey? { posts[code].flatMap { PostKey(hex: $0) } }

    /// The operator whose token this is, while the token is in force: nil for a token that is
    /// unknown, revoked or expired (`lookup(token:)` tells these apart).
    public func operatorFor(token: String) -> OperatorEntry? {
        if case .valid(let entry) = lookup(token: token) { return entry }
        return nil
    }

    /// What `token` is at `now`: an operator's token in force, an operator's expired token, or
    /// unknown (never issued, mistyped, revoked). Every entry is compared, in constant time each.
    public func lookup(token: String, at now: Date = Date()) -> TokenLookup {
        let given = Array(Secrets.tokenHash(token).utf8)
        var found: OperatorEntry? = nil
        for op in operators where constantTimeEqual(given, Array(op.tokenSHA256.lowercased().utf8)) { found = op }
        guard let found else { return .unknown }
        return found.isExpired(at: now) ? .expired(found) : .valid(found)
    }
}

/// Writing a file so that a reader sees the old or the new content, never a mix, even after a
/// crash or a power cut.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let tmp = (dir.isEmpty ? "." : dir) + "/.\((path as NSString).lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw KeysError("cannot write \(tmp): \(String(cString: strerror(errno)))") }
        var ok = false
        defer { if !ok { unlink(tmp) } }
        _ = fchmod(fd, mode)   // the umask may have taken bits away; set exactly `mode`
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + off, $0.count - off) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno; close(fd)
                throw KeysError("cannot write \(tmp): \(String(cString: strerror(e)))")
            }
            off += n
        }
        guard fsync(fd) == 0 else { let e = errno; close(fd); throw KeysError("cannot sync \(tmp): \(String(cString: strerror(e)))") }
        close(fd)
        guard rename(tmp, path) == 0 else { throw KeysError("cannot replace \(path): \(String(cString: strerror(errno)))") }
        ok = true
        syncDirectory(dir.isEmpty ? "." : dir)
    }

    /// fsync of a folder, so that a rename in it survives a power cut.
    public static func syncDirectory(_ dir: String) {
        let d = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if d >= 0 { _ = fsync(d); close(d) }
    }
}
