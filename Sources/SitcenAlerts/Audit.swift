import Crypto
import Foundation
import GRDB
import SitcenDomain
import SitcenText

/// One entry of the audit trail.
public struct AuditEntry: Sendable, Hashable {
    public var id: Int64
    public var at: Timestamp
    public var operatorName: String
    public var role: String
    /// `alert.ack`, `alert.assign`, `alert.note`, `alert.resolve`, `silence.add`,
    /// `silence.expire`, `rules.reload`, `quarantine.discard`…
    public var action: String
    /// What it was done to: `alert 12`, `silence s-…`, a rules folder, `quarantine 7`.
    public var target: String
    public var details: String
    public var prevHash: String
    public var hash: String

    /// The text that is hashed: the entry as a JSON array, in a fixed order.
    public var canonical: String {
        JSONValue.array([.int(id), .int(at.millis), .string(operatorName), .string(role), .string(action),
                         .string(target), .string(details)]).serialized()
    }

    /// `hash = SHA-256(prev_hash + canonical)`, lowercase hex.
    public static func chainHash(prev: String, canonical: String) -> String {
        SHA256.hash(data: Data((prev + canonical).utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// The result of checking the chain.
public enum AuditVerification: Sendable, Equatable {
    /// Every entry matches; `head` is the newest hash (compare it with the paper shift log).
    case ok(count: Int, head: String?)
    /// The first entry that does not match, and why.
    case broken(entry: Int64, reason: String)
}

/// The audit trail: an append-only table whose entries are chained by SHA-256, so that editing
/// or deleting an entry breaks the chain at that entry. A rewrite of the whole chain from some
/// entry on would verify again; that is why the head hash goes into the paper shift log at each
/// handover (`sitcen audit head`): a head that differs from the one written down shows it.
public enum Audit {
    public static let genesis = String(repeating: "0", count: 64)

    /// Appends an entry inside the caller's transaction (so it commits with the action itself).
    @discardableResult
    public static func append(_ db: Database, officer: Operator, action: String, target: String, details: String,
                              at: Timestamp) throws -> AuditEntry {
        let prev = try String.fetchOne(db, sql: "SELECT hash FROM audit ORDER BY entry_id DESC LIMIT 1") ?? genesis
        let next = (try Int64.fetchOne(db, sql: "SELECT IFNULL(MAX(entry_id), 0) FROM audit") ?? 0) + 1
        var e = AuditEntry(id: next, at: at, operatorName: officer.name, role: officer.role.rawValue, action: action,
                           target: target, details: details, prevHash: prev, hash: "")
        e.hash = AuditEntry.chainHash(prev: prev, canonical: e.canonical)
        try db.execute(sql: """
            INSERT INTO audit(entry_id, at_ms, operator, role, action, target, details, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [e.id, e.at.millis, e.operatorName, e.role, e.action, e.target, e.details, e.prevHash, e.hash])
        return e
    }

    static func entry(_ row: Row) -> AuditEntry {
        AuditEntry(id: row["entry_id"], at: Timestamp(millis: row["at_ms"]), operatorName: row["operator"], role: row["role"],
                   action: row["action"], target: row["target"], details: row["details"],
                   prevHash: row["prev_hash"], hash: row["hash"])
    }
}

extension AlertStore {
    /// Appends an audit entry of its own transaction.
    @discardableResult
    public func audit(_ officer: Operator, action: String, target: String, details: String) throws -> AuditEntry {
        let now = clock()
        return try store.write { db in try Audit.append(db, officer: officer, action: action, target: target, details: details, at: now) }
    }

    /// For `sitcen quarantine discard`: records the discard in the audit trail.
    @discardableResult
    public func auditQuarantineDiscard(entry: Int64, by officer: Operator, reason: String) throws -> AuditEntry {
        try audit(officer, action: "quarantine.discard", target: "quarantine \(entry)", details: reason)
    }

    /// Entries oldest first (`afterID` pages on; `limit` 0: all).
    public func auditEntries(afterID: Int64 = 0, limit: Int = 0) throws -> [AuditEntry] {
        try store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE entry_id > ? ORDER BY entry_id" + (limit > 0 ? " LIMIT \(limit)" : ""),
                             arguments: [afterID]).map(Audit.entry)
        }
    }

    /// The newest entry (its hash is the head of the chain).
    public func auditHead() throws -> AuditEntry? {
        try store.read { db in try Row.fetchOne(db, sql: "SELECT * FROM audit ORDER BY entry_id DESC LIMIT 1").map(Audit.entry) }
    }

    /// Walks the chain from the first entry and names the first one that does not match.
    public func verifyAudit() throws -> AuditVerification {
        try store.read { db in
            var prev = Audit.genesis
            var expectedID: Int64 = 1
            var count = 0
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM audit ORDER BY entry_id")
            while let row = try cursor.next() {
                let e = Audit.entry(row)
                if e.id != expectedID {
                    return .broken(entry: e.id, reason: "entry \(expectedID) is missing (the entries jump from \(expectedID - 1) to \(e.id))")
                }
                if e.prevHash != prev {
                    return .broken(entry: e.id, reason: "its previous hash is not the hash of entry \(e.id - 1): an entry before it was changed or removed")
                }
                if AuditEntry.chainHash(prev: prev, canonical: e.canonical) != e.hash {
                    return .broken(entry: e.id, reason: "its content does not match its hash: the entry was changed")
                }
                prev = e.hash
                expectedID += 1
                count += 1
            }
            return .ok(count: count, head: count == 0 ? nil : prev)
        }
    }
}
