//! User gazetteers: GeoNames dumps and CSV files with a header row.

use std::collections::HashMap;

use super::store::{hash_bytes, key_into, Kind, Place, Store};
use super::{strip_admin_type, ImportFormat, ImportOptions, ImportReport};
use crate::countries::Countries;
use crate::text::{ascii_name, fold_key};

/// Mali's cercles that ACLED files under the Menaka region (created 2016; older lists put
/// them under Gao): folded key → ACLED admin2.
const ML_MENAKA: &[(&str, &str)] = &[
    ("anderaboukane", "Anderamboukane"),
    ("anderamboukane", "Anderamboukane"),
    ("inekar", "Inekar"),
    ("menaka", "Menaka"),
    ("tidarmene", "Tidermene"),
    ("tidermene", "Tidermene"),
];

/// Raw admin1, admin2, arrondissement and country of a CSV row.
type AdminKey = (String, String, String, [u8; 2]);

/// Which CSV column holds what.
#[derive(Debug, Default)]
struct Columns {
    name: Option<usize>,
    lat: Option<usize>,
    lon: Option<usize>,
    admin1: Option<usize>,
    admin2: Option<usize>,
    admin3: Option<usize>,
    arrondissement: Option<usize>,
    country: Option<usize>,
    alt: Option<usize>,
}

impl Columns {
    fn from_header(fields: &[String]) -> Columns {
        let mut c = Columns::default();
        for (i, h) in fields.iter().enumerate() {
            let k = fold_key(h).replace(' ', "_");
            let slot = match k.as_str() {
                "village" | "name" | "location" | "place" | "locality" | "localite" | "nom" => {
                    &mut c.name
                }
                "lat" | "latitude" | "y" => &mut c.lat,
                "long" | "lon" | "lng" | "longitude" | "x" => &mut c.lon,
                "region" | "admin1" | "adm1" | "state" | "governorate" => &mut c.admin1,
                "cercle" | "province" | "department" | "departement" | "admin2" | "adm2"
                | "district" | "prefecture" => &mut c.admin2,
                "commune" | "admin3" | "adm3" => &mut c.admin3,
                "country" | "pays" | "cc" | "iso" | "iso2" | "iso3" | "country_code" => {
                    &mut c.country
                }
                "alt" | "alternate_names" | "alternatenames" | "aliases" => &mut c.alt,
                _ if k.starts_with("arrondis") => &mut c.arrondissement,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(i);
            }
        }
        c
    }
    fn max_index(&self) -> usize {
        [
            self.name,
            self.lat,
            self.lon,
            self.admin1,
            self.admin2,
            self.admin3,
            self.arrondissement,
            self.country,
            self.alt,
        ]
        .iter()
        .flatten()
        .copied()
        .max()
        .unwrap_or(0)
    }
}

/// Split one CSV line (RFC 4180 quotes, no embedded newlines).
fn split_csv(line: &str, delim: char, out: &mut Vec<String>) -> Result<(), &'static str> {
    out.clear();
    let mut cur = String::new();
    let mut chars = line.chars().peekable();
    let mut in_quotes = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cur.push('"');
                } else {
                    in_quotes = false;
                }
            } else {
                cur.push(c);
            }
        } else if c == '"' && at_start {
            in_quotes = true;
            at_start = false;
        } else if c == delim {
            out.push(std::mem::take(&mut cur));
            at_start = true;
        } else {
            cur.push(c);
            if !c.is_whitespace() {
                at_start = false;
            }
        }
    }
    if in_quotes {
        return Err("unterminated quote");
    }
    out.push(cur);
    Ok(())
}

/// `IRA DIANATENE` → `Ira Dianatene`, `N'TILLIT` → `N'Tillit`. Names with lower-case letters
/// are kept as they are.
pub(crate) fn title_case(s: &str) -> String {
    let lower = s.chars().filter(|c| c.is_lowercase()).count();
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    if lower >= upper {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = matches!(c, ' ' | '-' | '\'' | '(' | '/' | '.' | '\u{2019}');
        }
    }
    out
}

