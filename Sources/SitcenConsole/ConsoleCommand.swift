import SitcenDomain
import SitcenText
import TermUI

/// A `:` command, parsed. Filters narrow what every pane shows.
public enum ConsoleCommand: Equatable, Sendable {
    public enum FilterChange: Equatable, Sendable {
        case since(Int64?), post(String?), sector(String?), substance(String?), category(SubstanceCategory?), type(ReportType?)

        func apply(to f: inout Filters) {
            switch self {
            case .since(let v): f.sinceSeconds = v
            case .post(let v): f.post = v
            case .sector(let v): f.sector = v
            case .substance(let v): f.substance = v
            case .category(let v): f.category = v
            case .type(let v): f.type = v
            }
        }
    }

    case filter(FilterChange)
    case clear
    case theme(String)
    case help
    case quit
    case view(ConsoleView)
    case language(Strings.Language)
    /// The shift SITREP for the last `seconds` (default 12 h).
    case handover(Int64)

    /// Parses `since 24h`, `post KZ-KHR`, `sector KZ-EAST`, `substance героин`, `category nps`,
    /// `type incident`, `clear`, `theme NAME`, `help`, `q`. A filter without a value
    /// (`:post`) removes that filter. Errors say what was expected.
    /// Every command's name (and its aliases), for completion and "did you mean".
    public static let verbs = ["since", "post", "sector", "substance", "category", "type", "clear", "theme", "lang",
                               "handover", "help", "quit", "overview", "reports", "alerts", "map", "posts", "trends", "silences", "quality"]
    static let aliases = ["cat", "language", "sitrep", "h", "q"]

    /// Parses a command line. A command typed with the Russian keyboard layout on (`:ыштсу 6р`)
    /// is recognised as the Latin keys pressed (`:since 6h`); its argument is taken as typed
    /// when that works (`:post Хоргос`), else as the Latin keys too.
    public static func parse(_ line: String, registry: Registry, substances: SubstanceCatalog = .standard) -> Result<ConsoleCommand, ParseError> {
        let typed = parseTyped(line, registry: registry, substances: substances)
        guard case .failure(let error) = typed, error.unknownVerb else { return typed }
        let words = line.trimmingSpaces().split(separator: " ", maxSplits: 1).map(String.init)
        guard let verb = words.first else { return typed }
        if KeyboardLayout.looksRussianLayout(verb) {
            let latin = KeyboardLayout.latin(verb).lowercased()
            guard verbs.contains(latin) || aliases.contains(latin) else {
                return .failure(ParseError("unknown command :\(verb): typed in the Russian layout? Switch the keyboard to Latin (:help lists the commands)"))
            }
            let arg = words.count > 1 ? words[1] : nil
            let asTyped = parseTyped(([latin] + (arg.map { [$0] } ?? [])).joined(separator: " "), registry: registry, substances: substances)
            if case .success(let c) = asTyped, !(arg.map(KeyboardLayout.looksRussianLayout) ?? false) || c.knows { return asTyped }
            if let arg {
                let translated = parseTyped(latin + " " + KeyboardLayout.latin(arg), registry: registry, substances: substances)
                if case .success(let c) = translated, c.knows { return translated }
            }
            if case .success = asTyped { return asTyped }
            if case .failure(let e) = asTyped {
                return .failure(ParseError(e.description + " (the keyboard is in the Russian layout: switch it to Latin)"))
            }
            return asTyped
        }
        if let near = Suggest.closest(verb.lowercased(), among: verbs) {
            return .failure(ParseError("unknown command :\(verb); did you mean :\(near)? (:help lists the commands)"))
        }
        return typed
    }

    /// Whether the command names something known (a substance of the catalogue, a post): an
    /// argument typed in the wrong layout gives an unknown one.
    var knows: Bool {
        if case .filter(.substance(let s?)) = self { return SubstanceCatalog.standard.match(s).known }
        return true
    }

