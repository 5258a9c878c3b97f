import Foundation
import Testing
@testable import SitcenKeys

@Suite struct SigningTests {
    @Test func specTestVector() {
        let key = PostKey(hex: String(repeating: "00", count: 32))!
        let sig = RequestSignature.sign(key: key, timestamp: 1_700_000_000, body: Array("{}".utf8))
        #expect(sig == "v1=a9dc44c8eda3de70e9cbf3e488895f1abc26acb1461d3124a3cb886af35251cf")
        let ok = Array("{}".utf8).withUnsafeBytes { RequestSignature.verify(sig, key: key, timestamp: "1700000000", body: $0) }
        #expect(ok)
    }

    @Test func verifyRejectsChangesAndBadFormats() {
        let key = PostKey.random()
        let body = Array(#"{"id":"a"}"#.utf8)
        let sig = RequestSignature.sign(key: key, timestamp: 1_800_000_000, body: body)
        func check(_ s: String, _ ts: String = "1800000000", _ b: [UInt8]? = nil) -> Bool {
            (b ?? body).withUnsafeBytes { RequestSignature.verify(s, key: key, timestamp: ts, body: $0) }
        }
        #expect(check(sig))
        #expect(!check(sig, "1800000001"))
        #expect(!check(sig, "1800000000", body + [0x20]))
        #expect(!check(sig.uppercased()))
        #expect(!check(String(sig.dropFirst(3))))
        #expect(!check("v1=" + String(repeating: "0", count: 64)))
        #expect(!RequestSignature.verify(sig, key: PostKey.random(), timestamp: "1800000000", body: UnsafeRawBufferPointer(start: nil, count: 0)))
    }

    @Test func keyIsTheBytesNotTheCharacters() {
        #expect(PostKey(hex: "zz" + String(repeating: "0", count: 62)) == nil)
        #expect(PostKey(hex: String(repeating: "0", count: 63)) == nil)
        #expect(PostKey(hex: String(repeating: "ab", count: 32))?.bytes == [UInt8](repeating: 0xAB, count: 32))
    }

    @Test func constantTimeCompare() {
        #expect(constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEqual([1, 2], [1, 2, 3]))
    }
}

@Suite struct KeysFileTests {
    func tempPath() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitcen-keys-\(UUID().uuidString.prefix(8))")
        return dir.appendingPathComponent("sub/keys.yaml").path
    }

    @Test func addSaveLoadRoundTripAndMode() throws {
        let path = tempPath()
        var keys = try KeysFile.load(path: path, missingIsEmpty: true)
        let key = try keys.addPost("KZ-KHR")
        let token = try keys.addOperator(name: "aliya", role: .blo, sector: "KZ-EAST")
        _ = try keys.addOperator(name: "duty1", role: .duty, sector: nil)
        try keys.save(path: path)
        var st = stat()
        #expect(stat(path, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600)
        #expect(KeysFile.permissionProblem(path: path) == nil)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(key.hex))            // post keys are kept as hex
        #expect(!text.contains(token))             // tokens only as their hash
        #expect(text.contains(Secrets.tokenHash(token)))
        #expect(text.contains("token_sha256"))
        let loaded = try KeysFile.load(path: path)
        #expect(loaded == keys)
        #expect(loaded.postKey("KZ-KHR") == key)
        #expect(loaded.operatorFor(token: token)?.name == "aliya")
        #expect(loaded.operatorFor(token: token + "x") == nil)
        #expect(loaded.operatorFor(token: "") == nil)
    }

    @Test func refusesDuplicatesAndBadRoles() throws {
        var keys = KeysFile()
        _ = try keys.addPost("KZ-KHR")
        #expect(throws: KeysError.self) { _ = try keys.addPost("KZ-KHR") }
        #expect(throws: KeysError.self) { _ = try keys.addPost("bad code") }
        #expect(throws: KeysError.self) { _ = try keys.addOperator(name: "x", role: .blo, sector: nil) }
        #expect(throws: KeysError.self) { _ = try keys.addOperator(name: "x", role: .duty, sector: "KZ-EAST") }
        #expect(try keys.revoke("KZ-KHR") == "post KZ-KHR")
        #expect(keys.postKey("KZ-KHR") == nil)
        #expect(throws: KeysError.self) { _ = try keys.revoke("nobody") }
    }