/// A clean ASCII display name.
fn display_name(raw: &str) -> String {
    let t = title_case(raw.trim());
    let a = ascii_name(&t);
    a.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn parse_coord(s: &str, max: f64) -> Result<Option<f64>, ()> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let v: f64 = s.replace(',', ".").parse().map_err(|_| ())?;
    if v.is_finite() && v.abs() <= max {
        Ok(Some(v))
    } else {
        Err(())
    }
}

fn cc_bytes(s: &str) -> Option<[u8; 2]> {
    let b = s.as_bytes();
    if b.len() == 2 && b.iter().all(u8::is_ascii_alphabetic) {
        Some([b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()])
    } else {
        None
    }
}

fn country_cc(value: &str, countries: &Countries) -> Option<[u8; 2]> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    let up = v.to_ascii_uppercase();
    let idx = match v.len() {
        2 => countries.by_iso2(&up),
        3 => countries.by_iso3(&up),
        _ => None,
    }
    .or_else(|| countries.by_name(v));
    match idx {
        Some(i) => cc_bytes(&countries.get(i).iso2),
        None => cc_bytes(v),
    }
}

/// Add one user place and index its names. `gn` is the GeoNames id of a dump row; other
/// rows get a stable id hashed from their name, country, coordinates and admin units. Returns
/// false (and adds nothing) when the place is already held: a file imported twice adds
/// nothing the second time.
#[allow(clippy::too_many_arguments)]
fn add_place(
    store: &mut Store,
    name: &str,
    alts: &[&str],
    coords: Option<(f64, f64)>,
    kind: Kind,
    cc: [u8; 2],
    admin: (u32, u32, u32),
    pop: u32,
    gn: Option<u32>,
    buf: &mut String,
) -> bool {
    let i = store.places.len() as u32;
    let id = match gn {
        Some(id) => {
            if store.geonames_ids.contains_key(&id) {
                return false;
            }
            store.geonames_ids.insert(id, i);
            id
        }
        None => {
            let mut key = String::new();
            key_into(name, &mut key);
            let (la, lo) = coords.unwrap_or((f64::NAN, f64::NAN));
            let row = format!(
                "{}|{key}|{la:.4}|{lo:.4}|{}|{}|{}",
                String::from_utf8_lossy(&cc),
                store.strs.get(admin.0),
                store.strs.get(admin.1),
                store.strs.get(admin.2)
            );
            let mut h = hash_bytes(row.as_bytes()) as u32 & 0x7fff_ffff;
            // a different row with a colliding hash gets the next free id
            while let Some(&j) = store.user_ids.get(&h) {
                if store.row_keys.get(j as usize).is_some_and(|r| **r == *row) {
                    return false;
                }
                h = h.wrapping_add(1) & 0x7fff_ffff;
            }
            store.user_ids.insert(h, store.row_keys.len() as u32);
            store.row_keys.push(row.into());
            h
        }
    };
    store.user_count += 1;
    let (lat, lon) = coords.unwrap_or((f64::NAN, f64::NAN));
    let p = Place {
        id,
        user: true,
        gn: gn.is_some(),
        name: store.strs.push(name),
        lat,
        lon,
        kind,
        cc,
        admin1: admin.0,
        admin2: admin.1,
        admin3: admin.2,
        pop,
        seat: 0,
        alts: store.strs.push(&alts.join("|")),
    };
    store.places.push(p);
    let mut sk = String::new();
    store.index_name(name, i, buf);
    store.index_fuzzy(name, i, buf, &mut sk);
    store.index_stem(name, i, buf);
    for a in alts {
        store.index_name(a, i, buf);
        store.index_fuzzy(a, i, buf, &mut sk);
    }
    true
}

