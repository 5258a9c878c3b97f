import ArgumentParser
import Foundation
import TermUI
import TermUIGallery
import SitcenConsole

/// `sitcen ui-gallery`: every widget of the terminal engine on one screen.
struct UIGalleryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui-gallery",
        abstract: "Show every widget of the terminal engine (for people and for tests).",
        discussion: """
        Keys: q quits, Ctrl-C asks first, ? shows every key, Tab moves the focus, j/k move, \
        + inserts rows above the selection, / searches, : runs a command (:theme NAME).
        Themes come from $SITCEN_THEMES, Themes/ next to the binary, the source checkout, or \
        ~/.config/sitcen/themes; NO_COLOR=1 draws without colours.
        """)

    @Option(name: .long, help: "Theme: dark, light, high-contrast, monochrome, or a path to a .yaml file.")
    var theme: String?

    @Flag(name: .long, help: "List the themes found and exit.")
    var listThemes = false

    @Option(name: .long, help: "Smallest usable terminal size, as WxH (default 80x24).")
    var minimumSize: String = "80x24"

    func run() throws {
        let loader = ThemeLoader()
        if listThemes {
            for name in loader.available() { print(name + (loader.file(for: name).map { "  " + $0 } ?? "  (built in)")) }
            return
        }
        let chosen: Theme
        if let theme, theme.contains("/") || theme.hasSuffix(".yaml") {
            do { chosen = try ThemeLoader.load(path: theme) } catch { throw ValidationError("\(error)") }
        } else {
            let (t, warning) = loader.load(theme)
            if let warning { FileHandle.standardError.write(Data(("sitcen: " + warning + "\n").utf8)) }
            chosen = t
        }
        let parts = minimumSize.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2 else { throw ValidationError("--minimum-size is WxH, e.g. 80x24") }
        let options = ProgramOptions(minimumSize: Size(width: parts[0], height: parts[1]), theme: chosen, noColor: loader.noColor)
        let app = GalleryApp(themes: { name in ThemeLoader().load(name) })
        let program = Program(app, state: GalleryApp.initialState(theme: loader.noColor ? chosen.monochrome : chosen), options: options)
        let reason = try program.run()
        if case .signal(let sig) = reason { Terminal.reraise(sig) }
    }
}
