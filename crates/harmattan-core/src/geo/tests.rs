use super::*;

const COUNTRIES: &str = "\
id\tiso2\tiso3\tisonum\tname\tregion\taliases\tadjectives
CTY-MLI\tML\tMLI\t466\tMali\tWestern Africa\tRepublique du Mali\tMalian|malien|maliens
CTY-BFA\tBF\tBFA\t854\tBurkina Faso\tWestern Africa\tBurkina\tBurkinabe
CTY-NER\tNE\tNER\t562\tNiger\tWestern Africa\t\tNigerien
CTY-IND\tIN\tIND\t356\tIndia\tSouthern Asia\t\tIndian
CTY-COL\tCO\tCOL\t170\tColombia\tSouth America\t\tColombian
CTY-GBR\tGB\tGBR\t826\tUnited Kingdom\tEurope\tUK|Britain\tBritish
";

/// Fixture places (coordinates are made up for the tests).
const PLACES: &str = "\
id\tname\talt\tlat\tlon\tfclass\tfcode\tcc\tadmin1\tadmin2\tpop\tseat
GN:1\tTombouctou\tTimbuktu|Tombuctu\t16.7735\t-3.0074\tA\tADM1\tML\tTombouctou\t\t0\tTimbuktu
GN:2\tTimbuktu\tTombouctou\t16.7735\t-3.0074\tP\tPPLA\tML\tTombouctou\tTombouctou\t32460\t
GN:3\tMopti\t\t14.4900\t-4.1900\tA\tADM1\tML\tMopti\t\t0\tMopti
GN:4\tMopti\t\t14.4843\t-4.1827\tP\tPPLA\tML\tMopti\tMopti\t114000\t
GN:5\tBamba\t\t17.0300\t-1.4000\tP\tPPL\tML\tGao\tBourem\t0\t
GN:6\tBamba\t\t14.0500\t-3.2500\tP\tPPL\tML\tMopti\tKoro\t0\t
GN:7\tGao\t\t16.2700\t-0.0400\tA\tADM1\tML\tGao\t\t0\tGao
GN:8\tGao\t\t16.2717\t-0.0447\tP\tPPLA\tML\tGao\tGao\t86000\t
GN:9\tKoro\tKoro Cercle\t14.0719\t-3.0786\tA\tADM2\tML\tMopti\tKoro\t0\tKoro
GN:10\tKoro\t\t14.0719\t-3.0786\tP\tPPLA2\tML\tMopti\tKoro\t0\t
GN:11\tBourem\t\t16.9500\t-0.3500\tA\tADM2\tML\tGao\tBourem\t0\t
GN:12\tNiafunke\tNiafounke|Niafunke Cercle\t15.9300\t-3.9900\tA\tADM2\tML\tTombouctou\tNiafunke\t0\t
GN:13\tGourma-Rharous\tGourma Rharous\t16.8800\t-1.9300\tP\tPPLA2\tML\tTombouctou\tGourma-Rharous\t0\t
GN:14\tSegou\tSégou\t13.4403\t-6.2595\tP\tPPLA\tML\tSegou\tSegou\t150000\t
GN:15\tNiono\tNiono Cercle\t14.2505\t-5.9868\tA\tADM2\tML\tSegou\tNiono\t0\tNiono
GN:16\tNiono\t\t14.2505\t-5.9868\tP\tPPLA2\tML\tSegou\tNiono\t0\t
GN:17\tSegou\tSégou\t13.4403\t-6.2595\tA\tADM1\tML\tSegou\t\t0\tSegou
GN:18\tMenaka\tMénaka\t15.9000\t2.4000\tA\tADM1\tML\tMenaka\t\t0\t
GN:19\tMenaka\tCercle de Ménaka\t15.9000\t2.4000\tA\tADM2\tML\tMenaka\tMenaka\t0\t
GN:20\tGao\tGao Cercle\t16.2717\t-0.0447\tA\tADM2\tML\tGao\tGao\t0\tGao
GN:21\tMopti\tMopti Cercle\t14.4843\t-4.1827\tA\tADM2\tML\tMopti\tMopti\t0\tMopti
GN:30\tSoledad\t\t10.9184\t-74.7646\tP\tPPL\tCO\tAtlantico\tSoledad\t500000\t
GN:31\tSoledad\t\t8.9000\t-75.0000\tP\tPPL\tCO\tBolivar\tMagangue\t600000\t
GN:32\tAtlantico\tAtlántico|Departamento del Atlantico\t10.9639\t-74.7964\tA\tADM1\tCO\tAtlantico\t\t0\t
GN:40\tDori\t\t14.0354\t-0.0345\tP\tPPLA\tBF\tSahel\tSeno\t46000\t
GN:41\tGorgadji\t\t14.0600\t-0.5200\tP\tPPL\tBF\tSahel\tSeno\t0\t
GN:42\tSahel\t\t14.0354\t-0.0345\tA\tADM1\tBF\tSahel\t\t0\tDori
GN:43\tKourittenga\tKouritenga\t12.1786\t-0.3510\tA\tADM2\tBF\tCentre-Est\tKourittenga\t0\t
";

