enum TermBench {
    static func run(_ args: [String]) async throws { print("term benchmark: not built yet") }
}
