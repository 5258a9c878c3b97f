enum RulesBench {
    static func run(_ args: [String]) async throws { print("rules benchmark: not built yet") }
}
