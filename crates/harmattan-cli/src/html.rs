//! The main text of an HTML page, plus its title, publication date, outlet and URL from the
//! page's metadata. Paragraphs come from block elements (one blank line between them);
//! scripts, styles, navigation, headers, footers, asides and forms are left out; when the
//! page has `<article>` or `<main>`, only their text is kept.

use chrono::NaiveDate;

use crate::markup::{attr, decode_entities, Token, Tokenizer};

/// What was read from a page.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Page {
    /// `og:title`, else `<title>`, else the first `<h1>`.
    pub title: Option<String>,
    /// `article:published_time`, `datePublished`, `date`, ... or the first `<time datetime>`.
    pub published: Option<NaiveDate>,
    /// `og:site_name` or `publisher`.
    pub source: Option<String>,
    /// `<link rel=canonical>` or `og:url`.
    pub url: Option<String>,
    /// Main text: paragraphs separated by blank lines.
    pub text: String,
    /// Script and style elements skipped.
    pub scripts: usize,
}

const RAW: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "textarea", "object", "canvas",
    "math", "select",
];
const SKIP: &[&str] = &[
    "nav", "header", "footer", "aside", "form", "button", "menu", "dialog",
];
const MAIN: &[&str] = &["article", "main"];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "blockquote",
    "pre",
    "section",
    "dd",
    "dt",
    "dl",
    "figcaption",
    "figure",
    "hr",
    "body",
    "head",
    "title",
];
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
];

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Block {
    text: String,
    in_main: bool,
    h1: bool,
}

