import SitcenDomain

/// A live feed for `sitcen demo`: one new report at a time, stamped "now", in the same mix as
/// the history (sitreps, seizures, incidents, tips), from every post but the silent one, with
/// now and then a burst, as when a busy crossing clears a queue.
public struct DemoLiveFeed: Sendable {
    private var rng: DemoRandom
    private let factory: ReportFactory
    private let silent: Set<String>
    private var counter = 0
    private let prefix: String
    private var burstLeft = 0
    /// When the demo's headline arrives: a large heroin seizure at an Afghan-border post, so a
    /// new critical alert takes the banner (and rings) a minute into the demo.
    private var headlineAt: Int64?

    /// `silentPosts`: posts that send nothing (the demo's post that went silent).
    public init(registry: Registry, seed: UInt64, silentPosts: Set<String>, now: Timestamp) {
        var rng = DemoRandom(seed: seed ^ 0x5EED_11FE)
        factory = ReportFactory(registry: registry, rng: &rng, surgeStart: now.seconds - 86_400)
        self.rng = rng
        silent = silentPosts
        prefix = "L\(now.seconds % 1_000_000)"
        headlineAt = now.seconds + 45
    }

    /// The headline: 412 kg of heroin in a truck at a Tajik post on the Afghan border.
    private mutating func headline(now: Timestamp) -> Report? {
        let front = factory.posts.filter { $0.neighbour == "AF" && !silent.contains($0.code) }
        guard let post = front.first(where: { $0.country == "TJ" }) ?? front.first else { return nil }
        var r = factory.seizure(sent: now.seconds, &rng)
        r.post = post.code
        r.substance = "героин"
        r.quantity = 412
        r.unit = .kg
        r.lat = nil; r.lon = nil
        r.place = post.nameRu
        r.transport = .road
        r.conveyance = "грузовик"
        r.concealment = "в двойном дне кузова"
        r.summary = "При досмотре грузовика в двойном дне кузова обнаружено 412 кг героина. Задержан водитель."
        return r
    }

    /// The next report, sent at `now`, and how long to wait before the one after (seconds).
    public mutating func next(now: Timestamp) -> (report: Report, wait: Double) {
        if let at = headlineAt, now.seconds >= at, var r = headline(now: now) {
            headlineAt = nil
            counter += 1
            r.id = "\(r.post)-\(prefix)-\(counter)"
            return (r, rng.uniform(0.25, 0.9))
        }
        var report: Report
        repeat {
            let sent = now.seconds
            switch rng.weighted([(0, 0.45), (1, 0.35), (2, 0.12), (3, 0.08)]) {
            case 0: report = factory.sitrep(post: rng.int(0...(factory.posts.count - 1)), sent: sent, &rng)
            case 1: report = factory.seizure(sent: sent, &rng)
            case 2: report = factory.incident(sent: sent, &rng)
            default: report = factory.tip(sent: sent, &rng)
            }
        } while silent.contains(report.post)
        counter += 1
        report.id = "\(report.post)-\(prefix)-\(counter)"
        // A few a second; one burst in twenty.
        let wait: Double
        if burstLeft > 0 {
            burstLeft -= 1
            wait = rng.uniform(0.03, 0.12)
        } else if rng.chance(0.05) {
            burstLeft = rng.int(8...20)
            wait = 0.05
        } else {
            wait = rng.uniform(0.25, 0.9)
        }
        return (report, wait)
    }
}
