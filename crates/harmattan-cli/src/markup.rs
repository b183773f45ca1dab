//! A small tolerant tokenizer for HTML and XML (feeds): tags with attributes, text, CDATA;
//! comments, doctypes and processing instructions are skipped. Never panics; positions are
//! byte offsets into the input (for line numbers in messages).

/// One token.
#[derive(Debug, Clone, PartialEq)]
pub enum Token<'a> {
    /// `<name attr="v">` (`closed` for `<name/>`); the name is lower-cased.
    Open {
        name: String,
        attrs: Vec<(String, String)>,
        closed: bool,
        pos: usize,
    },
    /// `</name>`, lower-cased.
    Close { name: String, pos: usize },
    /// Text between tags, entities still encoded.
    Text(&'a str),
    /// `<![CDATA[...]]>` content, literal.
    CData(&'a str),
    /// A comment, doctype or `<![CDATA[` that never ends.
    Unterminated { what: &'static str, pos: usize },
}

/// The tokenizer.
pub struct Tokenizer<'a> {
    s: &'a str,
    i: usize,
}

fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || from >= h.len() {
        return None;
    }
    (from..=h.len().saturating_sub(n.len())).find(|&k| h[k..k + n.len()].eq_ignore_ascii_case(n))
}

impl<'a> Tokenizer<'a> {
    /// Tokens of `s`.
    pub fn new(s: &'a str) -> Self {
        Tokenizer { s, i: 0 }
    }

    /// Skip the content of a raw-text element (`script`, `style`) up to and including its
    /// closing tag; to the end of the input when there is none.
    pub fn skip_raw(&mut self, name: &str) {
        let close = format!("</{name}");
        match find_ci(self.s, self.i, &close) {
            Some(k) => {
                self.i = match self.s[k..].find('>') {
                    Some(g) => k + g + 1,
                    None => self.s.len(),
                }
            }
            None => self.i = self.s.len(),
        }
    }

    fn skip_past(&mut self, from: usize, end: &str, what: &'static str) -> Option<Token<'a>> {
        match self.s[from..].find(end) {
            Some(k) => {
                self.i = from + k + end.len();
                None
            }
            None => {
                let pos = self.i;
                self.i = self.s.len();
                Some(Token::Unterminated { what, pos })
            }
        }
    }

    fn read_name(&self, mut j: usize) -> (String, usize) {
        let b = self.s.as_bytes();
        let start = j;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
            j += 1;
        }
        while !self.s.is_char_boundary(j) {
            j += 1;
        }
        (self.s[start..j].to_ascii_lowercase(), j)
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let s = self.s;
            let b = s.as_bytes();
            if self.i >= b.len() {
                return None;
            }
            let start = self.i;
            if b[start] != b'<' {
                let end = s[start..].find('<').map_or(s.len(), |k| start + k);
                self.i = end;
                return Some(Token::Text(&s[start..end]));
            }
            let rest = &s[start..];
            if rest.starts_with("<!--") {
                if let Some(t) = self.skip_past(start + 4, "-->", "comment") {
                    return Some(t);
                }
                continue;
            }
            if rest.starts_with("<![CDATA[") {
                let from = start + 9;
                return match s[from..].find("]]>") {
                    Some(k) => {
                        self.i = from + k + 3;
                        Some(Token::CData(&s[from..from + k]))
                    }
                    None => {
                        self.i = s.len();
                        Some(Token::Unterminated {
                            what: "CDATA section",
                            pos: start,
                        })
                    }
                };
            }
            if rest.starts_with("<!") || rest.starts_with("<?") {
                if let Some(t) = self.skip_past(start + 2, ">", "declaration") {
                    return Some(t);
                }
                continue;
            }
            if rest.starts_with("</") {
                let (name, j) = self.read_name(start + 2);
                return match s[j..].find('>') {
                    Some(k) => {
                        self.i = j + k + 1;
                        Some(Token::Close { name, pos: start })
                    }
                    None => {
                        self.i = s.len();
                        Some(Token::Unterminated {
                            what: "closing tag",
                            pos: start,
                        })
                    }
                };
            }
            if !b.get(start + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
                // a lone '<' is text
                let end = s[start + 1..].find('<').map_or(s.len(), |k| start + 1 + k);
                self.i = end;
                return Some(Token::Text(&s[start..end]));
            }
            let (name, mut j) = self.read_name(start + 1);
            let mut attrs = Vec::new();
            let mut closed = false;
            loop {
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j >= b.len() {
                    self.i = s.len();
                    return Some(Token::Unterminated {
                        what: "tag",
                        pos: start,
                    });
                }
                match b[j] {
                    b'>' => {
                        j += 1;
                        break;
                    }
                    b'/' => {
                        closed = true;
                        j += 1;
                        continue;
                    }
                    _ => {}
                }
                closed = false;
                let a0 = j;
                while j < b.len()
                    && !b[j].is_ascii_whitespace()
                    && !matches!(b[j], b'=' | b'>' | b'/')
                {
                    j += 1;
                }
                if j == a0 {
                    j += 1; // a stray '=': skip it
                    while !s.is_char_boundary(j) {
                        j += 1;
                    }
                    continue;
                }
                while !s.is_char_boundary(j) {
                    j += 1;
                }
                let an = s[a0..j].to_ascii_lowercase();
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                let mut val = String::new();
                if j < b.len() && b[j] == b'=' {
                    j += 1;
                    while j < b.len() && b[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                        let q = b[j] as char;
                        match s[j + 1..].find(q) {
                            Some(k) => {
                                val = decode_entities(&s[j + 1..j + 1 + k]);
                                j = j + 1 + k + 1;
                            }
                            None => {
                                self.i = s.len();
                                return Some(Token::Unterminated {
                                    what: "tag",
                                    pos: start,
                                });
                            }
                        }
                    } else {
                        let v0 = j;
                        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                            j += 1;
                        }
                        while !s.is_char_boundary(j) {
                            j += 1;
                        }
                        val = decode_entities(&s[v0..j]);
                    }
                }
                attrs.push((an, val));
            }
            self.i = j;
            return Some(Token::Open {
                name,
                attrs,
                closed,
                pos: start,
            });
        }
    }
}

