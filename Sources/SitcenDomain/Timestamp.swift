/// An RFC 3339 time as a post sent it: the instant (milliseconds since the Unix epoch, UTC)
/// and the UTC offset it was written with, so it can be shown as received or in any zone.
public struct Timestamp: Sendable, Hashable, Comparable, Codable {
    public var millis: Int64
    /// Offset from UTC in seconds that the sender used (+18000 for UTC+5).
    public var offsetSeconds: Int32

    public init(millis: Int64, offsetSeconds: Int32 = 0) {
        self.millis = millis
        self.offsetSeconds = offsetSeconds
    }

    public init(seconds: Int64, offsetSeconds: Int32 = 0) {
        self.init(millis: seconds * 1000, offsetSeconds: offsetSeconds)
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.millis < b.millis }
    public static func == (a: Timestamp, b: Timestamp) -> Bool {
        a.millis == b.millis && a.offsetSeconds == b.offsetSeconds
    }

    public var seconds: Int64 { millis >= 0 ? millis / 1000 : (millis - 999) / 1000 }

    public func adding(seconds: Int64) -> Timestamp {
        Timestamp(millis: millis + seconds * 1000, offsetSeconds: offsetSeconds)
    }

    /// Parses RFC 3339 (`2026-11-20T14:05:00+05:00`, `…Z`, fractional seconds, `t`/`z` or a space
    /// as separator). Returns nil, with no partial result, for anything else, including a time
    /// without an offset.
    public static func parse(_ text: String) -> Timestamp? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    public static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        let n = b.count
        guard n >= 20 else { return nil }
        func digit(_ i: Int) -> Int? {
            let c = b[i]
            return c >= 0x30 && c <= 0x39 ? Int(c - 0x30) : nil
        }
        func num(_ i: Int, _ len: Int) -> Int? {
            var v = 0
            for k in i..<(i + len) { guard let d = digit(k) else { return nil }; v = v * 10 + d }
            return v
        }
        guard let year = num(0, 4), b[4] == 0x2D, let month = num(5, 2), b[7] == 0x2D,
              let day = num(8, 2),
              b[10] == 0x54 || b[10] == 0x74 || b[10] == 0x20,
              let hour = num(11, 2), b[13] == 0x3A, let minute = num(14, 2), b[16] == 0x3A,
              let second = num(17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year, month),
              hour <= 23, minute <= 59, second <= 60 else { return nil }
        var i = 19
        var fracMillis = 0
        if i < n, b[i] == 0x2E {
            i += 1
            var digits = 0
            while i < n, let d = digit(i) {
                if digits < 3 { fracMillis = fracMillis * 10 + d }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<3 where digits < 3 { fracMillis *= 10 }
        }
        guard i < n else { return nil }
        var offset = 0
        if b[i] == 0x5A || b[i] == 0x7A {
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D {
            let sign = b[i] == 0x2D ? -1 : 1
            guard i + 6 == n, let oh = num(i + 1, 2), b[i + 3] == 0x3A, let om = num(i + 4, 2),
                  oh <= 23, om <= 59 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
            i += 6
        } else {
            return nil
        }
        guard i == n else { return nil }
        let days = daysFromCivil(year, month, day)
        let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        let utc = local - Int64(offset)
        return Timestamp(millis: utc * 1000 + Int64(fracMillis), offsetSeconds: Int32(offset))
    }

    /// Why `text` is not an RFC 3339 time, in words (nil when it is one).
    public static func problem(_ text: String) -> String? {
        if parse(text) != nil { return nil }
        let u = Array(text.utf8)
        func isDigit(_ i: Int) -> Bool { i < u.count && u[i] >= 0x30 && u[i] <= 0x39 }
        let shaped = u.count >= 19 && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18].allSatisfy(isDigit)
            && u[4] == 0x2D && u[7] == 0x2D && u[13] == 0x3A && u[16] == 0x3A
        guard shaped else { return "must be an RFC 3339 time with a UTC offset, such as 2026-11-20T14:05:00+05:00" }
        let last = u.last!
        let hasOffset = last == 0x5A || last == 0x7A || (u.count >= 25 && (u[u.count - 6] == 0x2B || u[u.count - 6] == 0x2D))
        if !hasOffset { return "has no UTC offset; add one, such as +05:00 or Z" }
        return "is not a real date and time (check the day of the month and the hours)"
    }

    /// RFC 3339 with the sender's offset (or `offsetSeconds` if given), milliseconds when not 0.
    public func rfc3339(offsetSeconds: Int32? = nil) -> String {
        let off = Int64(offsetSeconds ?? self.offsetSeconds)
        let localMillis = millis + off * 1000
        let secs = localMillis >= 0 ? localMillis / 1000 : (localMillis - 999) / 1000
        let ms = Int(localMillis - secs * 1000)
        let days = secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400
        let rem = Int(secs - days * 86_400)
        let (y, m, d) = Timestamp.civilFromDays(Int(days))
        var s = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rem / 3600, 2)):\(pad(rem / 60 % 60, 2)):\(pad(rem % 60, 2))"
        if ms != 0 { s += ".\(pad(ms, 3))" }
        if off == 0 { s += "Z" } else {
            let a = abs(Int(off))
            s += (off < 0 ? "-" : "+") + "\(pad(a / 3600, 2)):\(pad(a / 60 % 60, 2))"
        }
        return s
    }

    /// `14:05`: hours and minutes in the given offset (clocks, banners).
    public func clock(offsetSeconds off: Int32) -> String {
        let c = components(offsetSeconds: off)
        return "\(pad(c.hour, 2)):\(pad(c.minute, 2))"
    }

    /// Year, month, day, hour, minute, second in the given offset.
    public func components(offsetSeconds off: Int32) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let local = seconds + Int64(off)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let rem = Int(local - days * 86_400)
        let (y, m, d) = Timestamp.civilFromDays(Int(days))
        return (y, m, d, rem / 3600, rem / 60 % 60, rem % 60)
    }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    public static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

@inline(__always)
func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Timestamp {
    /// The wall clock, in UTC. Rules never call this: the engine is given its "now".
    public static func now() -> Timestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Timestamp(millis: Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000)
    }
}
