import SitcenDomain
import SitcenFeed

/// One record the generator yields: its bytes (no line break) and what it is.
public struct DemoRecord: Sendable {
    public enum Kind: Sendable, Equatable {
        /// The CSV header row (not a record).
        case header
        /// A valid report (sitrep, seizure, incident, tip).
        case report
        /// A valid correction: same `(post, id)` as an earlier report, a higher `revision`.
        case correction
        /// A broken, hostile, duplicate or conflicting record (`faults: true`).
        case fault(DemoFault)
    }
    public var kind: Kind
    public var bytes: [UInt8]
}

/// Deterministic, realistic demo feed for the posts of a registry: seizures along the Afghan
/// routes, NPS by post and across the Kazakh–Kyrgyz border, precursors towards Afghanistan,
/// incidents, tips and a sitrep heartbeat from every post every few hours.
///
/// It is a `Sequence` of records as raw bytes (a record may be invalid UTF-8 when `faults` is
/// on), each without its line break: write each followed by `\n`. With `format: .csv` the first
/// element is the header row. Exactly `count` records follow (corrections, duplicates and faults
/// included). The same `seed` and `end` give the same bytes. It streams: time is cut into
/// chunks of about a day (at most ~1,000 records each), generated and sorted by `reported_at`
/// one at a time, so memory does not grow with `count`.
///
/// The story: one post goes silent for the last hours (≤ 14 h); one Afghan-border sector sees
/// a surge of opiate seizures in the last day and a half; unknown substance names turn up now
/// and then. For the data-quality board: another post sends everything a day late (26 h after
/// it was observed) over the last ten days, and now and then a seizure weighed in grams is
/// typed in kilograms (an outlier a thousand times its size).
public struct DemoGenerator: Sequence, Sendable {
    public enum Format: String, Sendable, CaseIterable { case jsonl, csv }

    public let registry: Registry
    public let seed: UInt64
    public let count: Int
    public let days: Int
    public let end: Timestamp
    public let faults: Bool
    public let format: Format

    /// - Parameters:
    ///   - count: records to yield (the CSV header is not one).
    ///   - days: `reported_at` times spread over this many days before `end`.
    ///   - end: the last moment of the feed (pass `Timestamp.now()` for "now").
    ///   - faults: mix in about 2–3 % broken and hostile records, every kind of
    ///     `DemoFault.kinds(for: format)` at least once when `count` ≥ 200.
    public init(registry: Registry, seed: UInt64 = 1, count: Int, days: Int = 30,
                end: Timestamp = .now(), faults: Bool = false, format: Format = .jsonl) {
        precondition(!registry.posts.isEmpty, "the demo needs at least one post")
        self.registry = registry; self.seed = seed; self.count = Swift.max(0, count); self.days = Swift.max(1, days)
        self.end = end; self.faults = faults; self.format = format
    }

    /// The fault kinds and what they look like, for the docs.
    public static var faultKinds: [(name: String, description: String)] {
        DemoFault.allCases.map { ($0.rawValue, $0.explanation) }
    }

    public func makeIterator() -> Iterator { Iterator(self) }

    public struct Iterator: IteratorProtocol {
        enum Primary { case seizure, incident, tip }
        enum Ref { case item(Int), ring(Int) }
        enum Item { case sitrep(Int), primary(Primary), correction(Ref), fault(DemoFault), derived(DemoFault, Ref) }
        struct Slot { var time: Int64; var item: Item }
        struct Stored { var serial: Int; var report: Report }

        let g: DemoGenerator
        var rng: DemoRandom
        let factory: ReportFactory
        let plan: DemoPlan
        var chunk = 0
        var cumWeight = 0.0
        var done = (primaries: 0, faults: 0, corrections: 0)
        var slots: [Slot] = []
        var order: [Int] = []
        var serials: [Int] = []
        var position = 0
        static let ringSize = 4096
        var ring: [Stored?]
        var nextSerial = 0
        var idSeq: [String: Int] = [:]
        var faultPlan: [DemoFault]
        var faultCursor = 0
        var deferred: [DemoFault] = []
        let randomKinds: [DemoFault]
        var headerDone: Bool
        var finalDone: Bool
        /// The post that sends a day late, and from when.
        let late: (post: String, from: Int64)?

