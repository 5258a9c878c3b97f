import Foundation
import SitcenKeys
import SitcenSender
import SitcenServer
import SitcenStore
import SitcenTestSupport
import Testing

/// `POST /v1/reports`, every answer of the contract, against a real server on 127.0.0.1.
@Suite(.serialized) struct IntakeTests {
    @Test func validBatchIsStoredAndAResendIsDuplicates() async throws {
        let c = try await TestCentre()
        let body = batch(3)
        let a = try await c.request(.post, "/v1/reports", headers: c.signed(body), body: body)
        #expect(a.status == 200)
        let j = json(a)
        #expect(j["accepted"] as? Int == 3)
        #expect((j["results"] as? [[String: Any]])?.map { $0["line"] as? Int } == [1, 2, 3])
        #expect(try rows(c.store) == 3)
        // The same lines again, signed anew: duplicates, nothing stored twice.
        let again = try await c.client().send(body, timestamp: Int64(Date().timeIntervalSince1970) + 1)
        #expect(again.status == 200)
        #expect(json(again)["duplicates"] as? Int == 3)
        #expect(try rows(c.store) == 3)
        #expect(try c.store.reports(.init(limit: 1)).first?.source.hasPrefix("http:KZ-KHR") == true)
        await c.stop()
    }

    @Test func singleJSONReportAndNotJSON() async throws {
        let c = try await TestCentre()
        let pretty = Array("{\n  \"id\": \"one\", \"post\": \"KZ-KHR\", \"type\": \"sitrep\",\n  \"observed_at\": \"2026-11-20T14:05:00+05:00\"\n}\n".utf8)
        let a = try await c.request(.post, "/v1/reports", headers: c.signed(pretty, contentType: "application/json; charset=utf-8"), body: pretty)
        #expect(a.status == 200)
        #expect(json(a)["accepted"] as? Int == 1)
        let junk = Array("this is not json".utf8)
        let b = try await c.request(.post, "/v1/reports", headers: c.signed(junk, contentType: "application/json"), body: junk)
        #expect(b.status == 400)
        #expect(json(b)["error"] as? String == "not_json")
        await c.stop()
    }

    @Test func authenticationFailuresAre401AndRevealNoKey() async throws {
        let c = try await TestCentre()
        let body = batch(1)
        // Wrong signature: signed with another key.
        let wrong = try await c.request(.post, "/v1/reports", headers: c.signed(body, key: PostKey.random()), body: body)
        #expect(wrong.status == 401)
        #expect(json(wrong)["error"] as? String == "bad_signature")
        #expect(!wrong.text.contains(c.khr.hex))
        // The body changed after signing.
        var h = c.signed(body)
        let tampered = try await c.request(.post, "/v1/reports", headers: h, body: body + Array("\n".utf8) + batch(1, prefix: "x"))
        #expect(tampered.status == 401)
        // Unknown post.
        h = c.signed(body, post: "KZ-NOPE", key: PostKey.random())
        let unknown = try await c.request(.post, "/v1/reports", headers: h, body: body)
        #expect(unknown.status == 401)
        #expect(json(unknown)["error"] as? String == "unknown_post")
        // Stale timestamp (correctly signed, 10 minutes old).
        let stale = try await c.request(.post, "/v1/reports", headers: c.signed(body, timestamp: Int64(Date().timeIntervalSince1970) - 600), body: body)
        #expect(stale.status == 401)
        #expect(json(stale)["error"] as? String == "stale_timestamp")
        // Missing signature; malformed headers.
        let missing = try await c.request(.post, "/v1/reports", headers: [("Content-Type", "application/x-ndjson")], body: body)
        #expect(missing.status == 401)
        #expect(json(missing)["error"] as? String == "missing_signature")
        h = c.signed(body)
        h[2] = ("X-Sitcen-Timestamp", "yesterday")
        #expect(try await c.request(.post, "/v1/reports", headers: h, body: body).status == 400)
        #expect(try rows(c.store) == 0)
        await c.stop()
    }

    @Test func replayIs409AndStoresNothing() async throws {
        let c = try await TestCentre()
        let body = batch(2)
        let h = c.signed(body)
        #expect(try await c.request(.post, "/v1/reports", headers: h, body: body).status == 200)
        let replay = try await c.request(.post, "/v1/reports", headers: h, body: body)
        #expect(replay.status == 409)
        #expect(json(replay)["error"] as? String == "replay")
        #expect(try rows(c.store) == 2)
        await c.stop()
    }