fn fixture() -> (Gazetteer, Countries) {
    let c = Countries::parse(COUNTRIES).unwrap();
    let g = Gazetteer::from_builtin(PLACES, &c).unwrap();
    (g, c)
}

fn geo(g: &Gazetteer, c: &Countries, text: &str) -> Option<Geo> {
    let f = Folded::new(text);
    geocode(
        g,
        c,
        text,
        &f,
        Span::new(0, text.len()),
        &GeoContext::default(),
    )
}

#[test]
fn stop_list_is_sorted() {
    assert!(STOP.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn loads_fixture() {
    let (g, _) = fixture();
    assert_eq!(g.len(), 28);
    assert!(!g.is_empty());
    assert!(g.lookup("Ségou").len() == 2);
    assert!(Gazetteer::from_builtin(
        "id\tname\nGN:x\tFoo\t\t1\t2\tP\tPPL\tML\t\t\t0\n",
        &fixture().1
    )
    .is_err());
}

#[test]
fn homonyms_settled_by_admin_context() {
    let (g, c) = fixture();
    let r = geo(&g, &c, "Gunmen attacked Bamba (Koro, Mopti) on Monday.").unwrap();
    assert_eq!(
        (r.admin1.as_str(), r.admin2.as_str(), r.rule.as_str()),
        ("Mopti", "Koro", "GN:6")
    );
    assert_eq!(r.geo_precision, 1);
    let text = "Gunmen attacked the village of Bamba, in the Gao region.";
    let r = geo(&g, &c, text).unwrap();
    assert_eq!((r.admin1.as_str(), r.admin2.as_str()), ("Gao", "Bourem"));
    assert_eq!(&text[r.span.start..r.span.end], "Bamba");
    let r = geo(
        &g,
        &c,
        "Des hommes armés ont attaqué Bamba, cercle de Bourem.",
    )
    .unwrap();
    assert_eq!(r.rule, "GN:5");
    // "X (Atlantico)"
    let r = geo(&g, &c, "Protesters blocked a road in Soledad (Atlántico).").unwrap();
    assert_eq!(r.admin1, "Atlantico");
    assert_eq!(c.get(r.country).name, "Colombia");
}

#[test]
fn accents_and_hyphens() {
    let (g, c) = fixture();
    let t = "Une attaque à Ségou a fait trois morts.";
    let r = geo(&g, &c, t).unwrap();
    assert_eq!(r.location, "Segou");
    assert_eq!(&t[r.span.start..r.span.end], "Ségou");
    assert_eq!(r.geo_precision, 1);
    for t in [
        "Clashes in Gourma Rharous",
        "Clashes in Gourma-Rharous",
        "Clashes in GOURMA-RHAROUS",
    ] {
        let r = geo(&g, &c, t).unwrap();
        assert_eq!(r.location, "Gourma-Rharous", "{t}");
        assert_eq!(r.admin2, "Gourma-Rharous");
    }
}

#[test]
fn precision_two_and_three() {
    let (g, c) = fixture();
    let r = geo(
        &g,
        &c,
        "Soldiers clashed with militants near Koro on Sunday.",
    )
    .unwrap();
    assert_eq!((r.location.as_str(), r.geo_precision), ("Koro", 2));
    let r = geo(&g, &c, "An IED exploded 30 km from Gao.").unwrap();
    assert_eq!((r.location.as_str(), r.geo_precision), ("Gao", 2));
    let r = geo(&g, &c, "Fighting between Dori and Gorgadji left 5 dead.").unwrap();
    assert_eq!((r.location.as_str(), r.geo_precision), ("Dori", 2));
    let r = geo(
        &g,
        &c,
        "Unidentified gunmen killed two herders in the Mopti region.",
    )
    .unwrap();
    assert_eq!((r.admin1.as_str(), r.geo_precision), ("Mopti", 3));
    assert_eq!(r.location, "Mopti");
    assert_eq!(r.latitude, Some(14.4843));
    let r = geo(&g, &c, "Attacks continued in the region of tombouctou.").unwrap();
    assert_eq!(
        (r.admin1.as_str(), r.location.as_str(), r.geo_precision),
        ("Tombouctou", "Timbuktu", 3)
    );
    let r = geo(&g, &c, "Attacks in the Sahel region of Burkina Faso.").unwrap();
    assert_eq!(
        (r.admin1.as_str(), r.location.as_str(), r.geo_precision),
        ("Sahel", "Dori", 3)
    );
    let r = geo(&g, &c, "Clashes in Kouritenga province").unwrap();
    assert_eq!((r.admin2.as_str(), r.geo_precision), ("Kourittenga", 3));
    // a village the gazetteer lacks, inside a named cercle: the village's name, the cercle
    // seat's coordinates, precision 2
    let r = geo(&g, &c, "Gunmen killed 5 in Dogofry (Niono, Segou).").unwrap();
    assert_eq!(
        (r.admin2.as_str(), r.location.as_str(), r.geo_precision),
        ("Niono", "Dogofry", 2)
    );
    // inside a named region only: precision 3, no admin2
    let r = geo(
        &g,
        &c,
        "Militants stormed a base in Zzyzxville, Tombouctou region.",
    )
    .unwrap();
    assert_eq!(
        (
            r.admin1.as_str(),
            r.admin2.as_str(),
            r.location.as_str(),
            r.geo_precision
        ),
        ("Tombouctou", "", "Zzyzxville", 3)
    );
    // where people fled to is not where the event happened
    let r = geo(
        &g,
        &c,
        "Gunmen entered the village of Bamba, residents who fled to Mopti said.",
    )
    .unwrap();
    assert_eq!(r.location, "Bamba");
    let r = geo(&g, &c, "Clashes on the outskirts of Gao.").unwrap();
    assert_eq!(r.geo_precision, 1);
    // a town that is also a region: the town, precision 1
    let r = geo(&g, &c, "A car bomb exploded in Timbuktu.").unwrap();
    assert_eq!((r.rule.as_str(), r.geo_precision), ("GN:2", 1));
}

#[test]
fn stop_words_and_countries_are_not_places() {
    let (g, c) = fixture();
    assert!(geo(
        &g,
        &c,
        "The Police said on Friday that the Army of Mali was ready."
    )
    .is_none());
    assert!(geo(&g, &c, "JNIM claimed the attack.").is_none());
}

#[test]
fn country_context_filters_homonyms() {
    let (g, c) = fixture();
    let text = "Protesters gathered in Soledad.";
    let f = Folded::new(text);
    let co = c.by_iso2("CO").unwrap();
    let ctx = GeoContext {
        countries: vec![(co, 1.0)],
        exclude: Vec::new(),
        placed: Vec::new(),
        country_mentions: None,
    };
    let r = geocode(&g, &c, text, &f, Span::new(0, text.len()), &ctx).unwrap();
    assert_eq!(c.get(r.country).name, "Colombia");
    let ml = c.by_iso2("ML").unwrap();
    let ctx = GeoContext {
        countries: vec![(ml, 1.0)],
        exclude: Vec::new(),
        placed: Vec::new(),
        country_mentions: None,
    };
    // a Colombian place named without a preposition in a Malian story is ignored
    assert!(geocode(
        &g,
        &c,
        "Soledad said.",
        &Folded::new("Soledad said."),
        Span::new(0, 13),
        &ctx
    )
    .is_none());
}

/// Places for the country-signal tests: a British town with its namesake district, a name
/// that is a Colombian department and a British district, a Colombian department named
/// once only in its country (coordinates made up).
const SIGNAL_PLACES: &str = "\
id\tname\talt\tlat\tlon\tfclass\tfcode\tcc\tadmin1\tadmin2\tpop\tseat
GN:60\tWexley\t\t51.5\t-1.2\tP\tPPLA2\tGB\tEngland\tWexley\t4000\t
GN:61\tWexley\t\t51.5\t-1.2\tA\tADM2\tGB\tEngland\tWexley\t0\t
GN:62\tVarena\t\t5.0\t-74.0\tA\tADM1\tCO\tVarena\t\t0\t
GN:63\tVarena\t\t52.0\t-1.0\tA\tADM2\tGB\tEngland\tVarena\t0\t
GN:64\tLorica\t\t8.0\t-75.0\tA\tADM1\tCO\tLorica\t\t0\t
GN:65\tAsh Shadda\t\t8.1\t-75.1\tP\tPPL\tCO\tLorica\t\t3000\t
";

fn corroborated(text: &str, ctx: &GeoContext) -> Vec<String> {
    let c = Countries::parse(COUNTRIES).unwrap();
    let g = Gazetteer::from_builtin(SIGNAL_PLACES, &c).unwrap();
    let f = Folded::new(text);
    let mut v: Vec<String> =
        corroborated_countries(&g, &c, text, &f, Span::new(0, text.len()), ctx)
            .into_iter()
            .map(|(sp, ci)| format!("{}:{}", &text[sp.start..sp.end], c.get(ci).iso2))
            .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn a_name_written_twice_corroborates_only_a_text_that_points_nowhere() {
    let c = Countries::parse(COUNTRIES).unwrap();
    let text = "Soldiers raided Wexley on Sunday. Two farmers were shot dead in Wexley.";
    // no country in the text: the town and its namesake district are weak evidence
    assert!(!corroborated(text, &GeoContext::default()).is_empty());
    // a text about Colombia: a homonym abroad written twice is not the text's own place
    let ctx = GeoContext {
        countries: vec![(c.by_iso2("CO").unwrap(), 2.0)],
        ..GeoContext::default()
    };
    assert!(corroborated(text, &ctx).is_empty());
    // a first-level unit with no homonym abroad, named twice, still is
    let text = "Lorica governor speaks. Fighting went on in Lorica, the governor said.";
    assert!(corroborated(text, &ctx).contains(&"Lorica:CO".to_string()));
}

#[test]
fn arabic_article_before_a_sun_letter() {
    let sun = |key: &str| {
        let mut out = String::new();
        sun_letter_article(key, &mut out).then_some(out)
    };
    assert_eq!(sun("al raqqah").as_deref(), Some("ar raqqah"));
    assert_eq!(sun("el shadda").as_deref(), Some("ash shadda"));
    assert_eq!(sun("al qaim"), None);
    assert_eq!(sun("alep"), None);
    let c = Countries::parse(COUNTRIES).unwrap();
    let g = Gazetteer::from_builtin(SIGNAL_PLACES, &c).unwrap();
    let r = geo(&g, &c, "Gunmen attacked a checkpoint in Al-Shadda.").unwrap();
    assert_eq!(r.location, "Ash Shadda");
}

#[test]
fn a_first_level_word_picks_the_first_level_unit() {
    // `Varena State`: Colombia's department, not the British district of that name
    let v = corroborated(
        "Gunmen attacked a farm in Varena State.",
        &GeoContext::default(),
    );
    assert_eq!(v, vec!["Varena:CO".to_string()]);
    // `Varena district` does not say which
    let v = corroborated(
        "Gunmen attacked a farm in Varena district.",
        &GeoContext::default(),
    );
    assert!(v.is_empty() || v.len() == 2, "{v:?}");
}

const USER_CSV: &str = "\
REGION,CERCLE,ARRONDISSSEMENT,COMMUNE,VILLAGE,LAT,LONG
TOMBOUCTOU,NIAFUNKE,SOUMPI,SOUMPI,SOUMPI,15.60000,-4.30000
GAO,MENAKA,INEKAR,INEKAR,TIN ABAO,16.00000,3.00000
MOPTI,MOPTI,,,BOULI KESSI(FETEL, GRI),,
SEGOU,NIONO,DIABALY,DIABALY,DIABALY,,
MOPTI,KORO,,,BAMBA,14.10000,-3.20000
GAO,GAO,,,,16.1,-0.1
GAO,GAO,,,GABERO,abc,-0.1
";

#[test]
fn user_csv_import() {
    let (mut g, c) = fixture();
    let before = g.len();
    let rep = g.add_user(USER_CSV, &c);
    // four villages, and the commune of Inekar, which names no village of the list: a place
    // at the mean of its villages
    assert_eq!(rep.added, 5, "{rep:?}");
    let lines: Vec<usize> = rep.skipped.iter().map(|s| s.0).collect();
    assert_eq!(lines, vec![4, 7, 8]);
    assert_eq!(g.len(), before + 5);
    let ink = g.lookup("Inekar");
    assert!(
        ink.iter()
            .any(|p| p.0.starts_with("USER:") && p.3 == "Menaka"),
        "{ink:?}"
    );
    let s = g.lookup("soumpi");
    assert_eq!(
        (&s[0].1, &s[0].2, &s[0].3, &s[0].4),
        (
            &"Soumpi".to_string(),
            &"ML".to_string(),
            &"Tombouctou".to_string(),
            &"Niafunke".to_string()
        )
    );
    // a stable id (hashed from the row), the same on a second import, which adds nothing
    assert!(s[0].0.starts_with("USER:") && s[0].0.len() == 13, "{s:?}");
    let rep2 = g.add_user(USER_CSV, &c);
    assert_eq!((rep2.added, rep2.duplicates), (0, 5), "{rep2:?}");
    assert_eq!(g.len(), before + 5);
    assert_eq!(g.lookup("soumpi")[0].0, s[0].0);
    let s = g.lookup("Tin Abao");
    assert_eq!((s[0].3.as_str(), s[0].4.as_str()), ("Menaka", "Inekar"));
    // a row without coordinates: named, coded at its cercle's seat, precision 2
    let r = geo(&g, &c, "Jihadists attacked Diabaly on Tuesday.").unwrap();
    assert_eq!(
        (r.location.as_str(), r.admin2.as_str(), r.admin3.as_str()),
        ("Diabaly", "Niono", "Diabaly")
    );
    assert_eq!((r.geo_precision, r.latitude), (2, Some(14.2505)));
    // user places win among homonyms when nothing else decides
    let r = geo(&g, &c, "Gunmen attacked Bamba.").unwrap();
    assert!(r.rule.starts_with("USER:"), "{r:?}");
    let r = geo(
        &g,
        &c,
        "stormed a military base in Soumpi, Tombouctou region",
    )
    .unwrap();
    assert_eq!(
        (r.location.as_str(), r.admin1.as_str(), r.geo_precision),
        ("Soumpi", "Tombouctou", 1)
    );
}

#[test]
fn user_csv_with_country_and_aliases() {
    let (mut g, c) = fixture();
    let csv = "name;latitude;longitude;admin1;country\nSome Place;10.5;-74.5;Atlantico;Colombia\nOther;1;2;X;Atlantis\n";
    let rep = g.add_user(csv, &c);
    assert_eq!(rep.added, 1);
    assert_eq!(rep.skipped, vec![(3, "unknown country".to_string())]);
    assert_eq!(g.lookup("some place")[0].3, "Atlantico");
    // nothing to infer the country from
    let rep = g.add_user("VILLAGE,LAT,LONG\nFoo,1,2\n", &c);
    assert_eq!(rep.added, 0);
    assert_eq!(rep.skipped.len(), 1);
}

#[test]
fn user_geonames_dump() {
    let (mut g, c) = fixture();
    let dump = "\
2000001\tRégion du Sahel\tRegion du Sahel\t\t14.0\t-0.5\tA\tADM1\tBF\t\t12\t\t\t\t0\t\t300\tAfrica/Ouagadougou\t2020-01-01
2000002\tProvince du Séno\tProvince du Seno\t\t14.0\t-0.1\tA\tADM2\tBF\t\t12\t71\t\t\t0\t\t300\tAfrica/Ouagadougou\t2020-01-01
2000003\tYacouta\tYacouta\tYakouta,Ἰακούτα\t14.1\t-0.2\tP\tPPL\tBF\t\t12\t71\t\t\t900\t\t300\tAfrica/Ouagadougou\t2020-01-01
bad line
";
    let rep = g.add_user(dump, &c);
    assert_eq!(rep.added, 3);
    assert_eq!(rep.skipped[0].0, 4);
    let y = g.lookup("Yakouta");
    assert_eq!((y[0].1.as_str(), y[0].3.as_str()), ("Yacouta", "Sahel"));
    let r = geo(&g, &c, "Attack in Yacouta").unwrap();
    // a GeoNames dump keeps GeoNames ids, and a second import adds nothing
    assert_eq!(r.rule, "GN:2000003");
    let n = g.len();
    let rep = g.add_user(dump, &c);
    assert_eq!((rep.added, rep.duplicates, rep.skipped.len()), (0, 3, 1));
    assert_eq!(g.len(), n);
    // a built-in place's GeoNames id is already held too
    let rep = g.add_user(
        "40\tDori\tDori\t\t14.0354\t-0.0345\tP\tPPLA\tBF\t\t12\t71\t\t\t46000\t\t300\tAfrica/Ouagadougou\t2020-01-01\n",
        &c,
    );
    assert_eq!((rep.added, rep.duplicates), (0, 1));
}

#[test]
fn csv_columns_option() {
    let (mut g, c) = fixture();
    let csv = "nom;y;x;reg;pays;autres\nKouakourou;14.0;-4.5;Mopti;ML;Kouakoro|Kwakuru\n";
    let opts = ImportOptions {
        format: ImportFormat::Csv,
        columns: vec![
            ("name".into(), "nom".into()),
            ("admin1".into(), "reg".into()),
            ("country".into(), "pays".into()),
            ("alt".into(), "autres".into()),
        ],
    };
    let rep = g.add_user_with(csv, &c, &opts);
    assert_eq!(rep.added, 1, "{rep:?}");
    let k = g.lookup("Kwakuru");
    assert_eq!((k[0].1.as_str(), k[0].3.as_str()), ("Kouakourou", "Mopti"));
    // a column the header lacks is reported on line 1
    let bad = ImportOptions {
        format: ImportFormat::Csv,
        columns: vec![("lat".into(), "latitude_wgs84".into())],
    };
    let rep = g.add_user_with(csv, &c, &bad);
    assert_eq!((rep.added, rep.skipped[0].0), (0, 1));
}

#[test]
fn near_spellings_need_a_locative_cue_and_country_support() {
    let (mut g, c) = fixture();
    g.add_user(
        "REGION,CERCLE,VILLAGE,LAT,LONG\nMOPTI,DOUENTZA,BOULKESSI,15.08,-1.60\nKAYES,KAYES,MONGORO,14.4,-11.4\n",
        &c,
    );
    // one letter more, after `in`, in a text about Mali
    let r = geo(&g, &c, "Malian soldiers were attacked in Boulikessi.").unwrap();
    assert_eq!(
        (r.admin1.as_str(), r.location.as_str()),
        ("Mopti", "Boulikessi")
    );
    // the same spelling without a locative cue is not taken for the place
    assert!(geo(&g, &c, "Boulikessi said the Malian army had left.").is_none());
    // the text points to another country: nothing
    assert!(geo(&g, &c, "Indian soldiers were attacked in Boulikessi.").is_none());
    // one edit away but in another region than the one the text names: refused
    let r = geo(
        &g,
        &c,
        "A Malian mayor was killed in Mondoro, Mopti region.",
    )
    .unwrap();
    assert_eq!(
        (r.location.as_str(), r.admin1.as_str(), r.geo_precision),
        ("Mondoro", "Mopti", 3),
        "{r:?}"
    );
    // short names never match by near-spelling
    assert!(geo(&g, &c, "Malian troops entered Gaoo.").is_none());
}

#[test]
fn village_named_by_the_stem_of_its_quarters() {
    let (mut g, c) = fixture();
    g.add_user(
        "REGION,CERCLE,VILLAGE,LAT,LONG\n\
         MOPTI,KORO,SABARE-DOGON,14.30,-3.10\n\
         MOPTI,KORO,SABARE-PEULH,14.31,-3.11\n\
         KAYES,KAYES,SABARI,14.4,-11.4\n\
         SEGOU,NIONO,DIALAKA-KOURA,14.2,-5.9\n\
         SEGOU,NIONO,DIALAKA KOURA,14.2,-5.9\n",
        &c,
    );
    // `Sabare` is the village of the quarters Sabare-Dogon and Sabare-Peulh; the near-spelling
    // Sabari lies elsewhere
    let r = geo(
        &g,
        &c,
        "Malian soldiers were attacked in the village of Sabare.",
    )
    .unwrap();
    assert_eq!(
        (r.admin1.as_str(), r.admin2.as_str(), r.location.as_str()),
        ("Mopti", "Koro", "Sabare"),
        "{r:?}"
    );
    // without a locative cue, as for near-spellings: nothing
    assert!(geo(&g, &c, "Sabare said the Malian army had left.").is_none());
    // the first word of a two-word name is no stem (`Sabare Touba` is another place)
    let r = geo(&g, &c, "Malian soldiers were attacked in Sabare Touba.");
    assert!(r.as_ref().is_none_or(|g| g.admin2 != "Koro"), "{r:?}");
    // a stem refused when the text names another region
    let r = geo(&g, &c, "A Malian mayor was killed in Sabare, Gao region.").unwrap();
    assert_eq!(
        (r.admin1.as_str(), r.location.as_str()),
        ("Gao", "Sabare"),
        "{r:?}"
    );
    // a short prefix (`In-`, `Tin-`) is a particle, never a stem
    let mut buf = String::new();
    g.store.index_stem("Tin-Hama", 0, &mut buf);
    assert!(g.store.stem_hits("tin").is_empty());
    assert_eq!(g.store.stem_hits("dialaka").len(), 1);
}

#[test]
fn town_named_like_its_cercle_is_its_seat() {
    let c = Countries::parse(COUNTRIES).unwrap();
    let places = format!(
        "{PLACES}GN:50\tBougouni\t\t11.42\t-7.48\tP\tPPL\tML\tSikasso\tBougouni\t35000\t\n"
    );
    let mut g = Gazetteer::from_builtin(&places, &c).unwrap();
    g.add_user(
        "REGION,CERCLE,VILLAGE,LAT,LONG\nTOMBOUCTOU,GOURMA-RHAROUS,BOUGOUNI,16.74,-2.49\n",
        &c,
    );
    // the cercle seat, not the village of an active cercle with the same name
    let r = geo(&g, &c, "Teachers staged a protest march in Bougouni, Mali.").unwrap();
    assert_eq!(r.admin1, "Sikasso", "{r:?}");
}

#[test]
fn own_country_spelling_beats_an_exact_name_abroad() {
    let c = Countries::parse(COUNTRIES).unwrap();
    let places =
        format!("{PLACES}GN:70\tBoulikessi\t\t14.30\t-1.30\tP\tPPL\tBF\tSahel\tSoum\t0\t\n");
    let mut g = Gazetteer::from_builtin(&places, &c).unwrap();
    // a bracketed second name in a village list is an alternate name
    g.add_user(
        "REGION,CERCLE,VILLAGE,LAT,LONG\nMOPTI,KORO,BOULI KESSI (FETEL GRI),15.00,-1.60\n",
        &c,
    );
    assert_eq!(g.lookup("Fetel Gri").len(), 1);
    let ml = c.by_iso2("ML").unwrap();
    let bf = c.by_iso2("BF").unwrap();
    let run = |text: &str, cc: usize| {
        let ctx = GeoContext {
            countries: vec![(cc, 1.0)],
            ..GeoContext::default()
        };
        geocode(
            &g,
            &c,
            text,
            &Folded::new(text),
            Span::new(0, text.len()),
            &ctx,
        )
        .unwrap()
    };
    // a report about Mali: the Malian Bouli Kessi, spelled as the text spells it
    let r = run("Soldiers were attacked in Boulikessi.", ml);
    assert_eq!(
        (
            c.get(r.country).name.as_str(),
            r.admin1.as_str(),
            r.location.as_str()
        ),
        ("Mali", "Mopti", "Boulikessi"),
        "{r:?}"
    );
    // a report about Burkina Faso: the exact name there
    let r = run("Soldiers were attacked in Boulikessi.", bf);
    assert_eq!(r.admin1, "Sahel", "{r:?}");
}

#[test]
fn known_name_glued_to_a_word_may_be_a_longer_near_spelling() {
    let c = Countries::parse(COUNTRIES).unwrap();
    let places = format!("{PLACES}GN:71\tTin\t\t25.0\t85.0\tP\tPPL\tIN\tBihar\t\t5000\t\n");
    let mut g = Gazetteer::from_builtin(&places, &c).unwrap();
    g.add_user(
        "REGION,CERCLE,VILLAGE,LAT,LONG\nGAO,BOUREM,TIN HAMA,15.60,0.90\n",
        &c,
    );
    // `Tin` is known (in India), `Tin-Hamma` is one edit from the Malian `Tin Hama`
    let r = geo(&g, &c, "Malian soldiers were attacked in Tin-Hamma.").unwrap();
    assert_eq!(
        (r.admin1.as_str(), r.location.as_str()),
        ("Gao", "Tin-Hamma"),
        "{r:?}"
    );
}

#[test]
fn unit_split_by_compass_is_a_unit() {
    let (g, c) = fixture();
    // `Mopti-North region`: the region (seat, precision 3), not the town of Mopti
    let r = geo(
        &g,
        &c,
        "Militants attacked a convoy in the Mopti-North region of Mali.",
    )
    .unwrap();
    assert_eq!((r.admin1.as_str(), r.geo_precision), ("Mopti", 3), "{r:?}");
}

#[test]
fn building_before_a_unit_is_not_an_unknown_place() {
    let c = Countries::parse(COUNTRIES).unwrap();
    let places = format!(
        "{PLACES}GN:60\tHall\t\t10.0\t-75.0\tP\tPPL\tCO\tBolivar\t\t13000\t\n\
         GN:61\tSoledad-shi\tSoledad\t10.9\t-74.8\tA\tADM2\tIN\tBihar\tSoledad-shi\t0\tSoledad\n"
    );
    let g = Gazetteer::from_builtin(&places, &c).unwrap();
    // `Mopti City Hall (Mopti)`: Hall is a building of Mopti, not a place inside the unit
    let r = geo(
        &g,
        &c,
        "Teachers protested at the Mopti City Hall (Mopti) in Mali.",
    )
    .unwrap();
    assert_eq!(r.location, "Mopti", "{r:?}");
    // a unit whose seat has no row of its own is coded at the seat, under the seat's name
    let r = geo(&g, &c, "Farmers protested in Soledad, India.").unwrap();
    assert_eq!(
        (r.location.as_str(), r.admin2.as_str()),
        ("Soledad", "Soledad-shi"),
        "{r:?}"
    );
}

#[test]
fn name_glued_to_an_unknown_word_is_part_of_a_longer_name() {
    let (g, c) = fixture();
    // `Koro-Tagou` is not Koro: with no country to support the partial name, nothing
    let r = geo(&g, &c, "Soldiers clashed with militants in Koro-Tagou.");
    assert!(r.is_none(), "{r:?}");
    // `Mopti Memorial` is Mopti
    let r = geo(&g, &c, "A rally was held at the Mopti Memorial in Mali.").unwrap();
    assert_eq!(r.location, "Mopti");
    // `between A and B`, `the A-B road`: the first place (codebook 4.2)
    let r = geo(&g, &c, "An IED struck a truck between Koro and Mopti.").unwrap();
    assert_eq!(r.location, "Koro");
    let r = geo(&g, &c, "An IED struck a truck on the Koro-Mopti road.").unwrap();
    assert_eq!(r.location, "Koro");
}

#[test]
fn reverse_lookup_finds_the_nearest_unit() {
    let (g, _) = fixture();
    assert_eq!(
        g.admin_at("ML", 14.10, -3.10),
        Some(("Mopti".to_string(), "Koro".to_string()))
    );
    assert_eq!(
        g.admin_at("ML", 16.20, -0.10),
        Some(("Gao".to_string(), "Gao".to_string()))
    );
    assert_eq!(g.admin_at("ML", f64::NAN, 0.0), None);
    assert_eq!(g.admin_at("X", 1.0, 1.0), None);
}

#[test]
fn never_panics_on_odd_input() {
    let (mut g, c) = fixture();
    g.add_user(
        "VILLAGE,LAT,LONG,COUNTRY\nÉ,1,2,ML\n\"unterminated,1,2,ML\n",
        &c,
    );
    for t in [
        "",
        "À",
        "Straße Ségou ﬁ Gao’s",
        "In Ségou\u{0301}\u{0301} and 北京 near Gao, (Mopti",
        "region of",
        "near",
        "Gao Gao Gao Gao Gao Gao",
    ] {
        let f = Folded::new(t);
        for (a, b) in [
            (0, t.len()),
            (1, t.len() + 10),
            (t.len() + 5, t.len() + 9),
            (3, 2),
        ] {
            let _ = geocode(&g, &c, t, &f, Span::new(a, b), &GeoContext::default());
        }
    }
}

mod real {
    use super::*;

    const REAL: &str = include_str!("../../../../data/gazetteer/places.tsv");

    fn world() -> Countries {
        Countries::parse(COUNTRIES).unwrap()
    }

    #[test]
    fn real_table_patna_and_soumpi() {
        let c = world();
        let t0 = std::time::Instant::now();
        let g = Gazetteer::from_builtin(REAL, &c).unwrap();
        eprintln!(
            "places.tsv: {} bytes, {} places, {} keys, loaded in {:?}",
            REAL.len(),
            g.len(),
            g.key_count(),
            t0.elapsed()
        );
        let r = geo(&g, &c, "protesters gathered in Patna (Bihar)").unwrap();
        assert_eq!(
            (
                c.get(r.country).name.as_str(),
                r.admin1.as_str(),
                r.location.as_str()
            ),
            ("India", "Bihar", "Patna")
        );
        assert_eq!(r.geo_precision, 1);

        // Soumpi is not in the GeoNames extracts the built-in table is made from: the region
        // is all the built-in table can give.
        let text = "stormed a military base in Soumpi, Tombouctou region";
        let r = geo(&g, &c, text).unwrap();
        assert_eq!(
            (c.get(r.country).name.as_str(), r.admin1.as_str()),
            ("Mali", "Tombouctou")
        );
        assert_eq!(r.geo_precision, 3);
        // With a user village list that has it (fixture row), the village is found.
        let mut g = g;
        let rep = g.add_user(
            "REGION,CERCLE,COMMUNE,VILLAGE,LAT,LONG\nTOMBOUCTOU,NIAFUNKE,SOUMPI,SOUMPI,15.6,-4.3\n",
            &c,
        );
        assert_eq!(rep.added, 1);
        let r = geo(&g, &c, text).unwrap();
        assert_eq!(
            (
                c.get(r.country).name.as_str(),
                r.admin1.as_str(),
                r.admin2.as_str(),
                r.location.as_str()
            ),
            ("Mali", "Tombouctou", "Niafunke", "Soumpi")
        );
        assert_eq!(r.geo_precision, 1);
        assert!(r.rule.starts_with("USER:"));

        // ACLED names for Sahel admin units
        let r = geo(&g, &c, "Attack in the Taoudénit region").unwrap();
        assert_eq!(r.admin1, "Tombouctou");
        let r = geo(&g, &c, "Clashes in Djibo, Soum province").unwrap();
        assert_eq!(
            (r.admin1.as_str(), r.admin2.as_str(), r.geo_precision),
            ("Sahel", "Soum", 1)
        );
        let r = geo(&g, &c, "Clashes in Ménaka").unwrap();
        assert_eq!(r.admin1, "Menaka");
    }
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn geocode_never_panics(
            t in "[A-Za-zÀ-ÿ’'()\\-,. 0-9ﬁß北Ἰ]{0,80}",
            a in 0usize..100,
            b in 0usize..100,
        ) {
            let (g, c) = fixture();
            let f = Folded::new(&t);
            let _ = geocode(&g, &c, &t, &f, Span::new(a, b), &GeoContext::default());
        }

        #[test]
        fn import_never_panics(t in "[A-Za-z,;\"\t\n0-9.\\-É]{0,200}") {
            let (mut g, c) = fixture();
            let _ = g.add_user(&format!("VILLAGE,LAT,LONG,COUNTRY\n{t}"), &c);
            let _ = g.add_user(&t, &c);
        }
    }
}

#[test]
fn stated_cercle_of_the_same_region_overrides_the_gazetteer() {
    let c = Countries::parse(COUNTRIES).unwrap();
    // a village filed (by an approximate nearest-seat rule) under the wrong cercle
    let places = format!("{PLACES}GN:72\tKenewel\t\t16.80\t-0.20\tP\tPPL\tML\tGao\tGao\t0\t\n");
    let g = Gazetteer::from_builtin(&places, &c).unwrap();
    let r = geo(&g, &c, "Gunmen attacked a camp in Kenewel (Bourem, Gao).").unwrap();
    assert_eq!(
        (r.location.as_str(), r.admin1.as_str(), r.admin2.as_str()),
        ("Kenewel", "Gao", "Bourem"),
        "{r:?}"
    );
    // the region alone says nothing about the cercle
    let r = geo(&g, &c, "Gunmen attacked a camp in Kenewel, Gao region.").unwrap();
    assert_eq!(r.admin2, "Gao", "{r:?}");
}

#[test]
fn a_two_letter_name_only_as_an_announced_settlement() {
    let (mut g, c) = fixture();
    let rep = g.add_user(
        "REGION,CERCLE,VILLAGE,LAT,LONG\nMOPTI,KORO,Ka,14.10,-3.10\n",
        &c,
    );
    assert_eq!(rep.added, 1, "{rep:?}");
    for t in [
        "Gunmen burned the village of Ka overnight.",
        "Gunmen burned the hamlet Ka overnight.",
    ] {
        let r = geo(&g, &c, t).unwrap();
        assert_eq!(
            (r.location.as_str(), r.admin2.as_str()),
            ("Ka", "Koro"),
            "{t}"
        );
    }
    // a bare two-letter word is no place
    let r = geo(&g, &c, "Gunmen burned Ka overnight.");
    assert!(r.as_ref().is_none_or(|r| r.location != "Ka"), "{r:?}");
}
