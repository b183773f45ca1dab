//! `harmattan ingest`: read documents, extract their events and store them, fusing each event
//! with the stored reports of the same incident. One transaction per document: a document
//! reported stored is on disk; a killed run loses at most the document in flight, and running
//! it again skips what is stored (documents are keyed by content hash).

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use harmattan_core::Engine;
use harmattan_store::{content_hash, Ingested, Store};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::input::Item;

/// Arguments of `harmattan ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Database file (created when missing).
    #[arg(long, value_name = "FILE", default_value = "harmattan.db")]
    pub db: PathBuf,
    /// Publication date for documents that carry none (default: today, said on stderr).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::parse_date_arg)]
    pub published: Option<chrono::NaiveDate>,
    /// Extra gazetteer (GeoNames dump or CSV with a header row); repeatable.
    #[arg(long, value_name = "PATH")]
    pub gazetteer: Vec<PathBuf>,
    /// Print one line per stored document on stdout (`stored<TAB>id<TAB>events`), written
    /// after its transaction commits.
    #[arg(short, long)]
    pub verbose: bool,
    /// Inputs: .txt, .jsonl, .html files, RSS/Atom feeds (.xml, .rss, .atom), directories,
    /// http(s):// URLs of pages or feeds, or - for stdin.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<String>,
}

/// Counters of one run.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    /// Documents read.
    pub read: usize,
    /// Documents stored.
    pub stored: usize,
    /// Documents already stored.
    pub duplicates: usize,
    /// Event mentions stored.
    pub events: usize,
    /// Events created.
    pub new_events: usize,
    /// Inputs or documents skipped with an error.
    pub errors: usize,
}

/// Open the store, telling it the ISO3 codes the engine knows.
pub fn open_store(path: &std::path::Path, engine: &Engine) -> anyhow::Result<Store> {
    let mut store = Store::open(path)?;
    store.set_country_codes(
        engine
            .countries()
            .all()
            .iter()
            .map(|c| (c.iso, c.iso3.clone())),
    );
    Ok(store)
}

/// Extract and store one document; returns an error message when it is skipped.
pub fn ingest_one(
    engine: &Engine,
    store: &mut Store,
    doc: &harmattan_core::Document,
    t: &mut Tally,
) -> Result<Option<usize>, String> {
    t.read += 1;
    let hash = content_hash(doc);
    let stored = store
        .has_document(&hash)
        .map_err(|e| format!("{}: {e}", doc.id))?;
    if stored {
        t.duplicates += 1;
        return Ok(None);
    }
    let x = crate::commands::safe_extract(engine, doc)?;
    match store.ingest(doc, &x) {
        Ok(Ingested::Duplicate) => {
            t.duplicates += 1;
            Ok(None)
        }
        Ok(Ingested::Stored { new_events, .. }) => {
            t.stored += 1;
            t.events += x.events.len();
            t.new_events += new_events;
            Ok(Some(x.events.len()))
        }
        Err(e) => Err(format!("{}: not stored: {e}", doc.id)),
    }
}

fn bar() -> ProgressBar {
    let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
    pb.set_style(
        ProgressStyle::with_template(
            "{spinner} {elapsed_precise} {pos} documents ({per_sec}) {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb.enable_steady_tick(Duration::from_millis(250));
    pb
}

fn message(t: &Tally) -> String {
    format!(
        "{} events ({} new), {} already stored, {} errors",
        t.events, t.new_events, t.duplicates, t.errors
    )
}

/// Run `ingest`.
pub fn run(args: &IngestArgs) -> anyhow::Result<bool> {
    let engine = crate::commands::load_engine(&args.gazetteer)?;
    let mut store = open_store(&args.db, &engine)?;
    let default_date = args.published.unwrap_or_else(crate::commands::today);
    let mut said_today = args.published.is_some();
    let pb = bar();
    let started = Instant::now();
    let mut t = Tally::default();
    let mut fatal: Option<anyhow::Error> = None;
    let stdout = std::io::stdout();
    crate::sources::read_inputs(&args.inputs, &mut |item| {
        if fatal.is_some() {
            return;
        }
        match item {
            Item::Error(msg) => {
                t.errors += 1;
                pb.suspend(|| eprintln!("{msg}"));
            }
            Item::Warning(msg) => pb.suspend(|| eprintln!("warning: {msg}")),
            Item::Doc(mut doc) => {
                if doc.published.is_none() {
                    if !said_today {
                        pb.suspend(|| eprintln!(
                            "note: documents without a publication date are dated today ({default_date}); use --published to set one"
                        ));
                        said_today = true;
                    }
                    doc.published = Some(default_date);
                }
                match ingest_one(&engine, &mut store, &doc, &mut t) {
                    Ok(Some(n)) => {
                        if args.verbose {
                            let key = doc.url.as_deref().unwrap_or(&doc.id);
                            let mut out = stdout.lock();
                            if let Err(e) =
                                writeln!(out, "stored\t{key}\t{n}").and_then(|_| out.flush())
                            {
                                fatal = Some(anyhow::Error::new(e).context("writing to stdout"));
                            }
                        }
                    }
                    Ok(None) => {}
                    Err(msg) => {
                        t.errors += 1;
                        pb.suspend(|| eprintln!("{msg}"));
                    }
                }
                pb.inc(1);
                pb.set_message(message(&t));
            }
        }
    });
    pb.finish_and_clear();
    if let Some(e) = fatal {
        return Err(e);
    }
    let secs = started.elapsed().as_secs_f64();
    let c = store.counts().context("reading the database counts")?;
    eprintln!(
        "ingest: {} documents read in {secs:.1} s: {} stored, {} already stored, {} errors; {} event mentions, {} new events",
        t.read, t.stored, t.duplicates, t.errors, t.events, t.new_events
    );
    eprintln!(
        "{}: {} documents, {} mentions, {} events",
        args.db.display(),
        c.documents,
        c.mentions,
        c.events
    );
    Ok(t.errors == 0)
}
