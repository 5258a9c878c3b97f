import SitcenDomain

/// Splitting one CSV record (RFC 4180) into fields, and turning a row into the same shape as
/// a JSON object so that one decoder serves both formats.
public enum CSVRecord {
    public struct FieldError: Error, Sendable { public var message: String }

    /// The fields of one record. A quote inside an unquoted field is kept as text; text after a
    /// closing quote is an error.
    public static func fields(_ b: UnsafeBufferPointer<UInt8>) throws(FieldError) -> [String] {
        var out: [String] = []
        var i = 0
        let n = b.count
        var field: [UInt8] = []
        while true {
            field.removeAll(keepingCapacity: true)
            if i < n, b[i] == 0x22 {
                i += 1
                var closed = false
                while i < n {
                    let c = b[i]
                    if c == 0x22 {
                        if i + 1 < n, b[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                        i += 1; closed = true; break
                    }
                    field.append(c); i += 1
                }
                guard closed else { throw FieldError(message: "field \(out.count + 1): a quoted field is not closed") }
                if i < n, b[i] != 0x2C {
                    throw FieldError(message: "field \(out.count + 1): text after a closing quote")
                }
                out.append(String(decoding: field, as: UTF8.self))
            } else {
                let start = i
                while i < n, b[i] != 0x2C { i += 1 }
                out.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
            }
            if i >= n { break }
            i += 1          // the comma
            if i == n { out.append(""); break }
        }
        return out
    }

    /// Feed fields that CSV carries as numbers, whole numbers, booleans or `;`-separated lists.
    static let numeric: Set<String> = ["lat", "lon", "quantity"]
    static let whole: Set<String> = ["arrested", "revision"]
    static let lists: Set<String> = ["transit", "nationalities"]

    /// A row as (name, value) pairs, by the header. Empty cells are "not given". Columns that
    /// are not feed fields become extra fields, like the `extra` column's members.
    public static func members(header: [String], row: [String]) -> (members: [(String, JValue)], problems: [Problem]) {
        var members: [(String, JValue)] = []
        var problems: [Problem] = []
        for (i, name) in header.enumerated() where i < row.count {
            let cell = row[i]
            if cell.isEmpty { continue }
            if name == "extra" {
                let parsed: JValue?
                do { parsed = try JSONParser.parse(Array(cell.utf8)) } catch { parsed = nil }
                guard case .object(let extras)? = parsed else {
                    problems.append(Problem(field: "extra", "`extra` must hold one JSON object"))
                    continue
                }
                for (k, v) in extras {
                    if FeedField.known.contains(k) || header.contains(k) {
                        problems.append(Problem(field: "extra", "`extra` holds \"\(k)\", which is already a column"))
                    } else {
                        members.append((k, v))
                    }
                }
                continue
            }
            members.append((name, value(of: cell, field: name)))
        }
        return (members, problems)
    }

    static func value(of cell: String, field: String) -> JValue {
        if numeric.contains(field) || whole.contains(field) {
            let t = cell.trimmingSpaces()
            if let d = Double(t), d.isFinite, t.first != "+" && !t.hasPrefix(".") && !t.lowercased().contains("n") && !t.lowercased().contains("i") {
                let integral = d == d.rounded() && abs(d) < 1e15
                return .number(d, integral: integral)
            }
            return .string(cell)
        }
        if lists.contains(field) {
            let items = cell.split(separator: ";").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
            return .array(items.map { .string($0) })
        }
        if field == "retracted" {
            switch cell.trimmingSpaces().lowercased() {
            case "true", "1", "yes": return .bool(true)
            case "false", "0", "no": return .bool(false)
            default: return .string(cell)
            }
        }
        return .string(cell)
    }
}
