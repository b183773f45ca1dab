//! Geocoding: the gazetteer (built-in GeoNames-derived table plus user imports) and place
//! resolution for a stretch of text.
//!
//! The built-in table is `data/gazetteer/places.tsv` (see `data/gazetteer/README.md`): one
//! place per line, admin names already in ACLED spelling. User gazetteers (GeoNames dumps or
//! CSV files such as a national village list) are added with [`Gazetteer::add_user`]; their
//! places get a modest preference among homonyms, since a user import names the user's area
//! of interest.
//!
//! [`geocode`] finds capitalised place names in a scope of the text, scores every gazetteer
//! entry they match (prepositions, admin context such as `X (Niafunke, Tombouctou)`, country
//! hints, feature class, population, user boost) and returns the best one with its
//! `geo_precision` (codebook 4.2).

mod import;
mod store;

use crate::countries::{Countries, CountryMentionKind};
use crate::text::Folded;
use crate::types::Span;
use crate::DataError;

use store::{key_into, Kind, Place, Store};

/// The gazetteer.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    store: Store,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// Places added.
    pub added: usize,
    /// Rows describing a place already held (same GeoNames id, or same name, country,
    /// coordinates and admin units): not added again.
    pub duplicates: usize,
    /// Rows skipped, with 1-based line numbers and the reason.
    pub skipped: Vec<(usize, String)>,
}

/// File format of a user gazetteer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ImportFormat {
    /// GeoNames dump when the first line has 19+ tab-separated columns and a numeric id,
    /// else CSV.
    #[default]
    Auto,
    /// A GeoNames country or world dump (`BF.txt`, `allCountries.txt`).
    GeoNames,
    /// A delimited file (`,` `;` tab or `|`) with a header row.
    Csv,
}

/// How to read a user gazetteer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// File format.
    pub format: ImportFormat,
    /// CSV only: `(field, header)` pairs naming the column that holds a field, overriding the
    /// header names recognised by default. Fields: `name`, `lat`, `lon`, `admin1`, `admin2`,
    /// `admin3`, `country`, `alt` (alternate names, `|` or `;` separated).
    pub columns: Vec<(String, String)>,
}

/// The fields `--columns` may name.
pub const IMPORT_FIELDS: &[&str] = &[
    "name", "lat", "lon", "admin1", "admin2", "admin3", "country", "alt",
];

impl Gazetteer {
    /// Load the built-in table (`data/gazetteer/places.tsv`).
    pub fn from_builtin(places_tsv: &str, countries: &Countries) -> Result<Self, DataError> {
        let mut store = Store::new();
        store.load_builtin(places_tsv, countries)?;
        Ok(Gazetteer { store })
    }
    /// Add a user gazetteer: a GeoNames dump or a CSV with a header row (format detected).
    ///
    /// CSV columns are recognised by name, case-insensitively: `VILLAGE`/`NAME`/`LOCATION`,
    /// `LAT`/`LATITUDE`, `LONG`/`LON`/`LONGITUDE`, `REGION`/`ADMIN1`,
    /// `CERCLE`/`PROVINCE`/`DEPARTMENT`/`ADMIN2`, `COMMUNE`/`ADMIN3`, `COUNTRY` (name or ISO
    /// code; when absent the country is inferred from the admin names). Admin names are mapped
    /// to ACLED spellings through the built-in admin units. Rows without coordinates are kept
    /// as names; malformed rows are skipped and reported with their 1-based line number.
    pub fn add_user(&mut self, text: &str, countries: &Countries) -> ImportReport {
        import::import(&mut self.store, text, countries, &ImportOptions::default())
    }
    /// [`Gazetteer::add_user`] with an explicit format and column mapping.
    pub fn add_user_with(
        &mut self,
        text: &str,
        countries: &Countries,
        opts: &ImportOptions,
    ) -> ImportReport {
        import::import(&mut self.store, text, countries, opts)
    }
    /// Number of places filed under `name`, folded as the matcher folds names (`buf` is
    /// scratch): the hot path of a name lookup, without allocation.
    pub fn count(&self, name: &str, buf: &mut String) -> usize {
        key_into(name, buf);
        self.store.hits(buf).len()
    }
    /// Number of places of Mali, Burkina Faso, Niger and user imports within one edit of
    /// `name` after spelling-skeleton folding (the near-spelling lookup).
    pub fn count_near(&self, name: &str) -> usize {
        let mut buf = String::new();
        key_into(name, &mut buf);
        let mut out = Vec::new();
        self.store.fuzzy_hits(&buf, false, &mut out);
        out.len()
    }
    /// Number of places from user imports.
    pub fn user_len(&self) -> usize {
        self.store.places.iter().filter(|p| p.user).count()
    }
    /// Reverse lookup: the admin1 and admin2 (ACLED spelling) of the built-in admin2 unit
    /// whose seat or centre lies nearest to a point in country `iso2`, through an R-tree.
    pub fn admin_at(&self, iso2: &str, lat: f64, lon: f64) -> Option<(String, String)> {
        let cc = iso2.as_bytes();
        if cc.len() != 2 {
            return None;
        }
        let (a1, a2) = self.store.admin_at([cc[0], cc[1]], lat, lon)?;
        Some((
            self.store.strs.get(a1).to_string(),
            self.store.strs.get(a2).to_string(),
        ))
    }
    /// The country most of the user-imported places lie in (ISO alpha-2), if any: the area the
    /// user works on, a weak prior when a text names no country.
    pub fn user_country(&self) -> Option<String> {
        let mut counts: std::collections::HashMap<[u8; 2], usize> =
            std::collections::HashMap::new();
        for p in self.store.places.iter().filter(|p| p.user) {
            *counts.entry(p.cc).or_default() += 1;
        }
        let (cc, n) = counts.into_iter().max_by_key(|(_, n)| *n)?;
        (n > 0).then(|| String::from_utf8_lossy(&cc).into_owned())
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.store.places.len()
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.store.places.is_empty()
    }
    /// Number of distinct folded names (lookup keys).
    pub fn key_count(&self) -> usize {
        self.store.index.len()
    }
    /// `Athens (Georgia)`: whether a first-level unit filed under `unit` (a country's name)
    /// in another country than `iso2` holds a populated place named `place`: the parenthesis
    /// names that unit, not the country.
    pub fn unit_of_place_abroad(&self, unit: &str, iso2: &str, place: &str) -> bool {
        let (mut ub, mut pb) = (String::new(), String::new());
        key_into(unit, &mut ub);
        key_into(place, &mut pb);
        let units: Vec<&Place> = self
            .store
            .hits(&ub)
            .iter()
            .filter_map(|&i| self.store.place(i))
            .filter(|u| u.kind == Kind::Adm1 && u.cc_str() != iso2 && !u.user)
            .filter(|u| unit_named(&self.store, u, &ub, true, &mut String::new()))
            .collect();
        !units.is_empty()
            && self
                .store
                .hits(&pb)
                .iter()
                .filter_map(|&i| self.store.place(i))
                .any(|p| p.kind.is_populated() && units.iter().any(|u| self.store.unit_holds(u, p)))
    }
    /// Every place filed under `name` (any spelling the gazetteer knows, matched by
    /// [`crate::text::fold_key`]), as `(rule id, ACLED location, ISO alpha-2, admin1, admin2)`.
    /// Meant for diagnostics and tests.
    pub fn lookup(&self, name: &str) -> Vec<(String, String, String, String, String)> {
        let mut buf = String::new();
        key_into(name, &mut buf);
        self.describe(self.store.hits(&buf).iter().copied())
    }
    /// [`Self::lookup`] widened to the names the engine may also take, only when the context
    /// supports them: near-spellings (the places [`Self::count_near`] counts) and compound
    /// names of which `name` is the stem (`Koumaga` for `Koumaga-Peulh`). For diagnostics and
    /// evaluation ceilings.
    pub fn lookup_near(&self, name: &str) -> Vec<(String, String, String, String, String)> {
        let mut buf = String::new();
        key_into(name, &mut buf);
        let mut out = Vec::new();
        self.store.fuzzy_hits(&buf, false, &mut out);
        let stems = self.store.stem_hits(&buf).iter().copied();
        self.describe(out.into_iter().map(|(i, _)| i).chain(stems))
    }
    /// Country (ISO alpha-2) and coordinates of every place [`Self::lookup`] and
    /// [`Self::lookup_near`] give for `name`, places without coordinates left out.
    pub fn points(&self, name: &str) -> Vec<(String, f64, f64)> {
        let mut buf = String::new();
        key_into(name, &mut buf);
        let mut near = Vec::new();
        self.store.fuzzy_hits(&buf, false, &mut near);
        let exact = self.store.hits(&buf).iter().copied();
        let stems = self.store.stem_hits(&buf).iter().copied();
        exact
            .chain(near.into_iter().map(|(i, _)| i))
            .chain(stems)
            .filter_map(|i| self.store.place(i))
            .filter(|p| p.lat.is_finite() && p.lon.is_finite())
            .map(|p| (p.cc_str().to_string(), p.lat, p.lon))
            .collect()
    }
    fn describe(
        &self,
        places: impl Iterator<Item = u32>,
    ) -> Vec<(String, String, String, String, String)> {
        places
            .filter_map(|i| self.store.place(i))
            .map(|p| {
                (
                    rule_of(p),
                    self.store.strs.get(p.name).to_string(),
                    p.cc_str().to_string(),
                    self.store.strs.get(p.admin1).to_string(),
                    self.store.strs.get(p.admin2).to_string(),
                )
            })
            .collect()
    }
}

fn rule_of(p: &Place) -> String {
    if p.gn {
        format!("GN:{}", p.id)
    } else {
        format!("USER:{:08x}", p.id)
    }
}

/// Hints from the rest of the document.
#[derive(Debug, Clone, Default)]
pub struct GeoContext {
    /// Countries the document points to, as indices into [`Countries::all`], with weights.
    pub countries: Vec<(usize, f32)>,
    /// Spans that are not place names whatever the gazetteer says (actor names such as
    /// "Katiba Macina", victim words).
    pub exclude: Vec<Span>,
    /// Countries the text's own places point to (a unit named as such, a place its unit
    /// qualifies): a text placed there gives no leniency to a big place abroad.
    pub placed: Vec<usize>,
    /// The whole text's country names and adjectives, found once per document
    /// ([`Countries::find`]); `None`: each call finds them itself.
    pub country_mentions: Option<Vec<crate::countries::CountryMention>>,
}

/// A resolved place with its admin units, in ACLED spelling.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Geo {
    /// Index into [`Countries::all`].
    pub country: usize,
    /// First-level unit.
    pub admin1: String,
    /// Second-level unit.
    pub admin2: String,
    /// Third-level unit.
    pub admin3: String,
    /// Named place.
    pub location: String,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// 1, 2 or 3 (codebook 4.2).
    pub geo_precision: u8,
    /// The place name in the text.
    pub span: Span,
    /// Stable ID of the gazetteer entry (`GN:2457161`, `USER:123`).
    pub rule: String,
}

/// Strip admin type words from a unit name: `Douentza Cercle` → `Douentza`,
/// `Département de Tessaoua` → `Tessaoua`, `Province du Soum` → `Soum`.
pub(crate) fn strip_admin_type(name: &str) -> String {
    const PREFIXES: &[&str] = &[
        "departement de la ",
        "departement de l'",
        "departement d'",
        "departement de ",
        "departement du ",
        "province de la ",
        "province de l'",
        "province du ",
        "province des ",
        "province de ",
        "province of ",
        "cercle de ",
        "cercle d'",
        "region de la ",
        "region de l'",
        "region du ",
        "region de ",
        "region of ",
        "prefecture de ",
        "commune de ",
        "district de ",
        "district of ",
        "governorate of ",
        "state of ",
        "ville de ",
    ];
    const SUFFIXES: &[&str] = &[
        " cercle",
        " province",
        " region",
        " governorate",
        " state",
        " district",
        " municipality",
        " department",
        " prefecture",
        " county",
    ];
    let mut n = crate::text::ascii_name(name).trim().to_string();
    loop {
        let low = n.to_ascii_lowercase();
        let mut changed = false;
        for p in PREFIXES {
            if low.starts_with(p) && n.len() > p.len() + 1 {
                n = n[p.len()..].trim().to_string();
                changed = true;
                break;
            }
        }
        if !changed {
            for s in SUFFIXES {
                if low.ends_with(s) && n.len() > s.len() + 1 {
                    n = n[..n.len() - s.len()].trim().to_string();
                    changed = true;
                    break;
                }
            }
        }
        if !changed {
            return n;
        }
    }
}

/// Capitalised words that are never place names here (sorted; checked by a test).
/// Country weight from which the document is taken to point to its countries only.
const SIGNAL: f32 = 0.5;

const STOP: &[&str] = &[
    "a",
    "about",
    "according",
    "afp",
    "africa",
    "african",
    "after",
    "al",
    "also",
    "an",
    "and",
    "aout",
    "ap",
    "april",
    "arab",
    "area",
    "army",
    "as",
    "assembly",
    "at",
    "attack",
    "attacks",
    "august",
    "avril",
    "bambara",
    "bbc",
    "bozo",
    "brig",
    "but",
    "by",
    "captain",
    "cedeao",
    "center",
    "central",
    "centre",
    "church",
    "city",
    "colonel",
    "commander",
    "commission",
    "council",
    "daesh",
    "dans",
    "de",
    "december",
    "decembre",
    "des",
    "dimanche",
    "dogon",
    "dozo",
    "du",
    "east",
    "eastern",
    "ecowas",
    "education",
    "en",
    "est",
    "et",
    "europe",
    "european",
    "fama",
    "february",
    "federal",
    "fevrier",
    "for",
    "forces",
    "friday",
    "from",
    "fula",
    "fulani",
    "general",
    "government",
    "gunmen",
    "hausa",
    "he",
    "her",
    "his",
    "hrw",
    "i",
    "if",
    "il",
    "in",
    "is",
    "isgs",
    "islam",
    "islamic",
    "iswap",
    "it",
    "january",
    "janvier",
    "jeudi",
    "jnim",
    "juillet",
    "juin",
    "july",
    "june",
    "la",
    "le",
    "les",
    "lieutenant",
    "lundi",
    "mai",
    "major",
    "many",
    "march",
    "mardi",
    "mars",
    "may",
    "media",
    "mercredi",
    "minister",
    "ministry",
    "minusma",
    "monday",
    "mossi",
    "mr",
    "msf",
    "national",
    "nord",
    "north",
    "northern",
    "november",
    "novembre",
    "ocha",
    "october",
    "octobre",
    "of",
    "on",
    "one",
    "ouest",
    "peul",
    "peulh",
    "police",
    "president",
    "read",
    "reuters",
    "rfi",
    "sahel",
    "samedi",
    "saturday",
    "september",
    "septembre",
    "sergeant",
    "she",
    "since",
    "some",
    "songhai",
    "sources",
    "south",
    "southern",
    "state",
    "street",
    "sud",
    "sunday",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "thursday",
    "today",
    "tuareg",
    "tuesday",
    "two",
    "un",
    "une",
    "united",
    "vendredi",
    "wednesday",
    "west",
    "western",
    "when",
    "while",
    "with",
    "yesterday",
    "you",
];

/// Words after a name that make it a people or group (`the Imghad community`).
pub(crate) fn is_community_word(w: &str) -> bool {
    matches!(
        w,
        "community"
            | "communities"
            | "tribe"
            | "tribes"
            | "tribal"
            | "fraction"
            | "clan"
            | "clans"
            | "notable"
            | "notables"
            | "ethnic"
            | "herders"
            | "herdsmen"
            | "herder"
            | "faction"
            | "militiamen"
            | "militia"
            | "militias"
            | "elders"
            | "people"
            | "civilians"
            | "party"
            | "parties"
            | "communaute"
            | "tribu"
    )
}

/// `the Aguelhok-Tessalit road`, `the Gao-Ansongo axis`: a road between two places.
fn is_road_word(w: &str) -> bool {
    matches!(w, "road" | "axis" | "route" | "highway" | "axe")
}

/// `the village of X`, `Y town in X countryside`: a word for a settlement.
fn is_town_noun(w: &str) -> bool {
    matches!(w, "village" | "town" | "city")
}

