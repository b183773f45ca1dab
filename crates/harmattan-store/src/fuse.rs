//! Cross-source fusion: which stored event a new mention belongs to, and how the fused record
//! is built from all of its mentions.
//!
//! A mention joins an event when all of these hold (else it starts a new event):
//! - same country, and dates within the tolerance of the coarser `time_precision` (1 day for
//!   exact days, so "on Friday" against a date that differs by an overnight; 4 days for a
//!   span; 16 days for a month);
//! - the same place name, or coordinates within 8 km (15 km when one place is "near" a place,
//!   geo precision 2; 60 km when one is only a region, precision 3);
//! - the same event type, or two political-violence types (Battles, Explosions/Remote
//!   violence, Violence against civilians: reports often disagree on those);
//! - compatible actors: unless one side names nobody but unidentified groups and civilians,
//!   the named actors of the two must overlap;
//! - the event holds no other mention from the same document (the extractor already split
//!   that document's incidents).
//!
//! Among several compatible events the closest (date, distance, same type, shared actors)
//! wins. The fused record is rebuilt from every mention each time one joins (codebook 4.1,
//! 4.2, 4.3): the most precise date and place (ties: the value most reports give), the
//! lowest credible death toll (exact figures and claims before vague words), the union of
//! sources, and type and actors from the report that names the most actors.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use harmattan_core::{Document, Event, FatalityBasis};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::{basis_str, date_str, event_from_row, parse_basis, Result, EVENT_COLUMNS};

/// An event as one document reports it (the extractor's record without the evidence, which is
/// stored beside it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[allow(missing_docs)]
pub struct Mention {
    /// Document id (URL or the caller's id).
    pub document: String,
    /// Publication date of the document.
    pub published: Option<NaiveDate>,
    pub event_date: Option<NaiveDate>,
    pub time_precision: u8,
    pub disorder_type: String,
    pub event_type: String,
    pub sub_event_type: String,
    pub actor1: String,
    pub assoc_actor_1: String,
    pub inter1: u8,
    pub actor2: String,
    pub assoc_actor_2: String,
    pub inter2: u8,
    pub interaction: u8,
    pub civilian_targeting: String,
    pub iso: u16,
    pub region: String,
    pub country: String,
    pub admin1: String,
    pub admin2: String,
    pub admin3: String,
    pub location: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub geo_precision: u8,
    pub source: String,
    pub source_scale: String,
    pub notes: String,
    pub fatalities: u32,
    pub tags: String,
    pub confidence: f32,
    pub fatality_basis: String,
}

impl Mention {
    /// The mention of `ev`, extracted from `doc`. The source is the event's, else the
    /// document's outlet.
    pub fn from_extracted(ev: &Event, doc: &Document) -> Mention {
        let source = if ev.source.trim().is_empty() {
            doc.source.clone().unwrap_or_default()
        } else {
            ev.source.clone()
        };
        Mention {
            document: doc.url.clone().unwrap_or_else(|| doc.id.clone()),
            published: doc.published,
            event_date: ev.event_date,
            time_precision: ev.time_precision,
            disorder_type: ev.disorder_type.clone(),
            event_type: ev.event_type.clone(),
            sub_event_type: ev.sub_event_type.clone(),
            actor1: ev.actor1.clone(),
            assoc_actor_1: ev.assoc_actor_1.clone(),
            inter1: ev.inter1,
            actor2: ev.actor2.clone(),
            assoc_actor_2: ev.assoc_actor_2.clone(),
            inter2: ev.inter2,
            interaction: ev.interaction,
            civilian_targeting: ev.civilian_targeting.clone(),
            iso: ev.iso,
            region: ev.region.clone(),
            country: ev.country.clone(),
            admin1: ev.admin1.clone(),
            admin2: ev.admin2.clone(),
            admin3: ev.admin3.clone(),
            location: ev.location.clone(),
            latitude: ev.latitude.filter(|v| v.is_finite()),
            longitude: ev.longitude.filter(|v| v.is_finite()),
            geo_precision: ev.geo_precision,
            source,
            source_scale: ev.source_scale.clone(),
            notes: ev.notes.clone(),
            fatalities: ev.fatalities,
            tags: ev.tags.clone(),
            confidence: if ev.confidence.is_finite() {
                ev.confidence
            } else {
                0.0
            },
            fatality_basis: basis_str(ev.fatality_basis).to_string(),
        }
    }
}

