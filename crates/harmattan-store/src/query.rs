//! Read queries of the HTTP API: pages of events with their total, statistics, facets, one
//! event's sources with their text and evidence, a document's events. Every value reaches
//! SQLite as a bound parameter; the SQL text is built only from fixed fragments.

use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::{stored_from_row, Filter, Result, Store, StoredEvent, EVENT_COLUMNS, SOURCES_COUNT};

/// The `WHERE` condition of `filter` (`1=1` when it has none) and its parameters, numbered
/// `?1`, `?2`, ... in order. A parameter may appear several times in the condition.
pub(crate) fn where_clause(filter: &Filter) -> (String, Vec<Value>) {
    let mut sql = String::from("1=1");
    let mut args: Vec<Value> = Vec::new();
    let mut push = |clause: &str, v: Value| {
        args.push(v);
        sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
    };
    let text = |s: &String| Value::Text(s.clone());
    if let Some(d) = filter.from {
        push(
            " AND event_date >= ?",
            Value::Text(d.format("%Y-%m-%d").to_string()),
        );
    }
    if let Some(d) = filter.to {
        push(
            " AND event_date <= ?",
            Value::Text(d.format("%Y-%m-%d").to_string()),
        );
    }
    if let Some(c) = &filter.country {
        push(" AND country = ? COLLATE NOCASE", text(c));
    }
    if let Some(c) = &filter.admin1 {
        push(" AND admin1 = ? COLLATE NOCASE", text(c));
    }
    if let Some(t) = &filter.event_type {
        push(
            " AND (event_type = ? COLLATE NOCASE OR sub_event_type = ? COLLATE NOCASE OR disorder_type = ? COLLATE NOCASE)",
            text(t),
        );
    }
    if let Some(t) = &filter.sub_event_type {
        push(" AND sub_event_type = ? COLLATE NOCASE", text(t));
    }
    if let Some(a) = &filter.actor {
        push(
            " AND (instr(lower(actor1 || ' | ' || actor2 || ' | ' || assoc_actor_1 || ' | ' || assoc_actor_2), lower(?)) > 0)",
            text(a),
        );
    }
    if let Some(t) = &filter.text {
        push(
            " AND (instr(lower(notes || ' | ' || location || ' | ' || source), lower(?)) > 0)",
            text(t),
        );
    }
    if let Some(q) = &filter.query {
        push(
            " AND (instr(lower(notes || ' | ' || location || ' | ' || admin1 || ' | ' || admin2 || ' | ' || actor1 || ' | ' || actor2 || ' | ' || assoc_actor_1 || ' | ' || assoc_actor_2 || ' | ' || source), lower(?)) > 0)",
            text(q),
        );
    }
    if let Some(b) = filter.bbox {
        push(" AND longitude >= ?", Value::Real(b.min_lon));
        push(" AND longitude <= ?", Value::Real(b.max_lon));
        push(" AND latitude >= ?", Value::Real(b.min_lat));
        push(" AND latitude <= ?", Value::Real(b.max_lat));
    }
    if let Some(n) = filter.min_fatalities {
        push(" AND fatalities >= ?", Value::Integer(n as i64));
    }
    if let Some(o) = &filter.origin {
        push(" AND origin = ?", text(o));
    }
    (sql, args)
}

/// Columns read into an [`EventRef`], in its field order.
const EVENT_REF_COLUMNS: &str = "event_id_cnty, event_date, time_precision, disorder_type, \
    event_type, sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, \
    interaction, country, admin1, admin2, admin3, location, latitude, longitude, geo_precision, \
    fatalities, notes, source";

/// The summary columns of one event, borrowed from a result row. Serialises to the API's
/// event summary.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct EventRef<'a> {
    pub event_id_cnty: &'a str,
    pub event_date: Option<&'a str>,
    pub time_precision: i64,
    pub disorder_type: &'a str,
    pub event_type: &'a str,
    pub sub_event_type: &'a str,
    pub actor1: &'a str,
    pub assoc_actor_1: &'a str,
    pub inter1: i64,
    pub actor2: &'a str,
    pub assoc_actor_2: &'a str,
    pub inter2: i64,
    pub interaction: i64,
    pub country: &'a str,
    pub admin1: &'a str,
    pub admin2: &'a str,
    pub admin3: &'a str,
    pub location: &'a str,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub geo_precision: i64,
    pub fatalities: i64,
    pub notes: &'a str,
    pub source: &'a str,
    /// As [`StoredEvent::sources`].
    pub sources_count: i64,
}

