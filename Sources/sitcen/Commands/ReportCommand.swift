import ArgumentParser
import Foundation
import SitcenAlerts
import SitcenDomain
import SitcenReports
import SitcenStore

/// `sitcen sitrep`: the situation report for a shift handover.
struct SitrepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitrep", abstract: "The shift SITREP: the situation report for a handover, from the store.",
        discussion: "Totals by category and post against the previous period, the largest seizures, first sightings, incidents, silent posts, the alerts of the shift, its silences and notes, the open items. Markdown tables paste into an e-mail.")
    @OptionGroup var options: Options

    struct Options: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @OptionGroup var registryOptions: RegistryOptions
        @OptionGroup var time: TimeOptions
        @Option(help: ArgumentHelp("The shift's length, ending now (or at --until).", valueName: "DURATION")) var since = "12h"
        @Option(help: ArgumentHelp("The end of the shift, RFC 3339 (default: now).", valueName: "TIME")) var until: String?
        @Option(help: "Only this sector (a BLO officer's report).") var sector: String?
        @Option(help: "md, txt or json.") var format: ShiftReport.Format = .md

        func validate() throws {
            guard let s = DurationText.seconds(since), s > 0 else { throw ValidationError("--since takes a duration such as 12h") }
            if let until, Timestamp.parse(until) == nil { throw ValidationError("--until takes an RFC 3339 time") }
        }

        func run() throws {
            let db = try store.openExisting()
            let registry = try registryOptions.load()
            if let sector, registry.sector(sector) == nil { throw CLIError("no sector \(sector) in the registry") }
            let alerts = try LocalAlerts(store: db, registry: registry, rulesFolder: nil)
            let officer = Operator(name: ProcessInfo.processInfo.environment["USER"] ?? "duty", role: sector == nil ? .duty : .blo, sector: sector)
            let report = try ShiftReport.build(store: db, registry: registry, alerts: alerts.store, officer: officer,
                                               to: until.flatMap(Timestamp.parse) ?? .now(), seconds: DurationText.seconds(since) ?? 43_200,
                                               offset: try time.offset())
            switch format {
            case .json: Out.json(report.json)
            case .md: print(report.render(markdown: true), terminator: "")
            case .txt: print(report.render(markdown: false), terminator: "")
            }
        }
    }

    func run() throws { try options.run() }
}

/// `sitcen report shift`, the SITREP's name before: a hidden alias, kept for a release.
struct ReportAliasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "(old name of sitcen sitrep)", shouldDisplay: false,
        subcommands: [Shift.self], defaultSubcommand: Shift.self)

    struct Shift: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "shift", abstract: "(old name of sitcen sitrep)", shouldDisplay: false)
        @OptionGroup var options: SitrepCommand.Options
        func run() throws { try options.run() }
    }
}

extension ShiftReport.Format: ExpressibleByArgument {}
