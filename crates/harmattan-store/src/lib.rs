//! harmattan-store: the embedded SQLite store of documents, mentions, fused events and their
//! revision history.
//!
//! - A **document** is one article, keyed by its content hash (and carrying its URL or the
//!   caller's id): storing the same text twice changes nothing.
//! - A **mention** is an event as one document reports it: the extractor's record with its
//!   evidence spans. Incidents the extractor queued for review are kept as mentions too.
//! - An **event** is the fused record of every mention of one incident (see [`fuse`]). Its
//!   `event_id_cnty` (`X` + ISO3 + `-` + serial, never like ACLED's ids) never changes.
//! - A **revision** records what changed in an event, when, and why.
//!
//! Each document is stored in one transaction: after a crash the store holds whole documents
//! or nothing of them. The file uses WAL; the schema is versioned by `PRAGMA user_version`.

pub mod fuse;
mod query;
mod schema;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use harmattan_core::{Document, Event, Extraction, FatalityBasis};
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use serde::{Deserialize, Serialize};

pub use fuse::{Change, Mention};
pub use query::{EventSource, EvidenceSpan, Facets, Page, Stat, StatGroup, Stats, TimelinePoint};

/// What the store can fail with.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not a SQLite database.
    #[error("{path}: not a harmattan database (not a SQLite file); it was left untouched")]
    NotSqlite {
        /// The file.
        path: PathBuf,
    },
    /// A SQLite database of some other program.
    #[error("{path}: a SQLite database of another program (it has tables but no harmattan schema); it was left untouched")]
    Foreign {
        /// The file.
        path: PathBuf,
    },
    /// The database was written by a newer harmattan.
    #[error("{path}: schema version {found} is newer than this harmattan knows ({known}); upgrade harmattan")]
    TooNew {
        /// The file.
        path: PathBuf,
        /// `user_version` found.
        found: i64,
        /// Latest version this build knows.
        known: i64,
    },
    /// Opening or creating the file failed.
    #[error("{path}: cannot open database: {message}")]
    Open {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// A SQLite error during an operation.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored JSON record could not be read back.
    #[error("stored record is not valid: {0}")]
    Json(#[from] serde_json::Error),
    /// No event with that id.
    #[error("no event {0}")]
    NoSuchEvent(String),
}

/// Result alias.
pub type Result<T> = std::result::Result<T, StoreError>;

/// Where an event came from.
pub const ORIGIN_HARMATTAN: &str = "harmattan";
/// Events loaded from an ACLED export.
pub const ORIGIN_ACLED: &str = "ACLED";

/// The outcome of storing one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ingested {
    /// The same content was already stored; nothing changed.
    Duplicate,
    /// Stored.
    Stored {
        /// Row id of the document (an earlier version at the same URL is superseded).
        document: i64,
        /// Mentions stored (events plus review items).
        mentions: usize,
        /// Events created.
        new_events: usize,
        /// Existing events a mention joined.
        joined_events: usize,
    },
}

/// Counts of stored rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    /// Documents.
    pub documents: u64,
    /// Mentions (events and review items as documents report them).
    pub mentions: u64,
    /// Fused events (including imported ones).
    pub events: u64,
    /// Revisions.
    pub revisions: u64,
}

/// An event as stored.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    /// The fused record (`event_id_cnty` and `timestamp` set).
    pub event: Event,
    /// `harmattan` or `ACLED`.
    pub origin: String,
    /// Current revision number (1 on creation).
    pub revision: i64,
    /// How many mentions it fuses.
    pub mentions: i64,
    /// How many current documents report it (superseded versions left out); for an event
    /// without stored reports (imported from ACLED), the number of sources it names.
    pub sources: i64,
}

/// One revision of an event.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Revision {
    /// 1 on creation, then +1 per change.
    pub revision: i64,
    /// Unix seconds.
    pub at: i64,
    /// Why the event was written: which document and how it matched.
    pub reason: String,
    /// Field changes with their reasons.
    pub changes: Vec<Change>,
}

