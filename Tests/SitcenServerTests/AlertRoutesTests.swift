import Foundation
import SitcenAlerts
import SitcenDomain
import SitcenIngest
import SitcenSender
import SitcenServer
import SitcenStore
import SitcenTestSupport
import Testing

/// The alert API through a real HTTP client: the queue, triage and silences, with the roles
/// of the HTTP interface enforced on the server.
@Suite struct AlertRoutesTests {
    @Test func queueTriageAndSilencesFollowTheRoles() async throws {
        let dir = SitcenBinary.temporaryDirectory("alert-routes")
        let store = try SQLiteStore(path: dir.appendingPathComponent("sitcen.sqlite").path)
        let registry = try TestStore.sampleRegistry()
        // Two big heroin seizures: one in KZ-EAST, one in KG-SOUTH.
        let feed = try TestStore.write([TestStore.line(id: "h1", post: "KZ-KHR", quantity: 120),
                                        TestStore.line(id: "h2", post: "KG-OSH", quantity: 150)], to: dir, name: "feed.jsonl")
        _ = try Ingestor(store: store, registry: registry).ingest(path: feed)
        let alerts = try bigOpiateAlerts(store: store, registry: registry, dir: dir)

        let c = try await TestCentre(store: store, dir: dir, extensions: [AlertRoutes(alerts: alerts)])
        defer { Task { await c.stop() } }
        func list(_ token: String) async throws -> [[String: Any]] {
            (json(try await c.get("/v1/alerts", token: token))["alerts"] as? [[String: Any]]) ?? []
        }
        func post(_ path: String, _ token: String, _ body: String = "{}") async throws -> CentreAnswer {
            try await c.request(.post, path, headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")], body: Array(body.utf8))
        }
        let all = try await list(c.dutyToken)
        #expect(all.count == 2)
        let mine = try await list(c.bloToken)
        #expect(mine.count == 1, "a KZ-EAST officer sees only KZ-EAST alerts")
        let mineID = try #require(mine.first?["id"] as? Int)
        let otherID = try #require(all.map { $0["id"] as? Int }.compactMap { $0 }.first { $0 != mineID })

        #expect(try await c.get("/v1/alerts", token: nil).status == 401)
        #expect(try await c.get("/v1/alerts/\(otherID)", token: c.bloToken).status == 404)
        #expect(try await post("/v1/alerts/\(otherID)/ack", c.bloToken).status == 404)
        #expect(try await post("/v1/alerts/\(mineID)/ack", c.bloToken).status == 200)
        #expect(try await post("/v1/alerts/\(mineID)/notes", c.bloToken, #"{"text":"на досмотре"}"#).status == 200)
        #expect(try await post("/v1/alerts/\(mineID)/resolve", c.bloToken, #"{"reason":"true-positive"}"#).status == 403)
        #expect(try await post("/v1/silences", c.bloToken, #"{"matchers":["rule=big-opiates"],"duration":"1h","comment":"x"}"#).status == 403)

        #expect(try await post("/v1/alerts/\(otherID)/assign", c.dutyToken, #"{"assignee":"zarina"}"#).status == 200)
        #expect(try await post("/v1/alerts/\(otherID)/resolve", c.dutyToken).status == 400)
        #expect(try await post("/v1/alerts/\(otherID)/resolve", c.dutyToken, #"{"reason":"false-positive","note":"test"}"#).status == 200)
        #expect(try await post("/v1/silences", c.dutyToken, #"{"matchers":["rule=big-opiates"],"duration":"2h","comment":"drill"}"#).status == 200)
        let silences = (json(try await c.get("/v1/silences", token: c.dutyToken))["silences"] as? [[String: Any]]) ?? []
        #expect(silences.count == 1)
        let detail = json(try await c.get("/v1/alerts/\(mineID)", token: c.dutyToken))
        #expect(((detail["notes"] as? [[String: Any]]) ?? []).count == 1)
        guard case .ok = try alerts.verifyAudit() else { Issue.record("the audit trail does not verify"); return }
    }
}