/// One field change in a revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Column name.
    pub field: String,
    /// Value before (empty when the event was created).
    pub old: String,
    /// Value after.
    pub new: String,
    /// Why it has this value.
    pub why: String,
}

/// Great-circle distance in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

const POLITICAL_VIOLENCE: [&str; 3] = [
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
];

fn date_tolerance(p1: u8, p2: u8) -> i64 {
    match p1.max(p2) {
        0 | 1 => 1,
        2 => 4,
        _ => 16,
    }
}

fn place_limit_km(g1: u8, g2: u8) -> f64 {
    match g1.max(g2) {
        0 | 1 => 8.0,
        2 => 15.0,
        _ => 60.0,
    }
}

/// Actors that identify a side: not unidentified groups, civilians, protesters or rioters.
fn named_actors(fields: [&str; 4]) -> Vec<String> {
    let mut out = Vec::new();
    for f in fields {
        for a in f.split("; ") {
            let a = a.trim();
            let l = a.to_lowercase();
            if a.is_empty()
                || l.starts_with("unidentified")
                || l.starts_with("civilians")
                || l.starts_with("protesters")
                || l.starts_with("rioters")
            {
                continue;
            }
            if !out.contains(&l) {
                out.push(l);
            }
        }
    }
    out
}

/// Named non-state armed groups among the two main actors (inter 2, 3, 4), lower-cased.
fn armed_groups(a1: &str, i1: u8, a2: &str, i2: u8) -> Vec<String> {
    [(a1, i1), (a2, i2)]
        .iter()
        .filter(|(a, i)| {
            (2..=4).contains(i) && !a.is_empty() && !a.to_lowercase().starts_with("unidentified")
        })
        .map(|(a, _)| a.to_lowercase())
        .collect()
}

fn fold(s: &str) -> String {
    harmattan_core::text::fold_key(s)
}

/// How well a mention fits a stored event: `None` when incompatible, else a score (higher is
/// closer) and a human-readable reason.
pub fn compatibility(ev: &Event, m: &Mention) -> Option<(f64, String)> {
    let (d1, d2) = (ev.event_date?, m.event_date?);
    if fold(&ev.country) != fold(&m.country) {
        return None;
    }
    let days = (d1 - d2).num_days().abs();
    if days > date_tolerance(ev.time_precision, m.time_precision) {
        return None;
    }
    let same_name = !ev.location.is_empty() && fold(&ev.location) == fold(&m.location);
    let dist = match (ev.latitude, ev.longitude, m.latitude, m.longitude) {
        (Some(a), Some(b), Some(c), Some(d)) => Some(haversine_km(a, b, c, d)),
        _ => None,
    };
    let near = match dist {
        Some(km) => km <= place_limit_km(ev.geo_precision, m.geo_precision),
        None => false,
    };
    if !same_name && !near {
        return None;
    }
    let same_type = ev.event_type == m.event_type;
    let both_violent = POLITICAL_VIOLENCE.contains(&ev.event_type.as_str())
        && POLITICAL_VIOLENCE.contains(&m.event_type.as_str());
    if !(same_type || both_violent) {
        return None;
    }
    // two reports conflict on actors only when each names a non-state armed group (rebel
    // group, political or identity militia) and they name different ones; a report that
    // names only state forces or victims does not conflict (extractors and outlets often
    // disagree on who is actor 1)
    let (ga, gb) = (
        armed_groups(ev.actor1.as_str(), ev.inter1, ev.actor2.as_str(), ev.inter2),
        armed_groups(m.actor1.as_str(), m.inter1, m.actor2.as_str(), m.inter2),
    );
    if !ga.is_empty() && !gb.is_empty() && !ga.iter().any(|x| gb.contains(x)) {
        return None;
    }
    let a = named_actors([&ev.actor1, &ev.assoc_actor_1, &ev.actor2, &ev.assoc_actor_2]);
    let b = named_actors([&m.actor1, &m.assoc_actor_1, &m.actor2, &m.assoc_actor_2]);
    let shared = a.iter().filter(|x| b.contains(x)).count();
    let km = dist.unwrap_or(0.0);
    let limit = place_limit_km(ev.geo_precision, m.geo_precision);
    let mut score = 100.0 - 10.0 * days as f64 - 30.0 * (km / limit).min(1.0);
    if !same_type {
        score -= 40.0;
    } else if ev.sub_event_type != m.sub_event_type {
        score -= 10.0;
    }
    score += 5.0 * shared as f64;
    // reports of one incident give similar tolls: a weak tie-breaker
    if ev.fatality_basis != FatalityBasis::None && credible_rank(&m.fatality_basis) > 0 {
        score -= 0.5 * (ev.fatalities.abs_diff(m.fatalities).min(20) as f64);
    }
    let why = format!(
        "joined: {} day(s) apart, {}, {}, {}",
        days,
        match dist {
            Some(km) if !same_name || km > 0.05 => format!("{km:.1} km apart"),
            _ => "same place".to_string(),
        },
        if same_type {
            "same event type".to_string()
        } else {
            format!("{} vs {}", ev.event_type, m.event_type)
        },
        if shared > 0 {
            format!("{shared} actor(s) in common")
        } else {
            "no conflicting named actors".to_string()
        }
    );
    Some((score, why))
}

