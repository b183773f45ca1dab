//! Reading documents: `.txt` files, `.jsonl` files, directories and stdin, one document at a
//! time with bounded memory. Problems become [`Item::Error`] messages naming the file (and
//! line); reading goes on with the next line or file.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use harmattan_core::Document;
use serde_json::Value;

/// Largest document (a `.txt` file, stdin text, or one JSONL line).
pub const MAX_DOC_BYTES: u64 = 16 * 1024 * 1024;

/// Where documents come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input: JSONL when the first non-blank byte is `{`, text otherwise.
    Stdin,
    /// A file; `name` is what document ids are built from.
    File {
        /// Path to open.
        path: PathBuf,
        /// Name used in ids (file name, or path relative to the directory given).
        name: String,
    },
}

/// One thing read from the inputs.
#[derive(Debug)]
pub enum Item {
    /// A document; `published` is `None` when the input carried no date.
    Doc(Box<Document>),
    /// A problem that skipped a file or a line (counts as an error).
    Error(String),
    /// A problem that did not skip anything.
    Warning(String),
}

/// Expand the command-line inputs: directories become their `.txt` and `.jsonl` files
/// (recursively, sorted, hidden entries skipped). Problems come back as errors in order.
pub fn expand_inputs(args: &[String]) -> Vec<Result<Source, String>> {
    let mut out = Vec::new();
    for arg in args {
        if arg == "-" {
            out.push(Ok(Source::Stdin));
            continue;
        }
        let path = PathBuf::from(arg);
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk_dir(&path, &path, &mut out),
            Ok(_) => {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| arg.clone());
                out.push(Ok(Source::File { path, name }));
            }
            Err(e) => out.push(Err(format!("{arg}: cannot read: {}", io_msg(&e)))),
        }
    }
    out
}

fn walk_dir(root: &Path, dir: &Path, out: &mut Vec<Result<Source, String>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out.push(Err(format!(
                "{}: cannot read directory: {}",
                dir.display(),
                io_msg(&e)
            )));
            return;
        }
    };
    let mut paths: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                out.push(Err(format!("{}: {}", dir.display(), io_msg(&e))));
                continue;
            }
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        // symlinked directories are not followed (no loops); symlinked files are read
        let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
        paths.push((path, is_dir));
    }
    paths.sort();
    for (path, is_dir) in paths {
        if is_dir {
            walk_dir(root, &path, out);
        } else if is_doc_file(&path) {
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            out.push(Ok(Source::File { path, name }));
        }
    }
}

fn is_doc_file(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    ext == "txt" || is_jsonl_ext(&ext)
}

fn is_jsonl_ext(ext: &str) -> bool {
    ext == "jsonl" || ext == "ndjson"
}

/// Whether a path names a JSONL file by its extension.
pub fn is_jsonl_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| is_jsonl_ext(&e.to_string_lossy().to_ascii_lowercase()))
}

/// An I/O error message without Rust's `(os error N)` noise.
pub fn io_msg(e: &io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Read every document of `source`, handing each document or problem to `sink`.
pub fn read_source(source: &Source, sink: &mut dyn FnMut(Item)) {
    match source {
        Source::Stdin => read_stdin(sink),
        Source::File { path, name } => read_file(path, name, sink),
    }
}

fn read_file(path: &Path, name: &str, sink: &mut dyn FnMut(Item)) {
    let shown = path.display().to_string();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return sink(Item::Error(format!("{shown}: cannot open: {}", io_msg(&e)))),
    };
    let meta = match file.metadata() {
        Ok(m) => m,
        Err(e) => return sink(Item::Error(format!("{shown}: cannot read: {}", io_msg(&e)))),
    };
    if meta.is_dir() {
        return sink(Item::Error(format!("{shown}: is a directory")));
    }
    if is_jsonl_path(path) {
        if meta.len() == 0 {
            return sink(Item::Error(format!("{shown}: empty file")));
        }
        read_jsonl(BufReader::new(file), &shown, name, sink);
    } else {
        if meta.len() > MAX_DOC_BYTES {
            return sink(Item::Error(format!(
                "{shown}: file is {} bytes, over the {} MiB limit for one document; skipped",
                meta.len(),
                MAX_DOC_BYTES >> 20
            )));
        }
        read_text(file, &shown, name, sink);
    }
}

