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
            // a seat of government (La Paz, The Hague, Cotonou) is a capital too
            ("P", "PPLC" | "PPLG") => Kind::Capital,
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
    /// A short GeoNames-style code for display.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Kind::Adm1 => "ADM1",
            Kind::Adm2 => "ADM2",
            Kind::Adm3 => "ADM3",
            Kind::Capital => "PPLC",
            Kind::Seat1 => "PPLA",
            Kind::Seat2 => "PPLA2",
            Kind::Seat3 => "PPLA3",
            Kind::Populated => "PPL",
            Kind::Area => "AREA",
            Kind::Other => "OTHER",
        }
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
    /// `id` is a GeoNames id (built-in places, and user imports of GeoNames dumps).
    pub gn: bool,
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
    /// `|`-joined alternate names (arena id).
    pub alts: u32,
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

/// `name` without the apostrophes that stand inside a word (`Sha'af` → `Shaaf`), or `None`
/// when it has none.
fn glued_apostrophes(name: &str) -> Option<String> {
    let is_apo = |c: char| {
        matches!(
            c,
            '\'' | '`' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02BF}' | '\u{02BE}'
        )
    };
    if !name.contains(is_apo) {
        return None;
    }
    let cs: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut changed = false;
    for (k, &c) in cs.iter().enumerate() {
        // inside a word: two letters before, a lower-case letter after (`N'Tillit`,
        // `L'Abergement` are elisions of a particle, written with the apostrophe or a space)
        let inner = k > 1
            && cs[k - 1].is_alphabetic()
            && cs[k - 2].is_alphabetic()
            && cs.get(k + 1).is_some_and(|n| n.is_lowercase());
        if is_apo(c) && inner {
            changed = true;
        } else {
            out.push(c);
        }
    }
    changed.then_some(out)
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
    /// Near-spelling index over the places of Mali, Burkina Faso, Niger and user imports:
    /// hash of a [`skeleton`] or of a skeleton with one letter deleted → places.
    pub fuzzy: FxMap<u64, Hits>,
    /// The same near-spelling keys for the built-in admin units of other countries, as a
    /// sorted vector of (hash, place) (compact: about 50,000 units with their spellings).
    pub unit_fuzzy: Vec<(u64, u32)>,
    /// First element of hyphenated compound names (`Naye` of `Naye-Dogon` and `Naye-Peulh`)
    /// over the same places as `fuzzy`: the quarters of one village that a report names by
    /// their common name.
    pub stems: FxMap<Box<str>, Hits>,
    /// GeoNames ids already held (built-in or imported), so a dump imported twice adds nothing.
    pub geonames_ids: FxMap<u32, u32>,
    /// Stable ids of user rows (not from GeoNames) → index into `row_keys`.
    pub user_ids: FxMap<u32, u32>,
    /// The identity of each user row (country, name, coordinates, admin units).
    pub row_keys: Vec<Box<str>>,
    /// First-level unit parts → the whole unit, as admin1 string ids (`Shan-South` → `Shan`):
    /// a place in a part is in the unit.
    /// A handful of pairs: scanned, not hashed.
    pub a1_parent: Vec<(u32, u32)>,
    /// R-tree over built-in admin2 units (admin1 units for countries without admin2), built
    /// on the first reverse lookup.
    pub units_tree: std::sync::OnceLock<rstar::RTree<UnitPoint>>,
}

/// An admin unit's point in the reverse-lookup R-tree, projected as `[lat, lon * cos(lat)]`
/// (equirectangular: distances are right locally, which is all a nearest-unit query needs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct UnitPoint {
    pub xy: [f64; 2],
    pub cc: [u8; 2],
    pub admin1: u32,
    pub admin2: u32,
    /// 2 for an admin2 unit, 1 for an admin1 unit.
    pub level: u8,
}

impl rstar::RTreeObject for UnitPoint {
    type Envelope = rstar::AABB<[f64; 2]>;
    fn envelope(&self) -> Self::Envelope {
        rstar::AABB::from_point(self.xy)
    }
}

impl rstar::PointDistance for UnitPoint {
    fn distance_2(&self, p: &[f64; 2]) -> f64 {
        let dx = self.xy[0] - p[0];
        let dy = self.xy[1] - p[1];
        dx * dx + dy * dy
    }
}

fn project(lat: f64, lon: f64) -> [f64; 2] {
    [lat, lon * lat.to_radians().cos()]
}

/// A populated place of Mali, Burkina Faso or Niger this large, named like its admin2 unit,
/// is read as that unit's seat.
const SEAT_TOWN_POP: u32 = 5_000;

/// Shortest compound-name stem filed in the stem index.
pub(crate) const STEM_MIN: usize = 4;

