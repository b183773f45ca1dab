//! `harmattan import-acled FILE.csv`: load an ACLED export into the store as events of origin
//! `ACLED`, keeping ACLED's own ids. Reads every column set and date format of codebook 1.2:
//! ISO or legacy dates (`16 February 2021`, `16-Feb-21`, `16/02/2021`), numeric or text
//! `inter`/`interaction`, with or without `disorder_type`, `civilian_targeting`, `region`,
//! `tags`, `timestamp`, `iso3`, `data_id`, `event_id_no_cnty`, population columns.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::Context;
use chrono::Datelike;
use harmattan_core::Event;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::input::parse_date;

/// Arguments of `harmattan import-acled`.
#[derive(Debug, clap::Args)]
pub struct ImportAcledArgs {
    /// Database file (created when missing).
    #[arg(long, value_name = "FILE", default_value = "harmattan.db")]
    pub db: PathBuf,
    /// The ACLED export (CSV with a header row).
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
}

const INTER_LABELS: [&str; 8] = [
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
];

/// An actor type from its number or its text label (empty: 0).
pub fn parse_inter(s: &str) -> Option<u8> {
    let s = s.trim();
    if s.is_empty() {
        return Some(0);
    }
    if let Ok(n) = s.parse::<u8>() {
        return (n <= 8).then_some(n);
    }
    INTER_LABELS
        .iter()
        .position(|l| l.eq_ignore_ascii_case(s))
        .map(|i| i as u8 + 1)
}

/// An interaction code from its number or text form (`Rebel group-Civilians`,
/// `Protesters only`).
pub fn parse_interaction(s: &str) -> Option<u8> {
    let s = s.trim();
    if s.is_empty() {
        return Some(0);
    }
    if let Ok(n) = s.parse::<u8>() {
        return Some(n);
    }
    if let Some(one) = s.strip_suffix(" only") {
        return parse_inter(one).map(|i| i * 10);
    }
    // labels contain no hyphen except "External/Other forces" (a slash), so split on '-'
    let (a, b) = s.split_once('-')?;
    let (a, b) = (parse_inter(a)?, parse_inter(b)?);
    Some(10 * a.min(b) + a.max(b))
}

fn disorder_of(event_type: &str, sub: &str) -> &'static str {
    match (event_type, sub) {
        (_, s) if s.starts_with("Excessive force against protest") => {
            "Political violence; Demonstrations"
        }
        ("Protests", _) | ("Riots", "Violent demonstration") => "Demonstrations",
        ("Strategic developments", _) => "Strategic developments",
        _ => "Political violence",
    }
}

struct Cols(HashMap<String, usize>);

impl Cols {
    fn get<'r>(&self, rec: &'r csv::StringRecord, name: &str) -> Option<&'r str> {
        self.0.get(name).and_then(|&i| rec.get(i)).map(str::trim)
    }
}

/// One CSV row as an event, or a message naming the bad column.
fn row_event(
    cols: &Cols,
    rec: &csv::StringRecord,
    regions: &HashMap<String, String>,
) -> Result<Event, String> {
    let get = |n: &str| cols.get(rec, n).unwrap_or("");
    let num = |n: &str| -> Result<Option<i64>, String> {
        match cols.get(rec, n) {
            None | Some("") => Ok(None),
            Some(v) => v
                .parse::<i64>()
                .or_else(|_| v.parse::<f64>().map(|f| f as i64))
                .map(Some)
                .map_err(|_| format!("{n} {v:?} is not a number")),
        }
    };
    let id = get("event_id_cnty");
    if id.is_empty() {
        return Err("empty event_id_cnty".into());
    }
    let date_s = get("event_date");
    let date = parse_date(date_s).ok_or_else(|| {
        format!("event_date {date_s:?} is not a date (want 2021-02-16, 16 February 2021, 16-Feb-21 or 16/02/2021)")
    })?;
    let inter = |n: &str| {
        parse_inter(get(n)).ok_or_else(|| format!("{n} {:?} is not an actor type", get(n)))
    };
    let coord = |n: &str| -> Result<Option<f64>, String> {
        match cols.get(rec, n) {
            None | Some("") => Ok(None),
            Some(v) => v
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(Some)
                .ok_or_else(|| format!("{n} {v:?} is not a number")),
        }
    };
    let small = |n: &str, max: i64| -> Result<i64, String> {
        let v = num(n)?.unwrap_or(0);
        if (0..=max).contains(&v) {
            Ok(v)
        } else {
            Err(format!("{n} {v} is out of range"))
        }
    };
    let (inter1, inter2) = (inter("inter1")?, inter("inter2")?);
    let interaction = match cols.get(rec, "interaction") {
        Some(v) => parse_interaction(v)
            .ok_or_else(|| format!("interaction {v:?} is not an interaction code"))?,
        None => harmattan_core::codebook::interaction(inter1, inter2),
    };
    let event_type = get("event_type").to_string();
    let sub = get("sub_event_type").to_string();
    let country = get("country").to_string();
    Ok(Event {
        event_id_cnty: id.to_string(),
        event_date: Some(date),
        year: num("year")?.map(|y| y as i32).unwrap_or(date.year()),
        time_precision: small("time_precision", 3)? as u8,
        disorder_type: match cols.get(rec, "disorder_type") {
            Some(d) => d.to_string(),
            None => disorder_of(&event_type, &sub).to_string(),
        },
        actor1: get("actor1").into(),
        assoc_actor_1: get("assoc_actor_1").into(),
        inter1,
        actor2: get("actor2").into(),
        assoc_actor_2: get("assoc_actor_2").into(),
        inter2,
        interaction,
        civilian_targeting: get("civilian_targeting").into(),
        iso: small("iso", 999)? as u16,
        region: match cols.get(rec, "region") {
            Some(r) => r.to_string(),
            None => regions
                .get(&country.to_lowercase())
                .cloned()
                .unwrap_or_default(),
        },
        country,
        admin1: get("admin1").into(),
        admin2: get("admin2").into(),
        admin3: get("admin3").into(),
        location: get("location").into(),
        latitude: coord("latitude")?,
        longitude: coord("longitude")?,
        geo_precision: small("geo_precision", 3)? as u8,
        source: get("source").into(),
        source_scale: get("source_scale").into(),
        notes: get("notes").into(),
        fatalities: small("fatalities", u32::MAX as i64)? as u32,
        tags: get("tags").into(),
        timestamp: num("timestamp")?,
        event_type,
        sub_event_type: sub,
        confidence: 1.0,
        ..Event::default()
    })
}

