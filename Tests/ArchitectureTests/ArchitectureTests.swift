import Foundation
import SitcenTestSupport
import Testing

/// The layers cannot erode: each target's dependencies on the package's own targets are exactly
/// those that Docs/architecture.md allows (its allow-list table), as `swift package
/// dump-package` reports them.
@Suite struct ArchitectureTests {
    /// target → its dependencies on the package's own targets, from the package description.
    static func actual() throws -> [String: Set<String>] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // A scratch folder of its own: the test run holds the lock of the package's .build.
        let scratch = SitcenBinary.temporaryDirectory("dump-package")
        defer { try? FileManager.default.removeItem(at: scratch) }
        p.arguments = ["swift", "package", "--package-path", SitcenBinary.packageRoot.path, "--scratch-path", scratch.path, "dump-package"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0,
              let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let targets = json["targets"] as? [[String: Any]] else { throw Failure("swift package dump-package failed") }
        let names = Set(targets.compactMap { $0["name"] as? String })
        var map: [String: Set<String>] = [:]
        for t in targets {
            guard let name = t["name"] as? String, t["type"] as? String != "test", name != "SitcenTestSupport" else { continue }
            let deps = (t["dependencies"] as? [[String: Any]] ?? []).compactMap { d -> String? in
                guard let by = d["byName"] as? [Any], let n = by.first as? String, names.contains(n) else { return nil }
                return n
            }
            map[name] = Set(deps)
        }
        return map
    }

    /// target → allowed dependencies, from the table between the layers markers of the doc.
    static func allowed() throws -> [String: Set<String>] {
        let doc = try String(contentsOf: SitcenBinary.packageRoot.appendingPathComponent("Docs/architecture.md"), encoding: .utf8)
        guard let a = doc.range(of: "<!-- layers:begin -->"), let b = doc.range(of: "<!-- layers:end -->") else {
            throw Failure("Docs/architecture.md has no allow-list")
        }
        var map: [String: Set<String>] = [:]
        for line in doc[a.upperBound..<b.lowerBound].split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2 else { continue }
            let name = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let deps = cells[1] == "—" ? [] : cells[1].split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "` ")) }
            map[name] = Set(deps)
        }
        return map
    }

    @Test func everyTargetDependsOnlyOnWhatTheLayersAllow() throws {
        let actual = try Self.actual(), allowed = try Self.allowed()
        #expect(Set(actual.keys) == Set(allowed.keys), "targets: in the package only \(Set(actual.keys).subtracting(allowed.keys).sorted()), in the doc only \(Set(allowed.keys).subtracting(actual.keys).sorted())")
        for (name, deps) in actual.sorted(by: { $0.key < $1.key }) {
            guard let ok = allowed[name] else { continue }
            #expect(deps.subtracting(ok).isEmpty, "\(name) depends on \(deps.subtracting(ok).sorted()), which Docs/architecture.md does not allow")
            #expect(ok.subtracting(deps).isEmpty, "\(name) no longer depends on \(ok.subtracting(deps).sorted()): update the allow-list")
        }
    }

    @Test func theLayersHaveNoCycle() throws {
        let deps = try Self.allowed()
        var state: [String: Int] = [:]
        func visit(_ n: String, _ path: [String]) -> [String]? {
            if state[n] == 2 { return nil }
            if state[n] == 1 { return path + [n] }
            state[n] = 1
            for d in deps[n] ?? [] { if let c = visit(d, path + [n]) { return c } }
            state[n] = 2
            return nil
        }
        for n in deps.keys.sorted() { #expect(visit(n, []) == nil, "a cycle") }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }
}
