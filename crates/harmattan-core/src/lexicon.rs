//! The lexicon (`data/dictionaries/lexicon.tsv`): event triggers, targets, victims, weapons and
//! discourse cues. Every entry has a stable ID that ends up in the evidence of the fields it
//! decides.

use crate::dict::{tsv_rows, Hit, PhraseMatcher};
use crate::text::Folded;
use crate::types::Span;
use crate::DataError;

macro_rules! cats {
    ($($v:ident = $s:literal),* $(,)?) => {
        /// Lexicon categories.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Cat { $($v),* }
        /// Number of categories.
        pub const NCATS: usize = [$($s),*].len();
        impl Cat {
            /// Parse the category column.
            pub fn parse(s: &str) -> Option<Cat> {
                match s { $($s => Some(Cat::$v),)* _ => None }
            }
            /// The category's name in the TSV.
            pub fn as_str(self) -> &'static str {
                match self { $(Cat::$v => $s),* }
            }
        }
    };
}

cats! {
    Protest = "protest", ProtestWeak = "protest_weak", Strike = "strike", RiotAct = "riot_act", Barricade = "barricade", Mob = "mob", Crowd = "crowd", Partisan = "partisan",
    Intervention = "intervention", LiveFire = "live_fire", Clash = "clash", Attack = "attack",
    Ambush = "ambush", Kill = "kill", Injure = "injure", Abduct = "abduct", Sexual = "sexual",
    Assault = "assault", Shoot = "shoot", GroundFire = "ground_fire", Air = "air", Drone = "drone", Downed = "downed", Shelling = "shelling", Ied = "ied",
    Suicide = "suicide", Grenade = "grenade", Explosion = "explosion", Loot = "loot",
    Destroy = "destroy", Property = "property", Arrest = "arrest", Defuse = "defuse", SelfBlast = "self_blast",
    Agreement = "agreement", BaseEst = "base_est", Takeover = "takeover", Retake = "retake",
    Withdraw = "withdraw", Change = "change", OtherSd = "other_sd", MilTarget = "mil_target",
    ArmedTarget = "armed_target", CivVictim = "civ_victim", OffDuty = "off_duty",
    Significant = "significant", Background = "background", Natural = "natural", Hypothetical = "hypothetical",
    Anaphora = "anaphora", Claim = "claim", Negation = "negation", Near = "near",
    AttackerVerb = "attacker_verb",
}

/// One lexicon entry.
#[derive(Debug, Clone)]
pub struct LexEntry {
    /// Stable ID.
    pub id: String,
    /// Category.
    pub cat: Cat,
}

/// A cue found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    /// Original span.
    pub span: Span,
    /// Category.
    pub cat: Cat,
    /// Entry index (for the ID).
    pub entry: usize,
}

/// The compiled lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    entries: Vec<LexEntry>,
    matcher: PhraseMatcher,
}

impl Lexicon {
    /// Parse `lexicon.tsv` (`id category patterns`).
    pub fn parse(tsv: &str) -> Result<Self, DataError> {
        let mut entries = Vec::new();
        let mut pats: Vec<(usize, &str)> = Vec::new();
        for row in tsv_rows("lexicon.tsv", tsv, 3) {
            let (n, f) = row?;
            if f.len() != 3 {
                return Err(DataError::new("lexicon.tsv", n, "expected 3 columns"));
            }
            let cat = Cat::parse(f[1].trim())
                .ok_or_else(|| DataError::new("lexicon.tsv", n, "unknown category"))?;
            let idx = entries.len();
            entries.push(LexEntry {
                id: f[0].trim().to_string(),
                cat,
            });
            // A pattern may carry a trailing space as a word-end marker ("va "): trim it.
            pats.extend(f[2].split('|').map(|p| (idx, p)));
        }
        let matcher = PhraseMatcher::new("lexicon.tsv", pats)?;
        Ok(Lexicon { entries, matcher })
    }

    /// All cues in a folded text, in order.
    pub fn find(&self, folded: &Folded) -> Vec<Cue> {
        self.matcher
            .find(folded)
            .into_iter()
            .map(|Hit { span, entry, .. }| Cue {
                span,
                cat: self.entries[entry].cat,
                entry,
            })
            .collect()
    }