/// ACLED admin1/admin2 string ids for raw admin names of a user row.
fn resolve_admins(store: &mut Store, cc: [u8; 2], a1: &str, a2: &str, arr: &str) -> (u32, u32) {
    if &cc == b"ML" {
        let k2 = fold_key(a2);
        let karr = fold_key(arr);
        let hit = ML_MENAKA
            .iter()
            .find(|(k, _)| k2 == "menaka" && karr == *k)
            .or_else(|| ML_MENAKA.iter().find(|(k, _)| k2 == *k));
        if let Some((_, acled)) = hit {
            let m = store.strs.intern("Menaka");
            let n = store.strs.intern(acled);
            return (m, n);
        }
    }
    let mut admin1 = 0;
    let mut admin2 = 0;
    if !a2.trim().is_empty() {
        match store.find_unit(cc, 2, a2) {
            Some((u1, u2)) => {
                admin1 = u1;
                admin2 = u2;
            }
            None => admin2 = store.strs.intern(&display_name(&strip_admin_type(a2))),
        }
    }
    if admin1 == 0 && !a1.trim().is_empty() {
        admin1 = match store.find_unit(cc, 1, a1) {
            Some((u1, _)) => u1,
            None => store.strs.intern(&display_name(&strip_admin_type(a1))),
        };
    }
    (admin1, admin2)
}

/// Import a user gazetteer into `store`.
pub(crate) fn import(
    store: &mut Store,
    text: &str,
    countries: &Countries,
    opts: &ImportOptions,
) -> ImportReport {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let f: Vec<&str> = first.split('\t').collect();
    let geonames = match opts.format {
        ImportFormat::GeoNames => true,
        ImportFormat::Csv => false,
        ImportFormat::Auto => {
            f.len() >= 19 && !f[0].is_empty() && f[0].bytes().all(|b| b.is_ascii_digit())
        }
    };
    if geonames {
        import_geonames(store, text)
    } else {
        import_csv(store, text, countries, &opts.columns)
    }
}

fn is_latin(s: &str) -> bool {
    s.chars().all(|c| {
        let o = c as u32;
        o < 0x250 || (0x1E00..0x1F00).contains(&o) || (0x300..0x370).contains(&o) || o == 0x2019
    })
}

fn import_geonames(store: &mut Store, text: &str) -> ImportReport {
    let mut report = ImportReport::default();
    // First pass: admin unit names by code.
    let mut adm1: HashMap<String, String> = HashMap::new();
    let mut adm2: HashMap<String, String> = HashMap::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 19 || f[6] != "A" {
            continue;
        }
        let name = if f[2].is_empty() { f[1] } else { f[2] };
        match f[7] {
            "ADM1" => {
                adm1.insert(format!("{}.{}", f[8], f[10]), name.to_string());
            }
            "ADM2" => {
                adm2.insert(format!("{}.{}.{}", f[8], f[10], f[11]), name.to_string());
            }
            _ => {}
        }
    }
    let mut cache: HashMap<String, (u32, u32)> = HashMap::new();
    let mut buf = String::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 19 {
            report.skipped.push((
                n + 1,
                format!("expected 19 tab-separated columns, found {}", f.len()),
            ));
            continue;
        }
        let (Ok(Some(lat)), Ok(Some(lon))) = (parse_coord(f[4], 90.0), parse_coord(f[5], 180.0))
        else {
            report.skipped.push((n + 1, "bad coordinates".to_string()));
            continue;
        };
        let Some(cc) = cc_bytes(f[8]) else {
            report.skipped.push((n + 1, "bad country code".to_string()));
            continue;
        };
        let raw_name = if f[2].is_empty() { f[1] } else { f[2] };
        let mut name = display_name(raw_name);
        let kind = Kind::from_codes(f[6], f[7]);
        if kind.is_unit() {
            name = display_name(&strip_admin_type(&name));
        }
        if name.is_empty() {
            report.skipped.push((n + 1, "missing name".to_string()));
            continue;
        }
        let code1 = format!("{}.{}", f[8], f[10]);
        let code2 = format!("{}.{}.{}", f[8], f[10], f[11]);
        let admins = if let Some(&a) = cache.get(&code2) {
            a
        } else {
            let a1 = adm1.get(&code1).cloned().unwrap_or_default();
            let a2 = adm2.get(&code2).cloned().unwrap_or_default();
            let a = if a1.is_empty() && a2.is_empty() {
                (0, 0)
            } else {
                resolve_admins(store, cc, &a1, &a2, "")
            };
            if a != (0, 0) {
                cache.insert(code2, a);
            }
            a
        };
        let admins = if admins == (0, 0) {
            store.admin_at(cc, lat, lon).unwrap_or((0, 0))
        } else {
            admins
        };
        let mut alts: Vec<&str> = Vec::new();
        for a in std::iter::once(f[1]).chain(f[3].split(',')) {
            let a = a.trim();
            if !a.is_empty() && is_latin(a) && alts.len() < 24 {
                alts.push(a);
            }
        }
        let pop = f[14].trim().parse().unwrap_or(0);
        let Ok(gn) = f[0].trim().parse::<u32>() else {
            report.skipped.push((n + 1, "bad geonameid".to_string()));
            continue;
        };
        if add_place(
            store,
            &name,
            &alts,
            Some((lat, lon)),
            kind,
            cc,
            (admins.0, admins.1, 0),
            pop,
            Some(gn),
            &mut buf,
        ) {
            report.added += 1;
        } else {
            report.duplicates += 1;
        }
    }
    report
}

