import ArgumentParser

struct ReportsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reports")
    func run() throws { throw ValidationError("not built yet") }
}
