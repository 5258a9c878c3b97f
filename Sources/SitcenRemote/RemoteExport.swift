import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// `sitcen export --server`: the centre's `/v1/export`, streamed to a sink as it arrives.
/// The centre applies the token's scope: a BLO officer's export holds their sector only.
public enum RemoteExport {
    /// Streams the export; returns the bytes written. Throws what the centre said on refusal.
    public static func run(client: CentreClient, query: [(String, String)], sink: @escaping @Sendable ([UInt8]) throws -> Void) throws -> Int64 {
        var comps = URLComponents()
        comps.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        let path = "/v1/export" + (comps.percentEncodedQuery.map { "?" + $0 } ?? "")
        let request = try client.request(.GET, path, accept: "*/*")
        let delegate = ExportDelegate(sink: sink)
        do {
            try client.http.execute(request: request, delegate: delegate).futureResult.wait()
        } catch let e as RemoteError {
            throw e
        } catch {
            throw RemoteError(CentreHTTP.describe(error, url: client.baseURL))
        }
        return delegate.written
    }
}

private final class ExportDelegate: HTTPClientResponseDelegate, @unchecked Sendable {
    typealias Response = Void
    let sink: @Sendable ([UInt8]) throws -> Void
    var status: HTTPResponseStatus = .ok
    var errorBody: [UInt8] = []
    var written: Int64 = 0

    init(sink: @escaping @Sendable ([UInt8]) throws -> Void) { self.sink = sink }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        status = head.status
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        if status != .ok {
            if errorBody.count < 8192 { errorBody += buffer.readableBytesView.prefix(8192 - errorBody.count) }
            return task.eventLoop.makeSucceededVoidFuture()
        }
        do {
            try sink(Array(buffer.readableBytesView))
            written += Int64(buffer.readableBytes)
            return task.eventLoop.makeSucceededVoidFuture()
        } catch {
            return task.eventLoop.makeFailedFuture(error)
        }
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        if status != .ok { throw CentreClient.refusal(status: Int(status.code), body: errorBody) }
    }
}