/// Words after a name that make it fighters named after a place (`Macina fighters`).
/// Currency names (`Iraqi Dinar`, `Turkish Lira`), places elsewhere (Dinar, Turkey).
fn is_currency_word(w: &str) -> bool {
    matches!(
        w,
        "dinar"
            | "dinars"
            | "lira"
            | "pound"
            | "dollar"
            | "dollars"
            | "euro"
            | "franc"
            | "peso"
            | "real"
            | "rial"
            | "riyal"
            | "dirham"
            | "rupee"
            | "shilling"
            | "naira"
            | "cedi"
            | "rand"
            | "ruble"
            | "rouble"
            | "hryvnia"
            | "manat"
            | "taka"
            | "kyat"
            | "birr"
            | "leone"
            | "kwacha"
            | "yuan"
            | "yen"
            | "won"
            | "lek"
            | "lari"
            | "dram"
            | "tenge"
            | "som"
            | "afghani"
            | "bolivar"
    )
}

fn is_fighter_word(w: &str) -> bool {
    matches!(
        w,
        "fighters" | "militants" | "jihadists" | "combatants" | "rebels" | "insurgents"
    )
}

/// Capitalised words that name a feature of a place (`Timbuktu Airport`, `Gao Road`), not a
/// longer place name.
fn is_feature_word(w: &str) -> bool {
    matches!(
        w,
        "airport"
            | "aeroport"
            | "camp"
            // `Kakuma Refugee Camp`, `Bentiu IDP Camp`: the camp's kind, not a name word
            | "refugee"
            | "idp"
            | "road"
            | "route"
            | "axis"
            | "highway"
            | "market"
            | "marche"
            | "memorial"
            | "hospital"
            | "hopital"
            | "stadium"
            | "stade"
            | "bridge"
            | "pont"
            | "prison"
            | "university"
            | "universite"
            | "mosque"
            | "mosquee"
            | "church"
            | "forest"
            | "foret"
            | "river"
            | "lake"
            | "lac"
            | "base"
            | "checkpoint"
            | "border"
            | "school"
            | "station"
            | "gendarmerie"
            | "mine"
            | "dam"
            | "barracks"
            | "square"
            | "place"
            | "palace"
            | "court"
            | "hotel"
            | "quarter"
            | "town"
            | "village"
            | "city"
            | "ville"
            | "commune"
            | "area"
            | "zone"
            | "town hall"
            | "hall"
            | "headquarters"
            | "intersection"
            | "mayor"
            | "prefecture"
            | "governor"
            | "garrison"
            | "post"
            | "office"
    )
}

fn is_stop(key: &str) -> bool {
    STOP.binary_search(&key).is_ok()
}

/// Words that may sit lower-case inside a multi-word name (`Nioro du Sahel`).
fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "de" | "du"
            | "des"
            | "la"
            | "le"
            | "el"
            | "al"
            | "d"
            | "l"
            | "n"
            | "sur"
            | "en"
            | "of"
            | "y"
            | "da"
            | "do"
            | "dos"
            | "di"
            | "ben"
            | "bin"
            | "ould"
            // the Arabic article assimilated (`Deir ez Zor`, `Ras al Ain`, `Dar es Salaam`)
            | "ez"
            | "es"
            | "ed"
            | "er"
            | "ash"
            | "as"
            | "ad"
            | "an"
            | "ar"
            | "at"
            | "az"
            | "adh"
            | "ath"
            | "ul"
            // Arabic `wa` (and) joining two names in one unit (`Khabb wa ash Sha'af`)
            | "wa"
            // the Persian ezafe (`Bandar e Abbas`, written `Bandar-e Abbas` by GeoNames)
            | "e"
            // Spanish, Portuguese, Dutch, German (`Ciudad del Carmen`, `Den Helder`)
            | "del"
            | "las"
            | "los"
            | "das"
            | "der"
            | "van"
            | "von"
            // German `am`, `im`, `bei` (`Frankfurt am Main`, `Neumarkt in der Oberpfalz`)
            | "am"
            | "im"
            | "bei"
            | "in"
    )
}

/// Unit words after (`Mopti region`) or before (`region of Mopti`) a name.
fn is_unit_word(w: &str) -> bool {
    matches!(
        w,
        "region"
            | "regions"
            | "province"
            | "cercle"
            | "circle"
            | "department"
            | "departement"
            | "state"
            | "governorate"
            | "district"
            | "prefecture"
            | "county"
            | "wilaya"
            | "oblast"
            | "raion"
            | "rayon"
            | "municipality"
            | "township"
            | "woreda"
            | "lga"
            // Bangladesh, Pakistan, India, Colombia, Ethiopia, Switzerland, Uganda, Iraq
            | "upazila"
            | "upazilla"
            | "tehsil"
            | "taluka"
            | "corregimiento"
            | "kebele"
            | "canton"
            | "parish"
            | "subdistrict"
            // Russia's republics (`Republic of Dagestan`), the autonomous republics of Ukraine,
            // Georgia, Azerbaijan and Uzbekistan, Bosnia's Republika Srpska
            | "republic"
    )
}

/// Which countries call one of their administrative units by a given word
/// (`data/dictionaries/unit_words.tsv`): (row ID, word, ISO2 codes).
type UnitWordRow = (&'static str, &'static str, Vec<[u8; 2]>);
static UNIT_WORDS: std::sync::LazyLock<Vec<UnitWordRow>> = std::sync::LazyLock::new(|| {
    include_str!("../../../../data/dictionaries/unit_words.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("id\t") && !l.trim().is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            let id = f.next()?;
            let word = f.next()?;
            let ccs = f
                .next()?
                .split('|')
                .filter_map(|c| <[u8; 2]>::try_from(c.trim().as_bytes()).ok())
                .collect();
            Some((id, word, ccs))
        })
        .collect()
});

/// The row of `unit_words.tsv` for a unit word (`district`), if the table has one.
fn unit_word_row(w: &str) -> Option<u8> {
    UNIT_WORDS
        .iter()
        .position(|r| r.1 == w)
        .and_then(|i| u8::try_from(i).ok())
}

/// Whether the country `cc` has units called by the word of row `row`.
fn unit_word_fits(row: u8, cc: &[u8; 2]) -> bool {
    UNIT_WORDS
        .get(row as usize)
        .is_none_or(|r| r.2.contains(cc))
}

/// `baramulla` → `baramula`: the name with each doubled consonant written once, into `out`;
/// false (and `out` untouched) when it has none.
fn single_consonants(key: &str, out: &mut String) -> bool {
    let b = key.as_bytes();
    let doubled = |k: usize| {
        k > 0 && b[k] == b[k - 1] && b[k].is_ascii_alphabetic() && !b"aeiouy".contains(&b[k])
    };
    if !(1..b.len()).any(doubled) {
        return false;
    }
    out.clear();
    for (k, c) in key.char_indices() {
        if !(k < b.len() && doubled(k)) {
            out.push(c);
        }
    }
    true
}

/// Abbreviations of first-level units in common use, matched as written (capitals)
/// (`data/dictionaries/unit_abbreviations.tsv`): the abbreviation and the unit's gazetteer key.
static UNIT_ABBREVIATIONS: std::sync::LazyLock<Vec<(&'static str, &'static str)>> =
    std::sync::LazyLock::new(|| {
        include_str!("../../../../data/dictionaries/unit_abbreviations.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("id\t") && !l.trim().is_empty())
            .filter_map(|l| {
                let mut f = l.split('\t').skip(1);
                Some((f.next()?, f.next()?))
            })
            .collect()
    });

/// `al raqqah` → `ar raqqah`, `al shaddadi` → `ash shaddadi`: the article written as it is
/// said before a sun letter, into `out`; false (and `out` untouched) when the name does not
/// start with `al`/`el` before one.
fn sun_letter_article(key: &str, out: &mut String) -> bool {
    let Some(rest) = key.strip_prefix("al ").or_else(|| key.strip_prefix("el ")) else {
        return false;
    };
    let Some(sun) = ["th", "dh", "sh", "t", "d", "r", "z", "s", "n"]
        .iter()
        .find(|p| rest.starts_with(*p))
    else {
        return false;
    };
    out.clear();
    out.push('a');
    out.push_str(sun);
    out.push(' ');
    out.push_str(rest);
    true
}

fn is_prep(w: &str) -> bool {
    matches!(
        w,
        "in" | "at"
            | "near"
            | "outside"
            | "of"
            | "a"
            | "dans"
            | "de"
            | "du"
            | "d"
            | "from"
            | "to"
            | "into"
            | "around"
            | "between"
            | "entre"
            | "towards"
            | "toward"
            | "en"
            | "vers"
            | "sur"
            | "pres"
            | "on"
    )
}

fn is_distance_word(w: &str) -> bool {
    matches!(
        w,
        "km" | "kms"
            | "kilometres"
            | "kilometers"
            | "kilometre"
            | "kilometer"
            | "miles"
            | "mi"
            | "north"
            | "south"
            | "east"
            | "west"
            | "northeast"
            | "northwest"
            | "southeast"
            | "southwest"
            | "nord"
            | "sud"
            | "est"
            | "ouest"
    )
}

/// Score bonus for user-supplied places: enough to beat a built-in village of the same
/// name, not an admin seat.
const USER_BONUS: f32 = 0.5;
/// A place next to `N days earlier`, `a week ago`: an earlier event.
const EARLIER_MALUS: f32 = 2.0;
/// How many tokens either side of a name `N days earlier`, `a week ago` may sit.
const EARLIER_WINDOW: usize = 4;
/// Where people or a trip came from (`from X`).
const ORIGIN_MALUS: f32 = 2.0;
/// A place where a crowd assembled (`demonstrated in X`).
const ASSEMBLY_BONUS: f32 = 2.0;

/// Where people went (`fled to X`, `heading to X`, `towards X`).
const DESTINATION_MALUS: f32 = 2.0;
/// Among homonyms, a reading near another place the text names.
const NEAR_OTHER_BONUS: f32 = 1.5;
/// A place this big (or a capital, a first-level seat) may be meant in a country the text
/// does not point to (`protests in Paris`), and a partial name with no hint at all.
const BIG_POP: u32 = 100_000;
/// A town this big right after `in`, `at` may be meant in a country the text does not
/// point to (`demonstrated in X`), unless the text calls it a village.
const IN_AT_TOWN_POP: u32 = 20_000;
/// A populated place smaller than this named like a first-level unit of its own country
/// (`in Sinaloa`) is scored below that unit, by [`STATE_NAMESAKE_MALUS`].
const HAMLET_POP: u32 = 10_000;
const STATE_NAMESAKE_MALUS: f32 = 1.0;
/// At most this many bytes between a place and its namesake unit for the unit to
/// corroborate it although the text points to a country (`X city (X governorate`).
const NAMESAKE_GAP: usize = 24;

/// The cercles the codebook (5.2) lists as Mali's most active: among homonyms that nothing
/// else in the text tells apart, a village there is the likelier place of a conflict event.
const ACTIVE_CERCLES_ML: &[&str] = &[
    "Ansongo",
    "Bankass",
    "Douentza",
    "Gao",
    "Gourma-Rharous",
    "Kidal",
    "Koro",
    "Niono",
    "Tessalit",
];

/// Score bonus for a place in one of [`ACTIVE_CERCLES_ML`].
const ACTIVE_BONUS: f32 = 0.8;

/// Score bonus for places in Mali, Burkina Faso and Niger (the codebook's focus).
const FOCUS_BONUS: f32 = 1.0;
/// Weight of a first-level unit's seat population (per decade) among units of one name.
const UNIT_SEAT_WEIGHT: f32 = 0.05;
/// Penalty for a reading after a unit word (`X district`) in a country with no unit called so.
const UNIT_WORD_MALUS: f32 = 1.0;
/// `Merida (Merida)`: a place qualified by a first-level unit of its own name, in that unit.
const NAMESAKE_STATE_BONUS: f32 = 1.0;
/// A town this many times smaller than a namesake in another country, with no country signal
/// for it, loses [`ABROAD_POP_WEIGHT`] per decade of the gap (at most [`ABROAD_POP_MAX`]).
const ABROAD_POP_RATIO: u32 = 10;
const ABROAD_POP_WEIGHT: f32 = 0.25;
const ABROAD_POP_MAX: f32 = 1.0;

/// A place in Mali, Burkina Faso or Niger. Actor hints often point to the wrong one of the
/// three (`Islamic State (Sahel)` operates in all), so a place there is never ruled out by
/// the document's country hints, only scored down.
fn is_focus(p: &Place) -> bool {
    is_focus_cc(p.cc_str())
}

/// The codebook's focus countries: Mali, Burkina Faso, Niger.
fn is_focus_cc(iso2: &str) -> bool {
    matches!(iso2, "ML" | "BF" | "NE")
}

/// Folded key of a mention: tokens joined by single spaces, compared without allocating.
fn buf_key<'a>(fs: &'a str, m: &Mention) -> KeyView<'a> {
    KeyView(fs.get(m.fs..m.fe).unwrap_or(""))
}

/// A folded text range seen as a lookup key (runs of non-alphanumerics count as one space).
#[derive(Debug, Clone, Copy)]
struct KeyView<'a>(&'a str);

impl PartialEq<KeyView<'_>> for String {
    fn eq(&self, other: &KeyView<'_>) -> bool {
        let mut a = self.chars();
        let mut sep = false;
        let mut started = false;
        for c in other.0.chars() {
            if c.is_alphanumeric() {
                if sep && started && a.next() != Some(' ') {
                    return false;
                }
                sep = false;
                started = true;
                if a.next() != Some(c) {
                    return false;
                }
            } else {
                sep = true;
            }
        }
        a.next().is_none()
    }
}

/// A name found in the text with its gazetteer hits.
#[derive(Debug)]
struct Mention<'g> {
    /// Folded byte range.
    fs: usize,
    fe: usize,
    hits: std::borrow::Cow<'g, [u32]>,
    /// Matched by near-spelling (`Boulikessi` for `Boulkessi`), not by a known spelling.
    fuzzy: bool,
    /// Matched as the common first element of hyphenated village names (`Naye` for
    /// `Naye-Dogon`, `Naye-Peulh`); also `fuzzy`, so it is scored like a near-spelling.
    stem: bool,
    /// Part of a longer capitalised name the gazetteer lacks (`Tin` in `Tin-Hama`).
    partial: bool,
    /// Skeleton edit distance of each near-spelling hit.
    fuzzy_dist: Vec<(u32, u8)>,
    /// After `between`, `axis`, `entre`: the first of two places (codebook 4.2 codes the first).
    pair_first: bool,
    /// The second place of `between A and B`, `axis A-B`.
    pair_second: bool,
    /// Lower-case name after `region of`: only admin units count.
    units_only: bool,
    prep: bool,
    /// Before `countryside` (`in X countryside`): the rural part of a first-level unit
    /// of that name, a country signal like a unit named as such.
    countryside: bool,
    /// Right after `in`, `at`, `a`, `en`, `dans` (`demonstrated in X`) or `the port/city/town
    /// of` (`a sit-in at the port of X`): where the event took place.
    in_at: bool,
    near: bool,
    unit_cue: bool,
    /// The row of `unit_words.tsv` of the unit word that names it (`Bara district`).
    unit_word: Option<u8>,
    /// Named with a word for a first-level unit (`Oyo State`): a first-level unit of that
    /// name, where one exists, is the one meant.
    first_level: bool,
    /// After `the village of`, `la localite de`.
    settlement: bool,
    /// After `fled to`, `evacuated to`.
    destination: bool,
    /// After `from` (not a distance: `20 km from`, `not far from`): where people or a trip
    /// came from (`hunters from X`, `travelling from X`), not the event's place.
    origin: bool,
    /// After a verb of assembly and `in`/`at` (`demonstrated in X`).
    assembly: bool,
    /// What a protest is about (`the attacks on X`, `the war in X`).
    topic: bool,
    /// Next to `two weeks earlier`, `a week ago`, `the day before`: an earlier event told as
    /// background.
    earlier: bool,
    /// Follows a capitalised name the gazetteer does not know (`Dogofry (Niono, Segou)`):
    /// the mention is that place's admin unit.
    after_unknown: bool,
    /// Folded range of that unknown name.
    unknown: (usize, usize),
    /// Index of the mention this one qualifies (`X (Niafunke, Tombouctou)`).
    context_of: Option<usize>,
    /// A name whose qualifying admin unit contains none of its places (`San Juan (Merida)`
    /// with no San Juan in Merida): another place of that name, coded through the unit.
    dropped: bool,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    s: usize,
    e: usize,
}

