//! `harmattan extract`: documents in, events out (JSONL or ACLED CSV), one document at a time.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::input::{expand_inputs, read_source, Item};
use crate::output::EventWriter;
use crate::ExtractArgs;

/// Progress lines start after this many documents (and only on a terminal).
const PROGRESS_AFTER: usize = 20;

struct Counts {
    docs: usize,
    events: usize,
    errors: usize,
}

/// Run `extract`.
pub fn run(args: &ExtractArgs) -> anyhow::Result<bool> {
    let engine = super::load_engine(&args.gazetteer)?;
    let out: Box<dyn Write> = match &args.output {
        Some(p) => {
            Box::new(File::create(p).with_context(|| format!("cannot create {}", p.display()))?)
        }
        None => Box::new(io::stdout().lock()),
    };
    let mut writer = EventWriter::new(args.format, BufWriter::new(out))?;

    let default_date = args.published.unwrap_or_else(super::today);
    let mut said_today = args.published.is_some();
    let progress = io::stderr().is_terminal();
    let mut last_progress = Instant::now();
    let mut shown_progress = false;
    let mut c = Counts {
        docs: 0,
        events: 0,
        errors: 0,
    };
    let mut failure: Option<anyhow::Error> = None;

    for source in expand_inputs(&args.inputs) {
        let source = match source {
            Ok(s) => s,
            Err(msg) => {
                eprintln!("{msg}");
                c.errors += 1;
                continue;
            }
        };
        read_source(&source, &mut |item| {
            if failure.is_some() {
                return;
            }
            match item {
                Item::Error(msg) => {
                    if shown_progress {
                        eprint!("\r\x1b[K");
                    }
                    eprintln!("{msg}");
                    c.errors += 1;
                }
                Item::Warning(msg) => eprintln!("warning: {msg}"),
                Item::Doc(mut doc) => {
                    if doc.published.is_none() {
                        if !said_today {
                            eprintln!(
                                "note: documents without a publication date are dated today ({default_date}); use --published to set one"
                            );
                            said_today = true;
                        }
                        doc.published = Some(default_date);
                    }
                    c.docs += 1;
                    match super::safe_extract(&engine, &doc) {
                        Ok(x) => {
                            if args.diagnostics {
                                for d in &x.diagnostics {
                                    let at = d
                                        .span
                                        .map(|s| format!(" [{}..{}]", s.start, s.end))
                                        .unwrap_or_default();
                                    eprintln!(
                                        "{}: {} {}{at}: {}",
                                        doc.id,
                                        format!("{:?}", d.severity).to_lowercase(),
                                        d.code,
                                        d.message
                                    );
                                }
                            }
                            for mut e in x.events {
                                if e.document_id.is_empty() {
                                    e.document_id = doc.id.clone();
                                }
                                if let Err(err) = writer.write(&e) {
                                    failure = Some(err.context("writing events"));
                                    return;
                                }
                                c.events += 1;
                            }
                        }
                        Err(msg) => {
                            eprintln!("{msg}");
                            c.errors += 1;
                        }
                    }
                }
            }
            if progress
                && c.docs > PROGRESS_AFTER
                && last_progress.elapsed() >= Duration::from_secs(1)
            {
                eprint!(
                    "\r\x1b[K{} documents, {} events, {} errors ...",
                    c.docs, c.events, c.errors
                );
                shown_progress = true;
                last_progress = Instant::now();
            }
        });
        if let Some(err) = failure {
            return Err(err);
        }
    }
    writer.flush().context("writing events")?;
    if shown_progress {
        eprint!("\r\x1b[K");
    }
    eprintln!(
        "{} documents, {} events, {} errors",
        c.docs, c.events, c.errors
    );
    Ok(c.errors == 0)
}
