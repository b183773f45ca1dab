//! Actors: the alias dictionary (`actors.tsv`), state-force regime periods
//! (`state_forces.tsv`), finding actor mentions in text, and resolving a mention to an ACLED
//! actor string and inter code for the event's country and date (codebook section 3).

use chrono::NaiveDate;
use std::collections::HashMap;

use crate::countries::{Countries, CountryMention, CountryMentionKind};
use crate::dict::{tsv_rows, PhraseMatcher};
use crate::text::Folded;
use crate::types::Span;
use crate::DataError;

/// What sort of actor an entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActorKind {
    /// A named organisation (JNIM, Al Shabaab).
    Named,
    /// State forces (military, police, gendarmerie) named generically or by template.
    State,
    /// Civilians.
    Civilian,
    /// Peaceful demonstrators.
    Protester,
    /// Rioters.
    Rioter,
    /// Unidentified armed men.
    Unidentified,
    /// Communal or ethnic militia.
    Militia,
}

impl ActorKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s.trim() {
            "named" => ActorKind::Named,
            "state" => ActorKind::State,
            "civilian" => ActorKind::Civilian,
            "protester" => ActorKind::Protester,
            "rioter" => ActorKind::Rioter,
            "unidentified" => ActorKind::Unidentified,
            "militia" => ActorKind::Militia,
            _ => return None,
        })
    }
    /// True for organised armed actors (may fight, may be attacked as combatants).
    pub fn is_armed(self) -> bool {
        matches!(
            self,
            ActorKind::Named | ActorKind::State | ActorKind::Unidentified | ActorKind::Militia
        )
    }
}

/// One row of `actors.tsv`.
#[derive(Debug, Clone)]
pub struct ActorEntry {
    /// Stable ID.
    pub id: String,
    /// ACLED string or template (`{military}`, `Civilians ({country})`).
    pub name: String,
    /// Home-country actor type.
    pub inter: u8,
    /// Home country, index into the country table.
    pub country: Option<usize>,
    /// Kind.
    pub kind: ActorKind,
    /// Parent organisation (entry index) and the date from which the group is coded as it.
    pub member_of: Option<(usize, NaiveDate)>,
    /// Fights beside the state forces (Wagner, VDP): associated actor of the state.
    pub state_ally: bool,
    /// A generic name of a family of country branches ("Islamic State ({country})"): resolved
    /// to the family's row for the event's country when there is one.
    pub branch: bool,
    /// Name of a local unit, `{unit}` standing for the place named right before the alias
    /// ("the Mingin PDF" → `People's Defense Force - Mingin`).
    pub unit_name: Option<String>,
    /// The group's earlier names: `(entry index, until)`, oldest first; before `until` the group
    /// is coded under that entry's name (ISGS → ISWAP-Greater Sahara → IS Sahel). An entry
    /// with no date closes the chain: the name from the last date on.
    pub names_by_date: Vec<(usize, Option<NaiveDate>)>,
}

/// One row of `state_forces.tsv`.
#[derive(Debug, Clone)]
struct StatePeriod {
    id: String,
    kind: String,
    from: NaiveDate,
    to: Option<NaiveDate>,
    name: String,
}

/// An actor named in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorMention {
    /// Original span (includes a preceding country adjective when there is one).
    pub span: Span,
    /// Entry index; `None` for "<adjective> forces" with no dictionary entry.
    pub entry: Option<usize>,
    /// Country given by an adjective in the text ("Malian soldiers"), if any.
    pub country: Option<usize>,
    /// The entry's kind.
    pub kind: ActorKind,
}

/// A resolved actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// ACLED actor string.
    pub name: String,
    /// Inter code for this event (8 for state forces abroad).
    pub inter: u8,
    /// Kind.
    pub kind: ActorKind,
    /// Dictionary or period ID.
    pub rule: String,
    /// The unit's own name when it is coded as its parent (`Katiba Macina` under JNIM).
    pub assoc: Option<String>,
    /// Fights beside the state forces.
    pub state_ally: bool,
    /// A civilian official (`Government of Mali (2021-)`): a victim label, not a combatant.
    pub official: bool,
}

/// The actor dictionary and regime periods.
#[derive(Debug, Clone)]
pub struct ActorDict {
    entries: Vec<ActorEntry>,
    matcher: PhraseMatcher,
    periods: HashMap<(usize, String), Vec<StatePeriod>>,
    military_entry: Option<usize>,
    /// `JNIM ... and/or Islamic State (Sahel)` (DR-22: the source does not settle which).
    jnim_or_is: Option<usize>,
}

