import AsyncHTTPClient
import Foundation
import SitcenKeys

/// The centre's answer to one request.
public struct CentreAnswer: Sendable {
    public var status: Int
    public var body: [UInt8]
    public var retryAfter: Int?
    public var text: String { String(decoding: body, as: UTF8.self) }

    public init(status: Int, body: [UInt8], retryAfter: Int?) {
        self.status = status; self.body = body; self.retryAfter = retryAfter
    }

    /// The `message` of an error body, else the body itself (cut).
    public var message: String {
        if let obj = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], let m = obj["message"] as? String {
            return m
        }
        return String(text.prefix(500))
    }
}

/// Posts reports to the centre, signing every attempt anew (async-http-client).
public struct SignedClient: Sendable {
    public let url: String
    public let post: String
    public let key: PostKey
    public let client: HTTPClient
    /// Time for one request, connection included.
    public var timeoutSeconds: Int64 = 60

    /// `url` is the centre's base (`http://127.0.0.1:8470`) or the full `/v1/reports` address.
    public init(url: String, post: String, key: PostKey, client: HTTPClient = .shared) {
        var u = url
        while u.hasSuffix("/") { u.removeLast() }
        if !u.hasSuffix("/v1/reports") { u += "/v1/reports" }
        self.url = u; self.post = post; self.key = key; self.client = client
    }

    /// Sends `body` (JSON Lines unless `contentType` says otherwise), signed now.
    public func send(_ body: [UInt8], contentType: String = "application/x-ndjson",
                     timestamp: Int64 = Int64(Date().timeIntervalSince1970)) async throws -> CentreAnswer {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: contentType)
        request.headers.add(name: "X-Sitcen-Post", value: post)
        request.headers.add(name: "X-Sitcen-Timestamp", value: String(timestamp))
        request.headers.add(name: "X-Sitcen-Signature", value: RequestSignature.sign(key: key, timestamp: timestamp, body: body))
        request.body = .bytes(body)
        let response = try await client.execute(request, timeout: .seconds(timeoutSeconds))
        var bytes: [UInt8] = []
        for try await chunk in response.body {
            bytes.append(contentsOf: chunk.readableBytesView)
            if bytes.count > 64 << 20 { break }
        }
        let retry = response.headers.first(name: "Retry-After").flatMap { Int($0) }
        return CentreAnswer(status: Int(response.status.code), body: bytes, retryAfter: retry)
    }
}
