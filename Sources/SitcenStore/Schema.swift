import GRDB

/// The store's schema, as GRDB migrations. A migration is never edited once released:
/// changes come as new migrations, so every store upgrades in place.
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-reports") { db in
            // Where records came from: a file, stdin, an HTTP request. `csv_header` lets a
            // quarantined CSV row be decoded again on retry.
            try db.execute(sql: """
                CREATE TABLE sources (
                    source_id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    csv_header TEXT,
                    first_ms INTEGER NOT NULL,
                    last_ms INTEGER NOT NULL
                );
                """)
            // The log. `seq` is the sequence number that consoles and the rule engine tail:
            // AUTOINCREMENT so a number is never reused. Every revision of a report is a row;
            // `superseded` marks the ones a newer revision replaced.
            try db.execute(sql: """
                CREATE TABLE reports (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    post TEXT NOT NULL,
                    id TEXT NOT NULL,
                    revision INTEGER NOT NULL,
                    type TEXT NOT NULL,
                    observed_ms INTEGER NOT NULL,
                    observed_off INTEGER NOT NULL,
                    reported_ms INTEGER,
                    reported_off INTEGER,
                    received_ms INTEGER NOT NULL,
                    lat REAL, lon REAL, place TEXT,
                    substance TEXT, substance_canon TEXT, category TEXT, substance_known INTEGER,
                    quantity REAL, unit TEXT, qty_kg REAL,
                    origin TEXT, destination TEXT, transit TEXT, transport TEXT,
                    conveyance TEXT, concealment TEXT, vehicle TEXT, arrested INTEGER,
                    nationalities TEXT, severity TEXT, summary TEXT, tlp TEXT,
                    retracted INTEGER NOT NULL,
                    extra TEXT,
                    country TEXT NOT NULL,
                    sector TEXT NOT NULL,
                    source_id INTEGER NOT NULL,
                    source_line INTEGER NOT NULL,
                    content_hash BLOB NOT NULL,
                    superseded INTEGER NOT NULL DEFAULT 0
                );
                CREATE UNIQUE INDEX reports_key ON reports(post, id, revision);
                CREATE INDEX reports_observed ON reports(observed_ms);
                CREATE INDEX reports_sector ON reports(sector, seq);
                CREATE INDEX reports_substance ON reports(substance_canon, observed_ms) WHERE substance_canon IS NOT NULL;
                """)
            // Last contact per post, kept in the same transaction as the reports.
            try db.execute(sql: """
                CREATE TABLE post_status (
                    post TEXT PRIMARY KEY,
                    last_seq INTEGER NOT NULL,
                    last_received_ms INTEGER NOT NULL,
                    last_observed_ms INTEGER NOT NULL,
                    reports INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
            // What could not be accepted, with the evidence and a reason a person can read.
            // Unique on (source, line, bytes) so reading the same file again adds nothing.
            try db.execute(sql: """
                CREATE TABLE quarantine (
                    qid INTEGER PRIMARY KEY AUTOINCREMENT,
                    at_ms INTEGER NOT NULL,
                    source_id INTEGER NOT NULL,
                    first_line INTEGER NOT NULL,
                    last_line INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    raw BLOB NOT NULL,
                    raw_size INTEGER NOT NULL,
                    raw_hash BLOB NOT NULL,
                    post TEXT, report_id TEXT, revision INTEGER,
                    existing_seq INTEGER,
                    existing_content TEXT,
                    state TEXT NOT NULL DEFAULT 'pending',
                    resolved_ms INTEGER, resolved_by TEXT, resolution TEXT
                );
                CREATE UNIQUE INDEX quarantine_evidence ON quarantine(source_id, first_line, raw_hash);
                CREATE INDEX quarantine_state ON quarantine(state, qid);
                """)
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                INSERT INTO meta(key, value) VALUES ('format', 'sitcen-store-1');
                """)
        }
        m.registerMigration("v2-search") { db in
            // The index behind `/` (SearchIndex): the folded text of every report, by trigrams.
            try db.execute(sql: SearchIndex.create)
            try SearchIndex.backfill(db)
        }
        return m
    }
}
