import Foundation
import Testing
import SitcenConsole
@testable import TermUI

/// sitcen's theme files: found on the search path, loaded, falling back to the built-in theme.
@Suite("Theme files")
struct ThemeFilesTests {
    static let names = ["dark", "light", "high-contrast", "monochrome"]
    let loader = ThemeLoader(environment: ["HOME": "/nonexistent"], executableDirectory: nil)

    @Test(arguments: names)
    func everyThemeFileLoadsAndDefinesTheEngineRoles(_ name: String) throws {
        let path = try #require(loader.file(for: name))
        let theme = try ThemeLoader.load(path: path)
        #expect(theme.name == name)
        for role in StyleRole.engineRoles { #expect(theme.defines(role), "\(name) lacks \(role)") }
        let (loaded, warning) = loader.load(name)
        #expect(warning == nil)
        #expect(loaded.styles == theme.styles)
    }

    @Test func builtInThemeIsDarkYaml() throws {
        let dark = try ThemeLoader.load(path: try #require(loader.file(for: "dark")))
        #expect(dark.styles == Theme.builtIn.styles)
        #expect(dark.description == Theme.builtIn.description)
    }

    @Test func monochromeHasNoColours() throws {
        let mono = loader.load("monochrome").theme
        for (_, s) in mono.styles { #expect(s.fg == .default && s.bg == .default) }
        #expect(mono[.selection].attrs.contains(.reverse))
    }

    @Test func noColorStripsColoursFromAnyTheme() {
        let l = ThemeLoader(environment: ["NO_COLOR": "1", "HOME": "/nonexistent"], executableDirectory: nil)
        #expect(l.noColor)
        let t = l.load().theme
        #expect(t.name == "monochrome")
        let hc = l.load("high-contrast").theme
        for (_, s) in hc.styles { #expect(s.fg == .default && s.bg == .default) }
        #expect(hc[.selection].attrs.contains(.reverse))   // stood out by background: now reversed
        #expect(!ThemeLoader(environment: ["NO_COLOR": ""], executableDirectory: nil).noColor)
    }

    @Test func missingOrBrokenThemesFallBack() throws {
        let (t, warning) = loader.load("no-such-theme")
        #expect(t == Theme.builtIn)
        #expect(warning?.contains("not found") == true)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitcen-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "name: broken\nroles:\n  text: { fg: purple-ish }\n".write(to: dir.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        try "name: mine\nroles:\n  text: { fg: \"#ff0000\", attrs: bold underline }\n  cat: 33\n".write(
            to: dir.appendingPathComponent("mine.yaml"), atomically: true, encoding: .utf8)
        let env = ThemeLoader(environment: ["SITCEN_THEMES": dir.path, "HOME": "/nonexistent"], executableDirectory: nil)
        let broken = env.load("broken")
        #expect(broken.theme == Theme.builtIn && broken.warning?.contains("bad colour") == true)
        let mine = env.load("mine").theme
        #expect(mine[.text] == Style(fg: .rgb(255, 0, 0), attrs: [.bold, .underline]))
        #expect(mine[StyleRole.category("opiates")].fg == .indexed(33))   // cat.opiates -> cat
        #expect(mine[.selection] == mine[.text])                      // selection -> text
        #expect(env.available().contains("mine"))
    }

}
