//! Gazetteer storage: places in flat vectors, strings in one arena, a folded-name index.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::countries::Countries;
use crate::DataError;

/// A small fast hasher (the FxHash mix) for the name index: the keys are gazetteer names,
/// and SipHash's per-key cost dominates loading.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.hash = (self.hash.rotate_left(5) ^ w).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Map with [`FxHasher`].
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Feature kind, coarse enough for scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Adm1,
    Adm2,
    Adm3,
    Capital,
    Seat1,
    Seat2,
    Seat3,
    Populated,
    Area,
    Other,
}

impl Kind {
    pub(crate) fn from_codes(fclass: &str, fcode: &str) -> Kind {
        match (fclass, fcode) {
            ("A", "ADM1") => Kind::Adm1,
            ("A", "ADM2") => Kind::Adm2,
            ("A", c) if c.starts_with("ADM") => Kind::Adm3,
            ("P", "PPLC") => Kind::Capital,
            ("P", "PPLA") => Kind::Seat1,
            ("P", "PPLA2") => Kind::Seat2,
            ("P", c) if c.starts_with("PPLA") => Kind::Seat3,
            ("P", _) => Kind::Populated,
            ("L", _) | ("V", _) => Kind::Area,
            _ => Kind::Other,
        }
    }
    /// An admin unit (precision 3 when named on its own).
    pub(crate) fn is_unit(self) -> bool {
        matches!(self, Kind::Adm1 | Kind::Adm2 | Kind::Adm3)
    }
    /// A populated place.
    pub(crate) fn is_populated(self) -> bool {
        matches!(
            self,
            Kind::Capital | Kind::Seat1 | Kind::Seat2 | Kind::Seat3 | Kind::Populated
        )
    }
}

/// One place. Strings are ids into the arena (0 = empty).
#[derive(Debug, Clone)]
pub(crate) struct Place {
    /// GeoNames id, or the user place number.
    pub id: u32,
    pub user: bool,
    pub name: u32,
    pub lat: f64,
    pub lon: f64,
    pub kind: Kind,
    pub cc: [u8; 2],
    pub admin1: u32,
    pub admin2: u32,
    pub admin3: u32,
    pub pop: u32,
    pub seat: u32,
}

impl Place {
    pub(crate) fn coords(&self) -> Option<(f64, f64)> {
        if self.lat.is_finite() && self.lon.is_finite() {
            Some((self.lat, self.lon))
        } else {
            None
        }
    }
    pub(crate) fn cc_str(&self) -> &str {
        std::str::from_utf8(&self.cc).unwrap_or("")
    }
}

/// Place indices under one key; a single hit needs no heap allocation.
#[derive(Debug, Clone)]
pub(crate) enum Hits {
    One(u32),
    Many(Vec<u32>),
}

