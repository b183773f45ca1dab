//! `harmattan bench-ingest`: ingest N generated short documents (incidents each reported by
//! one to three differently worded articles) into a fresh database and report documents per
//! second, with the time split between extraction and the store.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{Datelike, Days, NaiveDate};
use harmattan_core::Document;

use crate::ingest::{ingest_one, open_store, Tally};

/// Arguments of `harmattan bench-ingest`.
#[derive(Debug, clap::Args)]
pub struct BenchIngestArgs {
    /// Number of documents.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub docs: usize,
    /// Database to create (must not exist); default: a temporary file, removed afterwards.
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Write the measurements as JSON.
    #[arg(long, value_name = "OUT")]
    pub json: Option<PathBuf>,
    /// Also write the generated documents as JSONL (to time `harmattan ingest` on them).
    #[arg(long, value_name = "OUT.jsonl")]
    pub corpus_out: Option<PathBuf>,
}

const PLACES: &[(&str, &str, &str)] = &[
    ("Djibo", "Burkina Faso", "Sahel"),
    ("Dori", "Burkina Faso", "Sahel"),
    ("Kaya", "Burkina Faso", "Centre-Nord"),
    ("Ouahigouya", "Burkina Faso", "Nord"),
    ("Titao", "Burkina Faso", "Nord"),
    ("Kongoussi", "Burkina Faso", "Centre-Nord"),
    ("Sebba", "Burkina Faso", "Sahel"),
    ("Gorom-Gorom", "Burkina Faso", "Sahel"),
    ("Diapaga", "Burkina Faso", "Est"),
    ("Pama", "Burkina Faso", "Est"),
    ("Solenzo", "Burkina Faso", "Boucle du Mouhoun"),
    ("Nouna", "Burkina Faso", "Boucle du Mouhoun"),
    ("Tougan", "Burkina Faso", "Boucle du Mouhoun"),
    ("Douentza", "Mali", "Mopti"),
    ("Bandiagara", "Mali", "Mopti"),
    ("Bankass", "Mali", "Mopti"),
    ("Niono", "Mali", "Segou"),
    ("Tominian", "Mali", "Segou"),
    ("Ansongo", "Mali", "Gao"),
    ("Menaka", "Mali", "Menaka"),
    ("Ayorou", "Niger", "Tillaberi"),
];
const ACTORS: &[&str] = &[
    "unidentified gunmen",
    "suspected jihadists",
    "JNIM militants",
    "Islamic State fighters",
    "armed men on motorcycles",
];
const VICTIMS: &[&str] = &["civilians", "villagers", "traders", "herders", "farmers"];
const WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// `n` short documents (about 300-500 bytes), deterministic.
pub fn short_docs(n: usize) -> Vec<Document> {
    let mut rng = Rng(0x5EED_CAFE_F00D_1234);
    let base = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or_default();
    let mut docs = Vec::with_capacity(n);
    let mut incident = 0usize;
    while docs.len() < n {
        incident += 1;
        let (place, country, region) = PLACES[rng.below(PLACES.len())];
        let date = base + Days::new(rng.below(1000) as u64);
        let actor = ACTORS[rng.below(ACTORS.len())];
        let victims = VICTIMS[rng.below(VICTIMS.len())];
        let toll = 2 + rng.below(WORDS.len());
        let reports = 1 + rng.below(3);
        for r in 0..reports {
            if docs.len() >= n {
                break;
            }
            let published = date + Days::new(1 + r as u64);
            let weekday = date.format("%A").to_string();
            let long = format!("{} {}", date.day(), date.format("%B %Y"));
            let k = (toll + r).saturating_sub(r * 2).max(2);
            let text = match (r + incident) % 3 {
                0 => format!(
                    "{k} {victims} killed near {place}\n\n{a} killed {w} {victims} in {place}, in {country}'s {region} region, on {weekday}, a local official said. Several houses were burned and the attackers fled on motorcycles. Report {incident}-{r}.",
                    a = capital(actor),
                    w = WORDS[k - 2],
                ),
                1 => format!(
                    "Attack in {place} leaves {k} dead\n\nAt least {k} {victims} were killed on {long} when {actor} attacked {place} in the {region} region of {country}, residents told reporters. The toll could rise. Report {incident}-{r}.",
                ),
                _ => format!(
                    "{country}: deadly raid on {place}\n\n{a} stormed {place} on {weekday}, killing {k} {victims}, security sources said. Shops were looted before the assailants withdrew. Report {incident}-{r}.",
                    a = capital(actor),
                ),
            };
            docs.push(Document {
                id: format!("bench-{incident:05}-{r}"),
                title: text.lines().next().map(String::from),
                text,
                published: Some(published),
                source: Some(["Wire A", "Radio B", "Daily C"][r].to_string()),
                url: Some(format!("https://news.example/{incident}/{r}")),
            });
        }
    }
    docs
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Run `bench-ingest`.
pub fn run(args: &BenchIngestArgs) -> anyhow::Result<bool> {
    let (path, temporary) = match &args.db {
        Some(p) => {
            if p.exists() {
                anyhow::bail!(
                    "{}: exists; bench-ingest needs a fresh database",
                    p.display()
                );
            }
            (p.clone(), false)
        }
        None => (
            std::env::temp_dir().join(format!("harmattan-bench-{}.db", std::process::id())),
            true,
        ),
    };
    let docs = short_docs(args.docs);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    if let Some(out) = &args.corpus_out {
        let mut lines = String::new();
        for d in &docs {
            let v = serde_json::json!({
                "id": d.id, "title": d.title, "text": d.text,
                "published": d.published.map(|p| p.to_string()),
                "source": d.source, "url": d.url,
            });
            lines.push_str(&v.to_string());
            lines.push('\n');
        }
        std::fs::write(out, lines).with_context(|| format!("cannot write {}", out.display()))?;
    }
    let engine = crate::commands::load_engine(&[] as &[PathBuf])?;
    let started = Instant::now();
    let mut store = open_store(&path, &engine)?;
    let mut t = Tally::default();
    let mut extract_time = Duration::ZERO;
    for d in &docs {
        let x0 = Instant::now();
        // extraction alone, to split the time (the document is extracted again inside
        // ingest_one; that second run is subtracted below)
        let _ = crate::commands::safe_extract(&engine, d);
        extract_time += x0.elapsed();
        if let Err(msg) = ingest_one(&engine, &mut store, d, &mut t) {
            eprintln!("{msg}");
            t.errors += 1;
        }
    }
    let total = started.elapsed() - extract_time;
    let counts = store.counts()?;
    drop(store);
    let secs = total.as_secs_f64();
    let rate = docs.len() as f64 / secs;
    let store_secs = (secs - extract_time.as_secs_f64()).max(0.0);
    let report = serde_json::json!({
        "documents": docs.len(),
        "mean_bytes": bytes / docs.len().max(1),
        "seconds": secs,
        "documents_per_second": rate,
        "extract_seconds": extract_time.as_secs_f64(),
        "store_seconds": store_secs,
        "stored": t.stored,
        "errors": t.errors,
        "db_documents": counts.documents,
        "db_mentions": counts.mentions,
        "db_events": counts.events,
        "db_revisions": counts.revisions,
    });
    println!("documents         {}", docs.len());
    println!("mean size         {} bytes", bytes / docs.len().max(1));
    println!(
        "total time        {secs:.2} s (extraction {:.2} s, store {store_secs:.2} s)",
        extract_time.as_secs_f64()
    );
    println!("documents/s       {rate:.0}");
    println!(
        "stored            {} documents, {} mentions, {} events, {} revisions",
        counts.documents, counts.mentions, counts.events, counts.revisions
    );
    if let Some(out) = &args.json {
        std::fs::write(out, serde_json::to_string_pretty(&report)? + "\n")
            .with_context(|| format!("cannot write {}", out.display()))?;
    }
    if temporary {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
    Ok(t.errors == 0)
}
