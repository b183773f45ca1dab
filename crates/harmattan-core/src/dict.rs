//! Phrase dictionaries matched with `aho-corasick` over folded text.
//!
//! Patterns are folded like the text (lower case, no accents). A pattern matches on word
//! boundaries; a trailing `*` lets it take any word ending (`attack*` matches `attacked`).
//! Overlapping hits are resolved leftmost-longest, so `military base` wins over `base`.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::text::Folded;
use crate::types::Span;
use crate::DataError;

/// A dictionary hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Original span (the whole word for prefix patterns).
    pub span: Span,
    /// Folded start.
    pub fstart: usize,
    /// Folded end.
    pub fend: usize,
    /// Index of the entry that owns the pattern.
    pub entry: usize,
}

/// A compiled phrase dictionary.
#[derive(Debug, Clone)]
pub struct PhraseMatcher {
    ac: AhoCorasick,
    /// per pattern: (entry index, prefix pattern?, acronym?)
    pats: Vec<(usize, bool, bool)>,
}

/// An acronym in a dictionary (`BLA`, `MSA`, `EIGS`): at least two letters, all capitals.
/// It is matched only where the text writes it in capitals too, so that `Bla` (a town) or
/// `msa` is not the group.
fn is_acronym(surface: &str) -> bool {
    surface.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !surface.chars().any(char::is_lowercase)
}

impl PhraseMatcher {
    /// Build from `(entry index, surface form)` pairs.
    pub fn new<'a>(
        file: &str,
        patterns: impl IntoIterator<Item = (usize, &'a str)>,
    ) -> Result<Self, DataError> {
        let mut folded = Vec::new();
        let mut pats = Vec::new();
        for (entry, p) in patterns {
            let p = p.trim();
            if p.is_empty() {
                continue;
            }
            let (body, prefix) = match p.strip_suffix('*') {
                Some(b) => (b, true),
                None => (p, false),
            };
            let f = Folded::new(body).s;
            if f.trim().is_empty() {
                continue;
            }
            folded.push(f);
            pats.push((entry, prefix, is_acronym(body)));
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            // a DFA: more memory, the fastest search on every document
            .kind(Some(AhoCorasickKind::DFA))
            .build(&folded)
            .map_err(|e| DataError::new(file, 0, &e.to_string()))?;
        Ok(PhraseMatcher { ac, pats })
    }

    /// All hits in `folded`, leftmost-longest, in text order. Spans do not overlap, except
    /// that one span owned by several entries yields one hit per entry.
    pub fn find(&self, folded: &Folded) -> Vec<Hit> {
        self.find_in(folded, None)
    }

    /// [`PhraseMatcher::find`], where an acronym pattern matches only a span that `text` (the
    /// original of `folded`) writes with no lower-case letter.
    pub fn find_cased(&self, folded: &Folded, text: &str) -> Vec<Hit> {
        self.find_in(folded, Some(text))
    }

    fn find_in(&self, folded: &Folded, text: Option<&str>) -> Vec<Hit> {
        let s = folded.s.as_bytes();
        let mut cands: Vec<(usize, usize, usize)> = Vec::new();
        for m in self.ac.find_overlapping_iter(&folded.s) {
            let (entry, prefix, acronym) = self.pats[m.pattern().as_usize()];
            if let (true, Some(text)) = (acronym, text) {
                let sp = folded.span(m.start(), m.end());
                if text
                    .get(sp.start..sp.end)
                    .is_none_or(|w| w.chars().any(char::is_lowercase))
                {
                    continue;
                }
            }
            let (st, mut en) = (m.start(), m.end());
            if st > 0 && is_word_byte(s[st - 1]) {
                continue;
            }
            if prefix {
                while en < s.len() && is_word_byte(s[en]) {
                    en += 1;
                }
            } else if en < s.len() && is_word_byte(s[en]) {
                continue;
            }
            cands.push((st, en, entry));
        }
        cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::with_capacity(cands.len());
        let mut last = (0usize, 0usize);
        for (st, en, entry) in cands {
            // the same span may belong to several entries (a word in two categories)
            if st < last.1 && (st, en) != last {
                continue;
            }
            if out
                .iter()
                .rev()
                .take(8)
                .any(|h: &Hit| h.fstart == st && h.entry == entry)
            {
                continue;
            }
            last = (st, en);
            out.push(Hit {
                span: folded.span(st, en),
                fstart: st,
                fend: en,
                entry,
            });
        }
        out
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Data rows of one of our TSV files: blank lines and `#` comments skipped, the first other
/// line (the header) skipped, each row split on tabs, with its 1-based line number. A row with
/// fewer than `min_cols` columns is an error naming the file and line.
pub fn tsv_rows<'a>(
    file: &'a str,
    text: &'a str,
    min_cols: usize,
) -> impl Iterator<Item = Result<(usize, Vec<&'a str>), DataError>> + 'a {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(move |(n, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < min_cols {
                Err(DataError::new(
                    file,
                    n + 1,
                    &format!("expected at least {min_cols} tab-separated columns"),
                ))
            } else {
                Ok((n + 1, f))
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_and_boundaries() {
        let m = PhraseMatcher::new(
            "t",
            [
                (0, "attack*"),
                (1, "military base"),
                (2, "base"),
                (3, "ied"),
            ],
        )
        .unwrap();
        let t = "Militants attacked the military base; a bias and an IED.";
        let f = Folded::new(t);
        let hits = m.find(&f);
        let got: Vec<(&str, usize)> = hits
            .iter()
            .map(|h| (&t[h.span.start..h.span.end], h.entry))
            .collect();
        assert_eq!(got, vec![("attacked", 0), ("military base", 1), ("IED", 3)]);
    }

    #[test]
    fn acronyms_match_only_in_capitals() {
        let m = PhraseMatcher::new("t", [(0, "BLA"), (1, "Liberation Army"), (2, "EIGS")]).unwrap();
        let t = "Near the town of Bla, BLA and the Liberation Army; l'EIGS, then bla.";
        let f = Folded::new(t);
        let got: Vec<&str> = m
            .find_cased(&f, t)
            .iter()
            .map(|h| &t[h.span.start..h.span.end])
            .collect();
        assert_eq!(got, vec!["BLA", "Liberation Army", "EIGS"]);
        // without the original text, the case is not known: every spelling matches
        assert_eq!(m.find(&f).len(), 5);
    }
}
