//! `harmattan bench`: single-thread extraction throughput and peak memory.
//!
//! The default corpus is generated in memory by a small deterministic generator: English and
//! French news-like paragraphs about the Sahel (dates, places, actors, numbers), about 2 KB per
//! document, built from a few hundred sentence templates and slot variants.

use std::path::Path;
use std::time::Instant;

use anyhow::{bail, Context};
use chrono::{Days, NaiveDate};
use harmattan_core::Document;
use serde_json::json;

use crate::input::{expand_inputs, read_source, Item};
use crate::BenchArgs;

/// Run `bench`.
pub fn run(args: &BenchArgs) -> anyhow::Result<bool> {
    if args.gazetteer {
        return super::bench_gazetteer::run(args.json.as_deref());
    }
    let target = (args.min_mb * 1e6) as usize;
    let (corpus, label) = match &args.corpus {
        Some(p) => (load_corpus(p)?, p.display().to_string()),
        None => (generate(target), "generated".to_string()),
    };
    let corpus_bytes: usize = corpus.iter().map(|d| d.text.len()).sum();
    if corpus.is_empty() || corpus_bytes == 0 {
        bail!("the corpus has no documents");
    }

    let t0 = Instant::now();
    let engine = super::load_engine(&[] as &[&Path])?;
    let load_s = t0.elapsed().as_secs_f64();

    let mut docs = 0usize;
    let mut bytes = 0usize;
    let mut events = 0usize;
    let mut failed = 0usize;
    let start = Instant::now();
    // one full pass at least, and at least the target size (a small corpus is cycled)
    'outer: loop {
        for d in &corpus {
            match super::safe_extract(&engine, d) {
                Ok(x) => events += std::hint::black_box(x).events.len(),
                Err(_) => failed += 1,
            }
            docs += 1;
            bytes += d.text.len();
            if bytes >= target && docs >= corpus.len() {
                break 'outer;
            }
        }
    }
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    let mb = bytes as f64 / 1e6;
    let peak = peak_rss_kb();

    println!("corpus            {label}");
    println!("documents         {docs}");
    println!("size              {mb:.2} MB");
    println!("events            {events}");
    println!("threads           1");
    println!("engine load       {load_s:.3} s");
    println!("total time        {secs:.3} s");
    println!("documents/s       {:.1}", docs as f64 / secs);
    println!("MB/s              {:.3}", mb / secs);
    match peak {
        Some(kb) => println!("peak memory       {:.1} MB", kb as f64 / 1024.0),
        None => println!("peak memory       n/a"),
    }
    if failed > 0 {
        eprintln!("{failed} documents failed in the extractor");
    }
    if let Some(p) = &args.json {
        let v = json!({
            "corpus": label,
            "documents": docs,
            "bytes": bytes,
            "events": events,
            "threads": 1,
            "engine_load_s": load_s,
            "total_s": secs,
            "docs_per_s": docs as f64 / secs,
            "mb_per_s": mb / secs,
            "peak_rss_mb": peak.map(|kb| kb as f64 / 1024.0),
        });
        let mut s = serde_json::to_string_pretty(&v)?;
        s.push('\n');
        std::fs::write(p, s).with_context(|| format!("cannot write {}", p.display()))?;
    }
    Ok(failed == 0)
}

/// Peak resident set size (VmHWM) in kB, Linux only.
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn load_corpus(path: &Path) -> anyhow::Result<Vec<Document>> {
    let mut docs = Vec::new();
    let mut errors = 0usize;
    let fallback = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap_or_default();
    let arg = path.to_string_lossy().into_owned();
    for source in expand_inputs(std::slice::from_ref(&arg)) {
        match source {
            Ok(s) => read_source(&s, &mut |item| match item {
                Item::Doc(mut d) => {
                    d.published.get_or_insert(fallback);
                    docs.push(*d);
                }
                Item::Error(m) => {
                    eprintln!("{m}");
                    errors += 1;
                }
                Item::Warning(m) => eprintln!("warning: {m}"),
            }),
            Err(m) => {
                eprintln!("{m}");
                errors += 1;
            }
        }
    }
    if errors > 0 {
        eprintln!(
            "{errors} corpus errors; measuring on the {} documents read",
            docs.len()
        );
    }
    Ok(docs)
}

