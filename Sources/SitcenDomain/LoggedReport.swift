/// A report as the store's log holds it: the report as received, where it sits in the log,
/// and the facts derived from it once, at ingest, that rules, views and queries use.
public struct LoggedReport: Sendable, Equatable {
    /// Position in the store's log: strictly increasing, never reused.
    public var seq: Int64
    public var report: Report
    /// When the centre stored it.
    public var receivedAt: Timestamp
    /// Where it came from: `file.jsonl:17`, `stdin:3`, `http:KZ-KHR:…`.
    public var source: String
    /// Canonical substance name (`heroin` for `героин`), nil when the report names none.
    public var substanceCanonical: String?
    public var category: SubstanceCategory?
    public var substanceKnown: Bool
    public var quantityKg: Double?
    /// Of the reporting post, from the registry at ingest time.
    public var country: String
    public var sector: String
    /// A newer revision of the same `(post, id)` exists: this row is history.
    public var superseded: Bool

    public init(seq: Int64, report: Report, receivedAt: Timestamp, source: String,
                substanceCanonical: String?, category: SubstanceCategory?, substanceKnown: Bool,
                quantityKg: Double?, country: String, sector: String, superseded: Bool = false) {
        self.seq = seq; self.report = report; self.receivedAt = receivedAt; self.source = source
        self.substanceCanonical = substanceCanonical; self.category = category
        self.substanceKnown = substanceKnown; self.quantityKg = quantityKg
        self.country = country; self.sector = sector; self.superseded = superseded
    }

    /// Builds the derived facts of a report from the registry and the substance list.
    public static func derive(_ r: Report, seq: Int64 = 0, receivedAt: Timestamp, source: String,
                              registry: Registry?, substances: SubstanceCatalog = .standard,
                              match: SubstanceMatch? = nil) -> LoggedReport {
        var canonical: String? = nil
        var category: SubstanceCategory? = nil
        var known = true
        var kg: Double? = nil
        if let name = r.substance, !name.trimmingSpaces().isEmpty {
            let m = match ?? substances.match(name)
            canonical = m.canonical; category = m.category; known = m.known
            if let q = r.quantity, let u = r.unit {
                kg = KilogramEquivalent.of(quantity: q, unit: u, substance: m.substance)
            }
        }
        let post = registry?.post(r.post)
        return LoggedReport(seq: seq, report: r, receivedAt: receivedAt, source: source,
                            substanceCanonical: canonical, category: category, substanceKnown: known,
                            quantityKg: kg, country: post?.country ?? "", sector: post?.sector ?? "")
    }

    /// Observed long before the post sent it (more than `lateAfter` seconds; default 24 h).
    /// The post's `reported_at` counts when it gives one, else the centre's receipt time, so that
    /// history loaded today is not late for that reason alone.
    public func isLate(lateAfter: Int64 = 86_400) -> Bool {
        (report.reportedAt ?? receivedAt).millis - report.observedAt.millis > lateAfter * 1000
    }
}
