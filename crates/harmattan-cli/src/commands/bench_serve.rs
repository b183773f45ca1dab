//! `harmattan bench-serve`: a load test of the HTTP API. Builds a database of synthetic events
//! (written straight through the store, as an ACLED import), serves it on 127.0.0.1, and runs
//! `wrk` in a second process against a few endpoints, reporting requests per second and
//! latency percentiles.

use std::fmt::Write as _;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{bail, Context};
use chrono::{Datelike, Days, NaiveDate};
use harmattan_core::Event;
use harmattan_server::{AppState, Config};
use harmattan_store::Store;

/// Arguments of `harmattan bench-serve`.
#[derive(Debug, clap::Args)]
pub struct BenchServeArgs {
    /// Number of synthetic events in the database.
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    pub events: usize,
    /// Database to create (must not exist); default: a temporary file, removed afterwards.
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Seconds of load per endpoint.
    #[arg(long, value_name = "S", default_value_t = 10)]
    pub duration: u32,
    /// Open connections.
    #[arg(long, value_name = "N", default_value_t = 32)]
    pub connections: u32,
    /// wrk threads.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub threads: u32,
    /// Server worker threads (default: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub workers: usize,
    /// Write the results as a Markdown table.
    #[arg(long, value_name = "OUT.md")]
    pub markdown: Option<PathBuf>,
}

const PLACES: &[(&str, &str, &str, &str, f64, f64)] = &[
    ("Djibo", "Burkina Faso", "Sahel", "Soum", 14.10, -1.63),
    ("Dori", "Burkina Faso", "Sahel", "Seno", 14.03, -0.03),
    (
        "Kaya",
        "Burkina Faso",
        "Centre-Nord",
        "Sanmatenga",
        13.09,
        -1.08,
    ),
    (
        "Ouahigouya",
        "Burkina Faso",
        "Nord",
        "Yatenga",
        13.58,
        -2.42,
    ),
    ("Diapaga", "Burkina Faso", "Est", "Tapoa", 12.07, 1.79),
    (
        "Nouna",
        "Burkina Faso",
        "Boucle du Mouhoun",
        "Kossi",
        12.73,
        -3.86,
    ),
    ("Douentza", "Mali", "Mopti", "Douentza", 15.00, -2.95),
    ("Bandiagara", "Mali", "Mopti", "Bandiagara", 14.35, -3.61),
    ("Niono", "Mali", "Segou", "Niono", 14.25, -5.99),
    ("Ansongo", "Mali", "Gao", "Ansongo", 15.66, 0.50),
    ("Menaka", "Mali", "Menaka", "Menaka", 15.92, 2.40),
    ("Niafunke", "Mali", "Tombouctou", "Niafunke", 15.93, -3.99),
    ("Ayorou", "Niger", "Tillaberi", "Tillaberi", 14.73, 0.92),
    ("Ouallam", "Niger", "Tillaberi", "Ouallam", 14.32, 2.09),
    ("Diffa", "Niger", "Diffa", "Diffa", 13.32, 12.61),
    ("Tahoua", "Niger", "Tahoua", "Tahoua", 14.89, 5.27),
];

const TYPES: &[(&str, &str, &str, u8, u8)] = &[
    ("Political violence", "Battles", "Armed clash", 1, 2),
    (
        "Political violence",
        "Violence against civilians",
        "Attack",
        2,
        7,
    ),
    (
        "Political violence",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        2,
        1,
    ),
    (
        "Political violence",
        "Violence against civilians",
        "Abduction/forced disappearance",
        2,
        7,
    ),
    ("Demonstrations", "Protests", "Peaceful protest", 6, 0),
];

const ACTORS: &[&str] = &[
    "JNIM: Group for Support of Islam and Muslims",
    "Islamic State (Sahel)",
    "Unidentified Armed Group",
    "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
];

