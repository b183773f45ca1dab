//! Date expressions (English and French) resolved against the publication date.
//!
//! The text is folded first ([`Folded`]: lower case, accents stripped, `’` → `'`), so the rules
//! are written once in lower-case ASCII (`fevrier`, `aout`, `aujourd'hui`) and every match is
//! mapped back to a byte span of the original text.
//!
//! Every rule has a stable ID (see [`RULE_IDS`]). Resolution follows codebook 4.3:
//!
//! * precision 1: an exact day (explicit date, "yesterday", "on Friday", « dans la nuit de
//!   samedi à dimanche » → the first night's date);
//! * precision 2: a span of 2-7 days → its middle day, the earlier one for an even span
//!   ("between 3 and 4 June" → 3 June, a weekend → Saturday, "last week" → the Wednesday);
//! * precision 3: a month or a span of 8-31 days → the 15th (the 1st / last day for an explicit
//!   "beginning / end of the month"; the middle day for a span crossing a month boundary),
//!   never after publication.
//!
//! Missing years resolve to the most recent such date not after publication; weekdays to the
//! latest such day not after publication (the publication day itself when they coincide, see
//! [`is_ambiguous_weekday`]). Anything vaguer than a month is not returned.
//!
//! Speed: one [`RegexSet`] pass over the folded text tells which rules can match at all; only
//! those rules are then run. Overlapping candidates are resolved longest-first (ranges before
//! single dates before relative expressions).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use regex::{Captures, Regex, RegexSet};

use crate::text::Folded;
use crate::types::Span;

/// A date expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Original span of the expression ("on Friday November 7, 2025").
    pub span: Span,
    /// The resolved event date (codebook 4.3: span middle, 15th of month, clamped).
    pub date: NaiveDate,
    /// 1 day, 2 span of 2-7 days, 3 month or 8-31 days.
    pub precision: u8,
    /// Stable rule ID (`DATE/EN/ABSOLUTE_DMY`, `DATE/FR/WEEKDAY`, ...).
    pub rule: &'static str,
    /// True when resolved from a relative expression ("on Friday", "last week").
    pub relative: bool,
}

/// Every rule ID [`find_dates`] can put in [`DateMention::rule`].
pub const RULE_IDS: &[&str] = &[
    "DATE/EN/ISO_YMD",
    "DATE/EN/NUMERIC_DMY",
    "DATE/EN/DD_MON_YY",
    "DATE/EN/DMY",
    "DATE/EN/AROUND_DMY",
    "DATE/EN/NIGHT_DMY",
    "DATE/EN/MDY",
    "DATE/EN/AROUND_MDY",
    "DATE/EN/NIGHT_MDY",
    "DATE/EN/RANGE_DMY",
    "DATE/EN/RANGE_MDY",
    "DATE/EN/NIGHT_RANGE",
    "DATE/EN/AROUND_NTH",
    "DATE/EN/ON_NTH",
    "DATE/EN/MONTH",
    "DATE/EN/MONTH_PART",
    "DATE/EN/REL_MONTH",
    "DATE/EN/WEEK",
    "DATE/EN/WEEKEND",
    "DATE/EN/PAST_PERIOD",
    "DATE/EN/REL_DAY",
    "DATE/EN/AGO",
    "DATE/EN/REL_PREV",
    "DATE/EN/WEEKDAY",
    "DATE/EN/NIGHT_WEEKDAY",
    "DATE/EN/WEEKDAY_RANGE",
    "DATE/EN/WEEKDAY_DAY",
    "DATE/FR/DMY",
    "DATE/FR/AROUND_DMY",
    "DATE/FR/NIGHT_DMY",
    "DATE/FR/RANGE_DMY",
    "DATE/FR/NIGHT_RANGE",
    "DATE/FR/AROUND_NTH",
    "DATE/FR/MONTH",
    "DATE/FR/MONTH_PART",
    "DATE/FR/REL_MONTH",
    "DATE/FR/WEEK",
    "DATE/FR/WEEKEND",
    "DATE/FR/PAST_PERIOD",
    "DATE/FR/REL_DAY",
    "DATE/FR/AGO",
    "DATE/FR/REL_PREV",
    "DATE/FR/WEEKDAY",
    "DATE/FR/NIGHT_WEEKDAY",
    "DATE/FR/WEEKDAY_RANGE",
    "DATE/FR/WEEKDAY_DAY",
];

/// True when the text hedged an explicit date ("Around 12 January 2022", "vers le 12"): notes
/// should then say "(as reported)" or similar.
pub fn is_approximate(m: &DateMention) -> bool {
    m.rule.contains("/AROUND_")
}

/// True when a bare weekday resolved to the publication day itself ("Tuesday" in an article
/// published on a Tuesday): codebook 4.3 keeps that date but asks for lower confidence.
pub fn is_ambiguous_weekday(m: &DateMention, published: NaiveDate) -> bool {
    m.rule.ends_with("/WEEKDAY") && m.date == published
}

/// Every date expression in `text`, in text order, resolved against `published`.
/// Expressions vaguer than a month are not returned. Never panics.
pub fn find_dates(text: &str, published: NaiveDate) -> Vec<DateMention> {
    let folded = Folded::new(text);
    find_dates_folded(text, &folded, published)
}

/// [`find_dates`] for a caller that already holds `Folded::new(text)` (saves folding twice).
/// `folded` must be the fold of `text`; spans that do not fit `text` are dropped.
pub fn find_dates_folded(text: &str, folded: &Folded, published: NaiveDate) -> Vec<DateMention> {
    let s = folded.s.as_str();
    if s.is_empty() {
        return Vec::new();
    }
    let ctx = Ctx {
        text,
        folded,
        published,
    };
    let rules = &*RULES;
    let mut cands: Vec<Cand> = Vec::new();
    let mut run = |idx: usize, rule: &Compiled| {
        for c in rule.re.captures_iter(s) {
            let Some(m0) = c.get(0) else { continue };
            if m0.is_empty() {
                continue;
            }
            if let Some((val, id)) = resolve(rule.kind, &c, &ctx) {
                cands.push(Cand {
                    start: m0.start(),
                    end: trim_dot(s, m0.start(), m0.end()),
                    rank: rule.kind.rank(),
                    order: idx,
                    rule: id,
                    val,
                });
            }
        }
    };
    match &*SET {
        Some(set) => {
            for idx in set.matches(s).iter() {
                if let Some(rule) = rules.get(idx) {
                    run(idx, rule);
                }
            }
        }
        None => {
            for (idx, rule) in rules.iter().enumerate() {
                run(idx, rule);
            }
        }
    }
    select(cands, &ctx)
}

// ---------------------------------------------------------------------------------------------
// Rules

/// What a rule recognises; decides how captures are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Iso,
    NumDmy,
    DdMonYy,
    Dmy { fr: bool },
    Mdy,
    RangeDmy { fr: bool },
    RangeMdy,
    AroundNth { fr: bool },
    OnNth,
    Month { fr: bool },
    MonthPart { fr: bool },
    RelMonth { fr: bool },
    Week { fr: bool },
    Weekend { fr: bool },
    PastPeriod { fr: bool },
    RelDay { fr: bool },
    Ago { fr: bool },
    RelPrev { fr: bool },
    Weekday { fr: bool },
    Night { fr: bool },
    WdRange { fr: bool },
    WdDay { fr: bool },
}

impl Kind {
    /// Overlap priority: explicit ranges, then explicit dates, then the rest.
    fn rank(self) -> u8 {
        match self {
            Kind::RangeDmy { .. } | Kind::RangeMdy => 0,
            Kind::Iso | Kind::NumDmy | Kind::DdMonYy | Kind::Dmy { .. } | Kind::Mdy => 1,
            _ => 2,
        }
    }
}

struct Compiled {
    kind: Kind,
    re: Regex,
}

const B: &str = r"(?-u:\b)";
const EN_MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|\
november|december|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec";
const EN_MONTHS_FULL: &str = "january|february|march|april|may|june|july|august|september|\
october|november|december";
const FR_MONTHS: &str = "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|\
novembre|decembre|janv|fevr|fev|avr|juil|sept|oct|nov|dec";
const FR_MONTHS_FULL: &str = "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|\
octobre|novembre|decembre";
const EN_WDS: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const FR_WDS: &str = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche";
const DAYNUM: &str = "3[01]|[12][0-9]|0?[1-9]";
const EN_NUMW: &str = "[0-9]{1,2}|an|a|one|two|three|four|five|six|seven|eight|nine|ten";
const FR_NUMW: &str = "[0-9]{1,2}|une|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze";
const EN_AROUND: &str = r"on\s+or\s+about|on\s+or\s+around|around|about|circa|approximately";

