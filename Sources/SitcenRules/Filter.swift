import Foundation
import SitcenDomain
import SitcenText

typealias ReportPredicate = @Sendable (LoggedReport) -> Bool

/// A filter compiled into closures once, so that a report is tested without any parsing or
/// lookups by name.
enum FilterCompiler {
    static func compile(_ filter: [FieldCondition], registry: Registry) -> ReportPredicate {
        let parts = filter.map { compile($0.condition, reader: FieldReader(path: $0.field, registry: registry)) }
        switch parts.count {
        case 0: return { _ in true }
        case 1: return parts[0]
        case 2: let a = parts[0], b = parts[1]; return { a($0) && b($0) }
        default: return { r in parts.allSatisfy { $0(r) } }
        }
    }

    static func compile(_ c: Condition, reader: FieldReader) -> ReportPredicate {
        switch c {
        case .not(let inner):
            let p = compile(inner, reader: reader)
            return { !p($0) }
        case .all(let cs):
            let ps = cs.map { compile($0, reader: reader) }
            return { r in ps.allSatisfy { $0(r) } }
        case .anyOf(let cs):
            // A list of plain values on a text field: one set lookup.
            if let set = textSet(cs, reader.path) {
                return { r in
                    guard let v = reader.text(r) else { return false }
                    return set.contains(v) || set.contains(v.lowercased())
                }
            }
            let ps = cs.map { compile($0, reader: reader) }
            return { r in ps.contains { $0(r) } }
        case .equals, .gte, .lte, .regex:
            return leaf(c, reader: reader)
        }
    }

    private static func textSet(_ cs: [Condition], _ path: FieldPath) -> Set<String>? {
        guard case .known(let k) = path, k.kind == .text || k.kind == .severity else { return nil }
        var set: Set<String> = []
        for c in cs {
            guard case .equals(let v) = c else { return nil }
            set.insert(v.description); set.insert(v.description.lowercased())
        }
        return set
    }

    private static func leaf(_ c: Condition, reader: FieldReader) -> ReportPredicate {
        let never: ReportPredicate = { _ in false }
        switch reader.path {
        case .extra:
            guard let test = ExtraTest(c) else { return never }
            return { r in reader.extraValues(r).contains { test.matches($0) } }
        case .known(let k):
            switch k.kind {
            case .text:
                guard let test = textTest(c) else { return never }
                return { r in reader.text(r).map(test) ?? false }
            case .severity:
                if case .gte(let v) = c, let s = Severity(rawValue: v.description.lowercased()) {
                    return { r in r.report.severity.map { $0 >= s } ?? false }
                }
                if case .lte(let v) = c, let s = Severity(rawValue: v.description.lowercased()) {
                    return { r in r.report.severity.map { $0 <= s } ?? false }
                }
                guard let test = textTest(c) else { return never }
                return { r in reader.text(r).map(test) ?? false }
            case .number:
                guard let test = numberTest(c) else { return never }
                return { r in reader.number(r).map(test) ?? false }
            case .time:
                guard let test = timeTest(c) else { return never }
                return { r in reader.time(r).map(test) ?? false }
            case .bool:
                guard case .equals(.bool(let b)) = c else { return never }
                return { r in r.report.retracted == b }
            case .list:
                guard let test = textTest(c) else { return never }
                return { r in reader.list(r).contains(where: test) }
            case .search:
                switch c {
                case .equals(let v):
                    let needle = Fold.key(v.description)
                    return { r in reader.list(r).contains { Fold.key($0).contains(needle) } }
                case .regex(let pattern):
                    guard let rx = WholeRegex(pattern) else { return never }
                    return { r in reader.list(r).contains { rx.matches($0) } }
                default: return never
                }
            }
        }
    }

    static func textTest(_ c: Condition) -> (@Sendable (String) -> Bool)? {
        switch c {
        case .equals(let v):
            let want = v.description
            return { TextMatch.equalFoldingCase($0, want) }
        case .regex(let pattern):
            guard let rx = WholeRegex(pattern) else { return nil }
            return { rx.matches($0) }
        default: return nil
        }
    }

    static func numberTest(_ c: Condition) -> (@Sendable (Double) -> Bool)? {
        switch c {
        case .equals(.number(let n)): return { $0 == n }
        case .gte(.number(let n)): return { $0 >= n }
        case .lte(.number(let n)): return { $0 <= n }
        default: return nil
        }
    }

    static func timeTest(_ c: Condition) -> (@Sendable (Int64) -> Bool)? {
        switch c {
        case .equals(.text(let s)): guard let t = Timestamp.parse(s)?.millis else { return nil }; return { $0 == t }
        case .gte(.text(let s)): guard let t = Timestamp.parse(s)?.millis else { return nil }; return { $0 >= t }
        case .lte(.text(let s)): guard let t = Timestamp.parse(s)?.millis else { return nil }; return { $0 <= t }
        default: return nil
        }
    }
}

/// A test on one value of an `extra.NAME` field.
struct ExtraTest: Sendable {
    let test: @Sendable (ExtraValue) -> Bool
    init?(_ c: Condition) {
        switch c {
        case .equals(let want):
            test = { v in
                switch (v, want) {
                case (.number(let a), .number(let b)): return a == b
                case (.bool(let a), .bool(let b)): return a == b
                default: return TextMatch.equalFoldingCase(v.text, want.description)
                }
            }
        case .gte(.number(let n)): test = { if case .number(let d) = $0 { return d >= n } else { return false } }
        case .lte(.number(let n)): test = { if case .number(let d) = $0 { return d <= n } else { return false } }
        case .regex(let pattern):
            guard let rx = WholeRegex(pattern) else { return nil }
            test = { rx.matches($0.text) }
        default: return nil
        }
    }
    func matches(_ v: ExtraValue) -> Bool { test(v) }
}

extension FieldReader {
    func extraValues(_ r: LoggedReport) -> [ExtraValue] {
        guard case .extra(let name) = path else { return [] }
        return ExtraFields.values(name, r.report.extraJSON)
    }
}

enum TextMatch {
    /// Case-insensitive equality, with a fast path for ASCII.
    @inline(__always)
    static func equalFoldingCase(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        var ia = a.utf8.makeIterator(), ib = b.utf8.makeIterator()
        while true {
            let x = ia.next(), y = ib.next()
            guard let x, let y else { return x == nil && y == nil }
            if x >= 0x80 || y >= 0x80 { return a.lowercased() == b.lowercased() }
            if x == y { continue }
            let lx = (x >= 0x41 && x <= 0x5A) ? x | 0x20 : x
            let ly = (y >= 0x41 && y <= 0x5A) ? y | 0x20 : y
            if lx != ly { return false }
        }
    }
}

/// A regular expression that must match a whole value (as in Alertmanager).
struct WholeRegex: @unchecked Sendable {
    // NSRegularExpression is immutable and safe to use from several threads.
    private let rx: NSRegularExpression

    init?(_ pattern: String) {
        guard let rx = try? NSRegularExpression(pattern: "\\A(?:" + pattern + ")\\z") else { return nil }
        self.rx = rx
    }

    static func error(_ pattern: String) -> String? {
        do { _ = try NSRegularExpression(pattern: "\\A(?:" + pattern + ")\\z"); return nil }
        catch { return "not a valid regular expression" }
    }

    func matches(_ s: String) -> Bool {
        let ns = s as NSString
        return rx.firstMatch(in: s, options: [], range: NSRange(location: 0, length: ns.length)) != nil
    }
}
