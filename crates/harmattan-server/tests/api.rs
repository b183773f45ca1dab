//! The HTTP API against a real server on 127.0.0.1 (ephemeral port) over a real SQLite file
//! holding the demo corpus (`data/samples/demo/`), extracted by the real engine.

use std::collections::{BTreeSet, HashSet};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use harmattan_core::{Document, Engine, EngineData};
use harmattan_server::{AppState, Config};
use harmattan_store::Store;
use serde_json::Value;

const TOKEN: &str = "test-token-0123456789";

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "harmattan-server-test-{}-{}-{tag}",
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
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn engine() -> Arc<Engine> {
    static E: OnceLock<Arc<Engine>> = OnceLock::new();
    E.get_or_init(|| Arc::new(Engine::new(&EngineData::builtin()).unwrap()))
        .clone()
}

fn demo_docs() -> Vec<Document> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/samples/demo/demo-corpus.jsonl");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().map(String::from);
            Document {
                id: s("id").unwrap(),
                title: s("title"),
                text: s("text").unwrap(),
                published: s("published")
                    .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                source: s("source"),
                url: s("url"),
            }
        })
        .collect()
}

/// Serve `db` on an ephemeral loopback port in a background thread; the base URL.
fn start(db: &Path, token: Option<&str>, boundaries: Option<PathBuf>) -> String {
    let state = AppState::new(
        Config {
            db: db.to_path_buf(),
            token: token.map(String::from),
            boundaries,
        },
        engine(),
    )
    .unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || harmattan_server::run(listener, state, 2));
    format!("http://{addr}")
}

struct Shared {
    base: String,
    _dir: TempDir,
}

/// One server over the demo corpus, shared by the read-only tests.
fn shared() -> &'static str {
    static S: OnceLock<Shared> = OnceLock::new();
    &S.get_or_init(|| {
        let dir = TempDir::new("shared");
        let db = dir.path("demo.sqlite");
        {
            let e = engine();
            let mut store = Store::open(&db).unwrap();
            store.set_country_codes(
                e.countries()
                    .all()
                    .iter()
                    .map(|c| (c.iso, c.iso3.clone())),
            );
            for d in demo_docs() {
                store.ingest(&d, &e.extract(&d)).unwrap();
            }
        }
        let bounds = dir.path("boundaries");
        std::fs::create_dir_all(&bounds).unwrap();
        // an invented square, not a real boundary
        std::fs::write(
            bounds.join("test_MLI_1.geojson"),
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"NAME_1":"Square"},"geometry":{"type":"Polygon","coordinates":[[[-4,14],[-3,14],[-3,15],[-4,15],[-4,14]]]}}]}"#,
        )
        .unwrap();
        std::fs::write(bounds.join("notes.txt"), "not a layer").unwrap();
        let base = start(&db, Some(TOKEN), Some(bounds));
        Shared { base, _dir: dir }
    })
    .base
}

