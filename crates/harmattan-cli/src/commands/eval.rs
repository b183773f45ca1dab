//! `harmattan eval`: score the extractor against gold data.
//!
//! ACLED CSV gold: one row = one gold event; input text = `notes`, publication date = gold
//! `event_date`; the first (highest-confidence) output event is scored field by field.
//! UCDP-AEC JSONL gold: one line = one article with one gold event; an output event is
//! "found" when its date and country match, and the best found event is scored.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

use anyhow::{bail, Context};
use chrono::{Days, NaiveDate};
use harmattan_core::countries::Countries;
use harmattan_core::geo::Gazetteer;
use harmattan_core::text::fold_key;
use harmattan_core::{Document, Engine, EngineData, Event, Extraction};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::{json, Value};

use crate::input::{io_msg, json_msg, parse_date, read_line_limited, str_field, MAX_DOC_BYTES};
use crate::EvalArgs;

/// Rows extracted together (in parallel) before scoring them in order.
const CHUNK: usize = 1024;
/// A progress line every this many rows.
const PROGRESS_EVERY: usize = 500;
/// Mean Earth radius in km.
const EARTH_KM: f64 = 6371.0088;

/// ACLED fields scored, in report order.
const ACLED_FIELDS: [&str; 11] = [
    "event_type",
    "sub_event_type",
    "actor1",
    "actors",
    "inter1",
    "country",
    "admin1",
    "admin2",
    "location",
    "fatalities",
    "event_date",
];

/// ACLED place fields also scored under the UCDP protocol's place rule (an alternate name of
/// the same place counts: [`same_place`]), reported beside the exact figures.
const ACLED_ALT_FIELDS: [(&str, &str); 3] = [
    ("admin1", "admin1_alt"),
    ("admin2", "admin2_alt"),
    ("location", "location_alt"),
];

/// UCDP fields scored, in report order.
const UCDP_FIELDS: [&str; 6] = ["found", "deaths", "country", "adm1", "where", "date"];

/// Type words dropped from admin and place names before comparing (UCDP protocol).
/// Beside the English and French ones: `Area` (Nairobi Area), `Capital` (Brussels Capital,
/// Sofia-Capital), `Special` (Seoul Special City), `Metropolitan`, Korean `do` (Gyeonggi-do)
/// and `si`, Hindi/Nepali `Pradesh` (province).
const TYPE_WORDS: [&str; 26] = [
    "governorate",
    "region",
    "province",
    "state",
    "district",
    "department",
    "departement",
    "division",
    "county",
    "municipality",
    "village",
    "town",
    "city",
    "commune",
    "cercle",
    "prefecture",
    "oblast",
    "rayon",
    "subdistrict",
    "area",
    "capital",
    "special",
    "metropolitan",
    "do",
    "si",
    "pradesh",
];

/// Linking words dropped with the type words (`Région de Mopti`, `Province of Bam`).
const LINK_WORDS: [&str; 9] = ["of", "the", "de", "du", "des", "d", "la", "le", "l"];

/// Run `eval`.
pub fn run(args: &EvalArgs) -> anyhow::Result<bool> {
    let ucdp = is_ucdp(&args.gold)?;
    let engine = super::load_engine(&args.gazetteer)?;
    let workers = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let mut errors_out = match &args.errors {
        Some(p) => Some(BufWriter::new(
            File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => None,
    };
    let errs: Option<&mut dyn Write> = errors_out.as_mut().map(|w| w as &mut dyn Write);
    let ctx = Ctx {
        engine: &engine,
        workers,
        limit: args.limit.unwrap_or(usize::MAX),
    };
    let (report, json, bad_rows) = if ucdp {
        run_ucdp(&ctx, &args.gold, errs)?
    } else {
        run_acled(&ctx, &args.gold, errs)?
    };
    if let Some(mut w) = errors_out {
        w.flush().context("writing the errors file")?;
    }
    print!("{}", report.text());
    std::io::stdout().flush()?;
    if let Some(p) = &args.json {
        let mut s = serde_json::to_string_pretty(&json)?;
        s.push('\n');
        std::fs::write(p, s).with_context(|| format!("cannot write {}", p.display()))?;
    }
    if let Some(p) = &args.markdown {
        std::fs::write(p, report.markdown())
            .with_context(|| format!("cannot write {}", p.display()))?;
    }
    if bad_rows > 0 {
        eprintln!("{bad_rows} gold rows could not be read and were skipped");
    }
    Ok(bad_rows == 0)
}

struct Ctx<'a> {
    engine: &'a Engine,
    workers: usize,
    limit: usize,
}

/// UCDP JSONL when the extension says so or the first line has `source_article`.
fn is_ucdp(path: &Path) -> anyhow::Result<bool> {
    if crate::input::is_jsonl_path(path) {
        return Ok(true);
    }
    let f = File::open(path).with_context(|| format!("gold file {}", path.display()))?;
    let mut head = Vec::new();
    BufReader::new(f)
        .take(64 * 1024)
        .read_until(b'\n', &mut head)
        .with_context(|| format!("gold file {}", path.display()))?;
    let head = String::from_utf8_lossy(&head);
    Ok(head.trim_start().starts_with('{') && head.contains("\"source_article\""))
}

fn norm(s: &str) -> String {
    s.trim().to_lowercase()
}

fn frac(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

/// Great-circle distance in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_KM * a.sqrt().min(1.0).asin()
}

fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    })
}

