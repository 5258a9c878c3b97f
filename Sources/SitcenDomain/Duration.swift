/// Durations as the rule files and the command line write them: `90s`, `15m`, `6h`, `7d`,
/// `2w`, and combinations such as `1h30m`. Plain numbers are seconds.
public enum DurationText {
    /// Seconds, or nil when `text` is not a duration.
    public static func seconds(_ text: String) -> Int64? {
        let t = text.trimmingSpaces().lowercased()
        guard !t.isEmpty else { return nil }
        if let plain = Int64(t), plain >= 0 { return plain }
        var total: Int64 = 0
        var number: Int64? = nil
        for c in t {
            if let d = c.wholeNumberValue, c.isASCII {
                number = (number ?? 0) * 10 + Int64(d)
                if number! > 1_000_000_000 { return nil }
                continue
            }
            guard let n = number else { return nil }
            let unit: Int64
            switch c {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86_400
            case "w": unit = 7 * 86_400
            default: return nil
            }
            total += n * unit
            number = nil
        }
        guard number == nil else { return nil }
        return total
    }

    /// A compact human form: `45s`, `12m`, `3h05m`, `2d04h`.
    public static func format(seconds s: Int64) -> String {
        if s < 0 { return "-" + format(seconds: -s) }
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86_400 { return "\(s / 3600)h\(pad(Int(s / 60 % 60), 2))m" }
        return "\(s / 86_400)d\(pad(Int(s / 3600 % 24), 2))h"
    }
}