// ----------------------------------------------------------------------------------------
// Generator

/// SplitMix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

struct Country {
    en: &'static str,
    fr: &'static str,
    adj_en: &'static str,
    places: &'static [&'static str],
    regions: &'static [&'static str],
}

const COUNTRIES: [Country; 3] = [
    Country {
        en: "Mali",
        fr: "Mali",
        adj_en: "Malian",
        places: &[
            "Mopti",
            "Ségou",
            "Gao",
            "Tombouctou",
            "Kidal",
            "Ménaka",
            "Boni",
            "Bandiagara",
            "Djenné",
            "Niono",
            "Konna",
            "Douentza",
            "Bankass",
            "Koro",
            "Tessit",
            "Ansongo",
            "Macina",
            "Diafarabé",
            "Léré",
            "Hombori",
        ],
        regions: &["Mopti", "Ségou", "Gao", "Tombouctou", "Ménaka", "Kidal"],
    },
    Country {
        en: "Burkina Faso",
        fr: "Burkina Faso",
        adj_en: "Burkinabe",
        places: &[
            "Djibo",
            "Arbinda",
            "Dori",
            "Kaya",
            "Fada N'Gourma",
            "Ouahigouya",
            "Gorom-Gorom",
            "Sebba",
            "Titao",
            "Kongoussi",
            "Diapaga",
            "Solenzo",
            "Barsalogho",
            "Tougan",
            "Gayéri",
            "Pama",
        ],
        regions: &["Sahel", "Centre-Nord", "Nord", "Est", "Boucle du Mouhoun"],
    },
    Country {
        en: "Niger",
        fr: "Niger",
        adj_en: "Nigerien",
        places: &[
            "Tillabéri",
            "Diffa",
            "Ayorou",
            "Ouallam",
            "Téra",
            "Banibangou",
            "Tahoua",
            "Maradi",
            "Bosso",
            "Abala",
            "Torodi",
            "Inatès",
            "Anzourou",
            "Tassia",
        ],
        regions: &["Tillabéri", "Diffa", "Tahoua", "Maradi"],
    },
];

const ACTORS_EN: &[&str] = &[
    "suspected jihadists",
    "unidentified gunmen",
    "JNIM fighters",
    "Islamic State militants",
    "armed men on motorcycles",
    "Dozo hunters",
    "members of a self-defence militia",
    "bandits",
    "fighters linked to al-Qaeda",
    "assailants",
    "VDP volunteers",
    "Koglweogo members",
];
const FORCES_EN: &[&str] = &[
    "soldiers",
    "the army",
    "gendarmes",
    "troops",
    "the national guard",
    "security forces",
    "special forces",
    "police officers",
];
const VICTIMS_EN: &[&str] = &[
    "civilians",
    "villagers",
    "traders",
    "herders",
    "teachers",
    "passengers",
    "worshippers",
    "farmers",
    "gold miners",
    "members of a wedding party",
];
const COUNTS_EN: &[&str] = &[
    "three",
    "five",
    "seven",
    "12",
    "at least 20",
    "a dozen",
    "several",
    "two",
    "15",
    "about 30",
    "nine",
    "four",
    "at least 40",
    "dozens of",
    "11",
    "eight",
];
const DATES_EN: &[&str] = &[
    "on Sunday",
    "on Monday",
    "on Tuesday night",
    "early on Wednesday",
    "on Thursday",
    "late on Friday",
    "on Saturday",
    "yesterday",
    "last week",
    "on the night of Friday to Saturday",
    "on 12 March",
    "on March 3",
    "on 28 February 2021",
    "on January 9, 2020",
    "two days ago",
    "earlier this month",
];
const WEAPONS_EN: &[&str] = &[
    "an improvised explosive device",
    "a roadside bomb",
    "mortar shells",
    "a landmine",
    "a drone strike",
    "rockets",
];
const SAYS_EN: &[&str] = &[
    "a local official said",
    "security sources told AFP",
    "the army said in a statement",
    "residents reported",
    "a humanitarian source said",
    "according to a local elected official",
    "the governor said",
    "witnesses said",
];