fn mon(name: &str, alts: &str) -> String {
    format!(r"(?P<{name}>{alts}){B}\.?")
}
fn day(name: &str) -> String {
    format!(r"(?P<{name}>{DAYNUM})(?:st|nd|rd|th|er)?{B}")
}
fn year(name: &str) -> String {
    format!(r"(?P<{name}>(?:19|20)[0-9][0-9]){B}")
}
fn wd(name: &str, alts: &str) -> String {
    format!(r"(?P<{name}>{alts}){B}")
}

/// The rule table: kind and pattern (on folded text), in priority order for ties.
fn rule_defs() -> Vec<(Kind, String)> {
    let en_wd = wd("wd", EN_WDS);
    let fr_wd = wd("wd", FR_WDS);
    let d = day("d");
    let y = year("y");
    vec![
        (
            Kind::Iso,
            format!(r"{B}(?P<y>[0-9]{{4}})[-/.](?P<m>[0-9]{{1,2}})[-/.](?P<d>[0-9]{{1,2}})"),
        ),
        (
            Kind::NumDmy,
            format!(
                r"{B}(?P<d>[0-9]{{1,2}})(?P<s>[/.])(?P<m>[0-9]{{1,2}})[/.](?P<y>[0-9]{{4}}|[0-9]{{2}}){B}"
            ),
        ),
        (
            Kind::DdMonYy,
            format!(
                r"{B}(?P<d>[0-9]{{1,2}})-(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)-(?P<y>[0-9]{{4}}|[0-9]{{2}}){B}"
            ),
        ),
        (
            Kind::Dmy { fr: false },
            format!(
                r"{B}(?:(?P<pre>{EN_AROUND}|on)\s+)?(?:(?P<night>the\s+night\s+of)\s+)?(?:{en_wd},?\s+)?(?:the\s+)?{d}(?:\s+of)?\s+{m}(?:,?\s+{y})?",
                m = mon("mon", EN_MONTHS)
            ),
        ),
        (
            Kind::Mdy,
            format!(
                r"{B}(?:(?P<pre>{EN_AROUND}|on)\s+)?(?:(?P<night>the\s+night\s+of)\s+)?(?:{en_wd},?\s+)?{m}\s+(?:the\s+)?{d}(?:,?\s+{y})?",
                m = mon("mon", EN_MONTHS)
            ),
        ),
        (
            Kind::Dmy { fr: true },
            format!(
                r"{B}(?:(?P<pre>aux\s+alentours\s+du|autour\s+du|vers\s+le|dans\s+la\s+nuit\s+du|la\s+nuit\s+du|nuit\s+du|le|ce)\s+)?(?:{fr_wd},?\s+)?(?:le\s+)?{d}\s+{m}(?:\s+{y})?",
                m = mon("mon", FR_MONTHS)
            ),
        ),
        (
            Kind::RangeDmy { fr: false },
            format!(
                r"{B}(?:(?P<pre>between|from|on\s+the\s+night\s+of|the\s+night\s+of|overnight\s+on|overnight)\s+)?(?:the\s+)?{d1}(?:\s+(?:of\s+)?{m1})?(?:,?\s+{y1})?\s*(?:-|and|to|until|through|into)\s*(?:the\s+)?{d2}(?:\s+of)?\s+{m2}(?:,?\s+{y2})?",
                d1 = day("d1"),
                d2 = day("d2"),
                m1 = mon("mon1", EN_MONTHS),
                m2 = mon("mon2", EN_MONTHS),
                y1 = year("y1"),
                y2 = year("y2")
            ),
        ),
        (
            Kind::RangeMdy,
            format!(
                r"{B}(?:(?P<pre>between|from|on\s+the\s+night\s+of|the\s+night\s+of|overnight)\s+)?{m1}\s+(?:the\s+)?{d1}\s*(?:-|and|to|until|through|into)\s*(?:{m2}\s+)?(?:the\s+)?{d2}(?:,?\s+{y})?",
                d1 = day("d1"),
                d2 = day("d2"),
                m1 = mon("mon1", EN_MONTHS),
                m2 = mon("mon2", EN_MONTHS),
            ),
        ),
        (
            Kind::RangeDmy { fr: true },
            format!(
                r"{B}(?:(?P<pre>entre\s+le|entre|du|dans\s+la\s+nuit\s+du|la\s+nuit\s+du|nuit\s+du)\s+)?{d1}(?:\s+{m1})?(?:\s+{y1})?\s*(?:-|et\s+le|et|au)\s*{d2}\s+{m2}(?:\s+{y2})?",
                d1 = day("d1"),
                d2 = day("d2"),
                m1 = mon("mon1", FR_MONTHS),
                m2 = mon("mon2", FR_MONTHS),
                y1 = year("y1"),
                y2 = year("y2")
            ),
        ),
        (
            Kind::AroundNth { fr: false },
            format!(
                r"{B}(?:on\s+or\s+)?(?:around|about)\s+the\s+(?P<d>{DAYNUM})(?:st|nd|rd|th){B}"
            ),
        ),
        (
            Kind::AroundNth { fr: true },
            format!(
                r"{B}(?:vers\s+le|autour\s+du|aux\s+alentours\s+du)\s+(?P<d>{DAYNUM})(?:er)?{B}"
            ),
        ),
        (
            Kind::OnNth,
            format!(r"{B}on\s+the\s+(?P<d>{DAYNUM})(?:st|nd|rd|th){B}"),
        ),
        (
            Kind::Month { fr: false },
            format!(
                r"{B}(?:(?P<pre>in\s+the\s+month\s+of|during\s+the\s+month\s+of|in|during|throughout|this\s+past|last|past)\s+)?{m}(?:,?\s+{y})?",
                m = mon("mon", EN_MONTHS_FULL)
            ),
        ),
        (
            Kind::MonthPart { fr: false },
            format!(
                r"{B}(?:(?:in|during|at|around)\s+)?(?:the\s+)?(?P<q>early|mid|late|middle\s+of|beginning\s+of|start\s+of|end\s+of)(?:\s+|-)(?:the\s+month\s+of\s+)?{m}(?:,?\s+{y})?",
                m = mon("mon", EN_MONTHS_FULL)
            ),
        ),
        (
            Kind::Month { fr: true },
            format!(
                r"{B}(?:(?P<pre>en|au\s+mois\s+de|le\s+mois\s+de|durant\s+le\s+mois\s+de|pendant\s+le\s+mois\s+de|courant)\s+|(?P<pre2>au\s+mois\s+d'|le\s+mois\s+d'))?{m}(?:\s+{y})?(?:\s+(?P<last>dernier))?",
                m = mon("mon", FR_MONTHS_FULL)
            ),
        ),
        (
            Kind::MonthPart { fr: true },
            format!(
                r"{B}(?:(?:a|en|au|vers)\s+)?(?:(?:la|le)\s+)?(?P<q>debut|mi|fin|milieu)(?:\s+|-)(?P<dum>du\s+mois\s+de\s+|du\s+mois\s+d'|de\s+|d')?{m}(?:\s+{y})?",
                m = mon("mon", FR_MONTHS_FULL)
            ),
        ),
        (
            Kind::RelMonth { fr: false },
            format!(
                r"{B}(?:(?:(?P<q>earlier|early|late|(?:in\s+)?(?:the\s+)?middle\s+of|(?:at\s+)?(?:the\s+)?(?:beginning|start|end)\s+of|mid)(?:\s+|-))?(?:(?:in|during|over)\s+)?(?P<which>this|last|the\s+previous|the)\s+month|(?P<mm>mid-?\s?month)){B}"
            ),
        ),
        (
            Kind::RelMonth { fr: true },
            format!(
                r"{B}(?:(?P<q>au\s+debut|en\s+debut|debut|a\s+la\s+fin|en\s+fin|fin|a\s+la\s+mi|mi|au\s+milieu|milieu|plus\s+tot|au\s+cours|dans\s+le\s+courant|courant)(?:\s+|-))?(?:(?P<art>du|de|le|ce|dans\s+le)\s+)?mois(?P<ci>-ci|\s+ci)?(?:\s+(?P<last>dernier|passe))?{B}"
            ),
        ),
        (
            Kind::Week { fr: false },
            format!(
                r"{B}(?:(?P<q>earlier|early|late|(?:at\s+)?(?:the\s+)?(?:beginning|start|end)\s+of)\s+)?(?:(?:in|during|over)\s+)?(?P<which>this|last|the\s+previous|the\s+past|the\s+last|the)\s+week{B}"
            ),
        ),
        (
            Kind::Week { fr: true },
            format!(
                r"{B}(?:(?P<q>en\s+debut|au\s+debut|debut|en\s+fin|a\s+la\s+fin|fin|plus\s+tot|au\s+cours|dans\s+le\s+courant|courant)\s+)?(?:(?P<art>de\s+la|de|dans\s+la|cette|la)\s+)?semaine(?:\s+(?P<last>derniere|passee))?{B}"
            ),
        ),
        (
            Kind::Weekend { fr: false },
            format!(
                r"{B}(?:(?:over|during|at|on|across|throughout)\s+)?(?P<which>the\s+past|the\s+last|the|this\s+past|this|last|past)\s+week-?\s?end{B}"
            ),
        ),
        (
            Kind::Weekend { fr: true },
            format!(
                r"{B}(?:(?:durant|pendant|lors|au\s+cours|tout\s+au\s+long)\s+)?(?P<art>du|le|ce|de\s+ce)\s+(?:(?P<last1>dernier)\s+)?week-?\s?end(?:\s+(?P<last>dernier|passe))?{B}"
            ),
        ),
        (
            Kind::PastPeriod { fr: false },
            format!(
                r"{B}(?:in|over|during|within|for)\s+the\s+(?:past|last|previous)\s+(?:(?P<n>{EN_NUMW}|couple\s+of)(?:\s+(?:or|to|-)\s+(?P<n2>{EN_NUMW}))?\s+)?(?P<unit>days|day|weeks|week|month){B}"
            ),
        ),
        (
            Kind::PastPeriod { fr: true },
            format!(
                r"{B}(?:au\s+cours\s+des|durant\s+les|pendant\s+les|lors\s+des|ces|les|des)\s+(?P<n>{FR_NUMW})(?:\s+(?:ou|a|-)\s+(?P<n2>{FR_NUMW}))?\s+(?:derniers|dernieres|derniere|dernier)\s+(?P<unit>jours|semaines|mois){B}"
            ),
        ),
        (
            Kind::RelDay { fr: false },
            format!(
                r"{B}(?P<w>the\s+day\s+before\s+yesterday|the\s+night\s+before\s+last|earlier\s+this\s+morning|early\s+this\s+morning|late\s+last\s+night|earlier\s+today|early\s+today|this\s+morning|this\s+afternoon|this\s+evening|last\s+night|last\s+evening|yesterday|today|tonight|overnight)(?:,?\s+(?P<wd>{EN_WDS}))?(?:\s+(?:morning|afternoon|evening|night))?{B}"
            ),
        ),
        (
            Kind::RelDay { fr: true },
            format!(
                r"{B}(?P<w>avant-hier|avant\s+hier|hier|aujourd'hui|aujourd\s*hui|tot\s+ce\s+matin|ce\s+matin|ce\s+soir|cet\s+apres-midi|cet\s+apres\s+midi|cette\s+nuit|la\s+nuit\s+derniere)(?:,?\s+(?P<wd>{FR_WDS}))?(?:\s+(?:matin|soir|apres-midi|en\s+fin\s+de\s+journee|en\s+debut\s+de\s+soiree|dans\s+la\s+soiree|dans\s+la\s+matinee|dans\s+la\s+nuit))?{B}"
            ),
        ),
        (
            Kind::Ago { fr: false },
            format!(r"{B}(?P<n>{EN_NUMW})\s+(?P<unit>days|day|weeks|week)\s+ago{B}"),
        ),
        (
            Kind::Ago { fr: true },
            format!(
                r"{B}il\s+y\s+a\s+(?:environ\s+)?(?P<n>{FR_NUMW})\s+(?P<unit>jours|jour|semaines|semaine){B}"
            ),
        ),
        (
            Kind::RelPrev { fr: false },
            format!(
                r"{B}(?:(?P<w>the\s+day\s+before|the\s+previous\s+day|the\s+next\s+day|the\s+following\s+day|the\s+day\s+after|a\s+day\s+later|a\s+day\s+earlier)|(?P<n>{EN_NUMW})\s+days?\s+(?P<dir>earlier|later)){B}"
            ),
        ),
        (
            Kind::RelPrev { fr: true },
            format!(
                r"{B}(?:(?P<w>la\s+veille|le\s+lendemain|le\s+jour\s+precedent|le\s+jour\s+suivant)|(?P<n>{FR_NUMW})\s+jours\s+(?P<dir>plus\s+tot|plus\s+tard|auparavant)){B}"
            ),
        ),
        (
            Kind::Weekday { fr: false },
            format!(
                r"{B}(?:(?P<pre>this\s+past|last|this|on|early|late|next|every|past)\s+)?{en_wd}(?:\s+(?:morning|afternoon|evening|night|overnight))?{B}"
            ),
        ),
        (
            Kind::Weekday { fr: true },
            format!(
                r"{B}(?:(?P<pre>le|ce|dans\s+la\s+journee\s+de|la\s+journee\s+de|dans\s+la\s+matinee\s+de|dans\s+la\s+soiree\s+de|tous\s+les|chaque)\s+)?{fr_wd}(?:\s+(?P<post>dernier|passe|prochain))?(?:\s+(?:matin|soir|apres-midi|en\s+fin\s+de\s+journee|dans\s+la\s+soiree|dans\s+la\s+matinee|dans\s+la\s+nuit))?{B}"
            ),
        ),
        (
            Kind::Night { fr: false },
            format!(
                r"{B}(?:(?:on|in|during)\s+)?(?:the\s+night\s+(?:of|from|between)|overnight(?:\s+(?:from|on|between))?)\s+(?:{w1}(?:\s+night)?)?(?:\s*(?:to|into|and|-)\s*{w2})?",
                w1 = wd("wd1", EN_WDS),
                w2 = wd("wd2", EN_WDS)
            ),
        ),
        (
            Kind::Night { fr: true },
            format!(
                r"{B}(?:(?:dans|durant|pendant|au\s+cours\s+de)\s+)?la\s+nuit\s+(?:de|du)\s+{w1}(?:\s+(?:a|au)\s+{w2})?",
                w1 = wd("wd1", FR_WDS),
                w2 = wd("wd2", FR_WDS)
            ),
        ),
        (
            Kind::WdRange { fr: false },
            format!(
                r"{B}(?:between|from)\s+{w1}\s+(?:and|to|until|through)\s+{w2}",
                w1 = wd("wd1", EN_WDS),
                w2 = wd("wd2", EN_WDS)
            ),
        ),
        (
            Kind::WdRange { fr: true },
            format!(
                r"{B}(?:entre|de|du)\s+{w1}\s+(?:et|a|au|jusqu'a)\s+{w2}",
                w1 = wd("wd1", FR_WDS),
                w2 = wd("wd2", FR_WDS)
            ),
        ),
        (
            Kind::WdDay { fr: false },
            format!(r"{B}(?:on\s+)?{en_wd},?\s+(?:the\s+)?(?P<d>{DAYNUM})(?:st|nd|rd|th)?{B}"),
        ),
        (
            Kind::WdDay { fr: true },
            format!(r"{B}(?:le\s+|ce\s+)?{fr_wd}\s+(?P<d>{DAYNUM})(?:er)?{B}"),
        ),
    ]
}

