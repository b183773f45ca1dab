//! Versioned migrations: `PRAGMA user_version` is the number of migrations applied. Each
//! migration runs in its own transaction with the version bump.

use std::path::Path;

use rusqlite::Connection;

use crate::{Result, StoreError};

/// Migrations in order; never edit a released one, append a new one.
const MIGRATIONS: &[&str] = &[
    // 1: documents, events, mentions, revisions
    "
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    doc_key TEXT NOT NULL,
    url TEXT,
    title TEXT,
    source TEXT,
    published TEXT,
    text TEXT NOT NULL,
    ingested_at INTEGER NOT NULL,
    n_events INTEGER NOT NULL DEFAULT 0,
    n_review INTEGER NOT NULL DEFAULT 0,
    superseded_by INTEGER REFERENCES documents (id)
);
CREATE INDEX documents_url ON documents (url);
CREATE INDEX documents_key ON documents (doc_key);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    event_id_cnty TEXT NOT NULL,
    origin TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0,
    event_date TEXT,
    year INTEGER NOT NULL DEFAULT 0,
    time_precision INTEGER NOT NULL DEFAULT 0,
    disorder_type TEXT NOT NULL DEFAULT '',
    event_type TEXT NOT NULL DEFAULT '',
    sub_event_type TEXT NOT NULL DEFAULT '',
    actor1 TEXT NOT NULL DEFAULT '',
    assoc_actor_1 TEXT NOT NULL DEFAULT '',
    inter1 INTEGER NOT NULL DEFAULT 0,
    actor2 TEXT NOT NULL DEFAULT '',
    assoc_actor_2 TEXT NOT NULL DEFAULT '',
    inter2 INTEGER NOT NULL DEFAULT 0,
    interaction INTEGER NOT NULL DEFAULT 0,
    civilian_targeting TEXT NOT NULL DEFAULT '',
    iso INTEGER NOT NULL DEFAULT 0,
    region TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    admin1 TEXT NOT NULL DEFAULT '',
    admin2 TEXT NOT NULL DEFAULT '',
    admin3 TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    latitude REAL,
    longitude REAL,
    geo_precision INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT '',
    source_scale TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    fatalities INTEGER NOT NULL DEFAULT 0,
    tags TEXT NOT NULL DEFAULT '',
    timestamp INTEGER,
    confidence REAL NOT NULL DEFAULT 0,
    fatality_basis TEXT NOT NULL DEFAULT 'none'
);
CREATE UNIQUE INDEX events_id_cnty ON events (event_id_cnty) WHERE event_id_cnty <> '';
CREATE INDEX events_country_date ON events (country, event_date);
CREATE INDEX events_date ON events (event_date);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('event', 'review')),
    event_id INTEGER REFERENCES events (id),
    record TEXT NOT NULL,
    evidence TEXT NOT NULL,
    UNIQUE (document_id, kind, idx)
);
CREATE INDEX mentions_event ON mentions (event_id);

CREATE TABLE revisions (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id),
    revision INTEGER NOT NULL,
    at INTEGER NOT NULL,
    mention_id INTEGER REFERENCES mentions (id),
    reason TEXT NOT NULL,
    changes TEXT NOT NULL,
    UNIQUE (event_id, revision)
);
",
    // 2: case-insensitive filters of the API (country, admin1, event type) use an index
    "
CREATE INDEX events_country_nocase ON events (country COLLATE NOCASE, event_date);
CREATE INDEX events_admin1_nocase ON events (admin1 COLLATE NOCASE, event_date);
CREATE INDEX events_type_nocase ON events (event_type COLLATE NOCASE, event_date);
",
];

/// The schema version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Refuse, before anything is written, a file that is not SQLite, a SQLite file of another
/// program, or a harmattan file newer than this build. Returns the version found.
pub(crate) fn check(conn: &Connection, path: &Path) -> Result<i64> {
    let found: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotSqlite { path: path.into() },
            _ => StoreError::Sqlite(e),
        })?;
    if found == 0 {
        let tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            [],
            |r| r.get(0),
        )?;
        if tables > 0 {
            return Err(StoreError::Foreign { path: path.into() });
        }
    }
    if found > VERSION {
        return Err(StoreError::TooNew {
            path: path.into(),
            found,
            known: VERSION,
        });
    }
    Ok(found)
}

/// Apply the migrations newer than the file's version.
pub(crate) fn migrate(conn: &Connection, path: &Path) -> Result<()> {
    let found = check(conn, path)?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let v = i as i64 + 1;
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {sql}; PRAGMA user_version = {v}; COMMIT;"
        ))
        .inspect_err(|_| {
            let _ = conn.execute_batch("ROLLBACK");
        })?;
    }
    Ok(())
}
