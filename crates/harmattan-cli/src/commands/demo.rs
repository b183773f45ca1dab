//! `harmattan demo`: ingest the bundled sample corpus (`data/samples/demo/`, articles written
//! for the project about invented incidents at real places) into a fresh database, then serve
//! the dashboard.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{bail, Context};
use harmattan_core::Document;

use crate::input::Item;

/// The demo corpus, embedded in the binary.
pub const DEMO_CORPUS: &str = include_str!("../../../../data/samples/demo/demo-corpus.jsonl");

/// Arguments of `harmattan demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Database file to create; it must not exist yet (default: harmattan-demo.sqlite in the
    /// temporary directory, replaced on each run).
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Folder of admin-boundary GeoJSON files for the map.
    #[arg(long, value_name = "DIR")]
    pub boundaries: Option<PathBuf>,
    /// Bearer token for `POST /api/documents` (else $HARMATTAN_TOKEN).
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Ingest, print the summary, and stop without serving.
    #[arg(long)]
    pub no_serve: bool,
}

/// The documents of the demo corpus.
pub fn demo_documents() -> anyhow::Result<Vec<Document>> {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    crate::input::read_jsonl(
        DEMO_CORPUS.as_bytes(),
        "demo-corpus.jsonl",
        "demo",
        &mut |item| match item {
            Item::Doc(d) => docs.push(*d),
            Item::Error(e) | Item::Warning(e) => errors.push(e),
        },
    );
    if !errors.is_empty() {
        bail!("the bundled demo corpus is damaged: {}", errors.join("; "));
    }
    Ok(docs)
}

/// Run `demo`.
pub fn run(args: &DemoArgs) -> anyhow::Result<bool> {
    let db = match &args.db {
        Some(p) => {
            if p.exists() {
                bail!(
                    "{}: exists; the demo makes a fresh database (remove it or pick another --db)",
                    p.display()
                );
            }
            p.clone()
        }
        None => {
            let p = std::env::temp_dir().join("harmattan-demo.sqlite");
            for suffix in ["", "-wal", "-shm"] {
                let f = PathBuf::from(format!("{}{suffix}", p.display()));
                if f.exists() {
                    std::fs::remove_file(&f).with_context(|| {
                        format!("removing the old demo database {}", f.display())
                    })?;
                }
            }
            p
        }
    };
    eprintln!("demo database: {} (fresh)", db.display());
    let engine = super::load_engine_with(&[] as &[PathBuf], &[], false)?;
    let docs = demo_documents()?;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let extractions = super::extract_parallel(&engine, &docs, workers);
    let mut store = crate::ingest::open_store(&db, &engine)?;
    let total = docs.len();
    let mut mentions = 0;
    for (i, (doc, x)) in docs.iter().zip(extractions).enumerate() {
        let x = x.map_err(anyhow::Error::msg)?;
        store
            .ingest(doc, &x)
            .with_context(|| format!("storing {}", doc.id))?;
        mentions += x.events.len();
        eprintln!(
            "[{:>2}/{total}] {:<24} {} event(s)  {}",
            i + 1,
            doc.source.as_deref().unwrap_or(""),
            x.events.len(),
            doc.title.as_deref().unwrap_or(&doc.id)
        );
    }
    let events = store.events(&harmattan_store::Filter::default())?;
    let fused = events.iter().filter(|e| e.sources > 1).count();
    let mut countries: Vec<&str> = events.iter().map(|e| e.event.country.as_str()).collect();
    countries.sort_unstable();
    countries.dedup();
    println!(
        "demo: {total} reports, {mentions} event mentions, {} events in {} ({fused} reported by more than one outlet)",
        events.len(),
        countries.join(", ")
    );
    drop(store);
    if args.no_serve {
        return Ok(true);
    }
    super::serve::serve(
        &db,
        args.addr,
        args.boundaries.clone(),
        super::serve::token(&args.token),
        engine,
        0,
    )
}