/// The compiled rules (a pattern that failed to compile would be dropped; a test checks
/// that none is).
static RULES: LazyLock<Vec<Compiled>> = LazyLock::new(|| {
    rule_defs()
        .into_iter()
        .filter_map(|(kind, pat)| Regex::new(&pat).ok().map(|re| Compiled { kind, re }))
        .collect()
});

/// Pre-check: which rules match anywhere. `None` only if it failed to build (a test checks
/// it does not); every rule is then run.
static SET: LazyLock<Option<RegexSet>> =
    LazyLock::new(|| RegexSet::new(RULES.iter().map(|r| r.re.as_str())).ok());

// ---------------------------------------------------------------------------------------------
// Resolution

struct Ctx<'a> {
    text: &'a str,
    folded: &'a Folded,
    published: NaiveDate,
}

/// A resolved value, or one relative to the previous mention ("the day before").
#[derive(Debug, Clone, Copy)]
enum Val {
    Fixed {
        date: NaiveDate,
        precision: u8,
        relative: bool,
    },
    Prev(i64),
}

struct Cand {
    start: usize,
    end: usize,
    rank: u8,
    order: usize,
    rule: &'static str,
    val: Val,
}

#[derive(Clone, Copy)]
enum Part {
    First,
    Mid,
    Last,
}

