import AsyncHTTPClient
import Foundation
import SitcenRemote
import SitcenServer
import SitcenTestSupport
import Testing

/// A centre's own CA and certificates, made with the openssl command line in a temporary folder.
struct TestPKI {
    let dir: URL

    static let openssl: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    init() throws {
        dir = SitcenBinary.temporaryDirectory("sitcen-tls")
        try """
        [req]
        distinguished_name = dn
        [dn]
        [ca]
        basicConstraints = critical, CA:TRUE
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        [server]
        basicConstraints = critical, CA:FALSE
        keyUsage = critical, digitalSignature, keyEncipherment
        extendedKeyUsage = serverAuth
        subjectAltName = IP:127.0.0.1, DNS:localhost
        [elsewhere]
        basicConstraints = critical, CA:FALSE
        keyUsage = critical, digitalSignature, keyEncipherment
        extendedKeyUsage = serverAuth
        subjectAltName = DNS:centre.elsewhere.example
        """.write(to: dir.appendingPathComponent("pki.cnf"), atomically: true, encoding: .utf8)
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func openssl(_ args: [String]) throws {
        guard let exe = TestPKI.openssl else {
            throw PKIError("openssl is not installed; the TLS tests need it (scripts/deps.sh installs it)")
        }
        let r = try Run.command(exe, args, cwd: dir)
        guard r.status == 0 else { throw PKIError("openssl \(args.joined(separator: " ")) failed: \(r.stderr)") }
    }

    /// A CA: `NAME.pem` and `NAME.key`.
    func makeCA(_ name: String) throws {
        try openssl(["req", "-x509", "-config", "pki.cnf", "-extensions", "ca", "-newkey", "ec",
                     "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "\(name).key", "-out", "\(name).pem",
                     "-days", "30", "-subj", "/CN=\(name)"])
    }

    /// A server certificate signed by `ca` with the subjectAltNames of `extensions`: `NAME.pem`, `NAME.key`.
    func makeServer(_ name: String, ca: String, extensions: String = "server") throws {
        try openssl(["req", "-new", "-config", "pki.cnf", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                     "-nodes", "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=\(name)"])
        try openssl(["x509", "-req", "-in", "\(name).csr", "-CA", "\(ca).pem", "-CAkey", "\(ca).key", "-set_serial",
                     String(Int.random(in: 1...1_000_000)), "-out", "\(name).pem", "-days", "30",
                     "-extfile", "pki.cnf", "-extensions", extensions])
    }

    struct PKIError: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }
}

