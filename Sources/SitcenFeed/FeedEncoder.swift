import SitcenDomain
import SitcenText

/// Writing reports in the feed format (Docs/feeds.md): one JSON Lines line or one CSV row.
/// What it writes reads back, through the decoder, as the same `Report`.
///
/// - JSON: fields by their spec names in spec order; nil or empty optionals are left out, `tlp`
///   only when set, `revision` only when > 0, `retracted` only when true; then the members of
///   `extraJSON`. Strings go through `JSONText`, so control, invisible and bidi characters become
///   `\u` escapes and the line is plain on a terminal. Numbers are written in their shortest
///   round-tripping form; times with the offset the sender used.
/// - CSV: the columns of `FeedField.csvColumns`; an empty cell is "not given"; lists are
///   `;`-joined; the `extra` column holds `extraJSON`; a cell is quoted (RFC 4180) when it holds
///   a comma, a quote, CR or LF. Text is written as it is (CSV has no escapes).
public enum FeedEncoder {
    /// One JSON Lines record for `r`, without the line break.
    public static func jsonLine(_ r: Report) -> String {
        var out = "{"
        out.reserveCapacity(256 + (r.summary?.utf8.count ?? 0))
        var first = true
        func key(_ k: String) {
            if !first { out += "," }
            first = false
            out += "\""; out += k; out += "\":"
        }
        func string(_ k: String, _ v: String?) {
            guard let v, !v.isEmpty else { return }
            key(k); JSONText.appendQuoted(v, to: &out)
        }
        func number(_ k: String, _ v: Double?) {
            guard let v else { return }
            key(k); out += JSONText.number(v)
        }
        func list(_ k: String, _ v: [String]) {
            guard !v.isEmpty else { return }
            key(k); out += "["
            for (i, item) in v.enumerated() {
                if i > 0 { out += "," }
                JSONText.appendQuoted(item, to: &out)
            }
            out += "]"
        }
        string("id", r.id)
        string("post", r.post)
        string("type", r.type.rawValue)
        string("observed_at", r.observedAt.rfc3339())
        string("reported_at", r.reportedAt?.rfc3339())
        number("lat", r.lat)
        number("lon", r.lon)
        string("place", r.place)
        string("substance", r.substance)
        number("quantity", r.quantity)
        string("unit", r.unit?.rawValue)
        string("origin", r.origin)
        string("destination", r.destination)
        list("transit", r.transit)
        string("transport", r.transport?.rawValue)
        string("conveyance", r.conveyance)
        string("concealment", r.concealment)
        string("vehicle", r.vehicle)
        if let a = r.arrested { key("arrested"); out += String(a) }
        list("nationalities", r.nationalities)
        string("severity", r.severity?.rawValue)
        string("summary", r.summary)
        string("tlp", r.tlp?.rawValue)
        if r.revision > 0 { key("revision"); out += String(r.revision) }
        if r.retracted { key("retracted"); out += "true" }
        if let members = extraMembers(r.extraJSON) {
            if !first { out += "," }
            out += members
        }
        out += "}"
        return out
    }

    /// The members of a compact JSON object (`{"a":1,"b":2}` → `"a":1,"b":2`), or nil when
    /// there is no object or it is empty.
    static func extraMembers(_ json: String?) -> Substring? {
        guard let json else { return nil }
        let t = json.trimmingSpaces()
        guard t.hasPrefix("{"), t.hasSuffix("}"), t.utf8.count > 2 else { return nil }
        let inner = t.dropFirst().dropLast()
        return inner.allSatisfy({ $0 == " " || $0 == "\t" }) ? nil : inner
    }

    // MARK: - CSV

    /// The CSV header row: `FeedField.csvColumns`, comma-separated.
    public static let csvHeader: String = FeedField.csvColumns.joined(separator: ",")

    /// The unquoted cell values of `r`, one per `FeedField.csvColumns` column.
    public static func csvFields(_ r: Report) -> [String] {
        func num(_ v: Double?) -> String { v.map(JSONText.number) ?? "" }
        return [
            r.id, r.post, r.type.rawValue, r.observedAt.rfc3339(), r.reportedAt?.rfc3339() ?? "",
            num(r.lat), num(r.lon), r.place ?? "", r.substance ?? "", num(r.quantity),
            r.unit?.rawValue ?? "", r.origin ?? "", r.destination ?? "",
            r.transit.joined(separator: ";"), r.transport?.rawValue ?? "", r.conveyance ?? "",
            r.concealment ?? "", r.vehicle ?? "", r.arrested.map { String($0) } ?? "",
            r.nationalities.joined(separator: ";"), r.severity?.rawValue ?? "", r.summary ?? "",
            r.tlp?.rawValue ?? "", r.revision > 0 ? String(r.revision) : "",
            r.retracted ? "true" : "", extraMembers(r.extraJSON) != nil ? r.extraJSON!.trimmingSpaces() : "",
        ]
    }

    /// One CSV record for `r` (header `csvHeader`), without the final line break. It spans
    /// lines when a text field holds a line break (inside quotes).
    public static func csvRow(_ r: Report) -> String { csvRow(fields: csvFields(r)) }

    /// Cells joined into one CSV record, each quoted where RFC 4180 needs it.
    public static func csvRow(fields: [String]) -> String {
        var out = ""
        for (i, f) in fields.enumerated() {
            if i > 0 { out += "," }
            appendCSVCell(f, to: &out)
        }
        return out
    }

    /// `s` as a CSV cell: as it is, or in quotes with inner quotes doubled when it holds a
    /// comma, a quote, CR or LF.
    public static func csvCell(_ s: String) -> String {
        var out = ""
        appendCSVCell(s, to: &out)
        return out
    }

    static func appendCSVCell(_ s: String, to out: inout String) {
        var needsQuotes = false
        for b in s.utf8 where b == 0x2C || b == 0x22 || b == 0x0D || b == 0x0A { needsQuotes = true; break }
        guard needsQuotes else { out += s; return }
        out += "\""
        for ch in s.unicodeScalars {
            if ch == "\"" { out += "\"\"" } else { out.unicodeScalars.append(ch) }
        }
        out += "\""
    }
}