const ACTORS_FR: &[&str] = &[
    "des hommes armés non identifiés",
    "des jihadistes présumés",
    "des éléments de l'EIGS",
    "des terroristes",
    "des individus armés à moto",
    "des chasseurs dozos",
    "des membres du JNIM",
    "des bandits armés",
    "des assaillants",
    "des miliciens",
];
const FORCES_FR: &[&str] = &[
    "des soldats",
    "l'armée",
    "des gendarmes",
    "les forces de défense et de sécurité",
    "la garde nationale",
    "des policiers",
    "les FAMa",
];
const VICTIMS_FR: &[&str] = &[
    "civils",
    "villageois",
    "commerçants",
    "éleveurs",
    "enseignants",
    "passagers",
    "fidèles",
    "orpailleurs",
    "cultivateurs",
];
const COUNTS_FR: &[&str] = &[
    "trois",
    "cinq",
    "sept",
    "12",
    "au moins 20",
    "une dizaine de",
    "plusieurs",
    "deux",
    "15",
    "une trentaine de",
    "neuf",
    "quatre",
    "au moins 40",
    "des dizaines de",
];
const DATES_FR: &[&str] = &[
    "dimanche",
    "lundi soir",
    "mardi",
    "mercredi matin",
    "jeudi",
    "vendredi",
    "samedi",
    "hier",
    "la semaine dernière",
    "dans la nuit de vendredi à samedi",
    "le 12 mars",
    "le 3 mai 2021",
    "le 28 février",
    "avant-hier",
];
const WEAPONS_FR: &[&str] = &[
    "un engin explosif improvisé",
    "une mine artisanale",
    "des obus de mortier",
    "une frappe de drone",
    "des roquettes",
];
const SAYS_FR: &[&str] = &[
    "selon une source locale",
    "a indiqué un élu local",
    "selon des sources sécuritaires",
    "a annoncé l'armée dans un communiqué",
    "ont rapporté des habitants",
    "selon une source humanitaire",
    "a déclaré le gouverneur",
];