impl<'a> EventRef<'a> {
    fn from_row(r: &'a rusqlite::Row<'a>) -> rusqlite::Result<EventRef<'a>> {
        let s = |i: usize| -> rusqlite::Result<&'a str> {
            match r.get_ref(i)? {
                rusqlite::types::ValueRef::Text(t) => Ok(std::str::from_utf8(t).unwrap_or("")),
                _ => Ok(""),
            }
        };
        let f = |i: usize| -> rusqlite::Result<Option<f64>> {
            Ok(r.get::<_, Option<f64>>(i)?.filter(|v| v.is_finite()))
        };
        let source = s(23)?;
        let docs: i64 = r.get(24)?;
        Ok(EventRef {
            event_id_cnty: s(0)?,
            event_date: match r.get_ref(1)? {
                rusqlite::types::ValueRef::Text(t) => std::str::from_utf8(t).ok(),
                _ => None,
            },
            time_precision: r.get(2)?,
            disorder_type: s(3)?,
            event_type: s(4)?,
            sub_event_type: s(5)?,
            actor1: s(6)?,
            assoc_actor_1: s(7)?,
            inter1: r.get(8)?,
            actor2: s(9)?,
            assoc_actor_2: s(10)?,
            inter2: r.get(11)?,
            interaction: r.get(12)?,
            country: s(13)?,
            admin1: s(14)?,
            admin2: s(15)?,
            admin3: s(16)?,
            location: s(17)?,
            latitude: f(18)?,
            longitude: f(19)?,
            geo_precision: r.get(20)?,
            fatalities: r.get(21)?,
            notes: s(22)?,
            source,
            sources_count: if docs > 0 {
                docs
            } else {
                source.split(';').filter(|s| !s.trim().is_empty()).count() as i64
            },
        })
    }
}

/// One page of events, newest first.
#[derive(Debug, Clone)]
pub struct Page {
    /// Events matching the filter (all pages).
    pub total: u64,
    /// This page.
    pub events: Vec<StoredEvent>,
}

/// Timeline bucket of [`Store::stats`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatGroup {
    /// One bucket per event date.
    Day,
    /// One bucket per ISO week, named by its Monday.
    Week,
}

/// Events and fatalities in one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelinePoint {
    /// `YYYY-MM-DD`: the day, or the Monday of the week.
    pub period: String,
    /// Events.
    pub events: u64,
    /// Their fatalities.
    pub fatalities: u64,
}

/// Events and fatalities under one key (event type, admin1, actor).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stat {
    /// The value grouped by.
    pub key: String,
    /// Country of an admin1 (absent for other groupings).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Events.
    pub events: u64,
    /// Their fatalities.
    pub fatalities: u64,
}

/// Aggregates of the events matching a filter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Per day or week, oldest first (events without a date are left out).
    pub timeline: Vec<TimelinePoint>,
    /// Per event type, most events first.
    pub by_event_type: Vec<Stat>,
    /// Per (country, admin1), most events first; at most [`Store::STATS_TOP`].
    pub by_admin1: Vec<Stat>,
    /// Per actor (actor1 or actor2), most events first; at most [`Store::STATS_TOP`].
    pub by_actor: Vec<Stat>,
    /// Events matching.
    pub events: u64,
    /// Their fatalities.
    pub fatalities: u64,
}

/// The values present in the store, for filter menus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Facets {
    /// Countries, sorted.
    pub countries: Vec<String>,
    /// (country, admin1) pairs, sorted.
    pub admin1: Vec<(String, String)>,
    /// Event types, sorted.
    pub event_types: Vec<String>,
    /// Earliest event date.
    pub date_min: Option<String>,
    /// Latest event date.
    pub date_max: Option<String>,
}

/// One evidence span of a mention: byte offsets into its document's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceSpan {
    /// The field it supports.
    pub field: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The supporting text.
    pub text: String,
    /// Rule or dictionary entry.
    pub rule: String,
}

