import Foundation
import Hummingbird
import Logging
import SitcenDomain
import SitcenFeed
import SitcenIngest
import SitcenKeys
import SitcenStore
import SitcenText

/// `POST /v1/reports`: signed reports from posts, answered after they are on disk.
final class ReportIntake: Sendable {
    let config: ServerConfig
    let keys: KeyRing
    let registry: Registry
    let committer: GroupCommitter
    let metrics: ServerMetrics
    let replay: ReplayCache
    let limiter: RateLimiter
    let logger: Logger

    init(config: ServerConfig, keys: KeyRing, registry: Registry, committer: GroupCommitter,
         metrics: ServerMetrics, logger: Logger) {
        self.config = config; self.keys = keys; self.registry = registry; self.committer = committer
        self.metrics = metrics; self.logger = logger
        replay = ReplayCache(window: config.replayWindowSeconds, capacity: config.replayCacheCapacity)
        limiter = RateLimiter(rate: config.ratePerSecond, burst: config.rateBurst)
    }

    /// The quarantine source of a post's HTTP requests. One per post, not one per request: a
    /// post that sends the same bad line again (a retry is signed anew, so it has a new signature)
    /// finds its earlier quarantine entry (the evidence key is source, line, raw bytes) instead of
    /// piling up copies, and the sources table does not grow with every request.
    static func sourceName(post: String) -> String { "http:\(post)" }

    enum BodyKind { case single, batch }