    static func parseTyped(_ line: String, registry: Registry, substances: SubstanceCatalog) -> Result<ConsoleCommand, ParseError> {
        let words = line.trimmingSpaces().split(separator: " ", maxSplits: 1).map(String.init)
        guard let verb = words.first?.lowercased() else { return .failure(ParseError("type a command, :help lists them")) }
        let arg = words.count > 1 ? words[1].trimmingSpaces() : nil
        switch verb {
        case "since":
            guard let arg else { return .success(.filter(.since(nil))) }
            guard let s = DurationText.seconds(arg), s > 0 else { return .failure(ParseError(":since takes a duration such as 90m, 24h or 7d")) }
            return .success(.filter(.since(s)))
        case "post":
            guard let arg else { return .success(.filter(.post(nil))) }
            let code = arg.uppercased()
            if registry.contains(code) { return .success(.filter(.post(code))) }
            // A name in any script: Хоргос, khorgos.
            let key = Fold.keyOfName(arg)
            if let p = registry.posts.first(where: { Fold.keyOfName($0.nameEn) == key || Fold.keyOfName($0.nameRu) == key }) {
                return .success(.filter(.post(p.code)))
            }
            return .failure(ParseError("no post \(arg); codes look like KZ-KHR (sitcen posts list)"))
        case "sector":
            guard let arg else { return .success(.filter(.sector(nil))) }
            let code = arg.uppercased()
            guard registry.sector(code) != nil else {
                return .failure(ParseError("no sector \(arg); sectors: \(registry.sectors.map(\.code).joined(separator: ", "))"))
            }
            return .success(.filter(.sector(code)))
        case "substance":
            guard let arg else { return .success(.filter(.substance(nil))) }
            return .success(.filter(.substance(substances.match(arg).canonical)))
        case "category", "cat":
            guard let arg else { return .success(.filter(.category(nil))) }
            guard let c = SubstanceCategory(rawValue: arg.lowercased()) else {
                return .failure(ParseError(":category takes one of \(SubstanceCategory.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            return .success(.filter(.category(c)))
        case "type":
            guard let arg else { return .success(.filter(.type(nil))) }
            guard let t = ReportType(rawValue: arg.lowercased()) else {
                return .failure(ParseError(":type takes seizure, incident, sitrep or tip"))
            }
            return .success(.filter(.type(t)))
        case "clear": return .success(.clear)
        case "theme":
            guard let arg else { return .failure(ParseError(":theme takes a name: dark, light, high-contrast, monochrome")) }
            return .success(.theme(arg))
        case "lang", "language":
            guard let arg, let l = Strings.Language(rawValue: arg.lowercased()) else {
                return .failure(ParseError(":lang takes en or ru"))
            }
            return .success(.language(l))
        case "handover", "sitrep":
            guard let arg else { return .success(.handover(43_200)) }
            guard let s = DurationText.seconds(arg), s > 0 else { return .failure(ParseError(":handover takes a shift length such as 12h")) }
            return .success(.handover(s))
        case "help", "h": return .success(.help)
        case "q", "quit": return .success(.quit)
        case "overview": return .success(.view(.overview))
        case "reports": return .success(.view(.reports))
        case "alerts": return .success(.view(.alerts))
        case "map": return .success(.view(.map))
        case "posts": return .success(.view(.posts))
        case "trends": return .success(.view(.trends))
        case "silences": return .success(.view(.silences))
        case "quality": return .success(.view(.quality))
        default:
            return .failure(ParseError("unknown command :\(verb); :help lists the commands", unknownVerb: true))
        }
    }

    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
        /// The first word is no command (so the layout and typos are worth a second look).
        var unknownVerb = false
        init(_ d: String, unknownVerb: Bool = false) { description = d; self.unknownVerb = unknownVerb }
    }
}

import SitcenText

extension Fold {
    /// A name's key for exact comparison (spaces and punctuation dropped).
    static func keyOfName(_ s: String) -> String {
        String(key(s).unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil })
    }
}
