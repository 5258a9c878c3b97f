import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A problem with the client's TLS set-up (the `--ca-file`), worded for the person at the console.
public struct CentreHTTPError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// HTTP to a centre: the client (with the centre's own CA when it has one) and failures in words.
public enum CentreHTTP {
    /// An AsyncHTTPClient for a centre. For https URLs the server certificate is checked:
    /// against `caFile` (PEM, one or more certificates: a centre's own CA) only, when given;
    /// else against the system trust store. Hostname verification stays on.
    ///
    /// A connection that cannot be made fails the request at once (no silent retries until the
    /// deadline), so that the caller can say why and retry on its own schedule; connecting gives
    /// up after 10 s. Redirects are not followed: the bearer token goes to the centre alone.
    ///
    /// The caller owns the client and must shut it down when done: `try await client.shutdown()`,
    /// or `try client.syncShutdown()` outside async code. (A client dropped while running traps
    /// in debug builds.)
    ///
    /// Throws a `CentreHTTPError` when the CA file is missing, unreadable or holds no certificate.
    public static func makeClient(caFile: String?) throws -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        tls.minimumTLSVersion = .tlsv12
        if let caFile { tls.trustRoots = .certificates(try loadCA(caFile)) }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10)))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// The certificates in a CA file (PEM), or a `CentreHTTPError` that says what to do.
    public static func loadCA(_ path: String) throws -> [NIOSSLCertificate] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CentreHTTPError("no CA file at \(path); --ca-file takes the centre's CA certificate (PEM), e.g. the ca.pem the centre's administrator gives out")
        }
        guard !isDirectory.boolValue else {
            throw CentreHTTPError("\(path) is a folder; --ca-file takes the centre's CA certificate file (PEM)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CentreHTTPError("cannot read the CA file \(path); make it readable by the user that runs the console")
        }
        let certificates = (try? NIOSSLCertificate.fromPEMBytes(Array(data))) ?? []
        guard !certificates.isEmpty else {
            throw CentreHTTPError("\(path) holds no PEM certificate (a block starting -----BEGIN CERTIFICATE-----); --ca-file takes the centre's CA certificate (ca.pem), not a key or the server's own files")
        }
        return certificates
    }

    /// A one-line message for a person about a failed request to `url`: e.g. connection refused
    /// ("cannot reach the centre at URL: connection refused; is sitcen serve running?"),
    /// a certificate that is not trusted ("the centre's certificate is not trusted by ...; pass --ca-file with the centre's CA"),
    /// hostname mismatch, timeouts, TLS to a plain-HTTP server and the reverse.
    public static func describe(_ error: Error, url: String) -> String {
        describe(error, url: url, trustedBy: "the CA file given with --ca-file, or by this machine's trust store without one")
    }

    /// As `describe(_:url:)`; `caFile` (the `--ca-file` in use, nil for none) names what did not
    /// trust the centre's certificate: the CA in that file, or this machine's trust store.
    public static func describe(_ error: Error, url: String, caFile: String?) -> String {
        describe(error, url: url, trustedBy: caFile.map { "the CA in \($0)" } ?? "this machine's trust store")
    }

    private static func describe(_ error: Error, url: String, trustedBy: String) -> String {
        let https = url.lowercased().hasPrefix("https:")
        let host = URL(string: url)?.host ?? url
        let reach = "cannot reach the centre at \(url)"

        if let e = error as? CentreHTTPError { return e.description }
        if let e = error as? NIOSSLExtraError, e == .failedToValidateHostname {
            return "the centre's certificate is not for \(host) (hostname mismatch); connect with a name or address that its certificate lists (subjectAltName), or have the certificate made again with \(host) in it"
        }
        if let e = error as? NIOSSLError {
            switch e {
            case .handshakeFailed(let ssl):
                return handshake(ssl, url: url, host: host, trustedBy: trustedBy)
            case .uncleanShutdown:
                return "the centre at \(url) closed the TLS connection abruptly; \(plainHint(url, https))"
            default:
                return "TLS with the centre at \(url) failed: \(e)"
            }
        }
        if let e = error as? BoringSSLError { return handshake(e, url: url, host: host, trustedBy: trustedBy) }
        if let e = error as? HTTPClientError {
            switch e {
            case .connectTimeout:
                return "\(reach): no answer to the connection (timed out); check the address, the port, the network and any firewall"
            case .tlsHandshakeTimeout:
                return "\(reach): the TLS handshake timed out; is the centre serving HTTPS on this port? (sitcen serve --tls-cert …, or a TLS proxy in front of it)"
            case .deadlineExceeded, .readTimeout:
                return "the centre at \(url) did not answer in time; it may be overloaded, or the network slow"
            case .writeTimeout:
                return "the centre at \(url) did not take the request in time; the network may be slow"
            case .remoteConnectionClosed:
                return "the centre at \(url) closed the connection without answering; \(plainHint(url, https))"
            case .invalidURL, .emptyHost, .emptyScheme:
                return "\(url) is not a centre's address; give one such as https://centre.example:8470"
            case .alreadyShutdown, .cancelled:
                return "the request to the centre at \(url) was cancelled"
            default:
                return "the request to the centre at \(url) failed: \(e)"
            }
        }
        if let e = error as? NIOConnectionError {
            if e.connectionErrors.isEmpty, e.dnsAError != nil || e.dnsAAAAError != nil {
                return "\(reach): the name \(e.host) is not known (DNS); check the address"
            }
            if let first = e.connectionErrors.first { return describe(first.error, url: url, trustedBy: trustedBy) }
        }
        if let e = error as? IOError { return describeErrno(e.errnoCode, reach: reach) ?? "\(reach): \(e)" }
        if let e = error as? ChannelError {
            switch e {
            case .connectTimeout: return "\(reach): no answer to the connection (timed out); check the address, the port, the network and any firewall"
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed:
                return "the centre at \(url) closed the connection without answering; \(plainHint(url, https))"
            default: break
            }
        }
        if error is HTTPParserError {
            return https
                ? "the centre at \(url) did not answer in HTTP; check the address and port"
                : "the centre at \(url) did not answer in plain HTTP: it probably serves HTTPS, so use https:// (and --ca-file with the centre's CA if it has its own)"
        }
        // Errors wrapped in types this function does not know: look at their words.
        let text = String(describing: error)
        let lower = text.lowercased()
        if lower.contains("connection refused") { return describeErrno(ECONNREFUSED, reach: reach)! }
        if lower.contains("certificate_verify_failed") {
            return untrusted(url: url, trustedBy: trustedBy)
        }
        return "the request to the centre at \(url) failed: \(text)"
    }

    private static func describeErrno(_ code: Int32, reach: String) -> String? {
        switch code {
        case ECONNREFUSED: return "\(reach): connection refused; is sitcen serve running, and on this address and port?"
        case ECONNRESET: return "\(reach): the connection was reset; the centre or something in between closed it (a TLS mismatch: http:// to an HTTPS port, or the reverse)"
        case ETIMEDOUT: return "\(reach): the connection timed out; check the address, the network and any firewall"
        case EHOSTUNREACH, ENETUNREACH: return "\(reach): no route to the host; check the address and the network"
        case EADDRNOTAVAIL: return "\(reach): the address is not available from here; check it"
        default: return nil
        }
    }

    private static func handshake(_ ssl: BoringSSLError, url: String, host: String, trustedBy: String) -> String {
        let text = String(describing: ssl).uppercased()
        if text.contains("CERTIFICATE_VERIFY_FAILED") { return untrusted(url: url, trustedBy: trustedBy) }
        if text.contains("WRONG_VERSION_NUMBER") || text.contains("HTTP_REQUEST") || text.contains("UNKNOWN_PROTOCOL")
            || text.contains("RECORD_TOO_LARGE") || text.contains("PACKET_LENGTH_TOO_LONG") {
            return "the centre at \(url) did not answer in TLS: it probably serves plain HTTP, so use http:// (plain HTTP is for loopback; across a network the centre needs --tls-cert/--tls-key or a TLS proxy)"
        }
        if text.contains("TLSV1_ALERT_PROTOCOL_VERSION") || text.contains("UNSUPPORTED_PROTOCOL") || text.contains("NO_SHARED_CIPHER") {
            return "the centre at \(url) and this console share no TLS version or cipher (TLS 1.2 or later is needed)"
        }
        if text.contains("CERTIFICATE_EXPIRED") {
            return "the centre's certificate has expired; the centre must renew it"
        }
        return "the TLS handshake with the centre at \(url) failed: \(ssl)"
    }

    private static func untrusted(url: String, trustedBy: String) -> String {
        "the centre's certificate is not trusted by \(trustedBy) (or it has expired or is not yet valid); pass --ca-file with the centre's CA (the ca.pem its certificate was signed with)"
    }

    private static func plainHint(_ url: String, _ https: Bool) -> String {
        https ? "is it serving plain HTTP? then use http://, or check the port"
              : "is it serving HTTPS? then use https:// (and --ca-file with the centre's CA if it has its own)"
    }
}