/// Alternates of an admin unit outside the focus countries filed for near-spelling lookup.
const UNIT_FUZZY_ALTS: usize = 4;

/// Shortest skeleton that gets a near-spelling lookup: shorter names collide too often.
pub(crate) const FUZZY_MIN: usize = 5;

/// Spelling skeleton of a folded key for near-spelling matching of transliterated names:
/// spaces and hyphens dropped, French/English transliteration pairs merged (`ou`/`u`,
/// `dj`/`j`, `gh`/`g`, `kh`/`k`, `c`/`k`, `y`/`i`, `w`/`u`), doubled letters collapsed and a
/// final `e` dropped: `Boulkessi` → `bulkesi`, `I-n-Deliman`/`In-Delimane` → `indeliman`.
pub(crate) fn skeleton(key: &str, out: &mut String) {
    out.clear();
    // letters and digits only, read pairwise without a copy
    let mut b = key.bytes().filter(u8::is_ascii_alphanumeric).peekable();
    while let Some(c) = b.next() {
        let n = b.peek().copied().unwrap_or(0);
        let (m, skip) = match (c, n) {
            (b'o', b'u') => (b'u', 2),
            (b'd', b'j') => (b'j', 2),
            (b'g', b'h') | (b'k', b'h') | (b'p', b'h') | (b't', b'h') => (c, 2),
            (b'c', b'h') | (b's', b'h') => (b's', 2),
            (b'c', _) | (b'q', _) => (b'k', 1),
            (b'y', _) => (b'i', 1),
            (b'w', _) => (b'u', 1),
            _ => (c, 1),
        };
        let m = if m == b'p' && skip == 2 { b'f' } else { m };
        if out.as_bytes().last() != Some(&m) {
            out.push(m as char);
        }
        if skip == 2 {
            b.next();
        }
    }
    if out.len() > FUZZY_MIN && out.ends_with('e') {
        out.pop();
    }
}

/// The hash of a spelling skeleton and of each of its one-letter deletions (a doubled letter
/// deleted once): two skeletons within one edit share at least one of these hashes.
fn deletion_hashes(b: &[u8]) -> Vec<u64> {
    let mut out = Vec::with_capacity(b.len() + 1);
    out.push(hash_bytes(b));
    let mut del = Vec::with_capacity(b.len());
    for k in 0..b.len() {
        if k > 0 && b[k] == b[k - 1] {
            continue;
        }
        del.clear();
        del.extend_from_slice(&b[..k]);
        del.extend_from_slice(&b[k + 1..]);
        out.push(hash_bytes(&del));
    }
    out
}

/// FxHash of a byte string (the near-spelling index keys).
pub(crate) fn hash_bytes(b: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(b);
    h.write_usize(b.len());
    h.finish()
}

