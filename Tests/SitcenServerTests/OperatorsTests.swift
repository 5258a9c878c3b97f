import Foundation
import SitcenServer
import SitcenStore
import Testing

/// The operators' API: bearer tokens, roles, and BLO scoping on the server.
@Suite(.serialized) struct OperatorsTests {
    @Test func bloSeesOnlyItsSectorAndGets403ForAnother() async throws {
        let c = try await TestCentre()
        #expect(try await c.client().send(batch(3, prefix: "east")).status == 200)
        #expect(try await c.client(post: "KG-OSH").send(batch(2, post: "KG-OSH", prefix: "south")).status == 200)

        let duty = try await c.get("/v1/reports?since=0&limit=100", token: c.dutyToken)
        #expect(duty.status == 200)
        #expect((json(duty)["reports"] as? [Any])?.count == 5)

        let blo = try await c.get("/v1/reports?since=0", token: c.bloToken)
        #expect(blo.status == 200)
        let reports = json(blo)["reports"] as? [[String: Any]] ?? []
        #expect(reports.count == 3)
        #expect(reports.allSatisfy { $0["sector"] as? String == "KZ-EAST" })

        // Another sector, asked for outright, or through one of its posts: 403.
        #expect(try await c.get("/v1/reports?sector=KG-SOUTH", token: c.bloToken).status == 403)
        #expect(try await c.get("/v1/reports?post=KG-OSH", token: c.bloToken).status == 403)
        #expect(try await c.get("/v1/posts?sector=KG-SOUTH", token: c.bloToken).status == 403)
        // Its own sector by name is fine; duty may ask for any.
        #expect(try await c.get("/v1/reports?sector=KZ-EAST", token: c.bloToken).status == 200)
        let south = try await c.get("/v1/reports?sector=KG-SOUTH", token: c.dutyToken)
        #expect((json(south)["reports"] as? [Any])?.count == 2)

        let posts = try await c.get("/v1/posts", token: c.bloToken)
        let list = json(posts)["posts"] as? [[String: Any]] ?? []
        #expect(!list.isEmpty && list.allSatisfy { $0["sector"] as? String == "KZ-EAST" })
        #expect(list.first { $0["code"] as? String == "KZ-KHR" }?["reports"] as? Int == 3)
        await c.stop()
    }

    @Test func tokensAndPaging() async throws {
        let c = try await TestCentre()
        #expect(try await c.client().send(batch(5)).status == 200)
        #expect(try await c.get("/v1/reports", token: nil).status == 401)
        #expect(try await c.get("/v1/reports", token: "sct_wrong").status == 401)
        let page = try await c.get("/v1/reports?since=0&limit=2", token: c.dutyToken)
        let j = json(page)
        #expect((j["reports"] as? [Any])?.count == 2)
        #expect(j["more"] as? Bool == true)
        let next = j["next_since"] as? Int ?? 0
        let rest = try await c.get("/v1/reports?since=\(next)&limit=10", token: c.dutyToken)
        #expect((json(rest)["reports"] as? [Any])?.count == 3)
        #expect(try await c.get("/v1/reports?limit=0", token: c.dutyToken).status == 400)
        #expect(try await c.get("/v1/reports?since=abc", token: c.dutyToken).status == 400)
        let me = json(try await c.get("/v1/me", token: c.bloToken))
        #expect(me["role"] as? String == "blo" && me["sector"] as? String == "KZ-EAST")
        await c.stop()
    }

    @Test func healthAndMetrics() async throws {
        let c = try await TestCentre()
        #expect(try await c.client().send(batch(2) + Array("{bad\n".utf8)).status == 200)
        let health = try await c.get("/healthz", token: nil)
        #expect(health.status == 200)
        #expect(json(health)["writable"] as? Bool == true)
        let metrics = try await c.get("/metrics", token: nil)
        #expect(metrics.status == 200)
        let text = metrics.text
        #expect(text.contains(#"sitcen_reports_total{outcome="accepted",via="http"} 2"#))
        #expect(text.contains(#"sitcen_quarantined_total{reason="malformed",via="http"} 1"#))
        #expect(text.contains("sitcen_http_request_duration_seconds_bucket"))
        #expect(text.contains(#"sitcen_post_last_report_age_seconds{post="KZ-KHR"}"#))
        await c.stop()
    }
}
