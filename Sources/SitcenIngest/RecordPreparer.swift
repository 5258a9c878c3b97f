import SitcenDomain
import SitcenFeed
import SitcenStore

/// Turns raw records of one source into store items: a report with its derived facts and
/// content hash, or a quarantine entry with the raw bytes and the reason. File ingest, the
/// drop folder and HTTP batches all go through it, so a record gets the same treatment
/// whichever way it came.
public struct RecordPreparer {
    public let registry: Registry
    public let substances: SubstanceCatalog
    public let sourceName: String
    private var decoder: FeedDecoder
    /// Substance names seen in this source and what they matched (feeds repeat a few dozen names).
    private var substanceCache: [String: SubstanceMatch] = [:]
    /// The CSV header, once read.
    public private(set) var csvHeader: String?

    public init(format: FeedFormat, registry: Registry, substances: SubstanceCatalog = .standard, sourceName: String) {
        self.registry = registry; self.substances = substances; self.sourceName = sourceName
        decoder = FeedDecoder(format: format, registry: registry)
    }

    /// The item for `raw`, or nil for a CSV header. `requirePost`, when given, quarantines a
    /// record whose `post` is another post's ("post mismatch": one post cannot report for another).
    public mutating func item(for raw: RawRecord, requirePost: String? = nil) -> IngestItem? {
        switch decoder.decode(raw) {
        case .header:
            csvHeader = String(decoding: raw.bytes, as: UTF8.self)
            return nil
        case .report(let report):
            if let requirePost, report.post != requirePost {
                return quarantine(raw, reason: "\(FeedDecoder.lineLabel(raw)): post mismatch: the record is for \(ReportValidation.show(report.post)) but the request is signed by \(requirePost); a post reports only for itself")
            }
            // The receipt time is set by the store's commit (see `Ingestor.flush`).
            var match: SubstanceMatch? = nil
            if let name = report.substance {
                if let m = substanceCache[name] { match = m } else {
                    let m = substances.match(name)
                    if substanceCache.count < 10_000 { substanceCache[name] = m }
                    match = m
                }
            }
            let logged = LoggedReport.derive(report, receivedAt: Timestamp(millis: 0), source: sourceName,
                                             registry: registry, substances: substances, match: match)
            return .report(IncomingReport(logged: logged, contentHash: Canonical.hash(report),
                                          firstLine: raw.firstLine, lastLine: raw.lastLine))
        case .invalid(let reason):
            return quarantine(raw, reason: reason)
        }
    }

    private func quarantine(_ raw: RawRecord, reason: String) -> IngestItem {
        let (post, id) = RecordPreparer.identity(raw.bytes)
        return .quarantine(QuarantineItem(kind: .invalid, reason: reason, raw: Array(raw.bytes), rawSize: raw.size,
                                          firstLine: raw.firstLine, lastLine: raw.lastLine, post: post, reportID: id))
    }

    /// Best-effort `post` and `id` of a broken JSON record, for listing the quarantine by post.
    static func identity(_ bytes: UnsafeBufferPointer<UInt8>) -> (String?, String?) {
        guard bytes.count < RecordReader.maxRecordBytes, UTF8Check.firstInvalid(bytes) == nil,
              let v = try? JSONParser.parse(bytes), case .object(let m) = v else { return (nil, nil) }
        var post: String? = nil, id: String? = nil
        for (k, val) in m {
            if k == "post", case .string(let s) = val { post = s }
            if k == "id", case .string(let s) = val { id = s }
        }
        return (post, id)
    }
}
