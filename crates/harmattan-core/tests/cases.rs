//! Data-driven extraction tests: every `tests/cases/*.md` file at the workspace root holds
//! articles and the events the engine must extract from them (format below). One `check()`
//! compares the engine's output with each case and the runner reports every failing case before
//! failing once.
//!
//! Case file format (Markdown, several cases per file):
//!
//! ````text
//! # Optional file title and prose (ignored)
//!
//! ## <case name, unique across all files>
//! published: 2025-11-09
//! <optional prose: which codebook rule the case tests>
//!
//! ```text
//! <the article text; the lines are joined with "\n", no trailing newline>
//! ```
//!
//! ```expect
//! events: 1
//! event_date: 2025-11-07
//! event_type: Battles
//! ---
//! <fields of the next expected event>
//! ```
//! ````
//!
//! `events: N` is the exact number of output events. Each `---`-separated block lists the
//! fields one output event must match; blocks are matched to events in any order, each event
//! used once, and there must be exactly N blocks. `actors` compares the set of non-empty
//! actor1/actor2 values (written joined by `"; "`, in any order). Only blank lines may follow
//! the expect block. Anything else is a parse error naming the file and line.
//!
//! `HARMATTAN_CASE=<substring>` runs only the cases whose name contains the substring.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use harmattan_core::{Document, Engine, EngineData, Event};

/// Fields an expect block may name.
const FIELDS: &[&str] = &[
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "actors",
    "inter1",
    "inter2",
    "interaction",
    "civilian_targeting",
    "country",
    "admin1",
    "admin2",
    "location",
    "geo_precision",
    "fatalities",
    "assoc_actor_1",
    "assoc_actor_2",
];

/// Fields compared as numbers.
const NUMERIC: &[&str] = &[
    "time_precision",
    "inter1",
    "inter2",
    "interaction",
    "geo_precision",
    "fatalities",
];

/// Codebook table 2.2: (event_type, sub_event_type, disorder_type).
#[rustfmt::skip]
const TAXONOMY: &[(&str, &str, &str)] = &[
    ("Battles", "Government regains territory", "Political violence"),
    ("Battles", "Non-state actor overtakes territory", "Political violence"),
    ("Battles", "Armed clash", "Political violence"),
    ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
    ("Protests", "Protest with intervention", "Demonstrations"),
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Riots", "Violent demonstration", "Demonstrations"),
    ("Riots", "Mob violence", "Political violence"),
    ("Explosions/Remote violence", "Chemical weapon", "Political violence"),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    ("Explosions/Remote violence", "Suicide bomb", "Political violence"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "Political violence"),
    ("Explosions/Remote violence", "Grenade", "Political violence"),
    ("Violence against civilians", "Sexual violence", "Political violence"),
    ("Violence against civilians", "Attack", "Political violence"),
    ("Violence against civilians", "Abduction/forced disappearance", "Political violence"),
    ("Strategic developments", "Agreement", "Strategic developments"),
    ("Strategic developments", "Arrests", "Strategic developments"),
    ("Strategic developments", "Change to group/activity", "Strategic developments"),
    ("Strategic developments", "Disrupted weapons use", "Strategic developments"),
    ("Strategic developments", "Headquarters or base established", "Strategic developments"),
    ("Strategic developments", "Looting/property destruction", "Strategic developments"),
    ("Strategic developments", "Non-violent transfer of territory", "Strategic developments"),
    ("Strategic developments", "Other", "Strategic developments"),
];

const EVENT_TYPES: &[&str] = &[
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
];

/// One expected event: field name → expected value, in file order.
type Expected = Vec<(String, String)>;

/// One parsed case.
#[derive(Debug, Clone)]
struct Case {
    name: String,
    file: String,
    line: usize,
    published: NaiveDate,
    text: String,
    events: usize,
    expected: Vec<Expected>,
    /// A known gap: the engine does not reach this case yet (the reason follows `fixme:`).
    /// The runner checks that it still fails, so a fix cannot go unnoticed.
    fixme: Option<String>,
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases")
}

