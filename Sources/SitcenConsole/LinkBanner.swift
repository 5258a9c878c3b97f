import SitcenConsoleData
import SitcenDomain

extension LinkStatus {
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
