import Foundation
import TermUI

/// Finds and loads sitcen's theme files (the search paths are sitcen's, so they live with the
/// console, not in the terminal engine). Never fails: a missing or broken theme file falls back to the
/// built-in theme, with a warning the caller may show.
public struct ThemeLoader: Sendable {
    public var environment: [String: String]
    public var executableDirectory: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                executableDirectory: String? = ThemeLoader.defaultExecutableDirectory) {
        self.environment = environment; self.executableDirectory = executableDirectory
    }

    public static var defaultExecutableDirectory: String? {
        (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? ""))
            .resolvingSymlinksInPath().deletingLastPathComponent().path
    }

    /// The package's Themes/ folder, found from this source file (for runs from a checkout).
    public static let packageThemes: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes").path

    /// True if NO_COLOR is set to anything non-empty (https://no-color.org).
    public var noColor: Bool { !(environment["NO_COLOR"] ?? "").isEmpty }

    /// Folders searched, in order: $SITCEN_THEMES, Themes/ next to the executable (and
    /// ../share/sitcen/themes), the package's Themes/, $XDG_CONFIG_HOME/sitcen/themes
    /// (or ~/.config/sitcen/themes).
    public var searchPath: [String] {
        var dirs: [String] = []
        if let d = environment["SITCEN_THEMES"], !d.isEmpty { dirs.append(d) }
        if let exe = executableDirectory {
            dirs.append(exe + "/Themes")
            dirs.append(exe + "/../share/sitcen/themes")
        }
        dirs.append(ThemeLoader.packageThemes)
        if let x = environment["XDG_CONFIG_HOME"], !x.isEmpty { dirs.append(x + "/sitcen/themes") } else if let h = environment["HOME"], !h.isEmpty {
            dirs.append(h + "/.config/sitcen/themes")
        }
        return dirs
    }

    /// The file for theme `name`, if one is found.
    public func file(for name: String) -> String? {
        for d in searchPath {
            let p = d + "/" + name + ".yaml"
            if FileManager.default.isReadableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Names of every theme found (sorted), plus the built-in one.
    public func available() -> [String] {
        var names = Set([Theme.builtIn.name])
        for d in searchPath {
            for f in (try? FileManager.default.contentsOfDirectory(atPath: d)) ?? [] where f.hasSuffix(".yaml") {
                names.insert(String(f.dropLast(5)))
            }
        }
        return names.sorted()
    }

    /// Loads theme `name` (default `dark`). With NO_COLOR set, the result has no colours
    /// (the `monochrome` theme if found, else this one stripped of colours). Returns the theme
    /// and a warning if something had to fall back.
    public func load(_ name: String? = nil) -> (theme: Theme, warning: String?) {
        var requested = name ?? "dark"
        var warning: String?
        if noColor && name == nil { requested = "monochrome" }
        var theme: Theme
        if let path = file(for: requested) {
            do {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                theme = try Theme.parse(yaml: text, source: path)
            } catch {
                warning = "theme \(requested): \(error); using the built-in theme"
                theme = .builtIn
            }
        } else {
            if requested != Theme.builtIn.name && !(noColor && name == nil) {
                warning = "theme \(requested) not found (looked in \(searchPath.joined(separator: ", "))); using the built-in theme"
            }
            theme = .builtIn
        }
        if noColor { theme = theme.monochrome }
        return (theme, warning)
    }

    /// Loads a theme file by path.
    public static func load(path: String) throws -> Theme {
        try Theme.parse(yaml: String(contentsOfFile: path, encoding: .utf8), source: path)
    }
}
