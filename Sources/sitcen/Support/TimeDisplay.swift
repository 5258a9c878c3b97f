import Foundation
import SitcenDomain

/// Times as people read them on the desk: in the centre's zone, to the minute.
enum TimeDisplay {
    /// `2026-11-20 14:05` in `offset`.
    static func short(_ t: Timestamp, offset: Int32) -> String {
        let c = t.components(offsetSeconds: offset)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day, c.hour, c.minute)
    }

    /// `+05:00`, `UTC`, `Z`, or an IANA name, to seconds east of UTC.
    static func offset(parsing text: String) -> Int32? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.uppercased() == "UTC" || t == "Z" { return 0 }
        if let f = t.first, f == "+" || f == "-" {
            let parts = t.dropFirst().split(separator: ":")
            guard let h = Int32(parts.first ?? ""), h <= 14 else { return nil }
            let m = parts.count > 1 ? Int32(parts[1]) ?? 0 : 0
            return (f == "-" ? -1 : 1) * (h * 3600 + m * 60)
        }
        if let zone = TimeZone(identifier: t) { return Int32(zone.secondsFromGMT()) }
        return nil
    }

    static func offsetLabel(_ off: Int32) -> String {
        if off == 0 { return "UTC" }
        let a = abs(off)
        return String(format: "%@%02d:%02d", off < 0 ? "-" : "+", a / 3600, a / 60 % 60)
    }
}
