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
        // Two big heroin seizures: one in KZ-EAST, one in KG-SOUTH.
        let (store, registry, dir) = try twoSectorStore("alert-routes")
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

    /// Issue 13, item 10, through the API: an alert that holds reports of KZ-EAST and KG-SOUTH
    /// is visible to the KZ-EAST officer (its own reports only), but acting on it is 403.
    @Test func bloMayNotActOnAnAlertThatHoldsOtherSectorsReports() async throws {
        let (store, registry, dir) = try twoSectorStore("alert-routes-mixed")
        let alerts = try alertStore(store: store, registry: registry, dir: dir, rule: """
            name: heroin-anywhere
            type: any
            severity: high
            filter: {type: seizure, category: opiates}
            group_by: [substance]
            """)

        let c = try await TestCentre(store: store, dir: dir, extensions: [AlertRoutes(alerts: alerts)])
        defer { Task { await c.stop() } }
        func post(_ path: String, _ token: String, _ body: String = "{}") async throws -> CentreAnswer {
            try await c.request(.post, path, headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")], body: Array(body.utf8))
        }
        let mine = (json(try await c.get("/v1/alerts", token: c.bloToken))["alerts"] as? [[String: Any]]) ?? []
        let alert = try #require(mine.first)
        let id = try #require(alert["id"] as? Int)
        #expect(alert["redacted"] as? Bool == true)
        #expect(alert["sectors"] as? [String] == ["KZ-EAST"], "the officer is told of its own sector only")
        for action in ["ack", "assign"] {
            let refused = try await post("/v1/alerts/\(id)/\(action)", c.bloToken)
            #expect(refused.status == 403)
            #expect(json(refused)["error"] as? String == "forbidden")
        }
        #expect(try await post("/v1/alerts/\(id)/notes", c.bloToken, #"{"text":"x"}"#).status == 403)
        let forDuty = json(try await c.get("/v1/alerts/\(id)", token: c.dutyToken))
        let summary = try #require(forDuty["alert"] as? [String: Any])
        #expect(summary["state"] as? String == "firing")
        #expect(summary["sectors"] as? [String] == ["KG-SOUTH", "KZ-EAST"])
        #expect(try await post("/v1/alerts/\(id)/ack", c.dutyToken).status == 200)
    }
}
