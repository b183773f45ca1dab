//! Store, ingest and fusion, end to end: the built `harmattan` binary on files written here,
//! a real SQLite file, and a real HTTP server on 127.0.0.1.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use harmattan_store::Store;

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "harmattan-store-test-{}-{}-{tag}",
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
        std::fs::write(&p, data).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn harmattan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_harmattan"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run harmattan")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Exit code 0 or 1 and no panic message: a handled outcome.
fn handled(o: &Output) {
    let err = text(&o.stderr);
    assert!(
        matches!(o.status.code(), Some(0) | Some(1)),
        "exit {:?}: {err}",
        o.status
    );
    assert!(!err.contains("panicked"), "{err}");
}

fn corpus_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fusion-corpus.jsonl")
}

/// B-cubed and pairwise F1 of a clustering against the gold one (item → cluster label).
fn f1_scores(gold: &HashMap<String, String>, pred: &HashMap<String, String>) -> (f64, f64) {
    let items: Vec<&String> = gold.keys().collect();
    let (mut p_sum, mut r_sum) = (0.0, 0.0);
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    for &a in &items {
        let same_pred = items.iter().filter(|&&b| pred[b] == pred[a]);
        let both = same_pred.clone().filter(|&&b| gold[b] == gold[a]).count() as f64;
        let n_pred = same_pred.count() as f64;
        let n_gold = items.iter().filter(|&&b| gold[b] == gold[a]).count() as f64;
        p_sum += both / n_pred;
        r_sum += both / n_gold;
        for &b in &items {
            if a >= b {
                continue;
            }
            match (gold[a] == gold[b], pred[a] == pred[b]) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fneg += 1,
                _ => {}
            }
        }
    }
    let n = items.len() as f64;
    let (p, r) = (p_sum / n, r_sum / n);
    let bcubed = 2.0 * p * r / (p + r);
    let (pp, pr) = (
        tp as f64 / (tp + fp).max(1) as f64,
        tp as f64 / (tp + fneg).max(1) as f64,
    );
    let pairwise = if pp + pr > 0.0 {
        2.0 * pp * pr / (pp + pr)
    } else {
        0.0
    };
    (bcubed, pairwise)
}

#[test]
fn f1_scoring_is_right() {
    let g: HashMap<String, String> = [("a", "1"), ("b", "1"), ("c", "2"), ("d", "2")]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(f1_scores(&g, &g), (1.0, 1.0));
    // everything in one cluster: B-cubed precision 0.5, recall 1
    let one: HashMap<String, String> = g.keys().map(|k| (k.clone(), "x".into())).collect();
    let (b, p) = f1_scores(&g, &one);
    assert!((b - 2.0 / 3.0).abs() < 1e-9, "{b}");
    assert!((p - 0.5).abs() < 1e-9, "{p}");
}