fn fixed(date: NaiveDate, precision: u8, relative: bool) -> Val {
    Val::Fixed {
        date,
        precision,
        relative,
    }
}

fn id(fr: bool, en: &'static str, frs: &'static str) -> &'static str {
    if fr {
        frs
    } else {
        en
    }
}

fn gs<'t>(c: &Captures<'t>, name: &str) -> Option<&'t str> {
    c.name(name).map(|m| m.as_str())
}

fn num(c: &Captures, name: &str) -> Option<u32> {
    gs(c, name)?.parse().ok()
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn last_day(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m >= 12 {
        (y.checked_add(1)?, 1)
    } else {
        (y, m + 1)
    };
    ymd(ny, nm, 1)?.pred_opt()
}

fn prev_month(y: i32, m: u32) -> (i32, u32) {
    if m <= 1 {
        (y.saturating_sub(1), 12)
    } else {
        (y, m - 1)
    }
}

/// The most recent `d` `m` not after `published` (up to 8 years back, for 29 February).
fn recent_ymd(m: u32, d: u32, published: NaiveDate) -> Option<NaiveDate> {
    let y = published.year();
    (0..9).find_map(|k| ymd(y.checked_sub(k)?, m, d).filter(|x| *x <= published))
}

/// The most recent day-of-month `d` not after `published` (this month or the 2 before).
fn recent_dom(d: u32, published: NaiveDate) -> Option<NaiveDate> {
    let (mut y, mut m) = (published.year(), published.month());
    for _ in 0..3 {
        if let Some(x) = ymd(y, m, d).filter(|x| *x <= published) {
            return Some(x);
        }
        (y, m) = prev_month(y, m);
    }
    None
}

/// Year of the most recent month `m` not after the publication month.
fn recent_month_year(m: u32, published: NaiveDate) -> i32 {
    if m <= published.month() {
        published.year()
    } else {
        published.year().saturating_sub(1)
    }
}

fn month_point(y: i32, m: u32, part: Part, published: NaiveDate) -> Option<NaiveDate> {
    let d = match part {
        Part::First => ymd(y, m, 1)?,
        Part::Mid => ymd(y, m, 15)?,
        Part::Last => last_day(y, m)?,
    };
    Some(d.min(published))
}

/// Middle of a span and its precision (codebook 4.3); `None` when empty or over 31 days.
fn span_mid(start: NaiveDate, end: NaiveDate) -> Option<(NaiveDate, u8)> {
    if end < start {
        return None;
    }
    let n = (end - start).num_days() + 1;
    let mid = add_days(start, (n - 1) / 2)?;
    match n {
        1 => Some((start, 1)),
        2..=7 => Some((mid, 2)),
        8..=31 => {
            if start.year() == end.year() && start.month() == end.month() {
                if let Some(f) = start.with_day(15).filter(|f| *f >= start && *f <= end) {
                    return Some((f, 3));
                }
            }
            Some((mid, 3))
        }
        _ => None,
    }
}

fn latest_wd(published: NaiveDate, wd: Weekday) -> Option<NaiveDate> {
    let diff = (published.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
    add_days(published, -i64::from(diff))
}

fn monday_of(d: NaiveDate) -> Option<NaiveDate> {
    add_days(d, -i64::from(d.weekday().num_days_from_monday()))
}

/// The month a folded month name or abbreviation names (English or French).
pub(crate) fn month_num(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" | "janvier" | "janv" => 1,
        "february" | "feb" | "fevrier" | "fevr" | "fev" => 2,
        "march" | "mar" | "mars" => 3,
        "april" | "apr" | "avril" | "avr" => 4,
        "may" | "mai" => 5,
        "june" | "jun" | "juin" => 6,
        "july" | "jul" | "juillet" | "juil" => 7,
        "august" | "aug" | "aout" => 8,
        "september" | "sep" | "sept" | "septembre" => 9,
        "october" | "oct" | "octobre" => 10,
        "november" | "nov" | "novembre" => 11,
        "december" | "dec" | "decembre" => 12,
        _ => return None,
    })
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" | "lundi" => Weekday::Mon,
        "tuesday" | "mardi" => Weekday::Tue,
        "wednesday" | "mercredi" => Weekday::Wed,
        "thursday" | "jeudi" => Weekday::Thu,
        "friday" | "vendredi" => Weekday::Fri,
        "saturday" | "samedi" => Weekday::Sat,
        "sunday" | "dimanche" => Weekday::Sun,
        _ => return None,
    })
}

fn small_num(w: &str) -> Option<u32> {
    if let Ok(n) = w.parse() {
        return Some(n);
    }
    Some(match w {
        "a" | "an" | "one" | "un" | "une" => 1,
        "two" | "deux" => 2,
        "three" | "trois" => 3,
        "four" | "quatre" => 4,
        "five" | "cinq" => 5,
        "six" => 6,
        "seven" | "sept" => 7,
        "eight" | "huit" => 8,
        "nine" | "neuf" => 9,
        "ten" | "dix" => 10,
        "quinze" => 15,
        _ if w.starts_with("couple") => 2,
        _ => return None,
    })
}

/// Month number of group `name`. English "may", "march" and "mar" must be capitalised in the
/// original text (so the verbs are not months).
fn month_of(c: &Captures, name: &str, fr: bool, ctx: &Ctx) -> Option<u32> {
    let m = c.name(name)?;
    let w = m.as_str();
    if !fr && matches!(w, "may" | "march" | "mar") {
        let o = *ctx.folded.map.get(m.start())? as usize;
        if ctx.text.as_bytes().get(o) != Some(&b'M') {
            return None;
        }
    }
    month_num(w)
}

fn wd_of(c: &Captures, name: &str) -> Option<Weekday> {
    weekday(gs(c, name)?)
}

/// True when the next non-blank character after folded offset `end` is a letter or digit.
fn followed_by_word(s: &str, end: usize) -> bool {
    s.get(end..)
        .and_then(|rest| rest.chars().find(|ch| *ch != ' ' && *ch != '\t'))
        .is_some_and(|ch| ch.is_alphanumeric())
}

/// A 2-digit year is 19xx or 20xx, whichever is not after next year; only 1990 onwards.
fn two_digit_year(y: &str, v: u32, published: NaiveDate) -> Option<i32> {
    let v = v as i32;
    if y.len() != 2 {
        return Some(v);
    }
    let full = if 2000 + v <= published.year().saturating_add(1) {
        2000 + v
    } else {
        1900 + v
    };
    (full >= 1990).then_some(full)
}

/// Drop a sentence-final `.` caught by the optional abbreviation dot after a full month name
/// ("on 14 April." → "on 14 April"); keep it after an abbreviation ("Nov.").
fn trim_dot(s: &str, start: usize, end: usize) -> usize {
    let Some(body) = s.get(start..end).and_then(|m| m.strip_suffix('.')) else {
        return end;
    };
    let word_start = body
        .rfind(|ch: char| !ch.is_ascii_alphabetic())
        .map_or(0, |i| i + 1);
    let word = body.get(word_start..).unwrap_or("");
    let abbreviation = matches!(
        word,
        "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "janv"
            | "fevr"
            | "fev"
            | "avr"
            | "juil"
    );
    if month_num(word).is_some() && !abbreviation {
        end - 1
    } else {
        end
    }
}

fn is_night(pre: Option<&str>) -> bool {
    pre.is_some_and(|p| p.contains("night") || p.contains("nuit") || p.contains("overnight"))
}

