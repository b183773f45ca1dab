//! Integration tests of `harmattan gazetteer` and `harmattan geocode`, run on files written
//! here, with a data directory of their own.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "harmattan-gaz-test-{}-{}-{tag}",
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

fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_harmattan"))
        .args(args)
        .env("HARMATTAN_DATA", data)
        .output()
        .expect("run harmattan")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A GeoNames-format dump of two made-up places (ids out of GeoNames' range) and one malformed
/// line.
const DUMP: &str = "\
90000001\tKoumbiri Test\tKoumbiri Test\tKumbiri Test\t14.1000\t-1.6000\tP\tPPL\tBF\t\t52\t\t\t\t300\t\t300\tAfrica/Ouagadougou\t2024-01-01
90000002\tSabce Test\tSabce Test\t\t13.2000\t-1.2000\tP\tPPL\tBF\t\t52\t\t\t\t200\t\t300\tAfrica/Ouagadougou\t2024-01-01
this line is not a GeoNames row
";

#[test]
fn import_twice_list_remove() {
    let t = TempDir::new("import");
    let data = t.path("data");
    let f = t.path("places.txt");
    std::fs::write(&f, DUMP).unwrap();
    let d = data.to_str().unwrap();
    let fs = f.to_str().unwrap();

    let o = run(&data, &["gazetteer", "import", fs]);
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(out(&o).trim()).unwrap();
    assert_eq!(v["added"], 2);
    assert_eq!(v["skipped"], 1);
    // the malformed row is reported with its line number
    assert!(err(&o).contains("places.txt:3:"), "{}", err(&o));

    // the same file under another name adds nothing
    let o = run(
        &data,
        &[
            "gazetteer",
            "--data-dir",
            d,
            "import",
            fs,
            "--name",
            "again",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(out(&o).trim()).unwrap();
    assert_eq!(
        (v["added"].as_u64(), v["already_held"].as_u64()),
        (Some(0), Some(2))
    );

    let o = run(&data, &["gazetteer", "list"]);
    let listed = out(&o);
    assert!(
        listed.contains("places\t") && listed.contains("again\t"),
        "{listed}"
    );

    // geocode sees the imported places
    let o = run(
        &data,
        &["geocode", "Gunmen attacked the market in Kumbiri Test."],
    );
    assert!(out(&o).contains("choice: Koumbiri Test"), "{}", out(&o));

    let o = run(&data, &["gazetteer", "remove", "again"]);
    assert!(o.status.success());
    let o = run(&data, &["gazetteer", "list"]);
    assert!(!out(&o).contains("again\t"), "{}", out(&o));
    let o = run(&data, &["gazetteer", "remove", "again"]);
    assert!(!o.status.success());
}

#[test]
fn import_csv_with_columns() {
    let t = TempDir::new("csv");
    let data = t.path("data");
    let f = t.path("villages.csv");
    std::fs::write(
        &f,
        "nom;y;x;pays\nDiallo Test;14.5;-4.1;ML\nBad Row Test;north;-4.1;ML\n",
    )
    .unwrap();
    let o = run(
        &data,
        &[
            "gazetteer",
            "import",
            f.to_str().unwrap(),
            "--format",
            "csv",
            "--columns",
            "name=nom,lat=y,lon=x,country=pays",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        err(&o).contains("villages.csv:3: bad coordinates"),
        "{}",
        err(&o)
    );
    let o = run(
        &data,
        &[
            "gazetteer",
            "import",
            f.to_str().unwrap(),
            "--columns",
            "nome=nom",
        ],
    );
    assert!(!o.status.success());
    assert!(err(&o).contains("unknown field"), "{}", err(&o));
}

#[test]
fn geocode_prints_candidates_and_choice() {
    let t = TempDir::new("geocode");
    let data = t.path("data");
    let o = run(
        &data,
        &["geocode", "Gunmen killed two herders in Boka (Noumbiel)."],
    );
    assert!(o.status.success(), "{}", err(&o));
    let s = out(&o);
    assert!(s.contains("Seno") && s.contains("Noumbiel"), "{s}");
    assert!(
        s.contains("choice: Boka (Noumbiel, Sud-Ouest, Burkina Faso)"),
        "{s}"
    );
    let o = run(&data, &["geocode", "--json", "Nothing here."]);
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert!(v["choice"].is_null());
}
