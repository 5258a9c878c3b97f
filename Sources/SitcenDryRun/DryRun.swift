import Foundation
import SitcenDomain
import SitcenFeed
import SitcenIngest
import SitcenRules
import SitcenStore
import SitcenText

/// `sitcen rules test`: rules over a feed file, without a store. The file is decoded the way
/// ingest decodes it (the same `RecordPreparer`, the registry's derived fields); a record that
/// ingest would count as a duplicate or a conflict (a `(post, id, revision)` seen before) is
/// skipped, invalid records are skipped; the rest become reports with seq = their order.
/// Their receipt time is taken as their observation time (a file has no receipt time).
public enum DryRun {
    public struct Input: Sendable {
        public var reports: [LoggedReport]
        public var skipped: Int
    }

    /// The reports of a feed file (`.jsonl` or `.csv`, or `format`).
    public static func reports(path: String, format: FeedFormat? = nil, registry: Registry) throws -> Input {
        guard let fmt = format ?? FeedFormat.from(path: path) else {
            throw DryRunError("\(path): unknown format; name the file .jsonl or .csv, or pass --format jsonl|csv")
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw DryRunError("cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var preparer = RecordPreparer(format: fmt, registry: registry, sourceName: (path as NSString).lastPathComponent)
        var out: [LoggedReport] = []
        var seen = Set<String>()
        var skipped = 0
        try RecordReader(fd: fd, format: fmt).forEach { raw in
            guard let item = preparer.item(for: raw) else { return }
            guard case .report(let incoming) = item else { skipped += 1; return }
            var r = incoming.logged
            let key = "\(r.report.post)\u{1F}\(r.report.id)\u{1F}\(r.report.revision)"
            guard seen.insert(key).inserted else { skipped += 1; return }
            r.seq = Int64(out.count + 1)
            r.receivedAt = r.report.observedAt
            r.source = "\(r.source):\(incoming.firstLine)"
            out.append(r)
        }
        return Input(reports: out, skipped: skipped)
    }

    /// An alert a dry run opened, as it stood at the end of the run.
    public struct Fired: Sendable, Hashable {
        public var alert: Alert
        /// When it opened.
        public var at: Timestamp
        public var resolved: Bool
    }

    /// The alerts the events opened, in the order they opened, each as it ended up.
    public static func fired(_ events: [AlertEvent]) -> [Fired] {
        var out: [Fired] = []
        var index: [Int64: Int] = [:]
        for e in events {
            switch e.kind {
            case .opened:
                guard let a = e.alert else { continue }
                index[e.alertID] = out.count
                out.append(Fired(alert: a, at: e.at, resolved: false))
            case .updated:
                guard let i = index[e.alertID] else { continue }
                out[i].alert.count = e.count
                if e.at > out[i].alert.lastAt { out[i].alert.lastAt = e.at }
                if let r = e.report, out[i].alert.reports.count < Alert.maxReports { out[i].alert.reports.append(r) }
            default:
                guard let i = index[e.alertID], let a = e.alert else { continue }
                out[i].alert = a
                if e.kind == .resolved { out[i].resolved = true }
            }
        }
        return out
    }

    /// One line of `--json`: rule, fingerprint, severity, count, first_report {post, id}, at…
    public static func json(_ f: Fired) -> JSONValue {
        let a = f.alert
        var m: [(String, JSONValue)] = [
            ("at", .string(f.at.rfc3339())), ("rule", .string(a.rule)), ("fingerprint", .string(a.fingerprint)),
            ("severity", .string(a.severity.rawValue)), ("count", .int(Int64(a.count))),
        ]
        if let r = a.reports.first { m.append(("first_report", .object([("post", .string(r.post)), ("id", .string(r.id))]))) }
        else { m.append(("first_report", .null)) }
        m.append(("escalated", .bool(a.escalated)))
        m.append(("resolved", .bool(f.resolved)))
        m.append(("description", .string(a.description)))
        m.append(("labels", .object(a.labels.map { ($0.name, .string($0.value)) })))
        return .object(m)
    }
}

/// A feed file a dry run cannot read.
public struct DryRunError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}