fn resolve(kind: Kind, c: &Captures, ctx: &Ctx) -> Option<(Val, &'static str)> {
    let published = ctx.published;
    let s = ctx.folded.s.as_str();
    let m0 = c.get(0)?;
    match kind {
        Kind::Iso => {
            if s.as_bytes()
                .get(m0.end())
                .is_some_and(|b| b.is_ascii_digit())
            {
                return None;
            }
            let y: i32 = gs(c, "y")?.parse().ok()?;
            let date = ymd(y, num(c, "m")?, num(c, "d")?)?;
            Some((fixed(date, 1, false), "DATE/EN/ISO_YMD"))
        }
        Kind::NumDmy => {
            let bytes = s.as_bytes();
            let before = m0.start().checked_sub(1).and_then(|i| bytes.get(i));
            if before.is_some_and(|b| matches!(b, b'.' | b'/' | b'-')) {
                return None;
            }
            let after = bytes.get(m0.end());
            let after2 = bytes.get(m0.end() + 1);
            if after.is_some_and(|b| matches!(b, b'.' | b'/' | b'-'))
                && after2.is_some_and(|b| b.is_ascii_digit())
            {
                return None;
            }
            let ys = gs(c, "y")?;
            if ys.len() == 2 && gs(c, "s") == Some(".") {
                return None;
            }
            let y = two_digit_year(ys, num(c, "y")?, published)?;
            let date = ymd(y, num(c, "m")?, num(c, "d")?)?;
            Some((fixed(date, 1, false), "DATE/EN/NUMERIC_DMY"))
        }
        Kind::DdMonYy => {
            let ys = gs(c, "y")?;
            let y = two_digit_year(ys, num(c, "y")?, published)?;
            let date = ymd(y, month_num(gs(c, "mon")?)?, num(c, "d")?)?;
            Some((fixed(date, 1, false), "DATE/EN/DD_MON_YY"))
        }
        Kind::Dmy { .. } | Kind::Mdy => {
            let fr = matches!(kind, Kind::Dmy { fr: true });
            let mdy = matches!(kind, Kind::Mdy);
            let m = month_of(c, "mon", fr, ctx)?;
            let d = num(c, "d")?;
            let date = match num(c, "y") {
                Some(y) => ymd(y as i32, m, d)?,
                None => recent_ymd(m, d, published)?,
            };
            let pre = gs(c, "pre");
            let around =
                pre.is_some_and(|p| p != "on" && p != "le" && p != "ce" && !p.contains("nuit"));
            let night = c.name("night").is_some() || is_night(pre);
            let rule = match (fr, mdy, around, night) {
                (true, _, true, _) => "DATE/FR/AROUND_DMY",
                (true, _, _, true) => "DATE/FR/NIGHT_DMY",
                (true, _, _, _) => "DATE/FR/DMY",
                (false, true, true, _) => "DATE/EN/AROUND_MDY",
                (false, true, _, true) => "DATE/EN/NIGHT_MDY",
                (false, true, _, _) => "DATE/EN/MDY",
                (false, false, true, _) => "DATE/EN/AROUND_DMY",
                (false, false, _, true) => "DATE/EN/NIGHT_DMY",
                (false, false, _, _) => "DATE/EN/DMY",
            };
            Some((fixed(date, 1, false), rule))
        }
        Kind::RangeDmy { .. } | Kind::RangeMdy => {
            let fr = matches!(kind, Kind::RangeDmy { fr: true });
            let m2 = match c.name("mon2") {
                Some(_) => month_of(c, "mon2", fr, ctx)?,
                None => month_of(c, "mon1", fr, ctx)?,
            };
            let m1 = match c.name("mon1") {
                Some(_) => month_of(c, "mon1", fr, ctx)?,
                None => m2,
            };
            let (d1, d2) = (num(c, "d1")?, num(c, "d2")?);
            let y2 = num(c, "y2").or_else(|| num(c, "y"));
            let (start, end) = match (num(c, "y1"), y2) {
                (Some(y1), Some(y2)) => (ymd(y1 as i32, m1, d1)?, ymd(y2 as i32, m2, d2)?),
                (None, Some(y2)) => {
                    let y1 = if m1 > m2 { y2 as i32 - 1 } else { y2 as i32 };
                    (ymd(y1, m1, d1)?, ymd(y2 as i32, m2, d2)?)
                }
                (Some(y1), None) => {
                    let y2 = if m1 > m2 { y1 as i32 + 1 } else { y1 as i32 };
                    (ymd(y1 as i32, m1, d1)?, ymd(y2, m2, d2)?)
                }
                (None, None) => {
                    let start = recent_ymd(m1, d1, published)?;
                    let y2 = if m1 > m2 {
                        start.year().checked_add(1)?
                    } else {
                        start.year()
                    };
                    (start, ymd(y2, m2, d2)?)
                }
            };
            let pre = gs(c, "pre");
            if is_night(pre) && (end - start).num_days() <= 1 && end >= start {
                return Some((
                    fixed(start, 1, false),
                    id(fr, "DATE/EN/NIGHT_RANGE", "DATE/FR/NIGHT_RANGE"),
                ));
            }
            let (date, p) = span_mid(start, end)?;
            let rule = match kind {
                Kind::RangeMdy => "DATE/EN/RANGE_MDY",
                _ => id(fr, "DATE/EN/RANGE_DMY", "DATE/FR/RANGE_DMY"),
            };
            Some((fixed(date, p, false), rule))
        }
        Kind::AroundNth { fr } => {
            if fr && followed_by_word(s, m0.end()) {
                return None;
            }
            let date = recent_dom(num(c, "d")?, published)?;
            Some((
                fixed(date, 2, true),
                id(fr, "DATE/EN/AROUND_NTH", "DATE/FR/AROUND_NTH"),
            ))
        }
        Kind::OnNth => {
            let date = recent_dom(num(c, "d")?, published)?;
            Some((fixed(date, 1, true), "DATE/EN/ON_NTH"))
        }
        Kind::Month { fr } => {
            let m = month_of(c, "mon", fr, ctx)?;
            let pre = gs(c, "pre").or_else(|| gs(c, "pre2"));
            let last = c.name("last").is_some()
                || pre.is_some_and(|p| p.contains("last") || p.contains("past"));
            let y = num(c, "y");
            if pre.is_none() && y.is_none() && !last {
                return None;
            }
            let year = match y {
                Some(y) => y as i32,
                None if last => {
                    if m < published.month() {
                        published.year()
                    } else {
                        published.year().saturating_sub(1)
                    }
                }
                None => recent_month_year(m, published),
            };
            let date = month_point(year, m, Part::Mid, published)?;
            Some((
                fixed(date, 3, y.is_none()),
                id(fr, "DATE/EN/MONTH", "DATE/FR/MONTH"),
            ))
        }
        Kind::MonthPart { fr } => {
            let m = month_of(c, "mon", fr, ctx)?;
            let q = gs(c, "q")?;
            let dum = gs(c, "dum").is_some_and(|d| d.contains("mois"));
            let part = if q.starts_with("beginning") || q.starts_with("start") {
                Part::First
            } else if q.starts_with("end") {
                Part::Last
            } else if q == "debut" && dum {
                Part::First
            } else if q == "fin" && dum {
                Part::Last
            } else {
                Part::Mid
            };
            let y = num(c, "y");
            let year = match y {
                Some(y) => y as i32,
                None => recent_month_year(m, published),
            };
            let date = month_point(year, m, part, published)?;
            Some((
                fixed(date, 3, y.is_none()),
                id(fr, "DATE/EN/MONTH_PART", "DATE/FR/MONTH_PART"),
            ))
        }
        Kind::RelMonth { fr } => {
            let (y, m) = (published.year(), published.month());
            let q = gs(c, "q");
            let (prev, part) = if fr {
                let art = gs(c, "art");
                let last = c.name("last").is_some();
                let current = c.name("ci").is_some()
                    || art == Some("ce")
                    || (q.is_some() && matches!(art, None | Some("du" | "de" | "dans le")));
                if !last && !current {
                    return None;
                }
                let part = match q {
                    Some(q) if q.contains("debut") => Part::First,
                    Some(q) if q.contains("fin") => Part::Last,
                    _ => Part::Mid,
                };
                (last, part)
            } else {
                if c.name("mm").is_some() {
                    (false, Part::Mid)
                } else {
                    let which = gs(c, "which")?;
                    if which == "the" && q.is_none() {
                        return None;
                    }
                    let part = match q {
                        Some(q) if q.contains("beginning") || q.contains("start") => Part::First,
                        Some(q) if q.contains("end") => Part::Last,
                        _ => Part::Mid,
                    };
                    (which == "last" || which.contains("previous"), part)
                }
            };
            let (y, m) = if prev { prev_month(y, m) } else { (y, m) };
            let date = month_point(y, m, part, published)?;
            Some((
                fixed(date, 3, true),
                id(fr, "DATE/EN/REL_MONTH", "DATE/FR/REL_MONTH"),
            ))
        }
        Kind::Week { fr } => {
            let q = gs(c, "q").unwrap_or("");
            let monday = monday_of(published)?;
            // (previous week?, sub-part) ; sub-part: 0 whole, 1 early, 2 late, 3 earlier
            let (prev, past) = if fr {
                let last = c.name("last").is_some();
                let art = gs(c, "art");
                if !last && art != Some("cette") && q.is_empty() {
                    return None;
                }
                (last, false)
            } else {
                let which = gs(c, "which")?;
                if which == "the" && q.is_empty() {
                    return None;
                }
                let past = which == "the past" || which == "the last";
                (which == "last" || which.contains("previous"), past)
            };
            if past {
                let (date, _) = span_mid(add_days(published, -6)?, published)?;
                return Some((fixed(date, 2, true), "DATE/EN/WEEK"));
            }
            let mon = if prev { add_days(monday, -7)? } else { monday };
            let wed = add_days(mon, 2)?;
            let late = q.contains("late") || q.contains("end") || q.contains("fin");
            let early = q.contains("early") || q.contains("beginning") || q.contains("start");
            let earlier = q.contains("earlier") || q.contains("plus tot");
            let (a, b, cap) = if earlier {
                (mon, add_days(published, -1)?.max(mon), true)
            } else if early || q.contains("debut") {
                (mon, wed, false)
            } else if late {
                (add_days(mon, 3)?, add_days(mon, 6)?, false)
            } else {
                (mon, add_days(mon, 6)?, true)
            };
            let b = if late { b } else { b.min(published).max(a) };
            let (mid, _) = span_mid(a, b)?;
            let date = if cap { mid.min(wed) } else { mid }.min(published);
            Some((fixed(date, 2, true), id(fr, "DATE/EN/WEEK", "DATE/FR/WEEK")))
        }
        Kind::Weekend { fr } => {
            let last = if fr {
                c.name("last").is_some() || c.name("last1").is_some()
            } else {
                gs(c, "which") == Some("last")
            };
            let sat = latest_wd(published, Weekday::Sat)?;
            let in_weekend = matches!(published.weekday(), Weekday::Sat | Weekday::Sun);
            let date = if last && in_weekend {
                add_days(sat, -7)?
            } else {
                sat
            };
            Some((
                fixed(date, 2, true),
                id(fr, "DATE/EN/WEEKEND", "DATE/FR/WEEKEND"),
            ))
        }
        Kind::PastPeriod { fr } => {
            let unit = gs(c, "unit")?;
            let n = match (gs(c, "n"), gs(c, "n2")) {
                (_, Some(n2)) => small_num(n2)?,
                (Some(n), None) => small_num(n)?,
                (None, None) => {
                    if unit.ends_with('s') {
                        return None;
                    }
                    1
                }
            };
            let per = if unit.starts_with("week") || unit.starts_with("semaine") {
                7
            } else if unit.starts_with("month") || unit.starts_with("mois") {
                30
            } else {
                1
            };
            let days = i64::from(n) * per;
            if !(1..=31).contains(&days) {
                return None;
            }
            let (date, p) = span_mid(add_days(published, 1 - days)?, published)?;
            Some((
                fixed(date, p, true),
                id(fr, "DATE/EN/PAST_PERIOD", "DATE/FR/PAST_PERIOD"),
            ))
        }
        Kind::RelDay { fr } => {
            let w = gs(c, "w")?;
            let off = if w.contains("before yesterday")
                || w.contains("before last")
                || w.starts_with("avant")
            {
                -2
            } else if w.contains("yesterday")
                || w.contains("last")
                || w == "overnight"
                || w.contains("hier")
                || w.contains("nuit")
            {
                -1
            } else {
                0
            };
            let mut date = add_days(published, off)?;
            // "died yesterday Saturday", « hier samedi »: the named day is the explicit one (a
            // report republished a few days later keeps its first "yesterday")
            if let Some(w) = wd_of(c, "wd") {
                date = latest_wd(date, w)?;
            }
            Some((
                fixed(date, 1, true),
                id(fr, "DATE/EN/REL_DAY", "DATE/FR/REL_DAY"),
            ))
        }
        Kind::Ago { fr } => {
            let n = i64::from(small_num(gs(c, "n")?)?);
            let unit = gs(c, "unit")?;
            let (days, p) = if unit.starts_with("week") || unit.starts_with("semaine") {
                if n > 8 {
                    return None;
                }
                (n * 7, 2)
            } else {
                if n > 31 {
                    return None;
                }
                (n, 1)
            };
            Some((
                fixed(add_days(published, -days)?, p, true),
                id(fr, "DATE/EN/AGO", "DATE/FR/AGO"),
            ))
        }
        Kind::RelPrev { fr } => {
            let off = match gs(c, "w") {
                Some(w) => {
                    if w.contains("before")
                        || w.contains("previous")
                        || w.contains("earlier")
                        || w.contains("veille")
                        || w.contains("precedent")
                    {
                        -1
                    } else {
                        1
                    }
                }
                None => {
                    let n = i64::from(small_num(gs(c, "n")?)?);
                    if n > 31 {
                        return None;
                    }
                    let dir = gs(c, "dir")?;
                    if dir.contains("later") || dir.contains("tard") {
                        n
                    } else {
                        -n
                    }
                }
            };
            Some((
                Val::Prev(off),
                id(fr, "DATE/EN/REL_PREV", "DATE/FR/REL_PREV"),
            ))
        }
        Kind::Weekday { fr } => {
            let pre = gs(c, "pre").unwrap_or("");
            let post = gs(c, "post").unwrap_or("");
            if matches!(pre, "next" | "every" | "chaque")
                || pre.starts_with("tous")
                || post == "prochain"
            {
                return None;
            }
            let w = wd_of(c, "wd")?;
            let mut date = latest_wd(published, w)?;
            let last = pre == "last" || post == "dernier" || post == "passe";
            if last && date == published {
                date = add_days(date, -7)?;
            }
            Some((
                fixed(date, 1, true),
                id(fr, "DATE/EN/WEEKDAY", "DATE/FR/WEEKDAY"),
            ))
        }
        Kind::Night { fr } => {
            let w1 = wd_of(c, "wd1");
            let w2 = wd_of(c, "wd2");
            let date = match (w1, w2) {
                (_, Some(w2)) => {
                    let end = latest_wd(published, w2)?;
                    let back = match w1 {
                        Some(w1) => {
                            let k = (w2.num_days_from_monday() + 7 - w1.num_days_from_monday()) % 7;
                            if k == 0 {
                                1
                            } else {
                                k
                            }
                        }
                        None => 1,
                    };
                    add_days(end, -i64::from(back))?
                }
                (Some(w1), None) => latest_wd(published, w1)?,
                (None, None) => return None,
            };
            Some((
                fixed(date, 1, true),
                id(fr, "DATE/EN/NIGHT_WEEKDAY", "DATE/FR/NIGHT_WEEKDAY"),
            ))
        }
        Kind::WdRange { fr } => {
            let (w1, w2) = (wd_of(c, "wd1")?, wd_of(c, "wd2")?);
            let end = latest_wd(published, w2)?;
            let k = (w2.num_days_from_monday() + 7 - w1.num_days_from_monday()) % 7;
            let (date, p) = span_mid(add_days(end, -i64::from(k))?, end)?;
            Some((
                fixed(date, p, true),
                id(fr, "DATE/EN/WEEKDAY_RANGE", "DATE/FR/WEEKDAY_RANGE"),
            ))
        }
        Kind::WdDay { fr } => {
            if followed_by_word(s, m0.end()) {
                return None;
            }
            let date = recent_dom(num(c, "d")?, published)?;
            Some((
                fixed(date, 1, false),
                id(fr, "DATE/EN/WEEKDAY_DAY", "DATE/FR/WEEKDAY_DAY"),
            ))
        }
    }
}

