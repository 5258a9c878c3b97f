import Yams

/// A YAML node with the path of keys that led to it, for messages.
struct Located {
    let node: Node
    let path: String

    var mark: Mark? { node.mark }

    func child(_ key: String) -> String { path.isEmpty ? key : path + "." + key }
    func index(_ i: Int) -> String { path + "[\(i)]" }

    /// The pairs of a mapping, with the key's text and mark.
    var pairs: [(key: String, keyNode: Node, value: Located)]? {
        guard case .mapping(let m) = node else { return nil }
        return m.map { k, v in
            let name = k.scalar?.string ?? "\(k)"
            return (name, k, Located(node: v, path: child(name)))
        }
    }

    var items: [Located]? {
        guard case .sequence(let s) = node else { return nil }
        return s.enumerated().map { Located(node: $1, path: index($0)) }
    }

    var scalar: Node.Scalar? { if case .scalar(let s) = node { return s } else { return nil } }

    /// A plain (unquoted) scalar: YAML numbers and booleans.
    var plain: String? {
        guard let s = scalar, s.style == .plain else { return nil }
        return s.string
    }

    var isNull: Bool {
        guard let s = scalar else { return false }
        return s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    var string: String? { isNull ? nil : scalar?.string }

    var number: Double? {
        guard let p = plain, let d = Double(p.replacingUnderscores()), d.isFinite else { return nil }
        return d
    }

    var int: Int? {
        guard let p = plain else { return nil }
        return Int(p.replacingUnderscores())
    }

    var bool: Bool? {
        switch plain {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }
}

extension String {
    func replacingUnderscores() -> String { contains("_") ? String(filter { $0 != "_" }) : self }
}