/// `sitcen serve` with TLS, and the remote console's client for it (`CentreHTTP`).
@Suite(.serialized) struct TLSTests {
    /// The status of GET `url`, or the error thrown.
    func get(_ client: HTTPClient, _ url: String) async -> Result<Int, any Error> {
        do {
            let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(15))
            for try await _ in response.body {}
            return .success(Int(response.status.code))
        } catch {
            return .failure(error)
        }
    }

    func message(_ r: Result<Int, any Error>, _ url: String, caFile: String? = nil) -> String {
        switch r {
        case .success(let status): return "unexpected answer \(status)"
        case .failure(let error): return caFile == nil ? CentreHTTP.describe(error, url: url) : CentreHTTP.describe(error, url: url, caFile: caFile)
        }
    }

    @Test func httpsWithTheCentresOwnCA() async throws {
        let pki = try TestPKI()
        try pki.makeCA("ca")
        try pki.makeCA("other-ca")
        try pki.makeServer("server", ca: "ca")
        let c = try await TestCentre { config in
            config.tlsCertPath = pki.path("server.pem")
            config.tlsKeyPath = pki.path("server.key")
        }
        let https = "https://127.0.0.1:\(c.port)"

        // The centre's CA: 200, over TLS.
        let trusting = try CentreHTTP.makeClient(caFile: pki.path("ca.pem"))
        let ok = await get(trusting, https + "/healthz")
        #expect((try? ok.get()) == 200, "\(message(ok, https))")
        // Operators' routes too, with a token. (Nothing here throws before the client is shut
        // down: a client dropped unshut stops the whole test process.)
        var me = HTTPClientRequest(url: https + "/v1/me")
        me.headers.add(name: "Authorization", value: "Bearer \(c.dutyToken)")
        let meStatus = try? await trusting.execute(me, timeout: .seconds(15)).status.code
        try await trusting.shutdown()
        #expect(meStatus == 200)

        // Another CA: refused, and said so.
        let other = try CentreHTTP.makeClient(caFile: pki.path("other-ca.pem"))
        let refused = await get(other, https + "/healthz")
        let text = message(refused, https, caFile: pki.path("other-ca.pem"))
        #expect(throws: (any Error).self) { try refused.get() }
        #expect(text.contains("certificate is not trusted by the CA in \(pki.path("other-ca.pem"))"), "\(text)")
        #expect(text.contains("--ca-file"), "\(text)")
        #expect(message(refused, https).contains("not trusted"))
        try await other.shutdown()

        // The system trust store does not know the centre's CA either.
        let system = try CentreHTTP.makeClient(caFile: nil)
        let systemRefused = await get(system, https + "/healthz")
        if case .failure(let error) = systemRefused {
            let text = CentreHTTP.describe(error, url: https, caFile: nil)
            #expect(text.contains("not trusted by this machine's trust store"), "\(text)")
        } else {
            Issue.record("the system trust store accepted a certificate of the centre's own CA")
        }

        // Plain HTTP to the TLS port: a failure in words that points at https://.
        let plainURL = "http://127.0.0.1:\(c.port)"
        let plain = await get(system, plainURL + "/healthz")
        #expect(throws: (any Error).self) { try plain.get() }
        let plainText = message(plain, plainURL)
        #expect(plainText.contains("https://"), "\(plainText)")
        #expect(!plainText.contains("NIO"), "\(plainText)")
        try await system.shutdown()
        await c.stop()
    }

    @Test func hostnameMismatchAndTLSToPlainHTTP() async throws {
        let pki = try TestPKI()
        try pki.makeCA("ca")
        try pki.makeServer("elsewhere", ca: "ca", extensions: "elsewhere")
        let tls = try await TestCentre { config in
            config.tlsCertPath = pki.path("elsewhere.pem")
            config.tlsKeyPath = pki.path("elsewhere.key")
        }
        let client = try CentreHTTP.makeClient(caFile: pki.path("ca.pem"))
        let url = "https://127.0.0.1:\(tls.port)"
        let mismatch = await get(client, url + "/healthz")
        #expect(throws: (any Error).self) { try mismatch.get() }
        #expect(message(mismatch, url).contains("hostname mismatch"), "\(message(mismatch, url))")
        await tls.stop()

        // https:// to a centre that serves plain HTTP.
        let plain = try await TestCentre()
        let plainURL = "https://127.0.0.1:\(plain.port)"
        let wrong = await get(client, plainURL + "/healthz")
        #expect(throws: (any Error).self) { try wrong.get() }
        #expect(message(wrong, plainURL).contains("http://"), "\(message(wrong, plainURL))")
        await plain.stop()

        // Nothing listening.
        let gone = await get(client, "http://127.0.0.1:\(plain.port)/healthz")
        #expect(message(gone, "http://127.0.0.1:\(plain.port)").contains("connection refused; is sitcen serve running"))
        try await client.shutdown()
    }

    @Test func tlsFilesThatCannotBeUsedAreExplained() throws {
        let pki = try TestPKI()
        try pki.makeCA("ca")
        try pki.makeServer("server", ca: "ca")
        func problem(_ cert: String?, _ key: String?) -> String {
            do { _ = try ServerTLS.load(certPath: cert, keyPath: key); return "no error" } catch { return "\(error)" }
        }
        #expect(try ServerTLS.load(certPath: nil, keyPath: nil) == nil)
        #expect(try ServerTLS.load(certPath: pki.path("server.pem"), keyPath: pki.path("server.key")) != nil)
        #expect(problem(pki.path("server.pem"), nil).contains("give both"))
        #expect(problem(nil, pki.path("server.key")).contains("give both"))
        #expect(problem(pki.path("missing.pem"), pki.path("server.key")).contains("no TLS certificate file at"))
        #expect(problem(pki.path("server.pem"), pki.path("missing.key")).contains("no TLS private key file at"))
        #expect(problem(pki.path("server.pem"), pki.path("ca.key")).contains("does not belong to the certificate"))
        #expect(problem(pki.path("server.key"), pki.path("server.pem")).contains("swapped"))
        #expect(problem(pki.path("pki.cnf"), pki.path("server.key")).contains("holds no PEM certificate"))

        #expect(throws: CentreHTTPError.self) { _ = try CentreHTTP.makeClient(caFile: pki.path("missing.pem")) }
        do { _ = try CentreHTTP.makeClient(caFile: pki.path("ca.key")) } catch {
            #expect("\(error)".contains("holds no PEM certificate"))
        }

        #expect(ServerTLS.isLoopback("127.0.0.1") && ServerTLS.isLoopback("::1") && ServerTLS.isLoopback("localhost"))
        #expect(!ServerTLS.isLoopback("0.0.0.0") && !ServerTLS.isLoopback("10.1.2.3") && !ServerTLS.isLoopback("::"))
    }
}