/// The stored event this mention should join, if any.
pub(crate) fn best_match(
    conn: &Connection,
    m: &Mention,
    _doc_row: i64,
    exclude: &[i64],
) -> Result<Option<(i64, String)>> {
    let Some(d) = m.event_date else {
        return Ok(None);
    };
    let lo = d - chrono::Duration::days(16);
    let hi = d + chrono::Duration::days(16);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {EVENT_COLUMNS} FROM events WHERE origin = 'harmattan' AND country = ?1
         AND event_date BETWEEN ?2 AND ?3"
    ))?;
    let rows = stmt.query_map(
        params![m.country, date_str(Some(lo)), date_str(Some(hi))],
        event_from_row,
    )?;
    let mut best: Option<(f64, i64, String)> = None;
    for r in rows {
        let (ev, _, _, row) = r?;
        if exclude.contains(&row) {
            continue;
        }
        if let Some((score, why)) = compatibility(&ev, m) {
            if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                best = Some((score, row, why));
            }
        }
    }
    Ok(best.map(|(_, row, why)| (row, why)))
}

fn credible_rank(basis: &str) -> u8 {
    match parse_basis(basis) {
        FatalityBasis::Exact | FatalityBasis::Claim | FatalityBasis::Split => 2,
        FatalityBasis::VagueWord => 1,
        FatalityBasis::None => 0,
    }
}

fn scale_rank(s: &str) -> usize {
    const ORDER: [&str; 7] = [
        "Local partner",
        "Other",
        "New media",
        "Subnational",
        "National",
        "Regional",
        "International",
    ];
    ORDER.iter().position(|o| *o == s).unwrap_or(ORDER.len())
}

/// Codebook 1.4: one scale alone; two joined lowest first; three or more, the two lowest.
pub fn combine_scales<'a>(scales: impl IntoIterator<Item = &'a str>) -> String {
    let mut all: Vec<&str> = Vec::new();
    for s in scales {
        for part in s.split('-') {
            let p = part.trim();
            if !p.is_empty() && !all.contains(&p) {
                all.push(p);
            }
        }
    }
    all.sort_by_key(|s| scale_rank(s));
    all.truncate(2);
    all.join("-")
}

fn union(values: impl IntoIterator<Item = String>) -> String {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        for part in v.split("; ") {
            let p = part.trim();
            if !p.is_empty() && !out.iter().any(|o| o == p) {
                out.push(p.to_string());
            }
        }
    }
    out.join("; ")
}

/// The most frequent value among `items` (ties: the first seen).
fn mode<T: PartialEq + Clone>(items: &[T]) -> Option<T> {
    let mut best: Option<(usize, &T)> = None;
    for (i, x) in items.iter().enumerate() {
        let n = items.iter().filter(|y| *y == x).count();
        let first = items.iter().position(|y| y == x) == Some(i);
        if first && best.is_none_or(|(bn, _)| n > bn) {
            best = Some((n, x));
        }
    }
    best.map(|(_, x)| x.clone())
}