/// The value of attribute `name`.
pub fn attr<'b>(attrs: &'b [(String, String)], name: &str) -> Option<&'b str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

const NAMED: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("rsquo", "’"),
    ("lsquo", "‘"),
    ("rdquo", "”"),
    ("ldquo", "“"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("ndash", "–"),
    ("mdash", "—"),
    ("hellip", "…"),
    ("eacute", "é"),
    ("egrave", "è"),
    ("ecirc", "ê"),
    ("euml", "ë"),
    ("agrave", "à"),
    ("acirc", "â"),
    ("ccedil", "ç"),
    ("icirc", "î"),
    ("iuml", "ï"),
    ("ocirc", "ô"),
    ("ugrave", "ù"),
    ("ucirc", "û"),
    ("oelig", "œ"),
    ("Eacute", "É"),
    ("Egrave", "È"),
    ("Agrave", "À"),
    ("Ccedil", "Ç"),
    ("deg", "°"),
    ("copy", "©"),
];

/// Decode `&amp;`, `&#233;`, `&#xE9;` and common named entities; anything else stays.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        let after = &rest[k + 1..];
        let semi = after.find(';').filter(|&n| n > 0 && n <= 10);
        let decoded = semi.and_then(|n| {
            let name = &after[..n];
            let ch = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"))
            {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                None
            };
            match ch {
                Some(c) => Some((c.to_string(), n)),
                None => NAMED
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (v.to_string(), n)),
            }
        });
        match decoded {
            Some((text, n)) => {
                out.push_str(&text);
                rest = &after[n + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// 1-based line of byte offset `pos`.
pub fn line_of(s: &str, pos: usize) -> usize {
    let pos = pos.min(s.len());
    s.as_bytes()[..pos].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_entities() {
        let toks: Vec<Token> = Tokenizer::new(
            "<p class=\"a\" hidden>Caf&eacute; &amp; <b>x</b><!-- c --><br/>&#233;&bogus;</p>",
        )
        .collect();
        assert!(
            matches!(&toks[0], Token::Open { name, attrs, .. } if name == "p" && attr(attrs, "class") == Some("a") && attr(attrs, "hidden") == Some(""))
        );
        assert_eq!(
            decode_entities("Caf&eacute; &amp; &#xE9;&bogus; & x"),
            "Café & é&bogus; & x"
        );
        assert!(toks
            .iter()
            .any(|t| matches!(t, Token::Open { name, closed: true, .. } if name == "br")));
        assert!(toks
            .iter()
            .any(|t| matches!(t, Token::Close { name, .. } if name == "p")));
    }

    #[test]
    fn never_panics_on_fragments() {
        for s in [
            "<",
            "<a",
            "<a href=\"x",
            "</",
            "<!--",
            "<![CDATA[x",
            "a < b",
            "<é>",
            "<a é=1>",
            "<a =x>",
        ] {
            let _ = Tokenizer::new(s).count();
        }
    }
}