/// Read and parse every case file; all parse errors are collected.
fn load_cases() -> Result<Vec<Case>, Vec<String>> {
    let dir = cases_dir();
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect(),
        Err(e) => return Err(vec![format!("{}: cannot read: {e}", dir.display())]),
    };
    files.sort();
    if files.is_empty() {
        return Err(vec![format!("{}: no *.md case files", dir.display())]);
    }
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    for path in &files {
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        match std::fs::read_to_string(path) {
            Ok(src) => match parse_file(&file, &src) {
                Ok(mut c) => cases.append(&mut c),
                Err(mut e) => errors.append(&mut e),
            },
            Err(e) => errors.push(format!("{file}: cannot read: {e}")),
        }
    }
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for c in &cases {
        let here = format!("{}:{}", c.file, c.line);
        if let Some(first) = seen.insert(c.name.clone(), here.clone()) {
            errors.push(format!(
                "{here}: duplicate case name `{}` (first at {first})",
                c.name
            ));
        }
    }
    if errors.is_empty() {
        Ok(cases)
    } else {
        Err(errors)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the first `## ` heading.
    Preamble,
    /// Right after `## name`, waiting for `published:`.
    Published,
    /// Prose between `published:` and the text fence.
    Prose,
    /// Inside ```text.
    Text,
    /// Between the text block and the expect fence.
    BeforeExpect,
    /// Inside ```expect.
    Expect,
    /// After the expect block: only blank lines until the next heading.
    After,
}

/// A case under construction.
#[derive(Default)]
struct Draft {
    name: String,
    line: usize,
    published: Option<NaiveDate>,
    text: Vec<String>,
    text_line: usize,
    expect: Vec<(usize, String)>,
    fixme: Option<String>,
}

fn parse_file(file: &str, src: &str) -> Result<Vec<Case>, Vec<String>> {
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    let mut state = State::Preamble;
    let mut draft = Draft::default();
    let err = |line: usize, msg: &str| format!("{file}:{line}: {msg}");

    for (i, raw) in src.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_end();
        let in_block = matches!(state, State::Text | State::Expect);
        if !in_block && line.starts_with("## ") {
            match state {
                State::Preamble | State::After => {}
                _ => errors.push(err(
                    n,
                    &format!(
                        "case `{}` is incomplete before the next heading",
                        draft.name
                    ),
                )),
            }
            let name = line[3..].trim().to_string();
            if name.is_empty() {
                errors.push(err(n, "empty case name"));
            }
            draft = Draft {
                name,
                line: n,
                ..Draft::default()
            };
            state = State::Published;
            continue;
        }
        match state {
            State::Preamble => {
                if line.starts_with("```") {
                    errors.push(err(n, "code fence before the first `## ` case heading"));
                }
            }
            State::Published => {
                if line.is_empty() {
                    continue;
                }
                match line.strip_prefix("published:") {
                    Some(d) => match NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d") {
                        Ok(d) => {
                            draft.published = Some(d);
                            state = State::Prose;
                        }
                        Err(_) => {
                            errors.push(err(n, &format!("bad published date `{}`", d.trim())));
                            state = State::Prose;
                        }
                    },
                    None => {
                        errors.push(err(n, "expected `published: YYYY-MM-DD` after the heading"));
                        state = State::Prose;
                    }
                }
            }
            State::Prose => {
                if let Some(reason) = line.strip_prefix("fixme:") {
                    draft.fixme = Some(reason.trim().to_string());
                } else if line == "```text" {
                    draft.text_line = n;
                    state = State::Text;
                } else if line.starts_with("```") {
                    errors.push(err(n, &format!("expected a ```text fence, got `{line}`")));
                }
            }
            State::Text => {
                if line == "```" {
                    state = State::BeforeExpect;
                } else if line.starts_with("```") {
                    errors.push(err(n, "unexpected fence inside the text block"));
                } else {
                    draft.text.push(raw.to_string());
                }
            }
            State::BeforeExpect => {
                if line == "```expect" {
                    state = State::Expect;
                } else if !line.is_empty() {
                    errors.push(err(
                        n,
                        "only blank lines may separate the text block and the ```expect block",
                    ));
                }
            }
            State::Expect => {
                if line == "```" {
                    match finish(file, &draft) {
                        Ok(c) => cases.push(c),
                        Err(mut e) => errors.append(&mut e),
                    }
                    state = State::After;
                } else if line.starts_with("```") {
                    errors.push(err(n, "unexpected fence inside the expect block"));
                } else {
                    draft.expect.push((n, line.to_string()));
                }
            }
            State::After => {
                if !line.is_empty() {
                    errors.push(err(n, "only blank lines may follow an expect block"));
                }
            }
        }
    }
    match state {
        State::Preamble => errors.push(err(0, "no cases in file")),
        State::After => {}
        _ => errors.push(err(
            draft.line,
            &format!("case `{}` is incomplete at end of file", draft.name),
        )),
    }
    if errors.is_empty() {
        Ok(cases)
    } else {
        Err(errors)
    }
}

