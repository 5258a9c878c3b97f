import Foundation
enum IngestBench {
    static func run(_ args: [String]) async throws { print("ingest benchmark: not built yet") }
}