fn scan_tokens(fs: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    let Some(sub) = fs.get(start..end) else {
        return;
    };
    let mut cur: Option<usize> = None;
    let b = sub.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // folded text is nearly all ASCII: decode a character only for a non-ASCII byte
        let (alnum, width) = if b[i].is_ascii() {
            (b[i].is_ascii_alphanumeric(), 1)
        } else {
            sub[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8()))
        };
        if alnum {
            if cur.is_none() {
                cur = Some(i);
            }
        } else if let Some(s) = cur.take() {
            out.push(Tok {
                s: start + s,
                e: start + i,
            });
        }
        i += width;
    }
    if let Some(s) = cur {
        out.push(Tok {
            s: start + s,
            e: end,
        });
    }
}

/// Largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// True when the country name at `sp` (original offsets) names a border: `border with X`,
/// `X border`, `frontière avec X`, `X-Y border`; or a stance (`pro-Russia`, `anti-French`).
fn at_border(fs: &str, folded: &Folded, sp: Span) -> bool {
    let a = folded.folded_offset(sp.start);
    let b = folded.folded_offset(sp.end);
    let before = fs
        .get(floor_boundary(fs, a.saturating_sub(24))..floor_boundary(fs, a))
        .unwrap_or("");
    let after = fs
        .get(floor_boundary(fs, b)..floor_boundary(fs, b + 24))
        .unwrap_or("");
    // `pro-Russia demonstrators`, `anti-French protests`: a stance towards a country, not a
    // place in it
    let stance = |p: &str| {
        before
            .strip_suffix(p)
            .is_some_and(|b| b.chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
    };
    if stance("pro-") || stance("anti-") {
        return true;
    }
    let before = before.trim_end();
    before.ends_with("border with")
        || before.ends_with("border of")
        || before.ends_with("borders with")
        || before.ends_with("frontiere avec")
        || before.ends_with("frontiere du")
        || before.ends_with("frontiere de")
        || before.ends_with("frontiere avec le")
        || before.ends_with("border with the")
        || {
            let w: Vec<&str> = after
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .take(3)
                .collect();
            matches!(w.first(), Some(&("border" | "borders" | "frontier")))
                || (after.starts_with('-') && matches!(w.get(1), Some(&("border" | "borders"))))
        }
}

/// True when a mention names an admin unit of `p`'s country that does not contain `p`.
fn names_other_unit(store: &Store, mentions: &[Mention], p: &Place) -> bool {
    mentions.iter().any(|c| {
        !c.fuzzy
            && c.hits.iter().any(|&uh| {
                store.place(uh).is_some_and(|u| {
                    u.cc == p.cc
                        && u.kind.is_unit()
                        && !((u.kind == Kind::Adm1 && store.same_a1(u.admin1, p.admin1))
                            || (u.kind == Kind::Adm2 && u.admin2 == p.admin2))
                })
            })
            && !c.hits.iter().any(|&uh| {
                store.place(uh).is_some_and(|u| {
                    u.cc == p.cc
                        && (store.same_a1(u.admin1, p.admin1)
                            || (u.admin2 != 0 && u.admin2 == p.admin2))
                })
            })
    })
}

/// True when a mention names (exactly) an admin unit and none of its places holds `p` (a
/// second-level unit holds only its own places).
fn names_unit_elsewhere(store: &Store, mentions: &[Mention], p: &Place) -> bool {
    mentions.iter().any(|c| {
        !c.fuzzy
            && c.hits
                .iter()
                .any(|&uh| store.place(uh).is_some_and(|u| u.kind.is_unit()))
            && !c.hits.iter().any(|&uh| {
                store.place(uh).is_some_and(|u| {
                    u.kind.is_unit()
                        && u.cc == p.cc
                        && store.same_a1(u.admin1, p.admin1)
                        && (u.kind != Kind::Adm2 || u.admin2 == p.admin2)
                })
            })
    })
}

/// `Oyo State`: a name given with a word for a first-level unit, which has a first-level unit
/// (not the user's) among its readings: that unit is the one meant, not a lower unit.
/// The population of unit `u`'s seat (0 when unknown).
fn seat_pop(store: &Store, u: &Place) -> u32 {
    let mut buf = String::new();
    key_into(store.strs.get(u.seat), &mut buf);
    store
        .hits(&buf)
        .iter()
        .filter_map(|&i| store.place(i))
        .filter(|s| s.kind.is_populated() && s.cc == u.cc && store.same_a1(u.admin1, s.admin1))
        .map(|s| s.pop)
        .max()
        .unwrap_or(0)
}

/// `Manila (Metropolitan Manila, National Capital Region)`: a qualifier `c` of the name `q`
/// whose units all lie in countries with no place of that name, while the name is a national
/// capital elsewhere: the unit's name is filed abroad under another unit
/// (Papua New Guinea's National Capital) and says nothing about which city is meant; it is
/// no country signal, and the name is not an unknown place of that foreign unit.
fn foreign_qualifier(store: &Store, fs: &str, q: &Mention, c: &Mention) -> bool {
    let units = || {
        c.hits
            .iter()
            .filter_map(|&h| store.place(h))
            .filter(|u| u.kind.is_unit() && !u.user)
    };
    let capital = q.hits.iter().any(|&h| {
        store
            .place(h)
            .is_some_and(|p| !p.user && p.kind == Kind::Capital)
    });
    // (`San Juan, San Juan-Laventille`: a unit named after the place is its own unit)
    let own_unit = match (fs.get(c.fs..c.fe), fs.get(q.fs..q.fe)) {
        (Some(cn), Some(qn)) => cn.contains(qn),
        _ => false,
    };
    capital
        && !own_unit
        && units().next().is_some()
        && !q
            .hits
            .iter()
            .filter_map(|&h| store.place(h))
            .any(|p| units().any(|u| u.cc == p.cc))
}

fn first_level_meant(store: &Store, m: &Mention) -> bool {
    m.first_level
        && m.hits.iter().any(|&h| {
            store
                .place(h)
                .is_some_and(|u| u.kind == Kind::Adm1 && !u.user)
        })
}

/// True when the readings of a name include a national capital and no admin unit of the
/// capital's own country (`Athens`, not `Buenos Aires` or `Kabul`).
fn lone_capital(store: &Store, hits: &[u32]) -> bool {
    hits.iter().any(|&h| {
        store.place(h).is_some_and(|c| {
            c.kind == Kind::Capital
                && !hits.iter().any(|&u| {
                    store
                        .place(u)
                        .is_some_and(|u| u.kind.is_unit() && u.cc == c.cc)
                })
        })
    })
}

/// True when the key of `u`'s name, or with `first_alt` that of its first alternate (a
/// first-level unit filed under its official name keeps GeoNames' name there), is `typed`;
/// `buf` is scratch space.
fn unit_named(store: &Store, u: &Place, typed: &str, first_alt: bool, buf: &mut String) -> bool {
    key_into(store.strs.get(u.name), buf);
    if buf == typed {
        return true;
    }
    first_alt && {
        key_into(store.strs.get(u.alts).split('|').next().unwrap_or(""), buf);
        !buf.is_empty() && buf == typed
    }
}

/// Two places within this distance support each other among homonyms.
const NEAR_KM: f64 = 60.0;

/// A mention with more readings than this (a common name) is too vague to say which of
/// another name's homonyms lies near it.
const MAX_NEAR_READINGS: usize = 8;

/// True when one of the readings `hits` of another mention lies in country `cc` within
/// [`NEAR_KM`] of `at` (latitude, longitude).
fn reads_near(store: &Store, cc: [u8; 2], at: (f64, f64), hits: &[u32]) -> bool {
    let (la, lo) = at;
    hits.iter().any(|&oh| {
        store.place(oh).is_some_and(|q| {
            q.cc == cc
                && q.coords()
                    .is_some_and(|(qa, qo)| km(la, lo, qa, qo) <= NEAR_KM)
        })
    })
}

/// Great-circle distance in km (haversine).
pub(crate) fn km(la1: f64, lo1: f64, la2: f64, lo2: f64) -> f64 {
    let (p1, p2) = (la1.to_radians(), la2.to_radians());
    let dp = p2 - p1;
    let dl = (lo2 - lo1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

/// Whether the original span `sp` is already a country name, an actor or a victim word
/// (`ctx.exclude`), or an all-caps acronym of six letters or fewer (MSA, GATIA: actors): not a
/// name to look up by near-spelling or stem.
fn held_or_acronym(
    text: &str,
    sp: Span,
    cmentions: &[crate::countries::CountryMention],
    ctx: &GeoContext,
) -> bool {
    let overlaps = |x: &Span| x.start < sp.end && sp.start < x.end;
    if cmentions.iter().any(|m| overlaps(&m.span)) || ctx.exclude.iter().any(overlaps) {
        return true;
    }
    let orig = text.get(sp.start..sp.end).unwrap_or("");
    orig.len() <= 6 && orig.chars().all(|c| c.is_uppercase())
}

/// True when tokens `i..i+n` (a gazetteer name) are glued to a capitalised word the gazetteer
/// does not know: by a hyphen (`Tin-Hama`, `Sare-Male`) or a single space (`Bangui Mallam`,
/// `Gabriel Toure`). Then the name is part of a longer name (a village we lack, a person).
#[allow(clippy::too_many_arguments)]
fn part_of_longer(
    store: &Store,
    text: &str,
    folded: &Folded,
    fs: &str,
    toks: &[Tok],
    i: usize,
    n: usize,
    cmentions: &[crate::countries::CountryMention],
    ctx: &GeoContext,
    cur: &[u32],
) -> bool {
    let word = |t: &Tok| fs.get(t.s..t.e).unwrap_or("");
    let unknown_cap = |k: usize, hyphen: bool| -> bool {
        let Some(t) = toks.get(k) else { return false };
        let w = word(t);
        if w.len() < 2
            || is_stop(w)
            || is_unit_word(w)
            || is_feature_word(w)
            || is_connector(w)
            || w.bytes().all(|b| b.is_ascii_digit())
            || !orig_first_char(text, folded, t.s).is_some_and(char::is_uppercase)
        {
            return false;
        }
        if held_or_acronym(text, folded.span(t.s, t.e), cmentions, ctx) {
            return false;
        }
        // `Tin-Hamma`: a hyphenated word known only in other countries than the name before
        // it is still part of one name; `Gao-Ansongo` joins two places of one country
        let hits = store.hits(w);
        if hyphen {
            !hits.iter().any(|&h| {
                store.place(h).is_some_and(|q| {
                    cur.iter()
                        .any(|&c| store.place(c).is_some_and(|p| p.cc == q.cc))
                })
            })
        } else {
            hits.is_empty()
        }
    };
    let glue_ok = |a: &Tok, b: &Tok| -> bool { matches!(fs.get(a.e..b.s), Some("-" | " ")) };
    let last = i + n - 1;
    if let Some(nt) = toks.get(last + 1) {
        let hy = fs.get(toks[last].e..nt.s) == Some("-");
        if glue_ok(&toks[last], nt) && unknown_cap(last + 1, hy) {
            return true;
        }
    }
    let hy = i > 0 && fs.get(toks[i - 1].e..toks[i].s) == Some("-");
    // `In-Delimane`, `I-n-Deliman`, `Ti-n-Essako`, `al-Islam`: a short hyphenated prefix
    if hy
        && word(&toks[i - 1]).len() <= 3
        && !word(&toks[i - 1]).bytes().all(|b| b.is_ascii_digit())
    {
        return true;
    }
    if i > 0 && glue_ok(&toks[i - 1], &toks[i]) && unknown_cap(i - 1, hy) {
        // `Gabriel Toure`; not a sentence-initial word (`Gunmen` ... is lower-cased later)
        let before = if i >= 2 {
            fs.get(toks[i - 2].e..toks[i - 1].s).unwrap_or(".")
        } else {
            "."
        };
        let sentence_start = before.contains(['.', ':', '!', '?', '\n', '"']) || i == 1;
        if hy || !sentence_start {
            return true;
        }
    }
    false
}

/// Titles and words that introduce a person's name (`President Vladimir Putin`, `Lt. Col.
/// Romulus Rabara`, `alias El Tigre`).
fn is_title_word(w: &str) -> bool {
    matches!(
        w,
        "president"
            | "col"
            | "colonel"
            | "lt"
            | "lieutenant"
            | "gen"
            | "general"
            | "maj"
            | "major"
            | "capt"
            | "captain"
            | "sgt"
            | "sergeant"
            | "cpl"
            | "corporal"
            | "brig"
            | "brigadier"
            | "commander"
            | "cmdr"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "rev"
            | "reverend"
            | "pastor"
            | "imam"
            | "sheikh"
            | "mullah"
            | "senator"
            | "sen"
            | "gov"
            | "governor"
            | "minister"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "mayor"
            | "king"
            | "prince"
            | "emir"
            | "bishop"
            | "aka"
            | "alias"
    )
}

/// Words that begin a place's name (`Mt Eden`, `San Jose`, `Ras Kamboni`): a name after them
/// is that place's, not a person's.
fn is_name_prefix(w: &str) -> bool {
    matches!(
        w,
        "mt" | "mount"
            | "st"
            | "saint"
            | "sainte"
            | "san"
            | "santa"
            | "santo"
            | "sao"
            | "fort"
            | "port"
            | "lake"
            | "cape"
            | "new"
            | "old"
            | "upper"
            | "lower"
            | "ban"
            | "ras"
            | "bir"
            | "wadi"
            | "jebel"
            | "jabal"
            | "tell"
            | "tal"
            | "ain"
            | "kafr"
            | "deir"
    )
}

/// Words after a name that make it a street's (`San Miguel Street`).
fn is_street_word(w: &str) -> bool {
    matches!(w, "street" | "avenue" | "boulevard" | "blvd")
}

/// Words after a name that make it the speaker (`Espinosa said`).
fn is_speech_word(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "told"
            | "added"
            | "stated"
            | "noted"
            | "explained"
            | "confirmed"
            | "declared"
            | "insisted"
            | "stressed"
            | "wrote"
            | "tweeted"
            | "recalled"
    )
}

/// True when the line holding folded offset `f` is written in title case (a headline such
/// as `Gunmen Kill Five Villagers Near Gao`): capitalisation there tells nothing of names.
fn title_case_line(text: &str, folded: &Folded, fs: &str, f: usize) -> bool {
    let a = fs[..floor_boundary(fs, f)].rfind('\n').map_or(0, |k| k + 1);
    let b = fs[floor_boundary(fs, f)..]
        .find('\n')
        .map_or(fs.len(), |k| f + k);
    let mut toks = Vec::new();
    scan_tokens(fs, a, b, &mut toks);
    let words: Vec<&Tok> = toks
        .iter()
        .filter(|t| t.e - t.s >= 4 && fs[t.s..t.e].bytes().all(|c| c.is_ascii_alphabetic()))
        .collect();
    let caps = words
        .iter()
        .filter(|t| orig_first_char(text, folded, t.s).is_some_and(char::is_uppercase))
        .count();
    words.len() >= 3 && caps * 10 >= words.len() * 7
}

/// True when the name at tokens `i..i+n` is (part of) a person's name or a longer name the
/// gazetteer lacks, not a place: after a title (`President Vladimir Putin`, `Col. Maj.
/// Diarran Kone`), before a speech verb (`Espinosa said`) or an age (`Lazarin Balderas,
/// 30,`), inside a run of capitalised words (`Carlos Enrique Sanchez Martinez`, `Omar Garcia
/// Harfuch`, `the Mesa Colorada Poniente neighborhood`), or before another capitalised word
/// and a settlement word (`Kone Thar Village`: the village is `Kone Thar`). A street or a
/// neighbourhood named after a place (`San Miguel Street`, `the La Paz neighborhood`) is not
/// that place either.
#[allow(clippy::too_many_arguments)]
fn person_or_longer_name(
    text: &str,
    folded: &Folded,
    fs: &str,
    toks: &[Tok],
    i: usize,
    n: usize,
    cmentions: &[crate::countries::CountryMention],
) -> bool {
    let word = |t: &Tok| fs.get(t.s..t.e).unwrap_or("");
    let gap = |a: usize, b: usize| fs.get(toks[a].e..toks[b].s).unwrap_or(".");
    let last = i + n - 1;
    let next = toks.get(last + 1).filter(|_| gap(last, last + 1) == " ");
    // `San Miguel Street`, `Calle Bordo Prieto`, and a longer street name that starts with
    // the place's: `Cruz del Sur Avenue`, `Valle de Bravo Boulevard`
    let mut k = last + 1;
    while k < toks.len() && k <= last + 4 && gap(k - 1, k) == " " {
        let w = word(&toks[k]);
        if is_street_word(w) {
            return true;
        }
        let connector = matches!(
            w,
            "de" | "del" | "la" | "las" | "los" | "el" | "du" | "des" | "da" | "do" | "dos"
        );
        if !connector && !orig_first_char(text, folded, toks[k].s).is_some_and(char::is_uppercase) {
            break;
        }
        k += 1;
    }
    if i > 0
        && matches!(gap(i - 1, i), " ")
        && matches!(word(&toks[i - 1]), "calle" | "avenida" | "colonia" | "rue")
    {
        return true;
    }
    // `Espinosa said`: the speech verb in lower case (a headline's `Kabul Says` is not this);
    // `the mayor of Konna says` is someone of the place
    let of_place = i > 0 && is_prep(word(&toks[i - 1]));
    if let Some(t) = next {
        if !of_place
            && is_speech_word(word(t))
            && !orig_first_char(text, folded, t.s).is_some_and(char::is_uppercase)
        {
            return true;
        }
    }
    // `Lazarin Balderas, 30,`, `Balderas (30)`
    let after = fs.get(toks[last].e..).unwrap_or("");
    let age = |s: &str| {
        let d = s.bytes().take_while(u8::is_ascii_digit).count();
        (1..=2).contains(&d)
            && (s[d..].starts_with(',')
                || s[d..].starts_with(')')
                || s[d..].starts_with(" year")
                || s[d..].starts_with("-year"))
    };
    if after.strip_prefix(", ").is_some_and(age) || after.strip_prefix(" (").is_some_and(age) {
        return true;
    }
    // the title-case check scans the whole line: asked only when the name would be skipped
    name_run(text, folded, fs, toks, i, n, cmentions)
        && !title_case_line(text, folded, fs, toks[i].s)
}

/// The capitalised-run part of [`person_or_longer_name`]: a title before the name, a run of
/// names around it, a street or settlement word after the run.
#[allow(clippy::too_many_arguments)]
fn name_run(
    text: &str,
    folded: &Folded,
    fs: &str,
    toks: &[Tok],
    i: usize,
    n: usize,
    cmentions: &[crate::countries::CountryMention],
) -> bool {
    let word = |t: &Tok| fs.get(t.s..t.e).unwrap_or("");
    let cap = |k: usize| orig_first_char(text, folded, toks[k].s).is_some_and(char::is_uppercase);
    let gap = |a: usize, b: usize| fs.get(toks[a].e..toks[b].s).unwrap_or(".");
    let last = i + n - 1;
    let in_country = |k: usize| {
        let sp = folded.span(toks[k].s, toks[k].e);
        cmentions
            .iter()
            .any(|m| m.span.start < sp.end && sp.start < m.span.end)
    };
    // a capitalised word of a name, glued by one space
    let name_word = |k: usize| {
        let w = word(&toks[k]);
        cap(k)
            && w.len() >= 2
            && !is_stop(w)
            && !is_connector(w)
            && !is_unit_word(w)
            && !is_feature_word(w)
            && !w.bytes().any(|b| b.is_ascii_digit())
            && !in_country(k)
            && !is_name_prefix(w)
            && !is_street_word(w)
    };
    // a title before, over at most three capitalised words (`Lt. Col. Romulus`)
    let mut k = i;
    let mut names_before = 0;
    while k > 0 && i - k < 4 {
        let g = gap(k - 1, k);
        if !matches!(g, " " | ". ") {
            break;
        }
        let w = word(&toks[k - 1]);
        if is_title_word(w) {
            return true;
        }
        if !name_word(k - 1) {
            break;
        }
        names_before += 1;
        k -= 1;
    }
    // a sentence-initial word is capitalised anyway
    if names_before > 0 {
        let g = if k > 0 { gap(k - 1, k) } else { "." };
        if k == 0 || g.contains(['.', '!', '?', ':', '\n', '"', '“']) {
            names_before -= 1;
        }
    }
    let mut names_after = 0;
    let mut k = last;
    while k + 1 < toks.len() && names_after < 3 && gap(k, k + 1) == " " && name_word(k + 1) {
        names_after += 1;
        k += 1;
    }
    // `the Mesa Colorada Poniente neighborhood`
    if names_after > 0
        && toks.get(k + 1).is_some_and(|t| {
            gap(k, k + 1) == " "
                && (is_street_word(word(t)) || matches!(word(t), "neighborhood" | "neighbourhood"))
        })
    {
        return true;
    }
    // `Vladimir Putin's invasion`: a one-word name and one more capitalised word owning
    // something is a person's first name and surname (a place's body goes on with more
    // words: `Patras Bar Association's`)
    if names_before == 0 && names_after == 1 && n == 1 {
        let rest = fs.get(toks[k].e..).unwrap_or("");
        if ["'s ", "\u{2019}s "].iter().any(|p| rest.starts_with(p)) {
            return true;
        }
    }
    // a person's names before (`Carlos Enrique Sanchez Martinez`, `Omar Garcia Harfuch`);
    // names after only (`Patras Bar Association`) are a body of the place
    if names_before >= 1 && names_before + names_after >= 2 {
        return true;
    }
    // `Kone Thar Village`, `Khaung Ei Village`
    names_after == 1
        && toks.get(k + 1).is_some_and(|t| {
            gap(k, k + 1) == " " && matches!(word(t), "village" | "town" | "township" | "ward")
        })
}

/// A capitalised name (1-3 glued tokens from `i`) that no known spelling matches, looked up by
/// near-spelling among places of Mali, Burkina Faso, Niger and user imports: `(tokens, hits)`.
#[allow(clippy::too_many_arguments)]
fn fuzzy_mention(
    store: &Store,
    text: &str,
    folded: &Folded,
    fs: &str,
    toks: &[Tok],
    i: usize,
    cmentions: &[crate::countries::CountryMention],
    ctx: &GeoContext,
    units_only: bool,
) -> Option<(usize, Vec<(u32, u8)>)> {
    let word = |t: &Tok| fs.get(t.s..t.e).unwrap_or("");
    let mut buf = String::new();
    let mut out = Vec::new();
    for n in (1..=3usize).rev() {
        if i + n > toks.len() {
            continue;
        }
        let mut ok = true;
        for k in i + 1..i + n {
            let gap = fs.get(toks[k - 1].e..toks[k].s).unwrap_or(".");
            let tc = orig_first_char(text, folded, toks[k].s).is_some_and(char::is_uppercase);
            let glued = gap.contains(['-', '\'']);
            if gap.len() > 2
                || !gap.chars().all(|c| matches!(c, ' ' | '-' | '\''))
                || !(tc || glued)
            {
                ok = false;
                break;
            }
        }
        if !ok {
            continue;
        }
        // a longer stretch must be glued as one name: the last token must not be a known word
        buf.clear();
        for (k, tk) in toks[i..i + n].iter().enumerate() {
            if k > 0 {
                buf.push(' ');
            }
            buf.push_str(word(tk));
        }
        // stop words only as hyphenated parts (`In-Delimane`)
        let stop_inside = toks[i..i + n].iter().enumerate().any(|(k, t)| {
            let glued_next = toks
                .get(i + k + 1)
                .is_some_and(|nt| k + 1 < n && fs.get(t.e..nt.s) == Some("-"));
            is_stop(word(t)) && !glued_next
        });
        if is_stop(&buf) || stop_inside {
            continue;
        }
        if held_or_acronym(
            text,
            folded.span(toks[i].s, toks[i + n - 1].e),
            cmentions,
            ctx,
        ) {
            continue;
        }
        // outside the focus countries only admin units are indexed by near-spelling, and
        // they count only when named as units (`Dhanusha district`)
        let unit_next = toks.get(i + n).is_some_and(|nt| {
            fs.get(toks[i + n - 1].e..nt.s) == Some(" ") && is_unit_word(word(nt))
        });
        store.fuzzy_hits(&buf, unit_next, &mut out);
        let hits: Vec<(u32, u8)> = out
            .iter()
            .filter(|&&(h, _)| {
                store.place(h).is_some_and(|p| {
                    if (is_focus(p) || p.user) && !units_only {
                        p.kind.is_populated() || p.kind.is_unit() || p.user
                    } else {
                        unit_next && p.kind.is_unit()
                    }
                })
            })
            .copied()
            .collect();
        if !hits.is_empty() {
            return Some((n, hits));
        }
    }
    None
}

/// Near-spellings and compound stems of `toks` (a name whose exact `hits` all lie outside the
/// countries the document points to) in those countries: `Boulkessi` in a report about Mali
/// is the Malian Bouli Kessi rather than Burkina Faso's Boulikessi. Empty when an exact hit is
/// already in such a country, or the document points to none.
fn own_country_near(
    store: &Store,
    countries: &Countries,
    fs: &str,
    toks: &[Tok],
    hits: &[u32],
    ctx: &GeoContext,
) -> Vec<(u32, u8)> {
    let own: Vec<[u8; 2]> = ctx
        .countries
        .iter()
        .filter(|&&(_, w)| w >= SIGNAL)
        .filter_map(|&(c, _)| {
            let b = countries.get(c).iso2.as_bytes();
            (b.len() == 2).then(|| [b[0], b[1]])
        })
        .collect();
    if own.is_empty()
        || hits
            .iter()
            .any(|&h| store.place(h).is_some_and(|p| own.contains(&p.cc)))
    {
        return Vec::new();
    }
    let mut key = String::new();
    for (k, t) in toks.iter().enumerate() {
        if k > 0 {
            key.push(' ');
        }
        key.push_str(fs.get(t.s..t.e).unwrap_or(""));
    }
    let mut out = Vec::new();
    store.fuzzy_hits(&key, false, &mut out);
    if toks.len() == 1 {
        out.extend(store.stem_hits(&key).iter().map(|&h| (h, 1)));
    }
    out.retain(|&(h, _)| {
        !hits.contains(&h)
            && store
                .place(h)
                .is_some_and(|p| own.contains(&p.cc) && (p.kind.is_populated() || p.user))
    });
    out.sort_unstable();
    out.dedup_by_key(|d| d.0);
    out
}

/// A capitalised word that no known spelling matches but that begins hyphenated compound
/// names of Mali, Burkina Faso, Niger or user places (`Naye` → `Naye-Dogon`, `Naye-Peulh`):
/// villages are often split into quarters named `<village>-<people>` or `<village>-<part>`,
/// and reports name the village. Returned like [`fuzzy_mention`] (one token, distance 1).
#[allow(clippy::too_many_arguments)]
fn stem_mention(
    store: &Store,
    text: &str,
    folded: &Folded,
    fs: &str,
    toks: &[Tok],
    i: usize,
    cmentions: &[crate::countries::CountryMention],
    ctx: &GeoContext,
) -> Option<(usize, Vec<(u32, u8)>)> {
    let t = toks.get(i)?;
    let w = fs.get(t.s..t.e)?;
    if w.len() < store::STEM_MIN || is_stop(w) || !w.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    if held_or_acronym(text, folded.span(t.s, t.e), cmentions, ctx) {
        return None;
    }
    // `Ahel Taleb`: the first word of a longer name, not a village of its own
    if toks.get(i + 1).is_some_and(|nt| {
        fs.get(t.e..nt.s) == Some(" ")
            && orig_first_char(text, folded, nt.s).is_some_and(char::is_uppercase)
    }) {
        return None;
    }
    let hits: Vec<(u32, u8)> = store
        .stem_hits(w)
        .iter()
        .filter(|&&h| store.place(h).is_some_and(|p| p.kind.is_populated()))
        .map(|&h| (h, 1))
        .collect();
    (!hits.is_empty()).then_some((1, hits))
}

fn orig_first_char(text: &str, folded: &Folded, f: usize) -> Option<char> {
    let o = *folded.map.get(f)? as usize;
    text.get(o..)?.chars().next()
}

/// The word at folded offset `f` is written as a name: capitalised, or with a lower-case
/// prefix before its capital (South African `eThekwini`, `uMgungundlovu`, `iLembe`).
fn name_cased(text: &str, folded: &Folded, f: usize) -> bool {
    let Some(o) = folded.map.get(f).map(|&o| o as usize) else {
        return false;
    };
    let mut cs = text.get(o..).unwrap_or("").chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some(a), _, _) if a.is_uppercase() => true,
        (Some(a), Some(b), Some(c)) => a.is_lowercase() && b.is_uppercase() && c.is_lowercase(),
        _ => false,
    }
}

