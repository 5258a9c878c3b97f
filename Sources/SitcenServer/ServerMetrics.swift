import Foundation
import Metrics
import Prometheus
import SitcenDomain
import SitcenStore

/// The server's Prometheus metrics, on a registry of its own (several servers may run in one
/// test process). `GET /metrics` emits them.
public final class ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2500), .seconds(5), .seconds(10),
    ]
    static let commitSizeBuckets: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256]
    private let knownPosts = Locked(Set<String>())

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// Lets swift-metrics users (Hummingbird's own middleware, libraries) report into this
    /// registry. Once a process: call it from the `serve` command, not from tests.
    public func bootstrapMetricsSystem() {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }

    private func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "sitcen", metricName: metric, unitName: unit, helpText: help)
    }

    /// Counts what became of received records, by outcome and by way in (`http`, `spool`).
    func record(_ outcomes: [ItemOutcome], via: String) {
        var counts: [String: Int64] = [:]
        var reasons: [String: Int64] = [:]
        for o in outcomes {
            counts[o.status, default: 0] += 1
            switch o {
            case .quarantined(_, let reason): reasons[ServerMetrics.reasonClass(reason), default: 0] += 1
            case .conflict: reasons["conflict", default: 0] += 1
            default: break
            }
        }
        record(counts: counts, reasons: reasons, via: via)
    }

    func record(counts: [String: Int64], reasons: [String: Int64], via: String) {
        for (status, n) in counts where n > 0 {
            registry.makeCounter(descriptor: name("reports", "total", "Records received, by outcome (accepted, duplicate, conflict, quarantined) and way in."),
                                 labels: [("outcome", status), ("via", via)]).increment(by: n)
        }
        for (reason, n) in reasons where n > 0 {
            registry.makeCounter(descriptor: name("quarantined", "total", "Records quarantined or held as conflicts, by reason."),
                                 labels: [("reason", reason), ("via", via)]).increment(by: n)
        }
    }

    /// A coarse class of a quarantine reason, for a label with few values.
    static func reasonClass(_ reason: String) -> String {
        let checks: [(String, String)] = [
            ("post mismatch", "post_mismatch"), ("unknown post", "unknown_post"), ("not valid UTF-8", "invalid_utf8"),
            ("longer than the 1 MiB limit", "too_long"), ("is missing", "missing_field"),
            ("must be a JSON object", "not_an_object"), ("conflicts with", "conflict"),
        ]
        for (needle, label) in checks where reason.contains(needle) { return label }
        return reason.contains("`") ? "invalid_field" : "malformed"
    }

    func request(method: String, route: String, status: Int, seconds: Double) {
        registry.makeDurationHistogram(descriptor: name("http_request_duration", "seconds", "Time to answer HTTP requests, by route."),
                                       labels: [("method", method), ("route", route)], buckets: ServerMetrics.latencyBuckets)
            .recordNanoseconds(Int64(seconds * 1e9))
        registry.makeCounter(descriptor: name("http_requests", "total", "HTTP requests answered, by route and status."),
                             labels: [("method", method), ("route", route), ("status", String(status))]).increment()
    }

    func commit(requests: Int, items: Int, seconds: Double) {
        registry.makeValueHistogram(descriptor: name("group_commit_requests", "count", "Requests that shared one durable commit."),
                                    buckets: ServerMetrics.commitSizeBuckets).record(Double(requests))
        registry.makeDurationHistogram(descriptor: name("group_commit_duration", "seconds", "Time of one durable group commit."),
                                       labels: [], buckets: ServerMetrics.latencyBuckets)
            .recordNanoseconds(Int64(seconds * 1e9))
        registry.makeCounter(descriptor: name("group_commits", "total", "Durable group commits."), labels: []).increment()
        _ = items
    }

    func storeUnavailable(_ failure: StoreWriteFailure) {
        registry.makeCounter(descriptor: name("store_unavailable", "total", "Commits the store could not take (answered 503)."),
                             labels: [("failure", "\(failure)")]).increment()
    }

    /// Sets the age of each post's last report (seconds since the centre received it).
    func updatePostAges(_ statuses: [PostStatus], now: Timestamp = .now()) {
        for s in statuses {
            knownPosts.withLock { _ = $0.insert(s.post) }
            registry.makeGauge(descriptor: name("post_last_report_age", "seconds", "Seconds since each post's last report was received."),
                               labels: [("post", s.post)]).set(Double(now.millis - s.lastReceived.millis) / 1000)
        }
    }

    /// Sets a gauge of the alerts in each state (for the alert store, when it is wired in).
    public func setAlerts(byState counts: [String: Int]) {
        for (state, n) in counts {
            registry.makeGauge(descriptor: name("alerts", "count", "Alerts by state."), labels: [("state", state)]).set(Double(n))
        }
    }

    /// Open event streams (remote consoles).
    private var streams: Prometheus.Gauge {
        registry.makeGauge(descriptor: name("streams_open", "count", "Event streams open to remote consoles."))
    }
    func streamOpened() { streams.increment() }
    func streamClosed() { streams.decrement() }

    public func emit() -> [UInt8] { registry.emitToBuffer() }
}
