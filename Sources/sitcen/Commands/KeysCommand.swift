import ArgumentParser
import Foundation
import SitcenDomain
import SitcenKeys

/// `sitcen keys`: post keys and operator tokens in the keys file.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the keys file: post keys (request signing) and operator tokens.",
        discussion: """
        The keys file (default $XDG_CONFIG_HOME/sitcen/keys.yaml) is written atomically and is \
        readable by its owner alone (0600). A new key or token is printed once, on standard \
        output (the explanation goes to standard error): keep it, it cannot be shown again.
        """,
        subcommands: [AddPost.self, AddOperator.self, List.self, Revoke.self])

    struct FileOption: ParsableArguments {
        @Option(help: ArgumentHelp("The keys file. Default: $XDG_CONFIG_HOME/sitcen/keys.yaml.", valueName: "FILE"))
        var keys: String?
        var path: String { keys ?? KeysFile.defaultPath() }

        func load(missingIsEmpty: Bool) throws -> KeysFile {
            do { return try KeysFile.load(path: path, missingIsEmpty: missingIsEmpty) } catch { throw CLIError("\(error)") }
        }
        func save(_ k: KeysFile) throws {
            do { try k.save(path: path) } catch { throw CLIError("\(error)") }
        }
    }

    struct AddPost: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-post", abstract: "Give a post a new signing key; prints the key once.")
        @OptionGroup var file: FileOption
        @Option(help: ArgumentHelp("Also write the key to this file (0600), for `sitcen post --key`.", valueName: "FILE"))
        var keyOut: String?
        @Argument(help: "The post's code, as in the registry (e.g. KZ-KHR).") var code: String

        func run() throws {
            var keys = try file.load(missingIsEmpty: true)
            let key: PostKey
            do { key = try keys.addPost(code) } catch { throw CLIError("\(error)") }
            try file.save(keys)
            if let keyOut {
                do { try AtomicFile.write(Array((key.hex + "\n").utf8), to: keyOut, mode: 0o600) } catch { throw CLIError("\(error)") }
            }
            Out.note("post \(code): its key follows (shown once; give it to the post, e.g. as the file for `sitcen post --key`)")
            print(key.hex)
        }
    }

    struct AddOperator: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-operator", abstract: "Give an operator a bearer token; prints the token once.")
        @OptionGroup var file: FileOption
        @Option(help: "duty, supervisor or blo.") var role: Operator.Role
        @Option(help: "The sector a blo operator watches (blo only).") var sector: String?
        @Option(help: ArgumentHelp("The token expires after this long: e.g. 12h, 30d, 8w. Default: never.", valueName: "DURATION"))
        var expires: String?
        @Argument(help: "The operator's name (letters, digits, - . _).") var name: String

        func validate() throws {
            if let expires, (DurationText.seconds(expires) ?? 0) <= 0 {
                throw ValidationError("--expires \(expires): give a duration such as 12h, 30d or 8w")
            }
        }

        func run() throws {
            var keys = try file.load(missingIsEmpty: true)
            let expiresAt = expires.flatMap(DurationText.seconds).map { Date().addingTimeInterval(TimeInterval($0)) }
            let token: String
            do { token = try keys.addOperator(name: name, role: role, sector: sector, expiresAt: expiresAt) } catch { throw CLIError("\(error)") }
            try file.save(keys)
            let until = keys.operators.first { $0.name == name }?.expiresAtText.map { ", expires \($0)" } ?? ""
            Out.note("operator \(name) (\(role.rawValue)\(sector.map { ", sector \($0)" } ?? "")\(until)): the token follows (shown once; use it as Authorization: Bearer TOKEN)")
            print(token)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List posts and operators (never a secret).")
        @OptionGroup var file: FileOption

        func run() throws {
            let keys = try file.load(missingIsEmpty: false)
            var t = TextTable(headers: ["KIND", "NAME", "ROLE", "SECTOR", "EXPIRES"])
            for code in keys.posts.keys.sorted() { t.add(["post", code, "", "", ""]) }
            let now = Date()
            for op in keys.operators.sorted(by: { $0.name < $1.name }) {
                let expires = op.expiresAtText.map { op.isExpired(at: now) ? "\($0) expired" : $0 } ?? "never"
                t.add(["operator", op.name, op.role.rawValue, op.sector ?? "", expires])
            }
            print(t.render())
            Out.line("\(keys.posts.count) posts, \(keys.operators.count) operators in \(file.path)")
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a post's key or an operator's token.")
        @OptionGroup var file: FileOption
        @Argument(help: "A post code or an operator name.") var name: String

        func run() throws {
            var keys = try file.load(missingIsEmpty: false)
            let what: String
            do { what = try keys.revoke(name) } catch { throw CLIError("\(error)") }
            try file.save(keys)
            Out.line("revoked \(what); a running server stops accepting it within a few seconds")
        }
    }
}