impl Hits {
    pub(crate) fn as_slice(&self) -> &[u32] {
        match self {
            Hits::One(i) => std::slice::from_ref(i),
            Hits::Many(v) => v,
        }
    }
    fn push(&mut self, i: u32) {
        match self {
            Hits::One(j) => {
                if *j != i {
                    *self = Hits::Many(vec![*j, i]);
                }
            }
            Hits::Many(v) => {
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
    }
}

/// Strings in one buffer; admin names interned.
#[derive(Debug, Clone, Default)]
pub(crate) struct Arena {
    buf: String,
    spans: Vec<(u32, u32)>,
    interned: FxMap<Box<str>, u32>,
}

impl Arena {
    pub(crate) fn new() -> Self {
        let mut a = Arena::default();
        a.spans.push((0, 0));
        a
    }
    pub(crate) fn push(&mut self, s: &str) -> u32 {
        if s.is_empty() {
            return 0;
        }
        if self.spans.is_empty() {
            self.spans.push((0, 0));
        }
        let start = self.buf.len() as u32;
        self.buf.push_str(s);
        self.spans.push((start, self.buf.len() as u32));
        (self.spans.len() - 1) as u32
    }
    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        if s.is_empty() {
            return 0;
        }
        if let Some(&i) = self.interned.get(s) {
            return i;
        }
        let i = self.push(s);
        self.interned.insert(s.into(), i);
        i
    }
    pub(crate) fn get(&self, id: u32) -> &str {
        match self.spans.get(id as usize) {
            Some(&(s, e)) => self.buf.get(s as usize..e as usize).unwrap_or(""),
            None => "",
        }
    }
}

/// Write the [`fold_key`] of `name` into `buf` (fast path for ASCII names).
pub(crate) fn key_into(name: &str, buf: &mut String) {
    buf.clear();
    if name.is_ascii() {
        let mut space = false;
        for b in name.bytes() {
            if b.is_ascii_alphanumeric() {
                if space && !buf.is_empty() {
                    buf.push(' ');
                }
                space = false;
                buf.push(b.to_ascii_lowercase() as char);
            } else {
                space = true;
            }
        }
    } else {
        // same result as `fold_key`, without its intermediate allocations
        let mut space = false;
        let mut push = |c: char, buf: &mut String| {
            if c.is_alphanumeric() {
                if space && !buf.is_empty() {
                    buf.push(' ');
                }
                space = false;
                buf.push(c);
            } else {
                space = true;
            }
        };
        for c in name.chars() {
            if c.is_ascii() {
                push(c.to_ascii_lowercase(), buf);
                continue;
            }
            match deunicode::deunicode_char(c) {
                Some(d) if !d.is_empty() && d.is_ascii() && !is_special(c) => {
                    for b in d.chars() {
                        push(b.to_ascii_lowercase(), buf);
                    }
                }
                _ => {
                    let lc = c.to_lowercase().next().unwrap_or(c);
                    push(if is_special(c) { ' ' } else { lc }, buf);
                }
            }
        }
    }
}

/// Characters `Folded` maps to punctuation or spaces.
fn is_special(c: char) -> bool {
    matches!(
        c,
        '\u{2018}'
            | '\u{2019}'
            | '\u{02BC}'
            | '\u{00B4}'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2010}'..='\u{2015}' | '\u{00A0}' | '\u{202F}' | '\u{2009}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_key;

    #[test]
    fn key_into_matches_fold_key() {
        let mut buf = String::new();
        for s in [
            "Ségou",
            "N’Djamena",
            "Gourma–Rharous",
            "Straße",
            "北京",
            "Ἰακούτα",
            "Tin\u{00A0}Essako",
            "ǃKung",
            "Ömer «x»",
            "Łódź",
            "İstanbul",
        ] {
            key_into(s, &mut buf);
            assert_eq!(buf, fold_key(s), "{s}");
        }
    }
}

/// The gazetteer's data. See [`super::Gazetteer`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Store {
    pub places: Vec<Place>,
    pub strs: Arena,
    pub index: FxMap<Box<str>, Hits>,
    pub user_count: u32,
}

impl Store {
    pub(crate) fn new() -> Self {
        Store {
            places: Vec::new(),
            strs: Arena::new(),
            index: FxMap::default(),
            user_count: 0,
        }
    }

    /// Index `name` for place `i`, using `buf` as scratch.
    pub(crate) fn index_name(&mut self, name: &str, i: u32, buf: &mut String) {
        key_into(name, buf);
        if buf.is_empty() {
            return;
        }
        if let Some(h) = self.index.get_mut(buf.as_str()) {
            h.push(i);
        } else {
            self.index.insert(buf.as_str().into(), Hits::One(i));
        }
    }

    /// Places filed under the key of `name` (`key` must already be folded).
    pub(crate) fn hits(&self, key: &str) -> &[u32] {
        self.index.get(key).map(Hits::as_slice).unwrap_or(&[])
    }

    pub(crate) fn place(&self, i: u32) -> Option<&Place> {
        self.places.get(i as usize)
    }

