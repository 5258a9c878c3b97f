import GRDB
import SitcenDomain

/// Reading a `reports` row back into a `LoggedReport`.
enum ReportRow {
    static func logged(_ row: Row) -> LoggedReport {
        func list(_ s: String?) -> [String] { s.map { $0.split(separator: ";").map(String.init) } ?? [] }
        let observed = Timestamp(millis: row["observed_ms"], offsetSeconds: Int32(row["observed_off"] as Int64))
        let reported: Timestamp? = (row["reported_ms"] as Int64?).map {
            Timestamp(millis: $0, offsetSeconds: Int32((row["reported_off"] as Int64?) ?? 0))
        }
        let report = Report(
            id: row["id"], post: row["post"], type: ReportType(rawValue: row["type"]) ?? .sitrep,
            observedAt: observed, reportedAt: reported, lat: row["lat"], lon: row["lon"],
            place: row["place"], substance: row["substance"], quantity: row["quantity"],
            unit: (row["unit"] as String?).flatMap(QuantityUnit.init(rawValue:)),
            origin: row["origin"], destination: row["destination"], transit: list(row["transit"]),
            transport: (row["transport"] as String?).flatMap(Transport.init(rawValue:)),
            conveyance: row["conveyance"], concealment: row["concealment"], vehicle: row["vehicle"],
            arrested: (row["arrested"] as Int64?).map(Int.init), nationalities: list(row["nationalities"]),
            severity: (row["severity"] as String?).flatMap(Severity.init(rawValue:)),
            summary: row["summary"], tlp: (row["tlp"] as String?).flatMap(TLP.init(rawValue:)),
            revision: Int(row["revision"] as Int64), retracted: (row["retracted"] as Int64) != 0,
            extraJSON: row["extra"])
        return LoggedReport(
            seq: row["seq"], report: report, receivedAt: Timestamp(millis: row["received_ms"]),
            source: "\((row["source_name"] as String?) ?? "source \(row["source_id"] as Int64)"):\(row["source_line"] as Int64)",
            substanceCanonical: row["substance_canon"],
            category: (row["category"] as String?).flatMap(SubstanceCategory.init(rawValue:)),
            substanceKnown: ((row["substance_known"] as Int64?) ?? 1) != 0,
            quantityKg: row["qty_kg"], country: row["country"], sector: row["sector"],
            superseded: (row["superseded"] as Int64) != 0)
    }
}
