//! Event writers: JSONL (every ACLED column in order plus provenance) and ACLED CSV.

use std::io::Write;

use harmattan_core::{Event, Evidence, FatalityBasis};
use serde::Serialize;

use crate::Format;

pub use harmattan_core::ACLED_COLUMNS;

/// An event as one JSONL object. Field order is the output key order: ACLED's columns, then
/// provenance. (Kept separate from `Event`'s own field order on purpose.)
#[derive(Serialize)]
struct JsonEvent<'a> {
    event_id_cnty: &'a str,
    event_date: Option<String>,
    year: i32,
    time_precision: u8,
    disorder_type: &'a str,
    event_type: &'a str,
    sub_event_type: &'a str,
    actor1: &'a str,
    assoc_actor_1: &'a str,
    inter1: u8,
    actor2: &'a str,
    assoc_actor_2: &'a str,
    inter2: u8,
    interaction: u8,
    civilian_targeting: &'a str,
    iso: u16,
    region: &'a str,
    country: &'a str,
    admin1: &'a str,
    admin2: &'a str,
    admin3: &'a str,
    location: &'a str,
    latitude: Option<f64>,
    longitude: Option<f64>,
    geo_precision: u8,
    source: &'a str,
    source_scale: &'a str,
    notes: &'a str,
    fatalities: u32,
    tags: &'a str,
    timestamp: Option<i64>,
    document_id: &'a str,
    confidence: f32,
    fatality_basis: FatalityBasis,
    evidence: &'a [Evidence],
}

fn date_string(e: &Event) -> Option<String> {
    e.event_date.map(|d| d.format("%Y-%m-%d").to_string())
}

impl<'a> From<&'a Event> for JsonEvent<'a> {
    fn from(e: &'a Event) -> Self {
        JsonEvent {
            event_id_cnty: &e.event_id_cnty,
            event_date: date_string(e),
            year: e.year,
            time_precision: e.time_precision,
            disorder_type: &e.disorder_type,
            event_type: &e.event_type,
            sub_event_type: &e.sub_event_type,
            actor1: &e.actor1,
            assoc_actor_1: &e.assoc_actor_1,
            inter1: e.inter1,
            actor2: &e.actor2,
            assoc_actor_2: &e.assoc_actor_2,
            inter2: e.inter2,
            interaction: e.interaction,
            civilian_targeting: &e.civilian_targeting,
            iso: e.iso,
            region: &e.region,
            country: &e.country,
            admin1: &e.admin1,
            admin2: &e.admin2,
            admin3: &e.admin3,
            location: &e.location,
            latitude: e.latitude.filter(|v| v.is_finite()),
            longitude: e.longitude.filter(|v| v.is_finite()),
            geo_precision: e.geo_precision,
            source: &e.source,
            source_scale: &e.source_scale,
            notes: &e.notes,
            fatalities: e.fatalities,
            tags: &e.tags,
            timestamp: e.timestamp,
            document_id: &e.document_id,
            confidence: if e.confidence.is_finite() {
                e.confidence
            } else {
                0.0
            },
            fatality_basis: e.fatality_basis,
            evidence: &e.evidence,
        }
    }
}

/// The 31 ACLED cells of an event, in column order.
pub fn csv_record(e: &Event) -> [String; 31] {
    e.acled_record()
}

/// Writes events in one format.
pub enum EventWriter<W: Write> {
    /// One JSON object per line.
    Jsonl(W),
    /// ACLED CSV; the header is written on creation.
    Csv(Box<csv::Writer<W>>),
}

impl<W: Write> EventWriter<W> {
    /// A writer; for CSV the header goes out at once (so an empty run still has it).
    pub fn new(format: Format, out: W) -> anyhow::Result<Self> {
        Ok(match format {
            Format::Jsonl => EventWriter::Jsonl(out),
            Format::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(ACLED_COLUMNS)?;
                EventWriter::Csv(Box::new(w))
            }
        })
    }

    /// Write one event.
    pub fn write(&mut self, e: &Event) -> anyhow::Result<()> {
        match self {
            EventWriter::Jsonl(w) => {
                serde_json::to_writer(&mut *w, &JsonEvent::from(e))?;
                w.write_all(b"\n")?;
            }
            EventWriter::Csv(w) => w.write_record(csv_record(e))?,
        }
        Ok(())
    }

    /// Flush buffered output.
    pub fn flush(&mut self) -> anyhow::Result<()> {
        match self {
            EventWriter::Jsonl(w) => w.flush()?,
            EventWriter::Csv(w) => w.flush()?,
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::NaiveDate;

    pub(crate) fn sample_event() -> Event {
        Event {
            event_date: NaiveDate::from_ymd_opt(2021, 2, 16),
            year: 2021,
            time_precision: 1,
            disorder_type: "Political violence".into(),
            event_type: "Battles".into(),
            sub_event_type: "Armed clash".into(),
            actor1: "Military Forces of Mali (2021-)".into(),
            inter1: 1,
            actor2: "JNIM: Group for Support of Islam and Muslims".into(),
            inter2: 2,
            interaction: 12,
            iso: 466,
            region: "Western Africa".into(),
            country: "Mali".into(),
            admin1: "Mopti".into(),
            location: "Boni, \"centre\"".into(),
            latitude: Some(15.0333333),
            longitude: Some(-1.9),
            geo_precision: 1,
            fatalities: 3,
            document_id: "a.txt".into(),
            confidence: 0.75,
            evidence: vec![Evidence {
                field: "fatalities".into(),
                start: 3,
                end: 8,
                text: "three".into(),
                rule: "num-word".into(),
            }],
            ..Event::default()
        }
    }

    #[test]
    fn jsonl_key_order() {
        let mut w = EventWriter::new(Format::Jsonl, Vec::new()).unwrap();
        w.write(&sample_event()).unwrap();
        let EventWriter::Jsonl(buf) = w else { panic!() };
        let line = String::from_utf8(buf).unwrap();
        assert!(line.ends_with('\n'));
        let mut pos = 0;
        let extra = ["document_id", "confidence", "fatality_basis", "evidence"];
        for key in ACLED_COLUMNS.iter().chain(extra.iter()) {
            let needle = format!("\"{key}\":");
            let at = line[pos..].find(&needle).unwrap_or_else(|| panic!("{key}"));
            pos += at + needle.len();
        }
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["event_date"], "2021-02-16");
        assert_eq!(v["event_id_cnty"], "");
        assert!(v["timestamp"].is_null());
        assert_eq!(v["fatality_basis"], "none");
        assert_eq!(v["evidence"][0]["rule"], "num-word");
        assert_eq!(v["evidence"][0]["start"], 3);
        assert_eq!(v.as_object().unwrap().len(), 35);
    }

    #[test]
    fn csv_columns() {
        let mut w = EventWriter::new(Format::Csv, Vec::new()).unwrap();
        w.write(&sample_event()).unwrap();
        let EventWriter::Csv(w) = w else { panic!() };
        let buf = (*w).into_inner().unwrap();
        let mut r = csv::Reader::from_reader(&buf[..]);
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, ACLED_COLUMNS);
        let rec = r.records().next().unwrap().unwrap();
        assert_eq!(rec.len(), 31);
        assert_eq!(&rec[1], "2021-02-16");
        assert_eq!(&rec[21], "Boni, \"centre\"");
        assert_eq!(&rec[22], "15.0333");
        assert_eq!(&rec[23], "-1.9000");
        assert_eq!(&rec[30], "");
    }
}
