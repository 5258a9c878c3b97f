import Foundation
import GRDB
import SitcenDomain
import SitcenRules

/// The engine's checkpoint row: the last report processed, the engine's whole state, and the
/// rules it runs, with a generation number that goes up at every write.
struct CheckpointRow {
    var generation: Int64
    var lastSeq: Int64?
    var state: Data
    var rules: Data
    var rulesSource: String?
    var updated: Timestamp

    static func fetch(_ db: Database) throws -> CheckpointRow? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM engine_checkpoint WHERE id = 1") else { return nil }
        return CheckpointRow(generation: row["generation"], lastSeq: row["last_seq"], state: row["state"],
                             rules: row["rules"], rulesSource: row["rules_source"],
                             updated: Timestamp(millis: row["updated_ms"]))
    }

    static func generation(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT generation FROM engine_checkpoint WHERE id = 1") ?? 0
    }

    static func save(_ db: Database, generation: Int64, lastSeq: Int64?, state: Data, rules: Data,
                     rulesSource: String?, at: Timestamp) throws {
        try db.execute(sql: """
            INSERT INTO engine_checkpoint(id, last_seq, generation, state, rules, rules_source, updated_ms)
            VALUES (1, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET last_seq = excluded.last_seq, generation = excluded.generation,
                state = excluded.state, rules = excluded.rules, rules_source = excluded.rules_source,
                updated_ms = excluded.updated_ms
            """, arguments: [lastSeq, generation, state, rules, rulesSource, at.millis])
    }
}

/// How the engine's state and rules are written into the checkpoint: JSON through Foundation's
/// encoder (a few MB encode in tens of milliseconds; the runner commits no more often than
/// that cost allows, see `EngineRunner`).
enum StateCodec {
    static func encode(_ s: EngineState) throws -> Data {
        let e = JSONEncoder()
        return try e.encode(s)
    }

    static func decode(_ d: Data) throws -> EngineState {
        try JSONDecoder().decode(EngineState.self, from: d)
    }

    static func encode(rules: [Rule]) throws -> Data { try JSONEncoder().encode(rules) }
    static func decodeRules(_ d: Data) throws -> [Rule] { try JSONDecoder().decode([Rule].self, from: d) }
}

/// The engine as this process holds it, with the generation of the checkpoint it matches.
struct CachedEngine {
    var generation: Int64
    var engine: RuleEngine
    var rulesData: Data
    var rulesSource: String?
}
