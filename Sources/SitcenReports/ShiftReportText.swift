import Foundation
import SitcenAlerts
import SitcenDomain
import SitcenStore
import SitcenText

/// The shift report as Markdown (plain tables that paste into an e-mail) or as plain text.
extension ShiftReport {
    public enum Format: String, Sendable, CaseIterable { case md, txt, json }

    func time(_ t: Timestamp) -> String {
        let c = t.components(offsetSeconds: offset)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day, c.hour, c.minute)
    }

    var zone: String {
        offset == 0 ? "UTC" : String(format: "UTC%@%d", offset < 0 ? "-" : "+", abs(offset) / 3600)
    }

    static func kg(_ v: Double) -> String {
        if v >= 100 { return String(format: "%.0f kg", v) }
        return String(format: "%.1f kg", v)
    }

    static func delta(_ now: Int, _ before: Int?) -> String {
        let b = before ?? 0
        let d = now - b
        return d == 0 ? "=" : (d > 0 ? "+\(d)" : "\(d)")
    }

    /// A Markdown table (markdown: true) or an aligned text table.
    static func table(_ headers: [String], _ rows: [[String]], right: Set<Int>, markdown: Bool) -> String {
        TableText.render(headers, rows, right: right, format: markdown ? .md : .txt)
    }

    /// The report as text; Markdown when `markdown`. Feed text is made safe for a terminal.
    public func render(markdown: Bool) -> String {
        func h(_ s: String) -> String { markdown ? "\n## \(s)\n\n" : "\n\(s.uppercased())\n\(String(repeating: "─", count: s.count))\n" }
        var out = markdown ? "# SITREP \(sector.map { "— sector \($0) " } ?? "")— \(time(from)) to \(time(to)) (\(zone))\n"
                           : "SITREP \(sector.map { "— sector \($0) " } ?? "")— \(time(from)) to \(time(to)) (\(zone))\n"
        let seizures = categories.reduce(0) { $0 + $1.0.seizures }
        let kgTotal = categories.reduce(0.0) { $0 + $1.0.kilograms }
        let prevSeizures = categories.reduce(0) { $0 + ($1.previous?.seizures ?? 0) }
        out += "\n\(seizures) seizures (\(ShiftReport.delta(seizures, prevSeizures)) on the previous period), \(ShiftReport.kg(kgTotal)) in all; "
        out += "\(incidents.count) incidents; \(silentPosts.count) silent posts"
        out += followsAlerts ? "; \(alertsOpened.count) alerts opened, \(openAlerts.count) open.\n" : ".\n"

        out += h("Seizures by category")
        out += categories.isEmpty ? "None.\n" : ShiftReport.table(["category", "seizures", "Δ", "kg-eq.", "previous"],
            categories.map { c, p in [c.category, String(c.seizures), ShiftReport.delta(c.seizures, p?.seizures), ShiftReport.kg(c.kilograms), p.map { ShiftReport.kg($0.kilograms) } ?? "—"] },
            right: [1, 2, 3, 4], markdown: markdown)

        out += h("By post")
        out += posts.isEmpty ? "None.\n" : ShiftReport.table(["post", "reports", "Δ", "seizures", "kg-eq."],
            posts.prefix(15).map { p, prev in [p.post, String(p.reports), ShiftReport.delta(p.reports, prev?.reports), String(p.seizures), ShiftReport.kg(p.kilograms)] },
            right: [1, 2, 3, 4], markdown: markdown)

        out += h("Largest seizures")
        out += largest.isEmpty ? "None.\n" : ShiftReport.table(["observed", "post", "substance", "quantity", "kg-eq.", "place"],
            largest.map { l in [time(l.report.observedAt), l.report.post, TextSafety.terminal(l.report.substance ?? ""),
                                "\(JSONText.number(l.report.quantity ?? 0)) \(l.report.unit?.rawValue ?? "")", ShiftReport.kg(l.quantityKg ?? 0),
                                TextSafety.terminal(l.report.place ?? "")] },
            right: [3, 4], markdown: markdown)

        out += h("First sightings")
        out += firstSightings.isEmpty ? "None.\n" : ShiftReport.table(["substance", "on the list", "first at", "post"],
            firstSightings.map { [TextSafety.terminal($0.substance), $0.known ? "yes" : "NO (new name)", time($0.observed), $0.post] },
            right: [], markdown: markdown)

        out += h("Incidents")
        out += incidents.isEmpty ? "None.\n" : ShiftReport.table(["observed", "post", "severity", "summary"],
            incidents.map { l in [time(l.report.observedAt), l.report.post, l.report.severity?.rawValue ?? "",
                                  TextSafety.terminal(l.report.summary ?? "").truncated(toWidth: 70)] },
            right: [], markdown: markdown)

        out += h("Silent posts")
        out += silentPosts.isEmpty ? "None.\n" : ShiftReport.table(["post", "name", "sector", "last contact"],
            silentPosts.map { [$0.post.code, $0.post.nameEn, $0.post.sector, $0.lastContact.map(time) ?? "never"] },
            right: [], markdown: markdown)

        out += h("Data quality (\(ShiftReport.qualityDays) days)")
        out += qualityConcerns.isEmpty ? "None.\n" : ShiftReport.table(["post", "complete", "reported", "timely", "late in a row"],
            qualityConcerns.map { p in [p.post.code, QualityTables.percent(p.completeness), "\(p.reported)/\(p.expected)",
                                        QualityTables.percent(p.timeliness), p.longestLateRun.flatMap { $0.periods >= ShiftReport.lateStreak ? "\($0.periods) (\(time($0.from)) – \(time($0.to)))" : nil } ?? "—"] },
            right: [1, 2, 3], markdown: markdown)

        if followsAlerts {
            out += h("Alerts this shift")
            let rows = alertsOpened.map { ("opened", $0) } + alertsAcknowledged.map { ("acknowledged", $0) } + alertsResolved.map { ("resolved", $0) }
            out += rows.isEmpty ? "None.\n" : ShiftReport.table(["what", "id", "severity", "rule", "assignee", "reason"],
                rows.map { what, a in [what, String(a.id), a.severity.rawValue, a.rule, a.assignee ?? "", a.resolveReason ?? ""] },
                right: [1], markdown: markdown)
        }

        out += triageSections(markdown: markdown, heading: h)

        out += h("Open items to hand over")
        var items: [String] = []
        for a in openAlerts.prefix(30) {
            items.append("alert \(a.id) \(a.severity.rawValue) \(a.rule), \(a.state.rawValue)\(a.assignee.map { ", with \($0)" } ?? ", unassigned"): \(TextSafety.terminal(a.redacted ? "" : a.description))")
        }
        if openAlerts.count > 30 { items.append("… and \(openAlerts.count - 30) more open alerts") }
        if quarantinePending > 0 { items.append("\(quarantinePending) records waiting in quarantine (sitcen quarantine list)") }
        for s in silentPosts.prefix(10) { items.append("post \(s.post.code) silent since \(s.lastContact.map(time) ?? "ever"): call it") }
        out += items.isEmpty ? "None.\n" : items.map { "- " + $0 }.joined(separator: "\n") + "\n"
        return out
    }
}