        init(_ g: DemoGenerator) {
            self.g = g
            var rng = DemoRandom(seed: g.seed)
            plan = DemoPlan(g, &rng)
            factory = ReportFactory(registry: g.registry, rng: &rng, surgeStart: plan.end - Swift.min(129_600, plan.span / 4))
            var kinds = plan.faultKinds
            for i in stride(from: kinds.count - 1, to: 0, by: -1) { kinds.swapAt(i, rng.int(0...i)) }
            faultPlan = kinds
            randomKinds = kinds.filter { $0 != .overlongLine }
            self.rng = rng
            ring = Array(repeating: nil, count: Iterator.ringSize)
            headerDone = g.format != .csv
            finalDone = !plan.finalUnterminated
            let lateFrom = plan.lateFrom
            late = plan.latePost.map { (g.registry.posts[$0].code, lateFrom) }
        }

        public mutating func next() -> [UInt8]? { nextRecord()?.bytes }

        /// The next record with its kind (for tests and tools that want to know).
        public mutating func nextRecord() -> DemoRecord? {
            if !headerDone {
                headerDone = true
                return DemoRecord(kind: .header, bytes: Array(FeedEncoder.csvHeader.utf8))
            }
            while position >= order.count {
                guard chunk < plan.chunks else {
                    if finalDone { return nil }
                    finalDone = true
                    return faultRecord(.unterminatedQuote, at: plan.end - 1)
                }
                buildChunk()
                chunk += 1
            }
            let i = order[position]
            position += 1
            return emit(i)
        }

        // MARK: Planning a chunk

        mutating func buildChunk() {
            let (a, b) = plan.window(chunk)
            cumWeight += plan.weight(chunk)
            let last = chunk == plan.chunks - 1
            func share(_ total: Int, _ done: Int) -> Int {
                if last { return total - done }
                return Swift.max(0, Swift.min(total - done, Int((Double(total) * cumWeight / plan.totalWeight).rounded()) - done))
            }
            let nP = share(plan.primaries, done.primaries), nF = share(plan.faults, done.faults)
            let nC = share(plan.corrections, done.corrections)
            done = (done.primaries + nP, done.faults + nF, done.corrections + nC)
            slots.removeAll(keepingCapacity: true)
            for (p, t) in plan.heartbeats.inWindow(a, b) { slots.append(Slot(time: t, item: .sitrep(p))) }
            var primaries: [Int] = []
            for _ in 0..<nP {
                let kind = rng.weighted([(Primary.seizure, 0.55), (.incident, 0.25), (.tip, 0.2)])
                primaries.append(slots.count)
                slots.append(Slot(time: plan.sampleTime(a, b, &rng), item: .primary(kind)))
            }
            for _ in 0..<nC {
                if let (ref, t) = pickOriginal(primaries, a, b) { slots.append(Slot(time: t, item: .correction(ref))) }
                else { slots.append(Slot(time: plan.sampleTime(a, b, &rng), item: .primary(.seizure))) }
            }
            for _ in 0..<nF {
                var kind: DemoFault
                if let d = deferred.first, !primaries.isEmpty || nextSerial > 0 { kind = d; deferred.removeFirst() }
                else if faultCursor < faultPlan.count { kind = faultPlan[faultCursor]; faultCursor += 1 }
                else { kind = rng.pick(randomKinds) }
                if kind.needsOriginal {
                    if let (ref, t) = pickOriginal(primaries, a, b) { slots.append(Slot(time: t, item: .derived(kind, ref))); continue }
                    deferred.append(kind)
                    kind = g.format == .csv ? .wrongColumnCount : .malformedJSON
                }
                slots.append(Slot(time: plan.sampleTime(a, b, &rng), item: .fault(kind)))
            }
            serials = Array(repeating: -1, count: slots.count)
            order = slots.indices.sorted { (slots[$0].time, $0) < (slots[$1].time, $1) }
            position = 0
        }

        /// An earlier report to correct, resend or contradict, and a time after it.
        mutating func pickOriginal(_ primaries: [Int], _ a: Int64, _ b: Int64) -> (Ref, Int64)? {
            let oldest = Swift.max(0, nextSerial - 1024)
            if !primaries.isEmpty, nextSerial == 0 || rng.chance(0.7) {
                let j = rng.pick(primaries)
                let t0 = slots[j].time
                if t0 + 1 < b { return (.item(j), t0 + 1 + Int64(rng.unit() * Double(b - t0 - 1))) }
            }
            guard nextSerial > 0 else { return nil }
            return (.ring(rng.int(oldest...(nextSerial - 1))), plan.sampleTime(a, b, &rng))
        }

        // MARK: Emitting