const HEADLINES_EN: &[&str] = &[
    "{N} killed in attack near {P}",
    "Gunmen kill {N} {V} in {C}",
    "{Adj} army says it repelled attack on {P}",
    "Blast hits convoy in {R} region",
    "Village attacked in central {C}",
    "Clashes near {P} leave {N} dead",
    "Protesters rally in {P} over insecurity",
    "Attack on {P} market: toll rises",
    "Militants ambush {F} near {P}",
    "{C}: fresh violence in {R}",
    "Residents flee {P} after raid",
    "Curfew imposed in {R} after killings",
];
const LEADS_EN: &[&str] = &[
    "{A} killed {N} {V} in the village of {P}, in {C}'s {R} region, {D}, {S}.",
    "{D}, {A} attacked a military post in {P}, killing {N} {F}, {S}.",
    "{N} {V} were killed {D} when {A} stormed {P}, {S}.",
    "{F} clashed with {A} near {P} {D}; {N} assailants were neutralised, {S}.",
    "A vehicle carrying {V} struck {W} on the road between {P} and {P2} {D}, {S}. {N} people died.",
    "{A} abducted {N} {V} {D} near {P} in the {R} region, {S}.",
    "Hundreds of people marched in {P} {D} to protest against insecurity, {S}.",
    "{F} said they killed {N} militants in air and ground operations around {P} {D}.",
    "{D}, {A} set fire to houses and shops in {P}, {S}, without giving a toll.",
    "The bodies of {N} {V} were found {D} near {P}, {S}.",
    "{A} ambushed a supply convoy escorted by {F} near {P} {D}; {N} soldiers died, {S}.",
    "Youths burned tyres and blocked the main road in {P} {D} after the killing of a trader, {S}.",
    "{W} exploded under a bus near {P} {D}, killing {N} {V}, {S}.",
    "{A} took control of {P} {D} after {F} withdrew, {S}.",
    "{N} {V} died {D} in an attack on a market in {P}, {S}.",
    "{F} lost {N} men {D} when {A} attacked their base in {P}, {S}.",
];
const BODY_EN: &[&str] = &[
    "The attackers arrived on motorcycles and fled towards the border with {C2}.",
    "Several homes were burned and livestock was stolen, {S}.",
    "The toll could rise, as {N} wounded were taken to the hospital in {P2}.",
    "No group has claimed responsibility for the attack so far.",
    "The {R} region has been the scene of repeated attacks since 2015.",
    "{F} were deployed to the area after the attack, {S}.",
    "In a separate incident {D}, {A} killed {N} {V} near {P2}.",
    "Residents of {P} have been fleeing towards {P2} for weeks.",
    "The government declared three days of national mourning.",
    "Humanitarian groups say more than {NUM} people have been displaced in the {R} region this year.",
    "The attack is the deadliest in the area since {MONTH}.",
    "The army said {N} suspects had been arrested during a sweep near {P2}.",
    "Local leaders called for more troops to protect the roads around {P}.",
    "The United Nations condemned the violence and called for an investigation.",
    "Schools in {P} have remained closed since the start of the year.",
    "A curfew was imposed from 8 pm to 6 am across the {R} region.",
    "Mobile networks were cut for several hours, {S}.",
    "The victims were buried {D} in {P}.",
];
const HEADLINES_FR: &[&str] = &[
    "{C} : {N} morts dans une attaque près de {P}",
    "Attaque meurtrière contre un village de la région de {R}",
    "{P} : l'armée repousse une attaque",
    "Des civils tués dans le centre du {C}",
    "Manifestation à {P} contre l'insécurité",
    "Embuscade contre un convoi près de {P}",
    "Région de {R} : nouvelle attaque jihadiste",
    "Explosion d'une mine sur l'axe {P}-{P2}",
];
const LEADS_FR: &[&str] = &[
    "{A} ont tué {N} {V} {D} dans le village de {P}, dans la région de {R}, {S}.",
    "{D}, {A} ont attaqué un poste militaire à {P}, tuant {N} soldats, {S}.",
    "{N} {V} ont été tués {D} lors d'une attaque contre {P}, {S}.",
    "{F} ont affronté {A} près de {P} {D} ; {N} terroristes ont été neutralisés, {S}.",
    "Un véhicule de transport a sauté sur {W} {D} entre {P} et {P2}, faisant {N} morts, {S}.",
    "{A} ont enlevé {N} {V} {D} près de {P}, {S}.",
    "Des centaines de personnes ont manifesté {D} à {P} contre l'insécurité, {S}.",
    "{A} ont incendié des maisons et des boutiques à {P} {D}, {S}.",
    "Les corps de {N} {V} ont été retrouvés {D} près de {P}, {S}.",
    "{A} ont tendu une embuscade à un convoi escorté par {F} près de {P} {D}, {S}.",
    "{W} a explosé au passage d'un car près de {P} {D}, tuant {N} {V}, {S}.",
    "{F} ont perdu {N} hommes {D} lors de l'attaque de leur base à {P}, {S}.",
];
const BODY_FR: &[&str] = &[
    "Les assaillants, arrivés à moto, ont pris la fuite en direction de la frontière.",
    "Plusieurs maisons ont été incendiées et du bétail emporté, {S}.",
    "Le bilan pourrait s'alourdir : {N} blessés ont été évacués vers {P2}.",
    "L'attaque n'a pas été revendiquée pour l'instant.",
    "La région de {R} est le théâtre d'attaques répétées depuis 2015.",
    "Des renforts ont été dépêchés dans la zone, {S}.",
    "Dans un autre incident {D}, {A} ont tué {N} {V} près de {P2}.",
    "Les habitants de {P} fuient vers {P2} depuis plusieurs semaines.",
    "Le gouvernement a décrété un deuil national de trois jours.",
    "Selon les humanitaires, plus de {NUM} personnes ont été déplacées cette année.",
    "Un couvre-feu a été instauré dans la région de {R}.",
    "Les écoles de {P} sont fermées depuis le début de l'année.",
    "Les victimes ont été inhumées {D} à {P}.",
    "Les réseaux téléphoniques ont été coupés pendant plusieurs heures, {S}.",
];
const MONTHS_EN: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Fill `{X}` slots of a template.
fn fill(t: &str, rng: &mut Rng, french: bool, c: &Country) -> String {
    let mut out = String::with_capacity(t.len() + 64);
    let mut rest = t;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find('}') else {
            break;
        };
        let key = &rest[i + 1..i + j];
        let v: String = match (key, french) {
            ("A", false) => rng.pick(ACTORS_EN).into(),
            ("A", true) => rng.pick(ACTORS_FR).into(),
            ("F", false) => rng.pick(FORCES_EN).into(),
            ("F", true) => rng.pick(FORCES_FR).into(),
            ("V", false) => rng.pick(VICTIMS_EN).into(),
            ("V", true) => rng.pick(VICTIMS_FR).into(),
            ("N", false) => rng.pick(COUNTS_EN).into(),
            ("N", true) => rng.pick(COUNTS_FR).into(),
            ("D", false) => rng.pick(DATES_EN).into(),
            ("D", true) => rng.pick(DATES_FR).into(),
            ("W", false) => rng.pick(WEAPONS_EN).into(),
            ("W", true) => rng.pick(WEAPONS_FR).into(),
            ("S", false) => rng.pick(SAYS_EN).into(),
            ("S", true) => rng.pick(SAYS_FR).into(),
            ("P", _) | ("P2", _) => rng.pick(c.places).into(),
            ("R", _) => rng.pick(c.regions).into(),
            ("C", false) => c.en.into(),
            ("C", true) => c.fr.into(),
            ("C2", _) => {
                let others: Vec<&str> = COUNTRIES
                    .iter()
                    .map(|x| x.en)
                    .filter(|n| *n != c.en)
                    .collect();
                rng.pick(&others).into()
            }
            ("Adj", _) => c.adj_en.into(),
            ("NUM", _) => format!("{}", 1000 * (rng.below(400) + 5)),
            ("MONTH", _) => rng.pick(MONTHS_EN).into(),
            _ => String::new(),
        };
        out.push_str(&v);
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    // capitalise the first letter (slots may start a sentence)
    let mut chars = out.chars();
    match chars.next() {
        Some(f) if f.is_lowercase() => f.to_uppercase().chain(chars).collect(),
        _ => out,
    }
}

