//! The dashboard end to end: the real `harmattan demo` server on 127.0.0.1 (a fresh SQLite
//! file, the bundled demo corpus, admin boundaries written here) and real headless Chromium
//! driven through chromedriver's W3C WebDriver HTTP API. It opens the dashboard, sees the
//! markers, filters to one admin 1 and sees the count change, opens an event and checks that
//! the highlighted evidence covers exactly the API's byte spans, and saves screenshots under
//! `target/e2e/`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them); without them the
//! test fails and says so.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// How long a page condition may take to hold: generous, as CI machines are shared.
const PATIENCE: Duration = Duration::from_secs(90);

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "harmattan-e2e-{}-{}-{tag}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A child process killed when the test ends, pass or fail.
struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("bind an ephemeral port on 127.0.0.1")
        .port()
}

fn agent() -> ureq::Agent {
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build();
    ureq::Agent::new_with_config(config)
}

/// GET a URL: (status, body).
fn get(agent: &ureq::Agent, url: &str) -> Result<(u16, String), String> {
    let mut resp = agent.get(url).call().map_err(|e| e.to_string())?;
    let status = resp.status().as_u16();
    let body = resp
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_string()
        .map_err(|e| e.to_string())?;
    Ok((status, body))
}

fn get_json(agent: &ureq::Agent, url: &str) -> Value {
    let (status, body) = get(agent, url).unwrap_or_else(|e| panic!("GET {url}: {e}"));
    assert_eq!(status, 200, "GET {url}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {url}: not JSON ({e}): {body}"))
}

/// Polls `ready` until it returns Some, for at most PATIENCE; panics with `what` otherwise.
fn wait_until<T>(what: &str, mut ready: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = ready() {
            return v;
        }
        assert!(
            start.elapsed() < PATIENCE,
            "gave up after {PATIENCE:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(150));
    }
}

/// A W3C WebDriver session on chromedriver.
struct Browser {
    agent: ureq::Agent,
    base: String,
    session: String,
}

