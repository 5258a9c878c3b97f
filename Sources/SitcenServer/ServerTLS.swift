import Foundation
import HummingbirdTLS
import NIOSSL

/// A problem with the server's TLS files, worded for the person starting `sitcen serve`.
public struct ServerTLSError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The server's side of TLS: the certificate and key files read, checked and made into a
/// configuration for HummingbirdTLS (see Docs/http.md, "Deployments").
public enum ServerTLS {
    /// What was read from the certificate and key files.
    public struct Loaded: Sendable {
        public let configuration: TLSConfiguration
        /// The server's own certificate (the first in the file) and when it stops being valid.
        public let notValidAfter: Date
    }

    /// The TLS configuration for `certPath` and `keyPath` (PEM files), or nil when neither is
    /// given. Throws a `ServerTLSError` that says what to do when only one is given, a file is
    /// missing or unreadable, holds no certificate or key, or the key does not belong to the
    /// certificate.
    public static func load(certPath: String?, keyPath: String?) throws -> Loaded? {
        switch (certPath, keyPath) {
        case (nil, nil):
            return nil
        case (.some, nil):
            throw ServerTLSError("a TLS certificate was given without its private key: give both (--tls-cert FILE --tls-key FILE), or neither for plain HTTP")
        case (nil, .some):
            throw ServerTLSError("a TLS private key was given without its certificate: give both (--tls-cert FILE --tls-key FILE), or neither for plain HTTP")
        case let (cert?, key?):
            return try load(cert: cert, key: key)
        }
    }

    private static func load(cert certPath: String, key keyPath: String) throws -> Loaded {
        let certBytes = try read(certPath, what: "TLS certificate", flag: "--tls-cert")
        let keyBytes = try read(keyPath, what: "TLS private key", flag: "--tls-key")
        // PEM is ASCII: the files' text tells what they hold.
        let certText = String(decoding: certBytes, as: UTF8.self), keyText = String(decoding: keyBytes, as: UTF8.self)
        if certText.contains("PRIVATE KEY-----") && keyText.contains("BEGIN CERTIFICATE-----") && !keyText.contains("PRIVATE KEY-----") {
            throw ServerTLSError("\(certPath) holds a private key and \(keyPath) a certificate: --tls-cert and --tls-key are swapped")
        }
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMBytes(certBytes) } catch { chain = [] }
        guard let leaf = chain.first else {
            throw ServerTLSError("\(certPath) holds no PEM certificate (a block starting -----BEGIN CERTIFICATE-----); give --tls-cert the server's certificate, e.g. made as in Docs/http.md (Deployments)")
        }
        let key: NIOSSLPrivateKey
        do { key = try NIOSSLPrivateKey(bytes: keyBytes, format: .pem) } catch {
            if keyText.contains("ENCRYPTED") {
                throw ServerTLSError("\(keyPath) is a passphrase-protected key, which sitcen serve cannot use; write an unencrypted copy readable by the server's user alone: openssl pkey -in \(keyPath) -out server.key && chmod 600 server.key")
            }
            throw ServerTLSError("\(keyPath) holds no PEM private key (a block starting -----BEGIN PRIVATE KEY-----); give --tls-key the key the certificate was made with")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        // The context is what the server builds for each connection; building it now finds a key
        // that does not belong to the certificate before the server starts listening.
        do { _ = try NIOSSLContext(configuration: configuration) } catch {
            throw ServerTLSError("the private key in \(keyPath) does not belong to the certificate in \(certPath); give the key the certificate was made with (`openssl x509 -noout -pubkey -in \(certPath)` and `openssl pkey -pubout -in \(keyPath)` must print the same)")
        }
        return Loaded(configuration: configuration, notValidAfter: Date(timeIntervalSince1970: TimeInterval(leaf.notValidAfter)))
    }

    private static func read(_ path: String, what: String, flag: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ServerTLSError("no \(what) file at \(path); check the path given to \(flag) (PEM; see Docs/http.md, Deployments)")
        }
        guard !isDirectory.boolValue else {
            throw ServerTLSError("\(path) is a folder; give \(flag) the \(what) file (PEM)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = access(path, R_OK) == 0 ? "it cannot be read" : String(cString: strerror(errno))
            throw ServerTLSError("cannot read the \(what) file \(path) (\(reason)); make it readable by the user that runs sitcen serve")
        }
        return Array(data)
    }

    /// Whether `host` (as given to `--listen`) is a loopback address, reachable from this machine alone.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        if h.hasPrefix("::ffff:") { return isLoopback(String(h.dropFirst(7))) }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