    @Test func specExampleParses() throws {
        let yaml = """
        posts:
          KZ-KHR: \(String(repeating: "9f", count: 32))
        operators:
          - name: aliya
            role: blo            # duty | blo | supervisor
            sector: KZ-EAST      # blo only
            token_sha256: \(String(repeating: "5e", count: 32))
        """
        let keys = try KeysFile.parse(yaml, source: "example")
        #expect(keys.operators.first?.role == .blo)
        #expect(keys.operators.first?.sector == "KZ-EAST")
        #expect(keys.postKey("KZ-KHR")?.bytes.first == 0x9F)
    }

    @Test func groupReadableFileIsReported() throws {
        let path = tempPath()
        try KeysFile().save(path: path)
        chmod(path, 0o644)
        #expect(KeysFile.permissionProblem(path: path) != nil)
    }
}

@Suite struct TokenExpiryFileTests {
    @Test func expiresAtRoundTripsAndOldFilesLoad() throws {
        var keys = KeysFile()
        let at = Date(timeIntervalSince1970: 1_798_761_600.75)       // 2027-01-01T00:00:00.75Z
        let token = try keys.addOperator(name: "temp", role: .duty, sector: nil, expiresAt: at)
        let forever = try keys.addOperator(name: "perm", role: .supervisor, sector: nil)
        let text = try keys.yaml()
        #expect(text.contains("expires_at: '2027-01-01T00:00:00Z'") || text.contains("expires_at: 2027-01-01T00:00:00Z"), "\(text)")
        #expect(text.components(separatedBy: "expires_at").count == 2)     // only the one that expires
        let loaded = try KeysFile.parse(text, source: "test")
        #expect(loaded == keys)
        #expect(loaded.operators.first { $0.name == "temp" }?.expiresAt == Date(timeIntervalSince1970: 1_798_761_600))
        #expect(loaded.operators.first { $0.name == "temp" }?.expiresAtText == "2027-01-01T00:00:00Z")

        // Before, at and after the expiry time.
        let before = Date(timeIntervalSince1970: 1_798_761_599)
        let after = Date(timeIntervalSince1970: 1_798_761_600)
        #expect(loaded.lookup(token: token, at: before) == .valid(loaded.operators[0]))
        #expect(loaded.lookup(token: token, at: after) == .expired(loaded.operators[0]))
        #expect(loaded.lookup(token: forever, at: after) == .valid(loaded.operators[1]))
        #expect(loaded.lookup(token: "sct_nothing", at: before) == .unknown)
        // operatorFor(token:) is for tokens in force only.
        #expect(loaded.operatorFor(token: forever)?.name == "perm")
        #expect(KeysFile(operators: [OperatorEntry(name: "x", role: .duty, sector: nil, tokenSHA256: Secrets.tokenHash(token),
                                                   expiresAt: Date().addingTimeInterval(-1))]).operatorFor(token: token) == nil)
    }

    @Test func filesWithoutExpiryOrWithOffsetsLoad() throws {
        let hash = String(repeating: "5e", count: 32)
        let old = try KeysFile.parse("""
        operators:
          - name: aliya
            role: duty
            token_sha256: \(hash)
        """, source: "old")
        #expect(old.operators.first?.expiresAt == nil)
        #expect(old.operators.first?.isExpired() == false)

        // Written by hand: unquoted, with an offset or fractions of a second.
        let hand = try KeysFile.parse("""
        operators:
          - name: a
            role: duty
            token_sha256: \(hash)
            expires_at: 2027-01-01T05:00:00+05:00
          - name: b
            role: duty
            token_sha256: \(String(repeating: "6f", count: 32))
            expires_at: "2027-01-01T00:00:00.500Z"
        """, source: "hand")
        #expect(hand.operators[0].expiresAt == Date(timeIntervalSince1970: 1_798_761_600))
        #expect(hand.operators[1].expiresAt == Date(timeIntervalSince1970: 1_798_761_600.5))

        #expect(throws: KeysError.self) {
            _ = try KeysFile.parse("""
            operators:
              - name: a
                role: duty
                token_sha256: \(hash)
                expires_at: next week
            """, source: "bad")
        }
    }
}
