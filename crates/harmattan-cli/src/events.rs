//! `harmattan events` (query and export the stored events) and `harmattan history` (the
//! revisions of one event and the reports it fuses).

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use clap::ValueEnum;
use harmattan_store::{Filter, Store, StoredEvent};
use serde_json::{json, Value};

use crate::output::{csv_record, ACLED_COLUMNS};

/// Output format of `events`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EventsFormat {
    /// Aligned columns for reading.
    Table,
    /// ACLED's 31 columns.
    Csv,
    /// One JSON object per event: the ACLED columns plus origin, revision and mentions.
    Jsonl,
    /// A GeoJSON FeatureCollection of points (events without coordinates are left out).
    Geojson,
}

/// Arguments of `harmattan events`.
#[derive(Debug, clap::Args)]
pub struct EventsArgs {
    /// Database file.
    #[arg(long, value_name = "FILE", default_value = "harmattan.db")]
    pub db: PathBuf,
    /// Earliest event date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::parse_date_arg)]
    pub from: Option<chrono::NaiveDate>,
    /// Latest event date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::parse_date_arg)]
    pub to: Option<chrono::NaiveDate>,
    /// Country (exact name, any case).
    #[arg(long)]
    pub country: Option<String>,
    /// First-level admin unit (exact name, any case).
    #[arg(long)]
    pub admin1: Option<String>,
    /// Event type, sub-event type or disorder type (exact, any case).
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Option<String>,
    /// Part of an actor name (actor1, actor2 or associated actors).
    #[arg(long)]
    pub actor: Option<String>,
    /// Part of the notes, location or source.
    #[arg(long)]
    pub text: Option<String>,
    /// Only events from this origin: `harmattan` or `ACLED`.
    #[arg(long)]
    pub origin: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EventsFormat::Table)]
    pub format: EventsFormat,
}

/// Arguments of `harmattan history`.
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// Database file.
    #[arg(long, value_name = "FILE", default_value = "harmattan.db")]
    pub db: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// The event's `event_id_cnty`.
    #[arg(value_name = "EVENT_ID")]
    pub event: String,
}

fn open_existing(path: &std::path::Path) -> anyhow::Result<Store> {
    if !path.exists() {
        anyhow::bail!(
            "{}: no such database (create one with `harmattan ingest` or `harmattan import-acled`)",
            path.display()
        );
    }
    Ok(Store::open(path)?)
}

