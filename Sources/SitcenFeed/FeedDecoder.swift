import SitcenDomain
import SitcenText

/// What became of one raw record.
public enum DecodedRecord {
    /// The CSV header: not a record.
    case header
    case report(Report)
    /// Not acceptable; `reason` is for people and starts with the line ("line 17: …").
    case invalid(reason: String)
}

/// Decodes the records of one feed, in order, with the state a format needs (the CSV header).
public struct FeedDecoder {
    public let format: FeedFormat
    public let registry: Registry?
    private var header: [String]? = nil
    private var headerProblem: String? = nil

    public init(format: FeedFormat, registry: Registry?) {
        self.format = format
        self.registry = registry
    }

    public static func lineLabel(_ r: RawRecord) -> String {
        r.firstLine == r.lastLine ? "line \(r.firstLine)" : "lines \(r.firstLine)–\(r.lastLine)"
    }

    public mutating func decode(_ raw: RawRecord) -> DecodedRecord {
        let at = FeedDecoder.lineLabel(raw)
        if raw.oversized {
            return .invalid(reason: "\(at): the record is \(raw.size) bytes long, longer than the 1 MiB limit")
        }
        if raw.unterminatedQuote {
            return .invalid(reason: "\(at): a quoted field is not closed before the end of the file")
        }
        if let bad = UTF8Check.firstInvalid(raw.bytes) {
            return .invalid(reason: "\(at): not valid UTF-8 (byte \(bad + 1) of the record)")
        }
        switch format {
        case .jsonl: return decodeJSON(raw, at: at)
        case .csv: return decodeCSV(raw, at: at)
        }
    }

    private func decodeJSON(_ raw: RawRecord, at: String) -> DecodedRecord {
        let value: JValue
        do { value = try JSONParser.parse(raw.bytes) } catch {
            return .invalid(reason: "\(at): \(error)")
        }
        guard case .object(let members) = value else {
            return .invalid(reason: "\(at): a record must be a JSON object, this is \(value.typeName)")
        }
        return finish(RecordDecoder.decode(members, registry: registry), at: at)
    }

    private mutating func decodeCSV(_ raw: RawRecord, at: String) -> DecodedRecord {
        let fields: [String]
        do { fields = try CSVRecord.fields(raw.bytes) } catch {
            if header == nil { headerProblem = "the header cannot be read (\(error.message))"; header = [] ; return .header }
            return .invalid(reason: "\(at): \(error.message)")
        }
        guard let header else {
            let names = fields.map { $0.trimmingSpaces() }
            self.header = names
            var seen: Set<String> = []
            for n in names where !seen.insert(n).inserted {
                headerProblem = "the header names the column \"\(TextSafety.terminal(n))\" twice"
            }
            let missing = ["id", "post", "type", "observed_at"].filter { !names.contains($0) }
            if headerProblem == nil, !missing.isEmpty {
                headerProblem = "the header has no column \(missing.joined(separator: ", ")); the first row must name the columns"
            }
            return .header
        }
        if let headerProblem { return .invalid(reason: "\(at): \(headerProblem)") }
        if fields.count != header.count {
            return .invalid(reason: "\(at): \(fields.count) fields, but the header has \(header.count) columns")
        }
        let (members, problems) = CSVRecord.members(header: header, row: fields)
        let (report, more) = RecordDecoder.decode(members, registry: registry)
        return finish((problems.isEmpty ? report : nil, problems + more), at: at)
    }

    private func finish(_ result: (Report?, [Problem]), at: String) -> DecodedRecord {
        if let r = result.0, result.1.isEmpty { return .report(r) }
        let reasons = result.1.map(\.message).joined(separator: "; ")
        return .invalid(reason: "\(at): \(reasons)")
    }
}