/// One generated document of about 2 KB.
fn document(rng: &mut Rng, n: usize) -> Document {
    let french = rng.below(3) == 0;
    let c = &COUNTRIES[rng.below(COUNTRIES.len())];
    let (heads, leads, body) = if french {
        (HEADLINES_FR, LEADS_FR, BODY_FR)
    } else {
        (HEADLINES_EN, LEADS_EN, BODY_EN)
    };
    let title = fill(rng.pick(heads), rng, french, c);
    let mut text = format!("{title}\n\n{}", fill(rng.pick(leads), rng, french, c));
    let size = 1700 + rng.below(700);
    while text.len() < size {
        text.push_str(if rng.below(3) == 0 { "\n\n" } else { " " });
        let t = if rng.below(5) == 0 {
            rng.pick(leads)
        } else {
            rng.pick(body)
        };
        text.push_str(&fill(t, rng, french, c));
    }
    let base = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap_or_default();
    let published = base.checked_add_days(Days::new(rng.below(2200) as u64));
    Document {
        id: format!("gen-{n:06}"),
        title: Some(title),
        text,
        published,
        source: Some(if french { "Agence" } else { "Wire" }.to_string()),
        url: None,
    }
}

/// Generate at least `min_bytes` of documents (at least one), deterministically.
fn generate(min_bytes: usize) -> Vec<Document> {
    let mut rng = Rng(0x4841_524D_4154_5441);
    let mut docs = Vec::new();
    let mut bytes = 0;
    while bytes < min_bytes || docs.is_empty() {
        let d = document(&mut rng, docs.len());
        bytes += d.text.len();
        docs.push(d);
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generator_is_deterministic_and_varied() {
        let a = generate(200_000);
        let b = generate(200_000);
        assert_eq!(a.len(), b.len());
        assert!(a.iter().zip(&b).all(|(x, y)| x.text == y.text));
        let total: usize = a.iter().map(|d| d.text.len()).sum();
        let mean = total / a.len();
        assert!((1500..3000).contains(&mean), "mean doc size {mean}");
        assert!(a
            .iter()
            .all(|d| !d.text.contains('{') && !d.text.contains('}')));
        let distinct: std::collections::HashSet<&str> = a
            .iter()
            .flat_map(|d| d.text.split(['.', '\n']))
            .map(str::trim)
            .filter(|s| s.len() > 20)
            .collect();
        assert!(
            distinct.len() > 500,
            "{} distinct sentences",
            distinct.len()
        );
        assert!(a.iter().any(|d| d.text.contains(" ont ")));
        assert!(a.iter().any(|d| d.text.contains(" killed ")));
    }
}