/// Damerau-Levenshtein (optimal string alignment) distance of two short byte strings, or
/// `max + 1` once it exceeds `max`.
pub(crate) fn edit_distance(a: &[u8], b: &[u8], max: usize) -> usize {
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let n = b.len();
    let mut prev2 = vec![0usize; n + 1];
    let mut prev: Vec<usize> = (0..=n).collect();
    let mut cur = vec![0usize; n + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return max + 1;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[n].min(max + 1)
}

impl Store {
    pub(crate) fn new() -> Self {
        Store {
            places: Vec::new(),
            strs: Arena::new(),
            index: FxMap::default(),
            user_count: 0,
            fuzzy: FxMap::default(),
            unit_fuzzy: Vec::new(),
            stems: FxMap::default(),
            geonames_ids: FxMap::default(),
            user_ids: FxMap::default(),
            row_keys: Vec::new(),
            a1_parent: Vec::new(),
            units_tree: std::sync::OnceLock::new(),
        }
    }

    /// Add `name` of place `i` to the near-spelling index (scratch buffers `buf`, `sk`).
    pub(crate) fn index_fuzzy(&mut self, name: &str, i: u32, buf: &mut String, sk: &mut String) {
        key_into(name, buf);
        skeleton(buf, sk);
        if sk.len() < FUZZY_MIN || !sk.is_ascii() {
            return;
        }
        // admin units outside the focus countries go to the worldwide unit index
        let worldwide_unit = self.places.get(i as usize).is_some_and(|p| {
            p.kind.is_unit() && !p.user && !matches!(&p.cc, b"ML" | b"BF" | b"NE")
        });
        for h in deletion_hashes(sk.as_bytes()) {
            if worldwide_unit {
                self.unit_fuzzy.push((h, i));
            } else if let Some(x) = self.fuzzy.get_mut(&h) {
                x.push(i);
            } else {
                self.fuzzy.insert(h, Hits::One(i));
            }
        }
    }

    /// File place `i` under the first element of a hyphenated compound `name` (`Naye-Dogon`
    /// → `naye`; scratch `buf`). Prefixes of three letters or fewer (`In-`, `Tin-`, `I-n-`)
    /// are particles of one name, not a village's own name.
    pub(crate) fn index_stem(&mut self, name: &str, i: u32, buf: &mut String) {
        let Some((head, rest)) = name.split_once(['-', '\u{2010}', '\u{2011}']) else {
            return;
        };
        if rest.trim().is_empty() || head.contains(char::is_whitespace) {
            return;
        }
        key_into(head, buf);
        if buf.len() < STEM_MIN || !buf.bytes().all(|b| b.is_ascii_alphabetic()) {
            return;
        }
        if let Some(h) = self.stems.get_mut(buf.as_str()) {
            h.push(i);
        } else {
            self.stems.insert(buf.as_str().into(), Hits::One(i));
        }
    }

    /// Places filed under the compound-name stem `key` (already folded).
    pub(crate) fn stem_hits(&self, key: &str) -> &[u32] {
        self.stems.get(key).map(Hits::as_slice).unwrap_or(&[])
    }

    /// Places whose name is within one edit of `key` (a folded key) after [`skeleton`]
    /// folding, each with its skeleton distance (0 or 1), deduplicated.
    /// `units`: also the admin units of every country (asked only for a name followed by a
    /// unit word, `Dhanusha district`: the worldwide unit index is large).
    pub(crate) fn fuzzy_hits(&self, key: &str, units: bool, out: &mut Vec<(u32, u8)>) {
        out.clear();
        let mut sk = String::new();
        skeleton(key, &mut sk);
        if sk.len() < FUZZY_MIN {
            return;
        }
        let b = sk.as_bytes();
        let probes = deletion_hashes(b);
        let mut nbuf = String::new();
        let mut nsk = String::new();
        for h in probes {
            let from_units = if units {
                let lo = self.unit_fuzzy.partition_point(|e| e.0 < h);
                let hi = lo + self.unit_fuzzy[lo..].partition_point(|e| e.0 == h);
                &self.unit_fuzzy[lo..hi]
            } else {
                &[]
            }
            .iter()
            .map(|e| e.1);
            let from_map = self.fuzzy.get(&h).map(Hits::as_slice).unwrap_or(&[]);
            for i in from_map.iter().copied().chain(from_units) {
                if out.iter().any(|&(j, _)| j == i) {
                    continue;
                }
                // verify against every indexed name of the place (hash collisions, and the
                // deletion neighbourhood also pairs names two edits apart)
                let Some(p) = self.place(i) else { continue };
                let mut best = 2usize;
                for name in
                    std::iter::once(self.strs.get(p.name)).chain(self.strs.get(p.alts).split('|'))
                {
                    key_into(name, &mut nbuf);
                    skeleton(&nbuf, &mut nsk);
                    best = best.min(edit_distance(b, nsk.as_bytes(), 1));
                }
                if best <= 1 {
                    out.push((i, best as u8));
                }
            }
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

    /// File admin unit `i` under `name` with its in-word apostrophes dropped: a
    /// transliteration apostrophe (ayn, hamza: `Khabb wa ash Sha'af`, `Kitaf wa Al Boqe'e`) is
    /// usually left out in news spelling (`Shaaf`, `Boqee`). Units' own names only: for
    /// villages, and for the scholarly alternates (`Der`a`), the glued forms brought far
    /// namesakes (a soft sign, `Vil'ne`, read for `Vilny`; Syria's Daraa for a Malian `Dera`).
    pub(crate) fn index_glued(&mut self, name: &str, i: u32, buf: &mut String) {
        let Some(glued) = glued_apostrophes(name) else {
            return;
        };
        key_into(&glued, buf);
        if buf.is_empty() {
            return;
        }
        if let Some(h) = self.index.get_mut(buf.as_str()) {
            if !h.as_slice().contains(&i) {
                h.push(i);
            }
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

    /// Whether admin unit `u` (first or second level) holds place `p`, in the same country.
    pub(crate) fn unit_holds(&self, u: &Place, p: &Place) -> bool {
        u.cc == p.cc
            && ((u.kind == Kind::Adm1 && u.admin1 != 0 && self.same_a1(u.admin1, p.admin1))
                || (u.kind == Kind::Adm2 && u.admin2 != 0 && u.admin2 == p.admin2))
    }

    /// Admin1 string ids naming the same first-level unit, or a unit and one of its parts
    /// (`Shan` and `Shan-North`).
    #[inline]
    pub(crate) fn same_a1(&self, a: u32, b: u32) -> bool {
        a == b
            || self
                .a1_parent
                .iter()
                .any(|&(c, u)| (c == a && u == b) || (c == b && u == a))
    }

    /// Link first-level unit parts named `UNIT-North|South|East|West` to their unit.
    fn link_a1_parts(&mut self) {
        let mut links = Vec::new();
        for (s, &id) in &self.strs.interned {
            let Some((unit, part)) = s.rsplit_once('-') else {
                continue;
            };
            if !matches!(part, "North" | "South" | "East" | "West")
                || unit.len() < 3
                || matches!(unit, "North" | "South" | "East" | "West")
            {
                continue;
            }
            if let Some(&uid) = self.strs.interned.get(unit) {
                links.push((id, uid));
            }
        }
        self.a1_parent.extend(links);
    }

    /// Parse `places.tsv`.
    pub(crate) fn load_builtin(
        &mut self,
        tsv: &str,
        _countries: &Countries,
    ) -> Result<(), DataError> {
        const FILE: &str = "places.tsv";
        let mut buf = String::with_capacity(64);
        let mut sk = String::with_capacity(64);
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
                gn: true,
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
                alts: self.strs.push(alt),
            };
            let focus = matches!(&place.cc, b"ML" | b"BF" | b"NE");
            let mut place = place;
            if focus && place.kind == Kind::Populated && place.pop >= SEAT_TOWN_POP {
                // GeoNames codes some cercle seats as plain PPL (Bougouni, Djenne): a town
                // named like the admin2 unit it lies in is that unit's seat
                key_into(name, &mut buf);
                key_into(admin2, &mut sk);
                if !buf.is_empty() && buf == sk {
                    place.kind = Kind::Seat2;
                }
            }
            let place_kind = place.kind;
            self.places.push(place);
            self.geonames_ids.insert(id, i);
            self.index_name(name, i, &mut buf);
            // admin units everywhere get near-spellings too, for a unit named as such
            // (`Dhanusha district` for GeoNames' Dhanusa, `Wassit province` for Wasit)
            let unit = matches!(place_kind, Kind::Adm1 | Kind::Adm2);
            if focus || unit {
                self.index_fuzzy(name, i, &mut buf, &mut sk);
            }
            if unit {
                self.index_glued(name, i, &mut buf);
            }
            if focus {
                self.index_stem(name, i, &mut buf);
            }
            for (k, a) in alt.split('|').enumerate() {
                if !a.is_empty() {
                    self.index_name(a, i, &mut buf);
                    // (a unit's first alternates: its GeoNames and type-word spellings; the
                    // long tail of exonyms would cost memory and bring far matches)
                    if focus || (unit && k < UNIT_FUZZY_ALTS) {
                        self.index_fuzzy(a, i, &mut buf, &mut sk);
                    }
                }
            }
        }
        self.unit_fuzzy.sort_unstable();
        self.unit_fuzzy.dedup();
        self.unit_fuzzy.shrink_to_fit();
        self.link_a1_parts();
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

    /// Reverse lookup: `(admin1, admin2)` string ids of the built-in admin2 unit of `cc`
    /// nearest to a point (its admin1 unit when the country has no admin2 units), through the
    /// R-tree. An approximation of point-in-polygon: units are represented by their seat or
    /// centre.
    pub(crate) fn admin_at(&self, cc: [u8; 2], lat: f64, lon: f64) -> Option<(u32, u32)> {
        if !(lat.is_finite() && lon.is_finite()) {
            return None;
        }
        let tree = self.units_tree.get_or_init(|| {
            let mut with_adm2: std::collections::HashSet<[u8; 2]> = Default::default();
            for p in &self.places {
                if p.kind == Kind::Adm2 && !p.user && p.coords().is_some() {
                    with_adm2.insert(p.cc);
                }
            }
            let pts: Vec<UnitPoint> = self
                .places
                .iter()
                .filter(|p| !p.user)
                .filter(|p| {
                    p.kind == Kind::Adm2 || (p.kind == Kind::Adm1 && !with_adm2.contains(&p.cc))
                })
                .filter_map(|p| {
                    let (la, lo) = p.coords()?;
                    Some(UnitPoint {
                        xy: project(la, lo),
                        cc: p.cc,
                        admin1: p.admin1,
                        admin2: if p.kind == Kind::Adm2 { p.admin2 } else { 0 },
                        level: if p.kind == Kind::Adm2 { 2 } else { 1 },
                    })
                })
                .collect();
            rstar::RTree::bulk_load(pts)
        });
        tree.nearest_neighbor_iter(&project(lat, lon))
            .take(2000)
            .find(|u| u.cc == cc)
            .map(|u| (u.admin1, u.admin2))
    }
}