#[test]
fn fusion_corpus_clusters_reports_of_one_incident() {
    let dir = TempDir::new("fusion");
    let db = dir.path("f.db");
    let corpus = corpus_path();
    let o = harmattan(&["ingest", "--db", s(&db), "-v", s(&corpus)]);
    handled(&o);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));

    // gold: the "incident" field of each corpus line
    let mut gold = HashMap::new();
    for line in std::fs::read_to_string(&corpus).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        gold.insert(
            v["id"].as_str().unwrap().to_string(),
            v["incident"].as_str().unwrap().to_string(),
        );
    }
    let incidents: HashSet<&String> = gold.values().collect();
    assert!(incidents.len() >= 15 && gold.len() >= 45);

    let store = Store::open(&db).unwrap();
    let mut pred = HashMap::new();
    for (key, events) in store.document_events().unwrap() {
        // a document with no event is a cluster of its own
        let label = events
            .first()
            .cloned()
            .unwrap_or_else(|| format!("none:{key}"));
        pred.insert(key, label);
    }
    assert_eq!(pred.len(), gold.len());
    let (bcubed, pairwise) = f1_scores(&gold, &pred);
    println!("fusion corpus: {} documents, {} incidents, {} events; B-cubed F1 {bcubed:.3}, pairwise F1 {pairwise:.3}",
        gold.len(), incidents.len(), store.counts().unwrap().events);
    assert!(bcubed >= 0.90, "B-cubed F1 {bcubed:.3}");
    assert!(pairwise >= 0.90, "pairwise F1 {pairwise:.3}");

    // the fused Djibo event: three outlets, the lowest credible toll, a history of three
    let djibo = store
        .events(&harmattan_store::Filter {
            text: Some("Djibo".into()),
            ..Default::default()
        })
        .unwrap();
    let djibo = djibo
        .iter()
        .find(|e| e.event.location == "Djibo")
        .expect("Djibo event");
    assert_eq!(djibo.mentions, 3);
    assert_eq!(djibo.event.fatalities, 12, "{}", djibo.event.notes);
    assert_eq!(djibo.event.source, "Sahel Wire; Radio Ouaga; Le Quotidien");
    assert!(
        djibo.event.event_id_cnty.starts_with("XBFA-"),
        "{}",
        djibo.event.event_id_cnty
    );
    let hist = store.history(&djibo.event.event_id_cnty).unwrap();
    assert_eq!(hist.len(), 3);
    assert!(hist[1]
        .changes
        .iter()
        .any(|c| c.field == "source" && c.new.contains("Radio Ouaga")));
    assert!(hist[1].reason.contains("joined"), "{}", hist[1].reason);
    let h = harmattan(&["history", "--db", s(&db), &djibo.event.event_id_cnty]);
    assert_eq!(h.status.code(), Some(0));
    assert!(
        text(&h.stdout).contains("revision 3"),
        "{}",
        text(&h.stdout)
    );
    drop(store);

    // ingesting the same corpus again changes nothing
    let before = Store::open(&db).unwrap().counts().unwrap();
    let again = harmattan(&["ingest", "--db", s(&db), "-v", s(&corpus)]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(text(&again.stdout), "", "nothing is stored twice");
    assert_eq!(Store::open(&db).unwrap().counts().unwrap(), before);

    // queries and exports
    let csv = harmattan(&[
        "events",
        "--db",
        s(&db),
        "--format",
        "csv",
        "--country",
        "mali",
    ]);
    let out = text(&csv.stdout);
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(rdr.headers().unwrap().len(), 31);
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert!(!rows.is_empty());
    assert!(rows
        .iter()
        .all(|r| &r[17] == "Mali" && r[0].starts_with("XMLI-")));
    let geo = harmattan(&[
        "events",
        "--db",
        s(&db),
        "--format",
        "geojson",
        "--type",
        "Protests",
    ]);
    let g: serde_json::Value = serde_json::from_slice(&geo.stdout).unwrap();
    assert_eq!(g["type"], "FeatureCollection");
    let feats = g["features"].as_array().unwrap();
    assert_eq!(feats.len(), 2, "Dori and Ouahigouya protests");
    for f in feats {
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        assert_eq!(c[0].as_f64(), f["properties"]["longitude"].as_f64());
        assert_eq!(f["properties"]["event_type"], "Protests");
    }
    let jl = harmattan(&[
        "events",
        "--db",
        s(&db),
        "--format",
        "jsonl",
        "--from",
        "2023-06-01",
        "--to",
        "2023-06-30",
        "--actor",
        "unidentified",
    ]);
    let lines: Vec<serde_json::Value> = text(&jl.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "two Bourzanga attacks a week apart");
    assert!(lines.iter().all(|v| v["location"] == "Bourzanga"));
    let table = harmattan(&["events", "--db", s(&db)]);
    assert!(text(&table.stdout).contains(&format!("{} events", before.events)));
}

/// A one-thread HTTP server on 127.0.0.1 serving fixed paths; returns its base URL.
fn serve(routes: Vec<(&'static str, &'static str, String)>, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            let _ = reader.read_line(&mut first);
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                    break;
                }
            }
            let path = first.split(' ').nth(1).unwrap_or("/").to_string();
            let resp = match routes.iter().find(|(p, _, _)| *p == path) {
                Some((_, ctype, body)) => format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                ),
                None => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string(),
            };
            let _ = stream.write_all(resp.as_bytes());
        }
    });
    base
}

const PAGE: &str = r#"<!DOCTYPE html><html><head><title>Gunmen kill 9 in Bandiagara - Mali Hebdo</title>
<meta property="og:site_name" content="Mali Hebdo">
<meta property="article:published_time" content="2023-07-16T09:30:00Z">
<script>window.ads = [1,2,3];</script></head><body>
<nav><ul><li>Home</li><li>Politics</li></ul></nav>
<article><h1>Gunmen kill nine villagers in Bandiagara</h1>
<p>Gunmen killed nine villagers in Bandiagara, in Mali's Mopti region, on Saturday, a local elected official said.</p>
<p>Several houses were burned.</p></article><footer>© Mali Hebdo</footer></body></html>"#;

