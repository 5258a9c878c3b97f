import SitcenDomain

/// The state of a remote console's link to its centre. A local console has none.
public struct LinkStatus: Sendable, Equatable {
    /// Connected, and the stream is alive (data or a heartbeat within the last seconds).
    public var up: Bool
    /// When the link was lost (or when the console started without one).
    public var downSince: Timestamp?
    /// Why, in words: "connection refused", "no data for 6 s", a TLS problem…
    public var reason: String?
    /// The centre refused the token (revoked or expired): what it said. Nothing will work until
    /// the operator gets a new token, so the console says so instead of "reconnecting".
    public var tokenRefused: String?
    public init(up: Bool, downSince: Timestamp? = nil, reason: String? = nil, tokenRefused: String? = nil) {
        self.up = up; self.downSince = downSince; self.reason = reason; self.tokenRefused = tokenRefused
    }

    public static let connected = LinkStatus(up: true)
}
