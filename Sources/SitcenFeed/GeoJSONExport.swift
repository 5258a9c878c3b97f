import SitcenDomain
import SitcenText

/// Reports as GeoJSON for GIS tools: one Feature a report.
public enum GeoJSONExport {
    public static let header = #"{"type":"FeatureCollection","features":["#
    public static let footer = "\n]}\n"

    /// One Feature: a Point at the reported position, else at the post's; every field of the
    /// stored report as a property, plus `position` ("reported", "post" or "none").
    public static func feature(_ l: LoggedReport, registry: Registry) -> JSONValue {
        var geometry = JSONValue.null
        var position = "none"
        if let lat = l.report.lat, let lon = l.report.lon {
            geometry = point(lat: lat, lon: lon); position = "reported"
        } else if let p = registry.post(l.report.post) {
            geometry = point(lat: p.lat, lon: p.lon); position = "post"
        }
        var properties: [(String, JSONValue)] = []
        if case .object(let pairs) = ReportJSON.object(l) { properties = pairs.filter { $0.0 != "position" } }
        properties.append(("position", .string(position)))
        return .object([("type", .string("Feature")), ("geometry", geometry), ("properties", .object(properties))])
    }

    public static func point(lat: Double, lon: Double) -> JSONValue {
        .object([("type", .string("Point")), ("coordinates", .array([.double(lon), .double(lat)]))])
    }
}

/// The export formats, written record by record (so that exports stream): `sitcen export` and
/// the centre's `/v1/export` write exactly the same bytes.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// GeoJSON FeatureCollection (GIS tools).
    case geojson
    /// The feed's CSV, extras in `extra` (ingests again with nothing lost).
    case csv
    /// The feed's JSON Lines.
    case jsonl

    /// What comes before the first record.
    public var header: String {
        switch self {
        case .csv: return FeedEncoder.csvHeader + "\n"
        case .geojson: return GeoJSONExport.header
        case .jsonl: return ""
        }
    }

    /// One record; `first` is true for the first one written.
    public func record(_ l: LoggedReport, registry: Registry, first: Bool) -> String {
        switch self {
        case .csv: return FeedEncoder.csvRow(l.report) + "\n"
        case .jsonl: return FeedEncoder.jsonLine(l.report) + "\n"
        case .geojson: return (first ? "\n" : ",\n") + GeoJSONExport.feature(l, registry: registry).serialized()
        }
    }

    /// What comes after the last record.
    public var footer: String { self == .geojson ? GeoJSONExport.footer : "" }
}
