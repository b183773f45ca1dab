//! Inputs of `harmattan ingest`: `.txt`, `.jsonl`, `.html`, RSS/Atom feed files,
//! directories of those, `-` for stdin, and `http(s)://` URLs of pages or feeds. Each input
//! yields documents or error messages naming the file (and line); one bad input never stops
//! the others.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use harmattan_core::Document;

use crate::input::{self, io_msg, Item, MAX_DOC_BYTES};
use crate::{feed, html};

/// What a file or response holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Jsonl,
    Html,
    Feed,
}

fn kind_by_ext(path: &Path) -> Option<Kind> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())?;
    Some(match ext.as_str() {
        "txt" | "text" => Kind::Text,
        "jsonl" | "ndjson" => Kind::Jsonl,
        "html" | "htm" | "xhtml" => Kind::Html,
        "xml" | "rss" | "atom" => Kind::Feed,
        _ => return None,
    })
}

/// Read every input, handing documents and problems to `sink`.
pub fn read_inputs(args: &[String], sink: &mut dyn FnMut(Item)) {
    for arg in args {
        if arg.starts_with("http://") || arg.starts_with("https://") {
            read_url(arg, sink);
        } else if arg == "-" {
            input::read_source(&input::Source::Stdin, sink);
        } else {
            let path = PathBuf::from(arg);
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => {
                    let mut files = Vec::new();
                    walk(&path, &mut files, sink);
                    for f in files {
                        read_path(&f, &path, sink);
                    }
                }
                Ok(_) => read_path(&path, path.parent().unwrap_or(Path::new("")), sink),
                Err(e) => sink(Item::Error(format!("{arg}: cannot read: {}", io_msg(&e)))),
            }
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, sink: &mut dyn FnMut(Item)) {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            return sink(Item::Error(format!(
                "{}: cannot read directory: {}",
                dir.display(),
                io_msg(&e)
            )))
        }
    };
    let mut entries: Vec<(PathBuf, bool)> = rd
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| (e.path(), e.file_type().map(|t| t.is_dir()).unwrap_or(false)))
        .collect();
    entries.sort();
    for (p, is_dir) in entries {
        if is_dir {
            walk(&p, out, sink);
        } else if kind_by_ext(&p).is_some() {
            out.push(p);
        }
    }
}

/// The first NUL byte, a sign of a binary file.
fn binary_at(bytes: &[u8]) -> Option<usize> {
    bytes.iter().take(64 * 1024).position(|&b| b == 0)
}

fn read_path(path: &Path, root: &Path, sink: &mut dyn FnMut(Item)) {
    let shown = path.display().to_string();
    let name = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned();
    let kind = kind_by_ext(path);
    if kind == Some(Kind::Jsonl) {
        return input::read_source(
            &input::Source::File {
                path: path.to_path_buf(),
                name,
            },
            sink,
        );
    }
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return sink(Item::Error(format!("{shown}: cannot open: {}", io_msg(&e)))),
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > MAX_DOC_BYTES {
        return sink(Item::Error(format!(
            "{shown}: file is {len} bytes, over the {} MiB limit for one document or feed; skipped",
            MAX_DOC_BYTES >> 20
        )));
    }
    let mut bytes = Vec::new();
    if let Err(e) = file.take(MAX_DOC_BYTES + 1).read_to_end(&mut bytes) {
        return sink(Item::Error(format!("{shown}: cannot read: {}", io_msg(&e))));
    }
    if bytes.len() as u64 > MAX_DOC_BYTES {
        return sink(Item::Error(format!(
            "{shown}: over the {} MiB limit for one document or feed; skipped",
            MAX_DOC_BYTES >> 20
        )));
    }
    parse_bytes(bytes, None, kind, &shown, &name, None, sink);
}

/// Documents from the bytes of a file or response.
fn parse_bytes(
    bytes: Vec<u8>,
    charset: Option<&str>,
    kind: Option<Kind>,
    shown: &str,
    name: &str,
    url: Option<&str>,
    sink: &mut dyn FnMut(Item),
) {
    if let Some(at) = binary_at(&bytes) {
        return sink(Item::Error(format!(
            "{shown}: binary data (NUL byte at offset {at}), not a text, HTML or feed document; skipped"
        )));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) if declares_latin1(e.as_bytes(), charset) => latin1(e.as_bytes()),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            return sink(Item::Error(format!(
                "{shown}:{line}: invalid UTF-8 at byte {at}; skipped"
            )));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    if text.trim().is_empty() {
        return sink(Item::Error(format!("{shown}: empty file")));
    }
    let head = text.trim_start().get(..200).unwrap_or(text.trim_start());
    let head = head.to_ascii_lowercase();
    let kind = match kind {
        Some(k) => k,
        None if feed::is_feed(&text) => Kind::Feed,
        None if head.starts_with("<!doctype html") || head.starts_with("<html") => Kind::Html,
        None if head.starts_with('{') => Kind::Jsonl,
        None => Kind::Text,
    };
    match kind {
        Kind::Text => {
            let mut doc = input::text_document(name, text);
            doc.url = url.map(String::from);
            sink(Item::Doc(Box::new(doc)))
        }
        Kind::Jsonl => input::read_jsonl(std::io::Cursor::new(text.as_bytes()), shown, name, sink),
        Kind::Html => {
            let page = html::parse(&text);
            if page.text.trim().is_empty() {
                return sink(Item::Error(format!(
                    "{shown}: no article text found in the HTML ({} script or style elements skipped); skipped",
                    page.scripts
                )));
            }
            sink(Item::Doc(Box::new(Document {
                id: name.to_string(),
                title: page.title,
                text: page.text,
                published: page.published,
                source: page.source,
                url: url.map(String::from).or(page.url),
            })))
        }
        Kind::Feed => {
            let f = feed::parse(&text);
            let n = f.items.len();
            for (i, item) in f.items.into_iter().enumerate() {
                let body = match (&item.title, item.text.trim().is_empty()) {
                    (_, true) => {
                        sink(Item::Error(format!(
                            "{shown}: item {} has no text; skipped",
                            i + 1
                        )));
                        continue;
                    }
                    (Some(t), false) if !item.text.starts_with(t.as_str()) => {
                        format!("{t}\n\n{}", item.text)
                    }
                    _ => item.text.clone(),
                };
                sink(Item::Doc(Box::new(Document {
                    id: item
                        .link
                        .clone()
                        .or(item.guid.clone())
                        .unwrap_or_else(|| format!("{name}#{}", i + 1)),
                    title: item.title,
                    text: body,
                    published: item.published,
                    source: f.title.clone(),
                    url: item.link,
                })));
            }
            if let Some(e) = f.error {
                sink(Item::Error(format!(
                    "{shown}: {e}; the {n} complete item(s) before it were read"
                )));
            } else if n == 0 {
                sink(Item::Error(format!("{shown}: feed has no items")));
            }
        }
    }
}

