import ArgumentParser
import Foundation
import SitcenAlerts
import SitcenDryRun
import SitcenDomain
import SitcenFeed
import SitcenRules
import SitcenText

/// `sitcen rules check|test|reload`.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check alert rule files, try them on a feed, install them.",
        subcommands: [Check.self, Test.self, Reload.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every rule file of a folder; list each problem as file:line:column: key: message.")
        @Argument(help: "The rules folder.") var dir: String

        func run() throws {
            do {
                let rules = try RuleLoader.load(folder: dir)
                Out.line("OK: \(rules.count) rule\(rules.count == 1 ? "" : "s") in \(dir)")
            } catch {
                for e in error.errors { Out.line(e.description) }
                throw CLIError("\(error.errors.count) problem\(error.errors.count == 1 ? "" : "s") in \(dir); none of the rules is used until they are fixed")
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Dry run: the alerts the rules would raise over a feed file, in order.",
            discussion: """
            The feed is decoded as ingest decodes it; records ingest would quarantine, and repeats of \
            a (post, id, revision) already seen, are skipped. Time is the reports' own: the engine's \
            "now" ends at the last report, or at --until if later. The same inputs give the same lines.
            """)
        @OptionGroup var registryOptions: RegistryOptions
        @Option(help: "The rules folder.") var rules: String
        @Option(help: "The feed file (.jsonl or .csv).") var events: String
        @Option(help: ArgumentHelp("Move the engine's \"now\" on to this time at the end (RFC 3339).", valueName: "TIME")) var until: String?
        @Option(help: "The format when the file name does not say (jsonl or csv).") var format: FeedFormat?
        @Flag(help: "Every engine event, not only the alerts.") var allEvents = false
        @Flag(help: "One JSON object a line.") var json = false

        func validate() throws {
            if let until, Timestamp.parse(until) == nil { throw ValidationError("--until takes an RFC 3339 time, such as 2026-11-20T00:00:00Z") }
        }

        func run() throws {
            let registry = try registryOptions.load()
            let ruleList: [Rule]
            do { ruleList = try RuleLoader.load(folder: rules) } catch {
                for e in error.errors { Out.note(e.description) }
                throw CLIError("the rules in \(rules) have \(error.errors.count) problem(s); `sitcen rules check \(rules)` lists them")
            }
            let input: DryRun.Input
            do { input = try DryRun.reports(path: events, format: format, registry: registry) } catch { throw CLIError("\(error)") }
            let evs = RuleEngine.dryRun(ruleList, reports: input.reports, registry: registry, until: until.flatMap(Timestamp.parse))
            if allEvents {
                for e in evs { json ? Out.json(eventJSON(e)) : Out.line(e.description) }
            } else {
                for f in DryRun.fired(evs) {
                    if json { Out.json(DryRun.json(f)); continue }
                    let a = f.alert
                    var line = "\(f.at.rfc3339()) \(a.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(a.fingerprint) x\(a.count)"
                    if let r = a.reports.first { line += " first=\(r.post)/\(r.id)" }
                    if a.escalated { line += " escalated" }
                    if f.resolved { line += " resolved" }
                    Out.line(line + "  " + a.description)
                }
            }
            if !json {
                let opened = evs.filter { $0.kind == .opened }.count
                Out.note("\(input.reports.count) reports (\(input.skipped) records skipped), \(ruleList.count) rules: \(opened) alert\(opened == 1 ? "" : "s"), \(evs.count) events")
            }
        }

        func eventJSON(_ e: AlertEvent) -> JSONValue {
            var m: [(String, JSONValue)] = [("at", .string(e.at.rfc3339())), ("kind", .string(e.kind.rawValue)), ("alert", .int(e.alertID)),
                                            ("rule", .string(e.rule)), ("fingerprint", .string(e.fingerprint)),
                                            ("severity", .string(e.severity.rawValue)), ("count", .int(Int64(e.count)))]
            if let r = e.report { m.append(("report", .object([("post", .string(r.post)), ("id", .string(r.id))]))) }
            return .object(m)
        }
    }

    struct Reload: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install a rules folder into the store's engine (supervisor); unchanged rules keep their windows.",
            discussion: "A running engine (sitcen serve) picks the new rules up at once. `kill -HUP` reloads its own folder instead.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var registryOptions: RegistryOptions
        @OptionGroup var officer: OfficerOptions
        @Option(help: "The rules folder.") var rules: String

        func run() throws {
            let alerts = try AlertsCommand.open(store, registryOptions)
            let runner = EngineRunner(alerts: alerts, rulesFolder: rules)
            do {
                let s = try runner.reload(by: try officer.officer())
                Out.line("rules installed from \(rules): \(s)")
            } catch let e as RuleLoadError {
                for x in e.errors { Out.line(x.description) }
                throw CLIError("nothing changed: the rules in \(rules) have \(e.errors.count) problem(s)")
            } catch { throw CLIError("\(error)") }
        }
    }
}
