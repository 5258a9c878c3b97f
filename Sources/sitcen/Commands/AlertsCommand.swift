import ArgumentParser
import Foundation
import SitcenAlerts
import SitcenDomain
import SitcenRules
import SitcenStore
import SitcenText

/// Who acts: `--operator NAME --role duty|supervisor|blo [--sector S]`.
struct OfficerOptions: ParsableArguments {
    @Option(name: .customLong("operator"), help: "Who acts (recorded in the history and the audit trail). Default: $USER.")
    var name: String?
    @Option(help: "duty, supervisor or blo.") var role: Operator.Role = .duty
    @Option(help: "A blo officer's sector (blo only).") var sector: String?

    func officer() throws -> Operator {
        if role == .blo && (sector ?? "").isEmpty { throw CLIError("a blo officer needs --sector") }
        if role != .blo && sector != nil { throw CLIError("only a blo officer has a sector (--role blo --sector S)") }
        let n = name ?? ProcessInfo.processInfo.environment["USER"] ?? "operator"
        return Operator(name: n, role: role, sector: sector)
    }
}

/// `sitcen alerts run|list|show|ack|take|assign|note|resolve`.
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Run the rule engine over the store; list alerts and act on them.",
        subcommands: [Run.self, List.self, Show.self, Ack.self, Take.self, Assign.self, Note.self, Resolve.self],
        defaultSubcommand: List.self)

    static func open(_ store: StoreOptions, _ registry: RegistryOptions) throws -> AlertStore {
        let db = try store.openExisting()
        do { return try AlertStore(store: db, registry: try registry.load()) } catch let e as CLIError { throw e } catch {
            throw CLIError("\(error)")
        }
    }

    /// The rules folder: --rules, else $XDG_CONFIG_HOME/sitcen/rules, else the shipped rules.
    static func rulesFolder(_ explicit: String?) throws -> String {
        if let explicit { return explicit }
        let env = ProcessInfo.processInfo.environment
        let config = env["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? (env["HOME"] ?? NSHomeDirectory()) + "/.config"
        if FileManager.default.fileExists(atPath: config + "/sitcen/rules") { return config + "/sitcen/rules" }
        guard let shipped = SampleDataLocator.file("rules") else { throw CLIError("no rules folder: pass --rules DIR") }
        return shipped
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the engine over the store once: catch up with the end of the log, print what opened.",
            discussion: """
            The engine commits its checkpoint with the alerts it produced, page by page: interrupted at \
            any moment (even kill -9), the next run goes on from the last commit, and no alert is lost \
            or doubled. Once caught up, the engine's "now" moves to the wall clock (or --until).
            """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var registryOptions: RegistryOptions
        @Option(help: "The rules folder. Default: $XDG_CONFIG_HOME/sitcen/rules, else the shipped rules.") var rules: String?
        @Option(help: ArgumentHelp("Move the engine's \"now\" to this time when caught up, instead of the wall clock.", valueName: "TIME")) var until: String?
        @Flag(help: "Do not move the engine's \"now\" at all (a pure replay of the log).") var noClock = false
        @Option(help: "Notification receivers and routes (YAML); queued notifications are sent once.") var receivers: String?
        @Option(help: "Reports read at a time.") var page = 5000
        @Option(help: "Commit after at most this many reports (default: adaptive, about every 0.25 s of work).") var batch: Int?
        @Flag(help: "One JSON object a line for each alert opened.") var json = false

        func validate() throws {
            if let until, Timestamp.parse(until) == nil { throw ValidationError("--until takes an RFC 3339 time") }
            guard page > 0 else { throw ValidationError("--page must be at least 1") }
        }

        func run() throws {
            let alerts = try AlertsCommand.open(store, registryOptions)
            var config: NotifyConfig?
            if let receivers {
                do { config = try NotifyConfig.load(path: receivers) } catch { throw CLIError("\(error)") }
                alerts.routes = NotifyRoutes(config!)
            }
            var options = EngineRunner.Options()
            options.pageSize = page
            if let batch { options.maxBatch = max(1, batch) }
            options.followWallClock = !noClock
            let runner = EngineRunner(alerts: alerts, rulesFolder: try AlertsCommand.rulesFolder(rules), options: options)
            let summary: EngineRunner.Summary
            do {
                summary = try runner.runOnce(until: until.flatMap(Timestamp.parse))
            } catch let e as RuleLoadError {
                for x in e.errors { Out.note(x.description) }
                throw CLIError("the rules have \(e.errors.count) problem(s); nothing was run")
            } catch { throw CLIError("\(error)") }
            runner.releaseLease()
            for e in summary.opened {
                if json, let a = e.alert { Out.json(AlertJSON.notification(a, kind: .opened, at: e.at)) }
                else if !json { Out.line(e.description) }
            }
            if let config {
                let sent = try Notifier(alerts: alerts, config: config).deliverDue()
                if !json { Out.note("notifications: \(sent) attempt\(sent == 1 ? "" : "s")") }
            }
            if !json {
                let open = try AlertService(alerts).list(for: .system, state: .open, includeSilenced: true, limit: 0).count
                Out.note("\(summary.reports) reports up to seq \(summary.lastSeq) in \(summary.commits) commit\(summary.commits == 1 ? "" : "s"): \(summary.opened.count) opened, \(summary.events.count + summary.updates) events; \(open) open alert\(open == 1 ? "" : "s")")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Alerts, what needs attention first: unacknowledged, then the most severe, then the most recent activity.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var registryOptions: RegistryOptions
        @OptionGroup var officer: OfficerOptions
        @OptionGroup var time: TimeOptions
        @Option(help: "open (firing and acknowledged), firing, acknowledged, resolved or all.") var state: String = "open"
        @Flag(help: "Include silenced alerts.") var silenced = false
        @Option(help: "At most this many (0: all).") var limit = 200
        @Flag(help: "One JSON object a line.") var json = false

        func run() throws {
            guard let filter = AlertStateFilter(rawValue: state) else { throw CLIError("--state is open, firing, acknowledged, resolved or all") }
            let alerts = try AlertsCommand.open(store, registryOptions)
            let offset = try time.offset()
            let list = try AlertService(alerts).list(for: try officer.officer(), state: filter, includeSilenced: silenced, limit: limit)
            if json { list.forEach { Out.json(AlertJSON.summary($0)) }; return }
            var t = TextTable(headers: ["ID", "SEV", "STATE", "OPENED (\(TimeDisplay.offsetLabel(offset)))", "COUNT", "ASSIGNEE", "ALERT"],
                              rightAligned: [0, 4], maxWidths: [6: 90])
            for a in list {
                let sev = a.severity.rawValue + (a.escalated ? "↑" : "")
                let st = a.state.rawValue + (a.isSilenced ? " (silenced)" : "")
                t.add([String(a.id), sev, st, TimeDisplay.short(a.firstAt, offset: offset), String(a.count), a.assignee ?? "-", a.description])
            }
            print(t.render())
            Out.line("\(list.count) alert\(list.count == 1 ? "" : "s")")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One alert: its reports, history, notes and rule.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var registryOptions: RegistryOptions
        @OptionGroup var officer: OfficerOptions
        @OptionGroup var time: TimeOptions
        @Flag(help: "As one JSON object.") var json = false
        @Argument(help: "The alert's ID.") var id: Int64

        func run() throws {
            let alerts = try AlertsCommand.open(store, registryOptions)
            let offset = try time.offset()
            let d: AlertDetail
            do { d = try AlertService(alerts).show(id, for: try officer.officer()) } catch { throw CLIError("\(error)") }
            if json {
                var m: [(String, JSONValue)] = [("alert", AlertJSON.summary(d.alert))]
                m.append(("reports", .array(d.reports.map { .object([("seq", .int($0.seq)), ("post", .string($0.report.post)), ("id", .string($0.report.id)),
                                                                      ("observed_at", .string($0.report.observedAt.rfc3339()))]) })))
                m.append(("history", .array(d.history.map { h in
                    .object([("at", .string(h.at.rfc3339())), ("kind", .string(h.kind)), ("actor", h.actor.map { .string($0) } ?? .null),
                             ("severity", .string(h.severity.rawValue)), ("count", .int(Int64(h.count))), ("details", h.details.map { .string($0) } ?? .null)])
                })))
                m.append(("notes", .array(d.notes.map { .object([("at", .string($0.at.rfc3339())), ("author", .string($0.author)), ("text", .string($0.text))]) })))
                m.append(("rule_source", d.rule.map { .string($0.source) } ?? .null))
                Out.json(.object(m)); return
            }
            let a = d.alert
            func when(_ t: Timestamp) -> String { TimeDisplay.short(t, offset: offset) }
            Out.line("alert \(a.id): \(a.fingerprint)")
            Out.line("  \(a.description)")
            Out.line("  \(a.severity.rawValue)\(a.escalated ? " (escalated from \(a.ruleSeverity.rawValue))" : ""), \(a.state.rawValue)\(a.silencedBy.map { ", silenced by \($0)" } ?? ""), \(a.count) report\(a.count == 1 ? "" : "s"), \(when(a.firstAt)) – \(when(a.lastAt))")
            if let by = a.acknowledgedBy { Out.line("  acknowledged by \(by)\(a.acknowledgedAt.map { " at \(when($0))" } ?? "")") }
            if let who = a.assignee { Out.line("  assigned to \(who)") }
            if let r = a.resolvedAt { Out.line("  resolved \(when(r))\(a.resolvedBy.map { " by \($0)" } ?? " (by itself)")\(a.resolveReason.map { ": \($0)" } ?? "")") }
            Out.line("  labels: " + a.labels.map { "\($0.name)=\($0.value)" }.joined(separator: " "))
            if let rule = d.rule { Out.line("  rule: \(rule.name) (\(rule.typeName)) from \(rule.source)") }
            Out.line("reports (\(d.reportCount)\(d.reports.count < d.reportCount ? ", first \(d.reports.count) shown" : "")):")
            for r in d.reports {
                Out.line("  #\(r.seq) \(when(r.report.observedAt)) \(r.report.post)/\(r.report.id) \(r.report.type.rawValue) \(r.substanceCanonical ?? "") \(r.report.summary ?? "")")
            }
            Out.line("history:")
            for h in d.history where h.kind != "updated" || d.history.count <= 30 {
                Out.line("  \(when(h.at)) \(h.kind)\(h.actor.map { " by \($0)" } ?? "") \(h.severity.rawValue) x\(h.count)\(h.details.map { ": \($0)" } ?? "")")
            }
            if !d.notes.isEmpty {
                Out.line("notes:")
                for n in d.notes { Out.line("  \(when(n.at)) \(n.author): \(n.text)") }
            }
        }
    }

    struct Ack: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Acknowledge an alert (it stops escalating).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var registryOptions: RegistryOptions
        @OptionGroup var officer: OfficerOptions
        @Argument(help: "The alert's ID.") var id: Int64

        func run() throws {
            let svc = AlertService(try AlertsCommand.open(store, registryOptions))
            let who = try officer.officer()
            do { try svc.acknowledge(id, by: who) } catch { throw CLIError("\(error)") }
            Out.line("alert \(id) acknowledged by \(who.name)")
        }
    }

    struct Take: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Assign an alert to yourself.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var registryOptions: RegistryOptions
        @OptionGroup var officer: OfficerOptions
        @Argument(help: "The alert's ID.") var id: Int64

        func run() throws {
            let svc = AlertService(try AlertsCommand.open(store, registryOptions))
            let who = try officer.officer()
            do { try svc.take(id, by: who) } catch { throw CLIError("\(error)") }
            Out.line("alert \(id) assigned to \(who.name)")
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Assign an alert to an officer (duty, supervisor).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var registryOptions: RegistryOptions
        @OptionGroup var officer: OfficerOptions
        @Option(help: "The officer who takes it.") var to: String
        @Argument(help: "The alert's ID.") var id: Int64

        func run() throws {
            let svc = AlertService(try AlertsCommand.open(store, registryOptions))
            do { try svc.assign(id, to: to, by: try officer.officer()) } catch { throw CLIError("\(error)") }
            Out.line("alert \(id) assigned to \(to)")
        }
    }

    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a note to an alert.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var registryOptions: RegistryOptions
        @OptionGroup var officer: OfficerOptions
        @Argument(help: "The alert's ID.") var id: Int64
        @Argument(help: "The note.") var text: String

        func run() throws {
            let svc = AlertService(try AlertsCommand.open(store, registryOptions))
            do { try svc.note(id, text: text, by: try officer.officer()) } catch { throw CLIError("\(error)") }
            Out.line("note added to alert \(id)")
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close an alert with a reason (duty, supervisor).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var registryOptions: RegistryOptions
        @OptionGroup var officer: OfficerOptions
        @Option(help: "true-positive, false-positive, duplicate, expected or other.") var reason: String
        @Option(help: "A note to go with it.") var note: String?
        @Argument(help: "The alert's ID.") var id: Int64

        func run() throws {
            guard let r = ResolveReason(rawValue: reason) else {
                throw CLIError("--reason is one of " + ResolveReason.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let svc = AlertService(try AlertsCommand.open(store, registryOptions))
            do { try svc.resolve(id, reason: r, note: note, by: try officer.officer()) } catch { throw CLIError("\(error)") }
            Out.line("alert \(id) resolved: \(r.rawValue)")
        }
    }
}