impl Browser {
    fn send(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let resp = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, body) => self
                .agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.unwrap_or_else(|| json!({})).to_string()),
        };
        let mut resp = resp.unwrap_or_else(|e| panic!("WebDriver {method} {path}: {e}"));
        let text = resp
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .unwrap_or_else(|e| panic!("WebDriver {method} {path}: {e}"));
        let v: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("WebDriver {method} {path}: not JSON ({e}): {text}"));
        if let Some(err) = v["value"]["error"].as_str() {
            panic!(
                "WebDriver {method} {path}: {err}: {}",
                v["value"]["message"].as_str().unwrap_or("")
            );
        }
        v["value"].clone()
    }

    fn cmd(&self, method: &str, what: &str, body: Option<Value>) -> Value {
        self.send(method, &format!("/session/{}{what}", self.session), body)
    }

    fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })));
    }

    fn js(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    /// Waits until `script` (a JS expression) is truthy; returns its value.
    fn wait_js(&self, what: &str, expr: &str) -> Value {
        let script = format!("try {{ return ({expr}); }} catch (e) {{ return null; }}");
        wait_until(what, || {
            let v = self.js(&script);
            let truthy = match &v {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::Number(n) => n.as_f64() != Some(0.0),
                Value::String(s) => !s.is_empty(),
                _ => true,
            };
            truthy.then_some(v)
        })
    }

    /// Sizes the window so that the page's viewport is `w` × `h` CSS pixels.
    fn viewport(&self, w: i64, h: i64) {
        self.cmd(
            "POST",
            "/window/rect",
            Some(json!({ "width": w, "height": h })),
        );
        let v = self.js("return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]");
        let (dw, dh) = (v[0].as_i64().unwrap_or(0), v[1].as_i64().unwrap_or(0));
        if dw > 0 || dh > 0 {
            self.cmd(
                "POST",
                "/window/rect",
                Some(json!({ "width": w + dw, "height": h + dh })),
            );
        }
    }

    fn find(&self, css: &str) -> String {
        let v = self.cmd(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        );
        v.as_object()
            .and_then(|o| o.values().next())
            .and_then(|id| id.as_str())
            .unwrap_or_else(|| panic!("no element id for {css}: {v}"))
            .to_string()
    }

    fn click(&self, css: &str) {
        let id = self.find(css);
        self.cmd("POST", &format!("/element/{id}/click"), None);
    }

    fn screenshot(&self, path: &Path) {
        let v = self.cmd("GET", "/screenshot", None);
        let png = base64_decode(v.as_str().expect("screenshot as base64"));
        assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self
            .agent
            .delete(&format!("{}/session/{}", self.base, self.session))
            .call();
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

fn start_browser(dir: &Path) -> (Proc, Browser) {
    for (bin, pkg) in [(CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")] {
        assert!(
            Path::new(bin).exists(),
            "the dashboard end-to-end test needs {bin}: install it with \
             `apt-get install -y chromium chromium-driver` (.ci/run does) — package {pkg} is missing"
        );
    }
    let port = free_port();
    let driver = Proc(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    let agent = agent();
    let base = format!("http://127.0.0.1:{port}");
    wait_until("chromedriver to answer /status", || {
        let (_, body) = get(&agent, &format!("{base}/status")).ok()?;
        let v: Value = serde_json::from_str(&body).ok()?;
        v["value"]["ready"].as_bool().filter(|r| *r)
    });
    let profile = dir.join("chromium-profile");
    std::fs::create_dir_all(&profile).unwrap();
    let caps = json!({ "capabilities": { "alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,900", "--hide-scrollbars",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    }}});
    let mut resp = agent
        .post(&format!("{base}/session"))
        .header("Content-Type", "application/json")
        .send(caps.to_string())
        .expect("create a WebDriver session");
    let body = resp.body_mut().read_to_string().unwrap();
    let v: Value = serde_json::from_str(&body).unwrap();
    let session = v["value"]["sessionId"]
        .as_str()
        .unwrap_or_else(|| panic!("chromedriver could not start {CHROMIUM}: {body}"))
        .to_string();
    (
        driver,
        Browser {
            agent,
            base,
            session,
        },
    )
}

/// Starts `harmattan demo` on a free port with a fresh database; returns it and its base URL.
fn start_demo(dir: &Path, boundaries: &Path) -> (Proc, String) {
    std::fs::create_dir_all(dir).unwrap();
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_harmattan"))
        .arg("demo")
        .arg("--db")
        .arg(dir.join("demo.db"))
        .arg("--addr")
        .arg(&addr)
        .arg("--boundaries")
        .arg(boundaries)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start harmattan demo");
    // keep the server's messages for the failure report, and keep its pipe drained
    let stderr = child.stderr.take().unwrap();
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            sink.lock().unwrap().push_str(&(line + "\n"));
        }
    });
    let mut proc = Proc(child);
    let base = format!("http://{addr}");
    let agent = agent();
    let start = Instant::now();
    loop {
        if let Ok((200, _)) = get(&agent, &format!("{base}/api/facets")) {
            break;
        }
        if let Ok(Some(status)) = proc.0.try_wait() {
            panic!(
                "harmattan demo exited ({status}) before serving:\n{}",
                log.lock().unwrap()
            );
        }
        assert!(
            start.elapsed() < PATIENCE,
            "harmattan demo did not serve {base}/api/facets within {PATIENCE:?}:\n{}",
            log.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(150));
    }
    (proc, base)
}