fn read_text(reader: impl Read, shown: &str, id: &str, sink: &mut dyn FnMut(Item)) {
    let mut bytes = Vec::new();
    if let Err(e) = reader.take(MAX_DOC_BYTES + 1).read_to_end(&mut bytes) {
        return sink(Item::Error(format!("{shown}: cannot read: {}", io_msg(&e))));
    }
    if bytes.len() as u64 > MAX_DOC_BYTES {
        return sink(Item::Error(format!(
            "{shown}: over the {} MiB limit for one document; skipped",
            MAX_DOC_BYTES >> 20
        )));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return sink(Item::Error(format!(
                "{shown}: invalid UTF-8 at byte {}; skipped",
                e.utf8_error().valid_up_to()
            )))
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.trim().is_empty() {
        return sink(Item::Error(format!("{shown}: empty file")));
    }
    sink(Item::Doc(Box::new(text_document(id, text))))
}

/// A document from plain text: the first line is the title when a blank line follows it.
pub fn text_document(id: &str, text: String) -> Document {
    let mut lines = text.lines();
    let title = match (lines.next(), lines.next()) {
        (Some(first), Some(second)) if !first.trim().is_empty() && second.trim().is_empty() => {
            Some(first.trim().to_string())
        }
        _ => None,
    };
    Document {
        id: id.to_string(),
        title,
        text,
        ..Document::default()
    }
}

fn read_stdin(sink: &mut dyn FnMut(Item)) {
    let stdin = io::stdin();
    let mut reader = stdin.lock();
    // peek at the first non-blank byte without losing anything
    let mut prefix = Vec::new();
    let first = loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) => return sink(Item::Error(format!("<stdin>: cannot read: {}", io_msg(&e)))),
        };
        if buf.is_empty() {
            break None;
        }
        let n = buf
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(buf.len());
        let found = buf.get(n).copied();
        if prefix.len() as u64 <= MAX_DOC_BYTES {
            prefix.extend_from_slice(&buf[..n]);
        }
        reader.consume(n);
        if found.is_some() {
            break found;
        }
    };
    match first {
        None => sink(Item::Error("<stdin>: empty input".to_string())),
        // the consumed blank prefix goes back in front so line numbers stay physical
        Some(b'{') => read_jsonl(
            io::Cursor::new(prefix).chain(reader),
            "<stdin>",
            "<stdin>",
            sink,
        ),
        Some(_) => read_text(
            io::Cursor::new(prefix).chain(reader),
            "<stdin>",
            "<stdin>",
            sink,
        ),
    }
}

/// Read one line (without the newline) of at most `limit` bytes into `buf`. Returns
/// `Ok(None)` at end of input, `Ok(Some(false))` when the line was longer than `limit` (the
/// rest of it is skipped without being stored), `Ok(Some(true))` otherwise.
pub fn read_line_limited(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: u64,
) -> io::Result<Option<bool>> {
    buf.clear();
    let n = reader.by_ref().take(limit + 1).read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        return Ok(Some(true));
    }
    if (buf.len() as u64) <= limit {
        return Ok(Some(true)); // last line without a newline
    }
    // too long: skip to the end of the line
    buf.clear();
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                break;
            }
            None => {
                let len = chunk.len();
                reader.consume(len);
            }
        }
    }
    Ok(Some(false))
}