/// Validate one expected value at parse time so typos in case files fail loudly.
fn validate_value(key: &str, value: &str) -> Result<(), String> {
    if NUMERIC.contains(&key) {
        return value
            .parse::<u32>()
            .map(|_| ())
            .map_err(|_| format!("`{key}` needs a non-negative integer, got `{value}`"));
    }
    match key {
        "event_date" => NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .map(|_| ())
            .map_err(|_| format!("bad event_date `{value}`")),
        "event_type" if !EVENT_TYPES.contains(&value) => {
            Err(format!("unknown event_type `{value}`"))
        }
        "sub_event_type" if !TAXONOMY.iter().any(|t| t.1 == value) => {
            Err(format!("unknown sub_event_type `{value}`"))
        }
        "civilian_targeting" if !(value.is_empty() || value == "Civilians targeted") => Err(
            format!("civilian_targeting must be empty or `Civilians targeted`, got `{value}`"),
        ),
        _ => Ok(()),
    }
}

fn finish(file: &str, d: &Draft) -> Result<Case, Vec<String>> {
    let mut errors = Vec::new();
    let err = |line: usize, msg: &str| format!("{file}:{line}: {msg}");
    let text = d.text.join("\n");
    if text.trim().is_empty() {
        errors.push(err(d.text_line, "empty text block"));
    }
    let mut events: Option<usize> = None;
    let mut blocks: Vec<Expected> = Vec::new();
    let mut current: Expected = Vec::new();
    let mut block_line = d.expect.first().map(|l| l.0).unwrap_or(d.line);
    for (idx, (n, line)) in d.expect.iter().enumerate() {
        if idx == 0 {
            match line
                .strip_prefix("events:")
                .map(|v| v.trim().parse::<usize>())
            {
                Some(Ok(v)) => events = Some(v),
                _ => errors.push(err(*n, "first expect line must be `events: N`")),
            }
            continue;
        }
        if line.trim().is_empty() {
            errors.push(err(*n, "blank line inside the expect block"));
            continue;
        }
        if line == "---" {
            if current.is_empty() {
                errors.push(err(*n, "empty expected-event block"));
            }
            blocks.push(std::mem::take(&mut current));
            block_line = *n;
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            errors.push(err(*n, &format!("expected `field: value`, got `{line}`")));
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        if !FIELDS.contains(&key) {
            errors.push(err(*n, &format!("unknown field `{key}`")));
            continue;
        }
        if current.iter().any(|(k, _)| k == key) {
            errors.push(err(*n, &format!("field `{key}` repeated in one block")));
        }
        if key == "actors" && (current.iter().any(|(k, _)| k == "actor1" || k == "actor2")) {
            errors.push(err(*n, "`actors` cannot be combined with actor1/actor2"));
        }
        if (key == "actor1" || key == "actor2") && current.iter().any(|(k, _)| k == "actors") {
            errors.push(err(*n, "`actors` cannot be combined with actor1/actor2"));
        }
        if let Err(m) = validate_value(key, value) {
            errors.push(err(*n, &m));
        }
        current.push((key.to_string(), value.to_string()));
    }
    if !current.is_empty() {
        blocks.push(current);
    } else if !blocks.is_empty() {
        errors.push(err(block_line, "trailing `---` with no block after it"));
    }
    for b in &blocks {
        let get = |k: &str| b.iter().find(|(f, _)| f == k).map(|(_, v)| v.as_str());
        if let (Some(t), Some(s)) = (get("event_type"), get("sub_event_type")) {
            if !TAXONOMY.iter().any(|x| x.0 == t && x.1 == s) {
                errors.push(err(
                    block_line,
                    &format!("sub_event_type `{s}` does not belong to `{t}`"),
                ));
            }
        }
    }
    let events = events.unwrap_or(0);
    if blocks.len() != events {
        errors.push(err(
            d.line,
            &format!(
                "case `{}`: events: {events} but {} expected-event blocks",
                d.name,
                blocks.len()
            ),
        ));
    }
    let Some(published) = d.published else {
        errors.push(err(d.line, "missing published date"));
        return Err(errors);
    };
    if errors.is_empty() {
        Ok(Case {
            name: d.name.clone(),
            file: file.to_string(),
            line: d.line,
            published,
            text,
            events,
            expected: blocks,
            fixme: d.fixme.clone(),
        })
    } else {
        Err(errors)
    }
}

/// The value of one field of an output event, as a string.
fn field(ev: &Event, key: &str) -> String {
    match key {
        "event_date" => ev.event_date.map(|d| d.to_string()).unwrap_or_default(),
        "time_precision" => ev.time_precision.to_string(),
        "event_type" => ev.event_type.clone(),
        "sub_event_type" => ev.sub_event_type.clone(),
        "actor1" => ev.actor1.clone(),
        "actor2" => ev.actor2.clone(),
        "actors" => [ev.actor1.as_str(), ev.actor2.as_str()]
            .iter()
            .filter(|a| !a.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("; "),
        "inter1" => ev.inter1.to_string(),
        "inter2" => ev.inter2.to_string(),
        "interaction" => ev.interaction.to_string(),
        "civilian_targeting" => ev.civilian_targeting.clone(),
        "country" => ev.country.clone(),
        "admin1" => ev.admin1.clone(),
        "admin2" => ev.admin2.clone(),
        "location" => ev.location.clone(),
        "geo_precision" => ev.geo_precision.to_string(),
        "fatalities" => ev.fatalities.to_string(),
        "assoc_actor_1" => ev.assoc_actor_1.clone(),
        "assoc_actor_2" => ev.assoc_actor_2.clone(),
        _ => String::new(),
    }
}

fn actor_set(s: &str) -> BTreeSet<String> {
    s.split(';')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether one field matches.
fn field_matches(ev: &Event, key: &str, want: &str) -> bool {
    let got = field(ev, key);
    if NUMERIC.contains(&key) {
        return got.trim().parse::<i64>().ok() == want.trim().parse::<i64>().ok();
    }
    if key == "actors" {
        return actor_set(&got) == actor_set(want);
    }
    got.trim() == want.trim()
}

/// Fields of `exp` that `ev` gets wrong, as `key: want X, got Y`.
fn mismatches(ev: &Event, exp: &Expected) -> Vec<String> {
    exp.iter()
        .filter(|(k, v)| !field_matches(ev, k, v))
        .map(|(k, v)| format!("{k}: want `{v}`, got `{}`", field(ev, k)))
        .collect()
}

/// Assign expected blocks to distinct output events (bipartite matching by augmenting paths).
/// Returns, for each block, the index of its event or `None`.
fn assign(ok: &[Vec<bool>], n_events: usize) -> Vec<Option<usize>> {
    fn try_block(
        b: usize,
        ok: &[Vec<bool>],
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for e in 0..owner.len() {
            if ok[b][e] && !seen[e] {
                seen[e] = true;
                let free = match owner[e] {
                    None => true,
                    Some(o) => try_block(o, ok, seen, owner),
                };
                if free {
                    owner[e] = Some(b);
                    return true;
                }
            }
        }
        false
    }
    let mut owner: Vec<Option<usize>> = vec![None; n_events];
    for b in 0..ok.len() {
        let mut seen = vec![false; n_events];
        try_block(b, ok, &mut seen, &mut owner);
    }
    let mut out = vec![None; ok.len()];
    for (e, o) in owner.iter().enumerate() {
        if let Some(b) = o {
            out[*b] = Some(e);
        }
    }
    out
}

fn interaction(i1: u8, i2: u8) -> u8 {
    if i2 == 0 {
        i1 * 10
    } else {
        10 * i1.min(i2) + i1.max(i2)
    }
}

/// Codebook invariants every output event must satisfy (section 7 and the evidence contract).
fn invariants(case: &Case, ev: &Event) -> Vec<String> {
    let mut out = Vec::new();
    let text = &case.text;
    for e in &ev.evidence {
        let ok = e.start <= e.end
            && e.end <= text.len()
            && text.is_char_boundary(e.start)
            && text.is_char_boundary(e.end)
            && text[e.start..e.end] == e.text;
        if !ok {
            out.push(format!(
                "evidence for `{}` ({}..{}, rule {}) does not match the text: {:?}",
                e.field, e.start, e.end, e.rule, e.text
            ));
        }
    }
    if ev.interaction != interaction(ev.inter1, ev.inter2) {
        out.push(format!(
            "interaction {} != formula({}, {}) = {}",
            ev.interaction,
            ev.inter1,
            ev.inter2,
            interaction(ev.inter1, ev.inter2)
        ));
    }
    match TAXONOMY
        .iter()
        .find(|t| t.0 == ev.event_type && t.1 == ev.sub_event_type)
    {
        None => out.push(format!(
            "`{}` / `{}` is not a pair of table 2.2",
            ev.event_type, ev.sub_event_type
        )),
        Some(t) if t.2 != ev.disorder_type => out.push(format!(
            "disorder_type `{}` but `{}` needs `{}`",
            ev.disorder_type, t.1, t.2
        )),
        Some(_) => {}
    }
    if ev.actor1.is_empty() {
        out.push("actor1 is empty".into());
    }
    match ev.event_type.as_str() {
        "Violence against civilians" => {
            if ev.inter2 != 7 {
                out.push(format!(
                    "Violence against civilians with inter2 {}",
                    ev.inter2
                ));
            }
            if ev.civilian_targeting != "Civilians targeted" {
                out.push("Violence against civilians without `Civilians targeted`".into());
            }
        }
        "Battles" => {
            if ev.actor2.is_empty() {
                out.push("Battles with an empty actor2".into());
            }
            if !ev.civilian_targeting.is_empty() {
                out.push("Battles with civilian_targeting set".into());
            }
        }
        "Protests" if ev.inter1 != 6 => out.push(format!("Protests with inter1 {}", ev.inter1)),
        "Riots" if ev.inter1 != 5 && ev.inter2 != 5 => {
            out.push("Riots without a Rioters actor (inter 5)".into())
        }
        "Strategic developments" if !ev.civilian_targeting.is_empty() => {
            out.push("Strategic developments with civilian_targeting set".into())
        }
        _ => {}
    }
    match ev.event_date {
        None => out.push("event_date missing".into()),
        Some(d) => {
            if ev.year != d.year() {
                out.push(format!("year {} != event_date year {}", ev.year, d.year()));
            }
            if d > case.published {
                out.push(format!("event_date {d} after published {}", case.published));
            }
        }
    }
    if !(1..=3).contains(&ev.geo_precision) {
        out.push(format!("geo_precision {} not in 1..=3", ev.geo_precision));
    }
    if !(1..=3).contains(&ev.time_precision) {
        out.push(format!("time_precision {} not in 1..=3", ev.time_precision));
    }
    out
}

/// One line per event, for failure reports.
fn dump(ev: &Event) -> String {
    let date = ev.event_date.map(|d| d.to_string()).unwrap_or_default();
    let assoc = |a: &str| {
        if a.is_empty() {
            String::new()
        } else {
            format!(" (+{a})")
        }
    };
    format!(
        "{date}/tp{} | {} / {} | {} [{}]{} vs {} [{}]{} | int {} | civ `{}` | {} / {} / {} / {} gp{} | fat {}",
        ev.time_precision,
        ev.event_type,
        ev.sub_event_type,
        ev.actor1,
        ev.inter1,
        assoc(&ev.assoc_actor_1),
        ev.actor2,
        ev.inter2,
        assoc(&ev.assoc_actor_2),
        ev.interaction,
        ev.civilian_targeting,
        ev.country,
        ev.admin1,
        ev.admin2,
        ev.location,
        ev.geo_precision,
        ev.fatalities
    )
}

/// Run one case; `Err` holds the failure report.
fn check(engine: &Engine, case: &Case) -> Result<(), String> {
    let doc = Document {
        id: case.name.clone(),
        text: case.text.clone(),
        published: Some(case.published),
        ..Default::default()
    };
    let got = engine.extract(&doc).events;
    let mut problems: Vec<String> = Vec::new();
    if got.len() != case.events {
        problems.push(format!("events: want {}, got {}", case.events, got.len()));
    }
    let ok: Vec<Vec<bool>> = case
        .expected
        .iter()
        .map(|b| got.iter().map(|ev| mismatches(ev, b).is_empty()).collect())
        .collect();
    let assigned = assign(&ok, got.len());
    for (bi, (block, slot)) in case.expected.iter().zip(&assigned).enumerate() {
        if slot.is_some() {
            continue;
        }
        let what = block
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", ");
        let closest = got
            .iter()
            .enumerate()
            .map(|(i, ev)| (i, mismatches(ev, block)))
            .min_by_key(|(_, m)| m.len());
        match closest {
            Some((i, m)) => problems.push(format!(
                "expected event #{} not found [{what}]; closest is output #{i}: {}",
                bi + 1,
                m.join("; ")
            )),
            None => problems.push(format!("expected event #{} not found [{what}]", bi + 1)),
        }
    }
    for (i, ev) in got.iter().enumerate() {
        for p in invariants(case, ev) {
            problems.push(format!("output #{i} breaks an invariant: {p}"));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    let mut report = format!(
        "--- {} ({}:{}, published {})\n",
        case.name, case.file, case.line, case.published
    );
    for p in &problems {
        let _ = writeln!(report, "  {p}");
    }
    if got.is_empty() {
        report.push_str("  output: no events\n");
    } else {
        report.push_str("  output:\n");
        for (i, ev) in got.iter().enumerate() {
            let _ = writeln!(report, "    #{i} {}", dump(ev));
        }
    }
    Err(report)
}

fn cases_or_panic() -> Vec<Case> {
    match load_cases() {
        Ok(c) => c,
        Err(errors) => panic!(
            "{} malformed case file line(s):\n{}",
            errors.len(),
            errors.join("\n")
        ),
    }
}

#[test]
fn extraction_cases() {
    let cases = cases_or_panic();
    let filter = std::env::var("HARMATTAN_CASE")
        .ok()
        .filter(|f| !f.is_empty());
    let engine = match Engine::new(&EngineData::builtin()) {
        Ok(e) => e,
        Err(e) => panic!("engine does not build from the builtin data: {e}"),
    };
    let mut run = 0;
    let mut known = 0;
    let mut failures = Vec::new();
    for case in &cases {
        if let Some(f) = &filter {
            if !case.name.contains(f.as_str()) {
                continue;
            }
        }
        run += 1;
        match (check(&engine, case), &case.fixme) {
            (Err(report), None) => failures.push(report),
            (Ok(()), Some(_)) => failures.push(format!(
                "--- {} ({}:{}) passes now: remove its `fixme:` line\n",
                case.name, case.file, case.line
            )),
            (Err(_), Some(_)) => known += 1,
            (Ok(()), None) => {}
        }
    }
    eprintln!("{} cases, {known} known gaps marked fixme", run);
    if let Some(f) = &filter {
        assert!(run > 0, "HARMATTAN_CASE=`{f}` matches no case");
    }
    if !failures.is_empty() {
        eprintln!("{}", failures.join("\n"));
        panic!("{} of {run} extraction cases failed", failures.len());
    }
}

#[test]
fn suite_has_enough_coverage() {
    // known gaps (fixme) do not count: coverage means cases the engine passes
    let all = cases_or_panic();
    let cases: Vec<&Case> = all.iter().filter(|c| c.fixme.is_none()).collect();
    assert!(
        cases.len() >= 60,
        "only {} passing cases (want >= 60)",
        cases.len()
    );
    let types: BTreeSet<&str> = cases
        .iter()
        .flat_map(|c| c.expected.iter())
        .flat_map(|b| b.iter())
        .filter(|(k, _)| k == "event_type")
        .map(|(_, v)| v.as_str())
        .collect();
    for t in EVENT_TYPES {
        assert!(types.contains(t), "no case expects event_type `{t}`");
    }
    let multi = cases.iter().filter(|c| c.events >= 2).count();
    assert!(multi >= 5, "only {multi} multi-event cases (want >= 5)");
    let background = cases.iter().filter(|c| c.events == 0).count();
    assert!(
        background >= 5,
        "only {background} background-only cases (want >= 5)"
    );
}

#[test]
fn parser_rejects_malformed_files() {
    let good =
        "## a\npublished: 2024-01-02\n\n```text\nSome text.\n```\n\n```expect\nevents: 0\n```\n";
    assert_eq!(parse_file("t.md", good).map(|c| c.len()), Ok(1));
    let bad: &[(&str, &str)] = &[
        ("## a\n```text\nx\n```\n```expect\nevents: 0\n```\n", "t.md:2"),
        (
            "## a\npublished: 2024-01-02\n```text\nx\n```\n```expect\nevents: 1\n```\n",
            "t.md:1",
        ),
        (
            "## a\npublished: 2024-01-02\n```text\nx\n```\n```expect\nevents: 1\nfatality: 2\n```\n",
            "t.md:8",
        ),
        (
            "## a\npublished: 2024-01-02\n```text\nx\n```\n```expect\nevents: 1\nfatalities: two\n```\n",
            "t.md:8",
        ),
        ("## a\npublished: 2024-01-02\n```text\nx\n", "t.md:1"),
        (
            "## a\npublished: 2024-01-02\n```text\nx\n```\n```expect\nevents: 0\n```\nstray\n",
            "t.md:9",
        ),
    ];
    for (src, at) in bad {
        match parse_file("t.md", src) {
            Ok(_) => panic!("accepted malformed case file:\n{src}"),
            Err(e) => assert!(
                e.iter().any(|m| m.starts_with(&format!("{at}:"))),
                "error for\n{src}\nshould name {at}, got {e:?}"
            ),
        }
    }
}
