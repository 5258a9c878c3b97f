import ArgumentParser
import Foundation
import SitcenDomain
import SitcenReports
import SitcenStore

/// `--db PATH`, shared by every command that opens the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store (SQLite). Default: $XDG_DATA_HOME/sitcen/sitcen.sqlite.", valueName: "PATH"))
    var db: String?

    var path: String { db ?? SQLiteStore.defaultPath() }

    func open(durability: Durability = .normal) throws -> SQLiteStore {
        do { return try SQLiteStore(path: path, durability: durability) } catch {
            throw CLIError("\(error)")
        }
    }

    /// Opens an existing store for reading; says so plainly when there is none yet.
    func openExisting() throws -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError("no store at \(path) yet; ingest a feed first (sitcen ingest FILE), or pass --db PATH")
        }
        return try open()
    }
}

/// `--registry FILE`, the posts registry.
struct RegistryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The posts registry (CSV). Default: $XDG_CONFIG_HOME/sitcen/posts.csv, else the bundled sample.", valueName: "FILE"))
    var registry: String?

    func load() throws -> Registry {
        do { return try RegistryLoader.load(explicit: registry) } catch {
            throw CLIError("\(error)")
        }
    }
}

/// Centre time zone for display: `--tz +05:00`, `UTC`, an IANA name, or `$SITCEN_TZ`.
struct TimeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Time zone for times shown: +05:00, UTC or an IANA name such as Asia/Almaty. Default: $SITCEN_TZ, else +05:00.", valueName: "ZONE"))
    var tz: String?

    func offset() throws -> Int32 {
        let text = tz ?? ProcessInfo.processInfo.environment["SITCEN_TZ"] ?? "+05:00"
        guard let off = TimeDisplay.offset(parsing: text) else {
            throw CLIError("unknown time zone \"\(text)\"; use +05:00, UTC or a name such as Asia/Almaty")
        }
        return off
    }
}

/// `--json`, or a table: `--format txt|csv|md` in `--lang en|ru` (quality, forecast).
struct TableOutputOptions: ParsableArguments {
    @Flag(help: "One JSON object a line.") var json = false
    @Option(help: "txt, csv or md.") var format: TableFormat = .txt
    @Option(help: "Language of the table: en or ru.") var lang: ReportLanguage = .en

    func validate() throws {
        if json && format != .txt { throw ValidationError("--json and --format are alternatives; give one") }
    }
}

/// An error for people: printed as it is, and the command exits 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}
