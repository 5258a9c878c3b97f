import ArgumentParser
import Foundation
import SitcenAlerts
import SitcenDomain
import SitcenText

/// `sitcen audit verify|head|list`.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The audit trail: every operator action, chained by SHA-256.",
        discussion: """
        Each entry's hash is SHA-256 of the previous entry's hash and the entry itself, so changing or \
        removing an entry breaks the chain there (`verify` names it). Rewriting the whole chain from \
        some entry on would verify again: write the head hash (`head`) into the paper shift log at each \
        handover, and compare it with the paper at the next one.
        """,
        subcommands: [Verify.self, Head.self, List.self], defaultSubcommand: List.self)

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check the chain; name the first entry that does not match.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var registryOptions: RegistryOptions

        func run() throws {
            let alerts = try AlertsCommand.open(store, registryOptions)
            switch try alerts.verifyAudit() {
            case .ok(let count, let head):
                Out.line("OK: \(count) entr\(count == 1 ? "y" : "ies")" + (head.map { ", head \($0)" } ?? ""))
            case .broken(let entry, let reason):
                throw CLIError("audit entry \(entry) does not match: \(reason)")
            }
        }
    }

    struct Head: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The newest entry's hash, for the paper shift log.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var registryOptions: RegistryOptions

        func run() throws {
            let alerts = try AlertsCommand.open(store, registryOptions)
            guard let e = try alerts.auditHead() else { Out.line("the audit trail is empty (head \(Audit.genesis))"); return }
            Out.line("\(e.hash)  entry \(e.id) \(e.at.rfc3339())")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Entries, oldest first.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var registryOptions: RegistryOptions
        @OptionGroup var time: TimeOptions
        @Option(help: "Only the newest N (0: all).") var last = 0
        @Flag(help: "One JSON object a line.") var json = false

        func run() throws {
            let alerts = try AlertsCommand.open(store, registryOptions)
            let offset = try time.offset()
            var entries = try alerts.auditEntries()
            if last > 0 { entries = Array(entries.suffix(last)) }
            if json {
                for e in entries {
                    Out.json(.object([("id", .int(e.id)), ("at", .string(e.at.rfc3339())), ("operator", .string(e.operatorName)),
                                      ("role", .string(e.role)), ("action", .string(e.action)), ("target", .string(e.target)),
                                      ("details", .string(e.details)), ("prev_hash", .string(e.prevHash)), ("hash", .string(e.hash))]))
                }
                return
            }
            var t = TextTable(headers: ["ID", "WHEN (\(TimeDisplay.offsetLabel(offset)))", "OPERATOR", "ACTION", "TARGET", "DETAILS"],
                              rightAligned: [0], maxWidths: [5: 80])
            for e in entries {
                t.add([String(e.id), TimeDisplay.short(e.at, offset: offset), "\(e.operatorName) (\(e.role))", e.action, e.target, e.details])
            }
            print(t.render())
            Out.line("\(entries.count) entr\(entries.count == 1 ? "y" : "ies")")
        }
    }
}
