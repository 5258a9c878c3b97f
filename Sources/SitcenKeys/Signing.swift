import Crypto
import Foundation

/// A post's secret key: the 32 bytes that its 64 hex characters encode.
public struct PostKey: Sendable, Equatable {
    public let bytes: [UInt8]

    public init?(hex: String) {
        let text = hex.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.utf8.count == 64, let b = Hex.decode(text) else { return nil }
        bytes = b
    }

    public init(bytes: [UInt8]) {
        precondition(bytes.count == 32, "a post key is 32 bytes")
        self.bytes = bytes
    }

    /// A fresh key from the system's secure random source.
    public static func random() -> PostKey { PostKey(bytes: Secrets.randomBytes(32)) }

    public var hex: String { Hex.encode(bytes) }

    /// Reads a key file written by `sitcen keys add-post --key-out` (64 hex characters, a line).
    public static func load(file: String) throws -> PostKey {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw KeysError("cannot read the key file \(file)")
        }
        guard let key = PostKey(hex: String(decoding: data, as: UTF8.self)) else {
            throw KeysError("\(file) does not hold a post key (64 hex characters)")
        }
        return key
    }
}

/// Request signing, as the HTTP contract says: `X-Sitcen-Signature: v1=<hex>`, the lowercase hex
/// HMAC-SHA256 under the post's key of `timestamp + "." + body` (the raw body bytes).
public enum RequestSignature {
    public static let scheme = "v1="

    /// The raw MAC of `timestamp.body`.
    public static func mac(key: PostKey, timestamp: String, body: UnsafeRawBufferPointer) -> [UInt8] {
        var h = HMAC<SHA256>(key: SymmetricKey(data: key.bytes))
        h.update(data: Array(timestamp.utf8))
        h.update(data: [0x2E])
        h.update(data: body)
        return Array(h.finalize())
    }

    /// The header value for a request signed at `timestamp` (Unix seconds) with `body`.
    public static func sign(key: PostKey, timestamp: Int64, body: [UInt8]) -> String {
        body.withUnsafeBytes { sign(key: key, timestamp: String(timestamp), body: $0) }
    }

    public static func sign(key: PostKey, timestamp: String, body: UnsafeRawBufferPointer) -> String {
        scheme + Hex.encode(mac(key: key, timestamp: timestamp, body: body))
    }

    /// The 32 MAC bytes of a well-formed header value (`v1=` and 64 lowercase hex), else nil.
    public static func parse(_ header: String) -> [UInt8]? {
        guard header.hasPrefix(scheme) else { return nil }
        let hex = header.dropFirst(scheme.count)
        guard hex.utf8.count == 64, hex.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
            return nil
        }
        return Hex.decode(String(hex))
    }

    /// Whether `header` is the right signature; the comparison takes the same time wherever the
    /// bytes differ.
    public static func verify(_ header: String, key: PostKey, timestamp: String, body: UnsafeRawBufferPointer) -> Bool {
        guard let given = parse(header) else { return false }
        return constantTimeEqual(given, mac(key: key, timestamp: timestamp, body: body))
    }
}

/// Compares two byte strings in time that depends only on their lengths.
public func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var diff: UInt8 = 0
    for i in 0..<a.count { diff |= a[i] ^ b[i] }
    return diff == 0
}

public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex (either case); nil for an odd length or a character that is not hex.
    public static func decode(_ text: String) -> [UInt8]? {
        let u = Array(text.utf8)
        guard u.count % 2 == 0 else { return nil }
        func v(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x61...0x66: return c - 0x61 + 10
            case 0x41...0x46: return c - 0x41 + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(u.count / 2)
        var i = 0
        while i < u.count {
            guard let h = v(u[i]), let l = v(u[i + 1]) else { return nil }
            out.append(h << 4 | l)
            i += 2
        }
        return out
    }
}

public enum Secrets {
    /// Bytes from the system's secure random source.
    public static func randomBytes(_ n: Int) -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        return (0..<n).map { _ in UInt8.random(in: .min ... .max, using: &g) }
    }

    /// A new operator bearer token: `sct_` and 64 hex characters (256 random bits).
    public static func newToken() -> String { "sct_" + Hex.encode(randomBytes(32)) }

    /// The SHA-256 of a token as lowercase hex: what the keys file keeps.
    public static func tokenHash(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Array(token.utf8)))
    }
}

/// An error about keys, for people.
public struct KeysError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ message: String) { description = message }
}
