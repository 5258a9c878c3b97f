import SitcenDomain
import SitcenFeed
import SitcenStore

/// Decodes quarantined records again, after the registry or the software was fixed. A record
/// that is now valid goes through the same path as a fresh one (accepted, duplicate or conflict)
/// and its entry is marked `retried`; one that is still invalid stays pending with its new reason
/// reported.
public struct QuarantineRetry {
    public let store: SQLiteStore
    public let registry: Registry
    public let substances: SubstanceCatalog

    public init(store: SQLiteStore, registry: Registry, substances: SubstanceCatalog = .standard) {
        self.store = store; self.registry = registry; self.substances = substances
    }

    public enum Result: Sendable {
        case stored(ItemOutcome)
        case stillInvalid(reason: String)
        case notRetryable(reason: String)
    }

    public func retry(_ entry: QuarantineEntry, operatorName: String) throws -> Result {
        guard entry.state == "pending" else { return .notRetryable(reason: "entry \(entry.qid) is \(entry.state)") }
        guard entry.kind == .invalid else {
            return .notRetryable(reason: "a conflict is settled by the post sending a correction (a higher revision), or by discarding it")
        }
        guard entry.isComplete else {
            return .notRetryable(reason: "only the first \(entry.raw.count) of \(entry.rawSize) bytes were kept; the record is over the size limit")
        }
        let format: FeedFormat = entry.csvHeader != nil ? .csv : .jsonl
        var decoder = FeedDecoder(format: format, registry: registry)
        var decoded: DecodedRecord = .invalid(reason: "empty")
        func feed(_ bytes: [UInt8], line: Int, last: Int) -> DecodedRecord {
            bytes.withUnsafeBufferPointer { b in
                decoder.decode(RawRecord(bytes: b, firstLine: line, lastLine: last, size: b.count,
                                         oversized: false, unterminatedQuote: false))
            }
        }
        if let header = entry.csvHeader { _ = feed(Array(header.utf8), line: 1, last: 1) }
        decoded = feed(entry.raw, line: entry.firstLine, last: entry.lastLine)
        switch decoded {
        case .header: return .stillInvalid(reason: "the record reads as a CSV header")
        case .invalid(let reason): return .stillInvalid(reason: reason)
        case .report(let report):
            let now = Timestamp.now()
            let logged = LoggedReport.derive(report, receivedAt: now, source: entry.source, registry: registry, substances: substances)
            let item = IngestItem.report(IncomingReport(logged: logged, contentHash: Canonical.hash(report),
                                                        firstLine: entry.firstLine, lastLine: entry.lastLine))
            let source = SourceRef(name: entry.source, kind: entry.sourceKind)
            let outcome = try store.commit([item], source: source, at: now)[0]
            let resolution: String
            switch outcome {
            case .accepted(let seq, _): resolution = "accepted on retry as seq \(seq)"
            case .duplicate(let seq): resolution = "on retry, a duplicate of seq \(seq)"
            case .conflict(let qid, _): resolution = "on retry, a conflict (quarantine \(qid))"
            case .quarantined(let qid, _): resolution = "quarantined again as \(qid)"
            }
            try store.resolveQuarantine(entry.qid, state: "retried", by: operatorName, resolution: resolution, at: now)
            return .stored(outcome)
        }
    }
}
