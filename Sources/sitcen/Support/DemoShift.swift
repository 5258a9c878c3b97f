import Foundation
import SitcenAlerts
import SitcenDomain
import SitcenStore

/// The demo's history of triage: a centre in operation has dealt with most of last month's
/// alerts. Every alert whose last report is older than `keepOpen` is acknowledged, sometimes
/// noted, and resolved with a reason by one of the shift's officers, at plausible times after
/// it fired. What is recent stays open, and posts that are still silent keep their alerts (they
/// close themselves when the post reports).
enum DemoShift {
    static let officers = ["aliya", "bakyt", "dilnoza", "farrukh"]
    static let notes = [
        "Сверено с таможней, партия задержана.",
        "Confirmed by the post by phone; evidence sealed.",
        "Передано в отдел по борьбе с наркотиками.",
        "Same consignment as the earlier report; linked.",
        "Водитель задержан, возбуждено уголовное дело.",
        "Checked with the BLO across the border: a known route.",
    ]

    /// Settles the alerts in `db` as a shift would have; returns how many it resolved.
    @discardableResult
    static func settle(store db: SQLiteStore, registry: Registry, seed: UInt64, now: Timestamp,
                       keepOpen: Int64 = 12 * 3600) throws -> Int {
        let clock = DemoClock(now)
        let alerts = try AlertStore(store: db, registry: registry, clock: clock.function)
        let service = AlertService(alerts)
        var rng = SplitMix64(seed: seed ^ 0xD5_0F_7A)
        func uniform(_ a: Int64, _ b: Int64) -> Int64 { a + Int64(rng.unit() * Double(b - a)) }
        let reasons: [(ResolveReason, Double)] = [(.truePositive, 0.6), (.falsePositive, 0.15), (.duplicate, 0.1), (.expected, 0.1), (.other, 0.05)]
        func reason() -> ResolveReason {
            var x = rng.unit()
            for (r, w) in reasons { if x < w { return r }; x -= w }
            return .truePositive
        }
        var resolved = 0
        let open = try service.list(for: .system, state: .open, includeSilenced: true, limit: 0).sorted { $0.lastAt < $1.lastAt }
        for a in open where a.lastAt.millis < now.millis - keepOpen * 1000 && a.rule != "silent-post" {
            let who = Operator(name: officers[Int(rng.next() % UInt64(officers.count))], role: .duty)
            let latest = now.millis - 15 * 60_000
            clock.now = Timestamp(millis: min(latest, a.lastAt.millis + uniform(5, 90) * 60_000))
            if a.acknowledgedBy == nil { try service.acknowledge(a.id, by: who) }
            if rng.unit() < 0.5 {
                clock.now = Timestamp(millis: min(latest, clock.now.millis + uniform(2, 30) * 60_000))
                try service.take(a.id, by: who)
            }
            let note = rng.unit() < 0.45 ? notes[Int(rng.next() % UInt64(notes.count))] : nil
            clock.now = Timestamp(millis: min(latest, clock.now.millis + uniform(10, 240) * 60_000))
            try service.resolve(a.id, reason: reason(), note: note, by: who)
            resolved += 1
        }
        return resolved
    }
}

/// The clock the demo's shift acts at.
private final class DemoClock: @unchecked Sendable {
    private let lock = NSLock()
    private var t: Timestamp
    init(_ t: Timestamp) { self.t = t }
    var now: Timestamp {
        get { lock.withLock { t } }
        set { lock.withLock { t = newValue } }
    }
    var function: @Sendable () -> Timestamp { { [self] in self.now } }
}
