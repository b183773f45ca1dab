//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one document per item, the feed's title as the
//! outlet. A feed cut short or with mismatched tags gives an error with its line; the items
//! complete before that point are still returned.

use chrono::NaiveDate;

use crate::markup::{attr, decode_entities, line_of, Token, Tokenizer};

/// One feed item.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Item {
    /// Headline.
    pub title: Option<String>,
    /// Article link.
    pub link: Option<String>,
    /// `guid` or Atom `id`.
    pub guid: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Plain text of the content or description.
    pub text: String,
}

/// A parsed feed.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Feed {
    /// The feed's own title (the outlet).
    pub title: Option<String>,
    /// Complete items, in order.
    pub items: Vec<Item>,
    /// What went wrong, with the line, when the feed is cut short or malformed.
    pub error: Option<String>,
}

/// Whether `s` looks like a feed: its first element is `rss`, `feed` or `rdf:RDF`.
pub fn is_feed(s: &str) -> bool {
    for tok in Tokenizer::new(s.trim_start_matches('\u{feff}')) {
        match tok {
            Token::Text(t) if t.trim().is_empty() => continue,
            Token::Open { name, .. } => return matches!(name.as_str(), "rss" | "feed" | "rdf:rdf"),
            _ => return false,
        }
    }
    false
}

/// Parse an RFC 822 date (`Fri, 01 Mar 2024 10:00:00 GMT`), an ISO date, or a legacy form.
pub fn parse_feed_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(d.date_naive());
    }
    if let Some(d) = crate::input::parse_date(s) {
        return Some(d);
    }
    // "Fri, 1 Mar 2024 10:00 EST" and other near-misses: the first "D Mon YYYY"
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(3).find_map(|w| {
        NaiveDate::parse_from_str(&format!("{} {} {}", w[0], w[1], w[2]), "%d %b %Y").ok()
    })
}

