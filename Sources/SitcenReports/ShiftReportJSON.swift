import SitcenAlerts
import SitcenDomain
import SitcenFeed
import SitcenStore
import SitcenText

extension ShiftReport {
    /// The same report as one JSON object, for scripts.
    public var json: JSONValue {
        func cat(_ c: CategoryTotal) -> JSONValue { .object([("category", .string(c.category)), ("seizures", .int(Int64(c.seizures))), ("kg", .double(c.kilograms))]) }
        func post(_ p: PostTotal) -> JSONValue { .object([("post", .string(p.post)), ("reports", .int(Int64(p.reports))), ("seizures", .int(Int64(p.seizures))), ("kg", .double(p.kilograms))]) }
        return .object([
            ("from", .string(from.rfc3339(offsetSeconds: offset))), ("to", .string(to.rfc3339(offsetSeconds: offset))),
            ("sector", sector.map { .string($0) } ?? .null),
            ("categories", .array(categories.map { c, p in .object([("now", cat(c)), ("previous", p.map(cat) ?? .null)]) })),
            ("posts", .array(posts.map { c, p in .object([("now", post(c)), ("previous", p.map(post) ?? .null)]) })),
            ("largest_seizures", .array(largest.map(ReportJSON.object))),
            ("first_sightings", .array(firstSightings.map { .object([("substance", .string($0.substance)), ("known", .bool($0.known)), ("first_at", .string($0.observed.rfc3339())), ("post", .string($0.post)), ("seq", .int($0.firstSeq))]) })),
            ("incidents", .array(incidents.map(ReportJSON.object))),
            ("silent_posts", .array(silentPosts.map { .object([("post", .string($0.post.code)), ("last_contact", $0.lastContact.map { .string($0.rfc3339()) } ?? .null)]) })),
            ("alerts_opened", .array(alertsOpened.map(AlertJSON.summary))),
            ("alerts_acknowledged", .array(alertsAcknowledged.map(AlertJSON.summary))),
            ("alerts_resolved", .array(alertsResolved.map(AlertJSON.summary))),
            ("open_alerts", .array(openAlerts.map(AlertJSON.summary))),
            ("quarantine_pending", .int(Int64(quarantinePending))),
            ("silences", .array(silences.map { rec in
                .object([("id", .string(rec.silence.id)), ("matchers", .array(rec.silence.matchers.map { .string($0.description) })),
                         ("starts_at", .string(rec.silence.startsAt.rfc3339())), ("ends_at", .string(rec.silence.endsAt.rfc3339())),
                         ("author", .string(rec.silence.author)), ("comment", .string(rec.silence.comment)),
                         ("expired_by", rec.expiredBy.map { .string($0) } ?? .null)])
            })),
            ("notes", .array(notes.map { a, n in
                .object([("alert", .int(a.id)), ("rule", .string(a.rule)), ("at", .string(n.at.rfc3339())),
                         ("author", .string(n.author)), ("text", .string(n.text))])
            })),
            ("data_quality", .object([
                ("days", .int(Int64(ShiftReport.qualityDays))),
                ("posts", .array(qualityConcerns.map { p in
                    .object([("post", .string(p.post.code)), ("expected", .int(Int64(p.expected))), ("reported", .int(Int64(p.reported))),
                             ("on_time", .int(Int64(p.onTime))), ("late_in_a_row", .int(Int64(p.longestLateRun?.periods ?? 0)))])
                })),
            ])),
        ])
    }
}