fn import_csv(
    store: &mut Store,
    text: &str,
    countries: &Countries,
    columns: &[(String, String)],
) -> ImportReport {
    let mut report = ImportReport::default();
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header)) = lines.next() else {
        return report;
    };
    let delim = [',', ';', '\t', '|']
        .into_iter()
        .max_by_key(|d| header.matches(*d).count())
        .unwrap_or(',');
    let mut fields = Vec::new();
    if split_csv(header, delim, &mut fields).is_err() {
        report.skipped.push((1, "unreadable header".to_string()));
        return report;
    }
    let mut cols = Columns::from_header(&fields);
    for (field, header) in columns {
        let want = fold_key(header);
        let Some(idx) = fields.iter().position(|h| fold_key(h) == want) else {
            report.skipped.push((
                1,
                format!("--columns {field}={header}: no such column in the header"),
            ));
            return report;
        };
        let slot = match field.as_str() {
            "name" => &mut cols.name,
            "lat" => &mut cols.lat,
            "lon" => &mut cols.lon,
            "admin1" => &mut cols.admin1,
            "admin2" => &mut cols.admin2,
            "admin3" => &mut cols.admin3,
            "country" => &mut cols.country,
            "alt" => &mut cols.alt,
            _ => {
                report
                    .skipped
                    .push((1, format!("--columns: unknown field {field}")));
                return report;
            }
        };
        *slot = Some(idx);
    }
    let ncols = fields.len();
    let Some(name_col) = cols.name else {
        report.skipped.push((
            1,
            "no name column (VILLAGE, NAME or LOCATION) in the header".to_string(),
        ));
        return report;
    };
    let need = cols.max_index() + 1;

    // Country for rows without a COUNTRY column: vote over the admin1 names.
    let mut file_cc: Option<[u8; 2]> = None;
    if cols.country.is_none() {
        let mut votes: HashMap<[u8; 2], usize> = HashMap::new();
        let mut seen: Vec<String> = Vec::new();
        let mut ccs = Vec::new();
        for (_, line) in text.lines().enumerate().skip(1).take(5000) {
            if split_csv(line, delim, &mut fields).is_err() {
                continue;
            }
            for col in [cols.admin1, cols.admin2].into_iter().flatten() {
                let Some(v) = fields.get(col) else { continue };
                let k = fold_key(v);
                if k.is_empty() || seen.contains(&k) {
                    continue;
                }
                ccs.clear();
                store.admin1_countries(v, &mut ccs);
                if col == cols.admin2.unwrap_or(usize::MAX) {
                    // admin2 names vote too (weaker evidence, same lookup on admin2 units)
                    let mut b = String::new();
                    key_into(v, &mut b);
                    for &h in store.hits(&b) {
                        if let Some(p) = store.place(h) {
                            if p.kind == Kind::Adm2 && !p.user && !ccs.contains(&p.cc) {
                                ccs.push(p.cc);
                            }
                        }
                    }
                }
                for c in &ccs {
                    *votes.entry(*c).or_default() += 1;
                }
                seen.push(k);
            }
            if seen.len() > 200 {
                break;
            }
        }
        file_cc = votes
            .into_iter()
            .max_by_key(|&(c, v)| (v, c))
            .map(|(c, _)| c);
        if file_cc.is_none() {
            report.skipped.push((
                0,
                "no COUNTRY column and the country could not be inferred from the admin names"
                    .to_string(),
            ));
            return report;
        }
    }

    let mut cache: HashMap<AdminKey, (u32, u32)> = HashMap::new();
    let mut units: HashMap<([u8; 2], u32, u32, String), UnitAcc> = HashMap::new();
    let mut buf = String::new();
    let get = |fields: &[String], c: Option<usize>| -> String {
        c.and_then(|i| fields.get(i))
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    for (n, line) in lines {
        let line_no = n + 1;
        if let Err(e) = split_csv(line, delim, &mut fields) {
            report.skipped.push((line_no, e.to_string()));
            continue;
        }
        if fields.len() > ncols || fields.len() < need {
            report.skipped.push((
                line_no,
                format!("expected {ncols} fields, found {}", fields.len()),
            ));
            continue;
        }
        let raw_name = fields.get(name_col).map(|s| s.trim()).unwrap_or("");
        // `BOULI KESSI (FETEL GRI)`: the name, and the other name in brackets
        let (raw_name, bracketed) = split_bracket(raw_name);
        let name = display_name(raw_name);
        if name.is_empty() {
            report.skipped.push((line_no, "missing name".to_string()));
            continue;
        }
        let lat = parse_coord(&get(&fields, cols.lat), 90.0);
        let lon = parse_coord(&get(&fields, cols.lon), 180.0);
        let coords = match (lat, lon) {
            (Ok(Some(a)), Ok(Some(o))) => Some((a, o)),
            (Ok(None), Ok(None)) => None,
            _ => {
                report
                    .skipped
                    .push((line_no, "bad coordinates".to_string()));
                continue;
            }
        };
        let cc = match cols.country {
            Some(c) => match fields.get(c).and_then(|v| country_cc(v, countries)) {
                Some(cc) => cc,
                None => {
                    report
                        .skipped
                        .push((line_no, "unknown country".to_string()));
                    continue;
                }
            },
            None => match file_cc {
                Some(cc) => cc,
                None => continue,
            },
        };
        let a1 = get(&fields, cols.admin1);
        let a2 = get(&fields, cols.admin2);
        let arr = get(&fields, cols.arrondissement);
        let a3 = get(&fields, cols.admin3);
        // lists without populations: a village that gives its name to its cercle,
        // arrondissement or commune is its seat, and seats are the larger places (a prior
        // among homonyms)
        let vk = crate::text::fold_key(raw_name);
        let seat_pop = if !a2.is_empty() && crate::text::fold_key(&a2) == vk {
            20_000
        } else if !arr.is_empty() && crate::text::fold_key(&arr) == vk {
            5_000
        } else if !a3.is_empty() && crate::text::fold_key(&a3) == vk {
            2_000
        } else {
            0
        };
        let key = (a1, a2, arr.clone(), cc);
        let admins = match cache.get(&key) {
            Some(&a) => a,
            None => {
                let a = resolve_admins(store, cc, &key.0, &key.1, &key.2);
                cache.insert(key, a);
                a
            }
        };
        let admin3 = if a3.is_empty() {
            0
        } else {
            store.strs.intern(&display_name(&a3))
        };
        let mut alt: Vec<&str> = if raw_name != name {
            vec![raw_name]
        } else {
            Vec::new()
        };
        let bracketed = bracketed.map(display_name);
        if let Some(b) = bracketed.as_deref() {
            alt.push(b);
        }
        if let Some(a) = cols.alt.and_then(|c| fields.get(c)) {
            alt.extend(
                a.split(['|', ';'])
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .take(24),
            );
        }
        // communes and arrondissements, in case no village of the list carries their name
        for unit in [&a3, &arr] {
            let uk = fold_key(&strip_numeral(unit));
            if uk.is_empty() {
                continue;
            }
            let e = units
                .entry((cc, admins.0, admins.1, uk.clone()))
                .or_insert_with(|| UnitAcc {
                    name: display_name(&strip_numeral(unit)),
                    raw: unit.to_string(),
                    admin3,
                    ..UnitAcc::default()
                });
            if vk == uk {
                e.has_village = true;
            }
            if let Some((la, lo)) = coords {
                e.lat += la;
                e.lon += lo;
                e.n += 1;
            }
        }
        if add_place(
            store,
            &name,
            &alt,
            coords,
            Kind::Populated,
            cc,
            (admins.0, admins.1, admin3),
            seat_pop,
            None,
            &mut buf,
        ) {
            report.added += 1;
        } else {
            report.duplicates += 1;
        }
    }
    // a commune or arrondissement that names no village of the list: a place of that name
    // at the mean of its villages (its seat is among them, under another name or missing),
    // filed like a commune seat
    let mut extra: Vec<_> = units
        .into_iter()
        .filter(|(_, u)| !u.has_village && u.n > 0)
        .collect();
    extra.sort_by(|a, b| a.0.cmp(&b.0));
    for ((cc, a1, a2, uk), u) in extra {
        // the village list may hold it elsewhere in the same cercle
        let held = store.hits(&uk).iter().any(|&h| {
            store
                .place(h)
                .is_some_and(|p| p.cc == cc && p.admin2 == a2 && p.admin1 == a1)
        });
        if held {
            report.duplicates += 1;
            continue;
        }
        let n = u.n as f64;
        let alts: Vec<&str> = if u.raw != u.name {
            vec![u.raw.as_str()]
        } else {
            Vec::new()
        };
        if add_place(
            store,
            &u.name,
            &alts,
            Some((u.lat / n, u.lon / n)),
            Kind::Seat3,
            cc,
            (a1, a2, u.admin3),
            2_000,
            None,
            &mut buf,
        ) {
            report.added += 1;
        } else {
            report.duplicates += 1;
        }
    }
    report
}

