import ArgumentParser

/// `sitcen ui-gallery`: every widget of the terminal engine on one screen.
struct UIGalleryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui-gallery",
        abstract: "Show every widget of the terminal engine (for people and for tests).")

    func run() throws {
        throw ValidationError("ui-gallery is not built yet")
    }
}