/// Resolve the place of an incident described in `scope` of `text`.
///
/// `folded` must be `Folded::new(text)`. Returns `None` when no gazetteer place is named in
/// the scope (or the only candidates are in countries the table does not know).
pub fn geocode(
    gaz: &Gazetteer,
    countries: &Countries,
    text: &str,
    folded: &Folded,
    scope: Span,
    ctx: &GeoContext,
) -> Option<Geo> {
    resolve(gaz, countries, text, folded, scope, ctx, Trace::None)
}

/// A candidate [`explain`] considered.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Score (the highest wins).
    pub score: f32,
    /// The name in the text.
    pub span: Span,
    /// Stable ID of the gazetteer entry.
    pub rule: String,
    /// Gazetteer name.
    pub name: String,
    /// ISO alpha-2.
    pub cc: String,
    /// First-level unit.
    pub admin1: String,
    /// Second-level unit.
    pub admin2: String,
    /// GeoNames-style feature kind (`ADM1`, `PPLA2`, `PPL`, ...).
    pub kind: &'static str,
    /// Population (0 when unknown).
    pub population: u32,
    /// Matched by near-spelling, with its skeleton edit distance.
    pub near_spelling: Option<u8>,
    /// Why the score is what it is (cues that fired).
    pub reasons: Vec<&'static str>,
}

/// [`geocode`] with its workings: every candidate scored, best first, and the choice.
pub fn explain(
    gaz: &Gazetteer,
    countries: &Countries,
    text: &str,
    folded: &Folded,
    scope: Span,
    ctx: &GeoContext,
) -> (Vec<Candidate>, Option<Geo>) {
    let mut cands = Vec::new();
    let g = resolve(
        gaz,
        countries,
        text,
        folded,
        scope,
        ctx,
        Trace::Full(&mut cands),
    );
    cands.sort_by(|a, b| b.score.total_cmp(&a.score));
    (cands, g)
}

