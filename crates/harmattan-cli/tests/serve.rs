//! `harmattan demo` and `harmattan serve`: the built binary serving on 127.0.0.1 (ephemeral
//! port), queried over HTTP.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::Value;

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "harmattan-serve-test-{}-{}-{tag}",
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

/// A server process, stopped when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Start `harmattan ARGS` and wait for its "serving on http://..." line.
fn spawn(args: &[&str], env: &[(&str, &str)]) -> Server {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_harmattan"));
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .env(
            "HARMATTAN_DATA",
            std::env::temp_dir().join("harmattan-serve-test-no-data"),
        )
        .env_remove("HARMATTAN_TOKEN");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("run harmattan");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let mut said = Vec::new();
    let base = loop {
        match lines.next() {
            Some(Ok(line)) => {
                if let Some(i) = line.find("http://") {
                    let url = line[i..].split_whitespace().next().unwrap();
                    break url.trim_end_matches('/').to_string();
                }
                said.push(line);
            }
            _ => {
                let _ = child.kill();
                panic!("harmattan exited before serving: {said:?}");
            }
        }
    };
    // keep draining stdout so the child never blocks on it
    std::thread::spawn(move || for _ in lines {});
    Server { child, base }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

fn get_json(url: &str) -> (u16, Value) {
    let mut r = agent().get(url).call().expect("GET");
    let status = r.status().as_u16();
    let body = r.body_mut().read_to_string().unwrap();
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

#[test]
fn demo_ingests_the_bundled_corpus_and_serves_the_dashboard() {
    let dir = TempDir::new("demo");
    let db = dir.path("demo.sqlite");
    let server = spawn(
        &[
            "demo",
            "--db",
            db.to_str().unwrap(),
            "--addr",
            "127.0.0.1:0",
        ],
        &[],
    );
    assert!(
        server.base.starts_with("http://127.0.0.1:"),
        "{}",
        server.base
    );
    let (status, v) = get_json(&format!("{}/api/events?limit=1000", server.base));
    assert_eq!(status, 200);
    let events = v["events"].as_array().unwrap();
    assert!(events.len() >= 25, "{} events", events.len());
    let mut countries: Vec<&str> = events
        .iter()
        .map(|e| e["country"].as_str().unwrap())
        .collect();
    countries.sort_unstable();
    countries.dedup();
    assert_eq!(countries, ["Burkina Faso", "Mali", "Niger"]);
    let fused = events
        .iter()
        .filter(|e| e["sources_count"].as_i64().unwrap() > 1)
        .count();
    assert!(fused >= 10, "{fused} events fused from several reports");
    assert!(events
        .iter()
        .any(|e| e["sources_count"].as_i64().unwrap() >= 3));
    let mut r = agent().get(format!("{}/", server.base)).call().unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.body_mut().read_to_string().unwrap().contains("<html"));
    // no token given: the demo takes no documents
    let mut r = agent()
        .post(format!("{}/api/documents", server.base))
        .header("Content-Type", "text/plain")
        .send(&b"x"[..])
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    assert!(r
        .body_mut()
        .read_to_string()
        .unwrap()
        .contains("\"forbidden\""));
    drop(server);

    // the demo makes a fresh database and refuses to reuse one
    let out = Command::new(env!("CARGO_BIN_EXE_harmattan"))
        .args(["demo", "--db", db.to_str().unwrap(), "--no-serve"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("exists"));
}

#[test]
fn serve_takes_documents_with_the_token_from_the_environment() {
    let dir = TempDir::new("serve");
    let db = dir.path("served.sqlite");
    let server = spawn(
        &[
            "serve",
            "--db",
            db.to_str().unwrap(),
            "--addr",
            "127.0.0.1:0",
        ],
        &[("HARMATTAN_TOKEN", "s3cret")],
    );
    let url = format!("{}/api/documents", server.base);
    let text = "Soldiers killed near Djibo\n\nSuspected jihadists killed four soldiers near Djibo, in the Soum province of Burkina Faso, on 3 March 2024, security sources said.";
    let mut r = agent()
        .post(&url)
        .header("Content-Type", "text/plain")
        .header("Authorization", "Bearer wrong")
        .send(text.as_bytes())
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
    assert!(r
        .body_mut()
        .read_to_string()
        .unwrap()
        .contains("\"unauthorized\""));
    let mut r = agent()
        .post(&url)
        .header("Content-Type", "text/plain")
        .header("Authorization", "Bearer s3cret")
        .send(text.as_bytes())
        .unwrap();
    assert_eq!(r.status().as_u16(), 201);
    let v: Value = serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
    assert_eq!(v["status"], "new");
    let (status, ev) = get_json(&format!("{}/api/events", server.base));
    assert_eq!(status, 200);
    assert_eq!(ev["total"], 1);
    assert_eq!(ev["events"][0]["location"], "Djibo");
    drop(server);
    // the stored event is in the file, for the other commands
    let out = Command::new(env!("CARGO_BIN_EXE_harmattan"))
        .args(["events", "--db", db.to_str().unwrap(), "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Djibo"));
}