/// Filters of [`Store::events`] and the API queries; `None` means any.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Earliest event date.
    pub from: Option<NaiveDate>,
    /// Latest event date.
    pub to: Option<NaiveDate>,
    /// Country (exact, case-insensitive).
    pub country: Option<String>,
    /// Admin1 (exact, case-insensitive).
    pub admin1: Option<String>,
    /// Event type, sub-event type or disorder type (exact, case-insensitive).
    pub event_type: Option<String>,
    /// Sub-event type only (exact, case-insensitive).
    pub sub_event_type: Option<String>,
    /// Substring of actor1, actor2 or an associated actor (case-insensitive).
    pub actor: Option<String>,
    /// Substring of notes, location or source (case-insensitive).
    pub text: Option<String>,
    /// Free text: substring of notes, location, admin1, admin2, actors or source
    /// (case-insensitive).
    pub query: Option<String>,
    /// Only events with coordinates inside this box (inclusive).
    pub bbox: Option<Bbox>,
    /// Only events with at least this many fatalities.
    pub min_fatalities: Option<u32>,
    /// Only events of this origin.
    pub origin: Option<String>,
}

/// A longitude/latitude box (degrees, WGS 84).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bbox {
    /// West edge.
    pub min_lon: f64,
    /// South edge.
    pub min_lat: f64,
    /// East edge.
    pub max_lon: f64,
    /// North edge.
    pub max_lat: f64,
}

/// The store: one SQLite connection.
pub struct Store {
    conn: Connection,
    iso3: HashMap<u16, String>,
}

/// The 128-bit FNV-1a hash of a document's title and text, as 32 hex digits: the identity of
/// its content.
pub fn content_hash(doc: &Document) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h = OFFSET;
    let title = doc.title.as_deref().unwrap_or("");
    for part in [title.as_bytes(), b"\x00", doc.text.as_bytes()] {
        for &b in part {
            h ^= b as u128;
            h = h.wrapping_mul(PRIME);
        }
    }
    format!("{h:032x}")
}

/// The first 16 bytes of every SQLite 3 file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn date_str(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn basis_str(b: FatalityBasis) -> &'static str {
    match b {
        FatalityBasis::Exact => "exact",
        FatalityBasis::VagueWord => "vague_word",
        FatalityBasis::Claim => "claim",
        FatalityBasis::Split => "split",
        FatalityBasis::None => "none",
    }
}

/// `FatalityBasis` from its serialised name (unknown names are `None`).
pub fn parse_basis(s: &str) -> FatalityBasis {
    match s {
        "exact" => FatalityBasis::Exact,
        "vague_word" => FatalityBasis::VagueWord,
        "claim" => FatalityBasis::Claim,
        "split" => FatalityBasis::Split,
        _ => FatalityBasis::None,
    }
}

const EVENT_COLUMNS: &str = "event_id_cnty, event_date, year, time_precision, disorder_type, \
    event_type, sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, \
    interaction, civilian_targeting, iso, region, country, admin1, admin2, admin3, location, \
    latitude, longitude, geo_precision, source, source_scale, notes, fatalities, tags, \
    timestamp, confidence, fatality_basis, origin, revision, id";

/// Distinct current documents reporting the event (selected as the 38th column).
const SOURCES_COUNT: &str =
    "(SELECT count(DISTINCT m.document_id) FROM mentions m JOIN documents d \
    ON d.id = m.document_id WHERE m.event_id = events.id AND d.superseded_by IS NULL)";

/// A [`StoredEvent`] from a row of `EVENT_COLUMNS`, mention count, `SOURCES_COUNT`.
fn stored_from_row(r: &Row) -> rusqlite::Result<StoredEvent> {
    let (event, origin, revision, _) = event_from_row(r)?;
    let docs: i64 = r.get(37)?;
    let sources = if docs > 0 {
        docs
    } else {
        event
            .source
            .split(';')
            .filter(|s| !s.trim().is_empty())
            .count() as i64
    };
    Ok(StoredEvent {
        event,
        origin,
        revision,
        mentions: r.get(36)?,
        sources,
    })
}

