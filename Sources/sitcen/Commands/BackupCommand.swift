import ArgumentParser

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup")
    func run() throws { throw ValidationError("not built yet") }
}
