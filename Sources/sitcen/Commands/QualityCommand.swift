import ArgumentParser
import Foundation
import SitcenDomain
import SitcenQuality
import SitcenReports
import SitcenStore
import SitcenText

/// `sitcen quality`: which posts report fully and on time (Docs/quality.md).
struct QualityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "Which posts report fully and on time: completeness, timeliness, delays, missing fields, outliers.",
        discussion: """
        Each post must report once every `report_every` (a registry column; default 24h), in \
        periods cut at midnight in the centre's zone (--tz). A period is reported when any report \
        of the post was observed in it (a sitrep with nothing to report counts), and on time when \
        the first of them was sent (its reported_at, else its receipt) at most `report_grace` \
        (default 2h) after the period's end. Only whole periods between --since and --until count; \
        `expected_from` and `expected_until` in the registry narrow a post's time.

        completeness = reported ÷ expected; timeliness = on time ÷ expected. Also per post: the \
        reporting delay (observed to sent, p50 and p90), the share of seizures without position, \
        origin, destination or transport, seizures whose kilogram-equivalent is an outlier for \
        their substance (modified z-score over 3.5), the last contact, and since when the post \
        has been silent (nothing for longer than one period and its grace). Worst first.

        --json writes one JSON object a line, per post. --format csv or md writes the board \
        (posts, sectors, outliers) as a table, in English or Russian (--lang).
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var registryOptions: RegistryOptions
    @OptionGroup var time: TimeOptions
    @Option(help: ArgumentHelp("The window's start: a duration back from --until (28d, 12h) or an RFC 3339 time.", valueName: "DURATION|TIME"))
    var since = "28d"
    @Option(help: ArgumentHelp("The window's end, RFC 3339 (default: now).", valueName: "TIME"))
    var until: String?
    @Option(help: "Only this sector's posts (a BLO officer's board).") var sector: String?
    @OptionGroup var output: TableOutputOptions

    func validate() throws {
        if DurationText.seconds(since) == nil && Timestamp.parse(since) == nil {
            throw ValidationError("--since takes a duration such as 28d or an RFC 3339 time such as 2026-11-01T00:00:00+05:00")
        }
        if let until, Timestamp.parse(until) == nil {
            throw ValidationError("--until takes an RFC 3339 time with an offset, such as 2026-11-20T00:00:00+05:00")
        }
    }

    func run() throws {
        let db = try store.openExisting()
        let registry = try registryOptions.load()
        if let sector, registry.sector(sector) == nil { throw CLIError("no sector \(TextSafety.terminal(sector)) in the registry") }
        let offset = try time.offset()
        let to = until.flatMap(Timestamp.parse) ?? .now()
        let from = Timestamp.parse(since) ?? to.adding(seconds: -(DurationText.seconds(since) ?? 28 * 86_400))
        guard from < to else { throw CLIError("--since must be before --until") }
        guard to.millis - from.millis <= QualityCommand.longestWindow * 1000 else {
            throw CLIError("the window is longer than ten years; give a shorter --since")
        }
        let board = try QualityBoard.build(queries: db, registry: registry,
                                           window: QualityWindow(from: from, to: to, offset: offset), sector: sector)
        if output.json {
            for row in board.posts { Out.json(QualityCommand.json(row, offset: offset)) }
        } else {
            print(QualityTables.board(board, format: output.format, language: output.lang), terminator: "")
        }
    }

    /// Ten years: every period of an hourly post over that long is still a reasonable table.
    static let longestWindow: Int64 = 3_660 * 86_400

    static func json(_ p: PostQuality, offset: Int32) -> JSONValue {
        func ratio(_ v: Double?) -> JSONValue { v.map { .double(($0 * 10_000).rounded() / 10_000) } ?? .null }
        func seconds(_ v: Int64?) -> JSONValue { v.map { .int($0) } ?? .null }
        func time(_ t: Timestamp?) -> JSONValue { t.map { .string($0.rfc3339(offsetSeconds: offset)) } ?? .null }
        let m = p.missing
        return .object([
            ("post", .string(p.post.code)),
            ("expected", .int(Int64(p.expected))),
            ("reported", .int(Int64(p.reported))),
            ("on_time", .int(Int64(p.onTime))),
            ("completeness", ratio(p.completeness)),
            ("timeliness", ratio(p.timeliness)),
            ("delay_p50_s", seconds(p.delayP50)),
            ("delay_p90_s", seconds(p.delayP90)),
            ("missing_fields", .object([
                ("lat_lon", ratio(m.share(m.position))), ("origin", ratio(m.share(m.origin))),
                ("destination", ratio(m.share(m.destination))), ("transport", ratio(m.share(m.transport))),
            ])),
            ("outliers", .int(Int64(p.outliers.count))),
            ("last_contact", time(p.lastContact)),
            ("silent_since", time(p.silentSince)),
        ])
    }
}

extension TableFormat: ExpressibleByArgument {}
extension ReportLanguage: ExpressibleByArgument {}
extension SeriesDimension: ExpressibleByArgument {}
extension SeriesMetric: ExpressibleByArgument {}
