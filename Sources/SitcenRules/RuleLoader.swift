import Foundation
import Yams

/// Loads rule files: one rule per file, several under a top-level `rules:` list, or several
/// YAML documents. Every problem in every file is returned, each with file, line, column and key.
public enum RuleLoader {
    /// The rules of one file's text. `file` is the name used in messages.
    public static func parse(yaml: String, file: String) -> (rules: [Rule], errors: [RuleError]) {
        var parser = RuleParser(file: file)
        var rules: [Rule] = []
        var documents: [Node] = []
        do {
            var seq = try Yams.compose_all(yaml: yaml)
            while let d = seq.next() { documents.append(d) }
            if let e = seq.error { throw e }
        } catch {
            parser.errors.append(yamlError(error, file: file))
            return ([], parser.errors)
        }
        if documents.isEmpty || documents.allSatisfy({ Located(node: $0, path: "").isNull }) {
            parser.errors.append(RuleError(file: file, line: 1, column: 1, key: "", message: "the file holds no rule"))
        }
        for d in documents {
            let root = Located(node: d, path: "")
            if root.isNull { continue }
            if let pairs = root.pairs, let list = pairs.first(where: { $0.key == "rules" }) {
                for p in pairs where p.key != "rules" {
                    parser.fail(p.value, "a file with `rules:` holds nothing else (put `\(p.key)` inside a rule)", mark: p.keyNode.mark)
                }
                guard let items = list.value.items else {
                    parser.fail(list.value, "must be a list of rules"); continue
                }
                for item in items { if let r = parser.parseRule(item) { rules.append(r) } }
            } else if let items = root.items {
                for item in items { if let r = parser.parseRule(item) { rules.append(r) } }
            } else if let r = parser.parseRule(root) {
                rules.append(r)
            }
        }
        return (rules, parser.errors)
    }

    /// Every `.yaml` and `.yml` file of `folder` (not recursive), in name order. Names must be
    /// unique across files. Throws all problems at once.
    public static func load(folder: String) throws(RuleLoadError) -> [Rule] {
        let url = URL(fileURLWithPath: folder)
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) }
        catch { throw RuleLoadError(errors: [RuleError(file: folder, line: 1, column: 1, key: "", message: "cannot read the folder: \(error.localizedDescription)")]) }
        let files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        let prefix = url.lastPathComponent
        return try load(files: files.map { (url.appendingPathComponent($0).path, prefix + "/" + $0) })
    }

    /// The given files: `(path to read, name for messages)`.
    public static func load(files: [(path: String, name: String)]) throws(RuleLoadError) -> [Rule] {
        var texts: [(String, String)] = []
        var errors: [RuleError] = []
        for f in files {
            guard let data = FileManager.default.contents(atPath: f.path) else {
                errors.append(RuleError(file: f.name, line: 1, column: 1, key: "", message: "cannot read the file")); continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                errors.append(RuleError(file: f.name, line: 1, column: 1, key: "", message: "the file is not UTF-8")); continue
            }
            texts.append((text, f.name))
        }
        return try load(texts: texts, earlierErrors: errors)
    }

    /// Rule texts `(yaml, name for messages)`, checked together (unique names).
    public static func load(texts: [(yaml: String, file: String)]) throws(RuleLoadError) -> [Rule] {
        try load(texts: texts, earlierErrors: [])
    }

    static func load(texts: [(String, String)], earlierErrors: [RuleError]) throws(RuleLoadError) -> [Rule] {
        var errors = earlierErrors
        var rules: [Rule] = []
        var seen: [String: String] = [:]
        for (yaml, file) in texts {
            let (rs, es) = parse(yaml: yaml, file: file)
            errors += es
            for r in rs {
                if let first = seen[r.name] {
                    let (line, col) = location(ofName: r.name, in: yaml, near: r.source)
                    errors.append(RuleError(file: file, line: line, column: col, key: "name",
                                            message: "`\(r.name)` is already the name of the rule at \(first); names must be unique"))
                    continue
                }
                seen[r.name] = r.source
                rules.append(r)
            }
        }
        if !errors.isEmpty { throw RuleLoadError(errors: errors) }
        return rules
    }

    private static func location(ofName name: String, in yaml: String, near source: String) -> (Int, Int) {
        let start = Int(source.split(separator: ":").last ?? "1") ?? 1
        for (i, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where i + 1 >= start {
            if let r = line.range(of: "name:"), line.contains(name) {
                return (i + 1, line.distance(from: line.startIndex, to: r.lowerBound) + 1)
            }
        }
        return (start, 1)
    }

    static func yamlError(_ error: Error, file: String) -> RuleError {
        if let y = error as? YamlError {
            switch y {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                return RuleError(file: file, line: mark.line, column: mark.column, key: "", message: "not valid YAML: \(problem)")
            case .duplicatedKeysInMapping(let dups, let context):
                return RuleError(file: file, line: context.mark.line, column: context.mark.column, key: dups.joined(separator: ", "),
                                 message: "given twice in the same mapping")
            default: break
            }
        }
        return RuleError(file: file, line: 1, column: 1, key: "", message: "not valid YAML: \(error)")
    }
}
