import ArgumentParser
import Foundation
import SitcenDemo
import SitcenDomain

/// `sitcen sample-feed`: a deterministic, realistic feed on stdout.
struct DemoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-feed",
        abstract: "Write a realistic demo feed (JSON Lines or CSV) to standard output.",
        discussion: """
        The same --seed and --end give the same bytes. With --faults, about 2–3 % of the records \
        are broken or hostile (bad JSON, unknown posts, bad times, invalid UTF-8, escape sequences \
        in summaries, duplicates, conflicts…), to exercise the quarantine.
        """)

    @OptionGroup var registryOptions: RegistryOptions
    @Option(help: "Records to write (the CSV header is not one).") var count = 10_000
    @Option(help: "Days of history, ending at --end.") var days = 30
    @Option(help: ArgumentHelp("The last moment of the feed, RFC 3339 (default: now).", valueName: "TIME")) var end: String?
    @Option(help: "Seed of the generator.") var seed: UInt64 = 1
    @Flag(help: "Mix in broken and hostile records.") var faults = false
    @Option(help: "jsonl or csv.") var format: DemoGenerator.Format = .jsonl

    func validate() throws {
        guard count >= 0 else { throw ValidationError("--count must be 0 or more") }
        guard days >= 1 else { throw ValidationError("--days must be at least 1") }
        if let end, Timestamp.parse(end) == nil {
            throw ValidationError("--end takes an RFC 3339 time with an offset, such as 2026-11-20T00:00:00Z")
        }
    }

    func run() throws {
        let registry = try registryOptions.load()
        let endTime = end.flatMap(Timestamp.parse) ?? .now()
        let out = StdoutWriter()
        for record in DemoGenerator(registry: registry, seed: seed, count: count, days: days, end: endTime,
                                    faults: faults, format: format) {
            try out.write(record)
            try out.write([0x0A])
        }
        try out.flush()
    }
}

extension DemoGenerator.Format: ExpressibleByArgument {}

/// `sitcen demo-data`, the sample feed's name before (too close to `sitcen demo`, which runs the
/// console on one): a hidden alias, kept for a release.
struct DemoDataAliasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo-data", abstract: "(old name of sitcen sample-feed)", shouldDisplay: false)
    @OptionGroup var options: DemoDataCommand
    func run() throws { try options.run() }
}
