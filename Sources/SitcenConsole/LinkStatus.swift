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

    /// The banner a console shows while the link is not up: unmistakable, in every view.
    public func banner(strings s: Strings, offset: Int32) -> String? {
        guard !up else { return nil }
        if let refused = tokenRefused {
            return " ⛔ " + s.tokenRefusedCentre + ": \(refused) — "
                + s.showingCachedDataAsk
        }
        var text = " ⚠ " + s.linkDown
        if let since = downSince { text += " " + s.since + " " + since.clock(offsetSeconds: offset) }
        text += " — " + s.showingCachedData
        text += "; " + s.reconnecting
        if let reason { text += " (\(reason))" }
        return text
    }
}
