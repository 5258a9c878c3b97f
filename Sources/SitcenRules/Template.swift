import SitcenText

/// A description template: `{field}` is replaced by the triggering report's field, made safe
/// for a terminal; `{rule}` by the rule's name; `{{` and `}}` are literal braces. A field the
/// report does not have shows as `–`.
public struct Template: Sendable, Hashable, Codable {
    public enum Part: Sendable, Hashable, Codable {
        case literal(String)
        case field(FieldPath)
        case rule
    }

    public let text: String
    public let parts: [Part]

    /// A template without placeholders is its text; one with unknown fields is kept as text
    /// (use `parse` to get errors).
    public init(_ text: String) {
        self.text = text
        self.parts = (try? Template.parseParts(text)) ?? [.literal(text)]
    }

    /// Parses `text`, throwing a message naming the first unknown placeholder.
    public static func parse(_ text: String) throws(TemplateError) -> Template {
        _ = try parseParts(text)
        return Template(text)
    }

    public struct TemplateError: Error, Sendable { public var message: String }

    static func parseParts(_ text: String) throws(TemplateError) -> [Part] {
        var parts: [Part] = []
        var literal = ""
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let next = text.index(after: i)
            if c == "{", next < text.endIndex, text[next] == "{" { literal.append("{"); i = text.index(after: next); continue }
            if c == "}", next < text.endIndex, text[next] == "}" { literal.append("}"); i = text.index(after: next); continue }
            if c == "{" {
                guard let close = text[next...].firstIndex(of: "}") else {
                    throw TemplateError(message: "`{` without a closing `}` (write `{{` for a literal brace)")
                }
                let name = String(text[next..<close]).trimmingCharacters()
                if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
                if name == "rule" { parts.append(.rule) }
                else if let f = FieldPath(name) { parts.append(.field(f)) }
                else {
                    let hint = Suggest.closest(name, among: FieldPath.allNames + ["rule"]).map { " (did you mean `{\($0)}`?)" } ?? ""
                    throw TemplateError(message: "`{\(name)}` is not a field\(hint)")
                }
                i = text.index(after: close)
                continue
            }
            literal.append(c)
            i = next
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return parts
    }

    /// The fields the template names.
    public var fields: [FieldPath] { parts.compactMap { if case .field(let f) = $0 { return f } else { return nil } } }

    /// The text with placeholders filled in by `value`, every value made terminal-safe.
    public func render(rule: String, value: (FieldPath) -> String?) -> String {
        var out = ""
        for p in parts {
            switch p {
            case .literal(let s): out += TextSafety.terminal(s)
            case .rule: out += rule
            case .field(let f): out += value(f).map { TextSafety.terminal($0) } ?? "–"
            }
        }
        return out
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " { s.removeFirst() }
        while let l = s.last, l == " " { s.removeLast() }
        return String(s)
    }
}