/// Build the fused record from every mention, with the reason behind each field.
pub fn fuse_mentions(ms: &[Mention]) -> (Event, HashMap<&'static str, String>) {
    let mut why: HashMap<&'static str, String> = HashMap::new();
    let mut ev = Event::default();
    if ms.is_empty() {
        return (ev, why);
    }
    let n = ms.len();
    // type and actors: the report naming the most actors, then the most confident
    let rep = ms
        .iter()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| {
            let na = named_actors([&a.actor1, &a.assoc_actor_1, &a.actor2, &a.assoc_actor_2]);
            let nb = named_actors([&b.actor1, &b.assoc_actor_1, &b.actor2, &b.assoc_actor_2]);
            na.len()
                .cmp(&nb.len())
                .then(a.confidence.total_cmp(&b.confidence))
                .then(ib.cmp(ia))
        })
        .map(|(_, m)| m)
        .unwrap_or(&ms[0]);
    ev.disorder_type = rep.disorder_type.clone();
    ev.event_type = rep.event_type.clone();
    ev.sub_event_type = rep.sub_event_type.clone();
    ev.actor1 = rep.actor1.clone();
    ev.assoc_actor_1 = rep.assoc_actor_1.clone();
    ev.inter1 = rep.inter1;
    ev.actor2 = rep.actor2.clone();
    ev.assoc_actor_2 = rep.assoc_actor_2.clone();
    ev.inter2 = rep.inter2;
    ev.interaction = rep.interaction;
    ev.civilian_targeting = rep.civilian_targeting.clone();
    let rep_why = format!(
        "from the report naming the most actors, most confident first ({})",
        rep.document
    );
    for f in [
        "disorder_type",
        "event_type",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "inter1",
        "actor2",
        "assoc_actor_2",
        "inter2",
        "interaction",
        "civilian_targeting",
    ] {
        why.insert(f, rep_why.clone());
    }

    // date: the most precise; ties by the date most reports give, then the earliest
    let dated: Vec<&Mention> = ms.iter().filter(|m| m.event_date.is_some()).collect();
    if let Some(p) = dated.iter().map(|m| m.time_precision.max(1)).min() {
        let mut dates: Vec<NaiveDate> = dated
            .iter()
            .filter(|m| m.time_precision.max(1) == p)
            .filter_map(|m| m.event_date)
            .collect();
        dates.sort();
        let counts = |d: &NaiveDate| dates.iter().filter(|x| *x == d).count();
        let best_n = dates.iter().map(counts).max().unwrap_or(0);
        let chosen = dates.iter().find(|d| counts(d) == best_n).copied();
        ev.event_date = chosen;
        ev.time_precision = p;
        ev.year = chosen.map(|d| d.year()).unwrap_or(0);
        let w =
            format!("most precise date (time_precision {p}), given by {best_n} of {n} report(s)");
        why.insert("event_date", w.clone());
        why.insert("year", w.clone());
        why.insert("time_precision", w);
    }

    // place: the most precise (1 before 2 before 3, with coordinates first), ties by the
    // place most reports give
    let prec = |m: &Mention| {
        (
            m.latitude.is_none(),
            if m.geo_precision == 0 {
                9
            } else {
                m.geo_precision
            },
        )
    };
    if let Some(bp) = ms.iter().map(prec).min() {
        let top: Vec<&Mention> = ms.iter().filter(|m| prec(m) == bp).collect();
        let names: Vec<String> = top.iter().map(|m| fold(&m.location)).collect();
        let pick = mode(&names).unwrap_or_default();
        let k = names.iter().filter(|x| **x == pick).count();
        let p = top
            .iter()
            .find(|m| fold(&m.location) == pick)
            .copied()
            .unwrap_or(top[0]);
        ev.iso = p.iso;
        ev.region = p.region.clone();
        ev.country = p.country.clone();
        ev.admin1 = p.admin1.clone();
        ev.admin2 = p.admin2.clone();
        ev.admin3 = p.admin3.clone();
        ev.location = p.location.clone();
        ev.latitude = p.latitude;
        ev.longitude = p.longitude;
        ev.geo_precision = p.geo_precision;
        let w = format!(
            "most precise place (geo_precision {}), given by {k} of {n} report(s)",
            p.geo_precision
        );
        for f in [
            "iso",
            "region",
            "country",
            "admin1",
            "admin2",
            "admin3",
            "location",
            "latitude",
            "longitude",
            "geo_precision",
        ] {
            why.insert(f, w.clone());
        }
    }

    // fatalities: the lowest credible figure (codebook 4.1.2, 4.1.6)
    let best_rank = ms
        .iter()
        .map(|m| credible_rank(&m.fatality_basis))
        .max()
        .unwrap_or(0);
    let figures: Vec<(u32, &Mention)> = ms
        .iter()
        .filter(|m| credible_rank(&m.fatality_basis) == best_rank)
        .map(|m| (m.fatalities, m))
        .collect();
    let low = figures.iter().min_by_key(|(f, _)| *f);
    match (best_rank, low) {
        (r, Some((f, m))) if r > 0 => {
            ev.fatalities = *f;
            ev.fatality_basis = parse_basis(&m.fatality_basis);
            let mut all: Vec<String> = figures
                .iter()
                .map(|(f, m)| format!("{f} ({})", label(m)))
                .collect();
            all.dedup();
            why.insert(
                "fatalities",
                format!(
                    "lowest credible figure ({}) among {}",
                    m.fatality_basis,
                    all.join(", ")
                ),
            );
        }
        _ => {
            ev.fatalities = 0;
            ev.fatality_basis = FatalityBasis::None;
            why.insert("fatalities", "no report gives a death toll".into());
        }
    }

    ev.source = union(ms.iter().map(|m| m.source.clone()));
    why.insert("source", format!("union of the sources of {n} report(s)"));
    ev.source_scale = combine_scales(ms.iter().map(|m| m.source_scale.as_str()));
    why.insert(
        "source_scale",
        "scales of all sources (codebook 1.4)".into(),
    );
    ev.tags = union(ms.iter().map(|m| m.tags.clone()));
    why.insert("tags", "union of the reports' tags".into());

    let distinct: Vec<u32> = {
        let mut v: Vec<u32> = figures.iter().map(|(f, _)| *f).collect();
        v.sort();
        v.dedup();
        v
    };
    ev.notes = rep.notes.clone();
    if best_rank > 0 && distinct.len() > 1 {
        let reports: Vec<String> = figures
            .iter()
            .map(|(f, m)| format!("{} reported {f}", label(m)))
            .collect();
        ev.notes = format!(
            "{} Reported tolls differ ({}); the lowest credible figure is coded.",
            ev.notes.trim_end(),
            reports.join(", ")
        )
        .trim_start()
        .to_string();
    }
    why.insert("notes", rep_why);
    ev.confidence = ms.iter().map(|m| m.confidence).fold(0.0, f32::max);
    (ev, why)
}