        func isSilenced(_ r: Report) -> Bool {
            r.post == factory.posts[plan.heartbeats.silentPost].code && (r.reportedAt?.seconds ?? 0) >= plan.heartbeats.silentFrom
        }

        mutating func make(_ kind: Primary, at t: Int64) -> Report {
            var r: Report
            var tries = 0
            repeat {
                switch kind {
                case .seizure: r = factory.seizure(sent: t, &rng)
                case .incident: r = factory.incident(sent: t, &rng)
                case .tip: r = factory.tip(sent: t, &rng)
                }
                tries += 1
            } while isSilenced(r) && tries < 8
            r.id = newID(r)
            if r.type == .seizure, r.unit == .g, DemoRandom.hash(g.seed, UInt64(nextSerial), 0x0117) % 250 == 0 { r.unit = .kg }
            Iterator.delay(&r, sent: t, late: late)
            return r
        }

        /// The late post's report is observed 26 h before it is sent (from `late.from` on).
        static func delay(_ r: inout Report, sent: Int64, late: (post: String, from: Int64)?) {
            guard let late, r.post == late.post, sent >= late.from else { return }
            r.observedAt = r.observedAt.adding(seconds: -26 * 3600)
        }

        mutating func newID(_ r: Report) -> String {
            let n = (idSeq[r.post] ?? 0) + 1
            idSeq[r.post] = n
            let digits = String(n)
            let year = r.observedAt.components(offsetSeconds: r.observedAt.offsetSeconds).year
            return "\(r.post)-\(year)-\(String(repeating: "0", count: Swift.max(0, 6 - digits.count)))\(digits)"
        }

        mutating func store(_ r: Report, slot i: Int?) {
            ring[nextSerial % Iterator.ringSize] = Stored(serial: nextSerial, report: r)
            if let i { serials[i] = nextSerial }
            nextSerial += 1
        }

        func resolve(_ ref: Ref) -> Stored? {
            let serial: Int
            switch ref {
            case .item(let j): serial = serials[j]
            case .ring(let s): serial = s
            }
            guard serial >= 0, let s = ring[serial % Iterator.ringSize], s.serial == serial else { return nil }
            return s
        }

        func encode(_ r: Report) -> [UInt8] {
            Array((g.format == .jsonl ? FeedEncoder.jsonLine(r) : FeedEncoder.csvRow(r)).utf8)
        }

        mutating func emit(_ i: Int) -> DemoRecord {
            let slot = slots[i]
            switch slot.item {
            case .sitrep(let p):
                var r = factory.sitrep(post: p, sent: slot.time, &rng)
                r.id = newID(r)
                Iterator.delay(&r, sent: slot.time, late: late)
                return DemoRecord(kind: .report, bytes: encode(r))
            case .primary(let kind):
                let r = make(kind, at: slot.time)
                store(r, slot: i)
                return DemoRecord(kind: .report, bytes: encode(r))
            case .correction(let ref):
                guard let s = resolve(ref), !s.report.retracted, !isSilenced(s.report) else {
                    let r = make(.seizure, at: slot.time)
                    store(r, slot: i)
                    return DemoRecord(kind: .report, bytes: encode(r))
                }
                let c = Revisions.correction(of: s.report, at: slot.time, &rng)
                ring[s.serial % Iterator.ringSize]?.report = c
                return DemoRecord(kind: .correction, bytes: encode(c))
            case .fault(let kind):
                return faultRecord(kind, at: slot.time, slot: i)
            case .derived(let kind, let ref):
                guard let s = resolve(ref) else {
                    return faultRecord(g.format == .csv ? .wrongColumnCount : .malformedJSON, at: slot.time, slot: i)
                }
                let r = kind == .conflict ? Revisions.conflict(with: s.report, at: slot.time, &rng)
                    : Revisions.resend(s.report, at: slot.time)
                return DemoRecord(kind: .fault(kind), bytes: encode(r))
            }
        }

        mutating func faultRecord(_ kind: DemoFault, at t: Int64, slot: Int? = nil) -> DemoRecord {
            let type: Primary = kind.needsSeizure ? .seizure : rng.weighted([(.seizure, 0.6), (.incident, 0.25), (.tip, 0.15)])
            let base = make(type, at: t)
            if kind == .hostileText {
                let r = FaultWriter.hostile(base, &rng)
                store(r, slot: slot)
                return DemoRecord(kind: .fault(kind), bytes: encode(r))
            }
            return DemoRecord(kind: .fault(kind), bytes: FaultWriter.bytes(kind, base: base, format: g.format, &rng))
        }
    }
}
