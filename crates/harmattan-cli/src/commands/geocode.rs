//! `harmattan geocode "TEXT"`: the candidates the geocoder considered, their scores, and the
//! place it chose.

use std::io::Write;
use std::path::PathBuf;

/// Arguments of `harmattan geocode`.
#[derive(Debug, clap::Args)]
pub struct GeocodeArgs {
    /// The text (a sentence or a paragraph).
    pub text: String,
    /// Extra gazetteer file, on top of the imported ones; repeatable.
    #[arg(long, value_name = "PATH")]
    pub gazetteer: Vec<PathBuf>,
    /// Data directory holding imported gazetteers (see `harmattan gazetteer`).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Candidates to print.
    #[arg(long, default_value_t = 15)]
    pub top: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Publication date the text's relative dates resolve against (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<chrono::NaiveDate>,
}

/// Run `geocode`.
pub fn run(args: &GeocodeArgs) -> anyhow::Result<bool> {
    let engine = super::load_engine_in(&args.gazetteer, args.data_dir.as_deref())?;
    let text = args.text.as_str();
    // the context extraction would use: country weights, actor and victim spans left out
    let published = args.published.unwrap_or_else(super::today);
    let (cands, choice) = engine.explain_place(text, published);
    let country = |i: usize| engine.countries().get(i).name.clone();
    // a closed pipe (`| head`) ends the output quietly: main treats BrokenPipe as success
    let mut out = std::io::stdout().lock();
    if args.json {
        let v = serde_json::json!({
            "candidates": cands.iter().take(args.top).map(|c| serde_json::json!({
                "score": (c.score * 100.0).round() / 100.0,
                "text": text.get(c.span.start..c.span.end).unwrap_or(""),
                "id": c.rule,
                "name": c.name,
                "cc": c.cc,
                "admin1": c.admin1,
                "admin2": c.admin2,
                "kind": c.kind,
                "population": c.population,
                "near_spelling": c.near_spelling,
                "reasons": c.reasons,
            })).collect::<Vec<_>>(),
            "choice": choice.as_ref().map(|g| serde_json::json!({
                "country": country(g.country),
                "admin1": g.admin1,
                "admin2": g.admin2,
                "location": g.location,
                "latitude": g.latitude,
                "longitude": g.longitude,
                "geo_precision": g.geo_precision,
                "id": g.rule,
                "text": text.get(g.span.start..g.span.end).unwrap_or(""),
            })),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        return Ok(true);
    }
    writeln!(
        out,
        "{} candidates{}",
        cands.len(),
        if cands.len() > args.top {
            format!(" (best {} shown)", args.top)
        } else {
            String::new()
        }
    )?;
    writeln!(
        out,
        "{:>6}  {:<16} {:<14} {:<22} {:<3} {:<18} {:<16} {:<6} {:>8}  why",
        "score", "text", "id", "name", "cc", "admin1", "admin2", "kind", "pop"
    )?;
    for c in cands.iter().take(args.top) {
        let mut why = c.reasons.join(",");
        if let Some(d) = c.near_spelling {
            why = format!(
                "near-spelling(d={d}){}{why}",
                if why.is_empty() { "" } else { "," }
            );
        }
        writeln!(
            out,
            "{:>6.2}  {:<16} {:<14} {:<22} {:<3} {:<18} {:<16} {:<6} {:>8}  {}",
            c.score,
            text.get(c.span.start..c.span.end).unwrap_or(""),
            c.rule,
            c.name,
            c.cc,
            c.admin1,
            c.admin2,
            c.kind,
            c.population,
            why
        )?;
    }
    match choice {
        Some(g) => writeln!(
            out,
            "choice: {} ({}, {}, {}) {:?},{:?} geo_precision {} [{}] from {:?}",
            g.location,
            g.admin2,
            g.admin1,
            country(g.country),
            g.latitude.unwrap_or(f64::NAN),
            g.longitude.unwrap_or(f64::NAN),
            g.geo_precision,
            g.rule,
            text.get(g.span.start..g.span.end).unwrap_or("")
        ),
        None => writeln!(out, "choice: none (no gazetteer place named)"),
    }?;
    Ok(true)
}