    /// The ID of an entry.
    pub fn id(&self, entry: usize) -> &str {
        &self.entries[entry].id
    }
}

/// Context rules over the lexicon's cues that a phrase list cannot express: seizures of
/// goods ([`goods_seized`]) and interceptions of people rather than weapons
/// ([`people_intercepted`]).
pub fn refine(folded: &Folded, cues: &mut Vec<Cue>) {
    goods_seized(folded, cues);
    people_intercepted(folded, cues);
    roads_blocked(folded, cues);
    animals_killed(folded, cues);
    context_dropped(folded, cues);
    weapons_seized(folded, cues);
    earlier_blast(folded, cues);
    past_fighting(folded, cues);
}

/// "a landmine from previous clashes exploded", "ordnance left over from the recent fighting":
/// fighting named as where a device came from is past, not part of the incident. Such clash
/// cues are dropped.
pub fn past_fighting(folded: &Folded, cues: &mut Vec<Cue>) {
    const BEFORE: [&str; 8] = [
        "from previous ",
        "from the previous ",
        "from past ",
        "from earlier ",
        "from the recent ",
        "from recent ",
        "left over from ",
        "remnants of ",
    ];
    let s = &folded.s;
    cues.retain(|c| {
        if c.cat != Cat::Clash {
            return true;
        }
        let a = folded.folded_offset(c.span.start);
        let head = &s[..a];
        !BEFORE.iter().any(|b| head.ends_with(b))
    });
}

/// "soldiers killed three herders after having been hit by an IED", "entered the hamlet
/// following an air raid": a blast, strike or shelling named after "after", "following" or
/// "in reaction to" is the earlier incident that led to this one (2.4: another actor pair,
/// another event). Its cues are dropped when the text tells violence of its own elsewhere
/// (a killing, an attack, a shooting, ...); otherwise the blast is the event.
pub fn earlier_blast(folded: &Folded, cues: &mut Vec<Cue>) {
    const OPENERS: [&str; 6] = [
        "after ",
        "following ",
        "in response to ",
        "in reaction to ",
        "in retaliation for ",
        "in reprisal for ",
    ];
    let remote = |c: Cat| {
        matches!(
            c,
            Cat::Ied
                | Cat::Explosion
                | Cat::Air
                | Cat::Drone
                | Cat::Shelling
                | Cat::Suicide
                | Cat::Grenade
        )
    };
    let s = &folded.s;
    // violence done by someone: an attack, a clash, a shooting, an abduction, or an active
    // "killed"/"wounded" with its object ("soldiers killed three herders"), not the passive
    // toll of the blast ("two were hurt after their car struck a mine")
    let own = |c: &Cue| match c.cat {
        Cat::Attack | Cat::Clash | Cat::Shoot | Cat::Abduct | Cat::Assault => true,
        Cat::Kill | Cat::Injure => {
            let a = folded.folded_offset(c.span.start);
            let e = folded.folded_offset(c.span.end);
            let prev = s[..a].split_whitespace().next_back().unwrap_or("");
            let next = s[e..].split_whitespace().next().unwrap_or("");
            s[a..e].ends_with("ed")
                && !matches!(
                    prev,
                    "was" | "were" | "been" | "being" | "is" | "are" | "and"
                )
                && !next.is_empty()
                && next.chars().next().is_some_and(char::is_alphanumeric)
                && !matches!(
                    next,
                    "after"
                        | "following"
                        | "in"
                        | "on"
                        | "at"
                        | "by"
                        | "during"
                        | "when"
                        | "and"
                        | "near"
                        | "while"
                        | "as"
                )
        }
        _ => false,
    };
    // (cue index, folded offset of its opener)
    let earlier: Vec<(usize, usize)> = (0..cues.len())
        .filter(|&i| remote(cues[i].cat))
        .filter_map(|i| {
            let a = folded.folded_offset(cues[i].span.start);
            // the opener at most five words before, in the same clause
            let lo = a.saturating_sub(60);
            let lo = (lo..=a).find(|&j| s.is_char_boundary(j)).unwrap_or(a);
            let head = &s[lo..a];
            OPENERS
                .iter()
                .filter_map(|o| {
                    head.rfind(o).filter(|&k| {
                        let gap = &head[k + o.len()..];
                        (k == 0 || head.as_bytes()[k - 1] == b' ')
                            && gap.split_whitespace().count() <= 5
                            && !gap.contains([',', '.', ';'])
                    })
                })
                .min()
                .map(|k| (i, lo + k))
        })
        .collect();
    let Some(&(_, opener)) = earlier.first() else {
        return;
    };
    // the violence told outside those phrases: a violent word before the first opener
    if !cues
        .iter()
        .any(|c| own(c) && folded.folded_offset(c.span.end) <= opener)
    {
        return;
    }
    let earlier: Vec<usize> = earlier.into_iter().map(|(i, _)| i).collect();
    let mut k = 0;
    cues.retain(|_| {
        let keep = !earlier.contains(&k);
        k += 1;
        keep
    });
}