    /// Parse `places.tsv`.
    pub(crate) fn load_builtin(
        &mut self,
        tsv: &str,
        _countries: &Countries,
    ) -> Result<(), DataError> {
        const FILE: &str = "places.tsv";
        let mut buf = String::with_capacity(64);
        self.places.reserve(tsv.len() / 80);
        self.index.reserve(tsv.len() / 40);
        for (n, line) in tsv.lines().enumerate() {
            let line_no = n + 1;
            if line.is_empty() || line.starts_with('#') || line.starts_with("id\t") {
                continue;
            }
            let mut f = line.split('\t');
            let mut next = || f.next().unwrap_or("");
            let id = next();
            let name = next();
            let alt = next();
            let lat = next();
            let lon = next();
            let fclass = next();
            let fcode = next();
            let cc = next();
            let admin1 = next();
            let admin2 = next();
            let pop = next();
            let seat = next();
            if name.is_empty() || cc.len() != 2 {
                return Err(DataError::new(
                    FILE,
                    line_no,
                    "expected id, name, ..., cc columns",
                ));
            }
            let id = id
                .strip_prefix("GN:")
                .and_then(|s| s.parse::<u32>().ok())
                .ok_or_else(|| DataError::new(FILE, line_no, "bad id (expected GN:<number>)"))?;
            let coord = |s: &str| -> Result<f64, DataError> {
                if s.is_empty() {
                    Ok(f64::NAN)
                } else {
                    s.parse::<f64>()
                        .map_err(|_| DataError::new(FILE, line_no, "bad coordinate"))
                }
            };
            let lat = coord(lat)?;
            let lon = coord(lon)?;
            let ccb = cc.as_bytes();
            let i = self.places.len() as u32;
            let place = Place {
                id,
                user: false,
                name: self.strs.push(name),
                lat,
                lon,
                kind: Kind::from_codes(fclass, fcode),
                cc: [ccb[0], ccb[1]],
                admin1: self.strs.intern(admin1),
                admin2: self.strs.intern(admin2),
                admin3: 0,
                pop: pop.parse().unwrap_or(0),
                seat: self.strs.intern(seat),
            };
            self.places.push(place);
            self.index_name(name, i, &mut buf);
            for a in alt.split('|') {
                if !a.is_empty() {
                    self.index_name(a, i, &mut buf);
                }
            }
        }
        Ok(())
    }

    /// Builtin admin unit of `level` (1 or 2) in `cc` named `raw` (any spelling the index knows):
    /// returns the unit's ACLED admin1 and admin2 string ids. Falls back to a seat of that
    /// level with the same name.
    pub(crate) fn find_unit(&self, cc: [u8; 2], level: u8, raw: &str) -> Option<(u32, u32)> {
        let mut buf = String::new();
        for cand in [raw, super::strip_admin_type(raw).as_str()] {
            key_into(cand, &mut buf);
            if buf.is_empty() {
                continue;
            }
            let hits = self.hits(&buf);
            let want = if level == 1 { Kind::Adm1 } else { Kind::Adm2 };
            let mut fallback = None;
            for &h in hits {
                let Some(p) = self.place(h) else { continue };
                if p.cc != cc || p.user {
                    continue;
                }
                if p.kind == want {
                    return Some((p.admin1, if level == 1 { 0 } else { p.admin2 }));
                }
                let seat = if level == 1 {
                    matches!(p.kind, Kind::Seat1 | Kind::Capital)
                } else {
                    p.kind == Kind::Seat2
                };
                if seat && fallback.is_none() {
                    fallback = Some((p.admin1, if level == 1 { 0 } else { p.admin2 }));
                }
            }
            if fallback.is_some() {
                return fallback;
            }
        }
        None
    }

    /// Country code most builtin admin1 units named like `raw` belong to.
    pub(crate) fn admin1_countries(&self, raw: &str, out: &mut Vec<[u8; 2]>) {
        let mut buf = String::new();
        key_into(raw, &mut buf);
        for &h in self.hits(&buf) {
            if let Some(p) = self.place(h) {
                if p.kind == Kind::Adm1 && !p.user && !out.contains(&p.cc) {
                    out.push(p.cc);
                }
            }
        }
    }

    /// Builtin admin2 units of `cc` with coordinates (admin1 units when there are none):
    /// `(lat, lon, admin1, admin2)`.
    pub(crate) fn units_of(&self, cc: [u8; 2]) -> Vec<(f64, f64, u32, u32)> {
        for want in [Kind::Adm2, Kind::Adm1] {
            let v: Vec<_> = self
                .places
                .iter()
                .filter(|p| p.cc == cc && p.kind == want && !p.user)
                .filter_map(|p| p.coords().map(|(la, lo)| (la, lo, p.admin1, p.admin2)))
                .collect();
            if !v.is_empty() {
                return v;
            }
        }
        Vec::new()
    }
}

/// The unit in `units` (from [`Store::units_of`]) nearest to a point: `(admin1, admin2)`.
pub(crate) fn nearest(units: &[(f64, f64, u32, u32)], lat: f64, lon: f64) -> Option<(u32, u32)> {
    let coslat = lat.to_radians().cos();
    let mut best: Option<(f64, u32, u32)> = None;
    for &(la, lo, a1, a2) in units {
        let d = (la - lat).powi(2) + ((lo - lon) * coslat).powi(2);
        if !matches!(best, Some(b) if d >= b.0) {
            best = Some((d, a1, a2));
        }
    }
    best.map(|b| (b.1, b.2))
}
