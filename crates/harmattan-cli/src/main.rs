//! `harmattan`: turn news text about political violence into ACLED-style conflict events.
//!
//! Subcommands: `extract` (documents in, events out), `eval` (accuracy against ACLED or
//! UCDP gold), `bench` (single-thread throughput, or the gazetteer with `--gazetteer`),
//! `gazetteer` (import, list, remove user gazetteers), `geocode` (explain a place choice),
//! `ingest`, `events`, `history`, `import-acled` (the SQLite store), `bench-ingest`, `serve`
//! and `demo` (the HTTP API and dashboard) and `bench-serve`.

mod acled_import;
mod bench_ingest;
mod commands;
mod events;
mod feed;
mod html;
mod ingest;
mod input;
mod markup;
mod output;
mod sources;

use std::path::PathBuf;

/// mimalloc: the pipeline allocates many small vectors per document; the system allocator's
/// malloc/free took about 9 % of extraction time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Exit code when some inputs failed but the run went on.
const EXIT_PARTIAL: u8 = 1;

#[derive(Debug, Parser)]
#[command(
    name = "harmattan",
    version,
    about = "Turn news text about political violence into ACLED-style conflict events"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Output format of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object per event: every ACLED column plus provenance.
    Jsonl,
    /// ACLED's 31 columns, lower-case header.
    Csv,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract events from documents (.txt files, .jsonl files, directories, or - for stdin).
    Extract(ExtractArgs),
    /// Score the extractor against gold data (ACLED CSV or UCDP-AEC JSONL).
    Eval(EvalArgs),
    /// Measure single-thread extraction speed and peak memory.
    Bench(BenchArgs),
    /// Manage user gazetteers in the data directory (import, list, remove).
    Gazetteer(commands::gazetteer::GazetteerArgs),
    /// Show how a text is geocoded: candidates, scores and the choice.
    Geocode(commands::geocode::GeocodeArgs),
    /// Read documents (files, directories, feeds, URLs), extract and store their events, fusing reports of one incident.
    Ingest(ingest::IngestArgs),
    /// Query and export stored events (table, ACLED CSV, JSONL, GeoJSON).
    Events(events::EventsArgs),
    /// Show the revisions of one stored event and the reports it fuses.
    History(events::HistoryArgs),
    /// Load an ACLED export (CSV) into the store as events of origin ACLED.
    ImportAcled(acled_import::ImportAcledArgs),
    /// Measure ingest throughput: generated short documents into a fresh database.
    BenchIngest(bench_ingest::BenchIngestArgs),
    /// Serve the HTTP API and the dashboard over a database (127.0.0.1:8080 by default).
    Serve(commands::serve::ServeArgs),
    /// Ingest the bundled sample corpus into a fresh database and serve the dashboard.
    Demo(commands::demo::DemoArgs),
    /// Load-test the server: a database of synthetic events, then wrk or oha against it.
    BenchServe(commands::bench_serve::BenchServeArgs),
}

/// Arguments of `harmattan extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Publication date for documents that carry none (default: today, said on stderr).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    pub published: Option<chrono::NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Extra gazetteer (GeoNames dump or CSV with a header row); repeatable.
    #[arg(long, value_name = "PATH")]
    pub gazetteer: Vec<PathBuf>,
    /// Print the extractor's diagnostics (skipped paragraphs, guesses) to stderr.
    #[arg(long)]
    pub diagnostics: bool,
    /// Write events to this file instead of stdout.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Inputs: .txt files, .jsonl files, directories (searched recursively), or - for stdin.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<String>,
}

/// Arguments of `harmattan eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Gold file: ACLED CSV, or UCDP-AEC JSONL (`.jsonl`, or first line has `source_article`).
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// Score only the first N rows.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Write the scores as JSON.
    #[arg(long, value_name = "OUT.json")]
    pub json: Option<PathBuf>,
    /// Write the tables as Markdown.
    #[arg(long, value_name = "OUT.md")]
    pub markdown: Option<PathBuf>,
    /// Write one line per row with gold vs predicted for the wrong fields (not for committing).
    #[arg(long, value_name = "OUT.jsonl")]
    pub errors: Option<PathBuf>,
    /// Extra gazetteer; repeatable.
    #[arg(long, value_name = "PATH")]
    pub gazetteer: Vec<PathBuf>,
    /// Worker threads (default: available parallelism).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
}

/// Arguments of `harmattan bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Corpus to measure on (.jsonl file or directory); default: generated text.
    #[arg(long, value_name = "PATH")]
    pub corpus: Option<PathBuf>,
    /// Minimum corpus size in MB (10^6 bytes); a smaller --corpus is cycled through.
    #[arg(long, value_name = "MB", default_value_t = 5.0, value_parser = parse_mb)]
    pub min_mb: f64,
    /// Write the measurements as JSON.
    #[arg(long, value_name = "OUT")]
    pub json: Option<PathBuf>,
    /// Measure the built-in gazetteer instead: load time, resident memory, lookups/s.
    #[arg(long)]
    pub gazetteer: bool,
}

fn parse_date_arg(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

fn parse_mb(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=100_000.0).contains(&v) => Ok(v),
        Ok(_) => Err("must be between 0 and 100000".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// True when an error chain ends in a closed pipe (`harmattan extract ... | head`).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
            || c.downcast_ref::<csv::Error>().is_some_and(|ce| {
                matches!(ce.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => commands::extract::run(&a),
        Command::Eval(a) => commands::eval::run(&a),
        Command::Bench(a) => commands::bench::run(&a),
        Command::Gazetteer(a) => commands::gazetteer::run(&a),
        Command::Geocode(a) => commands::geocode::run(&a),
        Command::Ingest(a) => ingest::run(&a),
        Command::Events(a) => events::run(&a),
        Command::History(a) => events::run_history(&a),
        Command::ImportAcled(a) => acled_import::run(&a),
        Command::BenchIngest(a) => bench_ingest::run(&a),
        Command::Serve(a) => commands::serve::run(&a),
        Command::Demo(a) => commands::demo::run(&a),
        Command::BenchServe(a) => commands::bench_serve::run(&a),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(EXIT_PARTIAL),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("harmattan: error: {e:#}");
            ExitCode::from(EXIT_PARTIAL)
        }
    }
}
