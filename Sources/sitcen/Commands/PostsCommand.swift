import ArgumentParser

struct PostsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "posts")
    func run() throws { throw ValidationError("not built yet") }
}
