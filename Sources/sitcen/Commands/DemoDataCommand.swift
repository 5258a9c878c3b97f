import ArgumentParser

struct DemoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo-data")
    func run() throws { throw ValidationError("not built yet") }
}