/// A current document reporting an event, with its full text and the evidence of its mention.
#[derive(Debug, Clone, PartialEq)]
pub struct EventSource {
    /// The document's key (URL, else the id it was given).
    pub document_id: String,
    /// Title.
    pub title: Option<String>,
    /// Outlet (the mention's, else the document's).
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Publication date `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Stored text: evidence offsets index it.
    pub text: String,
    /// Evidence spans of this document's mention of the event.
    pub evidence: Vec<EvidenceSpan>,
}

impl Store {
    /// Most rows in `by_admin1` and `by_actor` of [`Store::stats`].
    pub const STATS_TOP: usize = 50;

    /// How many events match `filter`.
    pub fn count_events(&self, filter: &Filter) -> Result<u64> {
        let (clause, args) = where_clause(filter);
        let n: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM events WHERE {clause}"))?
            .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
        Ok(n as u64)
    }

    /// The page of row ids: `filter`, newest first (`event_date` descending, then row id
    /// descending, so the date index gives the order), `offset` rows skipped, at most
    /// `limit`. The SQL of the page and its parameters.
    fn page_sql(filter: &Filter, limit: u32, offset: u64, columns: &str) -> (String, Vec<Value>) {
        let (clause, mut args) = where_clause(filter);
        let n = args.len();
        // the ids are paged first (from an index alone when the filter allows), then only
        // the rows of the page are read
        let sql = format!(
            "SELECT {columns} FROM (SELECT id AS pid FROM events WHERE {clause} \
             ORDER BY event_date DESC, id DESC LIMIT ?{} OFFSET ?{}) AS page \
             JOIN events ON events.id = page.pid ORDER BY events.event_date DESC, events.id DESC",
            n + 1,
            n + 2
        );
        args.push(Value::Integer(limit as i64));
        args.push(Value::Integer(offset.min(i64::MAX as u64) as i64));
        (sql, args)
    }

    /// Events matching `filter`, newest first (`event_date` descending, then row id
    /// descending), skipping `offset` and returning at most `limit`, without the total.
    pub fn events_desc(
        &self,
        filter: &Filter,
        limit: u32,
        offset: u64,
    ) -> Result<Vec<StoredEvent>> {
        let columns = format!(
            "{EVENT_COLUMNS}, (SELECT count(*) FROM mentions m WHERE m.event_id = events.id), {SOURCES_COUNT}"
        );
        let (sql, args) = Self::page_sql(filter, limit, offset, &columns);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), stored_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Like [`Store::events_desc`], but hands each row to `f` as an [`EventRef`] borrowing
    /// the row's text (no copy): for writing large pages straight out as JSON.
    pub fn for_each_event_desc(
        &self,
        filter: &Filter,
        limit: u32,
        offset: u64,
        mut f: impl FnMut(&EventRef<'_>),
    ) -> Result<()> {
        let columns = format!("{EVENT_REF_COLUMNS}, {SOURCES_COUNT}");
        let (sql, args) = Self::page_sql(filter, limit, offset, &columns);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
        while let Some(r) = rows.next()? {
            f(&EventRef::from_row(r)?);
        }
        Ok(())
    }

    /// One page of events with the total count (see [`Store::events_desc`]).
    pub fn events_page(&self, filter: &Filter, limit: u32, offset: u64) -> Result<Page> {
        Ok(Page {
            total: self.count_events(filter)?,
            events: self.events_desc(filter, limit, offset)?,
        })
    }

    /// One event by its `event_id_cnty`.
    pub fn event(&self, event_id_cnty: &str) -> Result<Option<StoredEvent>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {EVENT_COLUMNS}, (SELECT count(*) FROM mentions m WHERE m.event_id = events.id), {SOURCES_COUNT} \
                 FROM events WHERE event_id_cnty = ?1"
            ))?
            .query_row([event_id_cnty], stored_from_row)
            .optional()?)
    }

    /// The current documents reporting an event (superseded versions left out), in the order
    /// they were stored, each with its text and the evidence of its mention.
    pub fn event_sources(&self, event_id_cnty: &str) -> Result<Vec<EventSource>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.doc_key, d.title, coalesce(nullif(json_extract(m.record, '$.source'), ''), d.source),
                    d.url, d.published, d.text, m.evidence
             FROM mentions m JOIN documents d ON d.id = m.document_id JOIN events e ON e.id = m.event_id
             WHERE e.event_id_cnty = ?1 AND d.superseded_by IS NULL ORDER BY m.id",
        )?;
        let rows = stmt
            .query_map([event_id_cnty], |r| {
                Ok((
                    EventSource {
                        document_id: r.get(0)?,
                        title: r.get(1)?,
                        source: r.get(2)?,
                        url: r.get(3)?,
                        published: r.get(4)?,
                        text: r.get(5)?,
                        evidence: Vec::new(),
                    },
                    r.get::<_, String>(6)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(mut s, ev)| {
                s.evidence = serde_json::from_str(&ev)?;
                Ok(s)
            })
            .collect()
    }

    /// Aggregates of the events matching `filter`.
    pub fn stats(&self, filter: &Filter, group: StatGroup) -> Result<Stats> {
        let (clause, args) = where_clause(filter);
        let params = || rusqlite::params_from_iter(args.iter());
        let period = match group {
            StatGroup::Day => "event_date",
            StatGroup::Week => "date(event_date, 'weekday 0', '-6 days')",
        };
        let timeline = self
            .conn
            .prepare_cached(&format!(
                "SELECT {period} AS p, count(*), coalesce(sum(fatalities), 0) FROM events
                 WHERE {clause} AND event_date IS NOT NULL GROUP BY p ORDER BY p"
            ))?
            .query_map(params(), |r| {
                Ok(TimelinePoint {
                    period: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                    events: r.get::<_, i64>(1)? as u64,
                    fatalities: r.get::<_, i64>(2)? as u64,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let keyed = |sql: &str, with_country: bool| -> Result<Vec<Stat>> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_map(params(), |r| {
                    Ok(Stat {
                        key: r.get(0)?,
                        country: if with_country { Some(r.get(3)?) } else { None },
                        events: r.get::<_, i64>(1)? as u64,
                        fatalities: r.get::<_, i64>(2)? as u64,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?)
        };
        let top = Self::STATS_TOP;
        let by_event_type = keyed(
            &format!(
                "SELECT event_type, count(*) AS n, coalesce(sum(fatalities), 0) FROM events
                 WHERE {clause} GROUP BY event_type ORDER BY n DESC, event_type"
            ),
            false,
        )?;
        let by_admin1 = keyed(
            &format!(
                "SELECT admin1, count(*) AS n, coalesce(sum(fatalities), 0), country FROM events
                 WHERE {clause} AND admin1 <> '' GROUP BY country, admin1 ORDER BY n DESC, country, admin1 LIMIT {top}"
            ),
            true,
        )?;
        let by_actor = keyed(
            &format!(
                "SELECT a, count(*) AS n, coalesce(sum(f), 0) FROM (
                    SELECT actor1 AS a, fatalities AS f FROM events WHERE {clause}
                    UNION ALL
                    SELECT actor2 AS a, fatalities AS f FROM events WHERE {clause} AND actor2 <> actor1
                 ) WHERE a <> '' GROUP BY a ORDER BY n DESC, a LIMIT {top}"
            ),
            false,
        )?;
        let (events, fatalities): (i64, i64) = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*), coalesce(sum(fatalities), 0) FROM events WHERE {clause}"
            ))?
            .query_row(params(), |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(Stats {
            timeline,
            by_event_type,
            by_admin1,
            by_actor,
            events: events as u64,
            fatalities: fatalities as u64,
        })
    }

    /// Countries, admin1 units, event types and the date range present in the store.
    pub fn facets(&self) -> Result<Facets> {
        let strings = |sql: &str| -> Result<Vec<String>> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?)
        };
        let countries =
            strings("SELECT DISTINCT country FROM events WHERE country <> '' ORDER BY country")?;
        let event_types = strings(
            "SELECT DISTINCT event_type FROM events WHERE event_type <> '' ORDER BY event_type",
        )?;
        let admin1 = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT country, admin1 FROM events WHERE admin1 <> '' ORDER BY country, admin1",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
        let (date_min, date_max) = self.conn.query_row(
            "SELECT min(event_date), max(event_date) FROM events",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(Facets {
            countries,
            admin1,
            event_types,
            date_min,
            date_max,
        })
    }

    /// The stored document with this content hash: (row id, key).
    pub fn document_by_hash(&self, hash: &str) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, doc_key FROM documents WHERE content_hash = ?1")?
            .query_row([hash], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// The `event_id_cnty` of the events a document's mentions joined, in mention order.
    pub fn events_of_document(&self, document: i64) -> Result<Vec<String>> {
        let ids = self
            .conn
            .prepare_cached(
                "SELECT e.event_id_cnty FROM mentions m JOIN events e ON e.id = m.event_id
                 WHERE m.document_id = ?1 AND m.kind = 'event' ORDER BY m.idx",
            )?
            .query_map([document], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        let mut seen = std::collections::HashSet::new();
        Ok(ids.into_iter().filter(|i| seen.insert(i.clone())).collect())
    }

    /// A number that changes whenever any event changes: the id of the latest revision
    /// (every change to an event writes one). Aggregates of the events cached under it stay
    /// true while it stays the same.
    pub fn generation(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM revisions")?
            .query_row([], |r| r.get(0))?)
    }

    /// SQLite's `PRAGMA data_version`: changes when another connection commits, so a reader
    /// can tell whether what it cached is still current.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {

    use chrono::NaiveDate;
    use harmattan_core::{Document, Event, Evidence, Extraction, FatalityBasis};

    use super::*;
    use crate::Bbox;

    use crate::test_util::Tmp;

    fn ev(
        id: &str,
        date: &str,
        country: &str,
        admin1: &str,
        et: &str,
        lon: f64,
        fat: u32,
    ) -> Event {
        Event {
            event_id_cnty: id.into(),
            event_date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            time_precision: 1,
            disorder_type: "Political violence".into(),
            event_type: et.into(),
            sub_event_type: if et == "Battles" {
                "Armed clash"
            } else {
                "Attack"
            }
            .into(),
            actor1: "JNIM: Group for Support of Islam and Muslims".into(),
            actor2: format!("Civilians ({country})"),
            country: country.into(),
            admin1: admin1.into(),
            location: format!("Place {id}"),
            latitude: Some(14.0),
            longitude: Some(lon),
            fatalities: fat,
            source: "Wire A; Wire B".into(),
            notes: format!("notes of {id}"),
            ..Event::default()
        }
    }

    fn store(t: &Tmp) -> Store {
        let mut st = Store::open(&t.0).unwrap();
        st.insert_generated(
            &[
                ev("MLI1", "2024-01-01", "Mali", "Mopti", "Battles", -4.0, 5),
                ev(
                    "MLI2",
                    "2024-01-03",
                    "Mali",
                    "Gao",
                    "Violence against civilians",
                    0.5,
                    12,
                ),
                ev(
                    "NER1",
                    "2024-01-03",
                    "Niger",
                    "Tillaberi",
                    "Battles",
                    1.5,
                    0,
                ),
                ev(
                    "BFA1",
                    "2024-01-10",
                    "Burkina Faso",
                    "Sahel",
                    "Battles",
                    -1.6,
                    30,
                ),
            ],
            "generated",
        )
        .unwrap();
        st
    }

    fn ids(st: &Store, f: &Filter, limit: u32, offset: u64) -> Vec<String> {
        let mut out = Vec::new();
        st.for_each_event_desc(f, limit, offset, |e| out.push(e.event_id_cnty.to_string()))
            .unwrap();
        let full: Vec<String> = st
            .events_desc(f, limit, offset)
            .unwrap()
            .into_iter()
            .map(|e| e.event.event_id_cnty)
            .collect();
        assert_eq!(out, full, "both page readers agree");
        out
    }

    #[test]
    fn pages_filters_and_totals() {
        let t = Tmp::new("pages");
        let st = store(&t);
        let all = Filter::default();
        assert_eq!(ids(&st, &all, 10, 0), ["BFA1", "NER1", "MLI2", "MLI1"]);
        assert_eq!(ids(&st, &all, 2, 1), ["NER1", "MLI2"]);
        assert!(ids(&st, &all, 2, 10).is_empty());
        let page = st.events_page(&all, 2, 0).unwrap();
        assert_eq!((page.total, page.events.len()), (4, 2));
        assert_eq!(
            page.events[0].sources, 2,
            "outlets named when no report is stored"
        );
        let f = |f: Filter| st.count_events(&f).unwrap();
        assert_eq!(
            f(Filter {
                country: Some("MALI".into()),
                ..Filter::default()
            }),
            2
        );
        assert_eq!(
            f(Filter {
                admin1: Some("mopti".into()),
                ..Filter::default()
            }),
            1
        );
        assert_eq!(
            f(Filter {
                event_type: Some("battles".into()),
                ..Filter::default()
            }),
            3
        );
        assert_eq!(
            f(Filter {
                sub_event_type: Some("Attack".into()),
                ..Filter::default()
            }),
            1
        );
        assert_eq!(
            f(Filter {
                min_fatalities: Some(12),
                ..Filter::default()
            }),
            2
        );
        assert_eq!(
            f(Filter {
                query: Some("place mli".into()),
                ..Filter::default()
            }),
            2
        );
        assert_eq!(
            f(Filter {
                query: Some("jnim".into()),
                ..Filter::default()
            }),
            4
        );
        assert_eq!(
            f(Filter {
                query: Some("' OR 1=1 --".into()),
                ..Filter::default()
            }),
            0
        );
        let bbox = Bbox {
            min_lon: -2.0,
            min_lat: 13.0,
            max_lon: 1.0,
            max_lat: 15.0,
        };
        assert_eq!(
            f(Filter {
                bbox: Some(bbox),
                ..Filter::default()
            }),
            2
        );
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(
            f(Filter {
                from: d("2024-01-03"),
                to: d("2024-01-03"),
                ..Filter::default()
            }),
            2
        );
        let e = st.event("MLI2").unwrap().unwrap();
        assert_eq!(e.event.fatalities, 12);
        assert!(st.event("nope").unwrap().is_none());
    }

    #[test]
    fn stats_and_facets() {
        let t = Tmp::new("stats");
        let st = store(&t);
        let s = st.stats(&Filter::default(), StatGroup::Week).unwrap();
        assert_eq!((s.events, s.fatalities), (4, 47));
        // 2024-01-01 is a Monday: the first three fall in its week
        assert_eq!(
            s.timeline,
            [
                TimelinePoint {
                    period: "2024-01-01".into(),
                    events: 3,
                    fatalities: 17
                },
                TimelinePoint {
                    period: "2024-01-08".into(),
                    events: 1,
                    fatalities: 30
                },
            ]
        );
        assert_eq!(s.by_event_type[0].key, "Battles");
        assert_eq!(s.by_event_type[0].events, 3);
        assert_eq!(s.by_admin1.len(), 4);
        assert!(s.by_admin1.iter().all(|a| a.country.is_some()));
        assert_eq!(
            s.by_actor[0].key,
            "JNIM: Group for Support of Islam and Muslims"
        );
        assert_eq!(s.by_actor[0].events, 4);
        let day = st.stats(&Filter::default(), StatGroup::Day).unwrap();
        assert_eq!(day.timeline.len(), 3);
        let f = st.facets().unwrap();
        assert_eq!(f.countries, ["Burkina Faso", "Mali", "Niger"]);
        assert_eq!(f.admin1.len(), 4);
        assert_eq!(f.date_min.as_deref(), Some("2024-01-01"));
        assert_eq!(f.date_max.as_deref(), Some("2024-01-10"));
    }

    #[test]
    fn sources_with_evidence_and_generation() {
        let t = Tmp::new("sources");
        let mut st = Store::open(&t.0).unwrap();
        st.set_country_codes([(466, "MLI".to_string())]);
        let g0 = st.generation().unwrap();
        let text = "Gunmen killed 12 in Boni.";
        let mut e = ev(
            "",
            "2024-03-01",
            "Mali",
            "Mopti",
            "Violence against civilians",
            -1.9,
            12,
        );
        e.iso = 466;
        e.source = String::new();
        e.fatality_basis = FatalityBasis::Exact;
        e.evidence = vec![Evidence {
            field: "fatalities".into(),
            start: 14,
            end: 16,
            text: "12".into(),
            rule: "FAT/number".into(),
        }];
        let doc = Document {
            id: "a".into(),
            title: Some("Boni".into()),
            text: text.into(),
            published: NaiveDate::from_ymd_opt(2024, 3, 2),
            source: Some("Wire".into()),
            url: Some("https://example.org/a".into()),
        };
        let x = Extraction {
            events: vec![e],
            ..Extraction::default()
        };
        st.ingest(&doc, &x).unwrap();
        assert!(st.generation().unwrap() > g0);
        let id = "XMLI-000001";
        let src = st.event_sources(id).unwrap();
        assert_eq!(src.len(), 1);
        assert_eq!(src[0].document_id, "https://example.org/a");
        assert_eq!(src[0].source.as_deref(), Some("Wire"));
        assert_eq!(src[0].published.as_deref(), Some("2024-03-02"));
        let ev = &src[0].evidence[0];
        assert_eq!(&src[0].text[ev.start..ev.end], ev.text);
        let (row, key) = st
            .document_by_hash(&crate::content_hash(&doc))
            .unwrap()
            .unwrap();
        assert_eq!(key, "https://example.org/a");
        assert_eq!(st.events_of_document(row).unwrap(), [id]);
        assert_eq!(st.event(id).unwrap().unwrap().sources, 1);
    }
}
