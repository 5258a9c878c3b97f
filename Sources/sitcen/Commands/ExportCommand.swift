import ArgumentParser
import Foundation
import SitcenDomain
import SitcenFeed
import SitcenRemote
import SitcenStore
import SitcenText

/// `sitcen export`: current reports, oldest first, as CSV or JSON Lines (feed format, ingestable)
/// or GeoJSON (for GIS tools). Streamed page by page: memory stays flat whatever the store holds.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export current reports as GeoJSON, CSV or JSON Lines.",
        discussion: """
        Only current revisions are exported (a corrected report appears once, as corrected), \
        oldest first. CSV and JSON Lines are the feed format: `sitcen ingest` reads them back with \
        nothing lost. GeoJSON places each report where it was reported, else at its post \
        (property `position`: "reported" or "post"). With --role blo, only the officer's own \
        sector (--sector) is exported, whatever else is asked.
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var registryOptions: RegistryOptions
    @Option(help: ArgumentHelp("Only reports observed within this long before now (24h, 7d, 90m).", valueName: "DURATION"))
    var since: String?
    @Option(help: ArgumentHelp("Only reports observed before this time (RFC 3339 with an offset).", valueName: "TIME"))
    var until: String?
    @Option(help: "Only this sector's reports (with --role blo: the officer's own sector).")
    var sector: [String] = []
    @Option(help: "Only seizures of this substance category (repeatable).")
    var category: [String] = []
    @Option(help: "Only reports of this type: seizure, incident, sitrep, tip (repeatable; default all).")
    var type: [String] = []
    @Option(help: "geojson, csv or jsonl.")
    var format: ExportFormat
    @Option(help: "Who exports: duty or supervisor (every sector) or blo (a border liaison officer: one sector).")
    var role: Operator.Role = .duty
    @Option(name: .customLong("operator"), help: "The operator's name, for the record (written to standard error).")
    var operatorName: String?
    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "FILE"))
    var output: String?
    @OptionGroup var remote: RemoteOptions

    func validate() throws {
        if let since, DurationText.seconds(since) == nil {
            throw ValidationError("--since takes a duration such as 90m, 24h or 7d")
        }
        if let until, Timestamp.parse(until) == nil {
            throw ValidationError("--until takes an RFC 3339 time with an offset, such as 2026-11-20T00:00:00+05:00")
        }
        for t in type where ReportType(rawValue: t) == nil {
            throw ValidationError("unknown --type \"\(t)\"; use one of \(ReportType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for c in category where SubstanceCategory(rawValue: c) == nil {
            throw ValidationError("unknown --category \"\(c)\"; use one of \(SubstanceCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let sectors = Set(sector)
        switch role {
        case .blo:
            guard let own = sector.first else {
                throw ValidationError("--role blo needs the officer's sector: --sector SECTOR")
            }
            if sectors.count > 1 {
                let others = sectors.subtracting([own]).sorted().joined(separator: ", ")
                throw ValidationError("a BLO officer exports only their own sector \(own); \(others) is not theirs")
            }
        case .duty, .supervisor:
            if sectors.count > 1 { throw ValidationError("give at most one --sector") }
        }
    }

    /// Who exports, in the one model of roles and scopes.
    var exporter: Operator {
        Operator(name: operatorName ?? ProcessInfo.processInfo.environment["USER"] ?? "operator", role: role,
                 sector: role == .blo ? sector.first : nil)
    }

    /// The store query the options ask for, scoped like the exporter (`validate` refused a BLO
    /// who asked for another sector).
    func query(now: Timestamp) -> ReportQuery {
        var q = ReportQuery(sector: exporter.scope.sectorFilter ?? sector.first, includeSuperseded: false, limit: 0, newestFirst: false)
        if let since, let s = DurationText.seconds(since) { q.observedSince = now.adding(seconds: -s) }
        q.types = type.compactMap(ReportType.init(rawValue:))
        q.categories = category.compactMap(SubstanceCategory.init(rawValue:))
        return q
    }

    func run() throws {
        if remote.server != nil { return try runRemote() }
        let registry = try registryOptions.load()
        if let s = sector.first, registry.sector(s) == nil {
            throw CLIError("unknown sector \"\(s)\"; the registry has \(registry.sectors.map(\.code).joined(separator: ", "))")
        }
        let db = try store.openExisting()
        let q = query(now: .now())
        let untilMillis = until.flatMap(Timestamp.parse)?.millis
        let (out, fileFD) = try openOutput()
        var count = 0
        try out.write(Array(format.header.utf8))
        try db.forEachReport(q) { l in
            if let untilMillis, l.report.observedAt.millis >= untilMillis { return }
            try out.write(Array(format.record(l, registry: registry, first: count == 0).utf8))
            count += 1
        }
        try out.write(Array(format.footer.utf8))
        try out.flush()
        if let fileFD { close(fileFD) }
        var who = "role \(role.rawValue)"
        if let operatorName { who = "\(operatorName), " + who }
        if let s = sector.first { who += ", sector \(s)" }
        Out.note("exported \(count) report(s) as \(format.rawValue) (\(who))")
    }

    /// The export of a centre, through its API: the centre decides the scope from the token.
    private func runRemote() throws {
        guard let server = remote.server else { return }
        let client: CentreClient
        do { client = try CentreClient(url: server, token: try remote.token(), caFile: remote.caFile) } catch let e as RemoteError { throw CLIError(e.message) }
        defer { client.shutdown() }
        var query: [(String, String)] = [("format", format.rawValue)]
        if let since { query.append(("since", since)) }
        if let until { query.append(("until", until)) }
        if let s = sector.first { query.append(("sector", s)) }
        for c in category { query.append(("category", c)) }
        for t in type { query.append(("type", t)) }
        let (out, fileFD) = try openOutput()
        let box = WriterBox(out)
        let bytes: Int64
        do { bytes = try RemoteExport.run(client: client, query: query) { try box.write($0) } } catch let e as RemoteError {
            throw CLIError(e.message)
        }
        try out.flush()
        if let fileFD { close(fileFD) }
        Out.note("exported \(bytes) bytes as \(format.rawValue) from \(client.baseURL) (scoped by the centre to the token)")
    }

    /// Standard output, or `--output FILE`. CSV holds feed text as it is (CSV has no escapes), so
    /// it is never written to a terminal.
    private func openOutput() throws -> (StdoutWriter, Int32?) {
        guard let output else {
            if format == .csv && isatty(1) != 0 {
                throw CLIError("CSV holds feed text as it was received; redirect it to a file or use --output FILE")
            }
            return (StdoutWriter(), nil)
        }
        let fd = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CLIError("cannot write \(output): \(String(cString: strerror(errno)))") }
        return (StdoutWriter(fd: fd), fd)
    }
}

/// The export's writer, for the HTTP client's callbacks (one at a time, in order).
private final class WriterBox: @unchecked Sendable {
    let out: StdoutWriter
    init(_ out: StdoutWriter) { self.out = out }
    func write(_ bytes: [UInt8]) throws { try out.write(bytes) }
}

extension ExportFormat: ExpressibleByArgument {}