const LATIN1: [&str; 5] = ["iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252"];

/// Whether the HTTP charset, or an HTML `<meta charset>` / XML `encoding=` in the first 2 KB,
/// declares ISO-8859-1 or Windows-1252 (files without such a declaration must be UTF-8).
fn declares_latin1(bytes: &[u8], http_charset: Option<&str>) -> bool {
    if let Some(c) = http_charset {
        return LATIN1.contains(&c.to_ascii_lowercase().as_str());
    }
    let head: String = bytes
        .iter()
        .take(2048)
        .map(|&b| (b as char).to_ascii_lowercase())
        .collect();
    ["charset=", "encoding="].iter().any(|key| {
        head.match_indices(key).any(|(i, _)| {
            let v = head[i + key.len()..].trim_start_matches(['"', '\'', ' ']);
            LATIN1.iter().any(|l| v.starts_with(l))
        })
    })
}

/// Decode ISO-8859-1 / Windows-1252 (the 0x80-0x9F range as Windows-1252 punctuation).
fn latin1(bytes: &[u8]) -> String {
    const W1252: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => W1252[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

/// Fetch a page or feed over HTTP(S) (30 s timeout, 16 MiB limit, redirects followed).
fn read_url(url: &str, sink: &mut dyn FnMut(Item)) {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .http_status_as_error(false)
        .user_agent(concat!("harmattan/", env!("CARGO_PKG_VERSION")))
        .build();
    let agent = ureq::Agent::new_with_config(config);
    let mut resp = match agent.get(url).call() {
        Ok(r) => r,
        Err(e) => return sink(Item::Error(format!("{url}: cannot fetch: {e}"))),
    };
    let status = resp.status();
    if !status.is_success() {
        return sink(Item::Error(format!("{url}: HTTP status {status}; skipped")));
    }
    let ctype = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let bytes = match resp
        .body_mut()
        .with_config()
        .limit(MAX_DOC_BYTES)
        .read_to_vec()
    {
        Ok(b) => b,
        Err(e) => return sink(Item::Error(format!("{url}: cannot read the response: {e}"))),
    };
    let kind = if ctype.contains("html") {
        Some(Kind::Html)
    } else if ctype.contains("rss") || ctype.contains("atom") {
        Some(Kind::Feed)
    } else if ctype.contains("json") {
        Some(Kind::Jsonl)
    } else {
        None // text/plain, xml: sniffed
    };
    let charset = ctype
        .split(';')
        .find_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches('"').to_string());
    parse_bytes(bytes, charset.as_deref(), kind, url, url, Some(url), sink);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_only_when_declared() {
        let page = b"<html><head><meta charset=\"ISO-8859-1\"><title>Attaque \xe0 Djibo</title></head><body><p>Les assaillants ont tu\xe9 cinq civils \x96 selon une source.</p></body></html>".to_vec();
        let mut items = Vec::new();
        parse_bytes(
            page.clone(),
            None,
            Some(Kind::Html),
            "p.html",
            "p.html",
            None,
            &mut |i| items.push(i),
        );
        match &items[0] {
            Item::Doc(d) => {
                assert_eq!(d.title.as_deref(), Some("Attaque à Djibo"));
                assert!(d.text.contains("ont tué cinq civils – selon"), "{}", d.text);
            }
            other => panic!("{other:?}"),
        }
        // the same bytes without the declaration are an error naming the line
        let bare = b"Attaque \xe0 Djibo".to_vec();
        let mut items = Vec::new();
        parse_bytes(bare, None, None, "t.txt", "t.txt", None, &mut |i| {
            items.push(i)
        });
        assert!(
            matches!(&items[0], Item::Error(m) if m == "t.txt:1: invalid UTF-8 at byte 8; skipped")
        );
        // an HTTP header charset counts
        assert!(declares_latin1(b"x", Some("windows-1252")));
        assert!(!declares_latin1(b"<meta charset=utf-8>", None));
    }
}