/// Words that, after a country adjective, name that country's forces.
const FORCE_WORDS: &[(&str, &str)] = &[
    ("forces", "military"),
    ("force", "military"),
    ("troops", "military"),
    ("army", "military"),
    ("military", "military"),
    ("soldiers", "military"),
    ("soldier", "military"),
    ("servicemen", "military"),
    ("navy", "military"),
    ("air", "military"),
    ("armed", "military"),
    ("jets", "military"),
    ("warplanes", "military"),
    ("drone", "military"),
    ("drones", "military"),
    ("artillery", "military"),
    ("police", "police"),
    ("policemen", "police"),
    ("gendarmes", "police"),
    ("security", "military"),
    ("militaires", "military"),
    ("soldats", "military"),
    ("armee", "military"),
];

impl ActorDict {
    /// Parse `actors.tsv` and `state_forces.tsv`.
    pub fn parse(actors: &str, periods: &str, countries: &Countries) -> Result<Self, DataError> {
        let mut entries = Vec::new();
        let mut parents: Vec<(usize, String, NaiveDate, usize)> = Vec::new();
        let mut chains: Vec<(usize, String, usize)> = Vec::new();
        let mut pats: Vec<(usize, String)> = Vec::new();
        for row in tsv_rows("actors.tsv", actors, 6) {
            let (n, f) = row?;
            let inter: u8 = f[2]
                .trim()
                .parse()
                .map_err(|_| DataError::new("actors.tsv", n, "bad inter code"))?;
            let kind = ActorKind::parse(f[5])
                .ok_or_else(|| DataError::new("actors.tsv", n, "unknown kind"))?;
            let country = match f[3].trim() {
                "" => None,
                c => countries.by_iso3(c),
            };
            let idx = entries.len();
            let state_ally = f.get(6).map(|s| s.trim()) == Some("ALLY:STATE");
            let branch = f.get(6).map(|s| s.trim()) == Some("BRANCH");
            if let Some(m) = f
                .get(6)
                .map(|s| s.trim())
                .filter(|s| !s.is_empty() && !state_ally && !branch)
            {
                let (pid, from) = m
                    .split_once('@')
                    .and_then(|(p, d)| Some((p, NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?)))
                    .ok_or_else(|| DataError::new("actors.tsv", n, "bad member_of"))?;
                parents.push((idx, pid.to_string(), from, n));
            }
            if let Some(c) = f.get(8).map(|s| s.trim()).filter(|s| !s.is_empty()) {
                chains.push((idx, c.to_string(), n));
            }
            for a in f[4].split('|') {
                pats.push((idx, a.trim().to_string()));
            }
            // the canonical name is an alias too, unless it is a template
            if !f[1].contains('{') {
                pats.push((idx, f[1].trim().to_string()));
            }
            entries.push(ActorEntry {
                id: f[0].trim().to_string(),
                name: f[1].trim().to_string(),
                inter,
                country,
                kind,
                member_of: None,
                state_ally,
                branch,
                unit_name: f
                    .get(7)
                    .map(|u| u.trim().to_string())
                    .filter(|u| u.contains("{unit}")),
                names_by_date: Vec::new(),
            });
        }
        for (idx, pid, from, line) in parents {
            let p = entries
                .iter()
                .position(|e| e.id == pid)
                .ok_or_else(|| DataError::new("actors.tsv", line, "member_of names no entry"))?;
            entries[idx].member_of = Some((p, from));
        }
        for (idx, chain, line) in chains {
            let bad = || DataError::new("actors.tsv", line, "bad names_by_date");
            let mut out = Vec::new();
            for link in chain.split('|') {
                let (id, until) = match link.split_once('<') {
                    Some((id, d)) => (
                        id.trim(),
                        Some(NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| bad())?),
                    ),
                    None => (link.trim(), None),
                };
                let p = entries.iter().position(|e| e.id == id).ok_or_else(bad)?;
                out.push((p, until));
            }
            entries[idx].names_by_date = out;
        }
        let matcher = PhraseMatcher::new("actors.tsv", pats.iter().map(|(i, p)| (*i, p.as_str())))?;
        let mut per: HashMap<(usize, String), Vec<StatePeriod>> = HashMap::new();
        for row in tsv_rows("state_forces.tsv", periods, 6) {
            let (n, f) = row?;
            let Some(c) = countries.by_iso3(f[1].trim()) else {
                continue;
            };
            let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
            let from =
                date(f[3]).ok_or_else(|| DataError::new("state_forces.tsv", n, "bad from date"))?;
            per.entry((c, f[2].trim().to_string()))
                .or_default()
                .push(StatePeriod {
                    id: f[0].trim().to_string(),
                    kind: f[2].trim().to_string(),
                    from,
                    to: date(f[4]),
                    name: f[5].trim().to_string(),
                });
        }
        let military_entry = entries.iter().position(|e| e.name == "{military}");
        let jnim_or_is = entries.iter().position(|e| e.id == "ACT-JNIM-OR-IS");
        Ok(ActorDict {
            entries,
            matcher,
            periods: per,
            military_entry,
            jnim_or_is,
        })
    }

    /// Entry by index.
    pub fn entry(&self, i: usize) -> &ActorEntry {
        &self.entries[i]
    }

    /// Actor mentions in `folded`, the folding of `text` (acronyms match only where `text`
    /// writes them in capitals). `country_mentions` come from
    /// [`Countries::find`] on the same text: an adjective right before an actor gives it
    /// its country, and "<adjective> forces/troops/army" is a state actor of that country.
    pub fn find(
        &self,
        text: &str,
        folded: &Folded,
        country_mentions: &[CountryMention],
    ) -> Vec<ActorMention> {
        let hits = self.matcher.find_cased(folded, text);
        let s = &folded.s;
        let mut out: Vec<ActorMention> = Vec::with_capacity(hits.len());
        let adjective_before = |fstart: usize| -> Option<&CountryMention> {
            country_mentions.iter().rev().find(|cm| {
                if cm.kind != CountryMentionKind::Adjective && cm.kind != CountryMentionKind::Name {
                    return false;
                }
                let cf_end = folded.folded_offset(cm.span.end);
                if cf_end > fstart || fstart - cf_end > 24 {
                    return false;
                }
                // only modifier words in between ("Malian armed forces", "Burkinabe security")
                s[cf_end..fstart].split_whitespace().all(|w| {
                    matches!(
                        w,
                        "armed"
                            | "security"
                            | "special"
                            | "government"
                            | "regular"
                            | "national"
                            | "defence"
                            | "defense"
                            | "and"
                            | "-"
                    )
                })
            })
        };
        for h in &hits {
            let e = &self.entries[h.entry];
            let adj = adjective_before(h.fstart);
            let (span, country) = match adj {
                Some(cm) => (
                    Span::new(cm.span.start.min(h.span.start), h.span.end),
                    Some(cm.country),
                ),
                None => (h.span, None),
            };
            out.push(ActorMention {
                span,
                entry: Some(h.entry),
                country,
                kind: e.kind,
            });
        }
        // "<adjective> forces" where the dictionary has no entry for the noun
        for cm in country_mentions {
            if cm.kind != CountryMentionKind::Adjective {
                continue;
            }
            let fe = folded.folded_offset(cm.span.end);
            let rest = s[fe..].trim_start();
            let word_end = rest
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            let word = &rest[..word_end];
            let Some((_, kind)) = FORCE_WORDS.iter().find(|(w, _)| *w == word) else {
                continue;
            };
            let wstart = fe + (s[fe..].len() - rest.len());
            let wend = wstart + word_end;
            if out.iter().any(|m| {
                let mf = folded.folded_offset(m.span.end);
                mf >= wend && folded.folded_offset(m.span.start) <= wstart
            }) {
                continue;
            }
            let entry = if *kind == "military" {
                self.military_entry
            } else {
                self.entries.iter().position(|e| e.name == "{police}")
            };
            out.push(ActorMention {
                span: Span::new(cm.span.start, folded.span(wstart, wend).end),
                entry,
                country: Some(cm.country),
                kind: ActorKind::State,
            });
        }
        out.sort_by_key(|m| (m.span.start, m.span.end));
        self.merge_unsettled(folded, &mut out);
        out
    }

    /// "JNIM and/or ISGS militants", "JNIM ou l'EIGS": the source names both groups without
    /// settling which one acted; coded as the two-group actor (codebook DR-22).
    fn merge_unsettled(&self, folded: &Folded, out: &mut Vec<ActorMention>) {
        let Some(both) = self.jnim_or_is else {
            return;
        };
        let family = |m: &ActorMention| -> u8 {
            let Some(e) = m.entry.map(|i| &self.entries[i]) else {
                return 0;
            };
            let jnim = |e: &ActorEntry| e.id == "ACT-JNIM";
            if jnim(e) || e.member_of.is_some_and(|(p, _)| jnim(&self.entries[p])) {
                1
            } else if e.id.starts_with("ACT-IS-SAHEL")
                || e.id == "ACT-IS-GS"
                || e.id == "ACT-IS-WA-GSF"
                || e.id == "ACT-IS-GENERIC"
            {
                2
            } else {
                0
            }
        };
        let mut i = 0;
        while i + 1 < out.len() {
            let (a, b) = (out[i], out[i + 1]);
            let (fa, fb) = (family(&a), family(&b));
            let gap = folded
                .s
                .get(folded.folded_offset(a.span.end)..folded.folded_offset(b.span.start))
                .unwrap_or("")
                .trim();
            let gap = gap
                .strip_suffix(" the")
                .or_else(|| gap.strip_suffix(" l'"))
                .unwrap_or(gap)
                .trim();
            if fa != 0
                && fb != 0
                && fa != fb
                && matches!(gap, "and/or" | "or" | "/" | "ou" | "et/ou" | "and or")
            {
                out[i] = ActorMention {
                    span: Span::new(a.span.start, b.span.end),
                    entry: Some(both),
                    country: None,
                    kind: ActorKind::Named,
                };
                out.remove(i + 1);
            }
            i += 1;
        }
    }

    /// Resolve a mention to an ACLED actor for an event in `event_country` on `date`.
    pub fn resolve(
        &self,
        m: &ActorMention,
        event_country: Option<usize>,
        date: NaiveDate,
        countries: &Countries,
    ) -> Option<Actor> {
        let mut e = &self.entries[m.entry?];
        if e.branch {
            let family = e.name.split('{').next().unwrap_or("");
            if let Some(b) = self.entries.iter().find(|b| {
                !b.branch
                    && !family.is_empty()
                    && b.name.starts_with(family)
                    && b.country.is_some()
                    && b.country == event_country
            }) {
                e = b;
            }
        }
        let home = e.country;
        let mut assoc = None;
        if let Some((p, from)) = e.member_of {
            if date >= from {
                // a group that became the government is coded as the state's forces, with no
                // associated actor (codebook 3.2: an actor's type can change over time)
                if self.entries[p].kind != ActorKind::State {
                    assoc = Some(e.name.clone());
                }
                e = &self.entries[p];
            }
        }
        // an adjective in the text wins, then the entry's own country (FAMa is Mali's army
        // wherever it fights), then, for generic templates, the event's country
        let country = m
            .country
            .or(e.country)
            .or(home)
            .or(if e.name.contains('{') {
                event_country
            } else {
                None
            });
        // the name the group bore on the event's date
        let named = e
            .names_by_date
            .iter()
            .find(|(_, until)| until.is_none_or(|u| date < u))
            .map_or(e, |&(i, _)| &self.entries[i]);
        let mut name = named.name.clone();
        let mut rule = named.id.clone();
        if let Some(t) = ["{military}", "{police}", "{government}"]
            .iter()
            .find(|t| name.contains(**t))
        {
            let kind = &t[1..t.len() - 1];
            let c = country?;
            let (pname, pid) = self.period_name(c, kind, date, countries);
            name = name.replace(t, &pname);
            if let Some(pid) = pid {
                rule = format!("{rule}+{pid}");
            }
        }
        if name.contains("{country}") {
            let c = country?;
            name = name.replace("{country}", &countries.get(c).name);
        }
        let mut inter = e.inter;
        // a country's own forces outside its territory are external forces (codebook 3.2)
        if e.kind == ActorKind::State && inter == 1 {
            if let (Some(c), Some(ev)) = (country, event_country) {
                if c != ev {
                    inter = 8;
                }
            }
        }
        Some(Actor {
            name,
            inter,
            kind: e.kind,
            rule,
            assoc,
            state_ally: e.state_ally,
            official: e.name.contains("{government}"),
        })
    }

    /// `Military Forces of <Country> (<period>)` for the date, with the period's ID.
    pub fn period_name(
        &self,
        country: usize,
        kind: &str,
        date: NaiveDate,
        countries: &Countries,
    ) -> (String, Option<String>) {
        if let Some(ps) = self.periods.get(&(country, kind.to_string())) {
            // the period containing the date; the main (first-listed) row wins ties
            if let Some(p) = ps
                .iter()
                .find(|p| p.from <= date && p.to.is_none_or(|t| date < t) && p.kind == kind)
            {
                return (p.name.clone(), Some(p.id.clone()));
            }
            // before the first known period: take the earliest
            if let Some(p) = ps.iter().min_by_key(|p| p.from) {
                if date < p.from {
                    return (p.name.clone(), Some(p.id.clone()));
                }
            }
        }
        let label = match kind {
            "police" => "Police Forces of",
            "government" => "Government of",
            _ => "Military Forces of",
        };
        (format!("{label} {}", countries.get(country).name), None)
    }
}