/// What [`resolve`] records of the candidates it scores.
enum Trace<'a> {
    /// Nothing (extraction's place of an incident).
    None,
    /// Every candidate with its workings ([`explain`]).
    Full(&'a mut Vec<Candidate>),
    /// Only corroborated readings ([`corroborated_countries`]).
    Corroborated(&'a mut Vec<(Span, usize)>),
}

/// The names in `scope` read as places the text itself corroborates (an admin unit named as
/// such: "Kwara State"; a place qualified by its unit: "Bali, North West Region"), each with
/// the country of that reading: `(name span, country index)`, one entry per reading. Cheaper
/// than [`explain`]: no candidate is written out.
pub fn corroborated_countries(
    gaz: &Gazetteer,
    countries: &Countries,
    text: &str,
    folded: &Folded,
    scope: Span,
    ctx: &GeoContext,
) -> Vec<(Span, usize)> {
    let mut out = Vec::new();
    resolve(
        gaz,
        countries,
        text,
        folded,
        scope,
        ctx,
        Trace::Corroborated(&mut out),
    );
    out
}

fn resolve(
    gaz: &Gazetteer,
    countries: &Countries,
    text: &str,
    folded: &Folded,
    scope: Span,
    ctx: &GeoContext,
    mut trace: Trace<'_>,
) -> Option<Geo> {
    let store = &gaz.store;
    if store.places.is_empty() || folded.map.len() != folded.s.len() + 1 {
        return None;
    }
    let fs = folded.s.as_str();
    let s0 = scope.start.min(text.len());
    let s1 = scope.end.min(text.len()).max(s0);
    let fstart = floor_boundary(fs, folded.folded_offset(s0));
    let fend = floor_boundary(fs, folded.folded_offset(s1)).max(fstart);

    let mut toks = Vec::with_capacity(64);
    scan_tokens(fs, fstart, fend, &mut toks);
    if toks.is_empty() {
        return None;
    }
    let word = |t: &Tok| fs.get(t.s..t.e).unwrap_or("");
    // the word of token `k` when a single space parts it from the token before
    // (`Macina fighters`), and when only white space does (`Oyo State`)
    let gap_before = |k: usize| {
        (k > 0)
            .then(|| fs.get(toks[k - 1].e..toks.get(k)?.s))
            .flatten()
    };
    let after_space = |k: usize| (gap_before(k)? == " ").then(|| word(&toks[k]));
    let after_blank = |k: usize| gap_before(k)?.trim().is_empty().then(|| word(&toks[k]));

    // Country names and adjectives in scope: never place candidates, but hints.
    let found;
    let all: &[crate::countries::CountryMention] = match &ctx.country_mentions {
        Some(v) => v,
        None => {
            found = countries.find(folded);
            &found
        }
    };
    let cmentions: Vec<_> = all
        .iter()
        .filter(|m| m.span.start >= s0 && m.span.end <= s1)
        .copied()
        .collect();

    let mut mentions: Vec<Mention> = Vec::new();
    let mut buf = String::with_capacity(64);
    let mut sun_buf = String::with_capacity(64);
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let prev = |k: usize| -> &str {
            if i >= k {
                word(&toks[i - k])
            } else {
                ""
            }
        };
        // the name follows mention `pm` with only one of `seps` between (`X and Y`)
        let listed_after = |pm: &Mention, seps: &[&str]| {
            fs.get(pm.fe..t.s).is_some_and(|g| seps.contains(&g.trim()))
        };
        let cap = name_cased(text, folded, t.s);
        let unit_before = (matches!(prev(1), "of" | "de" | "du" | "d") && is_unit_word(prev(2)))
            || (matches!(prev(1), "la" | "l") && prev(2) == "de" && is_unit_word(prev(3)));
        if !cap && !unit_before {
            i += 1;
            continue;
        }
        let mut found: Option<(usize, &[u32])> = None;
        // `KPK`, `J&K`: a usual abbreviation of a first-level unit, in capitals as written
        let t_start = folded.span(t.s, t.e).start;
        if let Some((abbr, full)) = UNIT_ABBREVIATIONS.iter().find(|(a, _)| {
            text.get(t_start..).is_some_and(|r| {
                r.starts_with(a) && !r[a.len()..].starts_with(char::is_alphanumeric)
            })
        }) {
            let end = t_start + abbr.len();
            let ntok = toks[i..]
                .iter()
                .take_while(|tk| folded.span(tk.s, tk.e).end <= end)
                .count();
            let hits = store.hits(full);
            if ntok > 0 && !hits.is_empty() {
                found = Some((ntok, hits));
            }
        }
        // up to five tokens: `Santa Cruz de la Sierra`
        for n in (1..=5usize).rev() {
            if i + n > toks.len() || found.is_some() {
                continue;
            }
            // every joined token must be glued by spaces, hyphens or apostrophes
            let mut ok = true;
            for k in i + 1..i + n {
                let gap = fs.get(toks[k - 1].e..toks[k].s).unwrap_or(".");
                let glued = gap.contains(['-', '\'']);
                if gap.len() > 3 || !gap.chars().all(|c| matches!(c, ' ' | '-' | '\'')) {
                    ok = false;
                    break;
                }
                let tc = orig_first_char(text, folded, toks[k].s).is_some_and(char::is_uppercase);
                if !(tc || glued || !cap || (k + 1 < i + n && is_connector(word(&toks[k])))) {
                    ok = false;
                    break;
                }
            }
            if !ok {
                continue;
            }
            buf.clear();
            for (k, tk) in toks[i..i + n].iter().enumerate() {
                if k > 0 {
                    buf.push(' ');
                }
                buf.push_str(word(tk));
            }
            // a two-letter name only as the name of a settlement the text announces (`the
            // village of Pe`, `the hamlet Bi`): elsewhere such words are too often not places
            let announced = n == 1
                && (matches!(prev(1), "village" | "hamlet" | "localite" | "hameau")
                    || (matches!(prev(1), "of" | "de" | "d")
                        && matches!(prev(2), "village" | "hamlet" | "localite" | "hameau")));
            if (buf.len() < 3 && !(buf.len() == 2 && announced))
                || buf.bytes().all(|b| b.is_ascii_digit() || b == b' ')
            {
                continue;
            }
            let next_is_unit = after_blank(i + n).is_some_and(is_unit_word);
            if is_stop(&buf) && !(unit_before || next_is_unit) {
                continue;
            }
            // short all-caps acronyms (JNIM, ISGS) are actors, not places
            if n == 1 && !unit_before && !is_prep(prev(1)) {
                let sp = folded.span(t.s, t.e);
                let orig = text.get(sp.start..sp.end).unwrap_or("");
                if orig.len() <= 5 && orig.chars().all(|c| c.is_uppercase()) {
                    continue;
                }
            }
            let mut hits = store.hits(&buf);
            if hits.is_empty() {
                // `Al-Raqqah` is `Ar Raqqah`: the Arabic article takes the sound of a sun
                // letter after it in most transliterations
                if sun_letter_article(&buf, &mut sun_buf) {
                    hits = store.hits(&sun_buf);
                }
            }
            if hits.is_empty() && buf.len() >= 6 && single_consonants(&buf, &mut sun_buf) {
                // `Baramulla` is GeoNames' `Baramula`: a doubled consonant is often written
                // single in another romanisation (a town of some size outside the countries
                // whose places are matched by near-spelling anyway)
                let all = store.hits(&sun_buf);
                if all.iter().all(|&h| {
                    store.place(h).is_some_and(|p| {
                        !is_focus(p) && !p.user && (p.kind.is_unit() || p.pop >= 10_000)
                    })
                }) {
                    hits = all;
                }
            }
            let no_unit = !hits
                .iter()
                .any(|&h| store.place(h).is_some_and(|p| p.kind.is_unit()));
            if no_unit && (next_is_unit || unit_before) && !buf.starts_with("al ") {
                // `Muthanna province` is `Al Muthanna`, `Anbar province` is `Al Anbar` (not a
                // Turkish village alias Anbar): a first-level unit named as such may drop the
                // Arabic article its gazetteer name carries (`al`, or its sun-letter form)
                sun_buf.clear();
                sun_buf.push_str("al ");
                sun_buf.push_str(&buf);
                let mut with_article = store.hits(&sun_buf);
                if with_article.is_empty() {
                    let al = std::mem::take(&mut sun_buf);
                    if sun_letter_article(&al, &mut sun_buf) {
                        with_article = store.hits(&sun_buf);
                    }
                }
                // (a first-level unit only: a district's article is part of its seat's name,
                // which the near-spelling of the unit handles)
                if with_article
                    .iter()
                    .any(|&h| store.place(h).is_some_and(|p| p.kind == Kind::Adm1))
                {
                    hits = with_article;
                }
            }
            if hits.is_empty() {
                continue;
            }
            // `the Iraqi Dinar`, `the Turkish Lira`, `the US Dollar`: a currency after a
            // country's name or adjective is no place
            if n == 1 && is_currency_word(&buf) && i > 0 {
                let before = folded.span(toks[i - 1].s, toks[i - 1].e);
                if text.get(before.start..before.end) == Some("US")
                    || cmentions
                        .iter()
                        .any(|m| m.span.start < before.end && before.start < m.span.end)
                {
                    continue;
                }
            }
            let sp = folded.span(t.s, toks[i + n - 1].e);
            // a longer name around a country's name is a place (`Mexico City`,
            // `San Salvador`, `New Mexico`); the country's name alone is not
            if cmentions.iter().any(|m| {
                m.span.start < sp.end
                    && sp.start < m.span.end
                    && !(n > 1 && sp.start <= m.span.start && m.span.end <= sp.end)
            }) || ctx
                .exclude
                .iter()
                .any(|x| x.start < sp.end && sp.start < x.end)
            {
                continue;
            }
            found = Some((n, hits));
            break;
        }
        let p1 = prev(1);
        let p2 = prev(2);
        let pair_word = |w: &str| matches!(w, "between" | "entre" | "from") || is_road_word(w);
        // `Tin-Hama`, `Sare-Male`, `Bangui Mallam`, `Gabriel Toure`: a known name glued to a
        // capitalised word the gazetteer does not know is part of a longer unknown name
        // `In-Delimane`, `Ti-n-Zaouaten`: after a short hyphenated prefix the rest is not a
        // name of its own (the whole was tried above, exactly and by near-spelling)
        if i > 0
            && fs.get(toks[i - 1].e..t.s) == Some("-")
            && word(&toks[i - 1]).len() <= 3
            && !word(&toks[i - 1]).bytes().all(|b| b.is_ascii_digit())
        {
            i += 1;
            continue;
        }
        let mut partial = false;
        let mut pair_after = false;
        if let Some((n, cur)) = found {
            // `the Aguelhok-Tessalit road`: two places
            let last = i + n - 1;
            pair_after = toks.get(last + 1).is_some_and(|nt| {
                fs.get(toks[last].e..nt.s) == Some("-")
                    && toks.get(last + 2).is_some_and(|t2| {
                        is_road_word(word(t2))
                            || toks.get(last + 3).is_some_and(|t3| is_road_word(word(t3)))
                    })
            });
            let pair = pair_word(p1) || pair_word(p2) || pair_after;
            // `the La Paz neighborhood`: a part of a town named after a place, which only
            // a place of the country the text points to may be
            // (`the Mesa Colorada Poniente neighborhood`)
            let quarter_word = |w: &str| matches!(w, "neighborhood" | "neighbourhood");
            let mut k = i + n - 1;
            while k + 1 < toks.len()
                && k + 1 < i + n + 3
                && fs.get(toks[k].e..toks[k + 1].s) == Some(" ")
                && !quarter_word(word(&toks[k + 1]))
                && orig_first_char(text, folded, toks[k + 1].s).is_some_and(char::is_uppercase)
            {
                k += 1;
            }
            let quarter = toks
                .get(k + 1)
                .is_some_and(|nt| fs.get(toks[k].e..nt.s) == Some(" ") && quarter_word(word(nt)));
            partial = quarter
                || (!pair
                    && part_of_longer(store, text, folded, fs, &toks, i, n, &cmentions, ctx, cur));
        }
        // near-spellings (`Boulikessi` for `Boulkessi`): only after a locative cue
        let locative = is_prep(p1)
            || matches!(
                p1,
                "village" | "localite" | "hamlet" | "town" | "area" | "zone"
            )
            || (matches!(p1, "the" | "la" | "le") && is_prep(p2));
        let mut fuzzy = false;
        let mut stem = false;
        let mut fuzzy_dist = Vec::new();
        // `Tin-Hamma`: a known name glued to an unknown word may be a near-spelling of a
        // longer name (`Tin Hama`)
        let longer = match found {
            Some((n, _)) if partial && cap && locative => {
                fuzzy_mention(store, text, folded, fs, &toks, i, &cmentions, ctx, false)
                    .filter(|(fnn, _)| *fnn > n)
            }
            _ => None,
        };
        if longer.is_some() {
            partial = false;
        }
        let found: Option<(usize, std::borrow::Cow<'_, [u32]>)> = match found {
            _ if longer.is_some() => longer.map(|(n, h)| {
                fuzzy = true;
                let ids = h.iter().map(|d| d.0).collect::<Vec<u32>>();
                fuzzy_dist = h;
                (n, std::borrow::Cow::Owned(ids))
            }),
            Some((n, h)) => {
                // `Boulkessi` in a report about Mali, known exactly only in Burkina Faso: the
                // near-spellings and compound stems of the document's own country compete
                let extra = if cap && locative && !partial {
                    own_country_near(store, countries, fs, &toks[i..i + n], h, ctx)
                } else {
                    Vec::new()
                };
                if extra.is_empty() {
                    Some((n, std::borrow::Cow::Borrowed(h)))
                } else {
                    let mut all = h.to_vec();
                    all.extend(extra.iter().map(|d| d.0));
                    fuzzy_dist = extra;
                    Some((n, std::borrow::Cow::Owned(all)))
                }
            }
            // a unit the gazetteer spells otherwise, named as such (`(Dhanusha district)`)
            None if cap
                && !locative
                && (i + 1..(i + 4).min(toks.len())).any(|k| is_unit_word(word(&toks[k]))) =>
            {
                fuzzy_mention(store, text, folded, fs, &toks, i, &cmentions, ctx, true).map(
                    |(n, h)| {
                        fuzzy = true;
                        let ids = h.iter().map(|d| d.0).collect::<Vec<u32>>();
                        fuzzy_dist = h;
                        (n, std::borrow::Cow::Owned(ids))
                    },
                )
            }
            None if cap && locative => {
                // a longer name by near-spelling (`Toguere-Koumbe`), else the first word as
                // a compound stem (`Naye` of `Naye-Dogon`), else the word by near-spelling
                let near = fuzzy_mention(store, text, folded, fs, &toks, i, &cmentions, ctx, false);
                let r = match near {
                    Some((n, h)) if n > 1 => Some((n, h)),
                    near => stem_mention(store, text, folded, fs, &toks, i, &cmentions, ctx)
                        .inspect(|_| stem = true)
                        .or(near),
                };
                fuzzy = r.is_some();
                r.map(|(n, h)| {
                    let ids = h.iter().map(|d| d.0).collect::<Vec<u32>>();
                    fuzzy_dist = h;
                    (n, std::borrow::Cow::Owned(ids))
                })
            }
            None => None,
        };
        let Some((n, hits)) = found else {
            i += 1;
            continue;
        };
        if !unit_before && person_or_longer_name(text, folded, fs, &toks, i, n, &cmentions) {
            i += n;
            continue;
        }
        let end_tok = i + n - 1;
        // `operation 'X'`, `Operation Barkhane`, `l'opération Serval`: a military
        // operation's name, not a place
        if matches!(
            prev(1),
            "operation" | "operations" | "operacion" | "operacao"
        ) {
            i += n;
            continue;
        }
        // `Kel Ansar`, `Kel Adagh`: Tamasheq 'people of', a group's name; `the tribes of
        // X`: a people
        if word(&t) == "kel"
            || prev(1) == "kel"
            || (matches!(prev(1), "of" | "de" | "des")
                && matches!(
                    prev(2),
                    "tribe"
                        | "tribes"
                        | "clan"
                        | "clans"
                        | "fraction"
                        | "fractions"
                        | "tribu"
                        | "tribus"
                ))
        {
            i += n;
            continue;
        }
        // `an X camp`, `an X and Y camp` (X, Y peoples or fractions): a nomad camp of that
        // people (`the Kidal camp` is a place's camp)
        let indefinite = |w: &str| matches!(w, "a" | "an");
        let next_word = after_space(end_tok + 1);
        if matches!(next_word, Some("camp" | "camps"))
            && (indefinite(prev(1)) || (prev(1) == "and" && indefinite(prev(3))))
        {
            i += n;
            continue;
        }
        // `the Imghad community`, `Dawsahak herders`: a people, not a place; `Macina
        // fighters`, `Kidal rebels`: fighters named after a place, not the place
        if next_word.is_some_and(|w| is_community_word(w) || is_fighter_word(w)) {
            i += n;
            continue;
        }
        // `Mopti region`; `Shan-South state`, `Bago West region`: a unit split by compass
        let glued_unit = |k: usize| after_blank(k).is_some_and(is_unit_word);
        let next_is_unit = glued_unit(i + n)
            || toks.get(i + n).is_some_and(|nt| {
                matches!(
                    word(nt),
                    "north" | "south" | "east" | "west" | "central" | "nord" | "sud"
                ) && fs
                    .get(toks[end_tok].e..nt.s)
                    .is_some_and(|g| matches!(g, "-" | " "))
                    && glued_unit(i + n + 1)
            });
        // the unit word itself (`district` of `Bara district`, `province` of `the province
        // of Bayda`), for the countries that use it
        let unit_word = if next_is_unit {
            after_blank(i + n)
                .filter(|w| is_unit_word(w))
                .or_else(|| after_blank(i + n + 1))
                .and_then(unit_word_row)
        } else if unit_before {
            [prev(2), prev(3)]
                .into_iter()
                .find(|w| is_unit_word(w))
                .and_then(unit_word_row)
        } else {
            None
        };
        // `Oyo State`, `Kidal region`: a word for a first-level unit
        let first_level = after_blank(i + n).is_some_and(|w| {
            matches!(
                w,
                "state" | "region" | "province" | "governorate" | "oblast" | "wilaya"
            )
        });
        let near = matches!(p1, "near" | "around" | "nearby" | "between" | "entre")
            || (p1 == "to" && p2 == "close")
            || (matches!(p1, "de" | "du" | "d")
                && matches!(
                    p2,
                    "pres" | "environs" | "proximite" | "loin" | "alentours" | "proche"
                ))
            // (not `the outskirts of X`)
            || (p1 == "of" && matches!(p2, "area" | "vicinity" | "environs" | "surroundings"))
            || (matches!(p1, "from" | "of" | "de" | "d" | "du")
                && (2..=4).any(|k| is_distance_word(prev(k))))
            // `150 km southwest of the capital Algiers`
            || (matches!(p1, "capital" | "city" | "town")
                && p2 == "the"
                && matches!(prev(3), "from" | "of")
                && (4..=6).any(|k| is_distance_word(prev(k))));
        let prep = is_prep(p1);
        // `the village of X`, `la localité de X`, `X village`: the text says X is a settlement
        let settlement = matches!(after_space(end_tok + 1), Some("village" | "hamlet"))
            || matches!(p1, "of" | "de" | "d")
                && matches!(
                    p2,
                    "town"
                        | "village"
                        | "city"
                        | "locality"
                        | "hamlet"
                        | "commune"
                        | "ville"
                        | "localite"
                        | "bourgade"
                        | "hameau"
                );
        // `fled to X`, `evacuated to X`: where people went, not where the event was
        let destination = matches!(p1, "to" | "in" | "into" | "vers" | "a" | "towards")
            && matches!(
                p2,
                "fled"
                    | "flee"
                    | "fleeing"
                    | "refuge"
                    | "evacuated"
                    | "taken"
                    | "transferred"
                    | "displaced"
                    | "returned"
                    | "travelling"
                    | "traveling"
                    | "headed"
                    | "fui"
                    | "refugies"
                    | "evacues"
                    | "transferes"
                    | "transportes"
            );
        // `killed two weeks earlier in X`, `a rally in X a week earlier`: an
        // earlier event told as background
        let earlier = {
            let unit = |w: &str| {
                matches!(
                    w,
                    "day" | "days" | "week" | "weeks" | "month" | "months" | "year" | "years"
                )
            };
            let lo = i.saturating_sub(EARLIER_WINDOW);
            let hi = (i + n + EARLIER_WINDOW).min(toks.len());
            (lo + 1..hi).any(|k| {
                (k < i || k >= i + n)
                    && matches!(word(&toks[k]), "earlier" | "ago" | "before" | "prior")
                    && unit(word(&toks[k - 1]))
            })
        };
        // `hunters from X`, `travelling from the village of X`: an origin
        // `demonstrated in X`, `gathered at X`: where a crowd assembled, the place of the
        // protest (a place named in its topic, `the attacks on Y`, is not)
        // (not a site named after someone or something, `gathered in Victoria Square in Y`,
        // `at Carnot middle school in Y`, `in X located in Y`: the town after it is the place)
        let site_word = |w: &str| {
            (is_feature_word(w)
                && !matches!(
                    w,
                    "town" | "village" | "city" | "ville" | "commune" | "area" | "zone"
                ))
                || is_street_word(w)
                || matches!(w, "park" | "beach")
        };
        // (`Victoria Square` matched whole: a site too)
        let site_after = site_word(word(&toks[end_tok]))
            || next_word.is_some_and(|w| {
                (is_feature_word(w)
                    && !matches!(
                        w,
                        "town" | "village" | "city" | "ville" | "commune" | "area" | "zone"
                    ))
                    || is_street_word(w)
                    || matches!(
                        w,
                        "park"
                            | "beach"
                            | "middle"
                            | "high"
                            | "primary"
                            | "secondary"
                            | "located"
                            | "plaza"
                    )
            });
        let assembly = !site_after
            && !next_is_unit
            && (matches!(p1, "in" | "at")
            && matches!(
                p2,
                "gathered"
                    | "demonstrated"
                    | "rallied"
                    | "protested"
                    | "marched"
                    | "assembled"
                    | "picketed"
                    | "manifeste"
                    | "manifestaient"
                    | "rassembles"
            )
            // `staged a protest in X`, `held a rally at X` (not `amid an opposition rally in
            // X`, `in support of demonstrations in X`: a gathering elsewhere)
            || matches!(p1, "in" | "at")
                && matches!(
                    p2,
                    "protest"
                        | "protests"
                        | "rally"
                        | "demonstration"
                        | "sit-in"
                        | "march"
                        | "vigil"
                        | "picket"
                )
                && {
                    let staged = |w: &str| {
                        matches!(w, "staged" | "held" | "organised" | "organized" | "out")
                    };
                    staged(prev(3))
                        || (matches!(prev(3), "a" | "an") && staged(prev(4)))
                        || (matches!(prev(4), "a" | "an") && staged(prev(5)))
                });
        // `the attacks on X`, `the war in X`, `the city of X` after `defended`: what a
        // protest is about (weighed only when the text names where a crowd assembled)
        let topic = matches!(
            (p2, p1),
            (
                "attacks" | "attack" | "strikes" | "shelling" | "bombing" | "bombardment",
                "on"
            ) | (
                "war" | "violence" | "atrocities" | "killings" | "massacre",
                "in"
            ) | (
                "invasion" | "siege" | "bombing" | "shelling" | "occupation",
                "of"
            ) | ("solidarity", "with")
        ) || (p1 == "of" && p2 == "city" && prev(3) == "the" && prev(4) == "defended");
        let origin = !near
            && (p1 == "from"
                || (p1 == "the" && p2 == "from")
                || (p1 == "of" && is_town_noun(p2) && {
                    let p3 = prev(3);
                    p3 == "from" || (p3 == "the" && prev(4) == "from")
                }))
            // `not far from X`, `away from X` (`20 km from X` is `near` already)
            && !(p1 == "from" && matches!(p2, "far" | "away" | "across"))
            // `10km from X`
            && !(p1 == "from"
                && p2.starts_with(|c: char| c.is_ascii_digit())
                && p2.ends_with(|c: char| c.is_ascii_alphabetic()));
        // `opened fire from their positions in X`, `shelled from positions in the province of
        // X`: where the fire came from, not where it fell
        let origin = origin || {
            let mut k = 1;
            if prev(k) == "of" && is_unit_word(prev(k + 1)) {
                k += 2;
                if prev(k) == "the" {
                    k += 1;
                }
            }
            let mut b = k + 1;
            let post = matches!(
                prev(b),
                "positions" | "position" | "posts" | "post" | "bases" | "base" | "territory"
            );
            if post && matches!(prev(b + 1), "their" | "its" | "the" | "enemy" | "his") {
                b += 1;
            }
            matches!(prev(k), "in" | "at") && post && prev(b + 1) == "from"
        };
        // `towards X`, `heading to X`, `on the road to X`, `medical
        // evacuation to X`: a direction or a destination, not where the event was
        let destination = destination
            || matches!(p1, "towards" | "toward")
            // `a truck leaving X for Y`
            || (p1 == "for"
                && (3..=6).any(|k| matches!(prev(k), "leaving" | "left" | "departing")))
            || (matches!(p1, "to" | "for")
                && matches!(
                    p2,
                    "heading"
                        | "headed"
                        | "bound"
                        | "road"
                        | "highway"
                        | "route"
                        | "way"
                        | "evacuation"
                        | "walking"
                        | "marching"
                        | "driving"
                        | "visit"
                        | "trip"
                        | "journey"
                ));
        // `Unknownville (Niono, Segou)`, `Unknownville, Tombouctou region`
        // the unknown name sits before `,` `(` or `, in the` (`Soumpi, in the Tombouctou region`)
        // (`Unknownville, Republic of Dagestan`, `Unknownville, province de la X`: over the unit
        // word and its `of`)
        let unit_words_before = match (unit_before, prev(1)) {
            (false, _) => 0,
            (true, "la" | "l") => 3,
            (true, _) => 2,
        };
        let mut ui = i.saturating_sub(1 + unit_words_before);
        while ui > 0
            && i - ui <= 2
            && matches!(word(&toks[ui]), "in" | "the" | "dans" | "la" | "le")
        {
            ui -= 1;
        }
        let after_unknown = i > 0 && {
            let pt = toks[ui];
            let gap = fs.get(pt.e..t.s).unwrap_or("");
            let gap_words_ok = gap
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .all(|w| {
                    matches!(w, "in" | "the" | "dans" | "la" | "le")
                        || (unit_words_before > 0
                            && (is_unit_word(w) || matches!(w, "of" | "de" | "du" | "d" | "l")))
                });
            // a name matched only by near-spelling still counts as unknown here
            let last_mention_end = mentions
                .last()
                .filter(|m: &&Mention| !m.fuzzy)
                .map_or(usize::MAX, |m: &Mention| m.fe);
            gap.trim_start().starts_with(['(', ','])
                && gap_words_ok
                && last_mention_end != pt.e
                && !is_stop(word(&pt))
                // `Pohang City Hall (Pohang)`: a building, not a place the gazetteer lacks
                && !is_feature_word(word(&pt))
                // `CDU, Green party`, `FGC, PaP`: an acronym is a party or a union
                && !{
                    let sp = folded.span(pt.s, pt.e);
                    let o = text.get(sp.start..sp.end).unwrap_or("");
                    o.len() <= 5
                        && o.chars().all(|c| c.is_uppercase())
                        && !o.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
                        && !is_unit_word(word(&pt))
                }
                && (name_cased(text, folded, pt.s)
                    // `Rukha district, Panjshir`: a unit the gazetteer lacks, by its name
                    // (a bracket after it is read as the unit's qualifiers below)
                    || (is_unit_word(word(&pt))
                        && gap.trim_start().starts_with(',')
                        && ui > 0
                        && last_mention_end != toks[ui - 1].e
                        && fs.get(toks[ui - 1].e..pt.s) == Some(" ")
                        && orig_first_char(text, folded, toks[ui - 1].s)
                            .is_some_and(char::is_uppercase)))
                && hits
                    .iter()
                    .any(|&h| store.place(h).is_some_and(|p| p.kind.is_unit()))
                // `Quarter, Athens`: after a comma, a quarter of a national capital, unless
                // the capital's own country has a unit of that name (`X (Sucre)` states
                // a unit)
                && !(gap.trim_start().starts_with(',') && lone_capital(store, &hits))
        };
        let pair_first = pair_word(p1) || pair_after;
        let pair_second = mentions.last().is_some_and(|pm: &Mention| {
            pm.pair_first && listed_after(pm, &["and", "et", "-", "to", "a", ",", "/"])
        });
        mentions.push(Mention {
            fs: t.s,
            fe: toks[end_tok].e,
            hits,
            fuzzy,
            stem,
            fuzzy_dist,
            partial,
            pair_first,
            pair_second,
            units_only: !cap,
            prep,
            // `in X`, `at X`, and `the port of X`, `the city of X`, `the town of X`
            in_at: matches!(p1, "in" | "at" | "a" | "en" | "dans")
                || (p1 == "of" && matches!(p2, "port" | "city" | "town" | "streets")),
            countryside: next_word == Some("countryside"),
            near,
            settlement,
            destination,
            earlier,
            origin,
            assembly,
            topic,
            unit_cue: unit_before || next_is_unit || after_unknown,
            unit_word,
            first_level,
            after_unknown,
            unknown: if after_unknown && i > 0 {
                // `Nejrab District, Kapisa`: the unknown unit with its name
                let named_unit = is_unit_word(word(&toks[ui]))
                    && ui > 0
                    && fs.get(toks[ui - 1].e..toks[ui].s) == Some(" ")
                    && orig_first_char(text, folded, toks[ui - 1].s)
                        .is_some_and(char::is_uppercase);
                // the unit's name without its type word (`Unaba district` → `Unaba`)
                if named_unit {
                    (toks[ui - 1].s, toks[ui - 1].e)
                } else {
                    (toks[ui].s, toks[ui].e)
                }
            } else {
                (0, 0)
            },
            context_of: None,
            dropped: false,
        });
        i += n;
    }
    if mentions.is_empty() {
        return None;
    }

    // Which mentions qualify an earlier one: `X (Niafunke, Tombouctou)`, `X, Mopti region`,
    // `X in the Tombouctou region`.
    for m in 1..mentions.len() {
        let has_unit = mentions[m]
            .hits
            .iter()
            .any(|&h| store.place(h).is_some_and(|p| p.kind.is_unit()));
        let prev = &mentions[m - 1];
        let Some(gap) = fs.get(prev.fe..mentions[m].fs) else {
            continue;
        };
        // a parenthesis right after a place always qualifies it: `X (X, Oudalan)`
        let paren = gap.trim() == "(";
        if !has_unit && !paren {
            continue;
        }
        if gap.len() > 40 {
            continue;
        }
        let words_ok = gap
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| {
                matches!(
                    w,
                    "in" | "the" | "of" | "la" | "de" | "du" | "dans" | "commune" | "rural"
                ) || is_unit_word(w)
                    // `Y town in X countryside`
                    || (mentions[m].countryside && is_town_noun(w))
                    // `X town (Y, Z)`, `X city, Y`: the town noun of the name before
                    || (is_town_noun(w) && gap.trim_end().ends_with(['(', ',']))
            });
        // `X in the Mopti region` needs the unit word: `City Hall in Flagstaff` is not
        // Flagstaff qualifying Hall
        // `the Karma district of Anbar province`, `the Gebze district of Kocaeli`: a unit of a
        // unit; not a town's quarter (`the Almaly district of Almaty city`, `the X district
        // of Bamako` in a capital, `the Rosemary District of Sarasota`, a name)
        let unit_of_unit = mentions[m].unit_cue
            && gap.contains(" of ")
            && gap
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .is_some_and(is_unit_word)
            && (mentions[m].first_level || {
                let after = fs.get(mentions[m].fe..).unwrap_or("");
                let next = after
                    .split(|c: char| !c.is_alphanumeric())
                    .find(|w| !w.is_empty())
                    .unwrap_or("");
                let capital = mentions[m]
                    .hits
                    .iter()
                    .any(|&h| store.place(h).is_some_and(|p| p.kind == Kind::Capital));
                let sp = folded.span(prev.fe, mentions[m].fs);
                let unit_cased = text
                    .get(sp.start..sp.end)
                    .and_then(|g| g.trim_start().chars().next())
                    .is_some_and(char::is_uppercase);
                !matches!(next, "city" | "town") && !capital && !unit_cased
            });
        let marked = gap.contains([',', '('])
            || unit_of_unit
            || ((gap.contains("in ") || gap.contains("dans "))
                && (mentions[m].unit_cue || mentions[m].countryside));
        if words_ok && marked {
            mentions[m].context_of = Some(prev.context_of.unwrap_or(m - 1));
        }
    }
    // `San Juan (Merida)`: when the units that qualify a name contain none of the places of
    // that name, the name is a place the gazetteer lacks inside the unit (codebook 4.2), not
    // a homonym elsewhere: the first qualifying unit codes it, like `Unknownville (Niono)`.
    for q in 0..mentions.len() {
        let quals: Vec<usize> = (0..mentions.len())
            .filter(|&c| mentions[c].context_of == Some(q))
            .collect();
        // (a near-spelling of the focus countries or of the user's places stays; one of a
        // unit elsewhere, `Tabayin township (Shwebo district)`, is a place the gazetteer lacks)
        let near_kept = mentions[q].fuzzy
            && mentions[q]
                .hits
                .iter()
                .any(|&h| store.place(h).is_some_and(|p| is_focus(p) || p.user));
        if quals.is_empty() || near_kept {
            continue;
        }
        let units: Vec<&Place> = quals
            .iter()
            .flat_map(|&c| mentions[c].hits.iter())
            .filter_map(|&h| store.place(h))
            .filter(|u| u.kind.is_unit() && !u.user)
            .collect();
        if units.is_empty() {
            continue;
        }
        let inside = mentions[q].hits.iter().any(|&h| {
            store.place(h).is_some_and(|p| {
                units.iter().any(|u| {
                    u.cc == p.cc
                        && (u.kind == Kind::Adm1
                            && u.admin1 != 0
                            && store.same_a1(u.admin1, p.admin1)
                            || u.kind == Kind::Adm2
                                && u.admin2 != 0
                                && (u.admin2 == p.admin2
                                    || (p.admin2 == 0 && u.admin1 == p.admin1))
                            || u.kind == Kind::Adm3 && u.admin1 == p.admin1)
                })
            })
        });
        let first = quals[0];
        let first_is_unit = mentions[first]
            .hits
            .iter()
            .any(|&h| store.place(h).is_some_and(|u| u.kind.is_unit() && !u.user));
        // a parenthesis or a unit word (`X, Mopti region`): a list `Timbuktu, Gao, Kidal` is
        // not a place and its unit
        let gap_is = |a: usize, b: usize, w: &[&str]| {
            fs.get(mentions[a].fe..mentions[b].fs)
                .is_some_and(|g| w.contains(&g.trim()))
        };
        let in_list = (q > 0 && gap_is(q - 1, q, &[",", "and", "et"]))
            || (first + 1 < mentions.len() && gap_is(first, first + 1, &[",", "and", "et"]));
        let explicit = mentions[first].unit_cue
            || fs
                .get(mentions[q].fe..mentions[first].fs)
                .is_some_and(|g| g.contains('('))
            || !in_list;
        // `Medan City Hall (Medan)`: a building of the town named just before, not a place
        // the gazetteer lacks (`Kamengo Village (Rakai)` is one)
        let feature = q > 0
            && fs
                .get(mentions[q].fs..mentions[q].fe)
                .is_some_and(is_feature_word)
            && fs.get(mentions[q - 1].fe..mentions[q].fs).is_some_and(|g| {
                g.chars().all(|c| c.is_alphabetic() || c == ' ')
                    && g.split_whitespace().count() <= 3
            });
        // `Manila (Metropolitan Manila, National Capital Region)`: a well-known city qualified
        // only by units abroad is that city (see [`foreign_qualifier`])
        let famous_abroad = quals
            .iter()
            .all(|&c| foreign_qualifier(store, fs, &mentions[q], &mentions[c]));
        if inside || !first_is_unit || !explicit || feature || famous_abroad {
            continue;
        }
        let (fs0, fe0) = (mentions[q].fs, mentions[q].fe);
        mentions[q].dropped = true;
        let f = &mut mentions[first];
        f.context_of = None;
        f.after_unknown = true;
        f.unit_cue = true;
        f.unknown = (fs0, fe0);
        for &c in &quals[1..] {
            mentions[c].context_of = Some(first);
        }
    }

    // Country signals.
    // a country name in the text, or a strong document hint, restricts the candidates; an
    // adjective inside an actor ("Russian forces shelled Kharkiv") only leans
    let in_actor = |sp: Span| {
        ctx.exclude
            .iter()
            .any(|x| x.start <= sp.start && sp.end <= x.end)
    };
    // `near the border with Niger`, `the Burkina Faso border`: the place is near that
    // country, usually not in it
    let border: Vec<bool> = cmentions
        .iter()
        .map(|m| at_border(fs, folded, m.span))
        .collect();
    let border_cc: Vec<usize> = cmentions
        .iter()
        .zip(&border)
        .filter(|(_, &b)| b)
        .map(|(m, _)| m.country)
        .collect();
    // an admin unit named as such (`Kharkiv oblast`, `in the Mopti region`, `X (Arizona)`)
    // in one country only points to that country as a country name would
    let mut unit_buf = String::with_capacity(64);
    let unit_countries: Vec<usize> = mentions
        .iter()
        .filter(|m| {
            !m.dropped
                && !m.fuzzy
                && (m.unit_cue || m.context_of.is_some() || (m.countryside && !m.partial))
        })
        .filter_map(|m| {
            // `Sideradougou (Sideradougou, Comoe)`: of a qualifier's units, those that hold the
            // place it qualifies (Comoe the Burkinabe province, not the Ivorian region)
            let holds = |u: &Place| {
                m.context_of.is_some_and(|q| {
                    mentions[q].hits.iter().any(|&ph| {
                        store
                            .place(ph)
                            .is_some_and(|p| !p.kind.is_unit() && store.unit_holds(u, p))
                    })
                })
            };
            let holding = m.hits.iter().any(|&h| {
                store
                    .place(h)
                    .is_some_and(|u| u.kind.is_unit() && !u.user && holds(u))
            });
            if m.context_of
                .is_some_and(|q| foreign_qualifier(store, fs, &mentions[q], m))
            {
                return None;
            }
            // `Oyo State`: Nigeria's state, not Congo's district of that name
            let adm1_only = first_level_meant(store, m);
            // the one country of the units the name points to: `None` for none, `[0, 0]` for
            // several
            let mut country_of = |own_only: bool| {
                let mut one: Option<[u8; 2]> = None;
                for &h in m.hits.iter() {
                    let Some(u) = store.place(h) else { continue };
                    if own_only && !unit_named(store, u, buf_key(fs, m).0, true, &mut unit_buf) {
                        continue;
                    }
                    let counts = if holding {
                        holds(u)
                    } else if !m.unit_cue && m.context_of.is_none() {
                        // `X countryside`: a first-level unit by its own name (not `Y
                        // countryside`, a town's countryside whose last word is an alternate of a
                        // unit abroad)
                        u.kind == Kind::Adm1
                            && unit_named(store, u, buf_key(fs, m).0, true, &mut unit_buf)
                    } else {
                        u.kind == Kind::Adm1 || (m.unit_cue && !adm1_only && u.kind == Kind::Adm2)
                    };
                    if !counts || u.user {
                        continue;
                    }
                    match one {
                        None => one = Some(u.cc),
                        Some(c) if c == u.cc => {}
                        Some(_) => one = Some([0, 0]),
                    }
                }
                one
            };
            let mut one = country_of(false);
            if one == Some([0, 0]) {
                // `Poni province`: when units of several countries answer to the name, those
                // filed under it (Burkina Faso's Poni) over those holding it as an alternate
                // (Pawnee County, alias Poni)
                one = country_of(true);
            }
            let cc = one.filter(|c| c != &[0, 0])?;
            countries.by_iso2(std::str::from_utf8(&cc).ok()?)
        })
        .collect();
    let has_signal = ctx.countries.iter().any(|&(_, w)| w >= SIGNAL)
        || !unit_countries.is_empty()
        || cmentions
            .iter()
            .zip(&border)
            .any(|(m, &b)| !b && m.kind == CountryMentionKind::Name && !in_actor(m.span));
    let country_supported = |ci: usize| {
        ctx.countries.iter().any(|&(c, _)| c == ci)
            || unit_countries.contains(&ci)
            || cmentions
                .iter()
                .zip(&border)
                .any(|(m, &b)| !b && m.country == ci)
    };
    // a report about one of the focus countries may name a village across the border in
    // another (`Katiba Macina` in Burkina Faso); a report about Cameroon or Mexico may not
    let sahel_doc = ctx
        .countries
        .iter()
        .any(|&(c, _)| is_focus_cc(&countries.get(c).iso2));
    let any_hint = !ctx.countries.is_empty() || !cmentions.is_empty() || !unit_countries.is_empty();
    let country_score = |ci: usize| -> Option<f32> {
        let mut s = 0.0;
        let mut supported = false;
        for &(c, w) in &ctx.countries {
            if c == ci {
                s += 3.0 * w;
                supported = true;
            }
        }
        for (m, _) in cmentions.iter().zip(&border).filter(|(_, &b)| !b) {
            if m.country == ci {
                supported = true;
                s += match (m.kind, in_actor(m.span)) {
                    (_, true) => 0.3,
                    (CountryMentionKind::Name, false) => 2.0,
                    _ => 1.5,
                };
                break;
            }
        }
        if unit_countries.contains(&ci) {
            supported = true;
            s += 2.0;
        }
        if has_signal && !supported {
            None
        } else {
            Some(s)
        }
    };

    let mut best: Option<(f32, usize, u32, usize)> = None; // score, mention, place, country
    let mut name_key = String::with_capacity(64);
    let mut alt_key = String::with_capacity(64);
    let (mut typed_alnum, mut own_alnum) = (String::new(), String::new());
    let corroborating = matches!(trace, Trace::Corroborated(_));
    let pointed = ctx.countries.iter().any(|&(_, w)| w >= SIGNAL);
    // every reading of a mention lies in one country
    let one_country = |c: &Mention| {
        let mut ccs = c.hits.iter().filter_map(|&h| store.place(h)).map(|p| p.cc);
        ccs.next().is_some_and(|first| ccs.all(|cc| cc == first))
    };
    // two mentions write the same name (`X ... X`, `X (X, Unit)`)
    let same_name = |a: &Mention, b: &Mention| fs.get(a.fs..a.fe) == fs.get(b.fs..b.fe);
    // `Athens ... Athens`: when a name is a national capital that no unit of its own country
    // is named after, writing it again says nothing about which of its places is meant (a
    // unit named as such still does)
    // (`m_capital`: `lone_capital` of `m`'s readings, computed once per mention)
    let repeat_of_capital =
        |c: &Mention, m: &Mention, m_capital: bool| m_capital && !c.unit_cue && same_name(c, m);
    let any_assembly = mentions.iter().any(|c| c.assembly);
    for (mi, m) in mentions.iter().enumerate() {
        if m.dropped {
            continue;
        }
        let m_capital = lone_capital(store, &m.hits);
        for &h in m.hits.iter() {
            let Some(p) = store.place(h) else { continue };
            if m.units_only && !p.kind.is_unit() {
                continue;
            }
            // the corroborated-countries pass keeps only a unit named as such or a place with
            // admin context: a reading with neither is skipped before any scoring (same result)
            if corroborating
                && !(m.unit_cue && matches!(p.kind.code(), "ADM1" | "ADM2"))
                && !mentions.iter().enumerate().any(|(ci2, c)| {
                    ci2 != mi
                        && !c.dropped
                        && !(c.context_of == Some(mi) && same_name(c, m))
                        && c.hits.iter().any(|&uh| {
                            store.place(uh).is_some_and(|u| {
                                store.unit_holds(u, p)
                                    && !repeat_of_capital(c, m, m_capital)
                                    // the same name written again (`X ... X`) is
                                    // weak evidence, as a town's commune holds it in every
                                    // country that has both: it corroborates only when the
                                    // text points to no country; a first-level unit named
                                    // again with no homonym abroad (a state of one country) and
                                    // a place qualified by its namesake unit next to it
                                    // (`X city (X governorate`) always do
                                    && (c.unit_cue
                                        || !pointed
                                        || (u.kind == Kind::Adm1 && one_country(c))
                                        || c.fs.max(m.fs) - c.fe.min(m.fe) <= NAMESAKE_GAP
                                        || !same_name(c, m))
                            })
                        })
                })
            {
                continue;
            }
            // a near-spelling counts only for a place in a country the document points to
            // (or, with no country signal at all, the user's own places)
            if m.fuzzy {
                let supported = countries
                    .by_iso2(p.cc_str())
                    .is_some_and(&country_supported);
                // with no country signal, the user's own places, unless a country adjective
                // points elsewhere
                let elsewhere = cmentions
                    .iter()
                    .any(|cm| countries.get(cm.country).iso2 != p.cc_str());
                let user_area = !has_signal && p.user && !elsewhere;
                // with no country signal, a unit named as such (`Dhanusha district`)
                let named_unit =
                    !has_signal && !elsewhere && m.unit_cue && p.kind.is_unit() && !is_focus(p);
                if !supported && !user_area && !named_unit {
                    continue;
                }
            }
            // what a protest is about (`the attacks on X`) is no candidate when the text says
            // where the crowd assembled
            if m.topic && any_assembly {
                continue;
            }
            // an admin unit named bare, with no preposition, cue or role, is usually a
            // capitalised common word in a headline (`Visa Bond`); not one that a unit after
            // it qualifies (`(Khabb wa Ash Shaaf, Al Jawf)`: a district and its governorate)
            let qualified = mentions.iter().any(|q| q.context_of == Some(mi));
            let bare = !(m.prep || m.unit_cue || m.context_of.is_some() || qualified);
            let has_town = m.hits.iter().any(|&o| {
                store
                    .place(o)
                    .is_some_and(|q| q.kind.is_populated() && q.cc == p.cc)
            });
            if p.kind.is_unit() && !p.user && bare && !has_town {
                continue;
            }
            let Some(ci) = countries.by_iso2(p.cc_str()) else {
                continue;
            };
            let mut score = match country_score(ci) {
                // a partial name needs the country the text points to, or with no hint at all,
                // a big place (`Donetsk Filtration Station`)
                Some(_) if m.partial && any_hint && !country_supported(ci) => continue,
                Some(_)
                    if m.partial
                        && !any_hint
                        && !(p.pop >= BIG_POP || matches!(p.kind, Kind::Capital | Kind::Seat1)) =>
                {
                    continue
                }
                Some(s) => s,
                // a country the document does not point to: only big places after a
                // preposition (`protests in Paris`) when the text's own places point nowhere
                // (`the Mozambican town of Palma`, with Pemba and Cabo Delgado named: not the
                // Palma of Spain), or the user's own places
                // a partial name (`Tin` of `Tin-Hama`) gets no such leniency
                None if m.partial => continue,
                // (`demonstrated in X. They denounced the war in Y`: a town
                // of 20,000 right after `in` or `at`, unless the text calls it a village)
                None if p.user
                    || (is_focus(p) && sahel_doc)
                    || (m.prep
                        && ctx.placed.is_empty()
                        && (p.pop >= BIG_POP
                            || p.kind == Kind::Capital
                            // a regional seat abroad, unless the text calls the place a
                            // village (`in Kone village in Myanmar` is no seat of New
                            // Caledonia)
                            || (p.kind == Kind::Seat1 && !m.settlement)
                            || (p.pop >= IN_AT_TOWN_POP && m.in_at && !m.settlement))) =>
                {
                    -2.0
                }
                None => continue,
            };
            // the name itself rather than an alternate (`Koro` the town, not `Coro` alias Koro)
            key_into(store.strs.get(p.name), &mut name_key);
            // (`Northwest` is `North-West` written solid)
            let solid = |a: &str, b: &str| {
                a.chars()
                    .filter(|c| c.is_alphanumeric())
                    .eq(b.chars().filter(|c| c.is_alphanumeric()))
            };
            // (`Muse` is `Mu Se` written solid, as Burmese syllables often are)
            let hyphened = store.strs.get(p.name).contains('-')
                || buf_key(fs, m).0.contains('-')
                || (store.strs.get(p.name).contains(' ') && !buf_key(fs, m).0.contains(' '));
            let own_name =
                |key: &str| key == buf_key(fs, m).0 || (hyphened && solid(key, buf_key(fs, m).0));
            if own_name(&name_key) {
                score += 1.0;
            } else if p.kind == Kind::Adm1 {
                // a first-level unit filed under its official name (`Nord-Ouest`, `Bayern`)
                // keeps GeoNames' name (`North-West`, `Bavaria`) as its first alternate: the
                // unit's own name too
                let first = store.strs.get(p.alts).split('|').next().unwrap_or("");
                key_into(first, &mut alt_key);
                if !alt_key.is_empty() && own_name(&alt_key) {
                    score += 1.0;
                }
            }
            // `in Sinaloa`: a hamlet named like a first-level unit of its own country (Sinaloa,
            // Chiapas) is the unit, unless the text says otherwise
            if p.kind == Kind::Populated && p.pop < HAMLET_POP {
                let typed = buf_key(fs, m).0;
                let unit_too = m.hits.iter().any(|&o| {
                    store.place(o).is_some_and(|q| {
                        q.kind == Kind::Adm1
                            && q.cc == p.cc
                            && unit_named(store, q, typed, false, &mut unit_buf)
                    })
                });
                if unit_too {
                    score -= STATE_NAMESAKE_MALUS;
                }
            }
            // the codebook's focus countries
            if is_focus(p) {
                score += FOCUS_BONUS;
            }
            score += match p.kind {
                Kind::Capital => 1.9,
                Kind::Seat1 => 1.6,
                Kind::Seat2 => 1.3,
                Kind::Seat3 => 0.8,
                Kind::Populated => 0.6,
                Kind::Adm1 => 0.9,
                Kind::Adm2 => 0.7,
                Kind::Adm3 => 0.3,
                Kind::Area => 0.2,
                Kind::Other => 0.0,
            };
            if m.unit_cue {
                score += if p.kind.is_unit() { 3.0 } else { -1.5 };
            }
            // `Bara district`: a country that has districts, not one whose units of that level
            // are localities
            if m.unit_word.is_some_and(|row| !unit_word_fits(row, &p.cc)) {
                score -= UNIT_WORD_MALUS;
            }
            if m.after_unknown && p.kind.is_unit() {
                // `Etambar, Kidal`: a place stated with its unit is the report's own place
                score += 1.0;
            }
            score += 0.25 * (1.0 + p.pop as f32).log10();
            // `(Bolivar)`, `(La Paz)`: first-level units of one name in several countries, named
            // as units; with nothing else to decide, the unit with the bigger seat (Colombia's
            // Bolivar, seat Cartagena, over Ecuador's, seat Guaranda) is the likelier one
            // (relative to the mention's best-seated unit: the tie-break lowers the others and
            // leaves the reading's weight against other mentions alone)
            if p.kind == Kind::Adm1 && (m.unit_cue || m.context_of.is_some()) && p.seat != 0 {
                let decades = |u: &Place| (1.0 + seat_pop(store, u) as f32).log10();
                let best = m
                    .hits
                    .iter()
                    .filter_map(|&o| store.place(o))
                    .filter(|u| u.kind == Kind::Adm1 && u.seat != 0)
                    .map(decades)
                    .fold(0.0f32, f32::max);
                score -= UNIT_SEAT_WEIGHT * (best - decades(p));
            }
            // homonyms abroad: a town far smaller than a namesake in another country is the
            // less likely reading when nothing else decides (`Jena`: the German city of 100,000,
            // not the Louisiana county seat of 3,000); an unknown population (0) is no evidence
            if p.kind.is_populated() && p.pop > 0 && !country_supported(ci) {
                let rival = m
                    .hits
                    .iter()
                    .filter_map(|&o| store.place(o))
                    .filter(|q| {
                        q.cc != p.cc
                            && (q.kind.is_populated() || (q.kind.is_unit() && q.seat != 0))
                            && countries
                                .by_iso2(q.cc_str())
                                .is_some_and(|qc| !has_signal || country_supported(qc))
                    })
                    // (a unit named like the place stands for its seat: `Kut city` is Al Kut,
                    // seat of Iraq's Kut district)
                    .map(|q| {
                        if q.kind.is_unit() {
                            seat_pop(store, q)
                        } else {
                            q.pop
                        }
                    })
                    .max()
                    .unwrap_or(0);
                if rival > p.pop.saturating_mul(ABROAD_POP_RATIO) {
                    let gap = ((1.0 + rival as f32) / (1.0 + p.pop as f32)).log10();
                    score -= (ABROAD_POP_WEIGHT * gap).min(ABROAD_POP_MAX);
                }
            }
            if p.user {
                score += USER_BONUS;
            }
            if m.prep {
                score += 1.5;
            }
            if m.settlement {
                score += if p.kind.is_unit() { -1.0 } else { 1.0 };
            }
            if m.destination {
                score -= DESTINATION_MALUS;
            }
            if m.earlier {
                score -= EARLIER_MALUS;
            }
            if m.origin {
                score -= ORIGIN_MALUS;
            }

            if m.context_of.is_some() {
                score -= 4.0;
            }
            if m.fuzzy || m.fuzzy_dist.iter().any(|d| d.0 == h) {
                score -= 1.0;
                // among near-spellings, the closest spelling (`Gorgadj`: Gorgadji, not Gorgane)
                typed_alnum.clear();
                typed_alnum.extend(buf_key(fs, m).0.chars().filter(|c| c.is_alphanumeric()));
                own_alnum.clear();
                own_alnum.extend(name_key.chars().filter(|c| c.is_alphanumeric()));
                let d = store::edit_distance(typed_alnum.as_bytes(), own_alnum.as_bytes(), 3);
                score -= 0.2 * d as f32;
            }
            if border_cc.contains(&ci) {
                score -= 1.0;
            }
            if &p.cc == b"ML"
                && !p.kind.is_unit()
                && ACTIVE_CERCLES_ML.contains(&store.strs.get(p.admin2))
            {
                score += ACTIVE_BONUS;
            }
            if m.partial {
                score -= 2.0;
            }
            if m.pair_second {
                // `between A and B`: the first place named (codebook 4.2)
                score -= 3.0;
            }
            // homonyms: a place near the other places the text names
            let near_of = || {
                (m.hits.len() > 1 || m.fuzzy)
                    && p.coords().is_some_and(|(la, lo)| {
                        mentions.iter().enumerate().any(|(oi, o)| {
                            oi != mi
                                && o.context_of != Some(mi)
                                // the same name told again does not corroborate itself
                                && !same_name(o, m)
                                && o.hits.len() <= MAX_NEAR_READINGS
                                && reads_near(store, p.cc, (la, lo), &o.hits)
                        })
                    })
            };
            // the corroborated-countries pass does not score: it asks only when it must
            let near_other = !corroborating && near_of();
            if near_other {
                score += NEAR_OTHER_BONUS;
            }
            score -= 0.05 * mi as f32;
            // admin context
            // the best unit of each qualifying mention adds up (`Bama (Bama, Houet)`: the Bama
            // in the Houet province fits two qualifiers, a Bama elsewhere one); units named
            // elsewhere in the text count once
            let mut ctx_bonus: f32 = 0.0;
            let mut direct_sum: f32 = 0.0;
            for (ci2, c) in mentions.iter().enumerate() {
                if ci2 == mi || c.dropped {
                    continue;
                }
                let direct = c.context_of == Some(mi);
                // `Bama (Bama, Houet)`: the commune named after its town says nothing about
                // which town of that name it is
                if repeat_of_capital(c, m, m_capital) {
                    continue;
                }
                // `Merida (Merida)`: of a qualifier named like its place, only a first-level
                // unit filed under that name says something (the state of that name holds one
                // of the towns); a commune or district named after its town holds that town in
                // every country
                let namesake = direct && same_name(c, m);
                // (it decides between countries only: within one, the state's namesake town is
                // no likelier than a town the text names next)
                if namesake && one_country(m) {
                    continue;
                }
                let mut own: f32 = 0.0;
                for &uh in c.hits.iter() {
                    let Some(u) = store.place(uh) else { continue };
                    if namesake
                        && !(u.kind == Kind::Adm1
                            && unit_named(store, u, buf_key(fs, c).0, true, &mut unit_buf))
                    {
                        continue;
                    }
                    if namesake && store.unit_holds(u, p) {
                        own = own.max(NAMESAKE_STATE_BONUS);
                    } else if store.unit_holds(u, p) {
                        let b = if direct {
                            if u.kind == Kind::Adm2 {
                                5.0
                            } else {
                                4.0
                            }
                        } else {
                            1.5
                        };
                        own = own.max(b);
                    }
                }
                if direct {
                    direct_sum += own;
                } else {
                    ctx_bonus = ctx_bonus.max(own);
                }
            }
            let ctx_bonus = ctx_bonus.max(direct_sum);
            score += ctx_bonus;
            // a place where a crowd assembled; when units qualify it (`X city (Y, Z)`), only
            // its readings inside them
            // (`X town, Y`, `X city (Y`: a name right after it, too)
            // (a near-spelling gets none: `Savar` is no Sarvar)
            let near_spelling = m.fuzzy || m.fuzzy_dist.iter().any(|d| d.0 == h);
            if m.assembly && !near_spelling {
                let qualified = mentions.iter().any(|c| c.context_of == Some(mi))
                    || mentions.get(mi + 1).is_some_and(|c| {
                        fs.get(m.fe..c.fs).is_some_and(|g| {
                            let g = g
                                .trim()
                                .trim_start_matches("town")
                                .trim_start_matches("city")
                                .trim_start_matches("village")
                                .trim();
                            matches!(g, "," | "(")
                        })
                    });
                if !qualified || ctx_bonus > 0.0 {
                    score += ASSEMBLY_BONUS;
                }
            }
            let dist = m.fuzzy_dist.iter().find(|d| d.0 == h).map(|d| d.1);
            if let Some(d) = dist {
                // a near-spelling one edit away is refused when the text names an admin unit
                // (of the same country) that does not contain it
                if d > 0
                    && ctx_bonus <= 0.0
                    && !(near_other || corroborating && near_of())
                    && names_other_unit(store, &mentions, p)
                {
                    continue;
                }
                // a unit outside the focus countries known only by near-spelling is refused
                // when the text names a unit, in any country, that does not hold it
                // (`Amadiya district, Duhok` is not Turkey's Amasya)
                if !is_focus(p) && !p.user && names_unit_elsewhere(store, &mentions, p) {
                    continue;
                }
            }
            if let Trace::Corroborated(t) = &mut trace {
                // `Oyo State`: the first-level unit of that name where one exists
                let lower_unit = p.kind == Kind::Adm2 && first_level_meant(store, m);
                let unit = m.unit_cue && matches!(p.kind.code(), "ADM1" | "ADM2") && !lower_unit;
                let foreign = m
                    .context_of
                    .is_some_and(|q| foreign_qualifier(store, fs, &mentions[q], m));
                if (unit && !foreign) || ctx_bonus > 0.0 {
                    t.push((folded.span(m.fs, m.fe), ci));
                }
            }
            if let Trace::Full(t) = &mut trace {
                let mut reasons = Vec::new();
                for (on, r) in [
                    (m.prep, "preposition"),
                    (m.near, "near"),
                    (m.unit_cue, "unit-cue"),
                    (m.settlement, "settlement-cue"),
                    (m.destination, "destination"),
                    (m.origin, "origin"),
                    (m.assembly, "assembly"),
                    (m.topic, "topic"),
                    (m.earlier, "earlier-event"),
                    (m.context_of.is_some(), "qualifies-another-place"),
                    (m.pair_second, "second-of-pair"),
                    (m.stem, "compound-stem"),
                    (ctx_bonus > 0.0, "admin-context"),
                    (near_other, "near-other-place"),
                    (p.user, "user-gazetteer"),
                    (is_focus(p), "focus-country"),
                ] {
                    if on {
                        reasons.push(r);
                    }
                }
                t.push(Candidate {
                    score,
                    span: folded.span(m.fs, m.fe),
                    rule: rule_of(p),
                    name: store.strs.get(p.name).to_string(),
                    cc: p.cc_str().to_string(),
                    admin1: store.strs.get(p.admin1).to_string(),
                    admin2: store.strs.get(p.admin2).to_string(),
                    kind: p.kind.code(),
                    population: p.pop,
                    near_spelling: dist,
                    reasons,
                });
            }
            if !matches!(best, Some(b) if score <= b.0) {
                best = Some((score, mi, h, ci));
            }
        }
    }
    let (_, mi, h, ci) = best?;
    let m = &mentions[mi];
    let p = store.place(h)?;
    let near_hit = m.fuzzy || m.fuzzy_dist.iter().any(|d| d.0 == h);
    let mut g = build_geo(store, p, ci, m, near_hit, text, folded);
    // `Amachach (Tessalit, Kidal)`: the cercle the text states for its place, in the place's
    // own region, over the gazetteer's (often approximated) one
    if !p.kind.is_unit() {
        let mut stated: Option<u32> = None;
        let mut clash = false;
        for c in mentions
            .iter()
            .filter(|c| c.context_of == Some(mi) && !c.dropped)
        {
            // `X, Mopti`: a qualifier naming the place's region (Mopti region holds a Mopti
            // cercle) or the place's own unit says nothing new
            let names_own = c.hits.iter().filter_map(|&uh| store.place(uh)).any(|u| {
                u.cc == p.cc
                    && ((u.kind == Kind::Adm1 && store.same_a1(u.admin1, p.admin1))
                        || (u.kind == Kind::Adm2 && u.admin2 == p.admin2))
            });
            if names_own {
                continue;
            }
            for u in c.hits.iter().filter_map(|&uh| store.place(uh)) {
                if u.kind == Kind::Adm2
                    && u.cc == p.cc
                    && u.admin2 != 0
                    && u.admin2 != p.admin2
                    && store.same_a1(u.admin1, p.admin1)
                {
                    clash |= stated.is_some_and(|a| a != u.admin2);
                    stated = Some(u.admin2);
                }
            }
        }
        if let (Some(a2), false) = (stated, clash) {
            g.admin2 = store.strs.get(a2).to_string();
        }
    }
    Some(g)
}

