import GRDB

/// The alert tables, in the store's SQLite file, through a migrator of their own (identifiers
/// `alerts-…`). A migration is never edited once released: changes come as new migrations.
enum AlertSchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("alerts-v1") { db in
            // One row per alert the engine opened; `id` is the engine's own alert id (part of its
            // checkpointed state, so ids never collide after a restart).
            try db.execute(sql: """
                CREATE TABLE alerts (
                    id INTEGER PRIMARY KEY,
                    rule TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    severity_rank INTEGER NOT NULL,
                    rule_severity TEXT NOT NULL,
                    escalated INTEGER NOT NULL DEFAULT 0,
                    state TEXT NOT NULL,
                    assignee TEXT,
                    ack_by TEXT, ack_ms INTEGER,
                    count INTEGER NOT NULL,
                    first_ms INTEGER NOT NULL,
                    last_ms INTEGER NOT NULL,
                    silenced_by TEXT,
                    labels TEXT NOT NULL,
                    description TEXT NOT NULL,
                    sector TEXT,
                    resolved_ms INTEGER, resolved_by TEXT, resolve_reason TEXT,
                    last_event INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX alerts_state ON alerts(state, severity_rank, first_ms);
                CREATE INDEX alerts_fingerprint ON alerts(fingerprint);
                """)
            // Every report an alert holds (the engine keeps the first 50; this keeps them all).
            try db.execute(sql: """
                CREATE TABLE alert_reports (
                    alert_id INTEGER NOT NULL,
                    seq INTEGER NOT NULL,
                    post TEXT NOT NULL,
                    report_id TEXT NOT NULL,
                    sector TEXT NOT NULL,
                    PRIMARY KEY (alert_id, seq)
                ) WITHOUT ROWID;
                CREATE INDEX alert_reports_sector ON alert_reports(sector, alert_id);
                """)
            // The history: every engine event and every operator action, in order.
            try db.execute(sql: """
                CREATE TABLE alert_events (
                    event_id INTEGER PRIMARY KEY AUTOINCREMENT,
                    alert_id INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    at_ms INTEGER NOT NULL,
                    actor TEXT,
                    severity TEXT NOT NULL,
                    count INTEGER NOT NULL,
                    silenced INTEGER NOT NULL,
                    report_seq INTEGER,
                    details TEXT
                );
                CREATE INDEX alert_events_alert ON alert_events(alert_id, event_id);
                """)
            try db.execute(sql: """
                CREATE TABLE alert_notes (
                    note_id INTEGER PRIMARY KEY AUTOINCREMENT,
                    alert_id INTEGER NOT NULL,
                    at_ms INTEGER NOT NULL,
                    author TEXT NOT NULL,
                    text TEXT NOT NULL
                );
                CREATE INDEX alert_notes_alert ON alert_notes(alert_id, note_id);
                """)
            try db.execute(sql: """
                CREATE TABLE silences (
                    id TEXT PRIMARY KEY,
                    matchers TEXT NOT NULL,
                    starts_ms INTEGER NOT NULL,
                    ends_ms INTEGER NOT NULL,
                    author TEXT NOT NULL,
                    comment TEXT NOT NULL,
                    created_ms INTEGER NOT NULL,
                    expired_ms INTEGER,
                    expired_by TEXT
                ) WITHOUT ROWID;
                """)
            // The engine's checkpoint: one row, written in the same transaction as the alert
            // changes it produced. `generation` goes up with every write, so a process holding the
            // engine in memory sees when another process changed it (an ack from the CLI).
            try db.execute(sql: """
                CREATE TABLE engine_checkpoint (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    last_seq INTEGER,
                    generation INTEGER NOT NULL,
                    state BLOB NOT NULL,
                    rules BLOB NOT NULL,
                    rules_source TEXT,
                    updated_ms INTEGER NOT NULL
                );
                CREATE TABLE engine_lease (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    holder TEXT NOT NULL,
                    acquired_ms INTEGER NOT NULL,
                    expires_ms INTEGER NOT NULL
                );
                """)
            // Notifications: jobs queued in the same transaction as the events, and every attempt.
            try db.execute(sql: """
                CREATE TABLE notify_queue (
                    job_id INTEGER PRIMARY KEY AUTOINCREMENT,
                    receiver TEXT NOT NULL,
                    alert_id INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_ms INTEGER NOT NULL,
                    state TEXT NOT NULL DEFAULT 'pending',
                    created_ms INTEGER NOT NULL
                );
                CREATE INDEX notify_queue_due ON notify_queue(state, next_ms);
                CREATE TABLE deliveries (
                    delivery_id INTEGER PRIMARY KEY AUTOINCREMENT,
                    job_id INTEGER NOT NULL,
                    receiver TEXT NOT NULL,
                    alert_id INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    attempt INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    at_ms INTEGER NOT NULL,
                    error TEXT
                );
                CREATE INDEX deliveries_alert ON deliveries(alert_id);
                """)
            // The audit trail, a hash chain: hash = SHA-256(prev_hash + canonical entry).
            try db.execute(sql: """
                CREATE TABLE audit (
                    entry_id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at_ms INTEGER NOT NULL,
                    operator TEXT NOT NULL,
                    role TEXT NOT NULL,
                    action TEXT NOT NULL,
                    target TEXT NOT NULL,
                    details TEXT NOT NULL,
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                """)
        }
        m.registerMigration("alerts-v2") { db in
            // When the centre saw each alert last change (a report added, an escalation), and when
            // it reached its current severity: wall times, not the reports' observed times, so an
            // alert that arrives late (observed hours ago, received now) sorts and banners as new.
            // And the open alert that mutes it (a rule's `inhibits`), if any.
            try db.execute(sql: """
                ALTER TABLE alerts ADD COLUMN activity_ms INTEGER;
                ALTER TABLE alerts ADD COLUMN raised_ms INTEGER;
                ALTER TABLE alerts ADD COLUMN inhibited_by INTEGER;
                UPDATE alerts SET activity_ms = last_ms, raised_ms = last_ms;
                CREATE INDEX alerts_queue ON alerts(state, severity_rank, activity_ms);
                """)
        }
        return m
    }
}