fn body_text(raw: &str) -> String {
    let t = raw.trim();
    if t.contains('<') {
        crate::html::parse(&format!("<body>{t}</body>")).text
    } else {
        t.split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

#[derive(Default)]
struct Pending {
    title: String,
    link: String,
    href: Option<String>,
    guid: String,
    date: String,
    content: String,
    summary: String,
}

/// Parse a feed.
pub fn parse(src: &str) -> Feed {
    let mut feed = Feed::default();
    let mut stack: Vec<String> = Vec::new();
    let mut item: Option<(usize, Pending)> = None;
    let mut field: Option<String> = None;
    let mut buf = String::new();
    let mut feed_title = String::new();
    let mut in_feed_title = false;
    for tok in Tokenizer::new(src) {
        match tok {
            Token::Text(t) => {
                if field.is_some() {
                    buf.push_str(&decode_entities(t));
                } else if in_feed_title {
                    feed_title.push_str(&decode_entities(t));
                }
            }
            Token::CData(t) => {
                if field.is_some() {
                    buf.push_str(t);
                } else if in_feed_title {
                    feed_title.push_str(t);
                }
            }
            Token::Open {
                name,
                attrs,
                closed,
                ..
            } => {
                let depth = stack.len();
                match &mut item {
                    None if (name == "item" || name == "entry") && !closed => {
                        item = Some((depth + 1, Pending::default()));
                    }
                    None if name == "title" && !closed && feed.title.is_none() => {
                        in_feed_title = true
                    }
                    Some((d, p)) if depth == *d => {
                        if name == "link" {
                            let rel = attr(&attrs, "rel").unwrap_or("alternate");
                            if let Some(h) = attr(&attrs, "href") {
                                if rel == "alternate" && p.href.is_none() {
                                    p.href = Some(h.to_string());
                                }
                            }
                        }
                        if !closed {
                            field = Some(name.clone());
                            buf.clear();
                        }
                    }
                    // markup inside a field (Atom xhtml content): keep its text apart
                    Some(_) if field.is_some() && !closed => buf.push(' '),
                    _ => {}
                }
                if !closed {
                    stack.push(name);
                }
            }
            Token::Close { name, pos } => {
                match stack.last() {
                    Some(top) if *top == name => {}
                    Some(top) => {
                        feed.error = Some(format!(
                            "malformed feed: line {}: </{name}> does not close <{top}>",
                            line_of(src, pos)
                        ));
                        return finish(feed, feed_title);
                    }
                    None => {
                        feed.error = Some(format!(
                            "malformed feed: line {}: </{name}> closes nothing",
                            line_of(src, pos)
                        ));
                        return finish(feed, feed_title);
                    }
                }
                stack.pop();
                let depth = stack.len();
                if in_feed_title && name == "title" {
                    in_feed_title = false;
                    feed.title = Some(feed_title.split_whitespace().collect::<Vec<_>>().join(" "))
                        .filter(|t| !t.is_empty());
                }
                if let Some((d, p)) = &mut item {
                    if field.as_deref() == Some(name.as_str()) && depth == *d {
                        let v = std::mem::take(&mut buf);
                        match name.as_str() {
                            "title" => p.title = v,
                            "link" => p.link = v,
                            "guid" | "id" => p.guid = v,
                            "pubdate" | "published" | "dc:date" => p.date = v,
                            "updated" if p.date.is_empty() => p.date = v,
                            "content:encoded" | "content" => p.content = v,
                            "description" | "summary" => p.summary = v,
                            _ => {}
                        }
                        field = None;
                    } else if depth + 1 == *d && (name == "item" || name == "entry") {
                        let (_, p) = item.take().unwrap_or_default();
                        feed.items.push(to_item(p));
                    }
                }
            }
            Token::Unterminated { what, pos } => {
                feed.error = Some(format!(
                    "truncated feed: line {}: unterminated {what}",
                    line_of(src, pos)
                ));
                return finish(feed, feed_title);
            }
        }
    }
    if let Some(open) = stack.last() {
        feed.error = Some(format!(
            "truncated feed: ends at line {} inside <{open}>",
            line_of(src, src.len())
        ));
    } else if feed.title.is_none() && feed.items.is_empty() && !is_feed(src) {
        feed.error = Some("not an RSS or Atom feed".to_string());
    }
    finish(feed, feed_title)
}

fn finish(mut feed: Feed, title: String) -> Feed {
    if feed.title.is_none() {
        let t = title.split_whitespace().collect::<Vec<_>>().join(" ");
        feed.title = (!t.is_empty()).then_some(t);
    }
    feed
}

fn nonempty(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

fn to_item(p: Pending) -> Item {
    let raw = if p.content.trim().is_empty() {
        &p.summary
    } else {
        &p.content
    };
    Item {
        title: nonempty(&body_text(&p.title)),
        link: p.href.or_else(|| nonempty(&p.link)),
        guid: nonempty(&p.guid),
        published: parse_feed_date(&p.date),
        text: body_text(raw),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Sahel Wire</title><link>https://wire.example</link>
<item><title>Attack in Boni</title><link>https://wire.example/1</link>
<pubDate>Sat, 02 Mar 2024 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Gunmen killed 12 villagers in Boni on Friday.&lt;/p&gt;&lt;p&gt;Houses burned.&lt;/p&gt;</description></item>
<item><title><![CDATA[Clash near Djibo]]></title><guid>w-2</guid>
<content:encoded><![CDATA[<p>Soldiers clashed with militants near Djibo.</p>]]></content:encoded></item>
</channel></rss>"#;

    #[test]
    fn rss_items() {
        let f = parse(RSS);
        assert_eq!(f.error, None);
        assert_eq!(f.title.as_deref(), Some("Sahel Wire"));
        assert_eq!(f.items.len(), 2);
        assert_eq!(f.items[0].link.as_deref(), Some("https://wire.example/1"));
        assert_eq!(f.items[0].published, NaiveDate::from_ymd_opt(2024, 3, 2));
        assert_eq!(
            f.items[0].text,
            "Gunmen killed 12 villagers in Boni on Friday.\n\nHouses burned."
        );
        assert_eq!(f.items[1].title.as_deref(), Some("Clash near Djibo"));
        assert_eq!(f.items[1].guid.as_deref(), Some("w-2"));
        assert_eq!(
            f.items[1].text,
            "Soldiers clashed with militants near Djibo."
        );
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><title>Blast</title><link rel="alternate" href="https://a.example/b"/><id>tag:a,1</id>
<published>2024-03-05T10:00:00Z</published><summary>A blast hit a bus near Gao.</summary></entry></feed>"#;
        let f = parse(atom);
        assert_eq!(f.error, None);
        assert_eq!(f.title.as_deref(), Some("Atom News"));
        assert_eq!(f.items.len(), 1);
        assert_eq!(f.items[0].link.as_deref(), Some("https://a.example/b"));
        assert_eq!(f.items[0].published, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(f.items[0].text, "A blast hit a bus near Gao.");
    }

    #[test]
    fn truncated_feed_keeps_complete_items() {
        let cut = &RSS[..RSS.find("<content:encoded>").unwrap() + 30];
        let f = parse(cut);
        assert_eq!(f.items.len(), 1);
        let e = f.error.unwrap();
        assert!(e.starts_with("truncated feed"), "{e}");
        assert!(is_feed(cut));
        assert!(!is_feed("<html><body>x</body></html>"));
    }
}
