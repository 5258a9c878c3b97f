import Foundation
import SitcenKeys
import SitcenSender
import SitcenServer
import Testing

/// Operator tokens with an expiry time (`sitcen keys add-operator --expires 30d`).
@Suite(.serialized) struct TokenExpiryTests {
    /// Polls `path` with `token` until the answer's status is not `while` (the server reads the
    /// keys file again within a second or two of a change).
    func answer(_ c: TestCentre, _ path: String, token: String, whileStatus: Int, seconds: Double = 6) async throws -> CentreAnswer {
        let end = Date().addingTimeInterval(seconds)
        var a = try await c.get(path, token: token)
        while a.status == whileStatus && Date() < end {
            try await Task.sleep(for: .milliseconds(100))
            a = try await c.get(path, token: token)
        }
        return a
    }

    @Test func expiredTokenGets401TokenExpiredAndOthersStillWork() async throws {
        let c = try await TestCentre()
        var keys = try KeysFile.load(path: c.keysPath)
        let past = Date().addingTimeInterval(-3600)
        let old = try keys.addOperator(name: "old", role: .duty, sector: nil, expiresAt: past)
        let soonExpiry = Date().addingTimeInterval(6)
        let soon = try keys.addOperator(name: "soon", role: .blo, sector: "KZ-EAST", expiresAt: soonExpiry)
        let later = try keys.addOperator(name: "later", role: .duty, sector: nil, expiresAt: Date().addingTimeInterval(86_400))
        try keys.save(path: c.keysPath)

        // Once the server has read the file again, the token that expires later is accepted.
        let fine = try await answer(c, "/v1/me", token: later, whileStatus: 401)
        #expect(fine.status == 200)
        #expect(json(fine)["name"] as? String == "later")

        // The expired one: 401 token_expired, with the name and the time, and what to do.
        let expired = try await c.get("/v1/me", token: old)
        #expect(expired.status == 401)
        let body = json(expired)
        #expect(body["error"] as? String == "token_expired")
        let message = body["message"] as? String ?? ""
        #expect(message.contains("the token of old expired at \(keys.operators.first { $0.name == "old" }?.expiresAtText ?? "?")"), "\(message)")
        #expect(message.contains("sitcen keys add-operator"))

        // A token without an expiry, and unknown tokens, answer as before.
        #expect(try await c.get("/v1/reports", token: c.dutyToken).status == 200)
        let bad = try await c.get("/v1/me", token: "sct_not-a-token")
        #expect(bad.status == 401 && json(bad)["error"] as? String == "bad_token")

        // A token that is good now and expires while the server runs.
        // (On a loaded machine the test may get here after it expired: then only the lapse is checked.)
        if Date() < soonExpiry.addingTimeInterval(-1) {
            let status = try await c.get("/v1/me", token: soon).status
            if Date() < soonExpiry { #expect(status == 200) }
        }
        let lapsed = try await answer(c, "/v1/me", token: soon, whileStatus: 200)
        #expect(lapsed.status == 401 && json(lapsed)["error"] as? String == "token_expired")

        // Revoked is not expired: bad_token.
        #expect(try keys.revoke("later") == "operator later")
        try keys.save(path: c.keysPath)
        let revoked = try await answer(c, "/v1/me", token: later, whileStatus: 200)
        #expect(revoked.status == 401 && json(revoked)["error"] as? String == "bad_token")
        await c.stop()
    }
}