/// "killed ten militants and seized motorbikes, arms and IED-making materials", "IEDs and
/// documents were seized": explosives, shells or grenades named as things seized, recovered
/// or found are a cache taken, not a weapon used (2.2 rank 21, "large weapons cache seized").
/// Such cues become [`Cat::Defuse`]. The seizure word must come before the weapon in the same
/// clause list (commas and "and" allowed, no full stop or semicolon, no other event word
/// between), or right after it ("IEDs, documents and materiel seized", "shells were found").
pub fn weapons_seized(folded: &Folded, cues: &mut [Cue]) {
    const SEIZE: [&str; 11] = [
        "seized",
        "seizing",
        "seizure",
        "recovered",
        "confiscated",
        "captured",
        "cache",
        "found",
        "discovered",
        "saisi",
        "recupere",
    ];
    let weapon = |c: Cat| matches!(c, Cat::Ied | Cat::Explosion | Cat::Grenade | Cat::Shelling);
    // cues that may stand in a list of things seized
    let listed =
        |c: Cat| weapon(c) || matches!(c, Cat::Loot | Cat::Arrest | Cat::Property | Cat::Defuse);
    let word_at = |s: &str, w: &str| {
        s.match_indices(w).any(|(i, _)| {
            let before = s[..i].chars().next_back();
            let after = s[i + w.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    };
    for i in 0..cues.len() {
        if !weapon(cues[i].cat) {
            continue;
        }
        let a = folded.folded_offset(cues[i].span.start);
        let e = folded.folded_offset(cues[i].span.end);
        // a weapon named, not a blast told ("causing it to explode", "detonated", "shelled")
        let w = &folded.s[a..e.max(a)];
        if [
            "explod", "detonat", "blew", "blow", "went off", "bombed", "bombing", "shelled",
            "shelling", "bombard",
        ]
        .iter()
        .any(|v| w.starts_with(v))
        {
            continue;
        }
        // the clause before: back to the last full stop or semicolon, at most 100 bytes
        let lo = a.saturating_sub(100);
        let lo = (lo..=a)
            .find(|&j| folded.s.is_char_boundary(j))
            .unwrap_or(a);
        let head = &folded.s[lo..a];
        let head = head.rfind(['.', ';']).map_or(head, |k| &head[k + 1..]);
        let head_start = a - head.len();
        let between_ok = |from: usize, to: usize| {
            !cues.iter().any(|c| {
                let f = folded.folded_offset(c.span.start);
                f >= from && f < to && !listed(c.cat)
            })
        };
        let before = SEIZE.iter().find_map(|w| {
            head.rfind(w)
                .filter(|&k| word_at(&head[k..], w))
                .map(|k| head_start + k)
        });
        // ("discovered a shell which he tried to open": what follows a clause opener is told
        // of the weapon, not listed with it)
        let seized_before = before.is_some_and(|b| {
            let gap = &folded.s[b..a];
            between_ok(b, a)
                && ![
                    " which ",
                    " that ",
                    " causing ",
                    " when ",
                    " before ",
                    " after ",
                ]
                .iter()
                .any(|o| gap.contains(o))
        });
        // "IEDs, documents and military materiel seized"
        let hi = (e + 60).min(folded.s.len());
        let hi = (hi..=folded.s.len())
            .find(|&j| folded.s.is_char_boundary(j))
            .unwrap_or(folded.s.len());
        let tail = &folded.s[e..hi];
        let tail = tail.find(['.', ';']).map_or(tail, |k| &tail[..k]);
        let seized_after = ["seized", "recovered", "confiscated", "found", "saisis"]
            .iter()
            .filter_map(|w| tail.find(w).map(|k| (k, w)))
            .min()
            .is_some_and(|(k, _)| {
                between_ok(e, e + k) && tail[..k].split_whitespace().count() <= 8
            });
        if seized_before || seized_after {
            cues[i].cat = Cat::Defuse;
        }
    }
}

/// "..., a civilian was killed, the attack comes amidst escalating violence and fighting
/// between armed groups": what follows "comes amid" to the end of the sentence is the
/// context of the incident, not part of it. Event cues there are dropped.
pub fn context_dropped(folded: &Folded, cues: &mut Vec<Cue>) {
    // (tail searched for, verbs one of which must come right before it); the opener is
    // `<space><verb><tail>` (` comes amid`, ` came in the context of`, ...)
    const OPENERS: [(&str, &[&str]); 3] = [
        (
            " amid",
            &[" comes", " came", " took place", " occurred", " happened"],
        ),
        (" in the context of", &[" comes", " came"]),
        (" dans un contexte", &[" intervient"]),
    ];
    // rare tails found with a SIMD substring search, built once; the verb checked backwards
    static FINDERS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::LazyLock::new(|| {
            OPENERS
                .iter()
                .map(|(t, _)| memchr::memmem::Finder::new(t.as_bytes()))
                .collect()
        });
    let s = &folded.s;
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for (finder, (_, verbs)) in FINDERS.iter().zip(OPENERS.iter()) {
        for h in finder.find_iter(s.as_bytes()) {
            let before = &s[..h];
            if let Some(v) = verbs.iter().find(|v| before.ends_with(**v)) {
                let a = h - v.len();
                let e = s[a..].find(['.', ';']).map_or(s.len(), |j| a + j);
                ranges.push((a, e));
            }
        }
    }
    if ranges.is_empty() {
        return;
    }
    cues.retain(|c| {
        let f = folded.folded_offset(c.span.start);
        !ranges.iter().any(|&(a, e)| f >= a && f < e)
    });
}

/// "killed 25 heads of cattle", "slaughtered their goats": a killing word whose object is
/// livestock destroys property and kills nobody (codebook DR-14, DR-15). Such cues become
/// [`Cat::Destroy`]. The animals must be the next cue, within four words, with no punctuation
/// between ("killed two herders and their cattle" kills the herders).
pub fn animals_killed(folded: &Folded, cues: &mut [Cue]) {
    const ANIMALS: &[&str] = &[
        "cattle",
        "livestock",
        "herd",
        "herds",
        "flock",
        "flocks",
        "oxen",
        "donkeys",
        "goats",
        "sheep",
        "camels",
        "cows",
        "animals",
        "betail",
        "boeufs",
        "animaux",
        "troupeau",
        "troupeaux",
    ];
    for i in 0..cues.len() {
        if cues[i].cat != Cat::Kill {
            continue;
        }
        let Some((e, o, oe, obj_end)) = property_object(folded, cues, i) else {
            continue;
        };
        if !ANIMALS.contains(&&folded.s[o..oe]) {
            continue;
        }
        // only a count or a determiner between ("25 heads of", "their", "some"); the animal
        // word must not name a person ("a cattle thief", "a livestock trader", "cattle-herder")
        const GAP: &[&str] = &[
            "heads", "head", "of", "the", "their", "his", "her", "its", "some", "several",
            "dozens", "hundreds", "many", "all", "les", "des", "leur", "leurs", "tetes", "de",
        ];
        let gap = &folded.s[e..o];
        let person_after = folded.s[oe..].starts_with('-')
            || cues.iter().any(|c| {
                c.cat == Cat::CivVictim
                    && c.span.start >= obj_end
                    && folded.s[oe..folded.folded_offset(c.span.start).max(oe)]
                        .trim()
                        .is_empty()
            });
        if gap.len() <= 30
            && !person_after
            && gap.split_whitespace().count() <= 4
            && gap
                .split_whitespace()
                .all(|w| GAP.contains(&w) || w.chars().all(|ch| ch.is_ascii_digit()))
        {
            cues[i].cat = Cat::Destroy;
        }
    }
}

/// "a group blocked the Buenos Aires - La Plata highway", "blocked (means unspecified) the N12
/// road": a bare blocking verb is a demonstrators' road block (a weak protest cue, codebook
/// DR-20) only when a road, an access or a site follows within eight words of the same clause;
/// "blocked the attack", "blocked the appointment" are not. Other bare blocking cues are dropped.
pub fn roads_blocked(folded: &Folded, cues: &mut Vec<Cue>) {
    const VERBS: &[&str] = &[
        "blocked",
        "blocking",
        "to block",
        "continued to block",
        "partially blocked",
    ];
    const PLACES: &[&str] = &[
        "road",
        "roads",
        "highway",
        "highways",
        "motorway",
        "route",
        "avenue",
        "street",
        "streets",
        "roundabout",
        "bridge",
        "junction",
        "intersection",
        "crossroads",
        "access",
        "entrance",
        "entrances",
        "traffic",
        "railway",
        "railroad",
        "boulevard",
        "expressway",
        "freeway",
        "gate",
        "gates",
        "site",
    ];
    cues.retain(|c| {
        if c.cat != Cat::ProtestWeak {
            return true;
        }
        let a = folded.folded_offset(c.span.start);
        let e = folded.folded_offset(c.span.end).max(a);
        if !VERBS.contains(&&folded.s[a..e]) {
            return true;
        }
        let rest = &folded.s[e..];
        let clause = rest.split(['.', ';', ':', ',']).next().unwrap_or(rest);
        clause
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(8)
            .any(|w| PLACES.contains(&w))
    });
}

/// "intercepted a drone" is disrupted weapons use; "intercepted a bus", "intercepted migrants"
/// stop people or vehicles (codebook 2.2 rank 21 covers weapons only). An "intercept" cue with
/// no weapon cue within 80 bytes either side is dropped.
pub fn people_intercepted(folded: &Folded, cues: &mut Vec<Cue>) {
    let weapon = |c: &Cue| {
        matches!(
            c.cat,
            Cat::Air
                | Cat::Drone
                | Cat::Shelling
                | Cat::Ied
                | Cat::Suicide
                | Cat::Grenade
                | Cat::Explosion
        )
    };
    let drop: Vec<usize> = (0..cues.len())
        .filter(|&i| {
            let c = cues[i];
            if c.cat != Cat::Defuse {
                return false;
            }
            let a = folded.folded_offset(c.span.start);
            let e = folded.folded_offset(c.span.end);
            if !folded.s[a..e.max(a)].starts_with("intercept") {
                return false;
            }
            !cues.iter().any(|w| {
                weapon(w) && w.span.end + 80 >= c.span.start && w.span.start <= c.span.end + 80
            })
        })
        .collect();
    for i in drop.into_iter().rev() {
        cues.remove(i);
    }
}

/// When the cue after `cues[i]` is a property word (goods, livestock, a vehicle): the folded
/// end of cue `i`, the folded start and end of that object, and its original end.
fn property_object(
    folded: &Folded,
    cues: &[Cue],
    i: usize,
) -> Option<(usize, usize, usize, usize)> {
    let e = folded.folded_offset(cues[i].span.end);
    let obj = cues[i + 1..]
        .iter()
        .find(|c| c.span.start >= cues[i].span.end)
        .filter(|c| c.cat == Cat::Property)?;
    let o = folded.folded_offset(obj.span.start).max(e);
    let oe = folded.folded_offset(obj.span.end).max(o);
    Some((e, o, oe, obj.span.end))
}

/// "seized a vehicle", "captured their herd": a seizure verb (an arrest word) whose object is
/// goods, livestock or a vehicle takes property, not people (codebook 2.2 rank 23, DR-14).
/// Such cues become [`Cat::Loot`]. The object must follow within a few words, with no
/// punctuation and no person, target or other noun cue between.
pub fn goods_seized(folded: &Folded, cues: &mut [Cue]) {
    for i in 0..cues.len() {
        if cues[i].cat != Cat::Arrest {
            continue;
        }
        let a = folded.folded_offset(cues[i].span.start);
        let e = folded.folded_offset(cues[i].span.end);
        let verb = &folded.s[a..e.max(a)];
        if !["seiz", "captur", "took", "nabbed", "confiscat"]
            .iter()
            .any(|w| verb.starts_with(w))
        {
            continue;
        }
        let Some((_, o, _, _)) = property_object(folded, cues, i) else {
            continue;
        };
        let gap = &folded.s[e..o];
        // "captured the rector of the church": the goods belong to the person taken
        let owned = gap.contains(" of the ") || gap.contains(" of a ") || gap.contains(" of his ");
        if gap.len() <= 30
            && !owned
            && !gap.contains([',', '.', ';', ':'])
            && gap.split_whitespace().count() <= 4
        {
            cues[i].cat = Cat::Loot;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cats_after(
        text: &str,
        found: &[(&str, Cat)],
        rule: impl Fn(&Folded, &mut Vec<Cue>),
    ) -> Vec<Cat> {
        let folded = Folded::new(text);
        let mut cues: Vec<Cue> = found
            .iter()
            .map(|(w, cat)| {
                let st = text.find(w).unwrap();
                Cue {
                    span: Span::new(st, st + w.len()),
                    cat: *cat,
                    entry: 0,
                }
            })
            .collect();
        rule(&folded, &mut cues);
        cues.iter().map(|c| c.cat).collect()
    }

    fn seized(text: &str, found: &[(&str, Cat)]) -> Vec<Cat> {
        cats_after(text, found, |f, c| weapons_seized(f, c))
    }

    #[test]
    fn weapons_seized_are_a_cache_not_a_blast() {
        use Cat::*;
        let t = "Troops killed four fighters and seized motorbikes, rifles and IED components.";
        let got = seized(t, &[("killed", Kill), ("seized", Loot), ("IED", Ied)]);
        assert_eq!(got, vec![Kill, Loot, Defuse]);
        let t = "Soldiers raided the camp; rockets, phones and documents were seized.";
        assert_eq!(seized(t, &[("rockets", Shelling)]), vec![Defuse]);
    }

    #[test]
    fn a_blast_after_a_find_stays_a_blast() {
        use Cat::*;
        // the device goes off: the verb is kept, and so is a weapon told after "which"
        let t = "A boy found an object which turned out to be a shell, causing it to explode.";
        let got = seized(t, &[("shell", Shelling), ("explode", Explosion)]);
        assert_eq!(got, vec![Shelling, Explosion]);
        let t = "A boy found a shell and hit it with a stone, causing it to explode.";
        let got = seized(t, &[("shell", Shelling), ("explode", Explosion)]);
        assert_eq!(got, vec![Defuse, Explosion]);
        // another event word between the seizure and the weapon
        let t = "Gunmen seized a truck and attacked the post with grenades.";
        let got = seized(
            t,
            &[
                ("seized", Loot),
                ("attacked", Attack),
                ("grenades", Grenade),
            ],
        );
        assert_eq!(got, vec![Loot, Attack, Grenade]);
    }

    #[test]
    fn blast_named_after_after_is_the_earlier_event() {
        use Cat::*;
        let f = |t: &str, found: &[(&str, Cat)]| cats_after(t, found, earlier_blast);
        let t = "Soldiers killed two herders near Boni after their truck hit an IED on the road.";
        assert_eq!(f(t, &[("killed", Kill), ("IED", Ied)]), vec![Kill]);
        // the toll of the blast itself, told passively: the blast is the event
        let t = "Two soldiers were wounded after their truck hit an IED on the road.";
        assert_eq!(
            f(t, &[("wounded", Injure), ("IED", Ied)]),
            vec![Injure, Ied]
        );
        let t = "A truck was damaged after being struck by an IED near Boni.";
        assert_eq!(f(t, &[("struck", Attack), ("IED", Ied)]), vec![Attack, Ied]);
    }

    #[test]
    fn fighting_a_device_was_left_from_is_past() {
        use Cat::*;
        let f = |t: &str, found: &[(&str, Cat)]| cats_after(t, found, past_fighting);
        let t = "A mine left over from previous clashes exploded under a cart.";
        assert_eq!(
            f(t, &[("clashes", Clash), ("exploded", Explosion)]),
            vec![Explosion]
        );
        let t = "Rebels clashed with troops after a mine exploded.";
        assert_eq!(
            f(t, &[("clashed", Clash), ("exploded", Explosion)]),
            vec![Clash, Explosion]
        );
    }
}