const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Sahel Wire</title>
<item><title>Soldiers killed near Djibo</title><link>https://wire.example/djibo</link>
<pubDate>Sat, 04 Mar 2023 08:00:00 GMT</pubDate>
<description>&lt;p&gt;JNIM militants attacked a military post in Djibo, in Burkina Faso's Sahel region, on Friday, killing 12 soldiers, security sources said.&lt;/p&gt;</description></item>
<item><title>Protest in Dori</title><link>https://wire.example/dori</link>
<pubDate>Mon, 03 Apr 2023 08:00:00 GMT</pubDate>
<description>Hundreds of people marched in Dori, in Burkina Faso's Sahel region, on Sunday to protest against insecurity.</description></item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Niamey Express</title>
<entry><title>Six soldiers killed in Ayorou</title><link href="https://niamey.example/ayorou"/>
<id>tag:niamey.example,2023:1</id><published>2023-09-18T07:00:00Z</published>
<content type="html">&lt;p&gt;Jihadists attacked soldiers in Ayorou, in Niger's Tillaberi region, on Sunday, killing six soldiers, security sources said.&lt;/p&gt;</content></entry></feed>"#;

#[test]
fn ingest_files_feeds_and_urls() {
    let dir = TempDir::new("formats");
    let db = dir.path("h.db");
    let html = dir.write("page.html", PAGE);
    let rss = dir.write("wire.xml", RSS);
    let atom = dir.write("niamey.atom", ATOM);
    let txt = dir.write(
        "kaya.txt",
        "Gunmen kill seven traders in Kaya\n\nUnidentified gunmen killed seven traders at the market in Kaya, in Burkina Faso's Centre-Nord region, on Friday, a local official said.\n",
    );
    let o = harmattan(&[
        "ingest",
        "--db",
        s(&db),
        "--published",
        "2023-03-11",
        "-v",
        s(&html),
        s(&rss),
        s(&atom),
        s(&txt),
    ]);
    handled(&o);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let stored: Vec<String> = text(&o.stdout).lines().map(String::from).collect();
    assert_eq!(stored.len(), 5, "{stored:?}");
    assert!(stored
        .iter()
        .any(|l| l.starts_with("stored\thttps://wire.example/djibo\t")));

    let conn = rusqlite::Connection::open(&db).unwrap();
    let (title, source, published, body): (String, String, String, String) = conn
        .query_row(
            "SELECT title, source, published, text FROM documents WHERE doc_key = 'page.html'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(title, "Gunmen kill 9 in Bandiagara - Mali Hebdo");
    assert_eq!(source, "Mali Hebdo");
    assert_eq!(published, "2023-07-16");
    assert!(
        body.starts_with("Gunmen kill nine villagers in Bandiagara\n\nGunmen killed"),
        "{body}"
    );
    assert!(!body.contains("window.ads") && !body.contains("Politics") && !body.contains("©"));
    let (src, pubd): (String, String) = conn
        .query_row(
            "SELECT source, published FROM documents WHERE url = 'https://niamey.example/ayorou'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (src.as_str(), pubd.as_str()),
        ("Niamey Express", "2023-09-18")
    );
    // the Bandiagara page dated by its metadata: "Saturday" is 15 July 2023
    let bandiagara = harmattan(&[
        "events",
        "--db",
        s(&db),
        "--format",
        "jsonl",
        "--text",
        "Bandiagara",
    ]);
    let v: serde_json::Value =
        serde_json::from_str(text(&bandiagara.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(v["event_date"], "2023-07-15");
    assert_eq!(v["source"], "Mali Hebdo");

    // over HTTP: the same page under a URL is a new key but the same content: not stored twice;
    // a feed with a new item is; a 404 is an error that does not stop the batch
    let mut rss2 = RSS.replace("Protest in Dori", "Protest in Dori (update)");
    rss2 = rss2.replace("https://wire.example/dori", "https://wire.example/dori-2");
    let base = serve(
        vec![
            ("/page", "text/html; charset=utf-8", PAGE.to_string()),
            ("/feed", "application/rss+xml", rss2),
        ],
        3,
    );
    let o = harmattan(&[
        "ingest",
        "--db",
        s(&db),
        "-v",
        &format!("{base}/page"),
        &format!("{base}/missing"),
        &format!("{base}/feed"),
    ]);
    handled(&o);
    assert_eq!(o.status.code(), Some(1), "the 404 counts as an error");
    let err = text(&o.stderr);
    assert!(
        err.contains(&format!("{base}/missing: HTTP status 404")),
        "{err}"
    );
    let out = text(&o.stdout);
    assert_eq!(
        out.lines().count(),
        1,
        "only the updated feed item is new: {out}"
    );
    assert!(
        out.starts_with("stored\thttps://wire.example/dori-2\t"),
        "{out}"
    );
    let docs: i64 = conn
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(docs, 6);
}

#[test]
fn ingest_a_directory_of_mixed_inputs() {
    let dir = TempDir::new("dir");
    std::fs::create_dir_all(dir.path("in/feeds")).unwrap();
    dir.write("in/page.html", PAGE);
    dir.write("in/feeds/niamey.atom", ATOM);
    dir.write("in/notes.md", "not an input kind: ignored");
    dir.write("in/.hidden.txt", "hidden: ignored");
    let db = dir.path("d.db");
    let o = harmattan(&["ingest", "--db", s(&db), "-v", s(&dir.path("in"))]);
    handled(&o);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let keys: Vec<String> = text(&o.stdout)
        .lines()
        .map(|l| l.split('\t').nth(1).unwrap().to_string())
        .collect();
    assert_eq!(keys, ["https://niamey.example/ayorou", "page.html"]);
}

#[test]
fn bad_inputs_are_reported_and_nothing_stored_is_lost() {
    let dir = TempDir::new("bad");
    let db = dir.path("h.db");
    let good = dir.write(
        "good.txt",
        "Gunmen killed five civilians in Bourzanga, in Burkina Faso's Centre-Nord region, on Sunday, a local source said.\n",
    );
    let o = harmattan(&[
        "ingest",
        "--db",
        s(&db),
        "--published",
        "2023-06-12",
        s(&good),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let before = Store::open(&db).unwrap().counts().unwrap();
    assert_eq!(before.documents, 1);

    let binary = dir.write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00");
    let latin1 = dir.write(
        "latin1.txt",
        b"Attaque \xe0 Djibo\nLes assaillants ont tu\xe9 cinq civils.\n",
    );
    let big = dir.path("big.txt");
    {
        let mut f = std::fs::File::create(&big).unwrap();
        let line = "Gunmen attacked a village. ".repeat(40) + "\n";
        for _ in 0..(50 * 1024 * 1024 / line.len() + 1) {
            f.write_all(line.as_bytes()).unwrap();
        }
    }
    let truncated = dir.write(
        "cut.xml",
        &RSS[..RSS.find("<item><title>Protest").unwrap() + 40],
    );
    let scripts = dir.write(
        "scripts.html",
        "<html><head><title>x</title></head><body>".to_string()
            + &"<script>var a = '<p>no</p>'; function f() { return 1 < 2; }</script>".repeat(500)
            + "<style>p{}</style></body></html>",
    );
    let more = dir.write(
        "more.txt",
        "Armed men killed three villagers in Kongoussi, in Burkina Faso's Centre-Nord region, on Monday, residents said.\n",
    );
    let o = harmattan(&[
        "ingest",
        "--db",
        s(&db),
        "--published",
        "2023-11-08",
        s(&binary),
        s(&latin1),
        s(&big),
        s(&truncated),
        s(&scripts),
        s(&more),
    ]);
    handled(&o);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    for expected in [
        format!("{}: binary data (NUL byte at offset 8)", s(&binary)),
        format!("{}:1: invalid UTF-8 at byte 8", s(&latin1)),
        format!("{}: file is ", s(&big)),
        format!("{}: truncated feed", s(&truncated)),
        format!(
            "{}: no article text found in the HTML (501 script or style elements skipped)",
            s(&scripts)
        ),
    ] {
        assert!(err.contains(&expected), "missing {expected:?} in:\n{err}");
    }
    let after = Store::open(&db).unwrap().counts().unwrap();
    // the good file, the complete item of the truncated feed and more.txt
    assert_eq!(after.documents, before.documents + 2, "{err}");

    // a file that is not SQLite as --db: refused, left byte for byte as it was
    let notdb = dir.write(
        "notes.db",
        "these are my notes, not a database\n".repeat(100),
    );
    let o = harmattan(&["ingest", "--db", s(&notdb), s(&good)]);
    handled(&o);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains(&format!(
            "{}: not a harmattan database (not a SQLite file); it was left untouched",
            s(&notdb)
        )),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&notdb).unwrap(),
        "these are my notes, not a database\n".repeat(100)
    );
    assert!(!dir.path("notes.db-wal").exists());
    for cmd in [
        ["events", "--db", s(&notdb)],
        ["history", "--db", s(&notdb)],
    ] {
        let mut args = cmd.to_vec();
        if cmd[0] == "history" {
            args.push("XBFA-000001");
        }
        let o = harmattan(&args);
        handled(&o);
        assert!(
            text(&o.stderr).contains("not a harmattan database"),
            "{}",
            text(&o.stderr)
        );
    }
    assert_eq!(Store::open(&db).unwrap().integrity_check().unwrap(), "ok");
}

/// `n` short JSONL documents: incidents in a few towns, each told by one to three reports.
fn kill_corpus(n: usize) -> String {
    let towns = [
        ("Djibo", "Sahel"),
        ("Kaya", "Centre-Nord"),
        ("Titao", "Nord"),
        ("Sebba", "Sahel"),
        ("Kongoussi", "Centre-Nord"),
        ("Solenzo", "Boucle du Mouhoun"),
    ];
    let mut out = String::new();
    let mut i = 0;
    let mut incident = 0u64;
    while i < n {
        incident += 1;
        let (town, region) = towns[(incident as usize * 7) % towns.len()];
        let day =
            chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap() + chrono::Days::new(incident);
        let toll = 2 + incident % 9;
        for r in 0..(1 + incident % 3) {
            if i >= n {
                break;
            }
            let source = ["Wire A", "Radio B", "Daily C"][r as usize];
            let line = serde_json::json!({
                "id": format!("k{i:05}"),
                "published": (day + chrono::Days::new(1 + r)).to_string(),
                "source": source,
                "text": format!("Gunmen killed {} civilians in {town}, in Burkina Faso's {region} region, on {}, report {incident}-{r} said.", toll + r, day.format("%-d %B %Y")),
            });
            out.push_str(&line.to_string());
            out.push('\n');
            i += 1;
        }
    }
    out
}

fn event_rows(db: &Path) -> Vec<Vec<String>> {
    let o = harmattan(&["events", "--db", s(db), "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0));
    let mut rdr = csv::Reader::from_reader(&o.stdout[..]);
    let mut rows: Vec<Vec<String>> = rdr
        .records()
        .map(|r| {
            let r = r.unwrap();
            // every column but the write timestamp
            r.iter().take(30).map(String::from).collect()
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn sigkill_mid_ingest_loses_and_duplicates_nothing() {
    let dir = TempDir::new("kill");
    let corpus = dir.write("k.jsonl", kill_corpus(10_000));
    let db = dir.path("k.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_harmattan"))
        .args(["ingest", "--db", s(&db), "-v", s(&corpus)])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut reported = Vec::new();
    let mut line = String::new();
    while reported.len() < 3000 {
        line.clear();
        if out.read_line(&mut line).unwrap() == 0 {
            break;
        }
        reported.push(line.split('\t').nth(1).unwrap().to_string());
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&status),
        Some(9),
        "killed by SIGKILL, not finished"
    );
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    reported.extend(
        rest.lines()
            .filter_map(|l| l.split('\t').nth(1))
            .map(String::from),
    );
    assert!(
        reported.len() >= 3000 && reported.len() < 10_000,
        "{}",
        reported.len()
    );

    {
        let store = Store::open(&db).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok");
        let keys: HashSet<String> = store.document_keys().unwrap().into_iter().collect();
        let lost: Vec<&String> = reported.iter().filter(|k| !keys.contains(*k)).collect();
        assert!(lost.is_empty(), "reported stored but missing: {lost:?}");
    }

    let o = harmattan(&["ingest", "--db", s(&db), s(&corpus)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(
        err.contains(&format!("{} already stored", reported.len()))
            || err.contains("already stored"),
        "{err}"
    );

    let store = Store::open(&db).unwrap();
    let keys = store.document_keys().unwrap();
    let distinct: HashSet<&String> = keys.iter().collect();
    assert_eq!(keys.len(), 10_000);
    assert_eq!(distinct.len(), 10_000, "no duplicate document");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (mentions, expected): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM mentions), (SELECT sum(n_events + n_review) FROM documents)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(mentions, expected, "no duplicate or missing mention");
    let orphans: i64 = conn
        .query_row(
            "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0, "no event without a report");

    // the same corpus ingested without interruption gives the same events
    let fresh = dir.path("fresh.db");
    let o = harmattan(&["ingest", "--db", s(&fresh), s(&corpus)]);
    assert_eq!(o.status.code(), Some(0));
    let (a, b) = (event_rows(&db), event_rows(&fresh));
    assert!(a.len() > 4000, "{}", a.len());
    assert_eq!(a.len(), b.len(), "no duplicate event");
    assert!(
        a == b,
        "resumed ingest fused differently from an uninterrupted one"
    );
}

const ACLED_MODERN: &str = "\u{feff}event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp
TST101,2024-04-14,2024,1,Political violence,Violence against civilians,Attack,Unidentified Armed Group (Testland),,Political militia,Civilians (Testland),Farmers (Testland),Civilians,Political militia-Civilians,Civilians targeted,999,Western Africa,Testland,North,Hill District,,Village A,14.1234,-1.5,1,Local Radio; Wire,Subnational-International,\"On 14 April 2024, gunmen killed three farmers in Village A, \"\"a local source\"\" said. 3 fatalities.\",3,,1713139200
TST102,2024-04-15,2024,2,Demonstrations,Protests,Peaceful protest,Protesters (Testland),Students (Testland),Protesters,,,,Protesters only,,999,Western Africa,Testland,South,Coast,Port,Port City,-4.05,39.6667,1,Daily,National,\"Around 15 April 2024, students marched in Port City.\",0,crowd size=no report,1713225600
";

const ACLED_LEGACY: &str = "data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,iso3
1,999,TST201,201,16 February 2021,2021,1,Battles,Armed clash,Military Forces of Testland (2019-),,1,Rebel Front,,2,12,Western Africa,Testland,North,Hill District,Ridge,Ridge Town,12.5,0.25,2,Wire,International,Soldiers fought rebels near Ridge Town. [size=no report],7,TST
2,999,TST202,202,16-Feb-21,2021,1,Riots,Mob violence,Rioters (Testland),,5,Civilians (Testland),,7,57,Western Africa,Testland,South,Coast,,Port City,-4.05,39.6667,1,Daily,National,A mob beat a suspected thief.,1,TST
3,999,TST203,203,16/02/2021,2021,3,Strategic developments,Looting/property destruction,Rebel Front,,2,,,0,20,Western Africa,Testland,North,Hill District,,Village A,14.1234,-1.5,1,Wire,International,Looting: rebels looted shops.,0,TST
4,999,TST204,204,not a date,2021,1,Battles,Armed clash,Rebel Front,,2,,,0,20,Western Africa,Testland,North,Hill District,,Village A,14.1234,-1.5,1,Wire,International,Bad row.,0,TST
";

const ACLED_COLUMNS_31: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

fn norm_inter(v: &str) -> String {
    const L: [&str; 8] = [
        "state forces",
        "rebel group",
        "political militia",
        "identity militia",
        "rioters",
        "protesters",
        "civilians",
        "external/other forces",
    ];
    let v = v.trim().to_lowercase();
    if v.is_empty() {
        return "0".into();
    }
    if let Some(i) = L.iter().position(|l| *l == v) {
        return (i + 1).to_string();
    }
    if let Some(one) = v.strip_suffix(" only") {
        return format!("{}0", norm_inter(one));
    }
    if let Some((a, b)) = v.split_once('-') {
        let (a, b): (u32, u32) = (
            norm_inter(a).parse().unwrap(),
            norm_inter(b).parse().unwrap(),
        );
        return (10 * a.min(b) + a.max(b)).to_string();
    }
    v
}

fn norm_date(v: &str) -> String {
    for f in ["%Y-%m-%d", "%d %B %Y", "%d-%b-%y", "%d/%m/%Y"] {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(v.trim(), f) {
            return d.to_string();
        }
    }
    v.to_string()
}

/// Every column of every input row that ACLED's 31 columns hold comes back equal.
fn check_round_trip(input: &[u8], output: &[u8], skip_ids: &[&str]) -> usize {
    let mut out = csv::Reader::from_reader(output);
    let oh: Vec<String> = out.headers().unwrap().iter().map(String::from).collect();
    let by_id: HashMap<String, csv::StringRecord> = out
        .records()
        .map(|r| r.unwrap())
        .map(|r| (r[0].to_string(), r))
        .collect();
    let mut inp = csv::Reader::from_reader(input);
    let ih: Vec<String> = inp
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let mut checked = 0;
    for rec in inp.records() {
        let rec = rec.unwrap();
        let id = &rec[ih.iter().position(|h| h == "event_id_cnty").unwrap()];
        if skip_ids.contains(&id) {
            assert!(!by_id.contains_key(id), "{id} should have been skipped");
            continue;
        }
        let got = by_id
            .get(id)
            .unwrap_or_else(|| panic!("{id} missing from the export"));
        for (i, col) in ih.iter().enumerate() {
            let Some(j) = oh.iter().position(|h| h == col) else {
                continue;
            };
            let (a, b) = (rec[i].trim(), got[j].trim());
            let same = match col.as_str() {
                "event_date" => norm_date(a) == b,
                "inter1" | "inter2" | "interaction" => norm_inter(a) == b,
                "latitude" | "longitude" => {
                    (a.parse::<f64>().unwrap() - b.parse::<f64>().unwrap()).abs() < 1e-6
                }
                _ => a == b,
            };
            assert!(same, "{id} {col}: input {a:?}, output {b:?}");
            checked += 1;
        }
    }
    checked
}

#[test]
fn import_acled_round_trips_every_column() {
    let dir = TempDir::new("acled");
    let db = dir.path("a.db");
    let modern = dir.write("modern.csv", ACLED_MODERN);
    let legacy = dir.write("legacy.csv", ACLED_LEGACY);
    let o = harmattan(&["import-acled", "--db", s(&db), s(&modern)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = harmattan(&["import-acled", "--db", s(&db), s(&legacy)]);
    handled(&o);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains(&format!(
            "{}:5: event_date \"not a date\" is not a date",
            s(&legacy)
        )),
        "{err}"
    );
    assert!(err.contains("3 new events"), "{err}");

    let csv = harmattan(&[
        "events",
        "--db",
        s(&db),
        "--format",
        "csv",
        "--origin",
        "ACLED",
    ]);
    assert_eq!(csv.status.code(), Some(0));
    assert_eq!(
        check_round_trip(ACLED_MODERN.as_bytes(), &csv.stdout, &[]),
        2 * 31
    );
    // 30 columns: data_id, event_id_no_cnty and iso3 are not ACLED's current columns
    assert_eq!(
        check_round_trip(ACLED_LEGACY.as_bytes(), &csv.stdout, &["TST204"]),
        3 * 27
    );
    // absent columns are derived: disorder type from the event type
    let rows = text(&csv.stdout);
    assert!(
        rows.lines()
            .any(|l| l.starts_with("TST203,2021-02-16,2021,3,Strategic developments,")),
        "{rows}"
    );

    // importing again changes nothing; an ACLED event never fuses with ours
    let o = harmattan(&["import-acled", "--db", s(&db), s(&modern)]);
    assert!(
        text(&o.stderr).contains("0 new events, 0 updated, 2 unchanged"),
        "{}",
        text(&o.stderr)
    );
    let hist = Store::open(&db).unwrap().history("TST101").unwrap();
    assert_eq!(hist.len(), 1);

    // the shared ACLED extract, when this machine has it (evaluation data, never committed)
    let world = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/eval/acled-world-2022h1.csv");
    if world.exists() {
        let wdb = dir.path("w.db");
        let o = harmattan(&["import-acled", "--db", s(&wdb), s(&world)]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        let csv = harmattan(&["events", "--db", s(&wdb), "--format", "csv"]);
        let input = std::fs::read(&world).unwrap();
        let rows = csv::Reader::from_reader(&input[..]).records().count();
        let cols = csv::Reader::from_reader(&input[..])
            .headers()
            .unwrap()
            .iter()
            .filter(|h| ACLED_COLUMNS_31.contains(h))
            .count();
        let checked = check_round_trip(&input, &csv.stdout, &[]);
        println!(
            "acled-world-2022h1.csv: {checked} cells ({rows} rows x {cols} columns) round-tripped"
        );
        assert_eq!(checked, rows * cols);
    } else {
        println!(
            "note: {} not present; only the written CSVs were checked",
            world.display()
        );
    }
}
