import ArgumentParser
import Foundation
import SitcenDomain
import SitcenStore
import SitcenText

/// `sitcen stats`: totals over a period (by substance category, post and type) beside the
/// previous period of the same length.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Totals by substance category, post and type, against the previous period.",
        discussion: """
        Counts current reports (corrections replace what they correct; withdrawn reports are \
        left out) observed in the last --since, and in the period of the same length before it. \
        Kilograms are kilogram-equivalents (1 l counts as 1 kg; tablets only where the \
        substance list gives a typical mass).
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeOptions
    @Option(help: ArgumentHelp("The period: this long before now (24h, 7d, 30d).", valueName: "DURATION"))
    var since = "30d"
    @Option(help: "Only this sector's reports.") var sector: String?
    @Flag(help: "One JSON object.") var json = false

    func validate() throws {
        guard let s = DurationText.seconds(since), s > 0 else {
            throw ValidationError("--since takes a duration such as 24h, 7d or 30d")
        }
    }

    /// One period's totals.
    struct Period {
        var from: Timestamp
        var to: Timestamp
        var byCategory: [PeriodTotal]
        var byPost: [PeriodTotal]
        var byType: [PeriodTotal]

        var reports: Int { byType.reduce(0) { $0 + $1.reports } }
        var seizures: Int { byType.reduce(0) { $0 + $1.seizures } }
        var kilograms: Double { byType.reduce(0) { $0 + $1.kilograms } }

        init(_ db: SQLiteStore, from: Timestamp, to: Timestamp, sector: String?) throws {
            self.from = from; self.to = to
            byCategory = try db.periodTotals(by: "category", from: from, to: to, sector: sector).filter { $0.seizures > 0 }
            byPost = try db.periodTotals(by: "post", from: from, to: to, sector: sector)
            byType = try db.periodTotals(by: "type", from: from, to: to, sector: sector)
        }
    }

    func run() throws {
        let db = try store.openExisting()
        let offset = try time.offset()
        let seconds = DurationText.seconds(since) ?? 30 * 86_400
        let now = Timestamp.now()
        let start = now.adding(seconds: -seconds)
        let current = try Period(db, from: start, to: now, sector: sector)
        let previous = try Period(db, from: start.adding(seconds: -seconds), to: start, sector: sector)
        if json {
            Out.json(jsonObject(current: current, previous: previous))
        } else {
            printText(current: current, previous: previous, offset: offset)
        }
    }

    // MARK: - JSON

    static func kg(_ v: Double) -> JSONValue { .double((v * 1000).rounded() / 1000) }

    func jsonObject(current: Period, previous: Period) -> JSONValue {
        func period(_ p: Period) -> JSONValue {
            .object([
                ("from", .string(p.from.rfc3339())), ("to", .string(p.to.rfc3339())),
                ("reports", .int(Int64(p.reports))), ("seizures", .int(Int64(p.seizures))),
                ("kilograms", StatsCommand.kg(p.kilograms)),
                ("by_category", .array(p.byCategory.map {
                    .object([("category", .string($0.key)), ("seizures", .int(Int64($0.seizures))),
                             ("kilograms", StatsCommand.kg($0.kilograms))])
                })),
                ("by_post", .array(p.byPost.map {
                    .object([("post", .string($0.key)), ("reports", .int(Int64($0.reports))),
                             ("seizures", .int(Int64($0.seizures))), ("kilograms", StatsCommand.kg($0.kilograms))])
                })),
                ("by_type", .array(p.byType.map {
                    .object([("type", .string($0.key)), ("reports", .int(Int64($0.reports)))])
                })),
            ])
        }
        return .object([
            ("since", .string(since)),
            ("sector", sector.map { .string($0) } ?? .null),
            ("current", period(current)),
            ("previous", period(previous)),
        ])
    }

    // MARK: - Text

    static func kgText(_ v: Double) -> String { String(format: "%.1f kg", v) }

    /// "+25 %", "−10 %", "new", or "" when both are zero.
    static func change(_ now: Double, _ before: Double) -> String {
        if before == 0 { return now == 0 ? "" : "new" }
        let pct = ((now - before) / before * 100).rounded()
        return pct == 0 ? "0 %" : (pct > 0 ? "+" : "−") + String(Int(abs(pct))) + " %"
    }

    func printText(current: Period, previous: Period, offset: Int32) {
        let label = TimeDisplay.offsetLabel(offset)
        Out.line("Last \(since): \(TimeDisplay.short(current.from, offset: offset)) – \(TimeDisplay.short(current.to, offset: offset)) (\(label))"
                 + (sector.map { ", sector \($0)" } ?? "")
                 + "; previous: from \(TimeDisplay.short(previous.from, offset: offset))")
        Out.line("\(current.reports) report(s), \(current.seizures) seizure(s), \(StatsCommand.kgText(current.kilograms)) "
                 + "(previous: \(previous.reports), \(previous.seizures), \(StatsCommand.kgText(previous.kilograms)))")

        func keys(_ a: [PeriodTotal], _ b: [PeriodTotal]) -> [String] {
            Array(Set(a.map(\.key) + b.map(\.key))).sorted()
        }
        func find(_ list: [PeriodTotal], _ key: String) -> PeriodTotal {
            list.first { $0.key == key } ?? PeriodTotal(key: key, reports: 0, seizures: 0, kilograms: 0)
        }

        Out.line("")
        var cat = TextTable(headers: ["CATEGORY", "SEIZURES", "KG-EQUIV", "PREV SEIZ", "PREV KG", "CHANGE KG"],
                            rightAligned: [1, 2, 3, 4, 5])
        for k in keys(current.byCategory, previous.byCategory) {
            let c = find(current.byCategory, k), p = find(previous.byCategory, k)
            cat.add([k.isEmpty ? "(none)" : k, "\(c.seizures)", StatsCommand.kgText(c.kilograms),
                     "\(p.seizures)", StatsCommand.kgText(p.kilograms), StatsCommand.change(c.kilograms, p.kilograms)])
        }
        print(cat.render())

        Out.line("")
        var post = TextTable(headers: ["POST", "REPORTS", "SEIZURES", "PREV REPORTS", "PREV SEIZ", "CHANGE"],
                             rightAligned: [1, 2, 3, 4, 5])
        for k in keys(current.byPost, previous.byPost) {
            let c = find(current.byPost, k), p = find(previous.byPost, k)
            post.add([k, "\(c.reports)", "\(c.seizures)", "\(p.reports)", "\(p.seizures)",
                      StatsCommand.change(Double(c.reports), Double(p.reports))])
        }
        print(post.render())

        Out.line("")
        var type = TextTable(headers: ["TYPE", "REPORTS", "PREV REPORTS", "CHANGE"], rightAligned: [1, 2, 3])
        for k in keys(current.byType, previous.byType) {
            let c = find(current.byType, k), p = find(previous.byType, k)
            type.add([k, "\(c.reports)", "\(p.reports)", StatsCommand.change(Double(c.reports), Double(p.reports))])
        }
        print(type.render())
    }
}
