/// One report from a post, with every field of the feed format (Docs/feeds.md).
/// Text fields hold what the sender sent, unchanged; they are made safe only when shown.
public struct Report: Sendable, Equatable {
    public var id: String
    public var post: String
    public var type: ReportType
    public var observedAt: Timestamp
    public var reportedAt: Timestamp?
    public var lat: Double?
    public var lon: Double?
    public var place: String?
    /// The substance's name as received (`героин`); see `SubstanceMatch` for the canonical name.
    public var substance: String?
    public var quantity: Double?
    public var unit: QuantityUnit?
    public var origin: String?
    public var destination: String?
    public var transit: [String]
    public var transport: Transport?
    public var conveyance: String?
    public var concealment: String?
    public var vehicle: String?
    public var arrested: Int?
    public var nationalities: [String]
    public var severity: Severity?
    public var summary: String?
    /// `nil` means not given, which the format reads as `amber`.
    public var tlp: TLP?
    public var revision: Int
    public var retracted: Bool
    /// Unknown extra fields, as one compact JSON object with sorted keys (nil when none).
    public var extraJSON: String?

    public init(id: String, post: String, type: ReportType, observedAt: Timestamp,
                reportedAt: Timestamp? = nil, lat: Double? = nil, lon: Double? = nil,
                place: String? = nil, substance: String? = nil, quantity: Double? = nil,
                unit: QuantityUnit? = nil, origin: String? = nil, destination: String? = nil,
                transit: [String] = [], transport: Transport? = nil, conveyance: String? = nil,
                concealment: String? = nil, vehicle: String? = nil, arrested: Int? = nil,
                nationalities: [String] = [], severity: Severity? = nil, summary: String? = nil,
                tlp: TLP? = nil, revision: Int = 0, retracted: Bool = false, extraJSON: String? = nil) {
        self.id = id; self.post = post; self.type = type; self.observedAt = observedAt
        self.reportedAt = reportedAt; self.lat = lat; self.lon = lon; self.place = place
        self.substance = substance; self.quantity = quantity; self.unit = unit
        self.origin = origin; self.destination = destination; self.transit = transit
        self.transport = transport; self.conveyance = conveyance; self.concealment = concealment
        self.vehicle = vehicle; self.arrested = arrested; self.nationalities = nationalities
        self.severity = severity; self.summary = summary; self.tlp = tlp
        self.revision = revision; self.retracted = retracted; self.extraJSON = extraJSON
    }

    /// The TLP in force: `amber` unless the post said otherwise.
    public var effectiveTLP: TLP { tlp ?? .amber }

    /// The report's identity in the whole network: `(post, id)`.
    public var key: ReportKey { ReportKey(post: post, id: id) }
}

public struct ReportKey: Sendable, Hashable, CustomStringConvertible {
    public var post: String
    public var id: String
    public init(post: String, id: String) { self.post = post; self.id = id }
    public var description: String { "\(post)/\(id)" }
}

/// The field names of the feed format, in the order of the spec; also the flat CSV columns.
public enum FeedField {
    public static let all: [String] = [
        "id", "post", "type", "observed_at", "reported_at", "lat", "lon", "place", "substance",
        "quantity", "unit", "origin", "destination", "transit", "transport", "conveyance",
        "concealment", "vehicle", "arrested", "nationalities", "severity", "summary", "tlp",
        "revision", "retracted",
    ]
    public static let csvColumns: [String] = all + ["extra"]
    public static let known: Set<String> = Set(all)
}
