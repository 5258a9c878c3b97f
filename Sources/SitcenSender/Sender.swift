import AsyncHTTPClient
import Foundation
import Logging
import SitcenKeys

/// Sends the outbox's batches in order, one at a time, and removes each only when the centre
/// answered 200. Network errors, 5xx, 409 and 429 are retried (exponential backoff with full
/// jitter, or the centre's Retry-After); any other 4xx means the centre refuses the batch: it
/// goes to `rejected/` with the reason, never silently dropped.
public struct Sender: Sendable {
    public let outbox: Outbox
    public let client: SignedClient
    public var logger: Logger
    /// Backoff bounds, in seconds.
    public var initialBackoff = 0.2
    public var maxBackoff = 30.0
    /// Give up (leaving the outbox as it is) after trying one batch this many seconds; nil: never.
    public var giveUpAfter: Double?

    public init(outbox: Outbox, client: SignedClient, logger: Logger = Logger(label: "sitcen.post")) {
        self.outbox = outbox; self.client = client; self.logger = logger
    }

    /// What a drain did.
    public struct Totals: Sendable, Equatable {
        public var batches = 0
        public var accepted = 0
        public var duplicates = 0
        public var conflicts = 0
        public var quarantined = 0
        public var rejectedBatches = 0
        public var attempts = 0
        public init() {}
    }

    public enum Failure: Error, CustomStringConvertible {
        case gaveUp(pending: Int, last: String)
        case refusedAuthentication(String)
        public var description: String {
            switch self {
            case .gaveUp(let n, let last): return "gave up with \(n) batches still in the outbox (they stay there); last problem: \(last)"
            case .refusedAuthentication(let m): return "the centre refuses this post's signature: \(m); the batch is in rejected/, the rest stay in the outbox"
            }
        }
    }

    /// Sends every pending batch; returns when the outbox is empty. Throws `Failure` when it
    /// gives up (see `giveUpAfter`) or when the centre refuses the post's authentication (401).
    public func drain(onBatch: (@Sendable (Totals) -> Void)? = nil) async throws -> Totals {
        var totals = Totals()
        while let next = outbox.pending().first {
            try Task.checkCancellation()
            try await sendOne(next, totals: &totals)
            onBatch?(totals)
        }
        return totals
    }

    private func sendOne(_ path: String, totals: inout Totals) async throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            // Gone meanwhile (nothing to do), or unreadable: set it aside rather than loop on it.
            if FileManager.default.fileExists(atPath: path) {
                try outbox.reject(path, reason: "the outbox cannot read this batch file")
                totals.rejectedBatches += 1
            }
            return
        }
        let body = [UInt8](data)
        var backoff = initialBackoff
        var lastProblem = ""
        let started = Date()
        while true {
            try Task.checkCancellation()
            if let limit = giveUpAfter, Date().timeIntervalSince(started) > limit {
                throw Failure.gaveUp(pending: outbox.pending().count, last: lastProblem)
            }
            totals.attempts += 1
            var wait: Double
            do {
                let answer = try await client.send(body)
                switch answer.status {
                case 200:
                    count(answer, into: &totals)
                    outbox.remove(path)
                    totals.batches += 1
                    return
                case 409, 429, 500...599:
                    lastProblem = "HTTP \(answer.status): \(answer.message)"
                    wait = answer.retryAfter.map(Double.init) ?? jittered(backoff)
                    // 409: this exact signature was used (the same body within the same second):
                    // the next attempt, a second later, is signed anew.
                    if answer.status == 409 { wait = max(wait, 1.0) }
                case 400...499:
                    let reason = "HTTP \(answer.status): \(answer.message)"
                    logger.error("the centre refuses \((path as NSString).lastPathComponent): \(reason); kept in rejected/")
                    try outbox.reject(path, reason: reason)
                    totals.rejectedBatches += 1
                    if answer.status == 401 { throw Failure.refusedAuthentication(answer.message) }
                    return
                default:
                    lastProblem = "HTTP \(answer.status): \(answer.message)"
                    wait = jittered(backoff)
                }
            } catch let f as Failure {
                throw f
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                lastProblem = "\(error)"
                wait = jittered(backoff)
            }
            logger.debug("retrying in \(String(format: "%.2f", wait)) s: \(lastProblem)")
            try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
            backoff = min(maxBackoff, backoff * 2)
        }
    }

    /// Full jitter: a random wait between 0 and the current backoff (at least 50 ms).
    private func jittered(_ backoff: Double) -> Double { max(0.05, Double.random(in: 0...backoff)) }

    private func count(_ answer: CentreAnswer, into t: inout Totals) {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any] else { return }
        t.accepted += obj["accepted"] as? Int ?? 0
        t.duplicates += obj["duplicates"] as? Int ?? 0
        t.conflicts += obj["conflicts"] as? Int ?? 0
        t.quarantined += obj["quarantined"] as? Int ?? 0
    }

    /// `post watch`: takes files from `inbox/` and sends, again and again, until cancelled.
    public func watch(pollMilliseconds: Int = 500, batchSize: Int = 1000, onBatch: (@Sendable (Totals) -> Void)? = nil) async throws {
        var totals = Totals()
        while !Task.isCancelled {
            do {
                try outbox.takeInbox(batchSize: batchSize)
                while let next = outbox.pending().first {
                    try await sendOne(next, totals: &totals)
                    onBatch?(totals)
                }
            } catch let f as Failure {
                logger.error("\(f); waiting a minute before trying the next batch")
                try await Task.sleep(nanoseconds: 60_000_000_000)
            }
            try await Task.sleep(nanoseconds: UInt64(pollMilliseconds) * 1_000_000)
        }
    }
}
