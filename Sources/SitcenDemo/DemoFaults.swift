import SitcenDomain
import SitcenFeed

/// The broken and hostile records the demo mixes in with `faults: true`. All but three must
/// be quarantined; `hostileText` is a valid record (stored, shown safely), `exactDuplicate`
/// is counted as a duplicate, `conflict` is quarantined as a conflict with the stored one.
public enum DemoFault: String, CaseIterable, Sendable {
    case malformedJSON = "malformed_json"
    case wrongColumnCount = "wrong_column_count"
    case unterminatedQuote = "unterminated_quote"
    case missingField = "missing_field"
    case unknownPost = "unknown_post"
    case timeWithoutOffset = "time_without_offset"
    case impossibleDate = "impossible_date"
    case latOutOfRange = "lat_out_of_range"
    case latNotNumber = "lat_not_a_number"
    case quantityNegative = "quantity_negative"
    case quantityZero = "quantity_zero"
    case quantityText = "quantity_text"
    case arrestedFraction = "arrested_fraction"
    case transitNotList = "transit_not_a_list"
    case invalidUTF8 = "invalid_utf8"
    case overlongLine = "overlong_line"
    case unknownType = "unknown_type"
    case unknownUnit = "unknown_unit"
    case idWithSpaces = "id_with_spaces"
    case hostileText = "hostile_text"
    case exactDuplicate = "exact_duplicate"
    case conflict = "conflict"

    /// What the record looks like, for the docs.
    public var explanation: String {
        switch self {
        case .malformedJSON: return "JSON Lines: not JSON (cut short, an unquoted key, single quotes, a missing comma)"
        case .wrongColumnCount: return "CSV: a row with too few or too many columns"
        case .unterminatedQuote: return "CSV: the last record opens a quoted field and never closes it"
        case .missingField: return "a required field is missing (observed_at, post, type or id; a seizure without substance, quantity or unit)"
        case .unknownPost: return "a post code that is not in the registry"
        case .timeWithoutOffset: return "observed_at without a UTC offset (2026-03-01T10:00:00)"
        case .impossibleDate: return "observed_at on a day that does not exist (2026-02-30, 2026-04-31, month 13)"
        case .latOutOfRange: return "lat outside −90..90 (95)"
        case .latNotNumber: return "lat that is not a number (\"abc\"; CSV also 43,21)"
        case .quantityNegative: return "a seizure with quantity -3"
        case .quantityZero: return "a seizure with quantity 0"
        case .quantityText: return "quantity as text (\"12kg\")"
        case .arrestedFraction: return "arrested 1.5 (not a whole number)"
        case .transitNotList: return "transit not a list of country codes (JSON \"AF\"; CSV AF/UZ)"
        case .invalidUTF8: return "bytes that are not UTF-8 in a text field (FF, a cut sequence, an overlong form, a surrogate)"
        case .overlongLine: return "a record longer than 1 MiB (one per run of 1,000 records or more)"
        case .unknownType: return "type outside the vocabulary (\"seizure2\", \"interdiction\")"
        case .unknownUnit: return "unit outside the vocabulary (\"kilo\", \"bags\")"
        case .idWithSpaces: return "an id with spaces (\"KZ KHR 2026 000123\")"
        case .hostileText: return "VALID record whose summary holds ANSI escapes (ESC ]0;pwned BEL, ESC [2J), C1 CSI, a bidi override, a zero-width space, a lone CR"
        case .exactDuplicate: return "a resend of an earlier record, identical but for reported_at (a duplicate)"
        case .conflict: return "same post, id and revision as an earlier record, different content (a conflict)"
        }
    }

    /// The kinds a feed of `format` can carry.
    public static func kinds(for format: DemoGenerator.Format) -> [DemoFault] {
        allCases.filter {
            switch $0 {
            case .malformedJSON: return format == .jsonl
            case .wrongColumnCount, .unterminatedQuote: return format == .csv
            default: return true
            }
        }
    }

