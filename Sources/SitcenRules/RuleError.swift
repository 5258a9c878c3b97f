/// One problem in a rule file: where it is (file, line, column), which key, and what to do.
public struct RuleError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// The key's path: `rules[1].gte`, `filter.post.regex`; empty for the file as a whole.
    public var key: String
    public var message: String

    public init(file: String, line: Int, column: Int, key: String, message: String) {
        self.file = file; self.line = line; self.column = column; self.key = key; self.message = message
    }

    /// `rules/heroin.yaml:7:5: rules[1].gte: must be a number`
    public var description: String {
        key.isEmpty ? "\(file):\(line):\(column): \(message)" : "\(file):\(line):\(column): \(key): \(message)"
    }
}

/// Every problem found while loading rule files; none of the rules is used when there is one.
public struct RuleLoadError: Error, Sendable, CustomStringConvertible {
    public var errors: [RuleError]
    public init(errors: [RuleError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// The keys of rule files, for validation and did-you-mean.
enum RuleKeys {
    static let common = ["name", "type", "severity", "description", "filter", "query_key", "group_by",
                         "realert", "escalate_after", "labels", "inhibits"]
    static let byType: [(String, [String])] = [
        ("any", []),
        ("frequency", ["num_events", "timeframe"]),
        ("spike", ["spike_height", "spike_type", "timeframe", "threshold_ref", "threshold_cur"]),
        ("flatline", ["expect_every"]),
        ("new_term", ["field", "scope", "terms_window"]),
        ("cardinality", ["field", "max_cardinality", "timeframe"]),
        ("threshold", ["value", "gte", "lte"]),
        ("proximity", ["within_km", "of", "not"]),
    ]
    static let types = byType.map(\.0)
    static func extra(_ type: String) -> [String] { byType.first { $0.0 == type }?.1 ?? [] }
    static var all: [String] { common + byType.flatMap(\.1).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } } }
    static func owners(of key: String) -> [String] { byType.filter { $0.1.contains(key) }.map(\.0) }
    static let filterOperators = ["gte", "lte", "regex", "not"]
    /// Labels sitcen sets itself.
    static let reservedLabels: Set<String> = ["rule", "severity"]
}
