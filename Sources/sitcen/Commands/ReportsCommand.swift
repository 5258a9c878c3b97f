import ArgumentParser
import Foundation
import SitcenDomain
import SitcenFeed
import SitcenStore
import SitcenText

/// `sitcen reports list|show`.
struct ReportsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports", abstract: "List and show stored reports.",
        subcommands: [List.self, Show.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List reports, newest arrival first.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Option(help: ArgumentHelp("Only reports observed within this long before now (24h, 7d, 90m).", valueName: "DURATION"))
        var since: String?
        @Option(help: "Only this post's reports.") var post: String?
        @Option(help: "Only this sector's reports.") var sector: String?
        @Option(help: "At most this many (0 lists all).") var limit = 50
        @Flag(help: "Also list revisions that a correction replaced.") var allRevisions = false
        @Flag(help: "One JSON object a line, with the report's fields by their feed names.") var json = false

        func validate() throws {
            if let since, DurationText.seconds(since) == nil {
                throw ValidationError("--since takes a duration such as 90m, 24h or 7d")
            }
            guard limit >= 0 else { throw ValidationError("--limit must be 0 (all) or more") }
        }

        func run() throws {
            let db = try store.openExisting()
            let offset = try time.offset()
            var q = ReportQuery(post: post, sector: sector, includeSuperseded: allRevisions, limit: limit)
            if let since, let s = DurationText.seconds(since) { q.observedSince = Timestamp.now().adding(seconds: -s) }
            if json {
                // JSON listings stream oldest first through the whole range when --limit 0.
                if limit == 0 {
                    try db.forEachReport(q) { Out.json(ReportJSON.object($0)) }
                } else {
                    for r in try db.reports(q) { Out.json(ReportJSON.object(r)) }
                }
                return
            }
            let rows = try db.reports(q)
            var t = TextTable(headers: ["SEQ", "OBSERVED (\(TimeDisplay.offsetLabel(offset)))", "POST", "TYPE", "SUBSTANCE", "QTY", "PLACE", "SUMMARY"],
                              rightAligned: [0, 5], maxWidths: [4: 22, 6: 24])
            for r in rows { t.add(ReportsCommand.row(r, offset: offset)) }
            print(t.render())
            Out.line("\(rows.count) report(s)" + (rows.count == limit && limit > 0 ? " (the newest \(limit); --limit 0 lists all)" : ""))
        }
    }

    static func row(_ l: LoggedReport, offset: Int32) -> [String] {
        let r = l.report
        var marks = ""
        if l.report.substance != nil && !l.substanceKnown { marks += "?" }
        if r.revision > 0 { marks += "✎" }
        if r.retracted { marks += "✗" }
        if l.isLate() { marks += "⏱" }
        let qty = r.quantity.map { q in "\(JSONText.number(q)) \(r.unit?.rawValue ?? "")" } ?? ""
        return [String(l.seq), TimeDisplay.short(r.observedAt, offset: offset), r.post,
                r.type.rawValue + marks, r.substance ?? "", qty, r.place ?? "",
                (r.summary ?? "").replacingOccurrences(of: "\n", with: " ")]
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one report with every field and its history: POST/ID or a sequence number.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Flag(help: "JSON Lines: every revision, oldest first.") var json = false
        @Argument(help: "POST/ID (e.g. KZ-KHR/KZ-KHR-2026-000123) or a sequence number.") var report: String

        func run() throws {
            let db = try store.openExisting()
            let offset = try time.offset()
            var history: [LoggedReport]
            if let seq = Int64(report) {
                guard let r = try db.report(seq: seq) else { throw CLIError("no report with seq \(seq)") }
                history = try db.history(post: r.report.post, id: r.report.id)
            } else {
                let parts = report.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw CLIError("give POST/ID, e.g. KZ-KHR/KZ-KHR-2026-000123, or a sequence number") }
                history = try db.history(post: parts[0], id: parts[1])
                if history.isEmpty { throw CLIError("no report \(report)") }
            }
            if json { history.forEach { Out.json(ReportJSON.object($0)) }; return }
            for (i, l) in history.enumerated().reversed() {
                let label = i == history.count - 1 ? "current" : "replaced"
                Out.line("── revision \(l.report.revision) (\(label)), seq \(l.seq), received \(TimeDisplay.short(l.receivedAt, offset: offset)) from \(l.source)")
                for (k, v) in ReportJSON.feedFields(l.report) {
                    Out.line("  \(k.padded(toWidth: 14)) \(ReportsCommand.plain(v))")
                }
                if let c = l.substanceCanonical {
                    Out.line("  \("substance is".padded(toWidth: 14)) \(c) (\(l.category?.rawValue ?? "unknown")\(l.substanceKnown ? "" : ", not on the substance list"))")
                }
                if let kg = l.quantityKg { Out.line("  \("kg-equivalent".padded(toWidth: 14)) \(JSONText.number((kg * 1000).rounded() / 1000))") }
                Out.line("  \("post".padded(toWidth: 14)) \(l.report.post), \(l.country), sector \(l.sector)")
            }
        }
    }

    static func plain(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): return s
        case .array(let items): return items.map(plain).joined(separator: ", ")
        default: return v.serialized()
        }
    }
}
