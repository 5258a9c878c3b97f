import ArgumentParser
import Foundation
import SitcenFeed
import SitcenIngest
import SitcenStore
import SitcenText

/// `sitcen ingest FILE...`: feed files (or `-` for stdin) into the store.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read feed files (.jsonl, .csv, or - for stdin) into the store.",
        discussion: """
        Every record ends up accepted, duplicate, conflict or quarantined; the last line gives \
        the counts, which add up to the records read. Reading a file again stores nothing twice. \
        Exit status 0 when the files were read (even with quarantined records).
        """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var registryOptions: RegistryOptions
    @Option(help: "The format when the file name does not say (jsonl or csv).")
    var format: FeedFormat?
    @Option(help: "Records per transaction.")
    var batch = 5000
    @Flag(help: "Print the counts as one JSON object.")
    var json = false
    @Argument(help: "Feed files; - reads standard input.")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one feed file, or - for standard input") }
        guard batch > 0 else { throw ValidationError("--batch must be at least 1") }
    }

    func run() throws {
        let registry = try registryOptions.load()
        let db = try store.open()
        let ingestor = Ingestor(store: db, registry: registry, batchSize: batch)
        var total = IngestCounts()
        for file in files {
            let counts: IngestCounts
            do {
                counts = try ingestor.ingest(path: file, format: format)
            } catch let e as Ingestor.InputError {
                throw CLIError(e.description)
            } catch let e as StoreError {
                throw CLIError("\(file): the store cannot be written: \(e)")
            } catch {
                throw CLIError("\(file): the store cannot be written: \(error); nothing after the last committed batch was stored, and reading the file again is safe")
            }
            if files.count > 1 && !json { Out.line("\(file): \(IngestCommand.summary(counts))") }
            total = total + counts
        }
        if json {
            Out.json(.object([("accepted", .int(Int64(total.accepted))), ("duplicates", .int(Int64(total.duplicates))),
                              ("conflicts", .int(Int64(total.conflicts))), ("quarantined", .int(Int64(total.quarantined)))]))
        } else {
            if total.corrections > 0 { Out.line("(\(total.corrections) of the accepted are corrections of earlier reports)") }
            Out.line(IngestCommand.summary(total))
        }
    }

    static func summary(_ c: IngestCounts) -> String {
        "accepted \(c.accepted), duplicates \(c.duplicates), conflicts \(c.conflicts), quarantined \(c.quarantined)"
    }
}

extension FeedFormat: ExpressibleByArgument {}
