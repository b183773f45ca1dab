//! Property tests: extraction never panics, and every evidence span lies inside the text on
//! char boundaries with the text it claims, on arbitrary Unicode input and on shuffled pieces
//! of news-like text.

use std::sync::LazyLock;

use chrono::NaiveDate;
use harmattan_core::{Document, Engine, EngineData};
use proptest::prelude::*;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| match Engine::new(&EngineData::builtin()) {
    Ok(e) => e,
    Err(e) => panic!("engine does not build: {e}"),
});

fn check(text: &str, published: Option<NaiveDate>) {
    let doc = Document {
        id: "p".into(),
        text: text.to_string(),
        published,
        ..Default::default()
    };
    let ex = ENGINE.extract(&doc);
    for ev in ex.events.iter().chain(ex.review.iter()) {
        for e in &ev.evidence {
            assert!(
                e.start <= e.end && e.end <= text.len(),
                "span out of text: {e:?}"
            );
            assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
            assert_eq!(&text[e.start..e.end], e.text);
        }
        if let Some(p) = published {
            assert!(
                ev.event_date.is_none_or(|d| d <= p),
                "event after publication"
            );
        }
        assert!((1..=3).contains(&ev.time_precision) && (1..=3).contains(&ev.geo_precision));
    }
    for d in &ex.diagnostics {
        if let Some(sp) = d.span {
            assert!(sp.end <= text.len() && text.is_char_boundary(sp.start));
        }
    }
}

const PIECES: &[&str] = &[
    "On 7 November 2025, ",
    "JNIM fighters ",
    "des hommes armés ",
    "attacked ",
    "ont attaqué ",
    "a military base in Soumpi, Tombouctou region",
    " killing at least 20 soldiers",
    ". ",
    ", ",
    "\n",
    "Read also: x\n",
    "Gao",
    "Ménaka",
    "à Djibo",
    "yesterday",
    "hier",
    "dans la nuit de samedi à dimanche",
    "the army said",
    "several",
    "dozens of",
    "(",
    ")",
    "«",
    "»",
    "’",
    "Niafunké",
    "IED",
    "drone strike",
    "protesters marched",
    "villagers",
    "more than 10,000 people have been killed since 2012",
    "🙂",
    "\u{0301}",
    "Ⅻ",
    "ß",
    "İstanbul",
    "\u{200B}",
    "…",
    "—",
    "1er",
    "vingt-cinq morts",
];

/// Found by `newsy_soup_never_panics`: a byte window after a crowd word ended inside a
/// combining accent.
#[test]
fn combining_accent_after_a_crowd_word() {
    for pad in 0..6 {
        let text = format!(
            "Villagers{} killing at least 20 soldiers\u{301} in Gao. Youths clashed with police\u{301}\u{301} in Kayes.",
            " ".repeat(pad)
        );
        check(&text, NaiveDate::from_ymd_opt(2025, 1, 2));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,400}", day in 0u32..20000) {
        let published = NaiveDate::from_ymd_opt(1990, 1, 1)
            .and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(day))));
        check(&text, published);
        check(&text, None);
    }

    #[test]
    fn newsy_soup_never_panics(idx in proptest::collection::vec(0usize..PIECES.len(), 0..60)) {
        let text: String = idx.iter().map(|&i| PIECES[i]).collect();
        check(&text, NaiveDate::from_ymd_opt(2025, 11, 9));
    }
}
