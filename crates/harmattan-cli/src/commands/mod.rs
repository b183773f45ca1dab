//! One module per subcommand. Each `run` returns `Ok(true)` when everything went fine,
//! `Ok(false)` when some inputs failed but the run went on, `Err` on a fatal error.

pub mod bench;
pub mod bench_gazetteer;
pub mod bench_serve;
pub mod demo;
pub mod eval;
pub mod extract;
pub mod gazetteer;
pub mod geocode;
pub mod serve;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use anyhow::{bail, Context};
use harmattan_core::{Document, Engine, EngineData, Extraction};

/// Largest gazetteer file read into memory.
const MAX_GAZETTEER_BYTES: u64 = 1 << 30;

/// Read a gazetteer file (size-limited, UTF-8).
pub fn read_gazetteer_file(path: &Path) -> anyhow::Result<String> {
    let shown = path.display();
    let meta = std::fs::metadata(path).with_context(|| format!("gazetteer {shown}"))?;
    if meta.len() > MAX_GAZETTEER_BYTES {
        bail!(
            "gazetteer {shown}: {} bytes, over the {} MiB limit",
            meta.len(),
            MAX_GAZETTEER_BYTES >> 20
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("gazetteer {shown}"))?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "gazetteer {shown}: invalid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Build the engine from the built-in data, the gazetteers imported into the default data
/// directory (`harmattan gazetteer import`), and the given gazetteer files, reporting on
/// stderr.
pub fn load_engine(gazetteers: &[impl AsRef<Path>]) -> anyhow::Result<Engine> {
    load_engine_in(gazetteers, None)
}

/// [`load_engine`] with an explicit data directory.
pub fn load_engine_in(
    gazetteers: &[impl AsRef<Path>],
    data_dir: Option<&Path>,
) -> anyhow::Result<Engine> {
    let installed = match gazetteer::data_dir(data_dir) {
        Some(d) => gazetteer::installed(&d)?,
        None => Vec::new(),
    };
    load_engine_with(gazetteers, &installed, true)
}

/// Build the engine from the built-in data, imported gazetteers and gazetteer files.
pub fn load_engine_with(
    gazetteers: &[impl AsRef<Path>],
    installed: &[(gazetteer::Manifest, std::path::PathBuf)],
    verbose: bool,
) -> anyhow::Result<Engine> {
    let mut engine =
        Engine::new(&EngineData::builtin()).context("loading the built-in engine data")?;
    for (m, data) in installed {
        let text = read_gazetteer_file(data)?;
        let report = engine.add_gazetteer_with(&text, &m.options());
        if verbose {
            eprintln!(
                "gazetteer {} (imported): {} places added",
                m.name, report.added
            );
        }
    }
    for path in gazetteers {
        let path = path.as_ref();
        let shown = path.display();
        let text = read_gazetteer_file(path)?;
        let report = engine.add_gazetteer(&text);
        eprintln!(
            "gazetteer {shown}: {} places added, {} already held, {} rows skipped",
            report.added,
            report.duplicates,
            report.skipped.len()
        );
        const SHOW: usize = 20;
        for (line, reason) in report.skipped.iter().take(SHOW) {
            eprintln!("{shown}:{line}: {reason}");
        }
        if report.skipped.len() > SHOW {
            eprintln!(
                "{shown}: ... and {} more skipped rows",
                report.skipped.len() - SHOW
            );
        }
    }
    Ok(engine)
}

/// Run the engine on one document; a panic inside the core becomes an error message.
pub fn safe_extract(engine: &Engine, doc: &Document) -> Result<Extraction, String> {
    catch_unwind(AssertUnwindSafe(|| engine.extract(doc))).map_err(|_| {
        format!(
            "{}: internal error in the extractor (panic); skipped",
            doc.id
        )
    })
}

/// Today's date (UTC) from the system clock. The core never reads the clock; the CLI may.
pub fn today() -> chrono::NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.date_naive())
        .unwrap_or_default()
}

/// Extract every document on `workers` threads; results in input order.
pub fn extract_parallel(
    engine: &Engine,
    docs: &[Document],
    workers: usize,
) -> Vec<Result<Extraction, String>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let workers = workers.clamp(1, docs.len().max(1));
    let next = AtomicUsize::new(0);
    let mut out: Vec<Option<Result<Extraction, String>>> = (0..docs.len()).map(|_| None).collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut local = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= docs.len() {
                            break;
                        }
                        local.push((i, safe_extract(engine, &docs[i])));
                    }
                    local
                })
            })
            .collect();
        for h in handles {
            // workers catch panics per document, so joining cannot fail in practice
            if let Ok(local) = h.join() {
                for (i, r) in local {
                    out[i] = Some(r);
                }
            }
        }
    });
    out.into_iter()
        .zip(docs)
        .map(|(r, d)| r.unwrap_or_else(|| Err(format!("{}: worker thread failed", d.id))))
        .collect()
}