/// Read JSONL documents line by line.
pub fn read_jsonl(mut reader: impl BufRead, shown: &str, name: &str, sink: &mut dyn FnMut(Item)) {
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    let mut any = false;
    loop {
        line_no += 1;
        let complete = match read_line_limited(&mut reader, &mut buf, MAX_DOC_BYTES) {
            Ok(None) => break,
            Ok(Some(c)) => c,
            Err(e) => {
                sink(Item::Error(format!(
                    "{shown}:{line_no}: cannot read: {}",
                    io_msg(&e)
                )));
                break;
            }
        };
        if !complete {
            any = true;
            sink(Item::Error(format!(
                "{shown}:{line_no}: line over the {} MiB limit; skipped",
                MAX_DOC_BYTES >> 20
            )));
            continue;
        }
        let mut bytes = &buf[..];
        if line_no == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        let line = match std::str::from_utf8(bytes) {
            Ok(l) => l,
            Err(e) => {
                any = true;
                sink(Item::Error(format!(
                    "{shown}:{line_no}: invalid UTF-8 at byte {}; skipped",
                    e.valid_up_to()
                )));
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        any = true;
        match parse_jsonl_doc(line, name, line_no) {
            Ok((doc, warning)) => {
                if let Some(w) = warning {
                    sink(Item::Warning(format!("{shown}:{line_no}: {w}")));
                }
                sink(Item::Doc(Box::new(doc)));
            }
            Err(msg) => sink(Item::Error(format!("{shown}:{line_no}: {msg}"))),
        }
    }
    if !any {
        sink(Item::Error(format!("{shown}: empty file")));
    }
}

/// serde_json's message without its "at line 1 column N" suffix.
pub fn json_msg(e: &serde_json::Error) -> String {
    let s = e.to_string();
    let s = match s.rfind(" at line ") {
        Some(i) => &s[..i],
        None => &s,
    };
    format!("malformed JSON at column {}: {s}", e.column())
}

/// A string field of a JSON object (numbers are accepted and printed).
pub fn str_field(obj: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn parse_jsonl_doc(
    line: &str,
    name: &str,
    line_no: usize,
) -> Result<(Document, Option<String>), String> {
    let value: Value = serde_json::from_str(line).map_err(|e| json_msg(&e))?;
    let Value::Object(obj) = value else {
        return Err("expected a JSON object; skipped".to_string());
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::String(_)) => return Err("empty \"text\"; skipped".to_string()),
        Some(_) => return Err("\"text\" is not a string; skipped".to_string()),
        None => return Err("no \"text\" field; skipped".to_string()),
    };
    let id = str_field(&obj, "id")
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| format!("{name}:{line_no}"));
    let mut warning = None;
    let published = match str_field(&obj, "published") {
        Some(p) if !p.trim().is_empty() => {
            let d = parse_date(&p);
            if d.is_none() {
                warning = Some(format!(
                    "cannot read \"published\" {p:?} (want YYYY-MM-DD or YYYY-MM-DD HH:MM); using the default date"
                ));
            }
            d
        }
        _ => None,
    };
    let nonempty = |k: &str| str_field(&obj, k).filter(|s| !s.trim().is_empty());
    Ok((
        Document {
            id,
            title: nonempty("title"),
            text,
            published,
            source: nonempty("source"),
            url: nonempty("url"),
        },
        warning,
    ))
}

/// Parse a date: `YYYY-MM-DD` (optionally followed by a time, `YYYY-MM-DD HH:MM` or
/// `YYYY-MM-DDTHH:MM:SSZ`), or the legacy ACLED forms `16 February 2021`, `16-Feb-21`,
/// `16/02/2021`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() >= 10 && s.is_char_boundary(10) {
        let (day, rest) = s.split_at(10);
        if rest.is_empty() || rest.starts_with([' ', 'T', 't']) {
            if let Ok(d) = NaiveDate::parse_from_str(day, "%Y-%m-%d") {
                return Some(d);
            }
        }
    }
    for fmt in [
        "%d %B %Y",
        "%d-%b-%y",
        "%d-%B-%Y",
        "%d/%m/%Y",
        "%B %d, %Y",
        "%Y/%m/%d",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect_jsonl(data: &str) -> Vec<Item> {
        let mut items = Vec::new();
        read_jsonl(
            io::Cursor::new(data.as_bytes()),
            "f.jsonl",
            "f.jsonl",
            &mut |i| items.push(i),
        );
        items
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2021, 2, 16).unwrap();
        for s in [
            "2021-02-16",
            "2021-02-16 10:30",
            "2021-02-16T10:30:00Z",
            "16 February 2021",
            "16-Feb-21",
            "16/02/2021",
            " 2021-02-16 ",
        ] {
            assert_eq!(parse_date(s), Some(d), "{s}");
        }
        assert_eq!(parse_date("2021-02-30"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2021-02-16x"), None);
        assert_eq!(parse_date("é2021-02-16"), None);
    }

    #[test]
    fn title_only_when_blank_line_follows() {
        let d = text_document("a.txt", "Headline\n\nBody text.".into());
        assert_eq!(d.title.as_deref(), Some("Headline"));
        assert_eq!(d.text, "Headline\n\nBody text.");
        let d = text_document("a.txt", "Line one\nLine two".into());
        assert_eq!(d.title, None);
    }

    #[test]
    fn jsonl_lines() {
        let items = collect_jsonl(
            "{\"id\":\"x\",\"text\":\"Hello\",\"published\":\"2021-02-16 10:00\"}\n\n{bad\n{\"title\":\"t\"}\n[1]\n{\"id\":7,\"text\":\"Two\",\"published\":\"soon\"}",
        );
        let summary: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::Doc(d) => format!("doc {} {:?}", d.id, d.published),
                Item::Error(e) => format!("err {e}"),
                Item::Warning(w) => format!("warn {w}"),
            })
            .collect();
        assert_eq!(summary.len(), 6, "{summary:?}");
        assert_eq!(summary[0], "doc x Some(2021-02-16)");
        assert!(summary[1].starts_with("err f.jsonl:3: malformed JSON"));
        assert!(summary[2].starts_with("err f.jsonl:4: no \"text\""));
        assert!(summary[3].starts_with("err f.jsonl:5: expected a JSON object"));
        assert!(summary[4].starts_with("warn f.jsonl:6: cannot read \"published\""));
        assert_eq!(summary[5], "doc 7 None");
    }

    #[test]
    fn jsonl_default_id_and_empty() {
        let items = collect_jsonl("{\"text\":\"a\"}\r\n");
        assert!(matches!(&items[0], Item::Doc(d) if d.id == "f.jsonl:1" && d.text == "a"));
        let items = collect_jsonl("\n  \n");
        assert!(matches!(&items[0], Item::Error(e) if e == "f.jsonl: empty file"));
    }

    #[test]
    fn long_lines_are_skipped_not_stored() {
        let mut data = b"aaaaaaaaaa\nbb\n".to_vec();
        data.extend_from_slice(b"ccc");
        let mut r = io::Cursor::new(data);
        let mut buf = Vec::new();
        assert_eq!(read_line_limited(&mut r, &mut buf, 4).unwrap(), Some(false));
        assert_eq!(read_line_limited(&mut r, &mut buf, 4).unwrap(), Some(true));
        assert_eq!(buf, b"bb");
        assert_eq!(read_line_limited(&mut r, &mut buf, 4).unwrap(), Some(true));
        assert_eq!(buf, b"ccc");
        assert_eq!(read_line_limited(&mut r, &mut buf, 4).unwrap(), None);
    }
}