    func handle(_ request: Request) async -> Response {
        let h = request.headers
        // Authentication headers: missing is 401, malformed is 400.
        guard let post = h[.sitcenPost], let ts = h[.sitcenTimestamp], let sig = h[.sitcenSignature] else {
            let missing = [("X-Sitcen-Post", h[.sitcenPost]), ("X-Sitcen-Timestamp", h[.sitcenTimestamp]),
                           ("X-Sitcen-Signature", h[.sitcenSignature])].filter { $0.1 == nil }.map(\.0)
            return Answer.error(.unauthorized, "missing_signature",
                                "the request is not signed: \(missing.joined(separator: ", ")) missing")
        }
        guard !post.isEmpty, post.utf8.count <= 64, post.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return Answer.error(.badRequest, "bad_header", "X-Sitcen-Post must be a post code such as KZ-KHR")
        }
        guard ts.utf8.count <= 12, !ts.isEmpty, ts.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let signedAt = Int64(ts) else {
            return Answer.error(.badRequest, "bad_header", "X-Sitcen-Timestamp must be Unix time in whole seconds")
        }
        guard let mac = RequestSignature.parse(sig) else {
            return Answer.error(.badRequest, "bad_header", "X-Sitcen-Signature must be v1= followed by 64 lowercase hex characters")
        }
        // Content type.
        let kind: BodyKind
        switch ReportIntake.mediaType(h[.contentType]) {
        case "application/json"?: kind = .single
        case "application/x-ndjson"?: kind = .batch
        default:
            return Answer.error(.unsupportedMediaType, "unsupported_media_type",
                                "send one report as application/json or a batch as application/x-ndjson (UTF-8)")
        }
        // Size, before reading when the length is declared, and while reading otherwise.
        if let len = h[.contentLength].flatMap({ Int($0) }), len > config.maxBodyBytes {
            return tooLarge("the body is \(len) bytes")
        }
        var body = ByteBuffer()
        do {
            for try await chunk in request.body {
                if body.readableBytes + chunk.readableBytes > config.maxBodyBytes { return tooLarge("the body is longer") }
                var c = chunk
                body.writeBuffer(&c)
            }
        } catch {
            return Answer.error(.badRequest, "bad_body", "the body could not be read: \(error)")
        }
        // Signature, post, clock, replay, rate.
        guard let key = keys.current.postKey(post) else {
            return Answer.error(.unauthorized, "unknown_post", "post \(TextSafety.terminal(post)) has no key at this centre")
        }
        let authentic = body.withUnsafeReadableBytes { b in
            constantTimeEqual(mac, RequestSignature.mac(key: key, timestamp: ts, body: b))
        }
        guard authentic else {
            return Answer.error(.unauthorized, "bad_signature",
                                "the signature does not match: sign timestamp + \".\" + the exact body bytes with the post's key (HMAC-SHA256, hex)")
        }
        let now = Clock.unixSeconds()
        guard abs(now - signedAt) <= config.maxSkewSeconds else {
            return Answer.error(.unauthorized, "stale_timestamp",
                                "the request was signed at \(signedAt), \(abs(now - signedAt)) s away from the centre's clock (\(now)); at most \(config.maxSkewSeconds) s allowed: check the post's clock and sign each attempt anew")
        }
        guard replay.insert(mac, now: now) else {
            return Answer.error(.conflict, "replay", "this signature was used already within \(config.replayWindowSeconds) s; nothing was stored. Sign each attempt anew")
        }
        if let wait = limiter.take(post) {
            replay.remove(mac)
            return Answer.error(.tooManyRequests, "rate_limited",
                                "post \(post) sends faster than \(config.ratePerSecond) requests a second; retry after \(wait) s",
                                headers: [.retryAfter: String(wait)])
        }
        // Records.
        let prepared = body.withUnsafeReadableBytes { b in prepare(b, kind: kind, post: post) }
        let items: [IngestItem]
        switch prepared {
        case .refused(let answer): return answer
        case .items(let i): items = i
        }
        let outcomes: [ItemOutcome]
        do {
            outcomes = try await committer.submit(items, source: SourceRef(name: ReportIntake.sourceName(post: post), kind: "http"))
        } catch let e as StoreUnavailable {
            replay.remove(mac)
            metrics.storeUnavailable(e.failure)
            logger.error("store cannot take writes: \(e)")
            return Answer.error(.serviceUnavailable, "store_unavailable",
                                "the centre cannot store reports now (\(e.failure.rawValue)); nothing was stored, retry later",
                                headers: [.retryAfter: "5"])
        } catch {
            replay.remove(mac)
            return Answer.error(.serviceUnavailable, "store_unavailable", "the centre cannot store reports now; retry later",
                                headers: [.retryAfter: "5"])
        }
        metrics.record(outcomes, via: "http")
        return Answer.json(.ok, ReportIntake.summary(items: items, outcomes: outcomes))
    }

    private func tooLarge(_ what: String) -> Response {
        Answer.error(.contentTooLarge, "too_large",
                     "\(what); a request holds at most \(config.maxLines) lines and \(config.maxBodyBytes >> 20) MiB: send smaller batches")
    }

    /// The items of the body, or the answer that refuses it.
    enum Prepared { case items([IngestItem]), refused(Response) }

    private func prepare(_ b: UnsafeRawBufferPointer, kind: BodyKind, post: String) -> Prepared {
        var preparer = RecordPreparer(format: .jsonl, registry: registry, sourceName: ReportIntake.sourceName(post: post))
        switch kind {
        case .single:
            let bytes = UnsafeBufferPointer(start: b.baseAddress?.assumingMemoryBound(to: UInt8.self), count: b.count)
            if UTF8Check.firstInvalid(bytes) == nil {
                do { _ = try JSONParser.parse(bytes) } catch {
                    return .refused(Answer.error(.badRequest, "not_json", "the body is not JSON: \(error)"))
                }
            }
            let lines = BodySplitter.lines(b)
            guard let first = lines.first, let last = lines.last else {
                return .refused(Answer.error(.badRequest, "not_json", "the body is empty"))
            }
            let whole = BodySplitter.Line(start: first.start, end: last.end, number: first.number)
            let item = BodySplitter.withRecord(b, whole, lastLine: last.number) { preparer.item(for: $0, requirePost: post) }
            return .items(item.map { [$0] } ?? [])
        case .batch:
            let lines = BodySplitter.lines(b)
            if lines.count > config.maxLines { return .refused(tooLarge("the batch has \(lines.count) lines")) }
            var items: [IngestItem] = []
            items.reserveCapacity(lines.count)
            for line in lines {
                if let item = BodySplitter.withRecord(b, line, { preparer.item(for: $0, requirePost: post) }) { items.append(item) }
            }
            return .items(items)
        }
    }

    /// `type/subtype` of a Content-Type, lowercased; nil when a charset other than UTF-8 is named.
    static func mediaType(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let type = parts.first else { return nil }
        for p in parts.dropFirst() where p.hasPrefix("charset=") {
            let cs = p.dropFirst(8).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            if cs != "utf-8" && cs != "utf8" { return nil }
        }
        return type
    }

    /// The 200 body: counts, then a result a line.
    static func summary(items: [IngestItem], outcomes: [ItemOutcome]) -> JSONValue {
        var counts = IngestCounts()
        var results: [JSONValue] = []
        results.reserveCapacity(outcomes.count)
        for (item, o) in zip(items, outcomes) {
            counts.add(o)
            let line: Int
            switch item {
            case .report(let r): line = r.firstLine
            case .quarantine(let q): line = q.firstLine
            }
            var m: [(String, JSONValue)] = [("line", .int(Int64(line))), ("status", .string(o.status))]
            switch o {
            case .accepted(let seq, let correction):
                m.append(("seq", .int(seq)))
                if correction { m.append(("correction", .bool(true))) }
            case .duplicate(let seq): m.append(("seq", .int(seq)))
            case .conflict(let qid, let reason), .quarantined(let qid, let reason):
                m.append(("reason", .string(reason)))
                m.append(("quarantine_id", .int(qid)))
            }
            results.append(.object(m))
        }
        return .object([
            ("accepted", .int(Int64(counts.accepted))), ("duplicates", .int(Int64(counts.duplicates))),
            ("conflicts", .int(Int64(counts.conflicts))), ("quarantined", .int(Int64(counts.quarantined))),
            ("results", .array(results)),
        ])
    }
}