fn json_event(s: &StoredEvent) -> Value {
    let rec = csv_record(&s.event);
    let mut obj = serde_json::Map::new();
    for (k, v) in ACLED_COLUMNS.iter().zip(rec.iter()) {
        let val = match *k {
            "year" | "time_precision" | "inter1" | "inter2" | "interaction" | "iso"
            | "geo_precision" | "fatalities" | "timestamp" => {
                v.parse::<i64>().map(Value::from).unwrap_or(Value::Null)
            }
            "latitude" => s.event.latitude.map(Value::from).unwrap_or(Value::Null),
            "longitude" => s.event.longitude.map(Value::from).unwrap_or(Value::Null),
            "event_date" if v.is_empty() => Value::Null,
            _ => Value::from(v.as_str()),
        };
        obj.insert(k.to_string(), val);
    }
    obj.insert("origin".into(), Value::from(s.origin.as_str()));
    obj.insert("revision".into(), Value::from(s.revision));
    obj.insert("mentions".into(), Value::from(s.mentions));
    Value::Object(obj)
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Run `events`.
pub fn run(args: &EventsArgs) -> anyhow::Result<bool> {
    let store = open_existing(&args.db)?;
    let filter = Filter {
        from: args.from,
        to: args.to,
        country: args.country.clone(),
        admin1: args.admin1.clone(),
        event_type: args.event_type.clone(),
        actor: args.actor.clone(),
        text: args.text.clone(),
        origin: args.origin.clone(),
        ..Filter::default()
    };
    let events = store.events(&filter)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        EventsFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(ACLED_COLUMNS)?;
            for e in &events {
                w.write_record(csv_record(&e.event))?;
            }
            w.flush()?;
            return Ok(true);
        }
        EventsFormat::Jsonl => {
            for e in &events {
                serde_json::to_writer(&mut out, &json_event(e))?;
                out.write_all(b"\n")?;
            }
        }
        EventsFormat::Geojson => {
            let features: Vec<Value> = events
                .iter()
                .filter_map(|e| {
                    let (lat, lon) = (e.event.latitude?, e.event.longitude?);
                    Some(json!({
                        "type": "Feature",
                        "id": e.event.event_id_cnty,
                        "geometry": {"type": "Point", "coordinates": [lon, lat]},
                        "properties": json_event(e),
                    }))
                })
                .collect();
            serde_json::to_writer(
                &mut out,
                &json!({"type": "FeatureCollection", "features": features}),
            )?;
            out.write_all(b"\n")?;
        }
        EventsFormat::Table => {
            writeln!(
                out,
                "{:<13} {:<10} {:<28} {:<22} {:<14} {:>4} {:<32} {:>3}  source",
                "event_id",
                "date",
                "sub_event_type",
                "location",
                "country",
                "dead",
                "actor1",
                "rep"
            )?;
            for e in &events {
                let v = &e.event;
                writeln!(
                    out,
                    "{:<13} {:<10} {:<28} {:<22} {:<14} {:>4} {:<32} {:>3}  {}",
                    cut(&v.event_id_cnty, 13),
                    v.event_date.map(|d| d.to_string()).unwrap_or_default(),
                    cut(&v.sub_event_type, 28),
                    cut(&v.location, 22),
                    cut(&v.country, 14),
                    v.fatalities,
                    cut(&v.actor1, 32),
                    e.mentions,
                    cut(&v.source, 60)
                )?;
            }
            writeln!(out, "{} events", events.len())?;
        }
    }
    out.flush()?;
    Ok(true)
}

/// Run `history`.
pub fn run_history(args: &HistoryArgs) -> anyhow::Result<bool> {
    let store = open_existing(&args.db)?;
    let revs = store.history(&args.event)?;
    let mentions = store.mentions_of(&args.event)?;
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        let v = json!({
            "event_id_cnty": args.event,
            "revisions": revs,
            "mentions": mentions.iter().map(|(k, m)| json!({"document": k, "record": m})).collect::<Vec<_>>(),
        });
        serde_json::to_writer_pretty(&mut out, &v)?;
        out.write_all(b"\n")?;
    } else {
        writeln!(
            out,
            "{}: {} revision(s), {} report(s)",
            args.event,
            revs.len(),
            mentions.len()
        )?;
        for r in &revs {
            let when = chrono::DateTime::from_timestamp(r.at, 0)
                .map(|d| d.format("%Y-%m-%d %H:%M:%S UTC").to_string())
                .unwrap_or_default();
            writeln!(out, "\nrevision {} at {when}: {}", r.revision, r.reason)?;
            if r.changes.is_empty() {
                writeln!(out, "  (no field changed)")?;
            }
            for c in &r.changes {
                writeln!(
                    out,
                    "  {}: {:?} -> {:?}  ({})",
                    c.field,
                    cut(&c.old, 80),
                    cut(&c.new, 80),
                    c.why
                )?;
            }
        }
        writeln!(out, "\nreports:")?;
        for (k, m) in &mentions {
            writeln!(
                out,
                "  {k}: {} {} at {} ({}), {} dead ({}), source {:?}",
                m.event_date.map(|d| d.to_string()).unwrap_or_default(),
                m.sub_event_type,
                m.location,
                m.country,
                m.fatalities,
                m.fatality_basis,
                m.source
            )?;
        }
    }
    out.flush()?;
    Ok(true)
}
