import HTTPTypes
import Hummingbird
import SitcenDomain
import SitcenKeys
import SitcenText

/// The request context of the centre's routes: the operator, once a bearer token was checked.
public struct SitcenContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by the operators' authentication for the routes under `/v1` that need a token.
    public var operatorEntry: OperatorEntry?
    /// The bearer token it was checked with (a stream checks it again while it runs).
    public var operatorToken: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Report batches are read by the intake itself, with its own limit.
    public var maxUploadSize: Int { 1 << 20 }
}

/// JSON answers.
public enum Answer {
    public static func json(_ status: HTTPResponse.Status, _ value: JSONValue, headers: HTTPFields = [:]) -> Response {
        var h = headers
        h[.contentType] = "application/json"
        var s = value.serialized()
        s += "\n"
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(string: s)))
    }

    /// 403 `forbidden`: `who` may not do `what` ("see sector KZ-WEST").
    public static func forbidden(_ who: Operator, _ what: String) -> Response {
        error(.forbidden, "forbidden", TextSafety.terminal("\(who) may not \(what)"))
    }

    /// `{"error": code, "message": text}`: `code` for programs, `message` for people.
    public static func error(_ status: HTTPResponse.Status, _ code: String, _ message: String, headers: HTTPFields = [:]) -> Response {
        json(status, .object([("error", .string(code)), ("message", .string(message))]), headers: headers)
    }
}

extension HTTPField.Name {
    static let sitcenPost = HTTPField.Name("X-Sitcen-Post")!
    static let sitcenTimestamp = HTTPField.Name("X-Sitcen-Timestamp")!
    static let sitcenSignature = HTTPField.Name("X-Sitcen-Signature")!
}