fn label(m: &Mention) -> String {
    if m.source.is_empty() {
        m.document.clone()
    } else {
        m.source.clone()
    }
}

/// The columns a revision compares, with their values as text.
fn columns(e: &Event) -> [(&'static str, String); 29] {
    let coord = |v: Option<f64>| v.map(|v| format!("{v:.4}")).unwrap_or_default();
    [
        ("event_date", date_str(e.event_date).unwrap_or_default()),
        ("year", e.year.to_string()),
        ("time_precision", e.time_precision.to_string()),
        ("disorder_type", e.disorder_type.clone()),
        ("event_type", e.event_type.clone()),
        ("sub_event_type", e.sub_event_type.clone()),
        ("actor1", e.actor1.clone()),
        ("assoc_actor_1", e.assoc_actor_1.clone()),
        ("inter1", e.inter1.to_string()),
        ("actor2", e.actor2.clone()),
        ("assoc_actor_2", e.assoc_actor_2.clone()),
        ("inter2", e.inter2.to_string()),
        ("interaction", e.interaction.to_string()),
        ("civilian_targeting", e.civilian_targeting.clone()),
        ("iso", e.iso.to_string()),
        ("region", e.region.clone()),
        ("country", e.country.clone()),
        ("admin1", e.admin1.clone()),
        ("admin2", e.admin2.clone()),
        ("admin3", e.admin3.clone()),
        ("location", e.location.clone()),
        ("latitude", coord(e.latitude)),
        ("longitude", coord(e.longitude)),
        ("geo_precision", e.geo_precision.to_string()),
        ("source", e.source.clone()),
        ("source_scale", e.source_scale.clone()),
        ("notes", e.notes.clone()),
        ("fatalities", e.fatalities.to_string()),
        ("tags", e.tags.clone()),
    ]
}

/// The columns that differ between `old` and `new`, each with the reason `why` gives for it
/// (or `default_why`).
pub fn diff_with(
    old: &Event,
    new: &Event,
    why: &HashMap<&'static str, String>,
    default_why: &str,
) -> Vec<Change> {
    columns(old)
        .into_iter()
        .zip(columns(new))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, a), (_, b))| Change {
            field: field.to_string(),
            old: a,
            new: b,
            why: why
                .get(field)
                .cloned()
                .unwrap_or_else(|| default_why.to_string()),
        })
        .collect()
}