fn build_geo(
    store: &Store,
    p: &Place,
    ci: usize,
    m: &Mention,
    near_hit: bool,
    text: &str,
    folded: &Folded,
) -> Geo {
    let strs = &store.strs;
    let mut g = Geo {
        country: ci,
        admin1: strs.get(p.admin1).to_string(),
        admin2: strs.get(p.admin2).to_string(),
        admin3: strs.get(p.admin3).to_string(),
        location: strs.get(p.name).to_string(),
        latitude: p.coords().map(|c| c.0),
        longitude: p.coords().map(|c| c.1),
        geo_precision: if m.near { 2 } else { 1 },
        span: folded.span(m.fs, m.fe),
        rule: rule_of(p),
    };
    if near_hit && !p.kind.is_unit() {
        // a near-spelling: the place as the text spells it (the gazetteer's spelling is in
        // the candidate list of `harmattan geocode`)
        if let Some(name) = text.get(g.span.start..g.span.end) {
            g.location = crate::text::ascii_name(name);
        }
    }
    if p.kind.is_unit() || p.kind == Kind::Area {
        g.geo_precision = 3;
        if m.after_unknown && p.kind != Kind::Adm1 {
            // a village we cannot place, inside a named cercle/province (codebook 4.2)
            g.geo_precision = 2;
        }
    }
    if p.kind.is_unit() && p.seat != 0 {
        // the seat stands for the unit (codebook 4.2)
        let mut buf = String::new();
        key_into(strs.get(p.seat), &mut buf);
        let seat = store
            .hits(&buf)
            .iter()
            .filter_map(|&i| store.place(i))
            .filter(|s| {
                s.kind.is_populated()
                    && s.cc == p.cc
                    && store.same_a1(p.admin1, s.admin1)
                    && (p.kind != Kind::Adm2 || s.admin2 == p.admin2)
            })
            .max_by_key(|s| s.pop);
        if let Some(s) = seat {
            g.location = strs.get(s.name).to_string();

            g.admin2 = strs.get(s.admin2).to_string();
            if let Some((la, lo)) = s.coords() {
                g.latitude = Some(la);
                g.longitude = Some(lo);
            }
        } else {
            // the seat's row is not in the table, its name and coordinates are (the unit
            // row carries the seat's coordinates): `Niiza-shi` is coded at Niiza
            g.location = strs.get(p.seat).to_string();
        }
    }
    if near_hit && p.kind.is_unit() {
        // a unit spelt otherwise (`Yinmarbin township` for Yinmabin) and coded under its own
        // name or a seat named like it: the name as the text spells it
        let (mut a, mut b) = (String::new(), String::new());
        key_into(strs.get(p.name), &mut a);
        key_into(&g.location, &mut b);
        if a == b {
            if let Some(name) = text.get(g.span.start..g.span.end) {
                g.location = crate::text::ascii_name(name);
            }
        }
    }
    if m.after_unknown && p.kind.is_unit() {
        // "Soumpi, Tombouctou region" with Soumpi not in the gazetteer: the event is coded to
        // the village the text names, inside that unit, at the unit seat's coordinates with
        // precision 2 (cercle) or 3 (region) (codebook 4.2)
        let sp = folded.span(m.unknown.0, m.unknown.1);
        if let Some(name) = text.get(sp.start..sp.end) {
            g.location = crate::text::ascii_name(name);
            g.span = Span::new(sp.start, g.span.end.max(sp.end));
            g.geo_precision = if p.kind == Kind::Adm1 { 3 } else { 2 };
            if p.kind == Kind::Adm1 {
                g.admin2.clear();
            }
            g.admin3.clear();
        }
    }
    if g.latitude.is_none() {
        // a user place known by name only: the coordinates of its admin unit
        for (level, name) in [(Kind::Adm2, p.admin2), (Kind::Adm1, p.admin1)] {
            if name == 0 {
                continue;
            }
            let mut buf = String::new();
            key_into(strs.get(name), &mut buf);
            let unit = store
                .hits(&buf)
                .iter()
                .filter_map(|&i| store.place(i))
                .find(|u| {
                    u.kind == level
                        && u.cc == p.cc
                        && (level == Kind::Adm1 && u.admin1 == name
                            || level == Kind::Adm2 && u.admin2 == name)
                        && u.coords().is_some()
                });
            if let Some((la, lo)) = unit.and_then(Place::coords) {
                g.latitude = Some(la);
                g.longitude = Some(lo);
                g.geo_precision = g.geo_precision.max(if level == Kind::Adm2 { 2 } else { 3 });
                break;
            }
        }
    }
    g
}

#[cfg(test)]
mod tests;
