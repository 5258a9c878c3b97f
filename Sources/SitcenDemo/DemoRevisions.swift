import SitcenDomain

/// Later records about an earlier report: corrections, resends and conflicting resends.
enum Revisions {
    private static func sent(_ o: Report, _ t: Int64) -> Timestamp {
        Timestamp(seconds: t, offsetSeconds: o.reportedAt?.offsetSeconds ?? o.observedAt.offsetSeconds)
    }

    private static func russian(_ o: Report) -> Bool {
        (o.summary ?? o.place ?? "").unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
    }

    /// The next revision of `o`: a corrected quantity, another person detained, a changed
    /// assessment, or the report withdrawn.
    static func correction(of o: Report, at t: Int64, _ r: inout DemoRandom) -> Report {
        var c = o
        c.revision = o.revision + 1
        c.reportedAt = sent(o, t)
        let ru = russian(o)
        let what = r.weighted([(0, o.quantity == nil ? 0 : 0.55), (1, 0.25), (2, 0.15), (3, 0.05)])
        switch what {
        case 0:
            let q = o.quantity! * r.uniform(0.8, 1.2)
            c.quantity = max(o.unit == .tablets ? 1 : 0.001, o.unit == .tablets ? q.rounded() : rounded(q, 3))
            c.summary = (o.summary.map { $0 + " " } ?? "") + (ru ? "Уточнение: масса нетто после взвешивания." : "Correction: net weight after weighing.")
        case 1:
            c.arrested = (o.arrested ?? 0) + 1
            c.summary = (o.summary.map { $0 + " " } ?? "") + (ru ? "Уточнение: задержан ещё один участник." : "Update: one more person detained.")
        case 2:
            c.retracted = true
            c.summary = ru ? "Донесение отозвано: экспертиза не подтвердила наличие наркотического вещества."
                : "Report withdrawn: the laboratory test was negative."
        default:
            c.severity = (o.severity ?? .low).escalated
            c.summary = (o.summary.map { $0 + " " } ?? "") + (ru ? "Оценка повышена." : "Assessment raised.")
        }
        return c
    }

    /// The same report sent again later: identical but for `reported_at`.
    static func resend(_ o: Report, at t: Int64) -> Report {
        var c = o
        c.reportedAt = sent(o, t)
        return c
    }

    /// The same `(post, id, revision)` with different content: a post that edited a report
    /// without raising its revision.
    static func conflict(with o: Report, at t: Int64, _ r: inout DemoRandom) -> Report {
        var c = resend(o, at: t)
        if let q = o.quantity, r.chance(0.6) {
            c.quantity = o.unit == .tablets ? q + 10 : rounded(q * 1.5, 3)
        } else {
            c.summary = (o.summary ?? "") + (russian(o) ? " (исправлена опечатка)" : " (typo fixed)")
        }
        return c
    }
}