const OUTLETS: &[&str] = &[
    "Sahel Wire",
    "Radio Falaise",
    "Dallol Express",
    "Faso Dépêches",
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
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn iso(country: &str) -> (u16, &'static str) {
    match country {
        "Mali" => (466, "MLI"),
        "Niger" => (562, "NER"),
        _ => (854, "BFA"),
    }
}

/// `n` synthetic events (deterministic), dated over about seven years.
pub fn synthetic_events(n: usize) -> Vec<Event> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let start = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap_or_default();
    (0..n)
        .map(|i| {
            let (loc, country, admin1, admin2, lat, lon) = PLACES[rng.below(PLACES.len())];
            let (disorder, et, sub, i1, i2) = TYPES[rng.below(TYPES.len())];
            let date = start + Days::new(rng.below(2555) as u64);
            let (iso_n, iso3) = iso(country);
            let actor = ACTORS[rng.below(ACTORS.len())];
            let (actor1, actor2) = if et == "Protests" {
                (format!("Protesters ({country})"), String::new())
            } else if i1 == 1 {
                (
                    format!("Military Forces of {country}"),
                    actor.to_string(),
                )
            } else {
                (actor.to_string(), format!("Civilians ({country})"))
            };
            let fatalities = if et == "Protests" {
                0
            } else {
                (rng.unit().powi(3) * 60.0) as u32
            };
            let source = if rng.below(3) == 0 {
                format!("{}; {}", OUTLETS[rng.below(4)], OUTLETS[rng.below(4)])
            } else {
                OUTLETS[rng.below(4)].to_string()
            };
            Event {
                event_id_cnty: format!("{iso3}{:06}", i + 1),
                event_date: Some(date),
                year: date.year(),
                time_precision: 1,
                disorder_type: disorder.into(),
                event_type: et.into(),
                sub_event_type: sub.into(),
                notes: format!(
                    "On {date}, {actor1} and {} in {loc} ({admin2}, {admin1}). {fatalities} reported fatalities.",
                    if actor2.is_empty() { "others" } else { &actor2 }
                ),
                actor1,
                inter1: i1,
                actor2,
                inter2: i2,
                interaction: i1 * 10 + i2,
                iso: iso_n,
                region: "Western Africa".into(),
                country: country.into(),
                admin1: admin1.into(),
                admin2: admin2.into(),
                location: loc.into(),
                latitude: Some(lat + (rng.unit() - 0.5) * 0.2),
                longitude: Some(lon + (rng.unit() - 0.5) * 0.2),
                geo_precision: 1 + rng.below(2) as u8,
                source,
                source_scale: "National".into(),
                fatalities,
                ..Event::default()
            }
        })
        .collect()
}

/// One wrk run.
#[derive(Debug, Clone)]
struct Run {
    path: String,
    rps: f64,
    p50: f64,
    p90: f64,
    p99: f64,
    requests: u64,
    bad: u64,
    /// The first request, before any cache was filled (ms).
    cold: f64,
}

/// Milliseconds from wrk's `1.23ms`, `456.78us`, `1.02s`.
fn wrk_ms(s: &str) -> Option<f64> {
    let s = s.trim();
    let (num, scale) = if let Some(v) = s.strip_suffix("us") {
        (v, 0.001)
    } else if let Some(v) = s.strip_suffix("ms") {
        (v, 1.0)
    } else if let Some(v) = s.strip_suffix('s') {
        (v, 1000.0)
    } else if let Some(v) = s.strip_suffix('m') {
        (v, 60_000.0)
    } else {
        return None;
    };
    num.parse::<f64>().ok().map(|v| v * scale)
}

fn parse_wrk(path: &str, out: &str) -> anyhow::Result<Run> {
    let mut run = Run {
        path: path.to_string(),
        rps: 0.0,
        p50: f64::NAN,
        p90: f64::NAN,
        p99: f64::NAN,
        requests: 0,
        bad: 0,
        cold: f64::NAN,
    };
    for line in out.lines() {
        let t = line.trim();
        let mut words = t.split_whitespace();
        match (words.next(), words.next()) {
            (Some("Requests/sec:"), Some(v)) => run.rps = v.parse().unwrap_or(0.0),
            (Some("50%"), Some(v)) => run.p50 = wrk_ms(v).unwrap_or(f64::NAN),
            (Some("90%"), Some(v)) => run.p90 = wrk_ms(v).unwrap_or(f64::NAN),
            (Some("99%"), Some(v)) => run.p99 = wrk_ms(v).unwrap_or(f64::NAN),
            _ => {}
        }
        if t.contains("requests in") {
            run.requests = t
                .split_whitespace()
                .next()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
        }
        if let Some(v) = t.strip_prefix("Non-2xx or 3xx responses:") {
            run.bad += v.trim().parse::<u64>().unwrap_or(0);
        }
        if let Some(v) = t.strip_prefix("Socket errors:") {
            run.bad += v
                .split(',')
                .filter_map(|p| p.split_whitespace().last()?.parse::<u64>().ok())
                .sum::<u64>();
        }
    }
    if run.rps == 0.0 {
        bail!("cannot read wrk's output:\n{out}");
    }
    Ok(run)
}

fn build_db(path: &Path, n: usize) -> anyhow::Result<()> {
    let t = Instant::now();
    let events = synthetic_events(n);
    let mut store = Store::open(path)?;
    for chunk in events.chunks(10_000) {
        store.insert_generated(chunk, "generated")?;
    }
    eprintln!(
        "database: {} events written in {:.1} s ({})",
        store.counts()?.events,
        t.elapsed().as_secs_f64(),
        path.display()
    );
    Ok(())
}

