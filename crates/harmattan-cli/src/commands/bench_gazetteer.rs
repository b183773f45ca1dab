//! `harmattan bench --gazetteer`: the built-in gazetteer's load time, resident memory and
//! name lookups per second on one core.
//!
//! Load: `Countries::parse` + `Gazetteer::from_builtin` on the embedded `places.tsv`, five
//! times in this process (the first run is reported separately: it also pages the embedded
//! table in). Memory: resident set size (VmRSS) before and after one load, and the process
//! peak. Lookups: every name and alternate name of the table, cycled to one million or more,
//! each folded (case, accents, hyphens) and looked up; a third of them are re-cased or
//! accented variants and a tenth are misses. Near-spelling lookups are timed separately.

use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use harmattan_core::countries::Countries;
use harmattan_core::geo::Gazetteer;
use harmattan_core::EngineData;
use serde_json::json;

/// Current resident set size (VmRSS) in kB, Linux only.
fn rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Names to look up: the table's own names and alternates with variants and misses.
fn query_names(places_tsv: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (i, line) in places_tsv.lines().skip(1).enumerate() {
        let mut f = line.split('\t');
        let _id = f.next();
        let Some(name) = f.next() else { continue };
        let alt = f.next().unwrap_or("");
        match i % 10 {
            0 => names.push(format!("{name}x")), // a miss
            1..=3 => names.push(name.to_uppercase()),
            4 => names.push(name.replace('e', "é").replace(' ', "-")),
            _ => names.push(name.to_string()),
        }
        if let Some(a) = alt.split('|').next().filter(|a| !a.is_empty()) {
            names.push(a.to_string());
        }
    }
    names
}

/// Run the gazetteer benchmark.
pub fn run(json_out: Option<&Path>) -> anyhow::Result<bool> {
    let data = EngineData::builtin();
    let rss0 = rss_kb();
    let t = Instant::now();
    let countries = Countries::parse(data.countries).context("countries table")?;
    let gaz = Gazetteer::from_builtin(data.places, &countries).context("built-in gazetteer")?;
    let first_s = t.elapsed().as_secs_f64();
    let rss1 = rss_kb();
    let mut loads = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let c = Countries::parse(data.countries).context("countries table")?;
        let g = Gazetteer::from_builtin(data.places, &c).context("built-in gazetteer")?;
        loads.push(t.elapsed().as_secs_f64());
        std::hint::black_box(g.len());
    }
    loads.sort_by(f64::total_cmp);
    let median_s = loads[loads.len() / 2];

    let names = query_names(data.places);
    let target = 2_000_000usize.max(names.len());
    let mut buf = String::with_capacity(64);
    let mut found = 0usize;
    let t = Instant::now();
    let mut n = 0usize;
    while n < target {
        for q in &names {
            found += gaz.count(std::hint::black_box(q), &mut buf);
            n += 1;
            if n >= target {
                break;
            }
        }
    }
    let secs = t.elapsed().as_secs_f64().max(1e-9);
    let per_s = n as f64 / secs;

    let near_n = 100_000usize.min(names.len());
    let t = Instant::now();
    let mut near_found = 0usize;
    for q in names.iter().take(near_n) {
        near_found += gaz.count_near(std::hint::black_box(q));
    }
    let near_s = t.elapsed().as_secs_f64().max(1e-9);
    let near_per_s = near_n as f64 / near_s;
    let peak = super::bench::peak_rss_kb();

    let mb = |kb: Option<u64>| kb.map(|k| k as f64 / 1024.0);
    println!("places            {}", gaz.len());
    println!("distinct names    {}", gaz.key_count());
    println!("first load        {:.3} s", first_s);
    println!("load (median of 5) {:.3} s", median_s);
    match (rss0, rss1) {
        (Some(a), Some(b)) => println!(
            "resident memory   {:.1} MB after load ({:.1} MB before)",
            b as f64 / 1024.0,
            a as f64 / 1024.0
        ),
        _ => println!("resident memory   n/a"),
    }
    match peak {
        Some(kb) => println!("peak memory       {:.1} MB", kb as f64 / 1024.0),
        None => println!("peak memory       n/a"),
    }
    println!("lookups           {n} ({found} places found)");
    println!("lookups/s         {per_s:.0} (one thread)");
    println!("near-spelling/s   {near_per_s:.0} ({near_n} lookups, {near_found} places found)");
    if let Some(p) = json_out {
        let v = json!({
            "places": gaz.len(),
            "distinct_names": gaz.key_count(),
            "first_load_s": first_s,
            "load_median_s": median_s,
            "rss_before_mb": mb(rss0),
            "rss_after_load_mb": mb(rss1),
            "peak_rss_mb": mb(peak),
            "lookups": n,
            "lookups_per_s": per_s,
            "near_spelling_lookups_per_s": near_per_s,
            "threads": 1,
        });
        let mut s = serde_json::to_string_pretty(&v)?;
        s.push('\n');
        std::fs::write(p, s).with_context(|| format!("cannot write {}", p.display()))?;
    }
    Ok(true)
}
