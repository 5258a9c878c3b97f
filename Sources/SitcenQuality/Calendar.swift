import SitcenDomain

/// One reporting period of a post: `[start, end)`.
public struct ReportingPeriod: Sendable, Hashable {
    public var start: Timestamp
    public var end: Timestamp

    public init(start: Timestamp, end: Timestamp) { self.start = start; self.end = end }
}

/// Days, reporting periods and weeks in the centre's zone (a fixed UTC offset).
public enum QualityCalendar {
    static let dayMillis: Int64 = 86_400_000
    /// More periods than this in one window are not listed (an hourly post over 20 years).
    public static let maxPeriods = 200_000

    /// `a / b` rounded down, for negative `a` too.
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    /// Days since 1970-01-01 of the local date of `t` in the zone `offset`.
    public static func day(of t: Timestamp, offset: Int32) -> Int {
        Int(floorDiv(t.millis + Int64(offset) * 1000, dayMillis))
    }

    /// The instant local midnight starts day `day` in the zone `offset`.
    public static func midnight(day: Int, offset: Int32) -> Timestamp {
        Timestamp(millis: Int64(day) * dayMillis - Int64(offset) * 1000, offsetSeconds: offset)
    }

    /// The Monday (days since 1970-01-01) of the week holding local day `day`.
    /// 1970-01-05, day 4, was a Monday.
    public static func monday(ofDay day: Int) -> Int {
        let sinceMonday = Int(Int64(day - 4) - floorDiv(Int64(day - 4), 7) * 7)
        return day - sinceMonday
    }

    /// The Monday of the week holding `t` in the zone `offset`.
    public static func monday(of t: Timestamp, offset: Int32) -> Int { monday(ofDay: day(of: t, offset: offset)) }

    /// `2026-11-16` for a day number.
    public static func date(day: Int) -> String {
        let (y, m, d) = Timestamp.civilFromDays(day)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// The periods of `every` seconds (which must divide a day), aligned to local midnight in
    /// the zone `offset`, that start at or after `from` and end at or before `to`.
    public static func periods(every: Int64, offset: Int32, from: Timestamp, to: Timestamp) -> [ReportingPeriod] {
        guard every > 0, 86_400 % every == 0, to.millis > from.millis else { return [] }
        let len = every * 1000
        let off = Int64(offset) * 1000
        // Periods are multiples of `len` in local time, so they line up with midnight.
        var start = -floorDiv(-(from.millis + off), len) * len - off
        var out: [ReportingPeriod] = []
        while start + len <= to.millis, out.count < maxPeriods {
            out.append(ReportingPeriod(start: Timestamp(millis: start, offsetSeconds: offset),
                                       end: Timestamp(millis: start + len, offsetSeconds: offset)))
            start += len
        }
        return out
    }
}
