import SitcenDomain

/// A record on its way into the store.
public enum IngestItem: Sendable {
    case report(IncomingReport)
    case quarantine(QuarantineItem)
}

public struct IncomingReport: Sendable {
    /// The report with its derived facts; `seq` is assigned by the store.
    public var logged: LoggedReport
    /// `Canonical.hash` of the report's content.
    public var contentHash: [UInt8]
    public var firstLine: Int
    public var lastLine: Int

    public init(logged: LoggedReport, contentHash: [UInt8], firstLine: Int, lastLine: Int) {
        self.logged = logged; self.contentHash = contentHash
        self.firstLine = firstLine; self.lastLine = lastLine
    }
}

public enum QuarantineKind: String, Sendable { case invalid, conflict }

public struct QuarantineItem: Sendable {
    public var kind: QuarantineKind
    public var reason: String
    /// The raw bytes (at most `QuarantineItem.rawCap` of them) and the record's whole size.
    public var raw: [UInt8]
    public var rawSize: Int
    public var firstLine: Int
    public var lastLine: Int
    public var post: String?
    public var reportID: String?
    public var revision: Int?
    public var existingSeq: Int64?
    public var existingContent: String?

    public static let rawCap = 64 << 10

    public init(kind: QuarantineKind, reason: String, raw: [UInt8], rawSize: Int, firstLine: Int, lastLine: Int,
                post: String? = nil, reportID: String? = nil, revision: Int? = nil,
                existingSeq: Int64? = nil, existingContent: String? = nil) {
        self.kind = kind; self.reason = reason
        self.raw = raw.count > QuarantineItem.rawCap ? Array(raw.prefix(QuarantineItem.rawCap)) : raw
        self.rawSize = rawSize; self.firstLine = firstLine; self.lastLine = lastLine
        self.post = post; self.reportID = reportID; self.revision = revision
        self.existingSeq = existingSeq; self.existingContent = existingContent
    }
}

/// What became of one item of a batch.
public enum ItemOutcome: Sendable, Equatable {
    /// Stored at `seq`; `correction` when it replaced an earlier revision.
    case accepted(seq: Int64, correction: Bool)
    /// Already stored (the same content, or an older revision): counted, not stored again.
    case duplicate(seq: Int64)
    /// Same `(post, id, revision)` as a stored report with other content: held in quarantine.
    case conflict(qid: Int64, reason: String)
    case quarantined(qid: Int64, reason: String)

    public var status: String {
        switch self {
        case .accepted: return "accepted"
        case .duplicate: return "duplicate"
        case .conflict: return "conflict"
        case .quarantined: return "quarantined"
        }
    }
}

/// Where a batch came from: a file (its absolute path), `stdin`, or an HTTP request.
public struct SourceRef: Sendable, Hashable {
    public var name: String
    public var kind: String
    public var csvHeader: String?
    public init(name: String, kind: String, csvHeader: String? = nil) {
        self.name = name; self.kind = kind; self.csvHeader = csvHeader
    }
}

/// Counts of one ingest; they add up to the records read.
public struct IngestCounts: Sendable, Equatable {
    public var accepted = 0
    public var duplicates = 0
    public var conflicts = 0
    public var quarantined = 0
    public var corrections = 0
    public init() {}
    public var total: Int { accepted + duplicates + conflicts + quarantined }

    public mutating func add(_ o: ItemOutcome) {
        switch o {
        case .accepted(_, let correction): accepted += 1; if correction { corrections += 1 }
        case .duplicate: duplicates += 1
        case .conflict: conflicts += 1
        case .quarantined: quarantined += 1
        }
    }

    public static func + (a: IngestCounts, b: IngestCounts) -> IngestCounts {
        var c = a
        c.accepted += b.accepted; c.duplicates += b.duplicates; c.conflicts += b.conflicts
        c.quarantined += b.quarantined; c.corrections += b.corrections
        return c
    }
}