/// [`diff_with`] with one reason for every change.
pub fn diff(old: &Event, new: &Event, why: &str) -> Vec<Change> {
    diff_with(old, new, &HashMap::new(), why)
}

/// Write every column of `ev` to event row `row` (its id is kept).
pub(crate) fn write_event(conn: &Connection, row: i64, ev: &Event, revision: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE events SET event_date = ?1, year = ?2, time_precision = ?3, disorder_type = ?4,
         event_type = ?5, sub_event_type = ?6, actor1 = ?7, assoc_actor_1 = ?8, inter1 = ?9,
         actor2 = ?10, assoc_actor_2 = ?11, inter2 = ?12, interaction = ?13,
         civilian_targeting = ?14, iso = ?15, region = ?16, country = ?17, admin1 = ?18,
         admin2 = ?19, admin3 = ?20, location = ?21, latitude = ?22, longitude = ?23,
         geo_precision = ?24, source = ?25, source_scale = ?26, notes = ?27, fatalities = ?28,
         tags = ?29, timestamp = ?30, confidence = ?31, fatality_basis = ?32, revision = ?33
         WHERE id = ?34",
    )?
    .execute(params![
        date_str(ev.event_date),
        ev.year,
        ev.time_precision,
        ev.disorder_type,
        ev.event_type,
        ev.sub_event_type,
        ev.actor1,
        ev.assoc_actor_1,
        ev.inter1,
        ev.actor2,
        ev.assoc_actor_2,
        ev.inter2,
        ev.interaction,
        ev.civilian_targeting,
        ev.iso,
        ev.region,
        ev.country,
        ev.admin1,
        ev.admin2,
        ev.admin3,
        ev.location,
        ev.latitude.filter(|v| v.is_finite()),
        ev.longitude.filter(|v| v.is_finite()),
        ev.geo_precision,
        ev.source,
        ev.source_scale,
        ev.notes,
        ev.fatalities,
        ev.tags,
        ev.timestamp,
        ev.confidence as f64,
        basis_str(ev.fatality_basis),
        revision,
        row
    ])?;
    Ok(())
}

pub(crate) fn add_revision(
    conn: &Connection,
    row: i64,
    revision: i64,
    at: i64,
    mention: Option<i64>,
    reason: &str,
    changes: &[Change],
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO revisions (event_id, revision, at, mention_id, reason, changes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        row,
        revision,
        at,
        mention,
        reason,
        serde_json::to_string(changes)?
    ])?;
    Ok(())
}