fn event_from_row(r: &Row) -> rusqlite::Result<(Event, String, i64, i64)> {
    let date: Option<String> = r.get(1)?;
    let basis: String = r.get(32)?;
    let ev = Event {
        event_id_cnty: r.get(0)?,
        event_date: date.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        year: r.get(2)?,
        time_precision: r.get(3)?,
        disorder_type: r.get(4)?,
        event_type: r.get(5)?,
        sub_event_type: r.get(6)?,
        actor1: r.get(7)?,
        assoc_actor_1: r.get(8)?,
        inter1: r.get(9)?,
        actor2: r.get(10)?,
        assoc_actor_2: r.get(11)?,
        inter2: r.get(12)?,
        interaction: r.get(13)?,
        civilian_targeting: r.get(14)?,
        iso: r.get(15)?,
        region: r.get(16)?,
        country: r.get(17)?,
        admin1: r.get(18)?,
        admin2: r.get(19)?,
        admin3: r.get(20)?,
        location: r.get(21)?,
        latitude: r.get(22)?,
        longitude: r.get(23)?,
        geo_precision: r.get(24)?,
        source: r.get(25)?,
        source_scale: r.get(26)?,
        notes: r.get(27)?,
        fatalities: r.get(28)?,
        tags: r.get(29)?,
        timestamp: r.get(30)?,
        confidence: r.get::<_, f64>(31)? as f32,
        fatality_basis: parse_basis(&basis),
        ..Event::default()
    };
    Ok((ev, r.get(33)?, r.get(34)?, r.get(35)?))
}

