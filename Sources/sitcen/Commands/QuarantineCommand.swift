import ArgumentParser
import Foundation
import SitcenAlerts
import SitcenDomain
import SitcenFeed
import SitcenIngest
import SitcenStore
import SitcenText

/// `sitcen quarantine list|show|retry|discard`.
struct QuarantineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine",
        abstract: "Records that could not be accepted, with the reason and the evidence.",
        subcommands: [List.self, Show.self, Retry.self, Discard.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List pending entries, oldest first.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Flag(help: "Also list retried and discarded entries.") var all = false
        @Flag(help: "One JSON object a line.") var json = false

        func run() throws {
            let db = try store.openExisting()
            let offset = try time.offset()
            let entries = try db.quarantineEntries(includeResolved: all)
            if json { entries.forEach { Out.json(QuarantineCommand.json($0, withRaw: false)) }; return }
            var t = TextTable(headers: ["ID", "WHEN (\(TimeDisplay.offsetLabel(offset)))", "KIND", "STATE", "SOURCE", "REASON"],
                              rightAligned: [0], maxWidths: [4: 28])
            for e in entries {
                t.add([String(e.qid), TimeDisplay.short(e.at, offset: offset), e.kind.rawValue, e.state,
                       (e.source as NSString).lastPathComponent, e.reason])
            }
            print(t.render())
            Out.line("\(entries.count) \(all ? "" : "pending ")entr\(entries.count == 1 ? "y" : "ies")")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one entry: reason, source, and the raw record (made safe).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var time: TimeOptions
        @Flag(help: "As one JSON object; the raw bytes as text with \\u escapes, or base64 when not UTF-8.") var json = false
        @Argument(help: "The entry's ID.") var id: Int64

        func run() throws {
            let db = try store.openExisting()
            let offset = try time.offset()
            guard let e = try db.quarantineEntry(id) else { throw CLIError("no quarantine entry \(id)") }
            if json { Out.json(QuarantineCommand.json(e, withRaw: true)); return }
            Out.line("entry \(e.qid): \(e.kind.rawValue), \(e.state)")
            Out.line("reason:   \(e.reason)")
            Out.line("source:   \(e.source) (\(e.sourceKind)), \(e.firstLine == e.lastLine ? "line \(e.firstLine)" : "lines \(e.firstLine)–\(e.lastLine)")")
            Out.line("received: \(TimeDisplay.short(e.at, offset: offset)) \(TimeDisplay.offsetLabel(offset))")
            if let p = e.post { Out.line("report:   \(p)/\(e.reportID ?? "?")") }
            if let by = e.resolvedBy { Out.line("resolved: \(e.state) by \(by): \(e.resolution ?? "")") }
            Out.line("raw (\(e.rawSize) bytes\(e.isComplete ? "" : ", first \(e.raw.count) kept")):")
            Out.line("  " + QuarantineCommand.rawText(e.raw))
            if let existing = e.existingContent {
                Out.line("stored (seq \(e.existingSeq ?? 0)):")
                Out.line("  " + existing)
            }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decode entries again after the registry or the software was fixed.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var registryOptions: RegistryOptions
        @Option(help: "Who retries (goes into the entry's record).") var `operator`: String = ProcessInfo.processInfo.environment["USER"] ?? "operator"
        @Flag(help: "Retry every pending entry.") var all = false
        @Argument(help: "The entry's ID.") var id: Int64?

        func validate() throws {
            if all == (id != nil) { throw ValidationError("give one entry ID, or --all") }
        }

        func run() throws {
            let db = try store.openExisting()
            let retry = QuarantineRetry(store: db, registry: try registryOptions.load())
            let entries: [QuarantineEntry]
            if let id {
                guard let e = try db.quarantineEntry(id) else { throw CLIError("no quarantine entry \(id)") }
                entries = [e]
            } else {
                entries = try db.quarantineEntries()
            }
            var stored = 0, still = 0, skipped = 0
            for e in entries {
                switch try retry.retry(e, operatorName: `operator`) {
                case .stored(let outcome): stored += 1; if id != nil { Out.line("entry \(e.qid): \(outcome.status)") }
                case .stillInvalid(let reason): still += 1; if id != nil { Out.line("entry \(e.qid) is still invalid: \(reason)") }
                case .notRetryable(let reason): skipped += 1; if id != nil { Out.line("entry \(e.qid) cannot be retried: \(reason)") }
                }
            }
            Out.line("retried \(entries.count): stored \(stored), still invalid \(still), not retryable \(skipped)")
        }
    }

    struct Discard: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Discard an entry, with a reason that is recorded (and in the audit trail).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var registryOptions: RegistryOptions
        @Option(help: "Why it is discarded (recorded with the entry).") var reason: String
        @Option(help: "Who discards it.") var `operator`: String = ProcessInfo.processInfo.environment["USER"] ?? "operator"
        @Argument(help: "The entry's ID.") var id: Int64

        func validate() throws {
            if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--reason must say why") }
        }

        func run() throws {
            let db = try store.openExisting()
            do { try db.resolveQuarantine(id, state: "discarded", by: `operator`, resolution: reason) } catch {
                throw CLIError("\(error)")
            }
            // The discard goes into the hash-chained audit trail too.
            let alerts = try LocalAlerts(store: db, registry: try registryOptions.load(), rulesFolder: nil)
            _ = try alerts.store.auditQuarantineDiscard(entry: id, by: Operator(name: `operator`, role: .duty), reason: reason)
            Out.line("entry \(id) discarded by \(`operator`): \(reason)")
        }
    }

    /// Raw bytes as text for a terminal: UTF-8 made safe, invalid bytes as \xNN.
    static func rawText(_ raw: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < raw.count {
            let rest = Array(raw[i...])
            let valid = rest.withUnsafeBufferPointer { UTF8Check.validPrefix($0) }
            if valid > 0 {
                out += TextSafety.terminal(String(decoding: rest[0..<valid], as: UTF8.self))
                i += valid
            } else {
                out += "\\x" + String(format: "%02X", raw[i])
                i += 1
            }
        }
        return out
    }

    static func json(_ e: QuarantineEntry, withRaw: Bool) -> JSONValue {
        var m: [(String, JSONValue)] = [
            ("id", .int(e.qid)), ("at", .string(e.at.rfc3339())), ("kind", .string(e.kind.rawValue)),
            ("state", .string(e.state)), ("source", .string(e.source)), ("first_line", .int(Int64(e.firstLine))),
            ("last_line", .int(Int64(e.lastLine))), ("reason", .string(e.reason)), ("raw_size", .int(Int64(e.rawSize))),
        ]
        if let p = e.post { m.append(("post", .string(p))) }
        if let r = e.reportID { m.append(("report_id", .string(r))) }
        if let s = e.existingSeq { m.append(("existing_seq", .int(s))) }
        if let by = e.resolvedBy { m.append(("resolved_by", .string(by))); m.append(("resolution", .string(e.resolution ?? ""))) }
        if withRaw {
            if let text = String(validating: e.raw, as: UTF8.self) { m.append(("raw", .string(text))) }
            else { m.append(("raw_base64", .string(Data(e.raw).base64EncodedString()))) }
            if let c = e.existingContent { m.append(("existing_content", .string(c))) }
        }
        return .object(m)
    }
}
