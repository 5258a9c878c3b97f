import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SitcenText

/// The operators' API of one centre, for one token: requests with `Authorization: Bearer`,
/// answered as bytes or as a readable `RemoteError`. The calls block their thread (the console
/// makes them from its loader tasks), each with a deadline.
public final class CentreClient: Sendable {
    /// The centre's address without a trailing slash, e.g. `https://centre.example:8470`.
    public let baseURL: String
    let token: String
    /// The CA file that certificates are checked against (nil: the system's trust store).
    public let caFile: String?
    public let http: HTTPClient

    public init(url: String, token: String, caFile: String?) throws {
        var u = url.trimmingCharacters(in: .whitespaces)
        while u.hasSuffix("/") { u.removeLast() }
        guard let parsed = URL(string: u), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme), parsed.host != nil else {
            throw RemoteError("--server \(url): give the centre's address, e.g. https://centre.example:8470 or http://127.0.0.1:8470")
        }
        let t = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw RemoteError("the token file is empty or holds more than one token; put the token that `sitcen keys add-operator` printed in it, alone")
        }
        baseURL = u; self.token = t; self.caFile = caFile
        http = try CentreHTTP.makeClient(caFile: caFile)
    }

    public func shutdown() { try? http.syncShutdown() }

    func request(_ method: HTTPMethod, _ path: String, accept: String = "application/json", extraHeaders: [(String, String)] = []) throws -> HTTPClient.Request {
        var req = try HTTPClient.Request(url: baseURL + path, method: method)
        req.headers.add(name: "Authorization", value: "Bearer \(token)")
        req.headers.add(name: "Accept", value: accept)
        req.headers.add(name: "User-Agent", value: "sitcen-console")
        for (k, v) in extraHeaders { req.headers.add(name: k, value: v) }
        return req
    }

    /// One call; the status and the body. Network failures become a `RemoteError` in words.
    public func call(_ method: HTTPMethod, _ path: String, json body: JSONValue? = nil, timeout: Double = 10) throws -> (status: Int, body: [UInt8]) {
        var req = try request(method, path)
        if let body {
            req.headers.add(name: "Content-Type", value: "application/json")
            req.body = .string(body.serialized())
        }
        do {
            let resp = try http.execute(request: req, deadline: .now() + .milliseconds(Int64(timeout * 1000))).wait()
            return (Int(resp.status.code), resp.body.map { Array($0.readableBytesView) } ?? [])
        } catch {
            throw RemoteError(CentreHTTP.describe(error, url: baseURL, caFile: caFile))
        }
    }

    /// A call that must answer 200: its body, else an error that says what the centre said.
    public func ok(_ method: HTTPMethod, _ path: String, json body: JSONValue? = nil, timeout: Double = 10) throws -> [UInt8] {
        let (status, bytes) = try call(method, path, json: body, timeout: timeout)
        guard status == 200 else { throw Self.refusal(status: status, body: bytes) }
        return bytes
    }

    /// The centre's answer as an error for a person: 401 means the token, 403 the role.
    static func refusal(status: Int, body: [UInt8]) -> RemoteError {
        let (code, message) = RemoteJSON.errorMessage(body)
        let said = message ?? "HTTP \(status)"
        switch status {
        case 401:
            if code == "token_expired" { return RemoteError("the centre says the token expired: \(said)") }
            return RemoteError("the centre refused the token: \(said)")
        case 403: return RemoteError("not allowed: \(said)")
        case 404: return RemoteError("not found: \(said)")
        default: return RemoteError("the centre answered \(status): \(said)")
        }
    }
}
