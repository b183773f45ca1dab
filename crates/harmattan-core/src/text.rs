//! Text folding: lower case, accents stripped, apostrophes unified, with a map back to the
//! original byte offsets so every match can be reported as a span of the input.

use crate::types::Span;

/// A folded copy of a text plus, for every folded byte, the original byte offset.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// Lower-case ASCII-ish text (accents removed, `’` → `'`).
    pub s: String,
    /// `map[i]` = offset in the original of the character that produced folded byte `i`;
    /// `map[s.len()]` = the original length.
    pub map: Vec<u32>,
}

impl Folded {
    /// Fold `text`.
    pub fn new(text: &str) -> Self {
        let mut s = String::with_capacity(text.len() + 8);
        let mut map = Vec::with_capacity(text.len() + 9);
        let mut buf = [0u8; 4];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // a run of ASCII is copied and lower-cased in one go, a byte per byte
            let run = bytes[i..]
                .iter()
                .position(|b| !b.is_ascii())
                .map_or(bytes.len(), |k| i + k);
            if run > i {
                let at = s.len();
                s.push_str(&text[i..run]);
                s[at..].make_ascii_lowercase();
                map.extend(i as u32..run as u32);
                i = run;
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let before = s.len();
            push_folded(c, &mut s, &mut buf);
            for _ in before..s.len() {
                map.push(i as u32);
            }
            i += c.len_utf8();
        }
        map.push(text.len() as u32);
        Folded { s, map }
    }

    /// Original span of the folded byte range `[start, end)`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let s = self.map.get(start).copied().unwrap_or(0) as usize;
        // the end maps to the start of the character after the last folded byte
        let e = if end == 0 {
            s
        } else {
            let last = self.map.get(end - 1).copied().unwrap_or(0);
            // find the original offset of the next original char: the first map entry after
            // `end - 1` that differs from `last`, or the end of the text.
            let mut j = end;
            while j < self.map.len() && self.map[j] == last {
                j += 1;
            }
            self.map.get(j).copied().unwrap_or(last) as usize
        };
        Span::new(s, e.max(s))
    }

    /// Folded byte offset of an original byte offset (first folded byte at or after it).
    pub fn folded_offset(&self, orig: usize) -> usize {
        self.map.partition_point(|&m| (m as usize) < orig)
    }
}

fn push_folded(c: char, out: &mut String, buf: &mut [u8; 4]) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{00B4}' | '`' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' => out.push('"'),
        '\u{2010}'..='\u{2015}' => out.push('-'),
        '\u{00A0}' | '\u{202F}' | '\u{2009}' => out.push(' '),
        _ => match deunicode::deunicode_char(c) {
            Some(d) if !d.is_empty() && d.is_ascii() => {
                for b in d.chars() {
                    out.push(b.to_ascii_lowercase());
                }
            }
            _ => {
                // keep the character itself so offsets stay meaningful
                let lc = c.to_lowercase().next().unwrap_or(c);
                out.push_str(lc.encode_utf8(buf));
            }
        },
    }
}

/// Fold a name to its lookup key: folded, every run of non-alphanumerics turned into one
/// space, trimmed. `Gourma-Rharous` and `gourma rharous` share a key; so do `N'Djamena`
/// and `N Djamena`.
pub fn fold_key(name: &str) -> String {
    let f = Folded::new(name);
    let mut out = String::with_capacity(f.s.len());
    let mut space = false;
    for c in f.s.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

/// Fold to ASCII without changing case (for ACLED-style admin spellings: `Ségou` → `Segou`).
pub fn ascii_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            match c {
                '\u{2018}' | '\u{2019}' => out.push('\''),
                _ => {
                    if let Some(d) = deunicode::deunicode_char(c) {
                        out.push_str(d);
                    }
                }
            }
        }
    }
    out
}

/// A word token of a folded text: folded byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Folded start.
    pub start: usize,
    /// Folded end.
    pub end: usize,
}

/// Alphanumeric tokens of a folded string (apostrophes and hyphens split tokens).
pub fn tokens(folded: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in folded.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(Token { start: s, end: i });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: folded.len(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_maps_back() {
        let t = "À Ségou, l’armée";
        let f = Folded::new(t);
        assert_eq!(f.s, "a segou, l'armee");
        let i = f.s.find("segou").unwrap();
        let sp = f.span(i, i + 5);
        assert_eq!(&t[sp.start..sp.end], "Ségou");
        let j = f.s.find("armee").unwrap();
        let sp = f.span(j, j + 5);
        assert_eq!(&t[sp.start..sp.end], "armée");
    }

    #[test]
    fn keys() {
        assert_eq!(fold_key("Gourma-Rharous"), "gourma rharous");
        assert_eq!(fold_key("  Niafunké "), "niafunke");
        assert_eq!(fold_key("N'Djamena"), "n djamena");
        assert_eq!(ascii_name("Ségou"), "Segou");
    }

    #[test]
    fn multi_char_expansion_maps_back() {
        let t = "Straße X";
        let f = Folded::new(t);
        let i = f.s.find('x').unwrap();
        let sp = f.span(i, i + 1);
        assert_eq!(&t[sp.start..sp.end], "X");
        let sp = f.span(0, f.s.find(' ').unwrap());
        assert_eq!(&t[sp.start..sp.end], "Straße");
    }
}
