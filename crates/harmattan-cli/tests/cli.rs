//! Integration tests: run the built `harmattan` binary on files written here.
//!
//! The engine is still being written, so these tests check structure (exit codes, messages,
//! headers, JSON keys) and hold whether or not events are found.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const ACLED_HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

const ARTICLE: &str = "Gunmen kill 12 villagers in central Mali\n\nUnidentified gunmen killed 12 villagers in Boni, in the Mopti region of Mali, on Sunday, a local official said. Several houses were burned.\n";

/// A fresh temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "harmattan-cli-test-{}-{}-{tag}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
    fn write(&self, name: &str, data: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, data).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn harmattan(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_harmattan"));
    // a data directory with nothing imported: a developer's own gazetteers stay out
    cmd.args(args)
        .env(
            "HARMATTAN_DATA",
            std::env::temp_dir().join("harmattan-cli-tests-no-imports"),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run harmattan");
    {
        let mut pipe = child.stdin.take().unwrap();
        if let Some(data) = stdin {
            pipe.write_all(data).unwrap();
        }
    }
    child.wait_with_output().unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `harmattan eval --gold GOLD --json JSON --errors ERRS` plus `extra` arguments.
fn eval_to(gold: &Path, json: &Path, errs: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "eval",
        "--gold",
        s(gold),
        "--json",
        s(json),
        "--errors",
        s(errs),
    ];
    args.extend_from_slice(extra);
    harmattan(&args, None)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn read_json(p: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// One JSON value per line of a JSONL file.
fn read_jsonl(p: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(p)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The summary line's numbers: (documents, events, errors).
fn summary(o: &Output) -> (usize, usize, usize) {
    let err = stderr(o);
    let line = err
        .lines()
        .rev()
        .find(|l| l.contains(" documents, "))
        .unwrap_or_else(|| panic!("no summary line in stderr:\n{err}"));
    let nums: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .map(|t| t.parse().unwrap())
        .collect();
    assert_eq!(nums.len(), 3, "{line}");
    assert_eq!(
        line,
        format!(
            "{} documents, {} events, {} errors",
            nums[0], nums[1], nums[2]
        )
    );
    (nums[0], nums[1], nums[2])
}

/// Every stdout line is a JSON event with ACLED's columns first, in order, then provenance.
/// Returns the number of events.
fn check_jsonl_events(out: &str, docs: &[&str]) -> usize {
    let mut n = 0;
    for line in out.lines() {
        assert!(line.starts_with("{\"event_id_cnty\":"), "{line}");
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let obj = v.as_object().unwrap();
        for key in ACLED_HEADER.split(',') {
            assert!(obj.contains_key(key), "missing {key}");
        }
        let mut pos = 0;
        let extra = ["document_id", "confidence", "fatality_basis", "evidence"];
        for key in ACLED_HEADER.split(',').chain(extra) {
            let needle = format!("\"{key}\":");
            pos += line[pos..].find(&needle).expect("key order") + needle.len();
        }
        let date = v["event_date"].as_str().unwrap_or("");
        assert!(
            date.is_empty() || (date.len() == 10 && &date[4..5] == "-" && &date[7..8] == "-"),
            "{date}"
        );
        for ev in v["evidence"].as_array().unwrap() {
            for key in ["field", "start", "end", "text", "rule"] {
                assert!(ev.get(key).is_some(), "evidence without {key}");
            }
        }
        let id = v["document_id"].as_str().unwrap();
        assert!(docs.contains(&id), "unexpected document_id {id}");
        n += 1;
    }
    n
}

#[test]
fn extract_txt() {
    let t = TempDir::new("txt");
    let f = t.write("article.txt", ARTICLE);
    let o = harmattan(&["extract", "--published", "2021-03-15", s(&f)], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (docs, events, errors) = summary(&o);
    assert_eq!((docs, errors), (1, 0));
    assert_eq!(check_jsonl_events(&stdout(&o), &["article.txt"]), events);
    assert!(!stderr(&o).contains("today"), "--published was given");
}

#[test]
fn extract_without_date_says_today_once() {
    let t = TempDir::new("today");
    let a = t.write("a.txt", ARTICLE);
    let b = t.write("b.txt", ARTICLE);
    let o = harmattan(&["extract", s(&a), s(&b)], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o).matches("today").count(), 1, "{}", stderr(&o));
    assert_eq!(summary(&o).0, 2);
}

#[test]
fn extract_jsonl() {
    let t = TempDir::new("jsonl");
    let f = t.write(
        "news.jsonl",
        concat!(
            "{\"id\":\"a1\",\"title\":\"Attack\",\"text\":\"Gunmen killed 5 civilians near Djibo, Burkina Faso, on Saturday.\",\"published\":\"2021-03-15\",\"source\":\"Wire\",\"url\":\"https://example.org/a1\"}\n",
            "\n",
            "{\"text\":\"Soldiers clashed with militants in Tillaberi, Niger; three soldiers died.\",\"published\":\"2021-03-16 08:30\"}\n",
        ),
    );
    let o = harmattan(&["extract", s(&f)], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (docs, events, errors) = summary(&o);
    assert_eq!((docs, errors), (2, 0));
    assert!(!stderr(&o).contains("today"), "every line has a date");
    assert_eq!(
        check_jsonl_events(&stdout(&o), &["a1", "news.jsonl:3"]),
        events
    );
}

#[test]
fn extract_directory() {
    let t = TempDir::new("dir");
    t.write("b.txt", ARTICLE);
    t.write(
        "a.jsonl",
        "{\"id\":\"x\",\"text\":\"Protesters marched in Niamey.\"}\n{\"id\":\"y\",\"text\":\"Two soldiers were killed in Gao, Mali.\"}\n",
    );
    t.write("notes.md", "not an input");
    t.write(".hidden.txt", ARTICLE);
    t.write("sub/c.txt", ARTICLE);
    let o = harmattan(&["extract", "--published", "2021-01-10", s(&t.0)], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (docs, events, errors) = summary(&o);
    assert_eq!((docs, errors), (4, 0));
    let sub = format!("sub{}c.txt", std::path::MAIN_SEPARATOR);
    assert_eq!(
        check_jsonl_events(&stdout(&o), &["b.txt", "x", "y", &sub]),
        events
    );
}

#[test]
fn extract_stdin_text_and_jsonl() {
    let o = harmattan(
        &["extract", "--published", "2021-03-15", "-"],
        Some(ARTICLE.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (docs, events, _) = summary(&o);
    assert_eq!(docs, 1);
    assert_eq!(check_jsonl_events(&stdout(&o), &["<stdin>"]), events);

    let o = harmattan(
        &["extract", "-"],
        Some(b"\n  {\"id\":\"s1\",\"text\":\"Gunmen killed two traders in Gao, Mali.\",\"published\":\"2021-02-01\"}\n{\"text\":\"Protest in Bamako.\",\"published\":\"2021-02-02\"}\n"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (docs, events, _) = summary(&o);
    assert_eq!(docs, 2);
    assert_eq!(
        check_jsonl_events(&stdout(&o), &["s1", "<stdin>:3"]),
        events
    );

    let o = harmattan(&["extract", "-"], Some(b"  \n"));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("<stdin>: empty"), "{}", stderr(&o));
}

#[test]
fn extract_csv_header() {
    let t = TempDir::new("csv");
    let f = t.write("article.txt", ARTICLE);
    let o = harmattan(
        &[
            "extract",
            "--format",
            "csv",
            "--published",
            "2021-03-15",
            s(&f),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().next(), Some(ACLED_HEADER));
    assert_eq!(ACLED_HEADER.split(',').count(), 31);
    let (_, events, _) = summary(&o);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let mut n = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        assert_eq!(rec.len(), 31);
        n += 1;
    }
    assert_eq!(n, events);
}

#[test]
fn extract_output_file() {
    let t = TempDir::new("out");
    let f = t.write("article.txt", ARTICLE);
    let out = t.path("events.csv");
    let o = harmattan(
        &[
            "extract",
            "--format",
            "csv",
            "-o",
            s(&out),
            "--published",
            "2021-03-15",
            s(&f),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written.lines().next(), Some(ACLED_HEADER));
}

#[test]
fn extract_bad_inputs_reported_and_batch_continues() {
    let t = TempDir::new("bad");
    let good = t.write("good.txt", ARTICLE);
    let missing = t.path("missing.txt");
    let latin1 = t.write("latin1.txt", b"Attaque \xe0 Gao\n");
    let empty = t.write("empty.txt", "");
    let big = t.path("big.txt");
    {
        // 20 MB, sparse: the size check must come before any read
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(20 * 1024 * 1024).unwrap();
    }
    let jsonl = t.write(
        "mixed.jsonl",
        concat!(
            "{\"id\":\"ok1\",\"text\":\"Gunmen killed two people in Gao, Mali.\"}\n",
            "{\"id\":\"broken\",\"text\":\n",
            "{\"id\":\"notext\",\"title\":\"no body\"}\n",
            "{\"id\":\"ok2\",\"text\":\"Protesters marched in Niamey.\"}\n",
        ),
    );
    let good2 = t.write("zz-good.txt", ARTICLE);
    let o = harmattan(
        &[
            "extract",
            "--published",
            "2021-03-15",
            s(&good),
            s(&missing),
            s(&latin1),
            s(&empty),
            s(&big),
            s(&jsonl),
            s(&good2),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let has_line = |needles: &[&str]| err.lines().any(|l| needles.iter().all(|n| l.contains(n)));
    assert!(has_line(&["missing.txt"]), "{err}");
    assert!(has_line(&["latin1.txt", "UTF-8"]), "{err}");
    assert!(has_line(&["empty.txt", "empty"]), "{err}");
    assert!(has_line(&["big.txt", "16 MiB"]), "{err}");
    assert!(has_line(&["mixed.jsonl:2:", "JSON"]), "{err}");
    assert!(has_line(&["mixed.jsonl:3:", "text"]), "{err}");
    let (docs, events, errors) = summary(&o);
    assert_eq!((docs, errors), (4, 6), "{err}");
    assert_eq!(
        check_jsonl_events(&stdout(&o), &["good.txt", "ok1", "ok2", "zz-good.txt"]),
        events
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["extract", "--format", "xml", "x.txt"][..],
        &["extract", "--published", "15/03/2021", "x.txt"],
        &["extract"],
        &["eval"],
        &["bench", "--min-mb", "lots"],
        &["frobnicate"],
    ] {
        let o = harmattan(args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn gazetteer_report() {
    let t = TempDir::new("gaz");
    let gaz = t.write(
        "places.csv",
        "name,country,latitude,longitude,admin1,admin2\nBoni,Mali,15.0333,-1.9,Mopti,Douentza\nNowhere,Atlantis,999,999,,\n",
    );
    let f = t.write("article.txt", ARTICLE);
    let o = harmattan(
        &[
            "extract",
            "--published",
            "2021-03-15",
            "--gazetteer",
            s(&gaz),
            s(&f),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    let prefix = format!("gazetteer {}: ", gaz.display());
    let line = err
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains(" places added, ") && line.ends_with(" rows skipped"),
        "{line}"
    );

    let o = harmattan(
        &["extract", "--gazetteer", s(&t.path("nope.csv")), s(&f)],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nope.csv"));
}

const GOLD_CSV: &str = "\
event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities
TST1,2021-03-14,2021,1,Violence against civilians,Attack,Unidentified Armed Group (Mali),,3,Civilians (Mali),,7,37,Civilians targeted,466,Mali,Mopti,Douentza,Boni,Boni,15.0333,-1.9000,1,Test,National,\"On 14 March 2021, unidentified gunmen killed 12 villagers in Boni (Douentza, Mopti). Houses were burned.\",12
TST2,16 February 2021,2021,1,Battles,Armed clash,Military Forces of Burkina Faso (2015-2022),,1,JNIM: Group for Support of Islam and Muslims,,2,12,,854,Burkina Faso,Sahel,Soum,Djibo,Djibo,14.1011,-1.6279,1,Test,National,\"On 16 February 2021, soldiers clashed with JNIM militants near Djibo. Three soldiers were killed.\",3
TST3,16-Feb-21,2021,1,Protests,Peaceful protest,Protesters (Niger),,6,,,0,60,,562,Niger,Niamey,Niamey,Niamey I,Niamey,13.5137,2.1098,1,Test,National,\"On 16 February 2021, students marched peacefully in Niamey to demand better conditions.\",0
";

fn check_keys(v: &serde_json::Value, keys: &[&str]) {
    let obj = v.as_object().expect("object");
    let mut got: Vec<&str> = obj.keys().map(String::as_str).collect();
    let mut want: Vec<&str> = keys.to_vec();
    want.sort_unstable();
    got.sort_unstable();
    assert_eq!(got, want);
}

fn check_fraction(v: &serde_json::Value) {
    let f = v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"));
    assert!((0.0..=1.0).contains(&f), "{f}");
}

#[test]
fn eval_acled_csv() {
    let t = TempDir::new("eval-acled");
    let gold = t.write("gold.csv", GOLD_CSV);
    let json = t.path("out.json");
    let md = t.path("out.md");
    let errs = t.path("errors.jsonl");
    let o = eval_to(&gold, &json, &errs, &["--markdown", s(&md), "-j", "2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("event_type") && out.contains("accuracy"),
        "{out}"
    );
    assert!(out.contains("confusion") && out.contains("(none)"), "{out}");
    let v = read_json(&json);
    check_keys(
        &v,
        &[
            "rows",
            "detected",
            "fields",
            "coords_within_10km",
            "coords_within_50km",
            "median_km",
            "ceiling",
        ],
    );
    assert_eq!(v["rows"], 3);
    check_fraction(&v["detected"]);
    check_fraction(&v["coords_within_10km"]);
    check_fraction(&v["coords_within_50km"]);
    assert!(v["median_km"].is_null() || v["median_km"].as_f64().unwrap() >= 0.0);
    let fields = [
        "event_type",
        "sub_event_type",
        "actor1",
        "actors",
        "inter1",
        "country",
        "admin1",
        "admin2",
        "location",
        "fatalities",
        "event_date",
    ];
    check_keys(&v["fields"], &fields);
    for f in fields {
        check_fraction(&v["fields"][f]);
    }
    let md = std::fs::read_to_string(&md).unwrap();
    assert!(
        md.contains("| field | correct | scored | accuracy |"),
        "{md}"
    );
    let lines = read_jsonl(&errs);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "TST1");

    // one thread gives the same answer; --limit scores fewer rows
    let json1 = t.path("one.json");
    let o = harmattan(
        &["eval", "--gold", s(&gold), "--json", s(&json1), "-j", "1"],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&json).unwrap(),
        std::fs::read_to_string(&json1).unwrap()
    );
    let o = harmattan(
        &[
            "eval",
            "--gold",
            s(&gold),
            "--limit",
            "2",
            "--json",
            s(&json1),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read_json(&json1)["rows"], 2);
}

/// The ceiling tells gazetteer coverage from choice errors: a place the text does not name,
/// or names but the gazetteer does not know, cannot be reached by any geocoder.
#[test]
fn eval_ceiling_tells_coverage_from_choice() {
    let t = TempDir::new("eval-ceiling");
    let head = GOLD_CSV.lines().next().unwrap();
    let gold = t.write(
        "gold.csv",
        format!(
            "{head}
C1,2021-02-16,2021,1,Battles,Armed clash,Military Forces of Burkina Faso (2015-2022),,1,JNIM: Group for Support of Islam and Muslims,,2,12,,854,Burkina Faso,Sahel,Soum,Djibo,Djibo,14.1011,-1.6279,1,Test,National,\"On 16 February 2021, soldiers clashed with militants near Djibo.\",0
C2,2021-02-16,2021,1,Battles,Armed clash,Military Forces of Mali (2021-),,1,Unidentified Armed Group (Mali),,3,13,,466,Mali,Mopti,Douentza,,Qzxwertabougou,15.0,-2.0,1,Test,National,\"On 16 February 2021, soldiers clashed with gunmen in Qzxwertabougou.\",0
C3,2021-02-16,2021,1,Battles,Armed clash,Military Forces of Mali (2021-),,1,Unidentified Armed Group (Mali),,3,13,,466,Mali,Mopti,Douentza,,Boni,15.0333,-1.9,2,Test,National,\"On 16 February 2021, soldiers clashed with gunmen in a village of central Mali.\",0
"
        ),
    );
    let json = t.path("out.json");
    let errs = t.path("errors.jsonl");
    let o = eval_to(&gold, &json, &errs, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("ceiling"), "{}", stdout(&o));
    let c = &read_json(&json)["ceiling"];
    let third = |k: &str, n: f64| {
        let f = c[k].as_f64().unwrap_or_else(|| panic!("{k}: {c}"));
        assert!((f - n / 3.0).abs() < 1e-9, "{k}: {c}");
    };
    third("location_in_text", 2.0);
    third("location_reachable", 1.0);
    third("admin1_reachable", 1.0);
    third("admin2_reachable", 1.0);
    third("coords_within_10km_reachable", 1.0);
    let rows = read_jsonl(&errs);
    let row = |i: usize, k: &str| rows[i]["ceiling"][k].as_bool().unwrap();
    assert!(
        row(0, "location_in_text") && row(0, "location_reachable") && row(0, "admin1_reachable")
    );
    assert!(
        row(1, "location_in_text") && !row(1, "location_reachable") && !row(1, "admin1_reachable")
    );
    assert!(!row(2, "location_in_text") && !row(2, "location_reachable"));
}

#[test]
fn eval_acled_missing_columns_not_scored() {
    let t = TempDir::new("eval-cols");
    let gold = t.write(
        "gold.csv",
        "event_id_cnty,event_date,event_type,country,notes,fatalities\nT1,2021-03-14,Battles,Mali,\"On 14 March 2021, soldiers clashed with militants near Gao, Mali; two died.\",2\n",
    );
    let json = t.path("out.json");
    let o = harmattan(&["eval", "--gold", s(&gold), "--json", s(&json)], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = read_json(&json);
    check_keys(&v, &["rows", "detected", "fields"]);
    check_keys(
        &v["fields"],
        &["event_type", "country", "fatalities", "event_date"],
    );
    assert_eq!(v["rows"], 1);
}

#[test]
fn eval_ucdp_jsonl() {
    let t = TempDir::new("eval-ucdp");
    let gold = t.write(
        "gold.jsonl",
        concat!(
            "{\"id\": 1, \"source_article\": \"Gunmen kill four in Borno\\nGunmen killed four farmers in Gwoza, Borno state, Nigeria, on Tuesday, police said.\", \"source_date\": \"2021-03-17 09:00\", \"start_date\": \"2021-03-16\", \"end_date\": \"2021-03-16\", \"deaths_low\": 4, \"deaths_high\": 4, \"side_a_name\": \"IS\", \"side_b_name\": \"Civilians\", \"location_root_name\": \"Nigeria\", \"location_adm1_name\": \"Borno state\", \"location_adm2_name\": \"Gwoza district\", \"location_where_name\": \"Gwoza town\"}\n",
            "{\"id\": 2, \"source_article\": \"Clashes in Kivu\\nTwo soldiers died in fighting with rebels near Beni, in North Kivu province, on Sunday.\", \"source_date\": \"2021-05-03 12:00\", \"start_date\": \"2021-05-02\", \"end_date\": \"2021-05-02\", \"deaths_low\": 2, \"deaths_high\": 3, \"side_a_name\": \"Government of DR Congo (Zaire)\", \"side_b_name\": \"ADF\", \"location_root_name\": \"DR Congo (Zaire)\", \"location_adm1_name\": \"Nord Kivu province\", \"location_adm2_name\": \"\", \"location_where_name\": \"\"}\n",
        ),
    );
    let json = t.path("out.json");
    let errs = t.path("errors.jsonl");
    let md = t.path("out.md");
    let o = eval_to(&gold, &json, &errs, &["--markdown", s(&md)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = read_json(&json);
    check_keys(&v, &["rows", "fields", "extra_per_article"]);
    assert_eq!(v["rows"], 2);
    let fields = ["found", "deaths", "country", "adm1", "where", "date"];
    check_keys(&v["fields"], &fields);
    for f in fields {
        check_fraction(&v["fields"][f]);
    }
    assert!(v["extra_per_article"].as_f64().unwrap() >= 0.0);
    assert_eq!(std::fs::read_to_string(&errs).unwrap().lines().count(), 2);
    assert!(std::fs::read_to_string(&md).unwrap().contains("| found |"));
}

#[test]
fn eval_bad_gold_reported() {
    let t = TempDir::new("eval-bad");
    let gold = t.write(
        "gold.jsonl",
        "{\"id\": 1, \"source_article\": \"x\", \"start_date\": \"2021-01-01\", \"end_date\": \"2021-01-01\", \"location_root_name\": \"Mali\"}\n{oops\n",
    );
    let o = harmattan(&["eval", "--gold", s(&gold)], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("gold.jsonl:2:"), "{}", stderr(&o));
    let o = harmattan(&["eval", "--gold", s(&t.path("none.csv"))], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("none.csv"));
}

#[test]
fn bench_small() {
    let t = TempDir::new("bench");
    let json = t.path("bench.json");
    let o = harmattan(&["bench", "--min-mb", "0.2", "--json", s(&json)], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for label in ["documents/s", "MB/s", "total time", "peak memory"] {
        assert!(out.contains(label), "{out}");
    }
    let v = read_json(&json);
    assert!(v["bytes"].as_u64().unwrap() >= 200_000);
    assert!(v["documents"].as_u64().unwrap() >= 50);
    assert!(v["docs_per_s"].as_f64().unwrap() > 0.0);
    assert_eq!(v["threads"], 1);

    let corpus = t.write(
        "corpus.jsonl",
        "{\"text\":\"Gunmen killed two people in Gao, Mali, on Monday.\"}\n",
    );
    let o = harmattan(&["bench", "--min-mb", "0.01", "--corpus", s(&corpus)], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("documents/s"));
}