/// A commune or arrondissement seen in a CSV import.
#[derive(Debug, Default)]
struct UnitAcc {
    name: String,
    raw: String,
    admin3: u32,
    lat: f64,
    lon: f64,
    n: usize,
    has_village: bool,
}

/// `NAME (OTHER)` → (`NAME`, `OTHER`); a name without a closed bracket, or made only of a
/// bracket, is kept whole.
fn split_bracket(raw: &str) -> (&str, Option<&str>) {
    let Some((head, rest)) = raw.split_once('(') else {
        return (raw, None);
    };
    let Some((inner, tail)) = rest.split_once(')') else {
        return (raw, None);
    };
    let (head, inner) = (head.trim(), inner.trim());
    if head.is_empty() || !tail.trim().is_empty() {
        return (raw, None);
    }
    (head, (!inner.is_empty()).then_some(inner))
}

/// `BAMBA l` → `BAMBA`, `Dougoutene II` → `Dougoutene`: numbered communes share a name.
fn strip_numeral(s: &str) -> String {
    let t = s.trim();
    let mut words: Vec<&str> = t.split_whitespace().collect();
    while words.len() > 1
        && matches!(
            words.last().copied(),
            Some("I" | "II" | "III" | "IV" | "l" | "ll" | "1" | "2" | "3")
        )
    {
        words.pop();
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_cases() {
        assert_eq!(title_case("IRA DIANATENE"), "Ira Dianatene");
        assert_eq!(title_case("N'TILLIT"), "N'Tillit");
        assert_eq!(title_case("GOURMA-RHAROUS"), "Gourma-Rharous");
        assert_eq!(title_case("Kéniéba"), "Kéniéba");
    }

    #[test]
    fn bracketed_names() {
        assert_eq!(
            split_bracket("BOULI KESSI (FETEL GRI )"),
            ("BOULI KESSI", Some("FETEL GRI"))
        );
        assert_eq!(split_bracket("KOGONY(K6)"), ("KOGONY", Some("K6")));
        assert_eq!(split_bracket("(X)"), ("(X)", None));
        assert_eq!(split_bracket("A (B) C"), ("A (B) C", None));
        assert_eq!(split_bracket("GAO"), ("GAO", None));
    }

    #[test]
    fn csv_split() {
        let mut v = Vec::new();
        split_csv(r#"a,"b, c",d"#, ',', &mut v).unwrap();
        assert_eq!(v, vec!["a", "b, c", "d"]);
        assert!(split_csv(r#"a,"b"#, ',', &mut v).is_err());
    }
}
