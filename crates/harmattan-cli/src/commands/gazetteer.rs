//! `harmattan gazetteer import|list|remove`: user gazetteers kept in the data directory.
//!
//! The data directory is `--data-dir`, else `$HARMATTAN_DATA`, else
//! `$XDG_DATA_HOME/harmattan`, else `~/.local/share/harmattan`. Each imported gazetteer is a
//! copy of the source file under `gazetteers/NAME.data` with its import options in
//! `gazetteers/NAME.json`; `extract`, `eval` and `geocode` load them all after the built-in
//! table (GeoNames ids and identical rows are loaded once, so overlapping files add nothing
//! twice).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use harmattan_core::geo::{ImportFormat, ImportOptions, IMPORT_FIELDS};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// Arguments of `harmattan gazetteer`.
#[derive(Debug, clap::Args)]
pub struct GazetteerArgs {
    /// Data directory (default: $HARMATTAN_DATA, else $XDG_DATA_HOME/harmattan, else
    /// ~/.local/share/harmattan).
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub action: Action,
}

/// What to do.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Import a GeoNames dump or a CSV file (header row) into the data directory.
    Import {
        /// The file.
        file: PathBuf,
        /// File format (default: detected).
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// CSV columns, as FIELD=HEADER pairs separated by commas (fields: name, lat, lon,
        /// admin1, admin2, admin3, country, alt), e.g. `--columns name=NOM,lat=Y,lon=X`.
        #[arg(long, value_name = "FIELD=HEADER,...")]
        columns: Option<String>,
        /// Name to keep it under (default: the file name without extension). Importing
        /// under an existing name replaces that gazetteer.
        #[arg(long)]
        name: Option<String>,
    },
    /// List the imported gazetteers.
    List,
    /// Remove an imported gazetteer.
    Remove {
        /// Its name (see `list`).
        name: String,
    },
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormatArg {
    /// A GeoNames dump (19 tab-separated columns).
    Geonames,
    /// A delimited file with a header row.
    Csv,
}

/// What `gazetteers/NAME.json` holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// Name.
    pub name: String,
    /// Where it was imported from.
    pub source: String,
    /// Format given on import (none: detected).
    pub format: Option<FormatArg>,
    /// Column mapping given on import.
    pub columns: Vec<(String, String)>,
    /// Places the import added (beyond the built-in table and earlier imports).
    pub added: usize,
    /// Rows already held.
    pub duplicates: usize,
    /// Rows skipped as malformed.
    pub skipped: usize,
}

impl Manifest {
    /// The import options.
    pub fn options(&self) -> ImportOptions {
        ImportOptions {
            format: match self.format {
                Some(FormatArg::Geonames) => ImportFormat::GeoNames,
                Some(FormatArg::Csv) => ImportFormat::Csv,
                None => ImportFormat::Auto,
            },
            columns: self.columns.clone(),
        }
    }
}

/// The data directory.
pub fn data_dir(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    env("HARMATTAN_DATA")
        .or_else(|| env("XDG_DATA_HOME").map(|d| d.join("harmattan")))
        .or_else(|| env("HOME").map(|h| h.join(".local/share/harmattan")))
}

/// The imported gazetteers of a data directory, by name: `(manifest, data file)`.
pub fn installed(dir: &Path) -> anyhow::Result<Vec<(Manifest, PathBuf)>> {
    let gdir = dir.join("gazetteers");
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(&gdir) else {
        return Ok(out);
    };
    for e in rd {
        let p = e
            .with_context(|| format!("reading {}", gdir.display()))?
            .path();
        if p.extension().and_then(|x| x.to_str()) != Some("json") {
            continue;
        }
        let text =
            std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
        let m: Manifest =
            serde_json::from_str(&text).with_context(|| format!("parsing {}", p.display()))?;
        let data = p.with_extension("data");
        if data.is_file() {
            out.push((m, data));
        } else {
            eprintln!(
                "harmattan: {}: data file {} missing; ignored",
                p.display(),
                data.display()
            );
        }
    }
    out.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    Ok(out)
}

fn parse_columns(s: &str) -> anyhow::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((f, h)) = part.split_once('=') else {
            bail!("--columns: expected FIELD=HEADER, got {part:?}");
        };
        let f = f.trim().to_ascii_lowercase();
        if !IMPORT_FIELDS.contains(&f.as_str()) {
            bail!(
                "--columns: unknown field {f:?} (known: {})",
                IMPORT_FIELDS.join(", ")
            );
        }
        out.push((f, h.trim().to_string()));
    }
    Ok(out)
}