    @Test func postMismatchIsQuarantinedOnceAcrossRetries() async throws {
        let c = try await TestCentre()
        let body = batch(1) + batch(1, post: "KG-OSH", prefix: "other") + Array("{broken\n".utf8)
        let a = try await c.client().send(body)
        #expect(a.status == 200)
        let results = json(a)["results"] as? [[String: Any]] ?? []
        #expect(results.map { $0["status"] as? String } == ["accepted", "quarantined", "quarantined"])
        #expect((results[1]["reason"] as? String)?.contains("post mismatch") == true)
        #expect(try rows(c.store) == 1)
        let q1 = try c.store.quarantineEntries()
        #expect(q1.count == 2)
        #expect(q1.allSatisfy { $0.source == "http:KZ-KHR" })
        // The post sends the same batch again (a retry, signed anew): no new quarantine entries.
        #expect(try await c.client().send(body, timestamp: Int64(Date().timeIntervalSince1970) + 1).status == 200)
        #expect(try c.store.quarantineEntries().count == 2)
        await c.stop()
    }

    @Test func sizeAndContentTypeLimits() async throws {
        let c = try await TestCentre()
        let many = Array(String(repeating: "{}\n", count: 10_001).utf8)
        let tooMany = try await c.request(.post, "/v1/reports", headers: c.signed(many), body: many)
        #expect(tooMany.status == 413)
        let huge = [UInt8](repeating: 0x20, count: (16 << 20) + 10)
        let tooBig = try await c.request(.post, "/v1/reports", headers: c.signed(huge), body: huge)
        #expect(tooBig.status == 413)
        let body = batch(1)
        let csv = try await c.request(.post, "/v1/reports", headers: c.signed(body, contentType: "text/csv"), body: body)
        #expect(csv.status == 415)
        let latin = try await c.request(.post, "/v1/reports", headers: c.signed(body, contentType: "application/x-ndjson; charset=latin1"), body: body)
        #expect(latin.status == 415)
        #expect(try rows(c.store) == 0)
        await c.stop()
    }

    @Test func rateLimitedWithRetryAfter() async throws {
        let c = try await TestCentre { $0.ratePerSecond = 0.5; $0.rateBurst = 2 }
        let client = c.client()
        #expect(try await client.send(batch(1, prefix: "a")).status == 200)
        #expect(try await client.send(batch(1, prefix: "b")).status == 200)
        let body = batch(1, prefix: "c")
        let headers = c.signed(body)
        let third = try await c.request(.post, "/v1/reports", headers: headers, body: body)
        #expect(third.status == 429)
        #expect((third.retryAfter ?? 0) >= 1)
        // It stored nothing, so the very same request is no replay when it comes back in time.
        try await Task.sleep(for: .seconds(Double(third.retryAfter ?? 2)))
        #expect(try await c.request(.post, "/v1/reports", headers: headers, body: body).status == 200)
        // Another post has its own bucket.
        #expect(try await c.client(post: "KG-OSH").send(batch(1, post: "KG-OSH")).status == 200)
        await c.stop()
    }

    @Test func concurrentRequestsShareCommits() async throws {
        let c = try await TestCentre()
        // Hold the store's writer so that the requests pile up behind one commit.
        let hold = Task.detached { try c.store.write { _ in usleep(400_000) } }
        try await Task.sleep(for: .milliseconds(50))
        let n = 24
        let statuses = try await withThrowingTaskGroup(of: Int.self) { g in
            for i in 0..<n { g.addTask { try await c.client().send(batch(10, prefix: "g\(i)")).status } }
            return try await g.reduce(into: []) { $0.append($1) }
        }
        _ = try await hold.value
        #expect(statuses.allSatisfy { $0 == 200 })
        #expect(try rows(c.store) == n * 10)
        let metrics = String(decoding: c.server.metrics.emit(), as: UTF8.self)
        let commits = metrics.split(separator: "\n").first { $0.hasPrefix("sitcen_group_commits_total") }
            .flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
        #expect(commits >= 1 && commits < Double(n), "requests \(n), commits \(commits)")
        await c.stop()
    }
}
