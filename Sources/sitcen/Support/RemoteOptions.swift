import ArgumentParser
import Foundation
import SitcenDomain
import SitcenRemote

/// How a command reaches a centre's operators' API instead of a local store.
struct RemoteOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Use a centre's API instead of a local store (https://centre:8470, or http:// on loopback).", valueName: "URL"))
    var server: String?
    @Option(help: ArgumentHelp("The file that holds your operator token (from `sitcen keys add-operator`).", valueName: "FILE"))
    var tokenFile: String?
    @Option(help: ArgumentHelp("Trust the centre's certificate only if this CA (PEM) signed it: a centre's own CA.", valueName: "FILE"))
    var caFile: String?
    @Option(help: ArgumentHelp("The remote console's cache (default: one per centre and token under $XDG_CACHE_HOME/sitcen).", valueName: "FILE"))
    var cache: String?
    @Option(help: ArgumentHelp("How far back an empty cache's first catch-up goes (90d; `all` for everything).", valueName: "DURATION"))
    var history = "90d"

    func validate() throws {
        if server == nil {
            if tokenFile != nil || caFile != nil || cache != nil { throw ValidationError("--token-file, --ca-file and --cache go with --server URL") }
            return
        }
        guard tokenFile != nil else { throw ValidationError("--server needs --token-file FILE: the file with your operator token") }
        if history != "all", DurationText.seconds(history) == nil { throw ValidationError("--history takes a duration such as 90d, or all") }
    }

    /// The token, read from its file (which should be readable by its owner alone).
    func token() throws -> String {
        guard let path = tokenFile else { throw CLIError("--token-file FILE is needed with --server") }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CLIError("cannot read the token file \(path); put the token that `sitcen keys add-operator` printed in it")
        }
        var st = stat()
        if stat(path, &st) == 0, st.st_mode & 0o077 != 0 {
            FileHandle.standardError.write(Data("sitcen: warning: \(path) can be read by others; chmod 600 it\n".utf8))
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func open() throws -> RemoteSource {
        guard let server else { throw CLIError("--server URL is needed") }
        var o = RemoteSource.Options(url: server, token: try token(), caFile: caFile, cachePath: cache)
        o.history = history == "all" ? nil : history
        do { return try RemoteSource.open(o) } catch let e as RemoteError { throw CLIError(e.message) }
    }
}
