import ArgumentParser
import Foundation
import SitcenAlerts
import SitcenDomain
import SitcenRules
import SitcenText

/// `sitcen silence add|list|expire`.
struct SilenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "silence",
        abstract: "Hide matching alerts for a while (they are still recorded, do not ring, do not escalate).",
        subcommands: [Add.self, List.self, Expire.self], defaultSubcommand: List.self)

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a silence (duty, supervisor).",
            discussion: "Matchers: label=value, label=~regex (the whole value), label!=value, label!~regex; all must match. Labels: rule, severity, the rule's group fields (post, sector…) and its labels.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var registryOptions: RegistryOptions
        @OptionGroup var officer: OfficerOptions
        @Option(help: "How long: 90m, 2h, 1d…") var duration: String
        @Option(help: "Why (goes into the audit trail).") var comment: String
        @Option(help: ArgumentHelp("When it starts (RFC 3339; default now).", valueName: "TIME")) var start: String?
        @Argument(help: "Matchers, e.g. post=KZ-KHR rule=~busy-.*") var matchers: [String]

        func run() throws {
            var parsed: [SilenceMatcher] = []
            for m in matchers {
                guard let x = SilenceMatcher.parse(m) else { throw CLIError("`\(m)` is not a matcher: write label=value, label=~regex, label!=value or label!~regex") }
                parsed.append(x)
            }
            guard let seconds = DurationText.seconds(duration), seconds > 0 else { throw CLIError("--duration takes a duration such as 90m, 2h or 1d") }
            var startsAt: Timestamp?
            if let start { guard let t = Timestamp.parse(start) else { throw CLIError("--start takes an RFC 3339 time") }; startsAt = t }
            let svc = AlertService(try AlertsCommand.open(store, registryOptions))
            let rec: SilenceRecord
            do { rec = try svc.silence(parsed, duration: seconds, comment: comment, startsAt: startsAt, by: try officer.officer()) } catch { throw CLIError("\(error)") }
            Out.line("silence \(rec.silence.id) until \(rec.silence.endsAt.rfc3339()): \(parsed.map(\.description).joined(separator: " "))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Silences in force or to come (--all: ended ones too).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var registryOptions: RegistryOptions
        @OptionGroup var time: TimeOptions
        @Flag(help: "Include the ones that ended.") var all = false
        @Flag(help: "One JSON object a line.") var json = false

        func run() throws {
            let alerts = try AlertsCommand.open(store, registryOptions)
            let offset = try time.offset()
            let now = alerts.clock()
            let list = try AlertService(alerts).silences(includeExpired: all)
            if json {
                for r in list {
                    let s = r.silence
                    var m: [(String, JSONValue)] = [("id", .string(s.id)), ("matchers", .array(s.matchers.map { .string($0.description) })),
                                                    ("starts_at", .string(s.startsAt.rfc3339())), ("ends_at", .string(s.endsAt.rfc3339())),
                                                    ("author", .string(s.author)), ("comment", .string(s.comment)), ("state", .string(r.state(at: now).rawValue))]
                    if let by = r.expiredBy { m.append(("expired_by", .string(by))) }
                    Out.json(.object(m))
                }
                return
            }
            var t = TextTable(headers: ["ID", "STATE", "FROM (\(TimeDisplay.offsetLabel(offset)))", "UNTIL", "AUTHOR", "MATCHERS", "COMMENT"], maxWidths: [6: 60])
            for r in list {
                let s = r.silence
                t.add([s.id, r.state(at: now).rawValue, TimeDisplay.short(s.startsAt, offset: offset), TimeDisplay.short(s.endsAt, offset: offset),
                       s.author, s.matchers.map(\.description).joined(separator: " "), s.comment])
            }
            print(t.render())
            Out.line("\(list.count) silence\(list.count == 1 ? "" : "s")")
        }
    }

    struct Expire: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End a silence now (supervisor; a duty officer their own).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var registryOptions: RegistryOptions
        @OptionGroup var officer: OfficerOptions
        @Argument(help: "The silence's ID.") var id: String

        func run() throws {
            let svc = AlertService(try AlertsCommand.open(store, registryOptions))
            do { try svc.expireSilence(id, by: try officer.officer()) } catch { throw CLIError("\(error)") }
            Out.line("silence \(id) ended")
        }
    }
}