/// Run `import-acled`.
pub fn run(args: &ImportAcledArgs) -> anyhow::Result<bool> {
    let shown = args.file.display().to_string();
    let engine = crate::commands::load_engine(&[] as &[PathBuf])?;
    let regions: HashMap<String, String> = engine
        .countries()
        .all()
        .iter()
        .map(|c| (c.name.to_lowercase(), c.region.clone()))
        .collect();
    let file = std::fs::File::open(&args.file)
        .map_err(|e| anyhow::anyhow!("{shown}: cannot open: {}", crate::input::io_msg(&e)))?;
    let mut store = crate::ingest::open_store(&args.db, &engine)?;
    let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(file);
    let header = rdr
        .headers()
        .map_err(|e| anyhow::anyhow!("{shown}:1: cannot read the header: {e}"))?
        .clone();
    let cols = Cols(
        header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                (
                    h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase(),
                    i,
                )
            })
            .collect(),
    );
    for need in [
        "event_id_cnty",
        "event_date",
        "event_type",
        "sub_event_type",
        "actor1",
        "country",
    ] {
        if !cols.0.contains_key(need) {
            anyhow::bail!("{shown}:1: not an ACLED export: no {need:?} column");
        }
    }
    let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
    pb.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {pos} rows ({per_sec}) {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let (mut ins, mut upd, mut same, mut errors) = (0, 0, 0, 0);
    let mut batch: Vec<Event> = Vec::new();
    let mut rec = csv::StringRecord::new();
    loop {
        let line = rdr.position().line() + 1;
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => match row_event(&cols, &rec, &regions) {
                Ok(e) => batch.push(e),
                Err(msg) => {
                    errors += 1;
                    pb.suspend(|| {
                        eprintln!(
                            "{shown}:{}: {msg}; row skipped",
                            rec.position().map_or(line, |p| p.line())
                        )
                    });
                }
            },
            Err(e) => {
                errors += 1;
                let at = e.position().map_or(line, |p| p.line());
                pb.suspend(|| eprintln!("{shown}:{at}: {}; row skipped", csv_msg(&e)));
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
            }
        }
        pb.inc(1);
        if batch.len() >= 2000 {
            let (a, b, c) = store.import_acled(&batch).context("storing the rows")?;
            (ins, upd, same) = (ins + a, upd + b, same + c);
            batch.clear();
            pb.set_message(format!(
                "{ins} new, {upd} updated, {same} unchanged, {errors} errors"
            ));
        }
    }
    let (a, b, c) = store.import_acled(&batch).context("storing the rows")?;
    (ins, upd, same) = (ins + a, upd + b, same + c);
    pb.finish_and_clear();
    eprintln!(
        "import-acled {shown}: {ins} new events, {upd} updated, {same} unchanged, {errors} rows skipped"
    );
    Ok(errors == 0)
}

fn csv_msg(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("{len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        csv::ErrorKind::Io(io) => format!("cannot read: {}", crate::input::io_msg(io)),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inter_and_interaction_forms() {
        assert_eq!(parse_inter("Rebel group"), Some(2));
        assert_eq!(parse_inter("external/other forces"), Some(8));
        assert_eq!(parse_inter(""), Some(0));
        assert_eq!(parse_inter("7"), Some(7));
        assert_eq!(parse_inter("Aliens"), None);
        assert_eq!(parse_interaction("Rebel group-Civilians"), Some(27));
        assert_eq!(
            parse_interaction("External/Other forces-Civilians"),
            Some(78)
        );
        assert_eq!(parse_interaction("Protesters only"), Some(60));
        assert_eq!(parse_interaction("37"), Some(37));
    }
}