/// Admin boundaries made up for the test (no GADM file is committed): for each admin 1 of the
/// bundled demo corpus, a rectangle around its events, named as GADM names its properties.
fn write_boundaries(dir: &Path, features: &Value) {
    let mut boxes: Vec<(String, String, [f64; 4])> = Vec::new();
    for f in features["features"].as_array().unwrap() {
        let p = &f["properties"];
        let (Some(lon), Some(lat)) = (
            f["geometry"]["coordinates"][0].as_f64(),
            f["geometry"]["coordinates"][1].as_f64(),
        ) else {
            continue;
        };
        let (country, admin1) = (
            p["country"].as_str().unwrap_or("").to_string(),
            p["admin1"].as_str().unwrap_or("").to_string(),
        );
        if admin1.is_empty() {
            continue;
        }
        match boxes
            .iter_mut()
            .find(|(c, a, _)| *c == country && *a == admin1)
        {
            Some((_, _, b)) => {
                *b = [b[0].min(lon), b[1].min(lat), b[2].max(lon), b[3].max(lat)];
            }
            None => boxes.push((country, admin1, [lon, lat, lon, lat])),
        }
    }
    let feats: Vec<Value> = boxes
        .iter()
        .map(|(country, admin1, b)| {
            let [w, s, e, n] = [b[0] - 0.3, b[1] - 0.3, b[2] + 0.3, b[3] + 0.3];
            json!({"type": "Feature",
                "properties": {"NAME_0": country, "NAME_1": admin1.to_uppercase()},
                "geometry": {"type": "Polygon",
                    "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}})
        })
        .collect();
    assert!(!feats.is_empty(), "no located event with an admin 1");
    let fc = json!({"type": "FeatureCollection", "features": feats});
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("test_admin_1.geojson"), fc.to_string()).unwrap();
}

fn target_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is <target>/tmp
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// UTF-16 offset of a UTF-8 byte offset of `text`.
fn utf16_at(text: &str, byte: usize) -> usize {
    text[..byte].encode_utf16().count()
}

/// Sorted, merged ranges.
fn union(mut r: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    r.sort();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (a, b) in r {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

#[test]
fn dashboard_shows_filters_and_traces_evidence_in_chromium() {
    let tmp = TempDir::new("dashboard");
    let agent = agent();

    // The demo first without boundaries, to learn where its events are; then again with
    // boundaries drawn around them.
    let empty = tmp.0.join("no-boundaries");
    std::fs::create_dir_all(&empty).unwrap();
    let features = {
        let (_server, base) = start_demo(&tmp.0.join("probe"), &empty);
        get_json(&agent, &format!("{base}/api/export.geojson"))
    };
    let bdir = tmp.0.join("boundaries");
    write_boundaries(&bdir, &features);
    let (_server, base) = start_demo(&tmp.0.join("run"), &bdir);

    // what the API says, to compare the page with
    let total = get_json(&agent, &format!("{base}/api/events?limit=1"))["total"]
        .as_u64()
        .unwrap();
    assert!(total > 1, "the demo corpus gives {total} events");
    let stats = get_json(&agent, &format!("{base}/api/stats"));
    let (admin1, expected) = stats["by_admin1"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| {
            let name = r["key"].as_str()?.to_string();
            let url = format!("{base}/api/events?limit=1&admin1={}", encode(&name));
            let n = get_json(&agent, &url)["total"].as_u64()?;
            (n > 0 && n < total).then_some((name, n))
        })
        .next()
        .expect("an admin 1 with some but not all of the events");

    let (_driver, browser) = start_browser(&tmp.0);
    browser.viewport(1440, 900);
    browser.goto(&format!("{base}/"));

    // the markers and the count
    browser.wait_js(
        "the dashboard to load its events",
        "document.body.dataset.ready === 'true'",
    );
    let shown = browser
        .wait_js(
            "the event count",
            "document.querySelector('#event-count').dataset.count",
        )
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        shown,
        total.to_string(),
        "#event-count shows the API's total"
    );
    let markers = browser
        .wait_js(
            "markers on the map",
            "document.querySelectorAll('#map .ev-marker, #map .ev-cluster').length",
        )
        .as_u64()
        .unwrap();
    assert!(markers > 0, "no marker on the map");
    let rows = browser
        .js("return document.querySelectorAll('#event-list tbody tr[data-id]').length")
        .as_u64()
        .unwrap();
    assert_eq!(rows, total.min(50), "the list shows the first page");
    // the country outlines and the choropleth of the boundaries served by --boundaries
    browser.wait_js(
        "the Natural Earth country outlines",
        "document.querySelectorAll('.leaflet-countries-pane path').length > 100",
    );
    let shaded = browser.wait_js(
        "the admin 1 choropleth",
        "[...document.querySelectorAll('path.admin1-region')].filter(p => Number(p.dataset.events) > 0).length",
    );
    assert!(shaded.as_u64().unwrap() > 0);
    let timeline_bars = browser
        .js("return document.querySelectorAll('#timeline rect.tl-bar').length")
        .as_u64()
        .unwrap();
    assert!(timeline_bars > 0, "the timeline has no bar");
    let shots = target_dir().join("e2e");
    browser.screenshot(&shots.join("dashboard.png"));

    // filter to one admin 1 with the real select
    browser.click("#f-admin1");
    browser.click(&format!(
        "#f-admin1 option[value=\"{}\"]",
        admin1.replace('\\', "\\\\").replace('"', "\\\"")
    ));
    let expect = expected.to_string();
    browser.wait_js(
        &format!("the count to become {expected} for admin 1 {admin1}"),
        &format!("document.querySelector('#event-count').dataset.count === '{expect}' && document.body.dataset.ready === 'true'"),
    );
    assert!(
        browser
            .js("return location.hash")
            .as_str()
            .unwrap()
            .contains("admin1="),
        "the filter is in the URL"
    );
    let listed = browser
        .wait_js(
            "the list to follow the filter",
            &format!("document.querySelectorAll('#event-list tbody tr[data-id]').length === {} && document.querySelectorAll('#event-list tbody tr[data-id]').length", expected.min(50)),
        )
        .as_u64()
        .unwrap();
    assert_eq!(listed, expected.min(50));

    // open the first event of the list and find its evidence highlighted
    let id = browser
        .js("return document.querySelector('#event-list tbody tr[data-id]').dataset.id")
        .as_str()
        .unwrap()
        .to_string();
    browser.click("#event-list tbody tr[data-id]");
    browser.wait_js(
        "the event view with a highlighted evidence span",
        &format!("document.querySelector('#detail').dataset.loaded === '{id}' && document.querySelectorAll('#detail mark[data-field]').length"),
    );
    let detail = get_json(&agent, &format!("{base}/api/events/{}", encode(&id)));
    let sources = detail["sources"].as_array().unwrap();
    assert!(!sources.is_empty(), "event {id} has no source");
    // the page's marks, per source, as UTF-16 ranges with their fields
    let marks = browser.js(
        "return [...document.querySelectorAll('#detail .source-text')].map(div => {
            const out = []; let pos = 0;
            const walk = (n) => {
                if (n.nodeType === 3) { pos += n.data.length; return; }
                const start = pos;
                n.childNodes.forEach(walk);
                if (n.nodeName === 'MARK') out.push([start, pos, n.dataset.field]);
            };
            div.childNodes.forEach(walk);
            return { text: div.textContent, marks: out };
        })",
    );
    let marks = marks.as_array().unwrap();
    assert_eq!(marks.len(), sources.len(), "one text per source");
    let mut checked = 0;
    for (src, page) in sources.iter().zip(marks) {
        let text = src["text"].as_str().unwrap();
        assert_eq!(
            page["text"].as_str().unwrap(),
            text,
            "the source text as stored"
        );
        let mut fields: Vec<&str> = src["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["field"].as_str())
            .collect();
        fields.sort();
        fields.dedup();
        for field in fields {
            let want = union(
                src["evidence"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|e| e["field"] == field)
                    .map(|e| {
                        let (s, t) = (
                            e["start"].as_u64().unwrap() as usize,
                            e["end"].as_u64().unwrap() as usize,
                        );
                        assert_eq!(e["text"].as_str().unwrap(), &text[s..t], "evidence text");
                        (utf16_at(text, s), utf16_at(text, t))
                    })
                    .filter(|(s, t)| t > s)
                    .collect(),
            );
            let got = union(
                page["marks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|m| m[2].as_str().unwrap().split(' ').any(|f| f == field))
                    .map(|m| {
                        (
                            m[0].as_u64().unwrap() as usize,
                            m[1].as_u64().unwrap() as usize,
                        )
                    })
                    .collect(),
            );
            assert_eq!(got, want, "highlighted ranges of {field} in event {id}");
            checked += 1;
        }
    }
    assert!(checked > 0, "event {id} has no evidence");
    browser.screenshot(&shots.join("dashboard-event.png"));
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