struct Resp {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    /// The error code of a JSON error body, checking its shape.
    fn code(&self) -> String {
        let v = self.json();
        assert!(v["error"]["message"].is_string(), "no error message: {v}");
        assert_eq!(self.content_type, "application/json");
        v["error"]["code"].as_str().unwrap().to_string()
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

fn finish(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Resp {
    let mut r = r.expect("HTTP request");
    let content_type = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    Resp {
        status: r.status().as_u16(),
        content_type,
        body: r
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .read_to_vec()
            .unwrap(),
    }
}

fn get(base: &str, path: &str) -> Resp {
    finish(agent().get(format!("{base}{path}")).call())
}

fn post(base: &str, path: &str, token: Option<&str>, ctype: &str, body: &[u8]) -> Resp {
    let mut req = agent()
        .post(format!("{base}{path}"))
        .header("Content-Type", ctype);
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    finish(req.send(body))
}

/// Percent-encode a query value.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn events(base: &str, query: &str) -> Value {
    let r = get(base, &format!("/api/events?{query}"));
    assert_eq!(r.status, 200, "{query}: {}", r.text());
    r.json()
}

fn all_events(base: &str) -> Vec<Value> {
    events(base, "limit=1000")["events"]
        .as_array()
        .unwrap()
        .clone()
}

const SUMMARY_KEYS: [&str; 25] = [
    "event_id_cnty",
    "event_date",
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
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "notes",
    "source",
    "sources_count",
];

#[test]
fn events_list_is_newest_first_with_every_field() {
    let base = shared();
    let v = events(base, "");
    let total = v["total"].as_u64().unwrap();
    assert!(total >= 25, "{total} events");
    assert_eq!(v["limit"], 100);
    assert_eq!(v["offset"], 0);
    let evs = v["events"].as_array().unwrap();
    assert_eq!(evs.len() as u64, total.min(100));
    let dates: Vec<&str> = evs
        .iter()
        .map(|e| e["event_date"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    for e in evs {
        let keys: BTreeSet<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, SUMMARY_KEYS.iter().copied().collect(), "{e}");
    }
    let countries: HashSet<&str> = evs.iter().map(|e| e["country"].as_str().unwrap()).collect();
    for c in ["Mali", "Burkina Faso", "Niger"] {
        assert!(countries.contains(c), "{countries:?}");
    }
    assert!(
        evs.iter().any(|e| e["sources_count"].as_i64().unwrap() > 1),
        "some incidents are fused from several reports"
    );
}

/// Every event of `query` satisfies `pred`, and the filter selects a proper, non-empty subset.
fn check_filter(base: &str, query: &str, pred: impl Fn(&Value) -> bool) -> u64 {
    let everything = all_events(base);
    let v = events(base, &format!("{query}&limit=1000"));
    let got = v["events"].as_array().unwrap();
    assert_eq!(v["total"].as_u64().unwrap(), got.len() as u64, "{query}");
    assert!(!got.is_empty(), "{query}: nothing");
    assert!(got.iter().all(&pred), "{query}: an event does not match");
    let expected = everything.iter().filter(|e| pred(e)).count();
    assert_eq!(got.len(), expected, "{query}: not every matching event");
    assert!(got.len() < everything.len(), "{query}: filters nothing");
    got.len() as u64
}

#[test]
fn every_filter_selects_what_it_says() {
    let base = shared();
    let s = |e: &Value, k: &str| e[k].as_str().unwrap_or("").to_string();
    check_filter(base, "country=Mali", |e| s(e, "country") == "Mali");
    check_filter(base, "country=niger", |e| s(e, "country") == "Niger");
    let admin1 = all_events(base)
        .iter()
        .map(|e| s(e, "admin1"))
        .find(|a| !a.is_empty())
        .unwrap();
    check_filter(
        base,
        &format!("admin1={}", enc(&admin1.to_uppercase())),
        |e| s(e, "admin1") == admin1,
    );
    check_filter(base, "event_type=Battles", |e| {
        s(e, "event_type") == "Battles"
    });
    check_filter(
        base,
        &format!("event_type={}", enc("Violence against civilians")),
        |e| s(e, "event_type") == "Violence against civilians",
    );
    check_filter(base, "sub_event_type=Attack", |e| {
        s(e, "sub_event_type") == "Attack"
    });
    check_filter(base, "actor=jnim", |e| {
        ["actor1", "actor2", "assoc_actor_1", "assoc_actor_2"]
            .iter()
            .any(|k| s(e, k).to_lowercase().contains("jnim"))
    });
    check_filter(base, "q=djibo", |e| {
        [
            "notes", "location", "admin1", "admin2", "actor1", "actor2", "source",
        ]
        .iter()
        .any(|k| s(e, k).to_lowercase().contains("djibo"))
    });
    check_filter(base, "from=2024-01-01", |e| {
        s(e, "event_date").as_str() >= "2024-01-01"
    });
    check_filter(base, "to=2023-06-30", |e| {
        s(e, "event_date").as_str() <= "2023-06-30"
    });
    check_filter(base, "from=2023-04-01&to=2023-09-30", |e| {
        let d = s(e, "event_date");
        ("2023-04-01".."2023-10-01").contains(&d.as_str())
    });
    // roughly Mali west of 0°E and north of 14°N
    check_filter(base, "bbox=-12,14,0,25", |e| {
        let (lon, lat) = (e["longitude"].as_f64(), e["latitude"].as_f64());
        matches!((lon, lat), (Some(x), Some(y)) if (-12.0..=0.0).contains(&x) && (14.0..=25.0).contains(&y))
    });
    check_filter(base, "min_fatalities=10", |e| {
        e["fatalities"].as_u64().unwrap() >= 10
    });
    // filters combine
    check_filter(
        base,
        "country=Burkina%20Faso&min_fatalities=5&event_type=Battles",
        |e| {
            s(e, "country") == "Burkina Faso"
                && e["fatalities"].as_u64().unwrap() >= 5
                && s(e, "event_type") == "Battles"
        },
    );
    // origin: all demo events are ours; an empty value means no filter
    let all = events(base, "")["total"].as_u64().unwrap();
    assert_eq!(
        events(base, "origin=harmattan")["total"].as_u64().unwrap(),
        all
    );
    assert_eq!(events(base, "origin=ACLED")["total"].as_u64().unwrap(), 0);
    assert_eq!(
        events(base, "country=&admin1=")["total"].as_u64().unwrap(),
        all
    );
}

#[test]
fn pagination_walks_every_event_once() {
    let base = shared();
    let total = events(base, "")["total"].as_u64().unwrap();
    let mut seen = Vec::new();
    let mut offset = 0;
    while offset < total + 7 {
        let v = events(base, &format!("limit=7&offset={offset}"));
        assert_eq!(v["total"].as_u64().unwrap(), total);
        assert_eq!(v["limit"], 7);
        assert_eq!(v["offset"].as_u64().unwrap(), offset);
        let page = v["events"].as_array().unwrap();
        assert!(page.len() <= 7);
        seen.extend(
            page.iter()
                .map(|e| e["event_id_cnty"].as_str().unwrap().to_string()),
        );
        offset += 7;
    }
    let all: Vec<String> = all_events(base)
        .iter()
        .map(|e| e["event_id_cnty"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(seen, all, "pages in order, each event once");
    let past = events(base, "offset=100000");
    assert_eq!(past["events"].as_array().unwrap().len(), 0);
    assert_eq!(past["total"].as_u64().unwrap(), total);
    assert_eq!(
        events(base, "limit=1")["events"].as_array().unwrap().len(),
        1
    );
    assert!(
        events(base, "limit=1000")["events"]
            .as_array()
            .unwrap()
            .len() as u64
            == total
    );
    for bad in [
        "limit=0",
        "limit=1001",
        "limit=-1",
        "limit=ten",
        "offset=-5",
        "offset=1.5",
    ] {
        let r = get(base, &format!("/api/events?{bad}"));
        assert_eq!((r.status, r.code().as_str()), (400, "bad_filter"), "{bad}");
    }
}

#[test]
fn an_event_shows_its_sources_evidence_and_history() {
    let base = shared();
    let fused = all_events(base)
        .into_iter()
        .find(|e| e["sources_count"].as_i64().unwrap() >= 3)
        .expect("an event with three reports");
    let id = fused["event_id_cnty"].as_str().unwrap();
    let r = get(base, &format!("/api/events/{id}"));
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["event"], fused);
    let sources = v["sources"].as_array().unwrap();
    assert_eq!(
        sources.len() as i64,
        fused["sources_count"].as_i64().unwrap()
    );
    let mut spans = 0;
    for s in sources {
        let text = s["text"].as_str().unwrap();
        assert!(!s["document_id"].as_str().unwrap().is_empty());
        assert!(s["published"].as_str().unwrap().starts_with("20"));
        assert!(fused["source"]
            .as_str()
            .unwrap()
            .contains(s["source"].as_str().unwrap()));
        for ev in s["evidence"].as_array().unwrap() {
            let (a, b) = (
                ev["start"].as_u64().unwrap() as usize,
                ev["end"].as_u64().unwrap() as usize,
            );
            // byte offsets into the text exactly as returned
            assert_eq!(
                &text.as_bytes()[a..b],
                ev["text"].as_str().unwrap().as_bytes()
            );
            assert!(!ev["field"].as_str().unwrap().is_empty());
            assert!(!ev["rule"].as_str().unwrap().is_empty());
            spans += 1;
        }
    }
    assert!(spans > 0);
    let revs = v["revisions"].as_array().unwrap();
    assert!(revs.len() >= 3, "{revs:?}");
    assert!(revs
        .iter()
        .all(|r| r["at"].as_str().unwrap().ends_with('Z')));
    assert!(revs.iter().any(|r| r["field"] == "fatalities"));

    for missing in [
        "XMLI-999999",
        "nope",
        "%27%20OR%201%3D1%20--",
        &"X".repeat(500),
    ] {
        let r = get(base, &format!("/api/events/{missing}"));
        assert_eq!(
            (r.status, r.code().as_str()),
            (404, "not_found"),
            "{missing}"
        );
    }
    let r = get(base, &format!("/api/events/{id}?limit=3"));
    assert_eq!((r.status, r.code().as_str()), (400, "unknown_filter"));
}

#[test]
fn stats_add_up_and_follow_the_filters() {
    let base = shared();
    let total = events(base, "")["total"].as_u64().unwrap();
    for group in ["day", "week"] {
        let r = get(base, &format!("/api/stats?group={group}"));
        assert_eq!(r.status, 200);
        let v = r.json();
        assert_eq!(v["group"], group);
        assert_eq!(v["totals"]["events"].as_u64().unwrap(), total);
        let sum = |k: &str, f: &str| -> u64 {
            v[k].as_array()
                .unwrap()
                .iter()
                .map(|x| x[f].as_u64().unwrap())
                .sum()
        };
        assert_eq!(sum("timeline", "events"), total);
        assert_eq!(sum("by_event_type", "events"), total);
        assert_eq!(
            sum("timeline", "fatalities"),
            v["totals"]["fatalities"].as_u64().unwrap()
        );
        let periods: Vec<&str> = v["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["period"].as_str().unwrap())
            .collect();
        assert!(periods.windows(2).all(|w| w[0] < w[1]), "oldest first");
        if group == "week" {
            for p in &periods {
                let d = chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").unwrap();
                assert_eq!(chrono::Datelike::weekday(&d), chrono::Weekday::Mon, "{p}");
            }
        }
        assert!(v["by_admin1"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["country"].is_string()));
        assert!(!v["by_actor"].as_array().unwrap().is_empty());
    }
    let mali = get(base, "/api/stats?country=Mali").json();
    assert_eq!(
        mali["totals"]["events"].as_u64().unwrap(),
        events(base, "country=Mali")["total"].as_u64().unwrap()
    );
    assert!(mali["by_admin1"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["country"] == "Mali"));
    let r = get(base, "/api/stats?group=month");
    assert_eq!((r.status, r.code().as_str()), (400, "bad_filter"));
    let r = get(base, "/api/stats?limit=5");
    assert_eq!((r.status, r.code().as_str()), (400, "unknown_filter"));
}

#[test]
fn facets_list_what_is_stored() {
    let base = shared();
    let v = get(base, "/api/facets").json();
    let countries: Vec<&str> = v["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(countries, ["Burkina Faso", "Mali", "Niger"]);
    let admin1 = v["admin1"].as_array().unwrap();
    assert!(admin1.len() >= 5);
    assert!(admin1
        .iter()
        .all(|a| a["country"].is_string() && a["admin1"].is_string()));
    assert!(v["event_types"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t == "Battles"));
    assert!(v["date_min"].as_str().unwrap() <= v["date_max"].as_str().unwrap());
    let r = get(base, "/api/facets?country=Mali");
    assert_eq!((r.status, r.code().as_str()), (400, "unknown_filter"));
}

#[test]
fn exports_have_acled_columns_and_follow_the_filters() {
    let base = shared();
    let r = get(base, "/api/export.csv");
    assert_eq!(r.status, 200);
    assert!(r.content_type.starts_with("text/csv"));
    let text = r.text();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, harmattan_core::ACLED_COLUMNS);
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(
        rows.len() as u64,
        events(base, "")["total"].as_u64().unwrap()
    );
    let niger = get(base, "/api/export.csv?country=Niger").text();
    let n: Vec<csv::StringRecord> = csv::Reader::from_reader(niger.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .collect();
    assert!(!n.is_empty() && n.iter().all(|r| &r[17] == "Niger"));

    let r = get(base, "/api/export.geojson?country=Mali");
    assert_eq!(r.status, 200);
    assert_eq!(r.content_type, "application/geo+json");
    let g = r.json();
    assert_eq!(g["type"], "FeatureCollection");
    let feats = g["features"].as_array().unwrap();
    let mali: Vec<Value> = events(base, "country=Mali&limit=1000")["events"]
        .as_array()
        .unwrap()
        .clone();
    let with_coords = mali.iter().filter(|e| e["latitude"].is_number()).count();
    assert_eq!(feats.len(), with_coords);
    for f in feats {
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        assert_eq!(c[0], f["properties"]["longitude"]);
        assert_eq!(c[1], f["properties"]["latitude"]);
        assert_eq!(f["properties"]["country"], "Mali");
    }
    let r = get(base, "/api/export.csv?format=xlsx");
    assert_eq!((r.status, r.code().as_str()), (400, "unknown_filter"));
}

#[test]
fn boundaries_are_listed_and_served() {
    let base = shared();
    let v = get(base, "/api/boundaries").json();
    assert_eq!(
        v["layers"],
        serde_json::json!([{"name": "test_MLI_1", "level": 1, "url": "/api/boundaries/test_MLI_1.geojson"}])
    );
    let r = get(base, "/api/boundaries/test_MLI_1.geojson");
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["type"], "FeatureCollection");
    for bad in [
        "/api/boundaries/notes.geojson",
        "/api/boundaries/test_MLI_1",
        "/api/boundaries/..%2F..%2Fetc%2Fpasswd.geojson",
        "/api/boundaries/nope.geojson",
    ] {
        let r = get(base, bad);
        assert_eq!((r.status, r.code().as_str()), (404, "not_found"), "{bad}");
    }
    // a server without --boundaries has none
    let dir = TempDir::new("nobounds");
    let other = start(&dir.path("empty.sqlite"), None, None);
    assert_eq!(
        get(&other, "/api/boundaries").json(),
        serde_json::json!({"layers": []})
    );
    assert_eq!(get(&other, "/api/events").json()["total"], 0);
}

#[test]
fn the_dashboard_is_served_from_the_binary() {
    let base = shared();
    for path in ["/", "/index.html"] {
        let r = get(base, path);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.content_type.starts_with("text/html"));
        assert!(r.text().contains("<html") || r.text().contains("<!doctype"));
    }
    let r = get(base, "/no-such-asset.js");
    assert_eq!((r.status, r.code().as_str()), (404, "not_found"));
    let r = finish(agent().post(format!("{base}/")).send(&b"x"[..]));
    assert_eq!((r.status, r.code().as_str()), (405, "method_not_allowed"));
}

#[test]
fn bad_requests_get_the_right_4xx_and_the_server_keeps_serving() {
    let base = shared();
    let total = events(base, "")["total"].as_u64().unwrap();
    let cases: &[(&str, u16, &str)] = &[
        ("/api/nope", 404, "not_found"),
        ("/api", 404, "not_found"),
        ("/api/events?admin=Mopti", 400, "unknown_filter"),
        ("/api/events?type=Battles", 400, "unknown_filter"),
        ("/api/events?from=2024-13-01", 400, "bad_filter"),
        ("/api/events?from=01/02/2024", 400, "bad_filter"),
        (
            "/api/events?to=2023-01-01&from=2024-01-01",
            400,
            "bad_filter",
        ),
        ("/api/events?bbox=1,2,3", 400, "bad_filter"),
        ("/api/events?bbox=0,0,200,10", 400, "bad_filter"),
        ("/api/events?bbox=a,b,c,d", 400, "bad_filter"),
        ("/api/events?min_fatalities=many", 400, "bad_filter"),
        ("/api/events?min_fatalities=99999999999", 400, "bad_filter"),
        ("/api/events?country=Mali&country=Niger", 400, "bad_filter"),
        (
            "/api/events?limit=1;DROP%20TABLE%20events",
            400,
            "bad_filter",
        ),
        ("/api/events?offset=0%20OR%201=1", 400, "bad_filter"),
        ("/api/events?country=%00", 400, "bad_filter"),
        ("/api/stats?group=day%27--", 400, "bad_filter"),
    ];
    for (path, status, code) in cases {
        let r = get(base, path);
        assert_eq!(
            (r.status, r.code().as_str()),
            (*status, *code),
            "{path}: {}",
            r.text()
        );
    }
    let long = format!("/api/events?q={}", "a".repeat(500));
    let r = get(base, &long);
    assert_eq!((r.status, r.code().as_str()), (400, "bad_filter"));
    // SQL-looking text values are plain strings: they match nothing and change nothing
    for v in [
        "' OR 1=1 --",
        "Mali' OR '1'='1",
        "x\"; DROP TABLE events; --",
        "%",
        "_",
        "Mopti) OR (1=1",
    ] {
        for k in [
            "admin1",
            "country",
            "actor",
            "q",
            "event_type",
            "sub_event_type",
        ] {
            let v = events(base, &format!("{k}={}", enc(v)));
            assert_eq!(v["total"], 0, "{k}={v}");
        }
    }
    let r = get(base, &format!("/api/events/{}", enc("' OR 1=1 --")));
    assert_eq!((r.status, r.code().as_str()), (404, "not_found"));
    // wrong methods on known paths
    let r = finish(agent().delete(format!("{base}/api/events")).call());
    assert_eq!((r.status, r.code().as_str()), (405, "method_not_allowed"));
    let r = finish(agent().get(format!("{base}/api/documents")).call());
    assert_eq!((r.status, r.code().as_str()), (405, "method_not_allowed"));
    let r = finish(
        agent()
            .put(format!("{base}/api/events/XMLI-000001"))
            .send(&b"{}"[..]),
    );
    assert_eq!((r.status, r.code().as_str()), (405, "method_not_allowed"));
    // a request that is not HTTP
    let addr = base.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(b"HELLO THERE\r\n\r\n").unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    // still serving, data unchanged
    assert_eq!(events(base, "")["total"].as_u64().unwrap(), total);
}

/// A fresh server with a token, over an empty database.
fn ingest_server(tag: &str) -> (String, TempDir) {
    let dir = TempDir::new(tag);
    let base = start(&dir.path("ingest.sqlite"), Some(TOKEN), None);
    (base, dir)
}

#[test]
fn documents_need_the_token() {
    let (base, _dir) = ingest_server("token");
    let doc = "Gunmen kill five in Boni\n\nUnidentified gunmen killed five civilians in Boni, in the Mopti region of Mali, on Tuesday, residents said.";
    let r = post(&base, "/api/documents", None, "text/plain", doc.as_bytes());
    assert_eq!((r.status, r.code().as_str()), (401, "unauthorized"));
    let r = post(
        &base,
        "/api/documents",
        Some("wrong"),
        "text/plain",
        doc.as_bytes(),
    );
    assert_eq!((r.status, r.code().as_str()), (401, "unauthorized"));
    let r = post(
        &base,
        "/api/documents",
        Some(&format!("{TOKEN}x")),
        "text/plain",
        doc.as_bytes(),
    );
    assert_eq!((r.status, r.code().as_str()), (401, "unauthorized"));
    let r = finish(
        agent()
            .post(format!("{base}/api/documents"))
            .header("Content-Type", "text/plain")
            .header("Authorization", format!("Basic {TOKEN}"))
            .send(doc.as_bytes()),
    );
    assert_eq!((r.status, r.code().as_str()), (401, "unauthorized"));
    assert_eq!(events(&base, "")["total"], 0, "nothing stored");
    // a server without a token takes no documents at all
    let dir = TempDir::new("notoken");
    let closed = start(&dir.path("closed.sqlite"), None, None);
    let r = post(
        &closed,
        "/api/documents",
        Some(TOKEN),
        "text/plain",
        doc.as_bytes(),
    );
    assert_eq!((r.status, r.code().as_str()), (403, "forbidden"));
}

#[test]
fn documents_are_extracted_stored_and_fused() {
    let (base, _dir) = ingest_server("ingest");
    let text = "Gunmen kill five in Boni\n\nUnidentified gunmen killed five civilians in Boni, in the Mopti region of Mali, on Tuesday, residents said.";
    let r = post(
        &base,
        "/api/documents",
        Some(TOKEN),
        "text/plain; charset=utf-8",
        text.as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let v = r.json();
    assert_eq!(v["status"], "new");
    let ids = v["events"].as_array().unwrap().clone();
    assert_eq!(ids.len(), 1, "{v}");
    let id = ids[0].as_str().unwrap();
    assert!(id.starts_with("XMLI-"));
    // the same text again changes nothing
    let again = post(
        &base,
        "/api/documents",
        Some(TOKEN),
        "text/plain",
        text.as_bytes(),
    )
    .json();
    assert_eq!(again["status"], "duplicate");
    assert_eq!(again["document_id"], v["document_id"]);
    assert_eq!(again["events"], v["events"]);
    // a second outlet, as JSON, joins the event
    let body = serde_json::json!({
        "id": "boni-2", "title": "Boni: cinq civils tués", "source": "Radio Test",
        "url": "https://example.org/boni-2", "published": chrono_today(),
        "text": "Boni : cinq civils tués\n\nCinq civils ont été tués mardi à Boni, dans la région de Mopti au Mali, par des hommes armés non identifiés."
    });
    let r = post(
        &base,
        "/api/documents",
        Some(TOKEN),
        "application/json",
        body.to_string().as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let v2 = r.json();
    assert_eq!(v2["document_id"], "https://example.org/boni-2");
    assert_eq!(v2["events"], serde_json::json!([id]));
    let e = get(&base, &format!("/api/events/{id}")).json();
    assert_eq!(e["event"]["sources_count"], 2);
    assert_eq!(e["sources"][1]["source"], "Radio Test");
    assert_eq!(e["sources"][1]["title"], "Boni: cinq civils tués");
    assert_eq!(events(&base, "")["total"], 1);
    // the cached total follows the write
    assert_eq!(get(&base, "/api/stats").json()["totals"]["events"], 1);

    // malformed bodies
    let cases: &[(&str, &[u8], u16, &str)] = &[
        ("application/json", b"{not json", 400, "bad_json"),
        ("application/json", b"[1,2,3]", 400, "bad_json"),
        ("application/json", b"{\"text\": 42}", 400, "bad_json"),
        (
            "application/json",
            b"{\"title\": \"no text\"}",
            400,
            "bad_request",
        ),
        (
            "application/json",
            b"{\"text\": \"x\", \"published\": \"tomorrow\"}",
            400,
            "bad_request",
        ),
        ("text/plain", b"   \n  ", 400, "bad_request"),
        ("text/plain", b"\xff\xfe\xfd", 400, "bad_request"),
        ("application/xml", b"<doc/>", 415, "unsupported_media_type"),
        ("multipart/form-data", b"--x", 415, "unsupported_media_type"),
    ];
    for (ctype, body, status, code) in cases {
        let r = post(&base, "/api/documents", Some(TOKEN), ctype, body);
        assert_eq!(
            (r.status, r.code().as_str()),
            (*status, *code),
            "{ctype} {body:?}"
        );
    }
    assert_eq!(events(&base, "")["total"], 1, "no bad body stored anything");
}

/// Today (UTC): a text/plain document is dated today, so its second report must be too.
fn chrono_today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    chrono::DateTime::from_timestamp(secs, 0)
        .unwrap()
        .date_naive()
        .to_string()
}

#[test]
fn bodies_over_one_mebibyte_are_refused() {
    let (base, _dir) = ingest_server("limit");
    // just under the limit is read (and is a valid, if dull, document)
    let mut ok = b"Title\n\n".to_vec();
    ok.resize(harmattan_server::BODY_LIMIT, b'a');
    let r = post(&base, "/api/documents", Some(TOKEN), "text/plain", &ok);
    assert_eq!(r.status, 201, "{}", r.text());
    // one byte over
    let big = vec![b'a'; harmattan_server::BODY_LIMIT + 1];
    let r = post(&base, "/api/documents", Some(TOKEN), "text/plain", &big);
    assert_eq!((r.status, r.code().as_str()), (413, "payload_too_large"));
    let r = post(
        &base,
        "/api/documents",
        Some(TOKEN),
        "application/json",
        &vec![b' '; 3 << 20],
    );
    assert_eq!((r.status, r.code().as_str()), (413, "payload_too_large"));
    // a client announcing 100 MB is answered before it sends it
    let addr = base.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "POST /api/documents HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: text/plain\r\nContent-Length: 100000000\r\n\r\nsome text"
    )
    .unwrap();
    let mut buf = [0u8; 4096];
    let n = s.read(&mut buf).unwrap();
    let answer = String::from_utf8_lossy(&buf[..n]);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("payload_too_large"), "{answer}");
    drop(s);
    // a chunked body without a length, over the limit
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "POST /api/documents HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    .unwrap();
    let chunk = vec![b'b'; 64 << 10];
    for _ in 0..20 {
        write!(s, "{:x}\r\n", chunk.len()).unwrap();
        s.write_all(&chunk).unwrap();
        s.write_all(b"\r\n").unwrap();
    }
    s.write_all(b"0\r\n\r\n").unwrap();
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    // still serving
    assert_eq!(get(&base, "/api/facets").status, 200);
}

// ---- the OpenAPI document against real responses ----

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.trim_start_matches("#/components/schemas/");
            let target = &doc["components"]["schemas"][name];
            assert!(!target.is_null(), "unresolved {r}");
            target
        }
        None => schema,
    }
}