/// Read a page.
pub fn parse(html: &str) -> Page {
    let mut page = Page::default();
    let mut meta_title: Option<String> = None;
    let mut title_tag = String::new();
    let mut in_title = false;
    let mut skip = 0usize;
    let mut main = 0usize;
    let mut in_h1 = false;
    let mut cur = String::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut time_date: Option<NaiveDate> = None;
    let mut toks = Tokenizer::new(html);
    let flush = |cur: &mut String, blocks: &mut Vec<Block>, main: usize, h1: bool| {
        let t = collapse(cur);
        if !t.is_empty() {
            blocks.push(Block {
                text: t,
                in_main: main > 0,
                h1,
            });
        }
        cur.clear();
    };
    while let Some(tok) = toks.next() {
        match tok {
            Token::Text(t) | Token::CData(t) => {
                if in_title {
                    title_tag.push_str(&decode_entities(t));
                } else if skip == 0 {
                    cur.push_str(&decode_entities(t));
                }
            }
            Token::Open {
                name,
                attrs,
                closed,
                ..
            } => {
                let n = name.as_str();
                if RAW.contains(&n) {
                    if !closed {
                        toks.skip_raw(n);
                    }
                    if n == "script" || n == "style" {
                        page.scripts += 1;
                    }
                    continue;
                }
                match n {
                    "title" => in_title = !closed,
                    "meta" => {
                        let key = attr(&attrs, "property")
                            .or_else(|| attr(&attrs, "name"))
                            .or_else(|| attr(&attrs, "itemprop"))
                            .unwrap_or("")
                            .to_ascii_lowercase();
                        let content = attr(&attrs, "content").map(collapse).unwrap_or_default();
                        if content.is_empty() {
                            continue;
                        }
                        match key.as_str() {
                            "og:title" | "twitter:title" if meta_title.is_none() => {
                                meta_title = Some(content)
                            }
                            "og:site_name" | "publisher" | "application-name"
                                if page.source.is_none() =>
                            {
                                page.source = Some(content)
                            }
                            "og:url" if page.url.is_none() => page.url = Some(content),
                            k if DATE_META.contains(&k) && page.published.is_none() => {
                                page.published = crate::input::parse_date(&content)
                            }
                            _ => {}
                        }
                    }
                    "link"
                        if attr(&attrs, "rel")
                            .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
                    {
                        if let Some(h) = attr(&attrs, "href").filter(|h| !h.is_empty()) {
                            page.url = Some(h.to_string());
                        }
                    }
                    "time" if time_date.is_none() => {
                        time_date = attr(&attrs, "datetime").and_then(crate::input::parse_date)
                    }
                    _ => {}
                }
                if SKIP.contains(&n) {
                    flush(&mut cur, &mut blocks, main, in_h1);
                    if !closed {
                        skip += 1;
                    }
                } else if MAIN.contains(&n) {
                    flush(&mut cur, &mut blocks, main, in_h1);
                    if !closed {
                        main += 1;
                    }
                } else if BLOCK.contains(&n) {
                    flush(&mut cur, &mut blocks, main, in_h1);
                    if n == "h1" {
                        in_h1 = !closed;
                    }
                } else if skip == 0 && !in_title {
                    // inline elements separate words only by their own spacing
                }
            }
            Token::Close { name, .. } => {
                let n = name.as_str();
                if n == "title" {
                    in_title = false;
                }
                if SKIP.contains(&n) {
                    flush(&mut cur, &mut blocks, main, in_h1);
                    skip = skip.saturating_sub(1);
                } else if MAIN.contains(&n) {
                    flush(&mut cur, &mut blocks, main, in_h1);
                    main = main.saturating_sub(1);
                } else if BLOCK.contains(&n) {
                    flush(&mut cur, &mut blocks, main, in_h1);
                    if n == "h1" {
                        in_h1 = false;
                    }
                }
            }
            Token::Unterminated { .. } => {}
        }
    }
    flush(&mut cur, &mut blocks, main, in_h1);
    if page.published.is_none() {
        page.published = time_date;
    }
    let any_main = blocks.iter().any(|b| b.in_main);
    let chosen: Vec<&Block> = blocks.iter().filter(|b| !any_main || b.in_main).collect();
    let first_h1 = blocks.iter().find(|b| b.h1).map(|b| b.text.clone());
    let title_tag = collapse(&title_tag);
    page.title = meta_title
        .or_else(|| (!title_tag.is_empty()).then_some(title_tag))
        .or(first_h1);
    let mut text = chosen
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let has_heading = chosen.iter().any(|b| b.h1);
    if !text.is_empty() && !has_heading {
        if let Some(t) = &page.title {
            text = format!("{t}\n\n{text}");
        }
    }
    page.text = text;
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_text_and_metadata() {
        let html = r#"<!DOCTYPE html><html><head>
<title>Attack in Boni | Daily</title>
<meta property="og:site_name" content="The Daily">
<meta property="article:published_time" content="2024-03-02T08:00:00Z">
<link rel="canonical" href="https://example.org/boni">
<script>var x = "<p>not text</p>";</script><style>p { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Gunmen kill 12 in Boni</h1>
<p>Unidentified gunmen killed 12 villagers in Boni, in the Mopti region, on Friday,
a local official said.</p><p>Several houses were burned&nbsp;&amp; looted.</p>
</article>
<footer>Copyright</footer><script>track()</script></body></html>"#;
        let p = parse(html);
        assert_eq!(p.title.as_deref(), Some("Attack in Boni | Daily"));
        assert_eq!(p.source.as_deref(), Some("The Daily"));
        assert_eq!(p.url.as_deref(), Some("https://example.org/boni"));
        assert_eq!(p.published, NaiveDate::from_ymd_opt(2024, 3, 2));
        assert_eq!(p.scripts, 3);
        assert_eq!(
            p.text,
            "Gunmen kill 12 in Boni\n\nUnidentified gunmen killed 12 villagers in Boni, in the Mopti region, on Friday, a local official said.\n\nSeveral houses were burned & looted."
        );
    }

    #[test]
    fn without_article_all_blocks_and_title_first() {
        let p = parse("<html><head><title>T</title></head><body><div>One</div><div>Two <b>bold</b></div></body>");
        assert_eq!(p.text, "T\n\nOne\n\nTwo bold");
    }

    #[test]
    fn scripts_only_gives_no_text() {
        let html = "<html><body>".to_string()
            + &"<script>alert('x')</script>".repeat(100)
            + "</body></html>";
        let p = parse(&html);
        assert_eq!(p.text, "");
        assert_eq!(p.scripts, 100);
    }
}
