import Foundation
import SitcenDomain

/// Finds the posts registry and the data files that sitcen ships.
enum RegistryLoader {
    static func load(explicit: String?) throws -> Registry {
        let env = ProcessInfo.processInfo.environment
        if let explicit { return try parse(file: explicit) }
        let config = (env["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? (env["HOME"] ?? NSHomeDirectory()) + "/.config")
        let own = config + "/sitcen/posts.csv"
        if FileManager.default.fileExists(atPath: own) { return try parse(file: own) }
        guard let bundled = SampleDataLocator.file("posts.csv") else {
            throw CLIError("no posts registry found: pass --registry FILE, or put one at \(own)")
        }
        return try parse(file: bundled)
    }

    static func parse(file: String) throws -> Registry {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIError("cannot read the registry \(file)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIError("the registry \(file) is not UTF-8 text")
        }
        return try Registry.parseCSV(text, source: file)
    }
}

/// Where the shipped sample data (`SampleData/`) is: `$SITCEN_DATA_DIR`, the resources SwiftPM
/// copies next to the binary, `../share/sitcen` beside it, or the source checkout it was built from.
enum SampleDataLocator {
    static func file(_ name: String) -> String? {
        for dir in directories() {
            let p = dir + "/" + name
            if FileManager.default.fileExists(atPath: p) { return p }
        }
        return nil
    }

    static func directories() -> [String] {
        var dirs: [String] = []
        if let env = ProcessInfo.processInfo.environment["SITCEN_DATA_DIR"] { dirs.append(env) }
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        dirs.append(exe.appendingPathComponent("../share/sitcen").standardizedFileURL.path)
        // The checkout this binary was built from (Sources/sitcen/Support/ -> root).
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        dirs.append(root.appendingPathComponent("SampleData").path)
        return dirs
    }
}

/// Whether the terminal's locale is UTF-8 (braille, Cyrillic); if not, the map draws in ASCII.
enum LocaleCheck {
    static var isUTF8: Bool {
        let env = ProcessInfo.processInfo.environment
        let value = env["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LANG"] ?? ""
        let v = value.lowercased()
        return v.contains("utf-8") || v.contains("utf8")
    }
}
