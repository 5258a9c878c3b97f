import SitcenLocalSource
import SitcenConsoleData
import ArgumentParser
import Foundation
import SitcenConsole
import SitcenDomain
import SitcenRemote
import SitcenStore
import TermUI

/// `sitcen console`: the duty console on a store.
struct ConsoleCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the duty console on the store (live: what any process commits appears at once).",
        discussion: "Press ? in the console for every key. Docs/keys.md has the same list.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var registryOptions: RegistryOptions
    @OptionGroup var time: TimeOptions
    @Option(help: "duty (sees everything), blo (their sector only) or supervisor (triage).") var role: Operator.Role = .duty
    @Option(help: "The BLO officer's sector (required with --role blo).") var sector: String?
    @Option(name: .customLong("operator"), help: "Your name: shown in the status bar and recorded with every action.")
    var operatorName: String = ProcessInfo.processInfo.environment["USER"] ?? "duty"
    @Option(help: "Theme: dark, light, high-contrast, monochrome.") var theme: String?
    @Flag(help: "Draw the map with ASCII characters (the default in a terminal without UTF-8).") var ascii = false
    @Option(help: "Interface language: en or ru (default from LANG).") var lang: String?
    @Option(help: ArgumentHelp("A post with no report for this long is silent.", valueName: "DURATION")) var silentAfter = "6h"
    @Option(help: ArgumentHelp("Alert rules to run in this console (default: $XDG_CONFIG_HOME/sitcen/rules if it exists; `sitcen serve` may run them instead).", valueName: "DIR"))
    var rules: String?
    @Flag(help: "Print the key reference (Markdown) and exit.") var printKeys = false
    @OptionGroup var remote: RemoteOptions

    func validate() throws {
        if role == .blo && sector == nil { throw ValidationError("--role blo needs --sector CODE: a BLO officer watches one sector") }
        if DurationText.seconds(silentAfter) == nil { throw ValidationError("--silent-after takes a duration such as 6h") }
        if let lang, Strings.Language(rawValue: lang) == nil { throw ValidationError("--lang takes en or ru") }
        try remote.validate()
    }

    func run() throws {
        let strings = Strings.detect(lang)
        if printKeys {
            print(ConsoleKeys.table(strings).markdown(title: "Console keys"))
            return
        }
        if remote.server != nil { return try runRemote(strings: strings) }
        let registry = try registryOptions.load()
        if let sector, registry.sector(sector) == nil {
            throw CLIError("no sector \(sector) in the registry; sectors: \(registry.sectors.map(\.code).joined(separator: ", "))")
        }
        let db = try store.open()
        let alerts = try LocalAlerts(store: db, registry: registry, rulesFolder: LocalAlerts.rulesFolder(explicit: rules))
        let source = LocalStoreSource(store: db, registry: registry, alerts: alerts.store)
        alerts.start()
        defer { alerts.stop() }
        let op = Operator(name: operatorName, role: role, sector: role == .blo ? sector : nil)
        let options = ConsoleRunner.Options(op: op, strings: strings, themeName: theme, offset: try time.offset(),
                                            silentAfter: DurationText.seconds(silentAfter) ?? 21_600)
        try run(source: source, options: options)
    }

    private func run(source: any ConsoleSource, options base: ConsoleRunner.Options) throws {
        var options = base
        options.geoDirectory = SampleDataLocator.file("geo/central-asia-countries-50m.geojson").map { ($0 as NSString).deletingLastPathComponent }
        options.ascii = ascii || !LocaleCheck.isUTF8
        let reason: ExitReason
        do { reason = try ConsoleRunner.run(source: source, options: options) } catch {
            throw CLIError("cannot open the console: \(error)")
        }
        if case .signal(let sig) = reason { Terminal.reraise(sig) }
    }

    /// The console on a centre's API: who the operator is, and what they may see, is the
    /// centre's to say (from the token), whatever --role and --sector say here.
    private func runRemote(strings: Strings) throws {
        let source = try remote.open()
        source.start()
        defer { source.close() }
        let options = ConsoleRunner.Options(op: source.op, strings: strings, themeName: theme, offset: try time.offset(),
                                            silentAfter: DurationText.seconds(silentAfter) ?? 21_600)
        try run(source: source, options: options)
    }
}

extension Operator.Role: ExpressibleByArgument {}
