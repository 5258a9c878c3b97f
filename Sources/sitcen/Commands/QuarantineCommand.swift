import ArgumentParser

struct QuarantineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "quarantine")
    func run() throws { throw ValidationError("not built yet") }
}
