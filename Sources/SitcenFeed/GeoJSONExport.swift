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
