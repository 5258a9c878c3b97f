import ArgumentParser
import Foundation
import Logging
import SitcenKeys
import SitcenSender

/// `sitcen outbox`: the post side, sending reports to the centre through a durable outbox.
struct PostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Send reports to the centre from a post, through a durable outbox.",
        discussion: """
        Reports go into the outbox first (synced to disk), then to the centre in signed batches; \
        a batch leaves the outbox only when the centre answered 200. Batches the centre refuses \
        (4xx other than 409/429) are kept in OUTBOX/rejected with the reason.
        """,
        subcommands: [Send.self, Watch.self])

    struct Connection: ParsableArguments {
        @Option(help: ArgumentHelp("The centre, e.g. http://127.0.0.1:8470.", valueName: "URL")) var url: String
        @Option(help: ArgumentHelp("This post's code.", valueName: "CODE")) var post: String
        @Option(help: ArgumentHelp("The file holding this post's key (64 hex characters).", valueName: "FILE")) var key: String
        @Option(help: ArgumentHelp("The outbox folder. Default: $XDG_DATA_HOME/sitcen/outbox.", valueName: "DIR")) var outbox: String?
        @Option(help: "Reports a batch (at most 10,000).") var batch = 1000

        func validate() throws {
            guard (1...10_000).contains(batch) else { throw ValidationError("--batch must be 1 to 10000") }
        }

        func sender(giveUp: Double?) throws -> Sender {
            let k: PostKey
            do { k = try PostKey.load(file: key) } catch { throw CLIError("\(error)") }
            let box: Outbox
            do { box = try Outbox(directory: outbox ?? Outbox.defaultDirectory()) } catch {
                throw CLIError("cannot prepare the outbox: \(error)")
            }
            var s = Sender(outbox: box, client: SignedClient(url: url, post: post, key: k))
            s.giveUpAfter = giveUp
            return s
        }
    }

    static func summary(_ t: Sender.Totals) -> String {
        "batches \(t.batches), accepted \(t.accepted), duplicates \(t.duplicates), conflicts \(t.conflicts), quarantined \(t.quarantined), rejected batches \(t.rejectedBatches)"
    }

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put JSON Lines files into the outbox and send until it is empty.")
        @OptionGroup var connection: Connection
        @Option(help: ArgumentHelp("Stop after this many seconds without progress; the outbox keeps what is left.", valueName: "SECONDS"))
        var giveUp: Double?
        @Argument(help: "JSON Lines files of reports (none: send what the outbox holds).") var files: [String] = []

        func run() async throws {
            let sender = try connection.sender(giveUp: giveUp)
            var queued = 0
            for f in files {
                do { queued += try sender.outbox.enqueue(file: f, batchSize: connection.batch) } catch { throw CLIError("\(error)") }
            }
            if !files.isEmpty { Out.note("\(queued) reports in the outbox, \(sender.outbox.pending().count) batches to send") }
            do {
                let t = try await sender.drain()
                Out.line(PostCommand.summary(t))
                if t.rejectedBatches > 0 { throw CLIError("\(t.rejectedBatches) batches refused: see \(sender.outbox.rejectedDir)") }
            } catch let f as Sender.Failure {
                throw CLIError("\(f)")
            }
        }
    }

    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send whatever reaches the outbox, until stopped.",
            discussion: "JSON Lines files put into OUTBOX/inbox (named *.part while being written) are taken into the outbox and sent.")
        @OptionGroup var connection: Connection
        @Option(help: "How often to look for new files, in milliseconds.") var poll = 500

        func run() async throws {
            var sender = try connection.sender(giveUp: nil)
            var logger = Logger(label: "sitcen.post")
            logger.logLevel = .info
            sender.logger = logger
            Out.note("watching \(sender.outbox.inboxDir) and sending to \(connection.url) as \(connection.post)")
            try await sender.watch(pollMilliseconds: poll, batchSize: connection.batch) { t in
                Out.note(PostCommand.summary(t))
            }
        }
    }
}

/// `sitcen post send|watch`, the outbox's name before (`post` is a border post everywhere else):
/// a hidden alias, kept for a release.
struct PostAliasCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post", abstract: "(old name of sitcen outbox)", shouldDisplay: false,
        subcommands: [PostCommand.Send.self, PostCommand.Watch.self])
}