fn valid_name(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= 100
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !n.starts_with('.')
}

/// Run `gazetteer`.
pub fn run(args: &GazetteerArgs) -> anyhow::Result<bool> {
    let Some(dir) = data_dir(args.data_dir.as_deref()) else {
        bail!("no data directory: give --data-dir or set HARMATTAN_DATA");
    };
    let gdir = dir.join("gazetteers");
    match &args.action {
        Action::List => {
            let list = installed(&dir)?;
            if list.is_empty() {
                println!("no imported gazetteers in {}", gdir.display());
            }
            for (m, data) in list {
                let bytes = std::fs::metadata(&data).map(|m| m.len()).unwrap_or(0);
                println!(
                    "{}\t{} places\t{} duplicates\t{} skipped\t{:.1} MB\tfrom {}",
                    m.name,
                    m.added,
                    m.duplicates,
                    m.skipped,
                    bytes as f64 / 1e6,
                    m.source
                );
            }
            Ok(true)
        }
        Action::Remove { name } => {
            if !valid_name(name) {
                bail!("bad gazetteer name {name:?}");
            }
            let j = gdir.join(format!("{name}.json"));
            if !j.is_file() {
                bail!("no gazetteer named {name:?} in {}", gdir.display());
            }
            std::fs::remove_file(&j).with_context(|| format!("removing {}", j.display()))?;
            let d = gdir.join(format!("{name}.data"));
            if d.is_file() {
                std::fs::remove_file(&d).with_context(|| format!("removing {}", d.display()))?;
            }
            println!("removed {name}");
            Ok(true)
        }
        Action::Import {
            file,
            format,
            columns,
            name,
        } => {
            let name = match name {
                Some(n) => n.clone(),
                None => file
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("gazetteer")
                    .to_string(),
            };
            if !valid_name(&name) {
                bail!("bad gazetteer name {name:?}: use letters, digits, '-', '_' or '.'");
            }
            let text = super::read_gazetteer_file(file)?;
            let mut m = Manifest {
                name: name.clone(),
                source: file.display().to_string(),
                format: *format,
                columns: match columns {
                    Some(c) => parse_columns(c)?,
                    None => Vec::new(),
                },
                added: 0,
                duplicates: 0,
                skipped: 0,
            };
            // the engine with every other imported gazetteer, so `added` counts new places
            let others: Vec<(Manifest, PathBuf)> = installed(&dir)?
                .into_iter()
                .filter(|(o, _)| o.name != name)
                .collect();
            let mut engine = super::load_engine_with(&[] as &[&Path], &others, false)?;
            let before = engine.gazetteer().len();
            let t0 = std::time::Instant::now();
            let report = engine.add_gazetteer_with(&text, &m.options());
            let secs = t0.elapsed().as_secs_f64();
            for (line, reason) in report.skipped.iter().take(50) {
                eprintln!("{}:{line}: {reason}; row skipped", file.display());
            }
            if report.skipped.len() > 50 {
                eprintln!(
                    "{}: ... and {} more skipped rows",
                    file.display(),
                    report.skipped.len() - 50
                );
            }
            m.added = report.added;
            m.duplicates = report.duplicates;
            m.skipped = report.skipped.len();
            if report.added == 0 && report.duplicates == 0 {
                bail!(
                    "{}: no place could be read ({} rows skipped); nothing imported",
                    file.display(),
                    m.skipped
                );
            }
            std::fs::create_dir_all(&gdir)
                .with_context(|| format!("creating {}", gdir.display()))?;
            let data = gdir.join(format!("{name}.data"));
            std::fs::write(&data, text.as_bytes())
                .with_context(|| format!("writing {}", data.display()))?;
            let j = gdir.join(format!("{name}.json"));
            let body = serde_json::to_string_pretty(&m)?;
            std::fs::write(&j, body).with_context(|| format!("writing {}", j.display()))?;
            println!(
                "{}",
                json!({
                    "name": name,
                    "added": m.added,
                    "already_held": m.duplicates,
                    "skipped": m.skipped,
                    "places_total": before + m.added,
                    "seconds": (secs * 1000.0).round() / 1000.0,
                    "stored": data.display().to_string(),
                })
            );
            Ok(true)
        }
    }
}
