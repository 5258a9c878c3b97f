import ArgumentParser
import Foundation
import SitcenDomain
import SitcenText

/// `sitcen posts list`: the posts registry.
struct PostsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posts",
        abstract: "The posts registry: crossing points, liaison offices and posts.",
        subcommands: [List.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the posts of the registry.")
        @OptionGroup var registryOptions: RegistryOptions
        @Option(help: "Only the posts of this sector.") var sector: String?
        @Flag(help: "One JSON object a line.") var json = false

        func run() throws {
            let registry = try registryOptions.load()
            let posts = registry.posts.filter { sector == nil || $0.sector == sector }
            if let sector, posts.isEmpty {
                throw CLIError("no sector \(sector) in the registry; sectors: \(registry.sectors.map(\.code).joined(separator: ", "))")
            }
            if json {
                for p in posts {
                    Out.json(.object([("code", .string(p.code)), ("name_en", .string(p.nameEn)), ("name_ru", .string(p.nameRu)),
                                      ("country", .string(p.country)), ("neighbour", .string(p.neighbour)),
                                      ("kind", .string(p.kind.rawValue)), ("sector", .string(p.sector)),
                                      ("lat", .double(p.lat)), ("lon", .double(p.lon))]))
                }
                return
            }
            var t = TextTable(headers: ["CODE", "NAME", "НАЗВАНИЕ", "CTRY", "NBR", "KIND", "SECTOR", "LAT", "LON"],
                              rightAligned: [7, 8])
            for p in posts {
                t.add([p.code, p.nameEn, p.nameRu, p.country, p.neighbour, p.kind.rawValue, p.sector,
                       String(format: "%.2f", p.lat), String(format: "%.2f", p.lon)])
            }
            print(t.render())
            Out.line("\(posts.count) posts in \(Set(posts.map(\.sector)).count) sectors")
        }
    }
}