/// Rebuild event `row` from its current mentions (those of documents not superseded by a
/// newer version at the same URL) after `mention` joined, recording a revision. With no
/// current mention left the fields are kept and the revision says so.
pub(crate) fn refuse_event(
    conn: &Connection,
    row: i64,
    mention: Option<i64>,
    reason: &str,
    at: i64,
) -> Result<()> {
    let (old, _, rev, _) = conn
        .prepare_cached(&format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = ?1"))?
        .query_row([row], event_from_row)?;
    let records = conn
        .prepare_cached(
            "SELECT m.record FROM mentions m JOIN documents d ON d.id = m.document_id
             WHERE m.event_id = ?1 AND d.superseded_by IS NULL ORDER BY m.id",
        )?
        .query_map([row], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    let ms = records
        .iter()
        .map(|r| serde_json::from_str::<Mention>(r))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    if ms.is_empty() {
        let reason = format!("{reason}; no current report is left, the fields are kept");
        conn.prepare_cached("UPDATE events SET revision = ?1, timestamp = ?2 WHERE id = ?3")?
            .execute(params![rev + 1, at, row])?;
        return add_revision(conn, row, rev + 1, at, mention, &reason, &[]);
    }
    let (mut fused, why) = fuse_mentions(&ms);
    fused.event_id_cnty = old.event_id_cnty.clone();
    fused.timestamp = Some(at);
    let changes = diff_with(&old, &fused, &why, reason);
    write_event(conn, row, &fused, rev + 1)?;
    add_revision(conn, row, rev + 1, at, mention, reason, &changes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(doc: &str, date: &str, loc: &str, lat: f64, lon: f64, fat: u32, basis: &str) -> Mention {
        Mention {
            document: doc.into(),
            source: format!("Outlet {doc}"),
            event_date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            time_precision: 1,
            event_type: "Violence against civilians".into(),
            sub_event_type: "Attack".into(),
            actor1: "Unidentified Armed Group (Mali)".into(),
            actor2: "Civilians (Mali)".into(),
            country: "Mali".into(),
            location: loc.into(),
            latitude: Some(lat),
            longitude: Some(lon),
            geo_precision: 1,
            fatalities: fat,
            fatality_basis: basis.into(),
            confidence: 0.5,
            ..Mention::default()
        }
    }

    fn as_event(m: &Mention) -> Event {
        fuse_mentions(std::slice::from_ref(m)).0
    }

    #[test]
    fn distance_is_right() {
        // one degree of latitude is about 111 km
        let d = haversine_km(14.0, -4.0, 15.0, -4.0);
        assert!((d - 111.2).abs() < 0.5, "{d}");
    }

    #[test]
    fn compatibility_rules() {
        let a = m("a", "2024-03-01", "Boni", 15.03, -1.90, 12, "exact");
        let ev = as_event(&a);
        // same day, same place
        assert!(
            compatibility(&ev, &m("b", "2024-03-01", "Boni", 15.03, -1.90, 9, "exact")).is_some()
        );
        // one day off (overnight), spelled differently, 2 km away
        assert!(compatibility(
            &ev,
            &m("c", "2024-03-02", "Bonni", 15.04, -1.89, 9, "exact")
        )
        .is_some());
        // a week later
        assert!(
            compatibility(&ev, &m("d", "2024-03-08", "Boni", 15.03, -1.90, 3, "exact")).is_none()
        );
        // same day, 30 km away
        assert!(compatibility(
            &ev,
            &m("e", "2024-03-01", "Hombori", 15.30, -1.90, 3, "exact")
        )
        .is_none());
        // different named perpetrators
        let mut x = m("f", "2024-03-01", "Boni", 15.03, -1.90, 3, "exact");
        x.actor1 = "JNIM: Group for Support of Islam and Muslims".into();
        x.inter1 = 2;
        let mut y = x.clone();
        y.actor1 = "Islamic State (Sahel)".into();
        assert!(compatibility(&as_event(&x), &y).is_none());
        // a report naming only the army as actor does not conflict with one naming JNIM
        let mut z = x.clone();
        z.actor1 = "Military Forces of Mali (2021-)".into();
        z.inter1 = 1;
        assert!(compatibility(&as_event(&x), &z).is_some());
        // a protest is not an attack
        let mut p = m("g", "2024-03-01", "Boni", 15.03, -1.90, 0, "none");
        p.event_type = "Protests".into();
        assert!(compatibility(&ev, &p).is_none());
    }

    #[test]
    fn fused_fields_follow_the_codebook() {
        let mut a = m("a", "2024-03-01", "Boni", 15.03, -1.90, 12, "exact");
        a.geo_precision = 2;
        let mut b = m("b", "2024-03-01", "Boni", 15.03, -1.90, 10, "vague_word");
        b.time_precision = 2;
        let c = m("c", "2024-03-01", "Boni", 15.03, -1.90, 9, "exact");
        let (ev, why) = fuse_mentions(&[a, b, c]);
        assert_eq!(ev.fatalities, 9, "{:?}", why.get("fatalities"));
        assert_eq!(ev.fatality_basis, FatalityBasis::Exact);
        assert_eq!(ev.geo_precision, 1);
        assert_eq!(ev.time_precision, 1);
        assert_eq!(ev.source, "Outlet a; Outlet b; Outlet c");
        assert!(ev.notes.contains("Outlet a reported 12"), "{}", ev.notes);
        // a report without a toll does not pull the figure to 0
        let d = m("d", "2024-03-01", "Boni", 15.03, -1.90, 0, "none");
        let e = m("e", "2024-03-01", "Boni", 15.03, -1.90, 7, "exact");
        assert_eq!(fuse_mentions(&[d, e]).0.fatalities, 7);
    }

    #[test]
    fn scales_combine_in_order() {
        assert_eq!(
            combine_scales(["International", "National"]),
            "National-International"
        );
        assert_eq!(
            combine_scales(["International", "Subnational", "New media-National"]),
            "New media-Subnational"
        );
        assert_eq!(combine_scales(["", "National"]), "National");
    }
}