/// Check `value` against an OpenAPI 3.0 schema: type, nullable, enum, properties (every
/// required key present, no key the schema does not name), items, min/max items.
fn check(doc: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let schema = resolve(doc, schema);
    if value.is_null() {
        if schema["nullable"] != true {
            errors.push(format!("{at}: null but not nullable"));
        }
        return;
    }
    if let Some(options) = schema["enum"].as_array() {
        if !options.contains(value) {
            errors.push(format!("{at}: {value} not in {options:?}"));
        }
    }
    let ty = schema["type"].as_str().unwrap_or("");
    let ok = match ty {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "" => true,
        other => {
            errors.push(format!("{at}: schema type {other} unknown to the checker"));
            true
        }
    };
    if !ok {
        errors.push(format!("{at}: expected {ty}, got {value}"));
        return;
    }
    if let (Some(props), Some(obj)) = (schema["properties"].as_object(), value.as_object()) {
        for req in schema["required"].as_array().into_iter().flatten() {
            let k = req.as_str().unwrap();
            if !obj.contains_key(k) {
                errors.push(format!("{at}: missing {k}"));
            }
        }
        for (k, v) in obj {
            match props.get(k) {
                Some(s) => check(doc, s, v, &format!("{at}.{k}"), errors),
                None => errors.push(format!("{at}: key {k} is not in the schema")),
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), value.as_array()) {
        if let Some(min) = schema["minItems"].as_u64() {
            if (arr.len() as u64) < min {
                errors.push(format!("{at}: fewer than {min} items"));
            }
        }
        if let Some(max) = schema["maxItems"].as_u64() {
            if (arr.len() as u64) > max {
                errors.push(format!("{at}: more than {max} items"));
            }
        }
        for (i, v) in arr.iter().enumerate() {
            check(doc, items, v, &format!("{at}[{i}]"), errors);
        }
    }
}

#[test]
fn checker_catches_mismatches() {
    let doc = serde_json::json!({"components": {"schemas": {"P": {"type": "object",
        "properties": {"a": {"type": "integer"}, "b": {"type": "string", "nullable": true}},
        "required": ["a", "b"]}}}});
    let s = serde_json::json!({"type": "array", "items": {"$ref": "#/components/schemas/P"}});
    let mut e = Vec::new();
    check(
        &doc,
        &s,
        &serde_json::json!([{"a": 1, "b": null}]),
        "$",
        &mut e,
    );
    assert!(e.is_empty(), "{e:?}");
    for bad in [
        serde_json::json!([{"a": "1", "b": null}]),
        serde_json::json!([{"a": 1}]),
        serde_json::json!([{"a": 1, "b": "x", "c": 2}]),
        serde_json::json!([{"a": 1.5, "b": "x"}]),
        serde_json::json!({"a": 1}),
    ] {
        let mut e = Vec::new();
        check(&doc, &s, &bad, "$", &mut e);
        assert!(!e.is_empty(), "{bad} passed");
    }
}

#[test]
fn the_openapi_document_matches_the_real_responses() {
    let base = shared();
    let r = get(base, "/api/openapi.json");
    assert_eq!(r.status, 200);
    let doc = r.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.0"));
    let event_id = all_events(base)[0]["event_id_cnty"]
        .as_str()
        .unwrap()
        .to_string();
    let paths = doc["paths"].as_object().unwrap();
    let documented: BTreeSet<&str> = paths.keys().map(String::as_str).collect();
    let served: BTreeSet<&str> = [
        "/api/events",
        "/api/events/{id}",
        "/api/stats",
        "/api/facets",
        "/api/export.csv",
        "/api/export.geojson",
        "/api/documents",
        "/api/boundaries",
        "/api/boundaries/{name}.geojson",
        "/api/openapi.json",
    ]
    .into_iter()
    .collect();
    assert_eq!(documented, served);
    let mut errors = Vec::new();
    let mut checked = 0;
    for (path, item) in paths {
        let url = path
            .replace("{id}", &event_id)
            .replace("{name}", "test_MLI_1");
        for (method, op) in item.as_object().unwrap() {
            let resp = match method.as_str() {
                "get" => get(base, &url),
                "post" => {
                    // a document the server already holds: answered, nothing changes
                    let d = &demo_docs()[0];
                    let body = serde_json::json!({"id": d.id, "title": d.title, "text": d.text,
                        "published": d.published.map(|p| p.to_string()), "source": d.source});
                    post(
                        base,
                        &url,
                        Some(TOKEN),
                        "application/json",
                        body.to_string().as_bytes(),
                    )
                }
                m => panic!("{path}: method {m} not exercised"),
            };
            let status = resp.status.to_string();
            let spec = &op["responses"][&status];
            assert!(
                !spec.is_null(),
                "{method} {path}: status {status} not documented"
            );
            assert!(
                resp.status < 300,
                "{method} {path}: {status} {}",
                resp.text()
            );
            let content = spec["content"].as_object().unwrap();
            let (ctype, media) = content.iter().next().unwrap();
            assert!(
                resp.content_type.starts_with(ctype.as_str()),
                "{method} {path}: content type {} vs {ctype}",
                resp.content_type
            );
            if ctype.contains("json") {
                check(
                    &doc,
                    &media["schema"],
                    &resp.json(),
                    &format!("{method} {path}"),
                    &mut errors,
                );
            } else {
                assert!(!resp.body.is_empty());
            }
            // every filter parameter the document lists is accepted
            for p in op["parameters"].as_array().into_iter().flatten() {
                let p = if let Some(r) = p["$ref"].as_str() {
                    &doc["components"]["parameters"]
                        [r.trim_start_matches("#/components/parameters/")]
                } else {
                    p
                };
                if p["in"] == "query" {
                    let name = p["name"].as_str().unwrap();
                    let r = get(base, &format!("{url}?{name}="));
                    assert!(r.status < 300, "{path}?{name}= : {}", r.text());
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 10);
    // documented error answers have the Error shape
    for (url, status) in [
        ("/api/events?nope=1", "400"),
        ("/api/events/XMLI-999999", "404"),
        ("/api/boundaries/none.geojson", "404"),
    ] {
        let r = get(base, url);
        assert_eq!(r.status.to_string(), status);
        let path = if url.starts_with("/api/events/") {
            "/api/events/{id}"
        } else if url.starts_with("/api/boundaries/") {
            "/api/boundaries/{name}.geojson"
        } else {
            "/api/events"
        };
        let spec =
            &paths[path]["get"]["responses"][status]["content"]["application/json"]["schema"];
        check(&doc, spec, &r.json(), url, &mut errors);
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