/// Keep the best non-overlapping candidates (rank, then longest), in text order, and resolve
/// the ones relative to the previous mention.
fn select(mut cands: Vec<Cand>, ctx: &Ctx) -> Vec<DateMention> {
    cands.sort_by(|a, b| {
        a.rank
            .cmp(&b.rank)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
            .then(a.order.cmp(&b.order))
    });
    let mut taken: BTreeMap<usize, Cand> = BTreeMap::new();
    for c in cands {
        let overlaps = taken
            .range(..c.end)
            .next_back()
            .is_some_and(|(_, t)| t.end > c.start);
        if !overlaps {
            taken.insert(c.start, c);
        }
    }
    let mut out: Vec<DateMention> = Vec::with_capacity(taken.len());
    let mut anchor: Option<NaiveDate> = None;
    for c in taken.into_values() {
        let (date, precision, relative) = match c.val {
            Val::Fixed {
                date,
                precision,
                relative,
            } => (date, precision, relative),
            Val::Prev(off) => {
                let base = anchor.unwrap_or(ctx.published);
                let Some(d) = add_days(base, off) else {
                    continue;
                };
                (d, 1, true)
            }
        };
        if precision == 1 {
            anchor = Some(date);
        }
        let span = ctx.folded.span(c.start, c.end);
        if span.is_empty()
            || span.end > ctx.text.len()
            || !ctx.text.is_char_boundary(span.start)
            || !ctx.text.is_char_boundary(span.end)
        {
            continue;
        }
        out.push(DateMention {
            span,
            date,
            precision,
            rule: c.rule,
            relative,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// (text, published, expected date of the single mention, precision)
    const CASES: &[(&str, &str, &str, u8)] = &[
        // "yesterday" with its weekday named: the weekday
        (
            "He died yesterday Saturday on his way",
            "2025-11-11",
            "2025-11-08",
            1,
        ),
        (
            "Les assaillants ont attaque hier samedi matin",
            "2025-11-11",
            "2025-11-08",
            1,
        ),
        // absolute, English
        ("Friday November 7, 2025", "2025-11-07", "2025-11-07", 1),
        (
            "Gunmen attacked the camp on 7 November 2025.",
            "2025-11-09",
            "2025-11-07",
            1,
        ),
        (
            "The attack on November 5 killed ten.",
            "2025-11-07",
            "2025-11-05",
            1,
        ),
        (
            "It happened on 5 November in Gao.",
            "2025-11-07",
            "2025-11-05",
            1,
        ),
        ("on the 5th of November", "2025-11-07", "2025-11-05", 1),
        ("Nov. 5", "2025-11-07", "2025-11-05", 1),
        ("event_date 2025-11-05", "2025-11-07", "2025-11-05", 1),
        ("16/02/2021", "2021-03-01", "2021-02-16", 1),
        ("16-Feb-21", "2021-03-01", "2021-02-16", 1),
        ("16 February 2021", "2021-03-01", "2021-02-16", 1),
        // absolute, French
        ("vendredi 7 novembre 2025", "2025-11-07", "2025-11-07", 1),
        (
            "L'attaque a eu lieu le 5 novembre.",
            "2025-11-07",
            "2025-11-05",
            1,
        ),
        ("Le 1er novembre à Ségou", "2025-11-07", "2025-11-01", 1),
        ("le 3 février", "2025-03-01", "2025-02-03", 1),
        ("le 15 août", "2025-09-01", "2025-08-15", 1),
        // missing year: most recent not after publication
        ("on 28 December", "2026-01-02", "2025-12-28", 1),
        ("le 30 décembre", "2026-01-02", "2025-12-30", 1),
        ("on 8 November", "2025-11-07", "2024-11-08", 1),
        // weekday inconsistent with the date: ignored
        ("Thursday 7 November 2025", "2025-11-08", "2025-11-07", 1),
        // relative day
        ("yesterday", "2025-11-07", "2025-11-06", 1),
        ("the night before last", "2025-11-07", "2025-11-05", 1),
        ("Soldiers were killed today.", "2025-11-07", "2025-11-07", 1),
        ("this morning", "2025-11-07", "2025-11-07", 1),
        (
            "Fighting broke out last night",
            "2025-11-07",
            "2025-11-06",
            1,
        ),
        ("Gunmen struck overnight.", "2025-11-07", "2025-11-06", 1),
        ("on Friday", "2025-11-07", "2025-11-07", 1),
        ("Friday night", "2025-11-10", "2025-11-07", 1),
        ("on Tuesday evening", "2025-11-07", "2025-11-04", 1),
        ("two days ago", "2025-11-07", "2025-11-05", 1),
        ("the day before", "2025-11-07", "2025-11-06", 1),
        ("last Friday", "2025-11-07", "2025-10-31", 1),
        (
            "overnight Saturday into Sunday",
            "2025-11-10",
            "2025-11-08",
            1,
        ),
        ("hier", "2025-11-07", "2025-11-06", 1),
        ("avant-hier", "2025-11-07", "2025-11-05", 1),
        ("aujourd’hui", "2025-11-07", "2025-11-07", 1),
        ("ce matin", "2025-11-07", "2025-11-07", 1),
        ("hier soir", "2025-11-07", "2025-11-06", 1),
        ("vendredi", "2025-11-10", "2025-11-07", 1),
        ("samedi dernier", "2025-11-08", "2025-11-01", 1),
        (
            "dans la nuit de samedi à dimanche",
            "2025-11-10",
            "2025-11-08",
            1,
        ),
        ("dans la nuit du 3 au 4 juin", "2024-06-05", "2024-06-03", 1),
        ("il y a deux jours", "2025-11-07", "2025-11-05", 1),
        // codebook section 6 examples
        (
            "stormed the camp at Boulkessi on Sunday 14 April.",
            "2024-04-16",
            "2024-04-14",
            1,
        ),
        (
            "hit a roadside bomb between Boni and Hombori on Tuesday",
            "2023-10-19",
            "2023-10-17",
            1,
        ),
        (
            "struck a pickup near Anefis on 3 June, killing four",
            "2024-06-05",
            "2024-06-03",
            1,
        ),
        (
            "overran the post on Saturday 2 September after",
            "2023-09-05",
            "2023-09-02",
            1,
        ),
        ("In Kaya on Thursday, youths", "2024-05-10", "2024-05-09", 1),
        // spans, precision 2
        ("last week", "2025-11-07", "2025-10-29", 2),
        ("earlier this week", "2025-11-07", "2025-11-04", 2),
        ("this week", "2025-11-07", "2025-11-05", 2),
        (
            "kidnapped three traders over the weekend",
            "2024-01-08",
            "2024-01-06",
            2,
        ),
        ("le week-end dernier", "2024-01-08", "2024-01-06", 2),
        ("ce week-end", "2024-01-07", "2024-01-06", 2),
        ("between 3 and 4 June", "2024-06-05", "2024-06-03", 2),
        ("3-4 June", "2024-06-05", "2024-06-03", 2),
        ("June 3-4", "2024-06-05", "2024-06-03", 2),
        ("around the 12th", "2024-06-14", "2024-06-12", 2),
        ("la semaine dernière", "2025-11-07", "2025-10-29", 2),
        ("en début de semaine", "2025-11-07", "2025-11-04", 2),
        ("entre le 3 et le 5 mars", "2024-03-10", "2024-03-04", 2),
        ("between Friday and Sunday", "2025-11-10", "2025-11-08", 2),
        // month level, precision 3
        ("in January", "2024-03-10", "2024-01-15", 3),
        ("earlier this month", "2024-01-22", "2024-01-15", 3),
        ("earlier this month", "2024-01-10", "2024-01-10", 3),
        ("last month", "2024-01-22", "2023-12-15", 3),
        ("mid-January", "2024-03-10", "2024-01-15", 3),
        ("in early January", "2024-03-10", "2024-01-15", 3),
        ("late January", "2024-03-10", "2024-01-15", 3),
        ("at the end of last month", "2024-03-10", "2024-02-29", 3),
        (
            "at the beginning of the month",
            "2024-03-10",
            "2024-03-01",
            3,
        ),
        ("début janvier", "2024-03-10", "2024-01-15", 3),
        ("mi-janvier", "2024-03-10", "2024-01-15", 3),
        ("fin janvier", "2024-03-10", "2024-01-15", 3),
        ("à la fin du mois de janvier", "2024-03-10", "2024-01-31", 3),
        ("le mois dernier", "2024-01-22", "2023-12-15", 3),
        ("en décembre", "2024-01-22", "2023-12-15", 3),
        ("in the past two weeks", "2024-01-22", "2024-01-15", 3),
        ("in the past two weeks", "2024-02-05", "2024-01-29", 3),
        (
            "in the past two or three weeks",
            "2024-01-25",
            "2024-01-15",
            3,
        ),
        ("in November", "2025-11-07", "2025-11-07", 3),
        ("in May 2024", "2025-01-07", "2024-05-15", 3),
        (
            "au cours des deux dernières semaines",
            "2024-01-22",
            "2024-01-15",
            3,
        ),
        // ACLED analyst-note forms
        (
            "On 23 February 2022, JNIM militants attacked",
            "2022-03-01",
            "2022-02-23",
            1,
        ),
        (
            "Around 12 January 2022 (as reported), unidentified gunmen",
            "2022-02-01",
            "2022-01-12",
            1,
        ),
        ("On 9 January, the army", "2022-01-20", "2022-01-09", 1),
        (
            "On the night of 3 June 2019, gunmen",
            "2019-06-10",
            "2019-06-03",
            1,
        ),
        (
            "Between 3 and 5 March 2019, clashes",
            "2019-04-01",
            "2019-03-04",
            2,
        ),
    ];

    #[test]
    fn table() {
        assert!(CASES.len() >= 40);
        for (text, published, want, prec) in CASES {
            let got = find_dates(text, d(published));
            assert_eq!(got.len(), 1, "{text:?} ({published}): {got:?}");
            let m = &got[0];
            assert_eq!(m.date, d(want), "{text:?} ({published}): {m:?}");
            assert_eq!(m.precision, *prec, "{text:?} ({published}): {m:?}");
            assert!(RULE_IDS.contains(&m.rule), "{}", m.rule);
            let en = m.rule.starts_with("DATE/EN/");
            let fr = m.rule.starts_with("DATE/FR/");
            assert!(en || fr, "{}", m.rule);
        }
    }

    #[test]
    fn not_dates() {
        for text in [
            "in 2019",
            "since 2012 the group",
            "last year",
            "in recent months",
            "the past year",
            "at 7 pm",
            "at 19:30",
            "aged 25",
            "7 soldiers were killed",
            "they may return to the village",
            "protesters march on the capital",
            "En 2019, le groupe",
            "l'année dernière",
            "ces derniers mois",
            "depuis 2012",
            "10.0.0.1",
            "version 1.2.3",
            "next Friday",
            "lundi prochain",
            "tous les vendredis",
            "on Fridays",
            "in recent weeks",
            "six mois",
            "la semaine prochaine",
            "a few days ago",
            "in the past few days",
            "",
        ] {
            let got = find_dates(text, d("2025-11-07"));
            assert!(got.is_empty(), "{text:?}: {got:?}");
        }
    }

    #[test]
    fn spans_rules_and_order() {
        let text = "Le 1er novembre à Ségou, des hommes armés ont attaqué. La veille, hier et \
                    le 3 février 2024 aussi.";
        let got = find_dates(text, d("2025-11-07"));
        let spans: Vec<&str> = got
            .iter()
            .map(|m| &text[m.span.start..m.span.end])
            .collect();
        assert_eq!(
            spans,
            ["Le 1er novembre", "La veille", "hier", "le 3 février 2024"]
        );
        assert_eq!(got[0].rule, "DATE/FR/DMY");
        assert_eq!(got[1].rule, "DATE/FR/REL_PREV");
        assert_eq!(got[1].date, d("2025-10-31"));
        assert!(got[1].relative);
        assert_eq!(got[2].date, d("2025-11-06"));
        assert_eq!(got[3].date, d("2024-02-03"));

        let text = "Around 12 January 2022 (as reported), gunmen attacked.";
        let got = find_dates(text, d("2022-02-01"));
        assert_eq!(got.len(), 1);
        assert!(is_approximate(&got[0]));
        assert_eq!(
            &text[got[0].span.start..got[0].span.end],
            "Around 12 January 2022"
        );

        let got = find_dates("on Friday", d("2025-11-07"));
        assert!(is_ambiguous_weekday(&got[0], d("2025-11-07")));
        let got = find_dates("on Thursday", d("2025-11-07"));
        assert!(!is_ambiguous_weekday(&got[0], d("2025-11-07")));

        let text = "On Friday November 7, 2025, JNIM attacked; the next day the army \
                    responded. Last week, in early October and on 3 June, other raids.";
        let got = find_dates(text, d("2025-11-10"));
        let r: Vec<(&str, NaiveDate, u8)> =
            got.iter().map(|m| (m.rule, m.date, m.precision)).collect();
        assert_eq!(
            r,
            [
                ("DATE/EN/MDY", d("2025-11-07"), 1),
                ("DATE/EN/REL_PREV", d("2025-11-08"), 1),
                ("DATE/EN/WEEK", d("2025-11-05"), 2),
                ("DATE/EN/MONTH_PART", d("2025-10-15"), 3),
                ("DATE/EN/DMY", d("2025-06-03"), 1),
            ]
        );
    }

    #[test]
    fn span_edges() {
        let p = d("2025-11-09");
        for (text, want) in [
            (
                "stormed the camp on Sunday 14 April. Then",
                "on Sunday 14 April",
            ),
            ("raided on Nov. 3 at dawn", "on Nov. 3"),
            ("le 1ᵉʳ novembre, à l’aube", "le 1ᵉʳ novembre"),
            ("le 14 août.", "le 14 août"),
            ("this past weekend", "this past weekend"),
            ("Straße, 7 November", "7 November"),
        ] {
            let got = find_dates(text, p);
            assert_eq!(got.len(), 1, "{text:?}: {got:?}");
            assert_eq!(&text[got[0].span.start..got[0].span.end], want);
        }
    }

    #[test]
    fn every_lazy_regex_compiles() {
        assert_eq!(RULES.len(), rule_defs().len());
        assert!(SET.is_some());
        assert_eq!(SET.as_ref().map(|s| s.len()), Some(RULES.len()));
    }

    #[test]
    fn extreme_publication_dates_do_not_panic() {
        let text = "yesterday, last week, in January, on 29 February, 3-4 June, last month, \
                    over the weekend, in the past two weeks, on Friday, la veille";
        for p in [
            NaiveDate::MIN,
            NaiveDate::MAX,
            d("2024-02-29"),
            d("2000-01-01"),
        ] {
            let _ = find_dates(text, p);
        }
        // 29 February resolves to the most recent leap year
        let got = find_dates("on 29 February", d("2025-06-01"));
        assert_eq!(got[0].date, d("2024-02-29"));
    }

    fn check_spans(text: &str, got: &[DateMention]) {
        let mut last = 0;
        for m in got {
            assert!(m.span.start >= last && m.span.start < m.span.end);
            assert!(m.span.end <= text.len());
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            assert!((1..=3).contains(&m.precision));
            last = m.span.end;
        }
    }

    proptest! {
        #[test]
        fn never_panics_on_any_string(text in any::<String>()) {
            let got = find_dates(&text, d("2025-11-07"));
            check_spans(&text, &got);
        }

        #[test]
        fn never_panics_on_date_like_soup(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("le"), Just("1er"), Just("31"), Just("29"), Just("février"),
                    Just("Nov."), Just("May"), Just("2024"), Just("-"), Just("/"), Just("et"),
                    Just("between"), Just("and"), Just("Friday"), Just("samedi"), Just("à"),
                    Just("dans la nuit de"), Just("week-end"), Just("last"), Just("dernier"),
                    Just("ß"), Just("İ"), Just("’"), Just("ᵉʳ"), Just("\u{a0}"), Just("éé"),
                    Just("the day before"), Just("la veille"), Just("mi-"), Just("mois"),
                ],
                0..24,
            ),
            seps in proptest::collection::vec(prop_oneof![Just(" "), Just(""), Just(", ")], 24),
            day in 0i64..40000,
        ) {
            let mut text = String::new();
            for (i, p) in parts.iter().enumerate() {
                text.push_str(p);
                text.push_str(seps.get(i).copied().unwrap_or(" "));
            }
            let published = d("1950-01-01") + chrono::Days::new(day as u64);
            let got = find_dates(&text, published);
            check_spans(&text, &got);
        }
    }
}