    /// Kinds that refer to an earlier record instead of breaking a fresh one.
    var needsOriginal: Bool { self == .exactDuplicate || self == .conflict }
    /// Kinds that need a seizure as their base.
    var needsSeizure: Bool { [.quantityNegative, .quantityZero, .quantityText, .unknownUnit, .missingField].contains(self) }
}

/// Turns a fresh report into the bytes of one broken record of a given kind.
enum FaultWriter {
    static let hostile = ["\u{1B}]0;pwned\u{7}", "\u{1B}[2J", "\u{202E}", "\u{200B}", "\u{9B}31m", "\r"]

    /// `base` with hostile text in its summary (a valid report).
    static func hostile(_ base: Report, _ r: inout DemoRandom) -> Report {
        var out = base
        let junk = r.chance(0.3) ? hostile.joined(separator: " ") : r.pick(hostile) + r.pick(hostile)
        out.summary = (base.summary ?? "Без происшествий.") + " " + junk + " конец"
        return out
    }

    /// The bytes of a record of kind `kind` made from `base`.
    static func bytes(_ kind: DemoFault, base: Report, format: DemoGenerator.Format, _ r: inout DemoRandom) -> [UInt8] {
        var rep = base
        var set: [(String, json: String, csv: String)] = []
        var drop: String? = nil
        let marker = "@@MARK@@"
        var splice: [UInt8]? = nil
        switch kind {
        case .missingField:
            drop = r.pick(["observed_at", "post", "type", "id", "substance", "quantity", "unit"])
        case .unknownPost: rep.post = r.pick(["KZ-XXX", "TJ-NEW", "AF-HRT", "UZ-TRM1"])
        case .timeWithoutOffset:
            let t = String(rep.observedAt.rfc3339().prefix(19))
            set.append(("observed_at", "\"\(t)\"", t))
        case .impossibleDate:
            let c = rep.observedAt.components(offsetSeconds: rep.observedAt.offsetSeconds)
            let day = r.pick(["02-30", "04-31", "13-02", "02-31"])
            let t = "\(c.year)-\(day)T\(c.hour < 10 ? "0" : "")\(c.hour):15:00+05:00"
            set.append(("observed_at", "\"\(t)\"", t))
        case .latOutOfRange:
            rep.lon = rep.lon ?? 70.5
            set.append(("lat", "95.2", "95.2"))
        case .latNotNumber: set.append(("lat", "\"abc\"", r.chance(0.5) ? "abc" : "43,21")); rep.lon = rep.lon ?? 70.5
        case .quantityNegative: set.append(("quantity", "-3", "-3"))
        case .quantityZero: set.append(("quantity", "0", "0"))
        case .quantityText: set.append(("quantity", "\"12kg\"", "12kg"))
        case .arrestedFraction: set.append(("arrested", "1.5", "1.5"))
        case .transitNotList: set.append(("transit", "\"AF\"", "AF/UZ"))
        case .unknownType: let t = r.pick(["seizure2", "interdiction"]); set.append(("type", "\"\(t)\"", t))
        case .unknownUnit: let u = r.pick(["kilo", "bags"]); set.append(("unit", "\"\(u)\"", u))
        case .idWithSpaces: rep.id = rep.id.replacingOccurrences("-", " ")
        case .hostileText: rep = hostile(rep, &r)
        case .invalidUTF8:
            rep.summary = (rep.summary ?? "") + " " + marker
            splice = r.pick([[0xFF], [0xD0, 0x20], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFE, 0xFE]])
        case .overlongLine:
            rep.summary = "Повторная передача: " + marker
            let unit = Array("Повторная передача донесения; связь неустойчива. ".utf8)
            var fill: [UInt8] = []
            fill.reserveCapacity(1_150_000)
            while fill.count < 1_100_000 { fill += unit }
            splice = fill
        case .malformedJSON, .wrongColumnCount, .unterminatedQuote, .exactDuplicate, .conflict:
            break
        }
        var out: [UInt8]
        if format == .jsonl {
            var line = FeedEncoder.jsonLine(rep)
            for (k, v, _) in set { line = JSONEdit.setMember(line, k, v) }
            if let drop { line = JSONEdit.removeMember(line, drop) }
            if kind == .malformedJSON { line = malformed(line, &r) }
            out = Array(line.utf8)
        } else {
            var cells = FeedEncoder.csvFields(rep)
            func col(_ k: String) -> Int { FeedField.csvColumns.firstIndex(of: k)! }
            for (k, _, v) in set { cells[col(k)] = v }
            if let drop { cells[col(drop)] = "" }
            if kind == .wrongColumnCount {
                if r.chance(0.5) { cells.removeLast(r.int(3...8)) } else { cells += ["", "лишнее"] }
            }
            if kind == .unterminatedQuote {
                let s = col("summary")
                let text = FeedEncoder.csvRow(fields: Array(cells[..<s])) + ",\"Водитель задержан, груз \"\"сухофрукты\"\" не совпадает"
                return Array(text.utf8)
            }
            out = Array(FeedEncoder.csvRow(fields: cells).utf8)
        }
        if let splice { out = replace(Array(marker.utf8), with: splice, in: out) }
        return out
    }

    /// A line that is not JSON.
    static func malformed(_ line: String, _ r: inout DemoRandom) -> String {
        switch r.int(0...3) {
        case 0:
            let u = Array(line.utf8)
            let cut = r.int((u.count / 3)...(u.count - 2))
            return String(decoding: u[..<cut], as: UTF8.self)
        case 1: return line.replacingOccurrences("\"post\":", "post:")
        case 2: return line.replacingOccurrences("\"", "'")
        default: return line.replacingOccurrences(",\"type\":", " \"type\":")   // a missing comma
        }
    }

    static func replace(_ pattern: [UInt8], with new: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        guard pattern.count <= bytes.count else { return bytes }
        for i in 0...(bytes.count - pattern.count) where bytes[i] == pattern[0] && Array(bytes[i..<(i + pattern.count)]) == pattern {
            return Array(bytes[..<i]) + new + Array(bytes[(i + pattern.count)...])
        }
        return bytes
    }
}