impl Store {
    /// Open (or create) the database at `path`, migrating it to the current schema. A file
    /// that is not SQLite is refused without being written to.
    pub fn open(path: &Path) -> Result<Store> {
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.is_dir() {
                return Err(StoreError::Open {
                    path: path.into(),
                    message: "is a directory".into(),
                });
            }
            if meta.len() > 0 {
                let mut head = [0u8; 16];
                let ok = std::fs::File::open(path)
                    .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
                    .is_ok();
                if !ok || &head != SQLITE_MAGIC {
                    return Err(StoreError::NotSqlite { path: path.into() });
                }
            }
        }
        let open_err = |e: rusqlite::Error| StoreError::Open {
            path: path.into(),
            message: e.to_string(),
        };
        let conn = Connection::open(path).map_err(open_err)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(open_err)?;
        schema::check(&conn, path)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => {
                    StoreError::NotSqlite { path: path.into() }
                }
                _ => open_err(e),
            })?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_err)?;
        schema::migrate(&conn, path)?;
        Ok(Store {
            conn,
            iso3: HashMap::new(),
        })
    }

    /// Tell the store the ISO3 code of each ISO numeric code (for event ids).
    pub fn set_country_codes(&mut self, codes: impl IntoIterator<Item = (u16, String)>) {
        self.iso3.extend(codes);
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Whether a document with this content hash is stored.
    pub fn has_document(&self, hash: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE content_hash = ?1")?
            .exists([hash])?)
    }

    /// Row counts.
    pub fn counts(&self) -> Result<Counts> {
        let n = |t: &str| -> Result<u64> {
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| {
                    r.get::<_, i64>(0)
                })? as u64)
        };
        Ok(Counts {
            documents: n("documents")?,
            mentions: n("mentions")?,
            events: n("events")?,
            revisions: n("revisions")?,
        })
    }

    /// Store one document with what the extractor found in it, fusing each event mention into
    /// an existing event or a new one. One transaction: all of it or nothing.
    pub fn ingest(&mut self, doc: &Document, extraction: &Extraction) -> Result<Ingested> {
        let hash = content_hash(doc);
        let at = now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let key = doc.url.clone().unwrap_or_else(|| doc.id.clone());
        let inserted = tx.prepare_cached(
            "INSERT OR IGNORE INTO documents (content_hash, doc_key, url, title, source, published, text, ingested_at, n_events, n_review)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            hash,
            key,
            doc.url,
            doc.title,
            doc.source,
            date_str(doc.published),
            doc.text,
            at,
            extraction.events.len() as i64,
            extraction.review.len() as i64,
        ])?;
        if inserted == 0 {
            return Ok(Ingested::Duplicate); // dropping tx rolls back (nothing was written)
        }
        let doc_row = tx.last_insert_rowid();
        // an earlier version of this article (same URL, other content) is superseded: its
        // mentions stop counting in the events they joined
        let mut older_events: Vec<i64> = Vec::new();
        if let Some(url) = &doc.url {
            let older: Vec<i64> = tx
                .prepare_cached(
                    "SELECT id FROM documents WHERE url = ?1 AND id <> ?2 AND superseded_by IS NULL",
                )?
                .query_map(params![url, doc_row], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for d in older {
                tx.prepare_cached("UPDATE documents SET superseded_by = ?1 WHERE id = ?2")?
                    .execute(params![doc_row, d])?;
                let evs: Vec<i64> = tx
                    .prepare_cached(
                        "SELECT DISTINCT event_id FROM mentions WHERE document_id = ?1 AND event_id IS NOT NULL",
                    )?
                    .query_map([d], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                older_events.extend(evs);
            }
        }
        let mut new_events = 0;
        let mut joined = 0;
        let mut touched: Vec<i64> = Vec::new();
        for (i, ev) in extraction.events.iter().enumerate() {
            let mention = Mention::from_extracted(ev, doc);
            let record = serde_json::to_string(&mention)?;
            let evidence = serde_json::to_string(&ev.evidence)?;
            tx.prepare_cached(
                "INSERT INTO mentions (document_id, idx, kind, event_id, record, evidence) VALUES (?1, ?2, 'event', NULL, ?3, ?4)",
            )?
            .execute(params![doc_row, i as i64, record, evidence])?;
            let mention_row = tx.last_insert_rowid();
            let (event_row, why) = match fuse::best_match(&tx, &mention, doc_row, &touched)? {
                Some((row, why)) => {
                    joined += 1;
                    (row, why)
                }
                None => {
                    new_events += 1;
                    (
                        create_event(&tx, &mention, &self.iso3, at)?,
                        "new incident: no stored event matches its date, place, type and actors"
                            .to_string(),
                    )
                }
            };
            tx.prepare_cached("UPDATE mentions SET event_id = ?1 WHERE id = ?2")?
                .execute(params![event_row, mention_row])?;
            touched.push(event_row);
            let reason = format!("mention {} of {key}: {why}", i + 1);
            fuse::refuse_event(&tx, event_row, Some(mention_row), &reason, at)?;
        }
        older_events.sort_unstable();
        older_events.dedup();
        for ev in older_events.into_iter().filter(|e| !touched.contains(e)) {
            let reason = format!("{key} was updated: its earlier version no longer counts");
            fuse::refuse_event(&tx, ev, None, &reason, at)?;
        }
        for (i, ev) in extraction.review.iter().enumerate() {
            let mention = Mention::from_extracted(ev, doc);
            tx.prepare_cached(
                "INSERT INTO mentions (document_id, idx, kind, event_id, record, evidence) VALUES (?1, ?2, 'review', NULL, ?3, ?4)",
            )?
            .execute(params![
                doc_row,
                i as i64,
                serde_json::to_string(&mention)?,
                serde_json::to_string(&ev.evidence)?
            ])?;
        }
        tx.commit()?;
        Ok(Ingested::Stored {
            document: doc_row,
            mentions: extraction.events.len() + extraction.review.len(),
            new_events,
            joined_events: joined,
        })
    }

    /// Load events from an ACLED export (origin `ACLED`), keyed by their own
    /// `event_id_cnty`: a row already stored is updated in place when it differs (with a
    /// revision), and left alone when it is the same. Returns (inserted, updated, unchanged).
    pub fn import_acled(&mut self, events: &[Event]) -> Result<(usize, usize, usize)> {
        let at = now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (mut ins, mut upd, mut same) = (0, 0, 0);
        for ev in events {
            let old: Option<(Event, String, i64, i64)> = tx
                .prepare_cached(&format!(
                    "SELECT {EVENT_COLUMNS} FROM events WHERE event_id_cnty = ?1"
                ))?
                .query_row([&ev.event_id_cnty], event_from_row)
                .optional()?;
            let mut ev = ev.clone();
            if ev.timestamp.is_none() {
                ev.timestamp = Some(at);
            }
            match old {
                None => {
                    let row = insert_event(&tx, &ev, ORIGIN_ACLED)?;
                    let changes = fuse::diff(&Event::default(), &ev, "imported from ACLED");
                    fuse::add_revision(
                        &tx,
                        row,
                        1,
                        at,
                        None,
                        "imported from an ACLED export",
                        &changes,
                    )?;
                    ins += 1;
                }
                Some((old_ev, _, rev, row)) => {
                    let mut cmp = ev.clone();
                    if old_ev.timestamp.is_some() && cmp.timestamp == Some(at) {
                        cmp.timestamp = old_ev.timestamp;
                    }
                    let changes = fuse::diff(&old_ev, &cmp, "changed in a later ACLED export");
                    if changes.is_empty() {
                        same += 1;
                    } else {
                        fuse::write_event(&tx, row, &cmp, rev + 1)?;
                        fuse::add_revision(
                            &tx,
                            row,
                            rev + 1,
                            at,
                            None,
                            "re-imported from an ACLED export",
                            &changes,
                        )?;
                        upd += 1;
                    }
                }
            }
        }
        tx.commit()?;
        Ok((ins, upd, same))
    }

    /// Write generated events (for load tests and benchmarks) in one transaction, each with
    /// one revision saying so; ids are the events' own `event_id_cnty`. Returns how many.
    pub fn insert_generated(&mut self, events: &[Event], origin: &str) -> Result<usize> {
        let at = now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for ev in events {
            let row = insert_event(&tx, ev, origin)?;
            fuse::add_revision(
                &tx,
                row,
                1,
                at,
                None,
                "generated event (benchmark data)",
                &[],
            )?;
        }
        tx.commit()?;
        Ok(events.len())
    }

    /// Events matching `filter`, by date then id.
    pub fn events(&self, filter: &Filter) -> Result<Vec<StoredEvent>> {
        let (clause, args) = query::where_clause(filter);
        let sql = format!(
            "SELECT {EVENT_COLUMNS}, (SELECT count(*) FROM mentions m WHERE m.event_id = events.id), {SOURCES_COUNT} FROM events WHERE {clause} ORDER BY event_date, id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), stored_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The revision history of one event, oldest first.
    pub fn history(&self, event_id_cnty: &str) -> Result<Vec<Revision>> {
        let row: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM events WHERE event_id_cnty = ?1",
                [event_id_cnty],
                |r| r.get(0),
            )
            .optional()?;
        let row = row.ok_or_else(|| StoreError::NoSuchEvent(event_id_cnty.to_string()))?;
        let mut stmt = self.conn.prepare(
            "SELECT revision, at, reason, changes FROM revisions WHERE event_id = ?1 ORDER BY revision",
        )?;
        let revs = stmt
            .query_map([row], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?))
            })?
            .collect::<rusqlite::Result<Vec<(i64, i64, String, String)>>>()?;
        revs.into_iter()
            .map(|(revision, at, reason, changes)| {
                Ok(Revision {
                    revision,
                    at,
                    reason,
                    changes: serde_json::from_str(&changes)?,
                })
            })
            .collect()
    }

    /// The mentions fused into one event: (document key, mention record).
    pub fn mentions_of(&self, event_id_cnty: &str) -> Result<Vec<(String, Mention)>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.doc_key, m.record FROM mentions m JOIN documents d ON d.id = m.document_id
             JOIN events e ON e.id = m.event_id WHERE e.event_id_cnty = ?1 ORDER BY m.id",
        )?;
        let rows = stmt
            .query_map([event_id_cnty], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(k, rec)| Ok((k, serde_json::from_str(&rec)?)))
            .collect()
    }

    /// For each stored document key, the `event_id_cnty` of the events its mentions joined
    /// (for evaluating the clustering).
    pub fn document_events(&self) -> Result<Vec<(String, Vec<String>)>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.doc_key, group_concat(e.event_id_cnty, ' ') FROM documents d
             LEFT JOIN mentions m ON m.document_id = d.id AND m.kind = 'event'
             LEFT JOIN events e ON e.id = m.event_id GROUP BY d.id ORDER BY d.id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                let ids: Option<String> = r.get(1)?;
                Ok((
                    r.get::<_, String>(0)?,
                    ids.map(|s| s.split(' ').map(String::from).collect())
                        .unwrap_or_default(),
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Keys of every stored document.
    pub fn document_keys(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT doc_key FROM documents ORDER BY id")?;
        let rows = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(rows)
    }

    /// SQLite's own consistency check (`PRAGMA integrity_check`): `ok` when sound.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

fn insert_event(conn: &Connection, ev: &Event, origin: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO events (event_id_cnty, origin, revision, event_date, year, time_precision)
         VALUES (?1, ?2, 1, ?3, ?4, ?5)",
    )?
    .execute(params![
        ev.event_id_cnty,
        origin,
        date_str(ev.event_date),
        ev.event_date.map(|d| d.year()).unwrap_or(ev.year),
        ev.time_precision
    ])?;
    let row = conn.last_insert_rowid();
    fuse::write_event(conn, row, ev, 1)?;
    Ok(row)
}

/// A new event from its first mention: the id is `X` + ISO3 + `-` + the row id.
fn create_event(
    conn: &Connection,
    m: &Mention,
    iso3: &HashMap<u16, String>,
    at: i64,
) -> Result<i64> {
    conn.prepare_cached("INSERT INTO events (event_id_cnty, origin, revision) VALUES ('', ?1, 0)")?
        .execute([ORIGIN_HARMATTAN])?;
    let row = conn.last_insert_rowid();
    let code = iso3
        .get(&m.iso)
        .cloned()
        .unwrap_or_else(|| "XXX".to_string());
    let id = format!("X{code}-{row:06}");
    conn.prepare_cached("UPDATE events SET event_id_cnty = ?1, timestamp = ?2 WHERE id = ?3")?
        .execute(params![id, at, row])?;
    Ok(row)
}

/// A database file in the temp directory, removed (with its WAL files) when dropped.
#[cfg(test)]
pub(crate) mod test_util {
    use std::path::PathBuf;

    pub(crate) struct Tmp(pub(crate) PathBuf);
    impl Tmp {
        pub(crate) fn new(tag: &str) -> Tmp {
            let p = std::env::temp_dir().join(format!(
                "harmattan-store-unit-{}-{tag}.db",
                std::process::id()
            ));
            let t = Tmp(p);
            t.clean();
            t
        }
        fn clean(&self) {
            for s in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{s}", self.0.display()));
            }
        }
    }
    impl Drop for Tmp {
        fn drop(&mut self) {
            self.clean();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_util::Tmp;

    fn doc(id: &str, text: &str) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            published: NaiveDate::from_ymd_opt(2024, 3, 2),
            source: Some("Wire".into()),
            ..Document::default()
        }
    }

    fn event(date: &str, place: &str, lat: f64, fat: u32) -> Event {
        Event {
            event_date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            year: 2024,
            time_precision: 1,
            disorder_type: "Political violence".into(),
            event_type: "Violence against civilians".into(),
            sub_event_type: "Attack".into(),
            actor1: "Unidentified Armed Group (Mali)".into(),
            inter1: 3,
            actor2: "Civilians (Mali)".into(),
            inter2: 7,
            interaction: 37,
            iso: 466,
            country: "Mali".into(),
            location: place.into(),
            latitude: Some(lat),
            longitude: Some(-1.9),
            geo_precision: 1,
            fatalities: fat,
            fatality_basis: FatalityBasis::Exact,
            ..Event::default()
        }
    }

    #[test]
    fn migrations_ids_duplicates_and_history() {
        let t = Tmp::new("basic");
        let mut st = Store::open(&t.0).unwrap();
        st.set_country_codes([(466, "MLI".to_string())]);
        assert_eq!(st.schema_version().unwrap(), schema::VERSION);
        let x1 = Extraction {
            events: vec![event("2024-03-01", "Boni", 15.03, 12)],
            ..Extraction::default()
        };
        let d1 = doc("a", "Gunmen killed 12 in Boni.");
        assert!(matches!(
            st.ingest(&d1, &x1).unwrap(),
            Ingested::Stored { new_events: 1, .. }
        ));
        assert_eq!(st.ingest(&d1, &x1).unwrap(), Ingested::Duplicate);
        let mut x2 = x1.clone();
        x2.events[0].fatalities = 9;
        let d2 = doc("b", "Nine people were killed in Boni.");
        assert!(matches!(
            st.ingest(&d2, &x2).unwrap(),
            Ingested::Stored {
                joined_events: 1,
                ..
            }
        ));
        let evs = st.events(&Filter::default()).unwrap();
        assert_eq!(evs.len(), 1);
        assert_eq!(evs[0].event.event_id_cnty, "XMLI-000001");
        assert_eq!(evs[0].event.fatalities, 9);
        assert_eq!(evs[0].mentions, 2);
        let h = st.history("XMLI-000001").unwrap();
        assert_eq!(h.len(), 2);
        let f = h[1]
            .changes
            .iter()
            .find(|c| c.field == "fatalities")
            .unwrap();
        assert_eq!((f.old.as_str(), f.new.as_str()), ("12", "9"));
        assert!(f.why.starts_with("lowest credible figure"), "{}", f.why);
        drop(st);
        // reopening migrates nothing and keeps everything
        let st = Store::open(&t.0).unwrap();
        assert_eq!(st.counts().unwrap().documents, 2);
        assert!(matches!(
            st.history("XMLI-000099"),
            Err(StoreError::NoSuchEvent(_))
        ));
    }

    #[test]
    fn an_updated_article_replaces_its_earlier_version() {
        let t = Tmp::new("update");
        let mut st = Store::open(&t.0).unwrap();
        let mut v1 = doc("a", "Gunmen killed 12 in Boni.");
        v1.url = Some("https://x.example/boni".into());
        let x = |fat| Extraction {
            events: vec![event("2024-03-01", "Boni", 15.03, fat)],
            ..Extraction::default()
        };
        st.ingest(&v1, &x(12)).unwrap();
        let mut v2 = v1.clone();
        v2.text = "Gunmen killed 15 in Boni; three of the wounded died.".into();
        assert!(matches!(
            st.ingest(&v2, &x(15)).unwrap(),
            Ingested::Stored {
                joined_events: 1,
                ..
            }
        ));
        let evs = st.events(&Filter::default()).unwrap();
        assert_eq!(evs.len(), 1);
        // the update counts, not the lower toll of the version it replaces
        assert_eq!(evs[0].event.fatalities, 15);
        let h = st.history(&evs[0].event.event_id_cnty).unwrap();
        assert_eq!(
            h.last()
                .unwrap()
                .changes
                .iter()
                .find(|c| c.field == "fatalities")
                .unwrap()
                .new,
            "15"
        );
        // another outlet's lower figure still wins
        st.ingest(&doc("b", "Ten killed in Boni."), &x(10)).unwrap();
        assert_eq!(
            st.events(&Filter::default()).unwrap()[0].event.fatalities,
            10
        );
        assert_eq!(st.counts().unwrap().documents, 3, "every version is kept");
    }

    #[test]
    fn foreign_and_non_sqlite_files_are_refused_untouched() {
        let t = Tmp::new("foreign");
        {
            let c = Connection::open(&t.0).unwrap();
            c.execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('keep');")
                .unwrap();
        }
        let before = std::fs::read(&t.0).unwrap();
        assert!(matches!(Store::open(&t.0), Err(StoreError::Foreign { .. })));
        assert!(std::fs::read(&t.0).unwrap() == before, "the file changed");
        std::fs::write(&t.0, "plain text, not a database").unwrap();
        let e = Store::open(&t.0).err().unwrap();
        assert!(matches!(e, StoreError::NotSqlite { .. }));
        assert!(e.to_string().contains("left untouched"));
        assert_eq!(
            std::fs::read_to_string(&t.0).unwrap(),
            "plain text, not a database"
        );
    }
}
