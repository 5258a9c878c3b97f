import Foundation
import HTTPTypes
import Hummingbird
import SitcenDomain
import SitcenFeed
import SitcenStore
import SitcenText

/// `GET /v1/export?format=csv|jsonl|geojson[&since=7d][&until=TIME][&sector=S][&category=C…][&type=T…]`:
/// current reports, oldest first, as `sitcen export` writes them, streamed page by page. A
/// `blo` operator gets their own sector only: asking for another is 403.
struct ExportRoutes: OperatorRoutes {
    static let page = 2000

    func addRoutes(to api: RouterGroup<SitcenContext>, centre: CentreContext) {
        api.get("/export") { request, context in
            guard let who = centre.operator(context) else { return Answer.error(.unauthorized, "missing_token", "no operator") }
            let q = request.uri.queryParameters
            guard let format = q.get("format").flatMap(ExportFormat.init(rawValue:)) else {
                return Answer.error(.badRequest, "bad_query", "format is csv, jsonl or geojson")
            }
            var query = ReportQuery(includeSuperseded: false, limit: ExportRoutes.page, newestFirst: false)
            if let since = q.get("since") {
                guard let s = DurationText.seconds(since), s > 0 else { return Answer.error(.badRequest, "bad_query", "since takes a duration such as 7d") }
                query.observedSince = Timestamp.now().adding(seconds: -s)
            }
            var until: Int64? = nil
            if let u = q.get("until") {
                guard let t = Timestamp.parse(u) else { return Answer.error(.badRequest, "bad_query", "until takes an RFC 3339 time with an offset") }
                until = t.millis
            }
            if let sector = q.get("sector") {
                guard who.scope.allows(sector: sector) else { return Answer.forbidden(who, "export sector \(sector)") }
                query.sector = sector
            }
            if let own = who.scope.sectorFilter { query.sector = own }
            for c in q.getAll("category") {
                guard let cat = SubstanceCategory(rawValue: c) else { return Answer.error(.badRequest, "bad_query", "unknown category \(c)") }
                query.categories.append(cat)
            }
            for t in q.getAll("type") {
                guard let type = ReportType(rawValue: t) else { return Answer.error(.badRequest, "bad_query", "unknown type \(t)") }
                query.types.append(type)
            }
            let registry = centre.registry
            let (firstPage, untilMillis) = (query, until)
            let store = centre.store
            let contentType: String
            switch format {
            case .csv: contentType = "text/csv; charset=utf-8"
            case .jsonl: contentType = "application/x-ndjson"
            case .geojson: contentType = "application/geo+json"
            }
            return Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody { writer in
                var first = true
                var chunk = format.header
                var page = firstPage
                while true {
                    let rows = try store.reports(page)
                    for l in rows {
                        if let untilMillis, l.report.observedAt.millis >= untilMillis { continue }
                        chunk += format.record(l, registry: registry, first: first)
                        first = false
                    }
                    if !chunk.isEmpty { try await writer.write(ByteBuffer(string: chunk)); chunk = "" }
                    guard rows.count == ExportRoutes.page, let last = rows.last else { break }
                    page.afterSeq = last.seq
                }
                if !format.footer.isEmpty { try await writer.write(ByteBuffer(string: format.footer)) }
                try await writer.finish(nil)
            })
        }
    }
}