/// Editing one member of a one-line JSON object written by `FeedEncoder`.
enum JSONEdit {
    /// The range of the value of member `key` (top level), if present.
    static func valueRange(_ u: [UInt8], _ key: String) -> Range<Int>? {
        let needle = Array("\"\(key)\":".utf8)
        var i = 1
        while i < u.count {
            // At the start of a member: `"key":value`.
            guard u[i] == 0x22 else { return nil }
            let isKey = i + needle.count <= u.count && Array(u[i..<(i + needle.count)]) == needle
            var j = i + 1
            while j < u.count, u[j] != 0x22 { j += u[j] == 0x5C ? 2 : 1 }
            j += 2  // closing quote and colon
            let start = j
            var depth = 0
            var inString = false
            while j < u.count {
                let c = u[j]
                if inString {
                    if c == 0x5C { j += 1 } else if c == 0x22 { inString = false }
                } else if c == 0x22 { inString = true }
                else if c == 0x5B || c == 0x7B { depth += 1 }
                else if c == 0x5D || c == 0x7D { if depth == 0 { break }; depth -= 1 }
                else if c == 0x2C, depth == 0 { break }
                j += 1
            }
            if isKey { return start..<j }
            i = j + 1
        }
        return nil
    }

    static func setMember(_ line: String, _ key: String, _ raw: String) -> String {
        var u = Array(line.utf8)
        if let r = valueRange(u, key) {
            u.replaceSubrange(r, with: Array(raw.utf8))
        } else {
            u.insert(contentsOf: Array(",\"\(key)\":\(raw)".utf8), at: u.count - 1)
        }
        return String(decoding: u, as: UTF8.self)
    }

    static func removeMember(_ line: String, _ key: String) -> String {
        var u = Array(line.utf8)
        guard let r = valueRange(u, key) else { return line }
        let keyStart = r.lowerBound - key.utf8.count - 3
        if r.upperBound < u.count - 1 {
            u.removeSubrange(keyStart..<(r.upperBound + 1))          // `"key":value,`
        } else {
            u.removeSubrange(max(1, keyStart - 1)..<r.upperBound)    // `,"key":value` at the end
        }
        return String(decoding: u, as: UTF8.self)
    }
}
