//! The country table (`data/dictionaries/countries.tsv`): ACLED country names, ISO codes,
//! ACLED world regions, alternate names (English, French, UCDP spellings) and adjectives,
//! plus finding country names and adjectives in text.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashMap;

use crate::dict::tsv_rows;
use crate::text::{fold_key, Folded};
use crate::types::Span;
use crate::DataError;

/// One country.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// Stable ID (`CTY-MLI`).
    pub id: String,
    /// ISO 3166-1 alpha-2 (`ML`), as GeoNames uses.
    pub iso2: String,
    /// ISO 3166-1 alpha-3 (`MLI`).
    pub iso3: String,
    /// ISO 3166-1 numeric (466).
    pub iso: u16,
    /// ACLED's name (`Mali`, `Democratic Republic of Congo`).
    pub name: String,
    /// ACLED world region (`Western Africa`).
    pub region: String,
    /// Other names (folded keys are built from these and `name`).
    pub aliases: Vec<String>,
    /// Adjectives and demonyms (`Malian`, `malien`, `maliens`).
    pub adjectives: Vec<String>,
    /// ACLED codes this territory's events under another country (`coded_under` column,
    /// alpha-2): Hong Kong and Macau are coded China, with the territory as admin1.
    pub coded_under: Option<String>,
    /// Names of national institutions that exist in this country only (`institutions`
    /// column: a legislature, a national police force, a union confederation): a weak hint
    /// of where the text is, never a place.
    pub institutions: Vec<String>,
}

/// How a country was named in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryMentionKind {
    /// Its name or an alternate name.
    Name,
    /// An adjective or demonym (`Malian soldiers`).
    Adjective,
}

/// A country named in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountryMention {
    /// Original span.
    pub span: Span,
    /// Index into [`Countries::all`].
    pub country: usize,
    /// Name or adjective.
    pub kind: CountryMentionKind,
}

/// The country table with lookups.
#[derive(Debug, Clone)]
pub struct Countries {
    list: Vec<Country>,
    by_iso2: HashMap<String, usize>,
    by_iso3: HashMap<String, usize>,
    by_key: HashMap<String, usize>,
    matcher: AhoCorasick,
    /// pattern index → (country index, kind)
    patterns: Vec<(usize, CountryMentionKind)>,
    /// the `institutions` names; pattern index → country index
    inst_matcher: AhoCorasick,
    inst_country: Vec<usize>,
}

impl Countries {
    /// Parse the TSV: `id iso2 iso3 isonum name region aliases adjectives [coded_under]`, `|` inside lists,
    /// `#` comments, first non-comment line a header.
    pub fn parse(tsv: &str) -> Result<Self, DataError> {
        let mut list = Vec::new();
        for row in tsv_rows("countries.tsv", tsv, 6) {
            let (n, f) = row?;
            let iso = f[3]
                .trim()
                .parse::<u16>()
                .map_err(|_| DataError::new("countries.tsv", n, "bad numeric ISO code"))?;
            let list_of = |i: usize| -> Vec<String> {
                f.get(i)
                    .map(|s| {
                        s.split('|')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(String::from)
                            .collect()
                    })
                    .unwrap_or_default()
            };
            list.push(Country {
                id: f[0].trim().to_string(),
                iso2: f[1].trim().to_string(),
                iso3: f[2].trim().to_string(),
                iso,
                name: f[4].trim().to_string(),
                region: f[5].trim().to_string(),
                aliases: list_of(6),
                adjectives: list_of(7),
                coded_under: f
                    .get(8)
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .map(String::from),
                institutions: list_of(9),
            });
        }
        let mut by_iso2 = HashMap::new();
        let mut by_iso3 = HashMap::new();
        let mut by_key = HashMap::new();
        let mut pats: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        for (i, c) in list.iter().enumerate() {
            by_iso2.insert(c.iso2.clone(), i);
            by_iso3.insert(c.iso3.clone(), i);
            for n in std::iter::once(&c.name).chain(c.aliases.iter()) {
                by_key.entry(fold_key(n)).or_insert(i);
                pats.push(Folded::new(n).s);
                patterns.push((i, CountryMentionKind::Name));
            }
            for a in &c.adjectives {
                pats.push(Folded::new(a).s);
                patterns.push((i, CountryMentionKind::Adjective));
            }
        }
        let mut inst_pats: Vec<String> = Vec::new();
        let mut inst_country = Vec::new();
        for (i, c) in list.iter().enumerate() {
            for n in &c.institutions {
                inst_pats.push(Folded::new(n).s);
                inst_country.push(i);
            }
        }
        let inst_matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&inst_pats)
            .map_err(|e| DataError::new("countries.tsv", 0, &e.to_string()))?;
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            // a DFA: more memory, the fastest search on every document
            .kind(Some(AhoCorasickKind::DFA))
            .build(&pats)
            .map_err(|e| DataError::new("countries.tsv", 0, &e.to_string()))?;
        Ok(Countries {
            list,
            by_iso2,
            by_iso3,
            by_key,
            matcher,
            patterns,
            inst_matcher,
            inst_country,
        })
    }

    /// All countries, in file order.
    pub fn all(&self) -> &[Country] {
        &self.list
    }
    /// Country by index.
    pub fn get(&self, i: usize) -> &Country {
        &self.list[i]
    }
    /// Index by alpha-2 code.
    pub fn by_iso2(&self, iso2: &str) -> Option<usize> {
        self.by_iso2.get(iso2).copied()
    }
    /// The country ACLED codes territory `i`'s events under (`coded_under`), if any:
    /// Hong Kong → China.
    pub fn coded_under(&self, i: usize) -> Option<usize> {
        let c = self.list.get(i)?.coded_under.as_deref()?;
        self.by_iso2(c).filter(|&p| p != i)
    }
    /// Index by alpha-3 code.
    pub fn by_iso3(&self, iso3: &str) -> Option<usize> {
        self.by_iso3.get(iso3).copied()
    }
    /// Index by any name or alias, case- and accent-insensitive.
    pub fn by_name(&self, name: &str) -> Option<usize> {
        self.by_key.get(&fold_key(name)).copied()
    }

    /// Country names and adjectives in `folded`, whole words only.
    pub fn find(&self, folded: &Folded) -> Vec<CountryMention> {
        let s = folded.s.as_bytes();
        let mut out = Vec::new();
        for m in self.matcher.find_iter(&folded.s) {
            if !word_bounded(s, m.start(), m.end()) {
                continue;
            }
            let (country, kind) = self.patterns[m.pattern().as_usize()];
            out.push(CountryMention {
                span: folded.span(m.start(), m.end()),
                country,
                kind,
            });
        }
        out
    }
}

impl Countries {
    /// Names of national institutions (`institutions` column) in `folded`, whole words only:
    /// (country index, original span).
    pub fn find_institutions(&self, folded: &Folded) -> Vec<(usize, Span)> {
        let s = folded.s.as_bytes();
        self.inst_matcher
            .find_iter(&folded.s)
            .filter(|m| word_bounded(s, m.start(), m.end()))
            .map(|m| {
                (
                    self.inst_country[m.pattern().as_usize()],
                    folded.span(m.start(), m.end()),
                )
            })
            .collect()
    }
}

/// True when `[start, end)` of `s` is not glued to letters or digits on either side.
pub fn word_bounded(s: &[u8], start: usize, end: usize) -> bool {
    let before = start == 0 || !s[start - 1].is_ascii_alphanumeric();
    let after = end >= s.len() || !s[end].is_ascii_alphanumeric();
    before && after
}