/// Run `bench-serve`.
pub fn run(args: &BenchServeArgs) -> anyhow::Result<bool> {
    if Command::new("wrk").arg("--version").output().is_err() {
        bail!("wrk is not installed (apt-get install wrk)");
    }
    let (db, temp) = match &args.db {
        Some(p) if p.exists() => bail!("{}: exists; give a new file", p.display()),
        Some(p) => (p.clone(), false),
        None => (
            std::env::temp_dir().join(format!(
                "harmattan-bench-serve-{}.sqlite",
                std::process::id()
            )),
            true,
        ),
    };
    build_db(&db, args.events)?;
    let engine = super::load_engine_with(&[] as &[PathBuf], &[], false)?;
    let state = AppState::new(
        Config {
            db: db.clone(),
            token: None,
            boundaries: None,
        },
        Arc::new(engine),
    )?;
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let workers = args.workers;
    std::thread::spawn(move || harmattan_server::run(listener, state, workers));
    let base = format!("http://{addr}");
    let first = synthetic_events(1)[0].event_id_cnty.clone();
    let paths = [
        "/api/events?limit=100".to_string(),
        "/api/events?limit=100&country=Mali&event_type=Battles".to_string(),
        "/api/events?limit=100&offset=50000".to_string(),
        format!("/api/events/{first}"),
        "/api/facets".to_string(),
        "/api/stats?group=week&admin1=Mopti".to_string(),
    ];
    // warm up (and check every path answers 200)
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut known_id = first.clone();
    let mut cold = Vec::new();
    for p in &paths {
        let t = Instant::now();
        let r = agent.get(format!("{base}{p}")).call()?;
        cold.push(t.elapsed().as_secs_f64() * 1000.0);
        if r.status() == 404 && p.starts_with("/api/events/") {
            known_id.clear();
            continue;
        }
        if r.status() != 200 {
            bail!("{p}: HTTP {}", r.status());
        }
    }
    let mut runs = Vec::new();
    for (p, cold_ms) in paths.iter().zip(&cold) {
        if p.starts_with("/api/events/") && known_id.is_empty() {
            continue;
        }
        let cmd = format!(
            "wrk -t{} -c{} -d{}s --latency {base}{p}",
            args.threads, args.connections, args.duration
        );
        eprintln!("{cmd}");
        let out = Command::new("wrk")
            .args([
                &format!("-t{}", args.threads),
                &format!("-c{}", args.connections),
                &format!("-d{}s", args.duration),
                "--latency",
                &format!("{base}{p}"),
            ])
            .output()
            .context("running wrk")?;
        let text = String::from_utf8_lossy(&out.stdout);
        let mut run = parse_wrk(p, &text)?;
        run.cold = *cold_ms;
        eprintln!(
            "  {:.0} req/s, p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, {} requests, {} errors",
            run.rps, run.p50, run.p90, run.p99, run.requests, run.bad
        );
        runs.push(run);
    }
    let mut md = String::new();
    let _ = writeln!(
        md,
        "| endpoint | requests/s | p50 ms | p90 ms | p99 ms | requests | non-2xx/errors | first request ms |"
    );
    let _ = writeln!(md, "|---|---:|---:|---:|---:|---:|---:|---:|");
    for r in &runs {
        let _ = writeln!(
            md,
            "| `{}` | {:.0} | {:.2} | {:.2} | {:.2} | {} | {} | {:.1} |",
            r.path, r.rps, r.p50, r.p90, r.p99, r.requests, r.bad, r.cold
        );
    }
    println!("{md}");
    if let Some(out) = &args.markdown {
        std::fs::write(out, &md).with_context(|| format!("writing {}", out.display()))?;
    }
    if temp {
        for s in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{s}", db.display()));
        }
    }
    Ok(runs.iter().all(|r| r.bad == 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrk_output_is_read() {
        let out = "Running 10s test @ http://127.0.0.1:1/api/events?limit=100
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     9.41ms    2.10ms  40.12ms   80.00%
  Latency Distribution
     50%    9.02ms
     75%   10.11ms
     90%   11.87ms
     99%  812.00us
  34000 requests in 10.00s, 1.20GB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   3400.12
Transfer/sec:    120.00MB
";
        let r = parse_wrk("/x", out).unwrap();
        assert_eq!(r.rps, 3400.12);
        assert_eq!(r.p50, 9.02);
        assert!((r.p99 - 0.812).abs() < 1e-9);
        assert_eq!(r.requests, 34000);
        assert_eq!(r.bad, 7);
        assert_eq!(wrk_ms("1.5s"), Some(1500.0));
    }

    #[test]
    fn synthetic_events_are_valid_and_spread() {
        let evs = synthetic_events(500);
        assert_eq!(evs.len(), 500);
        let countries: std::collections::HashSet<_> = evs.iter().map(|e| &e.country).collect();
        assert_eq!(countries.len(), 3);
        assert!(evs
            .iter()
            .all(|e| e.latitude.is_some() && e.event_date.is_some()));
        assert_eq!(evs[0].event_id_cnty.len(), 9);
    }
}