/// ACLED actor type labels (codebook 3.2) to their numeric codes.
fn inter_code(s: &str) -> String {
    let n = norm(s);
    let code = match n.as_str() {
        "state forces" => "1",
        "rebel group" | "rebel groups" => "2",
        "political militia" | "political militias" => "3",
        "identity militia" | "identity militias" => "4",
        "rioters" => "5",
        "protesters" => "6",
        "civilians" => "7",
        "external/other forces" | "external/other force" => "8",
        "" => "0",
        _ => return n,
    };
    code.to_string()
}

/// Admin or place name for comparison: folded tokens without type words.
pub fn place_tokens(s: &str) -> Vec<String> {
    // "Ma'rib" and "Marib": apostrophes of transliteration are not word breaks
    let s: String = s
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{02bb}' | '`'
            )
        })
        .collect();
    let key = fold_key(&s);
    let all: Vec<&str> = key.split(' ').filter(|t| !t.is_empty()).collect();
    let kept: Vec<String> = all
        .iter()
        .filter(|t| !TYPE_WORDS.contains(t) && !LINK_WORDS.contains(t))
        .map(|t| t.to_string())
        .collect();
    if kept.is_empty() {
        all.into_iter().map(String::from).collect()
    } else {
        kept
    }
}

fn place_match(gold: &str, pred: &str) -> bool {
    let g = place_tokens(gold);
    !g.is_empty() && g == place_tokens(pred)
}

/// [`place_match`], or both names are spellings of one gazetteer place ("Hamah" and "Hama",
/// "Yangon" and "Rangoon"): the protocol counts an alternate name of the same place.
fn same_place(gaz: &Gazetteer, gold: &str, pred: &str) -> bool {
    if place_match(gold, pred) {
        return true;
    }
    if pred.trim().is_empty() || gold.trim().is_empty() {
        return false;
    }
    let ids = |name: &str| -> BTreeSet<String> {
        let mut out: BTreeSet<String> = gaz.lookup(name).into_iter().map(|h| h.0).collect();
        out.extend(
            gaz.lookup(&place_tokens(name).join(" "))
                .into_iter()
                .map(|h| h.0),
        );
        out
    };
    let g = ids(gold);
    !g.is_empty() && ids(pred).iter().any(|i| g.contains(i))
}

fn strip_paren(s: &str) -> &str {
    let t = s.trim();
    match (t.ends_with(')'), t.rfind('(')) {
        (true, Some(i)) if i > 0 => t[..i].trim_end(),
        _ => t,
    }
}

/// UCDP country (e.g. `DR Congo (Zaire)`) against an output country name.
pub fn country_match(countries: &Countries, gold: &str, pred: &str) -> bool {
    if pred.trim().is_empty() || gold.trim().is_empty() {
        return false;
    }
    let g = strip_paren(gold);
    if fold_key(g) == fold_key(pred) || fold_key(gold) == fold_key(pred) {
        return true;
    }
    let gi = countries.by_name(gold).or_else(|| countries.by_name(g));
    gi.is_some() && gi == countries.by_name(pred)
}

// ----------------------------------------------------------------------------------------
// Reports

struct Line {
    label: String,
    correct: usize,
    scored: usize,
}

struct Confusion {
    gold: Vec<String>,
    pred: Vec<String>,
    counts: BTreeMap<(String, String), usize>,
}

struct Report {
    title: String,
    lines: Vec<Line>,
    notes: Vec<String>,
    confusion: Option<Confusion>,
}

impl Report {
    fn text(&self) -> String {
        let mut s = format!("{}\n\n", self.title);
        let w = self
            .lines
            .iter()
            .map(|l| l.label.len())
            .chain([5])
            .max()
            .unwrap_or(5);
        s += &format!(
            "{:<w$}  {:>8}  {:>8}  {:>8}\n",
            "field", "correct", "scored", "accuracy"
        );
        for l in &self.lines {
            s += &format!(
                "{:<w$}  {:>8}  {:>8}  {:>7.1}%\n",
                l.label,
                l.correct,
                l.scored,
                100.0 * frac(l.correct, l.scored)
            );
        }
        for n in &self.notes {
            s += &format!("{n}\n");
        }
        if let Some(c) = &self.confusion {
            s += "\nevent_type confusion (rows: gold, columns: predicted)\n\n";
            let w0 = c
                .gold
                .iter()
                .map(|g| g.chars().count())
                .chain([4])
                .max()
                .unwrap_or(4);
            s += &format!("{:<w0$}", "gold");
            let widths: Vec<usize> = c.pred.iter().map(|p| p.chars().count().max(5)).collect();
            for (p, w) in c.pred.iter().zip(&widths) {
                s += &format!("  {p:>w$}");
            }
            s += "\n";
            for g in &c.gold {
                s += &format!("{g:<w0$}");
                for (p, w) in c.pred.iter().zip(&widths) {
                    let n = c.counts.get(&(g.clone(), p.clone())).copied().unwrap_or(0);
                    s += &format!("  {n:>w$}");
                }
                s += "\n";
            }
        }
        s
    }

    fn markdown(&self) -> String {
        let mut s = format!("## {}\n\n", self.title);
        s += "| field | correct | scored | accuracy |\n|---|---:|---:|---:|\n";
        for l in &self.lines {
            s += &format!(
                "| {} | {} | {} | {:.1}% |\n",
                l.label,
                l.correct,
                l.scored,
                100.0 * frac(l.correct, l.scored)
            );
        }
        if !self.notes.is_empty() {
            s += "\n";
            for n in &self.notes {
                s += &format!("- {n}\n");
            }
        }
        if let Some(c) = &self.confusion {
            s += "\n### event_type confusion (rows: gold, columns: predicted)\n\n| gold |";
            for p in &c.pred {
                s += &format!(" {p} |");
            }
            s += "\n|---|";
            s += &"---:|".repeat(c.pred.len());
            s += "\n";
            for g in &c.gold {
                s += &format!("| {g} |");
                for p in &c.pred {
                    let n = c.counts.get(&(g.clone(), p.clone())).copied().unwrap_or(0);
                    s += &format!(" {n} |");
                }
                s += "\n";
            }
        }
        s
    }
}

/// A JSON value whose objects keep their keys in insertion order (serde_json's `Value`
/// sorts them).
enum J {
    V(Value),
    O(Vec<(&'static str, J)>),
}

impl Serialize for J {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        match self {
            J::V(v) => v.serialize(ser),
            J::O(entries) => {
                let mut m = ser.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }
    }
}

// ----------------------------------------------------------------------------------------
// Shared chunk runner

/// Extract a chunk of documents in parallel; results in input order.
fn extract_chunk(ctx: &Ctx, docs: &[Document]) -> Vec<Vec<Event>> {
    super::extract_parallel(ctx.engine, docs, ctx.workers)
        .into_iter()
        .map(|r: Result<Extraction, String>| match r {
            Ok(x) => x.events,
            Err(msg) => {
                eprintln!("{msg}");
                Vec::new()
            }
        })
        .collect()
}

fn progress(done: usize, before: usize) {
    if done / PROGRESS_EVERY > before / PROGRESS_EVERY {
        eprintln!("eval: {} rows", done / PROGRESS_EVERY * PROGRESS_EVERY);
    }
}

// ----------------------------------------------------------------------------------------
// ACLED

struct AcledRow {
    id: String,
    notes: String,
    /// Gold cells by column name; a missing column is absent.
    cells: BTreeMap<&'static str, String>,
}

const ACLED_READ: [&str; 15] = [
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "inter1",
    "country",
    "admin1",
    "admin2",
    "location",
    "fatalities",
    "latitude",
    "longitude",
    "notes",
];

#[derive(Default)]
struct AcledAcc {
    rows: usize,
    detected: usize,
    correct: BTreeMap<&'static str, usize>,
    scored: BTreeMap<&'static str, usize>,
    coords_scored: usize,
    within10: usize,
    within50: usize,
    dists: Vec<f64>,
    confusion: BTreeMap<(String, String), usize>,
    coverage: Coverage,
}

/// What the text and the gazetteer allow at best for the place fields: a ceiling that no
/// name-based geocoder can pass, not a score. It tells gazetteer coverage from choice errors.
#[derive(Default)]
struct Coverage {
    /// Rows with a gold location and a known gold country.
    loc_rows: usize,
    /// The gold location's name occurs in the text (folded, type words dropped).
    loc_in_text: usize,
    /// Some name in the text is a gazetteer place of the gold country called like the gold
    /// location (any spelling the gazetteer knows, near-spellings and compound names included).
    loc_reachable: usize,
    /// Rows with a gold admin1 and a known gold country.
    admin1_rows: usize,
    /// Rows with a gold admin2 and a known gold country.
    admin2_rows: usize,
    /// As `admin1_reachable`, for the gold admin2.
    admin2_reachable: usize,
    /// Rows with gold coordinates and a known gold country.
    point_rows: usize,
    /// Some name in the text (as for `admin1_reachable`) is a gazetteer place of the gold
    /// country within 10 km of the gold point.
    point_reachable: usize,
    /// Some name in the text, a near-spelling of it, or a compound name it is the stem of, is
    /// a gazetteer place of the gold country in the gold admin1.
    admin1_reachable: usize,
}

/// Longest name tried when scanning a text for gazetteer names, in words.
const COVERAGE_MAX_WORDS: usize = 4;

/// Count one row into [`Coverage`]; returns the row's own figures for the errors file.
fn coverage(engine: &Engine, row: &AcledRow, cov: &mut Coverage) -> Value {
    let countries = engine.countries();
    let gaz = engine.gazetteer();
    let Some(iso2) = row
        .cells
        .get("country")
        .and_then(|c| countries.by_name(c))
        .map(|i| countries.get(i).iso2.clone())
    else {
        return Value::Null;
    };
    let gold = |f: &str| row.cells.get(f).map(|s| s.trim()).filter(|s| !s.is_empty());
    let (loc, a1, a2) = (gold("location"), gold("admin1"), gold("admin2"));
    let point = match (
        parse_coord(row.cells.get("latitude"), 90.0),
        parse_coord(row.cells.get("longitude"), 180.0),
    ) {
        (Some(la), Some(lo)) => Some((la, lo)),
        _ => None,
    };
    if loc.is_none() && a1.is_none() && a2.is_none() && point.is_none() {
        return Value::Null;
    }
    let words = place_tokens(&row.notes);
    let mut loc_reached = false;
    let mut a1_reached = false;
    let mut a2_reached = false;
    let mut point_reached = false;
    let mut buf = String::new();
    for i in 0..words.len() {
        for n in 1..=COVERAGE_MAX_WORDS.min(words.len() - i) {
            let name = words[i..i + n].join(" ");
            if let Some((la, lo)) = point.filter(|_| !point_reached) {
                point_reached = gaz
                    .points(&name)
                    .iter()
                    .any(|(cc, pla, plo)| *cc == iso2 && haversine_km(la, lo, *pla, *plo) <= 10.0);
            }
            let mut hits = gaz.lookup_near(&name);
            if gaz.count(&name, &mut buf) > 0 {
                hits.extend(gaz.lookup(&name));
            }
            for (_, place, cc, admin1, admin2) in hits {
                if cc != iso2 {
                    continue;
                }
                loc_reached |= loc.is_some_and(|l| place_match(l, &place));
                a1_reached |= a1.is_some_and(|a| place_match(a, &admin1));
                a2_reached |= a2.is_some_and(|a| place_match(a, &admin2));
            }
        }
    }
    let mut in_text = false;
    if let Some(l) = loc {
        cov.loc_rows += 1;
        let lw = place_tokens(l);
        in_text = !lw.is_empty() && words.windows(lw.len()).any(|w| w == lw.as_slice());
        cov.loc_in_text += usize::from(in_text);
        cov.loc_reachable += usize::from(loc_reached);
    }
    if a1.is_some() {
        cov.admin1_rows += 1;
        cov.admin1_reachable += usize::from(a1_reached);
    }
    if a2.is_some() {
        cov.admin2_rows += 1;
        cov.admin2_reachable += usize::from(a2_reached);
    }
    if point.is_some() {
        cov.point_rows += 1;
        cov.point_reachable += usize::from(point_reached);
    }
    json!({
        "location_in_text": loc.map(|_| in_text),
        "location_reachable": loc.map(|_| loc_reached),
        "admin1_reachable": a1.map(|_| a1_reached),
        "admin2_reachable": a2.map(|_| a2_reached),
        "coords_within_10km_reachable": point.map(|_| point_reached),
    })
}

fn pred_value(field: &str, e: &Event) -> String {
    match field {
        "event_type" => e.event_type.clone(),
        "sub_event_type" => e.sub_event_type.clone(),
        "actor1" => e.actor1.clone(),
        "actors" => actor_set(&e.actor1, &e.actor2)
            .into_iter()
            .collect::<Vec<_>>()
            .join(" | "),
        "inter1" => e.inter1.to_string(),
        "country" => e.country.clone(),
        "admin1" => e.admin1.clone(),
        "admin2" => e.admin2.clone(),
        "location" => e.location.clone(),
        "fatalities" => e.fatalities.to_string(),
        "event_date" => e
            .event_date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

fn actor_set(a1: &str, a2: &str) -> BTreeSet<String> {
    [a1, a2]
        .iter()
        .map(|a| norm(a))
        .filter(|a| !a.is_empty())
        .collect()
}

/// Gold value of a field (None when its column is missing).
fn gold_value(field: &str, row: &AcledRow) -> Option<String> {
    match field {
        "actors" => {
            let a1 = row.cells.get("actor1")?;
            let a2 = row.cells.get("actor2").map(String::as_str).unwrap_or("");
            Some(
                actor_set(a1, a2)
                    .into_iter()
                    .collect::<Vec<_>>()
                    .join(" | "),
            )
        }
        f => row.cells.get(f).cloned(),
    }
}

fn field_correct(field: &str, gold: &str, e: &Event) -> bool {
    match field {
        "actors" => {
            let pred = actor_set(&e.actor1, &e.actor2);
            let g: BTreeSet<String> = gold
                .split(" | ")
                .map(norm)
                .filter(|s| !s.is_empty())
                .collect();
            g == pred
        }
        "inter1" => inter_code(gold) == e.inter1.to_string(),
        "fatalities" => match gold.trim().parse::<u64>() {
            Ok(n) => n == u64::from(e.fatalities),
            Err(_) => norm(gold) == e.fatalities.to_string(),
        },
        "event_date" => match parse_date(gold) {
            Some(d) => e.event_date == Some(d),
            None => norm(gold) == norm(&pred_value(field, e)),
        },
        f => norm(gold) == norm(&pred_value(f, e)),
    }
}

fn parse_coord(s: Option<&String>, max: f64) -> Option<f64> {
    let v: f64 = s?.trim().parse().ok()?;
    (v.is_finite() && v.abs() <= max).then_some(v)
}

fn score_acled(
    engine: &Engine,
    row: &AcledRow,
    events: &[Event],
    acc: &mut AcledAcc,
    errs: &mut Option<&mut dyn Write>,
) -> anyhow::Result<()> {
    acc.rows += 1;
    let ceiling = coverage(engine, row, &mut acc.coverage);
    let gaz = engine.gazetteer();
    let first = events.first();
    if first.is_some() {
        acc.detected += 1;
    }
    let mut wrong = serde_json::Map::new();
    for field in ACLED_FIELDS {
        let Some(gold) = gold_value(field, row) else {
            continue;
        };
        *acc.scored.entry(field).or_default() += 1;
        let ok = first.is_some_and(|e| field_correct(field, &gold, e));
        if ok {
            *acc.correct.entry(field).or_default() += 1;
        } else {
            let pred = first.map(|e| pred_value(field, e));
            wrong.insert(field.to_string(), json!({"gold": gold, "pred": pred}));
        }
    }
    let mut alt_ok = Vec::new();
    for (field, alt) in ACLED_ALT_FIELDS {
        let Some(gold) = gold_value(field, row) else {
            continue;
        };
        *acc.scored.entry(alt).or_default() += 1;
        let exact = first.is_some_and(|e| field_correct(field, &gold, e));
        if exact || first.is_some_and(|e| same_place(gaz, &gold, &pred_value(field, e))) {
            *acc.correct.entry(alt).or_default() += 1;
            if !exact {
                alt_ok.push(field);
            }
        }
    }
    if row.cells.contains_key("event_type") {
        let g = row.cells["event_type"].trim();
        let g = if g.is_empty() { "(empty)" } else { g };
        let p = match first {
            None => "(none)",
            Some(e) if e.event_type.trim().is_empty() => "(empty)",
            Some(e) => e.event_type.trim(),
        };
        *acc.confusion
            .entry((g.to_string(), p.to_string()))
            .or_default() += 1;
    }
    let mut km = None;
    let gold_pt = (
        parse_coord(row.cells.get("latitude"), 90.0),
        parse_coord(row.cells.get("longitude"), 180.0),
    );
    if let (Some(glat), Some(glon)) = gold_pt {
        acc.coords_scored += 1;
        if let Some((Some(plat), Some(plon))) = first.map(|e| (e.latitude, e.longitude)) {
            if plat.is_finite() && plon.is_finite() {
                let d = haversine_km(glat, glon, plat, plon);
                km = Some(d);
                acc.dists.push(d);
                if d <= 10.0 {
                    acc.within10 += 1;
                }
                if d <= 50.0 {
                    acc.within50 += 1;
                }
            }
        }
    }
    if let Some(w) = errs {
        let line = json!({
            "row": acc.rows,
            "id": row.id,
            "detected": first.is_some(),
            "events": events.len(),
            "wrong": wrong,
            "alternate_name_ok": alt_ok,
            "coords_km": km,
            "ceiling": ceiling,
            "text": row.notes,
        });
        serde_json::to_writer(&mut **w, &line)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

fn run_acled(
    ctx: &Ctx,
    path: &Path,
    mut errs: Option<&mut dyn Write>,
) -> anyhow::Result<(Report, J, usize)> {
    let shown = path.display().to_string();
    let file = File::open(path).with_context(|| format!("gold file {shown}"))?;
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(BufReader::new(file));
    let headers = rdr
        .headers()
        .with_context(|| format!("{shown}: cannot read the header row"))?
        .clone();
    let mut col: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase();
        if let Some(name) = ACLED_READ.iter().find(|n| **n == h) {
            col.entry(name).or_insert(i);
        }
    }
    if !col.contains_key("notes") {
        bail!("{shown}: no `notes` column; is this an ACLED CSV?");
    }
    let has_coords = col.contains_key("latitude") && col.contains_key("longitude");
    let today = super::today();
    let mut said_today = false;
    let mut acc = AcledAcc::default();
    let mut bad = 0usize;
    let mut records = rdr.records();
    let mut read = 0usize;
    loop {
        let mut rows = Vec::new();
        let mut docs = Vec::new();
        while rows.len() < CHUNK && read < ctx.limit {
            let rec = match records.next() {
                None => break,
                Some(Ok(r)) => r,
                Some(Err(e)) => {
                    let line = e.position().map_or(0, |p| p.line());
                    eprintln!("{shown}:{line}: {e}; row skipped");
                    bad += 1;
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        break;
                    }
                    continue;
                }
            };
            read += 1;
            let line = rec.position().map_or(0, |p| p.line());
            let cells: BTreeMap<&'static str, String> = col
                .iter()
                .map(|(k, &i)| (*k, rec.get(i).unwrap_or("").to_string()))
                .collect();
            let notes = cells.get("notes").cloned().unwrap_or_default();
            let id = cells
                .get("event_id_cnty")
                .filter(|s| !s.trim().is_empty())
                .cloned()
                .unwrap_or_else(|| format!("{shown}:{line}"));
            let published = cells.get("event_date").and_then(|d| parse_date(d));
            let published = published.unwrap_or_else(|| {
                if !said_today {
                    eprintln!(
                        "note: gold rows without a readable event_date are dated today ({today})"
                    );
                    said_today = true;
                }
                today
            });
            docs.push(Document {
                id: id.clone(),
                text: notes.clone(),
                published: Some(published),
                ..Document::default()
            });
            rows.push(AcledRow { id, notes, cells });
        }
        if rows.is_empty() {
            break;
        }
        let outputs = extract_chunk(ctx, &docs);
        for (row, events) in rows.iter().zip(&outputs) {
            let before = acc.rows;
            score_acled(ctx.engine, row, events, &mut acc, &mut errs)
                .context("writing the errors file")?;
            progress(acc.rows, before);
        }
    }

    let mut lines = vec![Line {
        label: "detected".into(),
        correct: acc.detected,
        scored: acc.rows,
    }];
    let mut fields = Vec::new();
    for f in ACLED_FIELDS {
        if let Some(&scored) = acc.scored.get(f) {
            let correct = acc.correct.get(f).copied().unwrap_or(0);
            lines.push(Line {
                label: f.into(),
                correct,
                scored,
            });
            fields.push((f, J::V(json!(frac(correct, scored)))));
        }
    }
    let fields_present = fields.len();
    // printed in the table only: the JSON object's keys are the contract
    for (_, alt) in ACLED_ALT_FIELDS {
        if let Some(&scored) = acc.scored.get(alt) {
            let correct = acc.correct.get(alt).copied().unwrap_or(0);
            lines.push(Line {
                label: format!("{alt} (alternate names count)"),
                correct,
                scored,
            });
        }
    }
    let mut notes = Vec::new();
    let median_km = median(&mut acc.dists);
    let mut out = vec![
        ("rows", J::V(json!(acc.rows))),
        ("detected", J::V(json!(frac(acc.detected, acc.rows)))),
        ("fields", J::O(fields)),
    ];
    if has_coords {
        lines.push(Line {
            label: "coords within 10 km".into(),
            correct: acc.within10,
            scored: acc.coords_scored,
        });
        lines.push(Line {
            label: "coords within 50 km".into(),
            correct: acc.within50,
            scored: acc.coords_scored,
        });
        notes.push(match median_km {
            Some(m) => format!(
                "median coordinate error: {m:.1} km over {} rows with both points",
                acc.dists.len()
            ),
            None => "median coordinate error: n/a (no rows with both points)".to_string(),
        });
        out.push((
            "coords_within_10km",
            J::V(json!(frac(acc.within10, acc.coords_scored))),
        ));
        out.push((
            "coords_within_50km",
            J::V(json!(frac(acc.within50, acc.coords_scored))),
        ));
        out.push(("median_km", J::V(json!(median_km))));
    }
    let cov = &acc.coverage;
    if cov.loc_rows + cov.admin1_rows + cov.admin2_rows + cov.point_rows > 0 {
        notes.push(format!(
            "ceiling, what the text and the gazetteer allow (not a score): gold location named in \
             the text {:.1}%, reachable through the gazetteer from a name in the text {:.1}%; gold \
             admin1 holds a gazetteer place named in the text {:.1}%, gold admin2 {:.1}%, a \
             gazetteer place within 10 km of the gold point is named in the text {:.1}% \
             (near-spellings and compound names included)",
            100.0 * frac(cov.loc_in_text, cov.loc_rows),
            100.0 * frac(cov.loc_reachable, cov.loc_rows),
            100.0 * frac(cov.admin1_reachable, cov.admin1_rows),
            100.0 * frac(cov.admin2_reachable, cov.admin2_rows),
            100.0 * frac(cov.point_reachable, cov.point_rows),
        ));
        out.push((
            "ceiling",
            J::O(vec![
                (
                    "location_in_text",
                    J::V(json!(frac(cov.loc_in_text, cov.loc_rows))),
                ),
                (
                    "location_reachable",
                    J::V(json!(frac(cov.loc_reachable, cov.loc_rows))),
                ),
                (
                    "admin1_reachable",
                    J::V(json!(frac(cov.admin1_reachable, cov.admin1_rows))),
                ),
                (
                    "admin2_reachable",
                    J::V(json!(frac(cov.admin2_reachable, cov.admin2_rows))),
                ),
                (
                    "coords_within_10km_reachable",
                    J::V(json!(frac(cov.point_reachable, cov.point_rows))),
                ),
            ]),
        ));
    }
    if fields_present < ACLED_FIELDS.len() {
        let missing: Vec<&str> = ACLED_FIELDS
            .iter()
            .filter(|f| !acc.scored.contains_key(*f))
            .copied()
            .collect();
        if acc.rows > 0 {
            notes.push(format!(
                "not scored (column missing): {}",
                missing.join(", ")
            ));
        }
    }
    let confusion = col.contains_key("event_type").then(|| {
        let gold: BTreeSet<String> = acc.confusion.keys().map(|(g, _)| g.clone()).collect();
        let mut pred: Vec<String> = acc
            .confusion
            .keys()
            .map(|(_, p)| p.clone())
            .filter(|p| p != "(none)")
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        pred.push("(none)".to_string());
        Confusion {
            gold: gold.into_iter().collect(),
            pred,
            counts: std::mem::take(&mut acc.confusion),
        }
    });
    let report = Report {
        title: format!("ACLED gold {}: {} rows", file_name(path), acc.rows),
        lines,
        notes,
        confusion,
    };
    Ok((report, J::O(out), bad))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

// ----------------------------------------------------------------------------------------
// UCDP

struct UcdpRow {
    id: String,
    article: String,
    start: NaiveDate,
    end: NaiveDate,
    deaths: Option<(u64, u64)>,
    country: String,
    adm1: String,
    where_: String,
}

#[derive(Default)]
struct UcdpAcc {
    rows: usize,
    correct: BTreeMap<&'static str, usize>,
    scored: BTreeMap<&'static str, usize>,
    extra: usize,
}

fn num_field(obj: &serde_json::Map<String, Value>, key: &str) -> Option<u64> {
    match obj.get(key)? {
        Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn parse_ucdp(line: &str, name: &str, line_no: usize) -> Result<(UcdpRow, Document), String> {
    let v: Value = serde_json::from_str(line).map_err(|e| json_msg(&e))?;
    let Value::Object(obj) = v else {
        return Err("expected a JSON object".into());
    };
    let article = match obj.get("source_article") {
        Some(Value::String(s)) => s.clone(),
        _ => return Err("no \"source_article\" string".into()),
    };
    let date = |k: &str| -> Result<NaiveDate, String> {
        str_field(&obj, k)
            .and_then(|s| parse_date(&s))
            .ok_or_else(|| format!("missing or unreadable \"{k}\""))
    };
    let start = date("start_date")?;
    let end = date("end_date")?.max(start);
    let published = str_field(&obj, "source_date").and_then(|s| parse_date(&s));
    let deaths = match (
        num_field(&obj, "deaths_low"),
        num_field(&obj, "deaths_high"),
    ) {
        (Some(l), Some(h)) => Some((l.min(h), l.max(h))),
        (Some(l), None) => Some((l, l)),
        (None, Some(h)) => Some((h, h)),
        (None, None) => None,
    };
    let s = |k: &str| str_field(&obj, k).unwrap_or_default();
    let id = str_field(&obj, "id").unwrap_or_else(|| format!("{name}:{line_no}"));
    let doc = Document {
        id: id.clone(),
        text: article.clone(),
        published: Some(published.unwrap_or(start)),
        ..Document::default()
    };
    Ok((
        UcdpRow {
            id,
            article,
            start,
            end,
            deaths,
            country: s("location_root_name"),
            adm1: s("location_adm1_name"),
            where_: s("location_where_name"),
        },
        doc,
    ))
}

fn score_ucdp(
    countries: &Countries,
    gaz: &Gazetteer,
    row: &UcdpRow,
    events: &[Event],
    acc: &mut UcdpAcc,
    errs: &mut Option<&mut dyn Write>,
) -> anyhow::Result<()> {
    acc.rows += 1;
    let lo = row
        .start
        .checked_sub_days(Days::new(1))
        .unwrap_or(row.start);
    let hi = row.end.checked_add_days(Days::new(1)).unwrap_or(row.end);
    let deaths_ok = |e: &Event| {
        row.deaths
            .is_some_and(|(l, h)| (l..=h).contains(&u64::from(e.fatalities)))
    };
    let adm1_ok = |e: &Event| same_place(gaz, &row.adm1, &e.admin1);
    let where_ok = |e: &Event| same_place(gaz, &row.where_, &e.location);
    let date_ok = |e: &Event| e.event_date.is_some_and(|d| row.start <= d && d <= row.end);
    let mut best: Option<(&Event, usize)> = None;
    let mut found_n = 0;
    for e in events {
        let in_window = e.event_date.is_some_and(|d| lo <= d && d <= hi);
        if !in_window || !country_match(countries, &row.country, &e.country) {
            continue;
        }
        found_n += 1;
        let score = [deaths_ok(e), adm1_ok(e), where_ok(e), date_ok(e)]
            .iter()
            .filter(|b| **b)
            .count();
        let better = match best {
            None => true,
            Some((_, s)) => score > s,
        };
        if better {
            best = Some((e, score));
        }
    }
    let best = best.map(|(e, _)| e);
    acc.extra += if best.is_some() {
        events.len() - 1
    } else {
        events.len()
    };
    let mut wrong = serde_json::Map::new();
    let mut score = |field: &'static str, applies: bool, ok: bool, gold: Value, pred: Value| {
        if !applies {
            return;
        }
        *acc.scored.entry(field).or_default() += 1;
        if ok {
            *acc.correct.entry(field).or_default() += 1;
        } else {
            wrong.insert(field.to_string(), json!({"gold": gold, "pred": pred}));
        }
    };
    let pick = events.first();
    let pred_of = |f: &dyn Fn(&Event) -> Value| best.or(pick).map(f).unwrap_or(Value::Null);
    let window = format!("{}..{}", row.start, row.end);
    score(
        "found",
        true,
        best.is_some(),
        json!(window),
        pred_of(&|e| json!(format!("{} {:?}", e.country, e.event_date))),
    );
    score(
        "deaths",
        row.deaths.is_some(),
        best.is_some_and(deaths_ok),
        json!(row.deaths),
        pred_of(&|e| json!(e.fatalities)),
    );
    score(
        "country",
        true,
        best.is_some(),
        json!(row.country),
        pred_of(&|e| json!(e.country)),
    );
    score(
        "adm1",
        !row.adm1.trim().is_empty(),
        best.is_some_and(adm1_ok),
        json!(row.adm1),
        pred_of(&|e| json!(e.admin1)),
    );
    score(
        "where",
        !row.where_.trim().is_empty(),
        best.is_some_and(where_ok),
        json!(row.where_),
        pred_of(&|e| json!(e.location)),
    );
    score(
        "date",
        true,
        best.is_some_and(date_ok),
        json!(window),
        pred_of(&|e| json!(e.event_date)),
    );
    if let Some(w) = errs {
        let line = json!({
            "row": acc.rows,
            "id": row.id,
            "found": best.is_some(),
            "found_events": found_n,
            "events": events.len(),
            "wrong": wrong,
            "predicted": events
                .iter()
                .map(|e| json!({
                    "date": e.event_date,
                    "country": e.country,
                    "admin1": e.admin1,
                    "location": e.location,
                    "fatalities": e.fatalities,
                    "event_type": e.event_type,
                }))
                .collect::<Vec<_>>(),
            "text": row.article,
        });
        serde_json::to_writer(&mut **w, &line)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

fn run_ucdp(
    ctx: &Ctx,
    path: &Path,
    mut errs: Option<&mut dyn Write>,
) -> anyhow::Result<(Report, J, usize)> {
    let shown = path.display().to_string();
    let name = file_name(path);
    let countries = Countries::parse(EngineData::builtin().countries)
        .context("loading the built-in country table")?;
    let file = File::open(path).with_context(|| format!("gold file {shown}"))?;
    let mut reader = BufReader::new(file);
    let mut acc = UcdpAcc::default();
    let mut bad = 0usize;
    let mut line_no = 0usize;
    let mut read = 0usize;
    let mut buf = Vec::new();
    let mut eof = false;
    while !eof {
        let mut rows = Vec::new();
        let mut docs = Vec::new();
        while rows.len() < CHUNK && read < ctx.limit {
            line_no += 1;
            match read_line_limited(&mut reader, &mut buf, MAX_DOC_BYTES) {
                Ok(None) => {
                    eof = true;
                    break;
                }
                Ok(Some(false)) => {
                    eprintln!("{shown}:{line_no}: line over the size limit; skipped");
                    bad += 1;
                    continue;
                }
                Ok(Some(true)) => {}
                Err(e) => {
                    eprintln!("{shown}:{line_no}: cannot read: {}", io_msg(&e));
                    bad += 1;
                    eof = true;
                    break;
                }
            }
            let line = match std::str::from_utf8(&buf) {
                Ok(l) => l.trim_start_matches('\u{feff}'),
                Err(e) => {
                    eprintln!(
                        "{shown}:{line_no}: invalid UTF-8 at byte {}; skipped",
                        e.valid_up_to()
                    );
                    bad += 1;
                    continue;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            match parse_ucdp(line, &name, line_no) {
                Ok((row, doc)) => {
                    read += 1;
                    rows.push(row);
                    docs.push(doc);
                }
                Err(msg) => {
                    eprintln!("{shown}:{line_no}: {msg}; skipped");
                    bad += 1;
                }
            }
        }
        if read >= ctx.limit {
            eof = true;
        }
        if rows.is_empty() {
            continue;
        }
        let outputs = extract_chunk(ctx, &docs);
        for (row, events) in rows.iter().zip(&outputs) {
            let before = acc.rows;
            score_ucdp(
                &countries,
                ctx.engine.gazetteer(),
                row,
                events,
                &mut acc,
                &mut errs,
            )
            .context("writing the errors file")?;
            progress(acc.rows, before);
        }
    }
    let mut lines = Vec::new();
    let mut fields = Vec::new();
    for f in UCDP_FIELDS {
        let scored = acc.scored.get(f).copied().unwrap_or(0);
        let correct = acc.correct.get(f).copied().unwrap_or(0);
        lines.push(Line {
            label: f.into(),
            correct,
            scored,
        });
        fields.push((f, J::V(json!(frac(correct, scored)))));
    }
    let extra = frac(acc.extra, acc.rows);
    let report = Report {
        title: format!("UCDP-AEC gold {name}: {} articles", acc.rows),
        lines,
        notes: vec![format!("extra events per article: {extra:.2}")],
        confusion: None,
    };
    let json = J::O(vec![
        ("rows", J::V(json!(acc.rows))),
        ("fields", J::O(fields)),
        ("extra_per_article", J::V(json!(extra))),
    ]);
    Ok((report, json, bad))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert!(haversine_km(0.0, 0.0, 0.0, 0.0).abs() < 1e-9);
        // one degree of latitude is about 111 km
        let d = haversine_km(14.0, -4.0, 15.0, -4.0);
        assert!((d - 111.2).abs() < 0.5, "{d}");
        let mut v = vec![3.0, 1.0, 2.0, 10.0];
        assert_eq!(median(&mut v), Some(2.5));
        assert_eq!(median(&mut []), None);
    }

    #[test]
    fn place_names() {
        assert!(place_match("Deir ez Zor governorate", "Deir ez-Zor"));
        assert!(place_match("Région de Mopti", "Mopti region"));
        assert!(place_match("Baghuz Fawqani village", "baghuz fawqani"));
        assert!(place_match("Département de Djibo", "Djibo"));
        assert!(!place_match("Mopti", "Segou"));
        assert!(!place_match("", ""));
        assert!(place_match("Marib governorate", "Ma'rib"));
        assert_eq!(place_tokens("Region"), vec!["region"]);
        assert!(place_match("Seoul Special City", "Seoul"));
        assert!(place_match("Gyeonggi-do", "Gyeonggi"));
        assert!(place_match("Sudurpashchim Pradesh", "Sudurpashchim"));
        assert!(place_match("Sofia City", "Sofia-Capital"));
        assert!(!place_match("Shan-South", "Shan"));
    }

    #[test]
    fn countries() {
        let c = Countries::parse(EngineData::builtin().countries).unwrap();
        assert!(country_match(&c, "Myanmar (Burma)", "Myanmar"));
        assert!(country_match(&c, "Yemen (North Yemen)", "Yemen"));
        assert!(country_match(
            &c,
            "DR Congo (Zaire)",
            "Democratic Republic of Congo"
        ));
        assert!(country_match(&c, "Syria", "syria"));
        assert!(!country_match(&c, "Mali", "Niger"));
        assert!(!country_match(&c, "Mali", ""));
    }

    #[test]
    fn inter_labels() {
        assert_eq!(inter_code("Rebel group"), "2");
        assert_eq!(inter_code(" 3 "), "3");
        assert_eq!(inter_code("External/Other forces"), "8");
    }

    #[test]
    fn acled_field_rules() {
        let e = crate::output::tests::sample_event();
        let row = |cells: &[(&'static str, &str)]| AcledRow {
            id: "x".into(),
            notes: String::new(),
            cells: cells.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        };
        let r = row(&[
            ("actor1", "JNIM: Group for Support of Islam and Muslims"),
            ("actor2", "Military Forces of Mali (2021-)"),
        ]);
        let g = gold_value("actors", &r).unwrap();
        assert!(field_correct("actors", &g, &e));
        assert!(!field_correct(
            "actor1",
            "JNIM: Group for Support of Islam and Muslims",
            &e
        ));
        assert!(field_correct("event_date", "16 February 2021", &e));
        assert!(field_correct("event_date", "16-Feb-21", &e));
        assert!(field_correct("fatalities", " 3", &e));
        assert!(field_correct("inter1", "State forces", &e));
        assert!(field_correct("event_type", " battles ", &e));
        assert_eq!(gold_value("admin2", &r), None);
    }
}
