import ArgumentParser

/// `sitcen backup --to FILE`: a consistent copy of the live store.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the live store to a new file (SQLite's online backup; safe while others write).")

    @OptionGroup var store: StoreOptions
    @Option(name: .customLong("to"), help: ArgumentHelp("The new file.", valueName: "FILE"))
    var destination: String

    func run() throws {
        let db = try store.openExisting()
        do { try db.backup(to: destination) } catch { throw CLIError("backup failed: \(error)") }
        let c = try db.counts()
        Out.line("backed up \(c.rows) report rows and \(c.quarantinePending) pending quarantine entries to \(destination)")
    }
}
