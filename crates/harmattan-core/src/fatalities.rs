//! Death counts: numbers (digits, English and French number words), vague quantities, and
//! the codebook's conservative rules (4.1).
//!
//! # Finding figures ([`find_fatalities`])
//!
//! The scope is folded ([`crate::text::Folded`]: lower case, accents stripped) and scanned
//! only when a cheap Aho-Corasick pass finds a death word (kill, dead, died, mort, tué, bilan,
//! casualties, ...). Then a fixed list of regexes runs, in priority order; a candidate whose
//! span overlaps an already accepted mention is dropped. Every pattern has a stable rule ID:
//!
//! | rule | example |
//! |---|---|
//! | `FAT/EN/NONE`, `FAT/FR/NONE` | "no casualties", "no one was killed", "casualties unknown", « aucune victime » → `None`, 0 |
//! | `FAT/EN/DEATH_TOLL`, `FAT/FR/BILAN` | "the death toll rose to 25", « un bilan provisoire de 12 morts » |
//! | `FAT/EN/KILLED_AND_WOUNDED` | "killed and wounded 12" (no split) → `ThreeOrTen` |
//! | `FAT/EN/CLAIMED_LIVES`, `FAT/FR/COUTE_LA_VIE` | "claimed the lives of 7", « a coûté la vie à 3 soldats » |
//! | `FAT/EN/LEFT_N_DEAD` | "left 5 dead" |
//! | `FAT/EN/BODIES_OF`, `FAT/FR/CORPS_DE` | "the bodies of 9 people" |
//! | `FAT/EN/BODY_OF`, `FAT/EN/BODY_FOUND`, `FAT/EN/WAS_KILLED` | "the body of a young man", "a charred body was found", "Paderna was shot dead", "was brutally killed", "was fatally shot" → 1, counted once and only when no other figure counts |
//! | `FAT/EN/THE_SLAIN` | "the slain soldier", "the murdered delegate" → 1, counted once and only when no other figure counts |
//! | `FAT/EN/DOUBLE_MURDER` | "the double murder" → 2 |
//! | `FAT/EN/DEATH_OF` | "the killing of 1-5 civilians", "the deaths of 4 people" |
//! | `FAT/EN/KILLED_THE` | "assassinated the village chief" → 1 (a singular victim noun after the/his/a) |
//! | `FAT/EN/KILLED_THE_AND_HIS` | "killed the mayor and his driver" → 2 |
//! | `FAT/EN/HE_WAS_KILLED`, `FAT/FR/IL_A_ETE_TUE` | "he was shot dead", « il a été tué » → 1; the English pronoun points back at a named victim, so it counts once and only when no other figure counts, unless it is a later death ("she later died", 4.1.7) |
//! | `FAT/EN/LOST_N` | "the group lost five members", "losing 12 of its soldiers" (a victim noun must follow) |
//! | `FAT/EN/KILLING_N`, `FAT/EN/NEUTRALISED_N`, `FAT/FR/TUANT_N` | "killing at least 20 troops", "neutralised 30 terrorists", "eliminated a number of militants", « tuant 4 civils » |
//! | `FAT/EN/LIST_ITEM`, `FAT/FR/LIST_ITEM` | the "3 civilians" of "killing 5 soldiers and 3 civilians" |
//! | `FAT/EN/N_WERE_KILLED`, `FAT/EN/N_KILLED`, `FAT/EN/N_DIED`, `FAT/EN/N_DEAD`, `FAT/EN/N_DEATHS`, `FAT/EN/N_FATALITIES`, `FAT/EN/N_BODIES`, `FAT/EN/N_LOST_LIVES`, `FAT/EN/N_NEUTRALISED` | "20 soldiers were killed", "2 guards killed and 4 wounded", "3 fatalities", "three farmers were discovered to be deceased", "found lifeless" (a predicate, not "the friend of the deceased") |
//! | `FAT/FR/N_TUES`, `FAT/FR/N_MORTS`, `FAT/FR/N_PERDU_LA_VIE`, `FAT/FR/N_CORPS`, `FAT/FR/N_NEUTRALISES` | « 5 personnes ont été tuées », « 12 morts », « ont perdu la vie » |
//! | `FAT/EN/SINGULAR_KILLED` | "Councilman in Moungnoukana assassinated by ...", "the commander was killed", "the guard who was wounded later succumbed", "the vehicle overturned and the driver killed." (auxiliary left out) → 1 |
//! | `FAT/EN/ONE_DEATH` | "one confirmed death" → 1 (not "one death sentence") |
//! | `FAT/EN/WHO_DIED` | "shot a trader, who died on the spot" → 1, counted once and only when no other figure counts |
//! | `FAT/EN/AND_DIED` | "a man was shot and died minutes later in hospital", "... before dying" → 1, counted once and only when no other figure counts |
//! | `FAT/EN/NOUN_KILLED`, `FAT/EN/KILLED_HIM` | "Marabout killed and ...", "robbing and killing him", "shot him dead", "shoot member of X dead" → 1, counted once and only when no other figure counts |
//! | `FAT/EN/KILLED_TITLE` | "shot dead MOC commander Saloum ..." (a title and a name, no determiner) → 1 |
//! | `FAT/EN/SEIZED_THEN_KILLED` | "arrested nine men ... and executed them", "detained 7 herders who were later executed" → 9, 7 |
//! | `FAT/EN/SHOT_N_DEAD` | "shot two traders dead" → 2 |
//! | `FAT/EN/LIST_ITEM` (people) | victims coordinated with a counted one: "killed the chief and his two sons", "killing him and 2 of his relatives", "a policeman, a bystander", "was killed along with his seven men" (then `KILLED_HIM_AND`, `WAS_KILLED_WITH`); before a backward verb, "a woman and her child died", "two men and their driver were killed" |
//! | `FAT/FR/DES_MORTS`, `FAT/EN/PLURAL_KILLED` | « des morts », "civilians were killed" → `ThreeOrTen` |
//!
//! Backward patterns (number first) allow up to 16 words between the figure and the verb
//! (a unit's name and an apposition: "at least one member of the X Battalion, XB, an elite
//! unit of the army, has died") and are only run in a 220-byte window before a death verb
//! found by a cheap anchor regex: the full pattern is too large for the lazy DFA to scan
//! whole paragraphs fast.
//!
//! Quantities: digits ("20", "1,200", "1 200"), number words (EN "one" … "ninety-nine",
//! "a hundred", "two hundred and fifty", "a dozen"; FR "un" … "vingt et un", "soixante-dix",
//! "quatre-vingt-dix", "cent", "mille"), qualifiers (codebook 4.1.3: "at least", "more than",
//! "nearly", "about", "up to", "between N and M" → N, "N to M" → N, « au moins », « plus de »,
//! « près de », « entre N et M »), vague words (`ThreeOrTen`: several, a few, some, many,
//! numerous, a number of, plusieurs, quelques, de nombreux, des morts; `Fixed`: tens/dizaines 10,
//! dozens/douzaines 12, scores 20, hundreds/centaines 100, thousands/milliers 1000, a couple 2),
//! French approximate numerals (« une quinzaine » 15, « une vingtaine » 20, ...) as numbers.
//!
//! Filters: a number followed by a unit (km, years, -year-old, hours, %, vehicles, motorcycles,
//! cattle, a month name, ...) or preceded by a date or age word (on, in, since, aged, le, depuis,
//! ...) is not a death figure; a four-digit 19xx/20xx number is a year unless a victim noun
//! follows. "N soldiers killed" with no auxiliary is read as a passive only when no object
//! follows ("two gunmen killed a trader" is not a figure). Between a number and its verb
//! ("20 soldiers, including a base commander, were killed") only a victim list may hold other
//! numbers; words such as wounded, abducted, arrested, who, after break the link.
//!
//! Lists: a backward list may name groups without a victim noun ("12 Fulani and 1 Dogon",
//! one or two words, no verb); a segment holding a place or a clause ("a position in the
//! area of X, two Dozos killed") is no list; "one civilian, a child, was killed" is an
//! apposition. Captives: "3 people arrested by soldiers were executed" (a reduced relative
//! with a capture verb before a passive death verb). A list item whose noun runs on for a
//! few lower-case words to its own "was/were" ("and five other members of the cell were
//! arrested") is no victim. People right after "according to" / "citing" / « selon » are the
//! source, never victims.
//!
//! Kinds: `Cumulative` when the sentence has a cue for a total over time ("since 2012", "this
//! year", "so far this year", "in the past year", "in recent months", « depuis 2012 », « depuis
//! le début de l'année », a span of months "between March and May", "from January 3 through
//! May 9", many attacks "during 85 ambushes", "in various attacks", "a series of attacks", a
//! continuing practice "continues to kill", ...; a cue right after a superlative, "the
//! deadliest attack since 2012", does not count; a period after a month or title
//! abbreviation, "since the Feb. 1 coup", ends no sentence); `Claim` when the sentence attributes the figure to a belligerent
//! ("according to the army", "the army said/claimed", "the group claimed", « selon l'armée »,
//! « l'état-major a annoncé », "neutralised" with an army subject); background deaths are
//! `Cumulative` too: a motive right before the figure ("in protest against the killing of",
//! "in revenge for the death of", "accused of killing"), a passive or intransitive death after
//! "after"/"following" ("blocked the road after a driver was killed"), "against the death of";
//! so is a figure its source has replaced ("had initially said three people were
//! killed but later updated its toll"); else `Incident`.
//!
//! # One incident's toll ([`incident_total`])
//!
//! 0. ACLED notes: a closing sentence that is only a count ("3 fatalities.") is the whole
//!    toll. (An analyst's own coding remarks, "fatalities coded as 3", "coded separately",
//!    "split among 3 events", are not read: they are the answer, not the report.)
//! 1. `Cumulative` mentions never count.
//! 2. Each remaining mention gets a victim group from the first victim noun of its span:
//!    soldiers, gendarmes, police, guards, peacekeepers, pro-government militia, armed
//!    attackers (militants, assailants, terrorists, ...), civilians, other named nouns, or
//!    *generic* (people, persons, no noun); "members of" a body is a group of its own per
//!    body ("19 members of regime forces", "9 members of the rebel group").
//! 3. Within one sentence, a list ("killing 5 soldiers and 3 civilians") adds up. Separate
//!    figures of the same group are alternative reports: the **lowest** is kept (4.1.2), claims
//!    included (4.1.6) — so a belligerent claim counts when it is the only figure for its side.
//! 4. A figure that explicitly updates ("the death toll rose to 25", « le bilan s'est alourdi
//!    à ») replaces the earlier figures of its group (a generic update replaces all of them).
//! 5. A mention with "also", "in addition", « également », « aussi » next to it (in its span,
//!    up to 40 bytes before or 16 after) adds to the total as a group of its own ("... Three
//!    attackers were also killed"); so do the wounded who die later ("One peacekeeper died of
//!    his wounds", 4.1.7). In a list of several groups a generic part ("two other civilians")
//!    is one more group. "In its own ranks" is the speaker's side, not the attackers';
//!    "armed men" are attackers. Not additions: the incident's first figure (its "also" ties
//!    it to another incident: "Similarly in B, gunmen also killed three"); an "also" figure
//!    with the same number for the same named group (or the attackers) as a figure of another
//!    sentence (a quote retelling the lede); "the other/remaining N ... later died" when a
//!    count in another sentence already holds them with this sentence's other part.
//!    "Members of the army / security forces / regime forces" are soldiers, "members of a
//!    civil-defence militia" and "VDP members" the militia.
//! 6. Armed attackers always add up (a generic figure "in JNIM's ranks" counts as armed). A generic figure ("12 people died") is read as the whole
//!    toll of the other groups: it replaces their sum when present (the lowest of several
//!    generic figures is used) — unless it is no larger than the attackers' figure of another
//!    sentence ("leaving three bodies behind"): then it is the attackers retold, and the named
//!    groups listed with them still count. A whole-incident figure ("(4 fatalities)", a death toll, a
//!    bilan) replaces everything except the "also"/later-death additions told after it (one
//!    told after the additions covers them: "... were also killed. The toll stood at five").
//! 7. `ThreeOrTen` is 10 when `significant`, else 3. `None` mentions ("no one was killed") give
//!    0 when nothing else counts.
//!
//! Basis: `Claim` if a used mention is a claim, else `VagueWord` if a used quantity is vague,
//! else `Exact`; `None` for a total of 0.
//!
//! Limitations: sentence splitting is a simple `. ` / `! ` / `? ` / newline rule; "killed and
//! wounded N" and "N killed and wounded" always give `ThreeOrTen`, even for N < 3; victim
//! groups come from a fixed noun list; alternative reports inside one sentence that are joined
//! by "and" are summed.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{CaptureLocations, Regex};

use crate::text::Folded;
use crate::types::{FatalityBasis, Span};

/// What a death figure refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FatalityKind {
    /// Deaths in the incident itself.
    Incident,
    /// A belligerent's claim (army communiqué, group's claim).
    Claim,
    /// A cumulative or background toll ("more than 40,000 killed since 2009"): never an
    /// incident's figure.
    Cumulative,
    /// Explicitly no deaths ("no casualties", "no one was killed").
    None,
}

/// How the number was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// A number: exact, at least, more than, about, between N and M (lowest kept).
    Number(u32),
    /// A vague word that the codebook maps to 3 or 10 depending on the attack (4.1.4).
    ThreeOrTen,
    /// A vague word with a fixed value (dozens = 12, hundreds = 100, tens = 10, ...).
    Fixed(u32),
}

impl Quantity {
    /// The number of deaths, with `ThreeOrTen` resolved by `significant` (codebook 4.1.4).
    pub fn value(self, significant: bool) -> u32 {
        match self {
            Quantity::Number(n) | Quantity::Fixed(n) => n,
            Quantity::ThreeOrTen => {
                if significant {
                    10
                } else {
                    3
                }
            }
        }
    }

    fn is_vague(self) -> bool {
        !matches!(self, Quantity::Number(_))
    }
}

/// One death figure in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FatalityMention {
    /// Original span of the figure and its death word ("killing at least 20 Malian troops").
    pub span: Span,
    /// The quantity.
    pub quantity: Quantity,
    /// Incident, claim, cumulative or none.
    pub kind: FatalityKind,
    /// Stable rule ID (`FAT/EN/NUM_KILLED`, `FAT/EN/N_FATALITIES`, `FAT/FR/BILAN`, ...).
    pub rule: &'static str,
}

// ---------------------------------------------------------------------------------------------
// Regex building blocks (folded text: lower case, accents stripped, `’` → `'`).

/// ASCII word boundary: works with the lazy DFA on any text.
const B: &str = r"(?-u:\b)";

/// Number words. Plain literals only (`vingts|vingt`, not `vingts?`): a pure literal
/// alternation compiles to a trie, half the automaton states, which every quantity pattern
/// repeats ten times.
const NUM_WORD: &str = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\
thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|\
sixty|seventy|eighty|ninety|hundred|thousand|dozen|un|une|deux|trois|quatre|cinq|sept|huit|neuf|\
dix|onze|douze|treize|quatorze|quinze|seize|vingts|vingt|trente|quarante|cinquante|soixante|cents|cent|mille";

const QUAL: &str = "at least|at most|more than|over|nearly|almost|about|around|approximately|\
roughly|some|up to|as many as|an estimated|estimated|no fewer than|no less than|not less than|\
fewer than|less than|close to|upwards of|in excess of|just over|just under|a total of|a further|\
another|an additional|only|a reported|reportedly|officially|au moins|d'au moins|au total|\
pas moins de|plus de|pres de|environ|jusqu'a|quelque|un total de|moins de|au minimum|a peine|\
officiellement";

/// Vague words, longest first within a shared prefix, plain literals only (see
/// [`NUM_WORD`]). Values are resolved in [`vague_quantity`].
const VAGUE: &str = "a few dozen|several dozen|a few hundred|several hundred|a large number of|\
a great number of|an unknown number of|an undetermined number of|an unspecified number of|\
an unconfirmed number of|an undisclosed number of|an unclear number of|a number of|a handful of|a couple of|a couple|a few|several|few|some|many|\
numerous|countless|scores|tens of thousands|hundreds of thousands|tens|dozens|hundreds|thousands|\
un certain nombre de|un grand nombre de|de nombreux|de nombreuses|nombreux|nombreuses|plusieurs \
dizaines|plusieurs centaines|plusieurs milliers|plusieurs|quelques dizaines|quelques centaines|\
quelques|des dizaines|une dizaine|des douzaines|une douzaine|des centaines|des milliers|\
une quinzaine|une vingtaine|une trentaine|une quarantaine|une cinquantaine|une soixantaine|\
une centaine|un millier|de multiples";

/// Death verbs of the backward patterns ("20 soldiers were killed"), English.
const VERB_EN: &str = "killed|shot dead|shot and killed|gunned down|massacred|executed|beheaded|slain|murdered|assassinated|martyred|slaughtered|burned to death|burnt to death|hacked to death|stabbed to death|beaten to death|clubbed to death|lynched|neutralised|neutralized|died|perished|succumbed|lost their lives|lost their life|lost his lives|lost his life|lost her lives|lost her life|dead|deceased|lifeless|deaths|fatalities|fatality|bodies|corpses";

/// A possessive before the singular death noun stands for the verb: "65 fighters' death".
const POSS_DEATH: &str = "'s?\\s+death";

/// Death verbs of the backward patterns, French.
const VERB_FR: &str = "tues|tuees|tue|tuee|abattus|abattues|abattu|abattue|massacres|massacrees|executes|executees|egorges|egorgees|assassines|assassinees|neutralises|neutralisees|neutralise|morts|mortes|mort|morte|decedes|decedees|decede|deces|perdu la vie|peri|cadavres|corps sans vie|corps";

/// Victim nouns (singular and plural, EN and FR).
const VICTIM: &str =
    "people|persons|person|individuals|individual|victims|victim|civilians|civilian|villagers|villager|\
residents|resident|inhabitants|inhabitant|soldiers|soldier|troops|troop|serviceman|\
servicemen|service members|military|personnel|gendarmes|gendarme|policeman|policemen|\
police officers|police officer|police|officers|officer|guards|guard|guardsman|guardsmen|\
militiaman|militiamen|militia|volunteers|volunteer|vdps|vdp|dozos|dozo|fighters|fighter|\
militants|militant|jihadists|jihadist|terrorists|terrorist|assailants|assailant|attackers|\
attacker|insurgents|insurgent|rebels|rebel|gunman|gunmen|bandits|bandit|members|member|man|\
men|woman|women|males|male|females|female|children|child|boys|boy|girls|girl|farmers|farmer|herders|herder|\
pastoralists|pastoralist|traders|trader|merchants|merchant|worshippers|worshipper|students|\
student|pupils|pupil|teachers|teacher|passengers|passenger|drivers|driver|miners|miner|\
workers|worker|chiefs|chief|imams|imam|elements|element|suspects|suspect|others|other|\
peacekeepers|peacekeeper|helmets|helmet|relatives|agents|agent|fama|fds|faf|minusma|\
barkhane|protesters|protester|demonstrators|demonstrator|aggressors|aggressor|raiders|\
raider|kidnappers|kidnapper|abductors|abductor|hunters|hunter|journalists|journalist|\
shopkeepers|shopkeeper|administrators|administrator|leaders|leader|foresters|forester|\
nomads|nomad|manifestants|manifestant|officials|official|commanders|commander|mayors|mayor|\
councillors|councillor|councilors|councilor|hostages|hostage|combatants|combatant|elders|\
elder|youths|youth|herdsman|herdsmen|shepherds|shepherd|refugees|refugee|displaced|bodies|\
corpses|sons|son|daughters|daughter|brothers|brother|sisters|sister|associates|associate|\
companions|companion|bodyguards|bodyguard|escorts|escort|lieutenants|lieutenant|brigadiers|brigadier|colonels|colonel|captains|captain|corporals|corporal|aides|aide|\
occupants|occupant|colleagues|colleague|wives|wife|husbands|husband|nephews|nephew|cousins|\
cousin|friends|friend|followers|follower|guests|guest|customers|customer|bystanders|\
bystander|sergeants|sergeant|bombers|bomber|personnes|civils|villageois|habitants|soldats|\
soldat|militaires|militaire|policiers|policier|gardes|garde|volontaires|volontaire|\
combattants|combattant|djihadistes|djihadiste|terroristes|terroriste|assaillants|assaillant|\
insurges|rebelles|rebelle|hommes|femmes|femme|enfants|enfant|eleves|eleve|commercants|\
commercant|fideles|orpailleurs|orpailleur|chauffeurs|chauffeur|passagers|passager|\
casques bleus|individus|membres|membre|autres|chefs|chef|bergers|berger|eleveurs|eleveur|\
agriculteurs|agriculteur|paysans|paysan|jeunes|otages|otage|deplaces|\
apprentices|apprentice|assistants|assistant|babies|baby|businessmen|businessman|businesswomen|businesswoman|\
captives|captive|commissioners|commissioner|coordinators|coordinator|detainees|detainee|doctors|doctor|\
employees|employee|fathers|father|mothers|mother|fishermen|fisherman|grandsons|grandson|granddaughters|\
granddaughter|infants|infant|informants|informant|judges|judge|marabouts|marabout|monks|monk|motorists|\
motorist|neighbours|neighbour|neighbors|neighbor|nieces|niece|nurses|nurse|pastors|pastor|priests|priest|\
prisoners|prisoner|riders|rider|robbers|robber|teenagers|teenager|thieves|thief|uncles|uncle|relative";

fn num_expr() -> String {
    let digits = format!("[0-9]{{1,3}}(?:[,. ][0-9]{{3}})+{B}|[0-9]+{B}");
    let words = format!(
        "(?:an?\\s+)?(?:{NUM_WORD}){B}(?:(?:-|\\s+|\\s+and\\s+|\\s+et\\s+|-et-)(?:{NUM_WORD}){B})*"
    );
    format!("(?:{digits}|{words})")
}

/// The quantity expression (named group `q` is added by the callers).
fn q_expr() -> String {
    let n = num_expr();
    format!(
        "{B}(?:(?:between|entre)\\s+{n}\\s+(?:and|et|to)\\s+{n}|de\\s+{n}\\s+a\\s+{n}|\
         (?:(?:{QUAL})\\s+|(?:plus|pres|moins) d')?(?:(?:{VAGUE}){B}|{n}(?:\\s*(?:-|to|or|a|ou)\\s*{n})?(?:\\s+(?:or more|ou plus))?)|\
         an?{B}|both\\s+of\\s+the{B}|both[.,;])"
    )
}

fn victim_tail() -> String {
    format!("(?:(?:\\s+[^\\s.,;:!?()]+){{0,3}}?\\s+(?:{VICTIM}){B})")
}

// ---------------------------------------------------------------------------------------------
// Patterns.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Fixed quantity, no `q` group (none, des morts, plural killed).
    Fixed(Quantity),
    /// Trigger then quantity ("killing 20").
    Forward,
    /// Quantity, gap, then the death word ("20 soldiers were killed").
    Backward,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    En,
    Fr,
}

struct Pat {
    rule: &'static str,
    shape: Shape,
    lang: Lang,
    re: Regex,
    q: Option<usize>,
    gap: Option<usize>,
    aux: Option<usize>,
    verb: Option<usize>,
    /// Backward, English: a possessive death noun ("65 fighters' death") in place of a verb.
    pv: Option<usize>,
    /// For backward patterns: the death verb, found first so the costly pattern only runs
    /// in a window before it.
    anchor: Option<Regex>,
}

fn group(re: &Regex, name: &str) -> Option<usize> {
    re.capture_names().position(|n| n == Some(name))
}

/// ASCII whitespace instead of Unicode `\s`: folded text has no other spaces, and the
/// smaller classes keep the lazy DFA small and fast.
fn ascii_ws(src: &str) -> String {
    src.replace(r"\s", r"[ \t\n\r]")
}

fn verb_anchor(verbs: &str) -> Regex {
    Regex::new(&ascii_ws(&format!("{B}(?:{verbs}){B}"))).expect("verb anchor compiles")
}

/// Active kill verbs before a named single victim (`FAT/EN/KILLED_THE`, `.._AND_HIS`).
const KILL_VERB: &str = "(?:shot to death|shooting to death|fatally shot|fatally shooting|fatally stabbed|fatally stabbing|fatally wounded|fatally wounding|beat to death|beat up to death|beating to death|stoned to death|stoning to death|killing|killed|kills|martyred|martyring|slaughtered|slaughtering|gun down|guns down|assassinating|assassinated|executing|executed|beheading|beheaded|murdering|murdered|shot dead|shot and killed|gunned down|lynched|lynching)";
/// Singular nouns for one victim ("the village chief", "his driver").
const VICTIM_NOUN: &str =
    "(?:imam|chief|administrator|mayor|leader|commander|head|official|owner|driver|teacher|\
councillor|councilor|deputy|president|husband|wife|son|daughter|brother|father|mother|\
nephew|cousin|uncle|friend|companion|officer|soldier|gendarme|policeman|guard|pastor|priest|\
marabout|trader|herder|shopkeeper|hunter|journalist|man|woman|male|female|boy|girl|child|informant|\
guide|farmer|villager|civilian|resident|merchant|member|militant|fighter|secretary|agent|\
notable|employee|worker|nurse|doctor|student|pupil|elder|businessman|prefect|sub-prefect|\
subprefect|judge|militiaman|associate|bystander|passenger|bodyguard|escort|assistant|\
apprentice|colleague|relative|lieutenant|sergeant|captain|colonel|occupant|sister|grandson|\
granddaughter|niece|brigadier|corporal|neighbour|neighbor|fisherman|herdsman|motorist|rider|aide|baby|infant|\
teenager|youth|person|individual|coordinator|emir|sheikh|commissioner|manager|businesswoman|\
customer|guest|host|partner|fiancee|fiance|ruler|king|thief|robber|suspect|monk|cook|\
detainee|prisoner|captive|hostage|delegate|representative|chairman|councilman|shepherd|refugee|migrant|collaborator|informer|spy|defector|\
activist|protester|demonstrator|rebel|insurgent|jihadist|gunman|assailant|attacker)";

/// Words between "the" and a death noun: "the reported death of three herders", "the brutal
/// killing of a farmer".
const DEATH_ADJ: &str = "(?:reported|alleged|confirmed|brutal|tragic|violent|gruesome|cold-blooded|senseless|extrajudicial|summary|targeted)";

/// Titles before a name with no determiner ("shot dead MOC commander Saloum ...").
const TITLE: &str = "(?:commander|officer|chief|leader|mayor|imam|official|councill?or|prefect|sub-prefect|judge|journalist|activist|pastor|priest|marabout|sheikh|emir|general|colonel|captain|lieutenant|sergeant|governor|minister|director|administrator|notable|deputy|lawmaker|senator|legislator|chairman|spokesman|\
corporal|inspector|superintendent|constable|(?:cpl|lcpl|pte|pvt|pfc|spc|sgt|lt|capt|cpt|maj|col|gen|brig|cdr|cmdr|insp|supt|asp|dsp)\\.)";

/// How far before its verb a backward figure may start (bytes of folded text).
const BACKWARD_WINDOW: usize = 220;

fn pat(rule: &'static str, shape: Shape, lang: Lang, src: &str) -> Pat {
    let re = Regex::new(&ascii_ws(src)).expect("fatality pattern compiles");
    Pat {
        rule,
        shape,
        lang,
        q: group(&re, "q"),
        gap: group(&re, "gap"),
        aux: group(&re, "aux"),
        verb: group(&re, "v"),
        pv: group(&re, "pv"),
        anchor: match (shape, lang) {
            (Shape::Backward, Lang::En) => Some(verb_anchor(&format!("{VERB_EN}|{POSS_DEATH}"))),
            (Shape::Backward, Lang::Fr) => Some(verb_anchor(VERB_FR)),
            _ => None,
        },
        re,
    }
}

static PATS: LazyLock<Vec<Pat>> = LazyLock::new(|| {
    let q = format!("(?P<q>{})", q_expr());
    let vt = victim_tail();
    // one victim: a determiner, up to three words, a singular victim noun
    let one_victim =
        format!("(?:the|his|her|their|its|a|an|another)\\s+(?:[a-z'-]+\\s+){{0,4}}?\"?(?:{VICTIM_NOUN}|[0-9]{{1,3}}-year-old)");
    let gap8 = "(?P<gap>(?:[ ,]+[^\\s.;:!?]+){0,16}?)";
    use Lang::*;
    use Shape::*;
    vec![
        pat(
            "FAT/EN/NONE",
            Fixed(Quantity::Number(0)),
            En,
            &format!(
                "{B}(?:(?:no|zero)\\s+(?:one|body|casualties|casualty|fatalities|fatality|deaths?|loss of life|lives|people|persons?|civilians?|soldiers?|injuries|victims?|dead)(?:\\s+(?:was|were|has been|have been|had been|is|are))?(?:\\s+(?:reported|recorded|killed|hurt|injured|harmed|wounded|lost))?\
                 |nobody\\s+(?:was|were|has been|had been)\\s+(?:killed|hurt|injured|harmed|wounded)\
                 |none\\s+(?:was|were|of them were)\\s+(?:killed|hurt|injured)\
                 |killing no one|killed no one|killed nobody\
                 |without\\s+(?:causing\\s+|making\\s+|inflicting\\s+)?(?:any\\s+)?(?:casualties|victims|deaths|fatalities|loss of life)\
                 |(?:casualties|fatalities|deaths|death toll|outcome and casualties)\\s+(?:were\\s+|are\\s+|remain\\s+|was\\s+|is\\s+)?(?:unknown|not (?:known|reported|specified))\
                 |no\\s+reports?\\s+of\\s+(?:casualties|deaths|fatalities|injuries)){B}"
            ),
        ),
        pat(
            "FAT/FR/NONE",
            Fixed(Quantity::Number(0)),
            Fr,
            &format!(
                "{B}(?:(?:aucune?|pas de|pas eu de|sans faire de|sans faire|sans)\\s+(?:victimes?|morts?|pertes? en vies humaines|pertes?|blesses?|deces|tues)\
                 |personne\\s+n'a\\s+ete\\s+(?:tue|blesse)\
                 |n'a fait aucune victime|n'a pas fait de victimes?\
                 |(?:bilan|nombre de victimes)\\s+(?:est\\s+)?(?:inconnu|non precise|pas connu)){B}"
            ),
        ),
        pat(
            "FAT/EN/DEATH_TOLL",
            Forward,
            En,
            &format!(
                "{B}(?:death toll|toll|number of (?:dead|deaths|people killed|fatalities)|casualty toll)(?:\\s+[^\\s.;:!?]+){{0,5}}?\\s+(?P<v>rose|climbed|risen|increased|jumped|reached|rises|climbs|rising|climbing|soared|hit|hits|stood|stands|is|was|of|at|now)\\s+(?:from\\s+[^\\s.;]+(?:\\s+[^\\s.;]+)?\\s+)?(?:to\\s+|at\\s+)?{q}"
            ),
        ),
        pat(
            "FAT/EN/DEATH_TOLL",
            Forward,
            En,
            &format!(
                "{B}(?P<v>bringing|brought|brings|taking|took|raising|raised|pushing|pushed)\\s+(?:the\\s+)?(?:overall\\s+|total\\s+)?(?:death\\s+toll|toll|number\\s+of\\s+(?:dead|deaths|fatalities))\\s+to\\s+{q}"
            ),
        ),
        pat(
            "FAT/FR/BILAN",
            Forward,
            Fr,
            &format!(
                "{B}bilan(?:\\s+[^\\s.;:!?]+){{0,7}}?\\s+{q}(?:\\s+(?:personnes|soldats|civils|militaires))?\\s+(?:morts?|tues|tuees|deces|personnes tuees){B}"
            ),
        ),
        pat(
            "FAT/EN/KILLED_AND_WOUNDED",
            Fixed(Quantity::ThreeOrTen),
            En,
            &format!("{B}(?:(?:killed|killing|kills)\\s+(?:and|or)\\s+(?:wounded|injured|wounding|injuring)|(?:wounded|injured|wounding|injuring)\\s+(?:and|or)\\s+(?:killed|killing))\\s+{q}"),
        ),
        pat(
            "FAT/EN/CLAIMED_LIVES",
            Forward,
            En,
            &format!("{B}(?:claimed|claiming|took|taking|cost|costing)\\s+the\\s+lives?\\s+of\\s+{q}{vt}?"),
        ),
        pat(
            "FAT/FR/COUTE_LA_VIE",
            Forward,
            Fr,
            &format!("{B}(?:coute|coutant|a coute|ont coute|fauche|fauchant)\\s+la\\s+vie\\s+(?:a|de)\\s+{q}{vt}?"),
        ),
        pat(
            "FAT/EN/LEFT_N_DEAD",
            Forward,
            En,
            &format!("{B}(?:left|leaving|leaves)\\s+{q}(?:\\s+[^\\s.,;:!?]+){{0,3}}?\\s+(?:dead|killed){B}"),
        ),
        pat(
            "FAT/EN/BODIES_OF",
            Forward,
            En,
            &format!("{B}(?:the\\s+)?(?:bodies|corpses|remains)\\s+of\\s+{q}{vt}?"),
        ),
        pat(
            "FAT/FR/CORPS_DE",
            Forward,
            Fr,
            &format!("{B}(?:les\\s+)?(?:corps|cadavres|corps sans vie|depouilles)\\s+(?:de|d')\\s*{q}{vt}?"),
        ),
        pat(
            "FAT/EN/DEATH_OF",
            Forward,
            En,
            &format!("{B}(?:the\\s+)?(?:{DEATH_ADJ}\\s+)?(?:killing|killings|deaths?|murders?|massacre|execution|executions)(?:\\s+by\\s+(?:asphyxiation|suffocation|drowning|stabbing|shooting|hanging|burning|lynching|beating|torture))?\\s+of\\s+{q}{vt}?"),
        ),
        pat(
            "FAT/EN/DEATH_OF_ONE",
            Fixed(Quantity::Number(1)),
            En,
            &format!("{B}(?:the\\s+)?(?:{DEATH_ADJ}\\s+)?(?:(?:killing|death|murder|assassination|execution)(?:\\s+by\\s+(?:asphyxiation|suffocation|drowning|stabbing|shooting|hanging|burning|lynching|beating|torture))?\\s+of|assassination\\s+targeting)\\s+(?:{one_victim}{B}|[a-z][a-z'-]+{B})"),
        ),
        // "also killed in the raid were two guards": the victims after an inverted passive
        pat(
            "FAT/EN/ALSO_KILLED",
            Forward,
            En,
            &format!("{B}also\\s+(?:killed|slain|shot dead)(?:\\s+(?:in|during|at|near|on|inside)(?:\\s+[^\\s.,;:!?]+){{1,6}}?)?\\s+(?:were|was)\\s+{q}{vt}?"),
        ),
        // "also killed during the operation was his aide": one more victim
        pat(
            "FAT/EN/ALSO_KILLED_ONE",
            Fixed(Quantity::Number(1)),
            En,
            &format!("{B}also\\s+(?:killed|slain|shot dead)(?:\\s+(?:in|during|at|near|on|inside)(?:\\s+[^\\s.,;:!?]+){{1,6}}?)?\\s+was\\s+(?:the|his|her|their|its|a|an|[a-z]+'s){B}"),
        ),
        // "the slain soldier", "the murdered delegate": a victim retold
        pat(
            "FAT/EN/THE_SLAIN",
            Fixed(Quantity::Number(1)),
            En,
            &format!("{B}the\\s+(?:slain|murdered|assassinated|executed|beheaded|killed)\\s+(?:[a-z'-]+\\s+){{0,2}}?{VICTIM_NOUN}{B}"),
        ),
        pat(
            "FAT/EN/VICTIM_DIED",
            Fixed(Quantity::Number(1)),
            En,
            &format!("{B}the\\s+(?:victim|(?:[a-z'-]+\\s+)?{VICTIM_NOUN}|pilot)\\s+(?:(?:later|subsequently|also)\\s+)?(?:died|succumbed|passed away){B}"),
        ),
        pat(
            "FAT/EN/ONE_DEATH",
            Fixed(Quantity::Number(1)),
            En,
            &format!("{B}(?:one|1)\\s+(?:(?:confirmed|reported|recorded|known|further|additional)\\s+)?death{B}"),
        ),
        pat(
            "FAT/EN/WHO_DIED",
            Fixed(Quantity::Number(1)),
            En,
            &format!("{B}who\\s+(?:(?:later|subsequently|eventually|then)\\s+)?(?:died|succumbed)\\s+(?:on\\s+the\\s+spot|at\\s+the\\s+scene|instantly|immediately|shortly\\s+after|on\\s+arrival|on\\s+the\\s+way|in\\s+(?:a\\s+|the\\s+)?hospital|of\\s+(?:his|her)\\s+(?:wounds|injuries)){B}"),
        ),
        pat(
            "FAT/EN/AND_DIED",
            Fixed(Quantity::Number(1)),
            En,
            &format!("{B}(?:(?:and|but)\\s+(?:(?:later|subsequently|then|eventually)\\s+)?died\\s+(?:minutes|hours|shortly|soon|later|on\\s+the\\s+way|on\\s+arrival|at\\s+the\\s+scene|on\\s+the\\s+spot|in\\s+(?:a\\s+|the\\s+)?hospital|at\\s+(?:a|the)\\s+(?:[a-z'-]+\\s+)?hospital)|before\\s+dying){B}"),
        ),
        pat(
            "FAT/EN/BEAT_THE_TO_DEATH",
            Fixed(Quantity::Number(1)),
            En,
            &format!("{B}(?:beat|beats|beating|stoned|stoning|hacked|hacking|stabbed|stabbing|tortured|torturing)\\s+(?:{one_victim}|him|her)\\s+(?:up\\s+)?to\\s+death{B}"),
        ),
        pat(
            "FAT/EN/KILLED_THE_AND_HIS",
            Fixed(Quantity::Number(2)),
            En,
            &format!("{B}{KILL_VERB}\\s+{one_victim}(?:\\s+[a-z'-]+){{0,8}}?\\s+and\\s+(?:his|her|their)\\s+(?:[a-z'-]+\\s+)?{VICTIM_NOUN}{B}"),
        ),
        pat(
            "FAT/EN/KILLED_THE",
            Fixed(Quantity::Number(1)),
            En,
            &format!("{B}{KILL_VERB}(?:\\s+and\\s+[a-z]+ed)?\\s+{one_victim}{B}"),
        ),
        pat(
            "FAT/EN/KILLED_TITLE",
            Fixed(Quantity::Number(1)),
            En,
            &format!("{B}{KILL_VERB}\\s+(?:[a-z'-]+\\s+){{0,2}}?{TITLE}\\s+[a-z]"),
        ),
        pat(
            "FAT/EN/SHOT_N_DEAD",
            Forward,
            En,
            &format!("{B}(?:shot|shoots|shoot|shooting)\\s+{q}{vt}(?:\\s+[^\\s.,;:!?]+){{0,4}}?\\s+dead{B}"),
        ),
        pat(
            "FAT/EN/KILLED_HIM",
            Fixed(Quantity::Number(1)),
            En,
            // "shoot member of militia dead" (a headline: one bare victim noun)
            &format!("{B}(?:{KILL_VERB}\\s+(?:him|her)|(?:shot|shoots|shoot|shooting)\\s+(?:him|her|(?:[a-z'-]+\\s+)?{VICTIM_NOUN}(?:\\s+[^\\s.,;:!?]+){{0,4}}?)\\s+dead){B}"),
        ),
        pat(
            "FAT/EN/SEIZED_THEN_KILLED",
            Forward,
            En,
            &format!(
                "{B}(?:arrested|arresting|abducted|abducting|kidnapped|kidnapping|detained|detaining|captured|capturing|rounded up|rounding up|took away|taking away)\\s+{q}{vt}?(?:[ ,]+[^\\s.;:!?]+){{0,14}}?[ ,]+(?:(?:and\\s+)?(?:(?:later|then|subsequently|summarily|allegedly|reportedly|all)\\s+)?(?:executed|executing|killed|killing|shot dead|shot|murdered|beheaded|slaughtered|burned|burnt|hanged|strangled)\\s+(?:them|all of them|both of them)|(?:who|that|and)\\s+(?:(?:were|had been|have been|reportedly|allegedly|later|subsequently|all|then)\\s+){{1,3}}(?:executed|killed|shot dead|murdered|beheaded|found dead)){B}"
            ),
        ),
        pat(
            "FAT/EN/BODY_OF",
            Fixed(Quantity::Number(1)),
            En,
            &format!("{B}(?:the\\s+)?(?:body|corpse)\\s+of\\s+(?:a|an|one)\\s+(?:[a-z'-]+\\s+){{0,3}}?(?:{VICTIM_NOUN}|migrant){B}"),
        ),
        pat(
            "FAT/EN/CAUSED_HIS_DEATH",
            Fixed(Quantity::Number(1)),
            En,
            &format!("{B}(?:causing|caused|leading to|led to|resulting in|resulted in)\\s+(?:his|her)\\s+(?:immediate\\s+|instant\\s+|instantaneous\\s+)?death{B}"),
        ),
        pat(
            "FAT/EN/DOUBLE_MURDER",
            Fixed(Quantity::Number(2)),
            En,
            &format!("{B}double\\s+(?:murder|homicide|killing|assassination)s?{B}"),
        ),
        pat(
            "FAT/EN/BODY_FOUND",
            Fixed(Quantity::Number(1)),
            En,
            &format!("{B}(?:(?:discovery|found|recovered|retrieved|discovered)\\s+(?:of\\s+)?(?:a|the)\\s+(?:[a-z'-]+\\s+){{0,2}}?(?:body|corpse)|(?:a|the)\\s+(?:[a-z'-]+\\s+){{0,2}}?(?:body|corpse)\\s+(?:was|has been)\\s+(?:found|discovered|recovered|retrieved)){B}"),
        ),
        pat(
            "FAT/EN/WAS_KILLED",
            Fixed(Quantity::Number(1)),
            En,
            // "... was with his son when killed by rebels": a reduced clause, one victim
            &format!("{B}(?:was|has been|had been|when)\\s+(?:(?:reportedly|later|also|only|allegedly|subsequently|confirmed|brutally|savagely|mercilessly|summarily)\\s+)?(?:(?:tortured|beaten|abducted|kidnapped|raped|shot|stabbed)\\s+and\\s+)?(?:killed|'?neutrali[sz]ed'?|shot dead|shot and killed|found dead|confirmed dead|declared dead|pronounced dead|fatally\\s+(?:shot|stabbed|wounded|injured)|executed|beheaded|murdered|assassinated|lynched|(?:hacked|stabbed|beaten|burned|burnt|tortured)\\s+to\\s+death){B}"),
        ),
        pat(
            "FAT/EN/HE_WAS_KILLED",
            Fixed(Quantity::Number(1)),
            En,
            &format!("{B}(?:he|she)\\s+(?:(?:was|has been|had been)\\s+(?:(?:reportedly|later|also|subsequently|brutally|savagely|mercilessly|summarily)\\s+)?(?:(?:tortured|beaten|abducted|kidnapped|raped|shot|stabbed)\\s+and\\s+)?(?:killed|shot dead|declared dead|pronounced dead|fatally\\s+(?:shot|stabbed|wounded|injured)|shot and killed|executed|beheaded|murdered|assassinated|lynched|found dead)|(?:later\\s+)?(?:died|succumbed)){B}"),
        ),
        pat(
            "FAT/FR/IL_A_ETE_TUE",
            Fixed(Quantity::Number(1)),
            Fr,
            &format!("{B}(?:il|elle)\\s+(?:a ete (?:tue|tuee|abattu|abattue|execute|executee|assassine|assassinee)|est (?:mort|morte|decede|decedee)|a succombe|a perdu la vie){B}"),
        ),
        pat(
            "FAT/EN/NEUTRALISED_N",
            Forward,
            En,
            &format!("{B}(?:neutrali[sz]ed|neutrali[sz]ing|neutrali[sz]es?)\\s+{q}{vt}?"),
        ),
        // "the group lost five members", "losing 12 of its soldiers": a side's own dead
        pat(
            "FAT/EN/LOST_N",
            Forward,
            En,
            &format!("{B}(?:lost|losing|loses)\\s+{q}{vt}"),
        ),
        pat(
            "FAT/EN/KILLING_N",
            Forward,
            En,
            &format!(
                "{B}(?:shot to death|shooting to death|fatally shot|fatally shooting|fatally stabbed|fatally stabbing|fatally wounded|fatally wounding|beat to death|beat up to death|beating to death|stoned to death|stoning to death|killing|killed|kills|kill|martyred|martyring|slaughtered|slaughtering|gun down|guns down|shoot dead|shoots dead|massacring|massacred|executing|executed|beheading|beheaded|murdering|murdered|assassinating|assassinated|gunning down|gunned down|shooting dead|shot dead|slaying|slew|shot and killed|shooting and killing|eliminated|eliminating)\\s+(?P<the>the\\s+)?{q}{vt}?"
            ),
        ),
        pat(
            "FAT/FR/TUANT_N",
            Forward,
            Fr,
            &format!(
                "{B}(?:tuant|tue|tuent|tuer|abattant|abattu|abattent|neutralisant|neutralise|neutralises|neutralisent|elimine|eliminant|massacrant|massacre|executant|execute|egorgeant|egorge|assassinant|assassine)\\s+{q}{vt}?"
            ),
        ),
        pat(
            "FAT/EN/N_KILLED",
            Backward,
            En,
            &format!(
                "{q}{gap8}(?:[ ,]+(?:(?P<aux>were|was|have been|has been|had been|are|is|being|been|got|have|has|had)\\s+)?(?:(?:reportedly|allegedly|also|all|later|confirmed|reported|believed|thought|said|feared|presumed|found|discovered|subsequently|since|then|to have been|to be)\\s+){{0,2}}(?P<v>{VERB_EN})|(?P<pv>{POSS_DEATH})){B}"
            ),
        ),
        pat(
            "FAT/FR/N_TUES",
            Backward,
            Fr,
            &format!(
                "{q}{gap8}[ ,]+(?:(?P<aux>ont ete|a ete|avaient ete|avait ete|auraient ete|aurait ete|sont|est|seraient|serait|ont|a|sont tous|furent)\\s+)?(?:(?:egalement|aussi|tous|toutes|finalement|retrouves?|retrouvees?|ete)\\s+){{0,2}}(?P<v>{VERB_FR}){B}"
            ),
        ),
        pat(
            "FAT/FR/DES_MORTS",
            Fixed(Quantity::ThreeOrTen),
            Fr,
            &format!("{B}des\\s+(?:morts|tues|deces)(?:\\s+et\\s+des\\s+blesses)?{B}"),
        ),
        pat(
            "FAT/EN/SINGULAR_KILLED",
            Fixed(Quantity::Number(1)),
            En,
            &format!(
                "{B}(?:man|woman|boy|girl|child|commander|chief|herdsman|peacekeeper|wife|husband|detainee|prisoner|coordinator|apprentice|bystander|councilman|councillor|guide|agent|leader|imam|soldier|gendarme|policeman|policewoman|officer|guard|civilian|villager|trader|herder|farmer|teacher|mayor|official|driver|militant|jihadist|fighter|member|hunter|shepherd|marabout|pastor|priest|journalist|worker|person|student|resident|youth|teenager|employee|nurse|doctor|passenger|motorist|rebel|insurgent|separatist|protester|demonstrator|secretary)(?:[ ,]+[^\\s.;:!?]+){{0,5}}?\\s+(?:(?:was|has been|had been)\\s+(?:(?:reportedly|allegedly|later|also|subsequently)\\s+)?(?:killed|shot dead|shot and killed|executed|beheaded|murdered|assassinated|lynched|found dead)|(?:killed|beheaded|shot dead|executed|assassinated|murdered)\\s+by|(?:(?:reportedly|allegedly)\\s+)?(?:killed|beheaded|shot dead|executed|assassinated|murdered)\\s+(?:and|in|at|near|on|during|amid|amidst|while|after|following)|died|(?:later\\s+)?succumbed){B}"
            ),
        ),
        // "the vehicle overturned and the driver killed.": a passive with its auxiliary left
        // out after a coordinated clause, closing the clause
        pat(
            "FAT/EN/SINGULAR_KILLED",
            Fixed(Quantity::Number(1)),
            En,
            &format!(
                "{B}(?:and|while)\\s+(?:the|its|his|her|their|one)\\s+(?:[a-z-]+\\s+)?(?:man|woman|boy|girl|child|commander|chief|soldier|gendarme|policeman|officer|guard|civilian|villager|trader|herder|farmer|driver|fighter|passenger|motorist|teacher|student|worker)\\s+(?:killed|found dead)\\s*(?:[.,;]|$)"
            ),
        ),
        pat(
            "FAT/EN/PLURAL_KILLED",
            Fixed(Quantity::ThreeOrTen),
            En,
            &format!(
                "{B}(?:people|civilians|villagers|soldiers|troops|residents|gendarmes|policemen|fighters|militants|jihadists|assailants|attackers|worshippers|herders|farmers|traders)\\s+(?:were|have been|had been|are)\\s+(?:reportedly\\s+|also\\s+)?(?:killed|shot dead|massacred|executed|slain){B}"
            ),
        ),
    ]
});

/// Continuation of a list after a figure ("..., a customs agent, and four civilians").
static LIST: LazyLock<Regex> = LazyLock::new(|| {
    let q = q_expr();
    let vt = victim_tail();
    Regex::new(&format!(
        "^(?:\\s*,\\s*(?:and\\s+|et\\s+)?|\\s*&\\s*|\\s+(?:and|as well as|plus|et|ainsi que|along with)\\s+)(?:(?:his|her|their|its|ses|leurs)\\s+)?(?P<q>{q})(?P<noun>{vt})"
    ))
    .expect("list pattern compiles")
});

/// Coordinated victims after a counted victim: the connector, then one item (rule
/// `FAT/EN/LIST_ITEM`): "and his driver", ", a bystander", "and two of his guards",
/// "and his three sons", "and three others", "with his bodyguard".
static PEOPLE: LazyLock<Regex> = LazyLock::new(|| {
    let q = q_expr();
    Regex::new(&ascii_ws(&format!(
        "^(?:\\s*,\\s*(?:and\\s+)?|\\s+(?:and|as well as|along with|together with|with)\\s+)\
         (?:(?P<q>{q})\\s+of\\s+(?:his|her|their|its|the)\\s+(?:[a-z'-]+\\s+){{0,2}}?[a-z'-]+{B}\
         |(?:(?:his|her|their|its)\\s+)?(?P<q2>{q})\\s+(?:[a-z'-]+\\s+){{0,2}}?(?:{VICTIM}){B}\
         |(?:his|her|their|a|an|another)\\s+(?:[a-z'-]+\\s+){{0,3}}?{VICTIM_NOUN}{B}\
         |the\\s+(?:[a-z'-]+\\s+)?{VICTIM_NOUN}{B}\
         |(?P<bare>{VICTIM_NOUN}){B})"
    )))
    .expect("people pattern compiles")
});

/// "killed a commander in the rebel outfit, the X Network, and two others": "and N others"
/// closing the clause of a counted victim, after a longer description (rule
/// `FAT/EN/LIST_ITEM`, see [`others_tail`]).
static OTHERS_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_ws(&format!(
        "^(?P<pre>[^.;:!?]{{0,110}}?),?\\s+and\\s+(?P<q>{})\\s+others{B}",
        q_expr()
    )))
    .expect("others tail pattern compiles")
});

/// Words that end the description of a victim before a coordinated one ("the leader of the
/// local militia and his driver"): a new clause or a place starts there.
const PEOPLE_SKIP_STOP: &[&str] = &[
    "and",
    "in",
    "at",
    "near",
    "on",
    "during",
    "while",
    "after",
    "before",
    "when",
    "who",
    "whom",
    "which",
    "that",
    "was",
    "were",
    "is",
    "are",
    "had",
    "has",
    "have",
    "wounded",
    "injured",
    "wounding",
    "injuring",
    "abducted",
    "kidnapped",
    "arrested",
    "by",
    "from",
    "to",
    "into",
    "between",
    "inside",
    "outside",
    "as",
    "but",
    "then",
    "including",
    "among",
    "such",
    "namely",
    "notably",
    "incl",
    "like",
];

/// A bare quantity, for scanning gaps.
static QONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&q_expr()).expect("quantity pattern compiles"));

static VICTIM_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("{B}(?:{VICTIM}){B}")).expect("victim pattern compiles"));

static CUMULATIVE: LazyLock<Regex> = LazyLock::new(|| {
    const MONTH: &str =
        "(?:january|february|march|april|may|june|july|august|september|october|november|december)";
    Regex::new(&format!(
        "{B}(?:since\\s+(?:the\\s+)?(?:start|beginning|outbreak|onset|launch)|since\\s+(?:19|20)[0-9]{{2}}|since\\s+(?:the\\s+)?[0-9]{{1,2}}(?:st|nd|rd|th)?(?:\\s+of)?\\s+(?:january|february|march|april|may|june|july|august|september|october|november|december),?\\s+(?:19|20)[0-9]{{2}}|since\\s+(?:(?:early|late|mid)[-\\s]+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)|since\\s+(?:(?:early|late|mid)[-\\s]+)?(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)|since\\s+then|since\\s+(?:the|last\\s+year's|this\\s+year's)\\s+(?:[a-z0-9.]+\\s+){{0,3}}?(?:coup|takeover|putsch|war|conflict|uprising|revolution|insurgency|crisis)|(?:war|conflict|insurgency|crackdown)\\s+(?:has|have)\\s+(?:so\\s+far\\s+|now\\s+|already\\s+)?(?:killed|claimed)|(?:a|an|afp|reuters|its|our|their)\\s+(?:own\\s+)?tally|(?:in|during|over)\\s+the\\s+same\\s+period|until\\s+today|to\\s+date|since\\s+that\\s+time|depuis\\s+lors|\
         (?:over|in|for)\\s+(?:more\\s+than\\s+)?(?:a|two|three|several)\\s+decades?|\
         (?:for|over)\\s+(?:more\\s+than\\s+|nearly\\s+|almost\\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|several|many|[0-9]{{1,2}})\\s+years|\
         (?:over|in|during)\\s+the\\s+(?:previous|past|last)\\s+(?:three|four|five|six|seven|eight|nine|ten|several|few|[3-9]|[1-9][0-9])\\s+(?:days|weeks)|(?:decades?|years)\\s+of\\s+(?:violence|conflict|war|fighting|insurgency|unrest)|\
         so far this year|(?:so far|earlier|already)\\s+this\\s+year|this year|in\\s+(?:the\\s+)?(?:past|last)\\s+(?:[a-z]+\\s+)?(?:years?|months|decades?)|\
         over\\s+the\\s+(?:past|last)\\s+(?:[a-z]+\\s+)?(?:years?|months|decades?)|\
         (?:during|throughout|in\\s+the\\s+month\\s+of)\\s+(?:the\\s+month\\s+of\\s+)?{MONTH}|\
         between\\s+(?:(?:early|mid|late)[-\\s]+)?{MONTH}\\s+and\\s+(?:(?:early|mid|late)[-\\s]+)?{MONTH}|\
         from\\s+(?:(?:early|mid|late)[-\\s]+)?{MONTH}(?:\\s+[0-9]{{1,2}}(?:st|nd|rd|th)?)?,?\\s+(?:to|through|until|till)|\
         (?:(?:in|during)\\s+(?:various|numerous|multiple|several|dozens\\s+of|hundreds\\s+of|[0-9]{{2,}})|a\\s+(?:series|spate|wave)\\s+of)\\s+(?:[a-z-]+\\s+)?(?:attacks|clashes|incidents|shootouts|raids|bombings|ambushes|operations)|\
         continu(?:es|ed|e|ing)\\s+to\\s+(?:kill|attack|target)|(?:in|during|over|within)\\s+the\\s+first\\s+(?:few\\s+|two\\s+|three\\s+)?(?:days|weeks?|months?)\\s+of|in recent\\s+(?:years|months|weeks|days)|in total since|per year|every year|annually|\
         depuis\\s+(?:19|20)[0-9]{{2}}|depuis\\s+(?:le\\s+)?debut|depuis\\s+(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)|\
         depuis\\s+(?:plusieurs|des)\\s+(?:mois|annees)|cette annee|au cours des\\s+(?:derniers|dernieres)|ces\\s+(?:derniers|dernieres)\\s+(?:mois|annees|semaines)|en\\s+(?:19|20)[0-9]{{2}}){B}"
    ))
    .expect("cumulative pattern compiles")
});

/// A cause or motive right before a figure (see [`is_motive`]).
static MOTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "{B}(?:revenge|retaliation|retaliatory|reprisal|reprisals|response|reaction|protest|protests|protesting|protested|demonstrate|demonstrated|demonstrating|demonstration|outrage|anger|angered|denounce|denounced|denouncing|condemn|condemned|condemning|accused|suspected|charged|convicted|wanted|mourn|mourned|mourning|commemorate|commemorated|commemorating|commemoration|anniversary|avenge|avenging|funeral|burial|vengeance|represailles|suite au|suite a|protester contre|denoncer)\\s+(?:(?:act|acts|attack|attacks|operation|raid|raids)\\s+)?(?:(?:for|to|against|over|at|of|about|contre|de)\\s+)?(?:the\\s+|la\\s+|le\\s+|l')?$|{B}(?:implicated|involved|involvement|suspect|suspects|suspected|accused|charged|convicted|role|complicity|complicit)\\s+in\\s+(?:the\\s+)?$"
    ))
    .expect("motive pattern compiles")
});

/// A death told as what came before ("... blocked the road after a woman died", "rioted
/// following the killing of two students", "demanding justice for a boy killed"): the clause
/// runs from the cue to the figure with no comma in between (see [`is_motive`]).
static MOTIVE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "{B}(?:after|following|justice for|investigation into|investigation of|inquiry into|probe into|in relation to|in connection with|related to|linked to|in memory of|apres|suite a|a la suite de)\\s+(?:[^\\s,;:()]+\\s+){{0,6}}$"
    ))
    .expect("motive-after pattern compiles")
});

/// A fight told right after a death figure ("... during a gunfight with police", "in a clash
/// with troops"): the deaths belong to that fight (see [`is_motive`]).
static FIGHT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "^\\s*(?:on\\s+[a-z]+\\s+)?(?:during|in)\\s+(?:a|an|the)\\s+(?:[a-z-]+\\s+)?(?:gunfight|gun\\s+battle|firefight|shootout|shoot-out|exchange\\s+of\\s+fire|clash|clashes|encounter|skirmish|battle){B}"
    ))
    .expect("fight-after pattern compiles")
});

/// "a woman and her child", "a man and his son": one more victim named by a possessive
/// after a counted one (the gap of a backward figure ends with it).
static AND_HIS_ONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "\\s+and\\s+(?:his|her|their)\\s+(?:[a-z'-]+\\s+)?{VICTIM_NOUN}\\s*$"
    ))
    .expect("and-his-one pattern compiles")
});

/// A figure a source has since replaced ("the monitor had initially said three people were
/// killed but later revised its toll"): not a report of the incident any more.
static SUPERSEDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "{B}(?:(?:had\\s+)?(?:originally|initially)\\s+(?:reported|said|put|gave|announced|stated)|later\\s+(?:updated|revised|corrected|raised)|(?:updated|revised|corrected)\\s+(?:its|their|the|this|that)\\s+(?:death\\s+)?(?:toll|figure|count)){B}"
    ))
    .expect("superseded pattern compiles")
});

static SUPERLATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "{B}(?:deadliest|worst|bloodiest|largest|biggest|most deadly|heaviest|le plus meurtrier|la plus meurtriere|les plus meurtriers|le plus lourd|la plus grave|la plus sanglante|le plus sanglant){B}"
    ))
    .expect("superlative pattern compiles")
});

static CLAIM: LazyLock<Regex> = LazyLock::new(|| {
    let who = "army|armed forces|military|ministry|government|defen[cs]e|fama|fds|jnim|islamic state|isgs|iswap|\
               the group|jihadists?|militants|insurgents|rebels|statement|communique|spokes(?:man|person|woman)|general staff|chief of staff|\
               armee|forces armees|etat-major|ministere|gouvernement|le groupe|jihadistes|djihadistes|porte-parole|terroristes";
    Regex::new(&format!(
        "{B}(?:(?:according to|citing|selon|d'apres)\\s+(?:the\\s+|l'|le\\s+|les\\s+|la\\s+|un\\s+|une\\s+)?(?:[a-z]+\\s+){{0,2}}?(?:{who})\
         |(?:{who}){B}[^.;]{{0,80}}?{B}(?:said|says|claimed|claims|announced|announces|reported|reports|stated|asserted|added|indicated|a annonce|annonce|a indique|indique|affirme|a affirme|revendique|a revendique|a precise|precise|a fait etat|fait etat|a declare|declare)\
         |claim(?:ed|s)?\\s+(?:to\\s+have|it|they|that|its|their|to)|neutrali[sz]|revendiqu[a-z]*){B}"
    ))
    .expect("claim pattern compiles")
});

static ARMY_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "{B}(?:army|armed forces|military|fama|fds|troops|soldiers|forces|armee|militaires|soldats|etat-major|operation|airstrikes?|air force|ministry|ministere){B}"
    ))
    .expect("army pattern compiles")
});

static ALSO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "{B}(?:also|as well|in addition|additionally|another|a further|further|egalement|aussi|en outre|de plus|par ailleurs|en plus){B}"
    ))
    .expect("also pattern compiles")
});

/// Verbs of saying and sources: an "also" or "another" right before one is about the source,
/// not the dead ("the rescue service also said that one villager was killed", "another
/// source said one person died" are other reports of the same death).
#[rustfmt::skip]
const REPORT_VERBS: &[&str] = &[
    "reported", "reports", "said", "says", "confirmed", "confirms", "documented", "stated",
    "told", "tweeted", "noted", "added", "announced", "claimed", "mentioned", "wrote",
    "indicated", "cited", "put", "gave", "recorded", "identified", "counted", "disclosed",
    "revealed", "alleged", "explained", "informed", "learned", "learnt", "gathered", "quoted",
    "estimated", "suggested", "explains", "adds", "notes", "states", "writes", "tweets",
    // "another source said": a second source, not a second toll
    "source", "sources", "report", "reports", "witness", "witnesses", "resident", "residents",
    "official", "officials", "statement", "account", "outlet", "tweet",
];

/// An "also" word in the text around a figure that is about the figure itself ("three
/// attackers were also killed"), not about the speaker ("X also reported that ..."). After
/// the figure, "another" / "a further" open the next figure ("three rebels were killed and
/// another three injured"), so only "also", "as well", ... count there. "In addition to"
/// points at something already told, before or after the figure.
fn also_near_figure(before: &str, after: &str) -> bool {
    let about_figure = |s: &str, a: regex::Match| {
        let next = s[a.end()..]
            .split(|c: char| !c.is_ascii_alphabetic())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        // "in addition to the girl that was killed": the figure is the one already told
        !(REPORT_VERBS.contains(&next) || (next == "to" && a.as_str() == "in addition"))
    };
    ALSO.find_iter(before).any(|a| about_figure(before, a))
        || ALSO.find_iter(after).any(|a| {
            !matches!(a.as_str(), "another" | "a further" | "further") && about_figure(after, a)
        })
}

/// How far before / after a figure an "also" word still refers to it (bytes).
const ALSO_BEFORE: usize = 40;
const ALSO_AFTER: usize = 16;

/// Later deaths of the wounded (codebook 4.1.7): they add to the toll.
static LATER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "{B}(?:died of (?:his|her|their) (?:wounds|injuries)|succumbed|later died|died later|died in hospital|a succombe|ont succombe|succombe|mort de ses blessures|morts de leurs blessures){B}"
    ))
    .expect("later pattern compiles")
});

/// A figure for the other side's losses ("2 dead in JNIM's ranks").
static RANKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "^[^.;]{{0,40}}?{B}(?:ranks|rangs|on the (?:[a-z]+ )?side|among the (?:attackers|assailants|militants|jihadists|terrorists|insurgents)|parmi les (?:assaillants|terroristes|jihadistes|djihadistes)){B}"
    ))
    .expect("ranks pattern compiles")
});

/// People described as armed ("armed men", "armed individuals", "heavily armed people").
static ARMED_PEOPLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "{B}(?:armed|heavily armed|hommes armes|individus armes){B}(?:\\s+(?:[a-z-]+\\s+)?(?:men|man|individuals?|people|persons?|elements?|groups?|bandits?)){B}|{B}(?:hommes|individus) armes{B}"
    ))
    .expect("armed people pattern compiles")
});

/// "in its ranks", "in their own ranks": the side that speaks (see [`RANKS`]).
static OWN_RANKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "^[^.;]{{0,40}}?{B}(?:(?:its|their|our)(?:\\s+own)?|own)\\s+(?:ranks|rangs){B}"
    ))
    .expect("own ranks pattern compiles")
});

static UPDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "{B}(?:rose|climbed|risen|increased|jumped|reached|rises|climbs|rising|climbing|soared|hit|hits|now|bringing|brought|brings|taking|took|raising|raised|pushing|pushed|alourdi|alourdit|passe a|grimpe|monte|s'eleve desormais|revu a la hausse|nouveau bilan){B}"
    ))
    .expect("update pattern compiles")
});

/// Cheap pre-check on the raw text: does the scope mention death at all?
/// The words one of which a text must hold for any pattern to run (ASCII case-insensitive).
#[rustfmt::skip]
const PREFILTER_WORDS: &[&str] = &[
            "kill",
            "dead",
            "deceased",
            "lifeless",
            "to death",
            "burned them",
            "burnt them",
            "burned alive",
            "burnt alive",
            "martyr",
            "slaughter",
            "gun down",
            "guns down",
            "death",
            "died",
            "die ",
            "fatalit",
            "fatally",
            "bodies",
            "body",
            "corpse",
            "double murder",
            "double homicide",
            "double killing",
            "double assassination",
            "neutrali",
            "massacr",
            "execut",
            "behead",
            "slain",
            "slew",
            "murder",
            "assassin",
            "lives",
            "life",
            "toll",
            "perish",
            "lynch",
            "casualt",
            "victim",
            "no one",
            "nobody",
            "none",
            "gunned",
            "succumb",
            "mort",
            "tu\u{e9}",
            "tue",
            "tuant",
            "abatt",
            "bilan",
            "d\u{e9}c\u{e9}d",
            "deced",
            "p\u{e9}ri",
            "gorg",
            "corps",
            "cadavre",
            "aucun",
            "pas de",
            "pas eu",
            "sans",
            "remains",
            "la vie",
            "neutralis",
            "d\u{e9}pouille",
            "personne n",
            "outcome",
            "lost",
];

static PREFILTER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(PREFILTER_WORDS)
        .expect("prefilter builds")
});

/// Weak cue words of [`PREFILTER_WORDS`] and the English patterns that can match with no
/// other cue: a text whose only cues are weak (`the victim`, `the toll`, `no casualties`,
/// `lost their lives`; `mortar` and `Tuesday` holding `mort` and `tue`) runs only these and
/// the French patterns, not the ~30 English patterns built on a killing word.
const WEAK_CUES: &[(&str, &[&str])] = &[
    ("victim", &["FAT/EN/NONE"]),
    ("toll", &["FAT/EN/NONE", "FAT/EN/DEATH_TOLL"]),
    ("casualt", &["FAT/EN/NONE", "FAT/EN/DEATH_TOLL"]),
    (
        "lives",
        &["FAT/EN/NONE", "FAT/EN/CLAIMED_LIVES", "FAT/EN/N_KILLED"],
    ),
    (
        "life",
        &["FAT/EN/NONE", "FAT/EN/CLAIMED_LIVES", "FAT/EN/N_KILLED"],
    ),
    ("lost", &["FAT/EN/LOST_N", "FAT/EN/N_KILLED"]),
    ("bilan", &[]),
    ("mort", &[]),
    ("tue", &[]),
];

/// The English rules a text's weak cues allow (French patterns always run), or `None` when
/// the text holds a cue that is not weak: then every pattern runs.
fn weak_only_rules(raw: &str) -> Option<Vec<&'static str>> {
    let mut rules: Vec<&'static str> = Vec::new();
    for m in PREFILTER.find_overlapping_iter(raw) {
        let w = PREFILTER_WORDS[m.pattern().as_usize()];
        let (_, allowed) = WEAK_CUES.iter().find(|(c, _)| *c == w)?;
        for r in allowed.iter() {
            if !rules.contains(r) {
                rules.push(r);
            }
        }
    }
    Some(rules)
}

// ---------------------------------------------------------------------------------------------
// Word lists for the filters.

#[rustfmt::skip]
const UNIT_AFTER: &[&str] = &[
    "km", "kms", "kilometers", "kilometres", "kilometre", "kilometer", "miles", "mile", "m",
    "metres", "meters", "year", "years", "yr", "yrs", "ans", "an", "annees", "annee", "hours",
    "hour", "hrs", "h", "heures", "heure", "minutes", "minute", "mn", "min", "days", "day",
    "jours", "jour", "weeks", "week", "semaines", "semaine", "months", "month", "mois", "percent",
    "per", "pour", "am", "pm", "vehicles", "vehicle", "vehicules", "vehicule", "motorcycles",
    "motorcycle", "motorbikes", "motorbike", "motos", "moto", "bikes", 
     "pickups", "pick", "cattle", "head", "heads", "tetes", "betail",
    "animals", "livestock", "sheep", "goats", "camels", "cows", "boeufs", "tons", "tonnes", "cfa",
    "fcfa", "francs", "dollars", "euros", "million", "millions", "milliards", "billion", "rounds",
    "weapons", "armes", "houses", "maisons", "villages", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "sept", "sep", "october", "oct", "november",
    "nov", "december", "dec", "jan", "feb", "janvier", "fevrier", "mars", "avril", "mai", "juin",
    "juillet", "aout", "septembre", "octobre", "novembre", "decembre", "o'clock", "times", "fois",
    "attacks", "attaques", "incidents", "raids", "times", "percentage", "oxen", "ox", "bulls", "donkeys",
    "horses", "chickens", "dogs", "pigs", "buffalo", "buffaloes", "mules", "boats", "huts", "shops", "homes", "buildings", "cars",
    "trucks", "lakh", "lakhs", "crore", "crores", "rs", "rupees",
];

/// Things carried out or fired, right after a number: "executed about 12 airstrikes",
/// "fired 30 shells" count no people.
#[rustfmt::skip]
const FIRED_AFTER: &[&str] = &[
    "airstrikes", "strikes", "sorties", "missions", "operations", "shells", "rockets",
    "missiles", "bombs", "drones", "mortars", "projectiles", "shots", "bullets", "frappes",
    "obus", "roquettes", "landmines", "mines", "ieds", "grenades", "explosives", "explosions",
    "blasts", "bombings",
];

#[rustfmt::skip]
const WORD_BEFORE: &[&str] = &[
    "aged", "age", "agee", "agees", "ages", "since", "depuis", "en", "on", "le", "du", "at",
    "route", "rn", "number", "no", "n", "page", "until", "per", "year", "annee", "des", "the",
    "this", "these", "those", "every", "each", "l'", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "grade", "class", "level", "phase", "ward", "zone", "sector", "chapter", "article",
];

/// Kin of a dead person ("the family of a man who was killed").
/// Clauses that carry a figure on to a running tally (", bringing the toll to 45").
const TALLY_CLAUSE: [&str; 4] = [", bringing", ", raising", ", taking", ", pushing"];

#[rustfmt::skip]
const KIN: &[&str] = &[
    "relative", "relatives", "family", "families", "widow", "widows", "mother", "father",
    "son", "sons", "daughter", "daughters", "brother", "brothers", "sister", "sisters", "wife",
    "husband", "parents", "children", "kin", "friend", "friends", "widower", "orphans",
    "uncle", "aunt", "nephew", "niece", "cousin", "cousins", "grandmother", "grandfather",
    "fiancee", "fiance",
];

#[rustfmt::skip]
const GAP_BREAK: &[&str] = &[
    "wounded", "injured", "injuring", "wounding", "hurt", "blesses", "blesse", "blessees",
    "abducted", "kidnapped", "kidnapping", "arrested", "captured", "missing", "disappeared",
    "enleves", "enlevees", "kidnappes", "arretes", "interpelles", "captures", "disparus", "who",
    "which", "that", "after", "before", "when", "while", "whereas", "qui", "que", "apres", "avant",
    "lorsque", "quand", "alors", "pendant", "during", "since", "depuis", "because", "but", "mais",
    "attacked", "attaque", "ambushed", "stormed", "raided", "said", "says", "told", "a", "an",
];

/// "a commander with his six men", "an official along with his two guards": the victim's
/// companions are one more list item.
const WITH_HIS: &[&str] = &[
    " with his",
    " with her",
    " with their",
    " and his",
    " and her",
    " and their",
];

/// Words that cannot stand in a list segment of victims (a place or a clause starts).
const LIST_STOP: &[&str] = &[
    "in", "at", "near", "on", "between", "from", "inside", "outside", "around", "towards",
    "toward", "against", "with", "by", "during", "while", "clashed", "attacked",
];

const SUBSET: &[&str] = &["including", "among", "dont", "parmi", "notamment", "incl"];

#[rustfmt::skip]
const OBJECT_START: &[&str] = &[
    "a", "an", "the", "one", "his", "her", "their", "its", "several", "many", "some", "dozens",
    "scores", "hundreds", "at", "more", "over", "nearly", "about", "around", "up", "un", "une",
    "le", "la", "les", "des", "deux", "plusieurs", "au", "l", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "people", "civilians", "soldiers", "villagers", "him",
    "them", "themselves", "himself", "most", "all", "both",
];

// ---------------------------------------------------------------------------------------------
// Number parsing.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Atom {
    Unit(u64),
    Teen(u64),
    Tens(u64),
    Hundred,
    Thousand,
    Dozen,
}

fn atom(w: &str) -> Option<Atom> {
    use Atom::*;
    Some(match w {
        "zero" | "zéro" => Unit(0),
        "one" | "un" | "une" => Unit(1),
        "two" | "deux" => Unit(2),
        "three" | "trois" => Unit(3),
        "four" | "quatre" => Unit(4),
        "five" | "cinq" => Unit(5),
        "six" => Unit(6),
        "seven" | "sept" => Unit(7),
        "eight" | "huit" => Unit(8),
        "nine" | "neuf" => Unit(9),
        "ten" | "dix" => Teen(10),
        "eleven" | "onze" => Teen(11),
        "twelve" | "douze" => Teen(12),
        "thirteen" | "treize" => Teen(13),
        "fourteen" | "quatorze" => Teen(14),
        "fifteen" | "quinze" => Teen(15),
        "sixteen" | "seize" => Teen(16),
        "seventeen" => Teen(17),
        "eighteen" => Teen(18),
        "nineteen" => Teen(19),
        "twenty" | "vingt" | "vingts" => Tens(20),
        "thirty" | "trente" => Tens(30),
        "forty" | "fourty" | "quarante" => Tens(40),
        "fifty" | "cinquante" => Tens(50),
        "sixty" | "soixante" => Tens(60),
        "seventy" => Tens(70),
        "eighty" => Tens(80),
        "ninety" => Tens(90),
        "hundred" | "cent" | "cents" => Hundred,
        "thousand" | "mille" => Thousand,
        "dozen" => Dozen,
        _ => return None,
    })
}

fn parse_digits(s: &str) -> Option<u32> {
    let groups: Vec<&str> = s
        .split([',', '.', ' ', '\u{a0}', '\u{202f}', '\u{2009}'])
        .collect();
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if groups.len() > 1 {
        let first_ok = groups[0].len() <= 3;
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
        if !(first_ok && rest_ok) {
            return None;
        }
    }
    let mut v: u64 = 0;
    for g in &groups {
        for b in g.bytes() {
            v = v.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
        }
    }
    u32::try_from(v).ok()
}

fn parse_words(s: &str) -> Option<u32> {
    let toks: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|t| !t.is_empty())
        .collect();
    if toks.is_empty() {
        return None;
    }
    let (mut total, mut cur): (u64, u64) = (0, 0);
    let mut last: Option<Atom> = None;
    let mut prev_word = "";
    let mut seen = false;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let next = toks.get(i + 1).copied();
        match t {
            "a" | "an" if i == 0 => {
                match next.and_then(atom) {
                    Some(Atom::Hundred | Atom::Thousand | Atom::Dozen) => {}
                    _ => return None,
                }
                cur = 1;
                last = Some(Atom::Unit(1));
                prev_word = t;
                i += 1;
                continue;
            }
            "and" => {
                if !matches!(last, Some(Atom::Hundred | Atom::Thousand)) || next.is_none() {
                    return None;
                }
                i += 1;
                continue;
            }
            "et" => {
                if !matches!(next, Some("un" | "une" | "onze"))
                    || !matches!(last, Some(Atom::Tens(_)))
                {
                    return None;
                }
                i += 1;
                continue;
            }
            _ => {}
        }
        let a = atom(t)?;
        seen = true;
        match a {
            Atom::Unit(v) => {
                match last {
                    None | Some(Atom::Hundred | Atom::Thousand | Atom::Tens(_)) => {}
                    Some(Atom::Teen(10)) if prev_word == "dix" => {}
                    _ => return None,
                }
                cur += v;
            }
            Atom::Teen(v) => {
                match last {
                    None | Some(Atom::Hundred | Atom::Thousand) => {}
                    // soixante-dix, quatre-vingt-douze
                    Some(Atom::Tens(60)) | Some(Atom::Tens(80)) => {}
                    _ => return None,
                }
                cur += v;
            }
            Atom::Tens(v) => {
                if v == 20 && prev_word == "quatre" && cur % 100 == 4 {
                    cur = cur - 4 + 80;
                    last = Some(Atom::Tens(80));
                    prev_word = t;
                    i += 1;
                    continue;
                }
                match last {
                    None | Some(Atom::Hundred | Atom::Thousand) => {}
                    _ => return None,
                }
                cur += v;
            }
            Atom::Hundred => {
                if cur % 100 >= 100 {
                    return None;
                }
                let base = cur % 1000;
                cur = cur - base + base.max(1) * 100;
            }
            Atom::Thousand => {
                total += cur.max(1) * 1000;
                cur = 0;
            }
            Atom::Dozen => {
                cur = cur.max(1) * 12;
            }
        }
        last = Some(a);
        prev_word = t;
        if total + cur > u64::from(u32::MAX) {
            return None;
        }
        i += 1;
    }
    if !seen {
        return None;
    }
    u32::try_from(total + cur).ok()
}

/// Parse a number written in digits or words, English or French ("20", "1,200", "twenty",
/// "vingt-cinq", "a dozen", "une quinzaine"). None when the text is not a number.
pub fn parse_number(s: &str) -> Option<u32> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    if t.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return parse_digits(t);
    }
    let f = Folded::new(t).s;
    let f = f.trim();
    if let Some(Quantity::Number(n) | Quantity::Fixed(n)) = approx_numeral(f) {
        return Some(n);
    }
    parse_words(f)
}

/// French approximate numerals and "un millier".
fn approx_numeral(f: &str) -> Option<Quantity> {
    Some(match f {
        "une quinzaine" => Quantity::Number(15),
        "une vingtaine" => Quantity::Number(20),
        "une trentaine" => Quantity::Number(30),
        "une quarantaine" => Quantity::Number(40),
        "une cinquantaine" => Quantity::Number(50),
        "une soixantaine" => Quantity::Number(60),
        "une centaine" => Quantity::Number(100),
        "un millier" => Quantity::Number(1000),
        "une dizaine" => Quantity::Fixed(10),
        "une douzaine" => Quantity::Fixed(12),
        _ => return None,
    })
}

fn vague_quantity(f: &str) -> Option<Quantity> {
    use Quantity::*;
    if let Some(q) = approx_numeral(f) {
        return Some(q);
    }
    Some(match f {
        "a few dozen" | "several dozen" | "dozens" | "des douzaines" => Fixed(12),
        "a few hundred"
        | "several hundred"
        | "hundreds"
        | "des centaines"
        | "plusieurs centaines"
        | "quelques centaines" => Fixed(100),
        "tens" | "des dizaines" | "plusieurs dizaines" | "quelques dizaines" => Fixed(10),
        "scores" => Fixed(20),
        "thousands" | "des milliers" | "plusieurs milliers" => Fixed(1000),
        "tens of thousands" => Fixed(10_000),
        "hundreds of thousands" => Fixed(100_000),
        "a couple" | "a couple of" => Fixed(2),
        "a large number of"
        | "a great number of"
        | "a number of"
        | "an unknown number of"
        | "an undetermined number of"
        | "an unspecified number of"
        | "an unconfirmed number of"
        | "an undisclosed number of"
        | "an unclear number of"
        | "a handful of"
        | "a few"
        | "several"
        | "few"
        | "some"
        | "many"
        | "numerous"
        | "countless"
        | "un certain nombre de"
        | "un grand nombre de"
        | "de nombreux"
        | "de nombreuses"
        | "nombreux"
        | "nombreuses"
        | "plusieurs"
        | "quelques"
        | "de multiples" => ThreeOrTen,
        _ => return None,
    })
}

#[rustfmt::skip]
const QUAL_PREFIXES: &[&str] = &[
    "at least ", "at most ", "more than ", "over ", "nearly ", "almost ", "about ", "around ",
    "approximately ", "roughly ", "some ", "up to ", "as many as ", "an estimated ", "estimated ",
    "no fewer than ", "no less than ", "not less than ", "fewer than ", "less than ", "close to ",
    "upwards of ", "in excess of ", "just over ", "just under ", "a total of ", "a further ",
    "another ", "an additional ", "only ", "a reported ", "reportedly ", "officially ",
    "au moins ", "d'au moins ", "au total ", "pas moins de ", "plus de ", "pres de ", "environ ",
    "jusqu'a ", "quelque ", "un total de ", "moins de ", "au minimum ", "a peine ",
    "officiellement ", "plus d'", "pres d'", "moins d'",
];

/// Quantity of a folded `q` match.
fn parse_quantity(q: &str) -> Option<Quantity> {
    let mut t = q.trim();
    // "killed both of the herders": a pair
    if t == "both of the" || t.strip_suffix(['.', ',', ';']) == Some("both") {
        return Some(Quantity::Number(2));
    }
    // normalise runs of whitespace cheaply: only single spaces are expected in the tables
    loop {
        let before = t.len();
        for p in QUAL_PREFIXES {
            if let Some(rest) = t.strip_prefix(p) {
                t = rest.trim_start();
                break;
            }
        }
        if t.len() == before {
            break;
        }
    }
    if t.is_empty() {
        // "some" / "about" alone: the qualifier was the vague word itself
        return vague_quantity(q.trim());
    }
    if let Some(v) = vague_quantity(t) {
        return Some(v);
    }
    if t == "a" || t == "an" {
        return Some(Quantity::Number(1));
    }
    for p in ["between ", "entre ", "de "] {
        if let Some(rest) = t.strip_prefix(p) {
            t = rest;
            break;
        }
    }
    for s in [" or more", " ou plus"] {
        if let Some(rest) = t.strip_suffix(s) {
            t = rest;
        }
    }
    if let Some(n) = parse_number(t) {
        return Some(Quantity::Number(n));
    }
    // a range: the first number that parses before a separator
    for sep in [" and ", " et ", " to ", " or ", " ou ", " a ", "-", " - "] {
        let mut from = 0;
        while let Some(i) = t[from..].find(sep) {
            let at = from + i;
            if let Some(n) = parse_number(&t[..at]) {
                return Some(Quantity::Number(n));
            }
            from = at + sep.len();
            if from >= t.len() {
                break;
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Helpers on folded text.

fn prev_word(s: &str, at: usize) -> &str {
    let b = s.as_bytes();
    let mut e = at.min(b.len());
    while e > 0 && (b[e - 1] == b' ' || b[e - 1] == b'\t' || b[e - 1] == b'\n') {
        e -= 1;
    }
    // keep a trailing apostrophe (l', d')
    let mut st = e;
    while st > 0 && (b[st - 1].is_ascii_alphanumeric() || (st == e && b[st - 1] == b'\'')) {
        st -= 1;
    }
    s.get(st..e).unwrap_or("")
}

fn next_word(s: &str, at: usize) -> &str {
    let b = s.as_bytes();
    let mut st = at.min(b.len());
    while st < b.len() && (b[st] == b' ' || b[st] == b'-' || b[st] == b'\t' || b[st] == b'\n') {
        st += 1;
    }
    let mut e = st;
    while e < b.len() && (b[e].is_ascii_alphanumeric() || b[e] == b'%' || b[e] == b'\'') {
        e += 1;
    }
    if e == st && st < b.len() && b[st] == b'%' {
        e += 1;
    }
    s.get(st..e).unwrap_or("")
}

fn is_article(q: &str) -> bool {
    matches!(q, "a" | "an" | "un" | "une" | "one")
}

/// Whether the quantity at `[qs, qe)` is really a count of people (not a unit, date, age).
fn quantity_ok(s: &str, qs: usize, qe: usize, check_before: bool) -> bool {
    let q = &s[qs..qe];
    // "it did not say how many were killed", "how many have you killed?": a question, not a
    // figure
    if matches!(q.trim(), "many" | "much") && prev_word(s, qs) == "how" {
        return false;
    }
    let nw = next_word(s, qe);
    if UNIT_AFTER.contains(&nw) || FIRED_AFTER.contains(&nw) || nw.starts_with("year") || nw == "%"
    {
        return false;
    }
    // "a dozen of their livestock", "dozens of the cattle": a unit after "of"
    if nw == "of" {
        let mut words = s.get(qe..).unwrap_or("").split_whitespace().skip(1).take(3);
        if words.any(|w| UNIT_AFTER.contains(&w.trim_end_matches([',', '.', ';']))) {
            return false;
        }
    }
    // times 5:30, ratios
    let b = s.as_bytes();
    // "Cirilo Paderna, 51, was shot dead": an age between commas after a name
    if qs >= 2
        && b[qs - 1] == b' '
        && b[qs - 2] == b','
        && b.get(qe) == Some(&b',')
        && q.len() <= 3
        && q.bytes().all(|c| c.is_ascii_digit())
    {
        return false;
    }
    if qe < b.len() && b[qe] == b':' && b.get(qe + 1).is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    if q.len() == 4
        && q.bytes().all(|c| c.is_ascii_digit())
        && (q.starts_with("19") || q.starts_with("20"))
    {
        let after = s.get(qe..).unwrap_or("");
        let near = after.get(..after.len().min(40)).unwrap_or(after);
        if !starts_with_victim(near) {
            return false;
        }
    }
    if check_before {
        let pw = prev_word(s, qs);
        if WORD_BEFORE.contains(&pw) {
            return false;
        }
    }
    true
}

fn starts_with_victim(s: &str) -> bool {
    VICTIM_RE
        .find(s)
        .is_some_and(|m| s[..m.start()].split_whitespace().count() <= 2)
}

/// Whether the period at byte `i` closes an abbreviation that does not end a sentence
/// ("since the Feb. 1 coup", "Gen. Ali", "Mr. Diallo"): a month before its day, a title
/// before a name.
/// An English word after a victim list that opens a new clause rather than naming one more
/// victim: an auxiliary ("... and 2 civilians were wounded"), the wounded, or a verb of saying
/// ("..., a local official said").
fn opens_clause(w: &str) -> bool {
    matches!(
        w,
        "were"
            | "was"
            | "are"
            | "is"
            | "have"
            | "has"
            | "had"
            | "wounded"
            | "injured"
            | "said"
            | "says"
            | "told"
            | "reported"
            | "added"
    )
}

fn abbreviation_before(s: &str, i: usize) -> bool {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ];
    let b = s.as_bytes();
    let mut w = i;
    while w > 0 && (b[w - 1].is_ascii_alphabetic() || (b[w - 1] == b'-' && w < i)) {
        w -= 1;
    }
    if w == i || (w > 0 && !b[w - 1].is_ascii_whitespace() && b[w - 1] != b'(') {
        return false;
    }
    let word = &s[w..i];
    let next = s[i + 1..].trim_start_matches(' ');
    if MONTHS.iter().any(|a| word.eq_ignore_ascii_case(a)) {
        // a month before its day ("Feb. 1")
        next.starts_with(|c: char| c.is_ascii_digit())
    } else if crate::sentences::TITLE_ABBREV
        .iter()
        .any(|a| word.eq_ignore_ascii_case(a))
    {
        // a title before a name ("Cpl. Musa")
        next.starts_with(|c: char| c.is_ascii_alphabetic())
    } else {
        false
    }
}

fn sentence_bounds(s: &str, start: usize, end: usize) -> (usize, usize) {
    let b = s.as_bytes();
    let is_end = |i: usize| -> bool {
        let c = b[i];
        match c {
            b'\n' => true,
            b'.' if abbreviation_before(s, i) => false,
            b'.' | b'!' | b'?' | b';' => i + 1 >= b.len() || b[i + 1].is_ascii_whitespace(),
            _ => false,
        }
    };
    let mut st = start.min(b.len());
    while st > 0 && !is_end(st - 1) {
        st -= 1;
    }
    let mut e = end.min(b.len());
    while e < b.len() && !is_end(e) {
        e += 1;
    }
    (st, e)
}

/// "the deadliest attack since 2019": a comparison with the past, not a running tally.
pub(crate) fn is_superlative(folded: &str) -> bool {
    SUPERLATIVE.is_match(folded)
}

fn is_cumulative(sent: &str) -> bool {
    for m in CUMULATIVE.find_iter(sent) {
        // the 60-byte window may cut a character: fall back to the whole prefix then
        let sup = match sent.get(m.start().saturating_sub(60)..m.start()) {
            Some(w) => SUPERLATIVE.is_match(w),
            None => SUPERLATIVE.is_match(&sent[..m.start()]),
        };
        if !sup {
            return true;
        }
    }
    false
}

/// "protest against the killing of a driver", "in revenge for the death of two soldiers": the
/// deaths are the cause of this event, told as background (`prefix` is the sentence before
/// the figure; `after` the rest of the sentence after it).
fn is_motive(prefix: &str, after: &str, rule: &str) -> bool {
    let mut a = prefix.len().saturating_sub(48);
    while a > 0 && !prefix.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = prefix.len().saturating_sub(64);
    while b > 0 && !prefix.is_char_boundary(b) {
        b -= 1;
    }
    // "after a driver was killed", "after four persons died": a passive or intransitive
    // death told as what came before; an active "after X killed Y" may be the event itself
    let passive = matches!(
        rule,
        "FAT/EN/WAS_KILLED"
            | "FAT/EN/HE_WAS_KILLED"
            | "FAT/EN/SINGULAR_KILLED"
            | "FAT/EN/NOUN_KILLED"
            | "FAT/EN/N_DIED"
            | "FAT/EN/N_WERE_KILLED"
            | "FAT/EN/DEATH_OF"
            | "FAT/EN/DEATH_OF_ONE"
            | "FAT/EN/CAUSED_HIS_DEATH"
    );
    // "demonstrating in the town against the death of a driver"
    let against = matches!(rule, "FAT/EN/DEATH_OF" | "FAT/EN/DEATH_OF_ONE") && {
        let t = prefix.trim_end();
        t.ends_with(" against") || t.ends_with(" over")
    };
    // "rioted after a bus collision killed two people", "after a truck ran over and killed a
    // lawyer": an accident's deaths, told as what came before, whatever the voice
    // (not "after a car bomb killed two": a weapon)
    const ACCIDENT: &[&str] = &[
        "accident",
        "collision",
        "crash",
        "truck",
        "lorry",
        "bus",
        "vehicle",
        "car",
        "motorcycle",
        "train",
        "tanker",
    ];
    const WEAPON: &[&str] = &[
        "bomb",
        "bomber",
        "bombs",
        "explosive",
        "explosives",
        "ied",
        "blast",
        "suicide",
        "rammed",
        "laden",
        "booby",
        "gunmen",
        "attack",
        "attackers",
        "mine",
        "landmine",
    ];
    let accident = || {
        MOTIVE_AFTER.find(&prefix[b..]).is_some_and(|m| {
            let words = || m.as_str().split(|c: char| !c.is_ascii_alphabetic());
            !words().any(|w| WEAPON.contains(&w)) && words().any(|w| ACCIDENT.contains(&w))
        })
    };
    // "dealt a blow following the death of a commander during a gunfight with police": the
    // death clause tells its own fight, so the deaths are that fight's, not a cause
    let own_fight = || FIGHT_AFTER.is_match(after);
    against
        || MOTIVE.is_match(&prefix[a..])
        || (passive && MOTIVE_AFTER.is_match(&prefix[b..]) && !own_fight())
        || accident()
}

fn is_claim(sent: &str) -> bool {
    let mut pos = 0;
    while let Some(m) = CLAIM.find_at(sent, pos) {
        let after = &sent[m.end()..];
        let t = after.trim_start();
        let excluded = (m.as_str().ends_with("claimed")
            || m.as_str().ends_with("claims")
            || m.as_str().starts_with("revendiqu")
            || m.as_str().ends_with("revendique"))
            && (t.starts_with("responsibility")
                || t.starts_with("the lives")
                || t.starts_with("the life")
                || t.starts_with("credit")
                || t.starts_with("the attack")
                || t.starts_with("an attack")
                || t.starts_with("the ambush")
                || t.starts_with("the assault")
                || t.starts_with("the bombing")
                || t.starts_with("l'attaque")
                || t.starts_with("la responsabilite")
                || t.starts_with("cette attaque"));
        if !excluded {
            return true;
        }
        pos = m.end();
        if pos >= sent.len() {
            break;
        }
    }
    false
}

fn next_boundary(s: &str, i: usize) -> usize {
    let mut j = i + 1;
    while j < s.len() && !s.is_char_boundary(j) {
        j += 1;
    }
    j.min(s.len())
}

/// Clamp a span to `text` and to char boundaries.
fn clamp_scope(text: &str, scope: Span) -> (usize, usize) {
    let mut st = scope.start.min(text.len());
    let mut e = scope.end.min(text.len()).max(st);
    while st > 0 && !text.is_char_boundary(st) {
        st -= 1;
    }
    while e < text.len() && !text.is_char_boundary(e) {
        e += 1;
    }
    (st, e)
}

// ---------------------------------------------------------------------------------------------
// Finding.

struct Cand {
    start: usize,
    end: usize,
    quantity: Quantity,
    rule: &'static str,
    neutralise: bool,
}

fn overlaps(acc: &[Cand], s: usize, e: usize) -> bool {
    acc.iter().any(|c| c.start < e && s < c.end)
}

/// Which languages' patterns `s` (folded) needs, `(English, French)`: a text whose function
/// words are all English runs only the English patterns, one whose function words are all
/// French only the French ones; a mixed or unclear text runs both. (Words shared with names,
/// such as `de`, `la` in `La Paz`, count as French, so such a text runs both.)
fn languages(s: &str) -> (bool, bool) {
    const EN: &[&str] = &[
        "the", "was", "were", "and", "of", "in", "by", "have", "has", "had", "with", "from", "who",
        "which", "that", "their", "they", "after",
    ];
    const FR: &[&str] = &[
        "le", "la", "les", "des", "du", "et", "ont", "est", "une", "un", "dans", "par", "sur",
        "au", "aux", "qui", "ete", "sont", "pour", "de", "d", "l", "apres",
    ];
    let (mut en, mut fr) = (0u32, 0u32);
    for w in s.split(|c: char| !c.is_ascii_alphabetic()) {
        if w.is_empty() || w.len() > 5 {
            continue;
        }
        if EN.contains(&w) {
            en += 1;
        } else if FR.contains(&w) {
            fr += 1;
        }
    }
    match (en, fr) {
        (e, 0) if e >= 2 => (true, false),
        (0, f) if f >= 2 => (false, true),
        _ => (true, true),
    }
}

/// Every death figure in `text[scope]` (a sentence or a paragraph), in text order.
/// Injury-only figures are not returned. Never panics.
pub fn find_fatalities(text: &str, scope: Span) -> Vec<FatalityMention> {
    let (st, en) = clamp_scope(text, scope);
    let raw = &text[st..en];
    if raw.is_empty() || !PREFILTER.is_match(raw) {
        return Vec::new();
    }
    let folded = Folded::new(raw);
    mentions_in(text, raw, &folded.s, |a, b| {
        let sp = folded.span(a, b);
        Span::new(sp.start + st, sp.end + st)
    })
}

/// [`find_fatalities`] with `folded`, the folding of the whole `text`, at hand: the scope is
/// not folded again.
pub fn find_fatalities_folded(text: &str, folded: &Folded, scope: Span) -> Vec<FatalityMention> {
    let (st, en) = clamp_scope(text, scope);
    let raw = &text[st..en];
    if raw.is_empty() || !PREFILTER.is_match(raw) {
        return Vec::new();
    }
    let (fs, fe) = (folded.folded_offset(st), folded.folded_offset(en));
    match folded.s.get(fs..fe) {
        Some(s) if folded.map.len() == folded.s.len() + 1 => {
            mentions_in(text, raw, s, |a, b| folded.span(fs + a, fs + b))
        }
        _ => find_fatalities(text, scope),
    }
}

/// The mentions in `raw` (a scope of `text`), given its folding `s`; `span_of` maps a folded
/// range of `s` to its span in `text`.
fn mentions_in(
    text: &str,
    raw: &str,
    s: &str,
    span_of: impl Fn(usize, usize) -> Span,
) -> Vec<FatalityMention> {
    let mut acc: Vec<Cand> = Vec::new();
    let (english, french) = languages(s);
    let weak_only = weak_only_rules(raw);
    for p in PATS.iter() {
        let wanted = match p.lang {
            Lang::En => english && weak_only.as_ref().is_none_or(|r| r.contains(&p.rule)),
            Lang::Fr => french,
        };
        if wanted {
            scan_pattern(p, s, &mut acc);
        }
    }
    acc.sort_by_key(|c| (c.start, c.end));
    let mut out = Vec::with_capacity(acc.len());
    for c in &acc {
        let (ss, se) = sentence_bounds(s, c.start, c.end);
        let sent = &s[ss..se];
        // "two soldiers were killed on Monday, bringing the number killed this year to 45":
        // the tally clause after the figure says nothing of the figure's own time
        let own = {
            let tail = &s[c.end.min(se)..se];
            TALLY_CLAUSE
                .iter()
                .filter_map(|w| tail.find(w))
                .min()
                .map_or(sent, |k| &s[ss..c.end.min(se) + k])
        };
        let kind = if c.rule.ends_with("/NONE") {
            FatalityKind::None
        } else if is_cumulative(own)
            || is_motive(&s[ss..c.start], &s[c.end.min(se)..se], c.rule)
            || SUPERSEDED.is_match(sent)
        {
            FatalityKind::Cumulative
        } else if is_claim(sent) || (c.neutralise && ARMY_SUBJECT.is_match(sent)) {
            FatalityKind::Claim
        } else {
            FatalityKind::Incident
        };
        // "killed in an ambush, bringing the total number of soldiers killed to 45": a
        // figure and its verb never join across a tally clause
        if c.rule == "FAT/EN/N_KILLED" && {
            let span_s = &s[c.start..c.end];
            TALLY_CLAUSE
                .iter()
                .chain(&["the number of", "total number of"])
                .any(|w| span_s.find(w).is_some_and(|k| k > 0))
        } {
            continue;
        }
        // "according to a local resident, more than 20 troops were killed": the people
        // right after "according to" are the source, not victims
        let before = s[ss..c.start].trim_end();
        if ["according to", "selon", "d'apres", "citing", "quoting"]
            .iter()
            .any(|w| {
                before.ends_with(w)
                    && !before[..before.len() - w.len()].ends_with(|ch: char| ch.is_alphanumeric())
            })
        {
            continue;
        }
        let mut span = span_of(c.start, c.end);
        // "the murder of Ana Ruiz": a victim named by a name alone, capitalised in the
        // original text (see [`name_after_of`])
        if c.rule == "FAT/EN/DEATH_OF_ONE" {
            let m = &s[c.start..c.end];
            // "the killing of X", "an assassination targeting X": where the victim starts
            let victim_at = m
                .find(" of ")
                .map(|k| k + 4)
                .or_else(|| m.find(" targeting ").map(|k| k + 11));
            if let Some(k) = victim_at {
                let first = m[k..].trim_start();
                let first = first.split([' ', '\n']).next().unwrap_or("");
                if matches!(
                    first,
                    "the" | "his" | "her" | "their" | "its" | "a" | "an" | "another"
                ) {
                    // the name branch took the determiner itself: no victim after it
                    if m[k..].trim() == first {
                        continue;
                    }
                } else {
                    match name_after_of(text, span_of(c.start + k, c.end).start) {
                        Some(e) => span = Span::new(span.start, e),
                        None => continue,
                    }
                }
            }
        }
        // "Shaheen 209 Corps", "the 5th Corps": a capitalised « Corps » after a number
        // names an army unit, not « 12 corps » (bodies)
        if c.rule == "FAT/FR/N_CORPS"
            && text
                .get(span.start..span.end)
                .is_some_and(|t| t.contains("Corps"))
        {
            continue;
        }
        out.push(FatalityMention {
            span,
            quantity: c.quantity,
            kind,
            rule: c.rule,
        });
    }
    out
}

/// The end of a person's name starting at `start` in the original `text` ("Ana Ruiz",
/// "President Jean Moise"): one to four capitalised words, none a possessive ("Mali's
/// president"), not a lone people's name ("Malians", "Sudanese", "Iraqis"), and no victim
/// noun right after ("Boko Haram fighters"). `None` when there is no such name.
fn name_after_of(text: &str, start: usize) -> Option<usize> {
    // words of a body's name, not a person's ("the killing of Government Forces")
    const BODY_WORDS: &[&str] = &[
        "Forces",
        "Force",
        "Army",
        "Police",
        "Party",
        "Front",
        "Group",
        "Movement",
        "Unit",
        "Battalion",
        "Brigade",
        "Militia",
        "Council",
        "Government",
        "Ministry",
        "Cartel",
        "Organization",
        "Organisation",
        "State",
        "Republic",
        "Union",
        "Committee",
        "People",
        "Regime",
        "Military",
        "Command",
        "Division",
        "Corps",
        "Guard",
        "Guards",
        "Troops",
    ];
    let rest = text.get(start..)?;
    let mut cut = rest.len().min(120);
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    let rest = &rest[..cut];
    let mut end = None;
    let mut pos = 0;
    for (words, w) in rest.split(' ').enumerate() {
        let w_start = pos;
        pos += w.len() + 1;
        let core = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        let upper = core.chars().next().is_some_and(char::is_uppercase);
        if words == 3 && upper {
            // a long capitalised run is a body's name ("Citizens Armed Forces Geographical")
            return None;
        }
        if !upper {
            if words == 0 {
                return None;
            }
            let next = core.to_ascii_lowercase();
            let victim = VICTIM_RE
                .find(&next)
                .is_some_and(|m| m.start() == 0 && m.end() == next.len());
            return (!victim).then_some(end?);
        }
        if core.ends_with("'s")
            || core.ends_with("\u{2019}s")
            || core.contains('\n')
            || BODY_WORDS.contains(&core)
        {
            return None;
        }
        if words == 0
            && core.len() > 3
            && ["ans", "ese", "is", "ens"]
                .iter()
                .any(|x| core.ends_with(x))
        {
            // a lone plural people's name, unless a surname follows (checked below)
            let next_upper = rest[pos.min(rest.len())..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            if !next_upper || core.len() != w.len() {
                return None;
            }
        }
        end = Some(start + w_start + core.len());
        if core.len() != w.len() {
            // punctuation closes the name
            break;
        }
    }
    end
}

fn loc(locs: &CaptureLocations, g: Option<usize>) -> Option<(usize, usize)> {
    g.and_then(|i| locs.get(i))
}

fn scan_pattern(p: &Pat, s: &str, acc: &mut Vec<Cand>) {
    let mut locs = p.re.capture_locations();
    match &p.anchor {
        None => scan_window(p, s, s.len(), 0, &mut locs, acc),
        Some(anchor) => {
            for hit in anchor.find_iter(s) {
                let mut ws = hit.start().saturating_sub(BACKWARD_WINDOW);
                while ws > 0 && !s.is_char_boundary(ws) {
                    ws -= 1;
                }
                scan_window(p, s, hit.end(), ws, &mut locs, acc);
            }
        }
    }
}

/// Run `p` on `s[..end]` from `pos`, keeping what the shape's checks accept.
fn scan_window(
    p: &Pat,
    s: &str,
    end: usize,
    mut pos: usize,
    locs: &mut CaptureLocations,
    acc: &mut Vec<Cand>,
) {
    let Some(hay) = s.get(..end) else {
        return;
    };
    while pos <= hay.len() {
        let Some(m) = p.re.captures_read_at(locs, hay, pos) else {
            break;
        };
        let (ms, me) = (m.start(), m.end());
        let q = loc(locs, p.q);
        let retry = match q {
            Some((qs, _)) => next_boundary(s, qs),
            None => next_boundary(s, ms),
        };
        let accepted = match p.shape {
            Shape::Fixed(quantity) => {
                // "killed and wounded dozens": a vague casualty count of dozens or more
                // (dozens, scores, hundreds) is a heavy toll, an intensity of its own (4.1.4),
                // so the uncounted deaths are 10; an exact "killed and wounded 12" stays 3 or 10
                let quantity = match q.and_then(|(qs, qe)| parse_quantity(s[qs..qe].trim())) {
                    Some(Quantity::Fixed(n))
                        if n >= 12 && p.rule == "FAT/EN/KILLED_AND_WOUNDED" =>
                    {
                        Quantity::Fixed(10)
                    }
                    _ => quantity,
                };
                accept_fixed(p, s, ms, me, quantity, acc)
            }
            Shape::Forward => accept_forward(p, s, locs, ms, me, acc),
            Shape::Backward => accept_backward(p, s, locs, ms, me, acc),
        };
        pos = if accepted { me.max(retry) } else { retry };
    }
}

fn accept_fixed(
    p: &Pat,
    s: &str,
    ms: usize,
    me: usize,
    quantity: Quantity,
    acc: &mut Vec<Cand>,
) -> bool {
    if matches!(
        p.rule,
        "FAT/FR/DES_MORTS" | "FAT/EN/PLURAL_KILLED" | "FAT/EN/SINGULAR_KILLED"
    ) {
        let w = prev_word(s, ms);
        // "the soldiers were killed", "le nombre des morts": not a new figure
        const DET: &[&str] = &[
            "the", "these", "those", "their", "its", "his", "her", "all", "both", "whose", "of",
            "other", "two", "three", "four", "five", "many", "several", "some", "few", "nombre",
            "bilan", "identite", "familles", "liste", "corps", "parmi", "de",
        ];
        let singular = p.rule == "FAT/EN/SINGULAR_KILLED";
        if (!singular && DET.contains(&w))
            || (singular && matches!(w, "no" | "another"))
            || QONLY.is_match(w) && parse_quantity(w).is_some()
        {
            return false;
        }
    }
    // "one death sentence", "one death threat": no death
    if p.rule == "FAT/EN/ONE_DEATH"
        && matches!(
            next_word(s, me),
            "sentence"
                | "sentences"
                | "threat"
                | "threats"
                | "penalty"
                | "row"
                | "squad"
                | "toll"
                | "certificate"
                | "warrant"
                | "trap"
                | "march"
                | "wish"
                | "camp"
                | "notice"
        )
    {
        return false;
    }
    // "a shopkeeper who was shot dead last month": a relative clause tells a backstory
    if p.rule == "FAT/EN/WAS_KILLED" && matches!(prev_word(s, ms), "who" | "that" | "which") {
        return false;
    }
    // "killed MOC commander X": only a name's qualifiers before the title, no determiner
    // ("killed including the leader", "the killing of the chairman" are other shapes)
    // (the match ends with the first letter of the word after the title: "commander Ali"
    // keeps its name; "commander and two of his guards" is a list for the counting rules;
    // "notable in the village" is the victim, with no name)
    let name_at = me.saturating_sub(1).max(ms);
    if p.rule == "FAT/EN/KILLED_TITLE"
        && (s[ms..name_at].split_whitespace().any(|w| {
            matches!(
                w,
                "the"
                    | "a"
                    | "an"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
                    | "and"
                    | "including"
                    | "among"
                    | "of"
                    | "with"
                    | "by"
                    | "in"
                    | "at"
                    | "on"
                    | "as"
                    | "was"
                    | "were"
            )
        }) || matches!(
            s[name_at..]
                .split(|c: char| !c.is_ascii_alphabetic())
                .next(),
            Some("a" | "an" | "and")
        ))
    {
        return false;
    }
    // "almost killed him", "tried to kill": no death
    if matches!(
        prev_word(s, ms),
        "almost" | "nearly" | "attempted" | "tried" | "trying"
    ) {
        return false;
    }
    // "killed and wounded a soldier": no death told for that victim
    if p.rule == "FAT/EN/KILLED_THE" {
        let head = &s[ms..me];
        if head.contains(" and wounded ") || head.contains(" and injured ") {
            return false;
        }
    }
    // "a man on a motorbike killed and robbed a trader": active verbs, not a victim
    if p.rule == "FAT/EN/SINGULAR_KILLED" && s[..me].ends_with("and") {
        let nw = next_word(s, me);
        if nw.is_empty() || nw.ends_with("ed") || nw.ends_with("ing") || nw == "injured" {
            return false;
        }
    }
    if overlaps(acc, ms, me) {
        return false;
    }
    // "Marabout killed and ...", "a herder killed in ...": a headline-style lone death
    let rule = if p.rule == "FAT/EN/SINGULAR_KILLED"
        && !s[ms..me].contains(" was ")
        && !s[ms..me].contains(" been ")
        && !s[ms..me].ends_with(" by")
        && !s[ms..me].ends_with("died")
    {
        "FAT/EN/NOUN_KILLED"
    } else {
        p.rule
    };
    acc.push(Cand {
        start: ms,
        end: me,
        quantity,
        rule,
        neutralise: false,
    });
    if matches!(
        p.rule,
        "FAT/EN/KILLED_THE"
            | "FAT/EN/KILLED_THE_AND_HIS"
            | "FAT/EN/KILLED_HIM"
            | "FAT/EN/KILLED_TITLE"
    ) {
        let head = acc.len() - 1;
        // "killing him and two of his relatives": a count, not a lone retold death
        if extend_people(s, me, acc, false) > 0 && p.rule == "FAT/EN/KILLED_HIM" {
            acc[head].rule = "FAT/EN/KILLED_HIM_AND";
        }
    }
    // "a commander was killed along with his seven men": companions make it a count
    if matches!(p.rule, "FAT/EN/WAS_KILLED" | "FAT/EN/SINGULAR_KILLED") {
        let head = acc.len() - 1;
        if extend_people(s, me, acc, true) > 0 && p.rule == "FAT/EN/WAS_KILLED" {
            acc[head].rule = "FAT/EN/WAS_KILLED_WITH";
        }
    }
    true
}

fn accept_forward(
    p: &Pat,
    s: &str,
    locs: &CaptureLocations,
    ms: usize,
    me: usize,
    acc: &mut Vec<Cand>,
) -> bool {
    let Some((qs, qe)) = loc(locs, p.q) else {
        return false;
    };
    let qtext = &s[qs..qe];
    if !quantity_ok(s, qs, qe, false) {
        return false;
    }
    let Some(quantity) = parse_quantity(qtext) else {
        return false;
    };
    // "killing both.": a figure closed by its punctuation takes no victim noun after it
    let me = if qtext.ends_with([',', '.', ';']) {
        qe - 1
    } else {
        me
    };
    // "killed a ...": the article needs a victim noun
    let has_noun = me > qe;
    // "slaughtered some bulls": slaughter needs people named
    if s[ms..qs].starts_with("slaughter") && !has_noun {
        return false;
    }
    // "killed the two occupants": with "the" only a victim noun makes it a count
    if loc(locs, group(&p.re, "the")).is_some() && !has_noun {
        return false;
    }
    // "one gendarme killed two wounded": the number belongs to the wounded
    if !has_noun && matches!(next_word(s, qe), "wounded" | "injured" | "hurt" | "blesses") {
        return false;
    }
    // "the remains of a house": remains are a body only with a person named right after
    if matches!(qtext.trim(), "a" | "an")
        && s[ms..qs].contains("remains")
        && (!has_noun || s[qe..me].split_whitespace().count() > 2)
    {
        return false;
    }
    if matches!(qtext.trim(), "a" | "an" | "un" | "une") && !has_noun {
        // "killed a Bambara shopkeeper": any noun will do, but not "a day", "a while"
        let nw = next_word(s, qe);
        const NOT_NOUN: &[&str] = &[
            "day", "while", "lot", "few", "number", "total", "week", "month", "year", "time",
            "further", "new", "second", "third", "record", "jour", "peu", "certain", "bilan",
        ];
        if nw.is_empty()
            || !nw.bytes().all(|b| b.is_ascii_alphabetic() || b == b'\'')
            || NOT_NOUN.contains(&nw)
            || UNIT_AFTER.contains(&nw)
        {
            return false;
        }
    }
    if overlaps(acc, ms, me) {
        return false;
    }
    let trigger = &s[ms..qs];
    let neutralise = trigger.contains("neutrali") || trigger.contains("elimin");
    let rule = if p.rule == "FAT/EN/KILLING_N" && neutralise {
        "FAT/EN/NEUTRALISED_N"
    } else {
        p.rule
    };
    acc.push(Cand {
        start: ms,
        end: me,
        quantity,
        rule,
        neutralise,
    });
    let end = extend_list(p.lang, s, me, acc, neutralise);
    if p.lang == Lang::En && p.rule != "FAT/EN/SEIZED_THEN_KILLED" {
        extend_people(s, end, acc, false);
    }
    true
}

fn extend_list(
    lang: Lang,
    s: &str,
    mut pos: usize,
    acc: &mut Vec<Cand>,
    neutralise: bool,
) -> usize {
    let rule = match lang {
        Lang::En => "FAT/EN/LIST_ITEM",
        Lang::Fr => "FAT/FR/LIST_ITEM",
    };
    let mut locs = LIST.capture_locations();
    for _ in 0..12 {
        let Some(rest) = s.get(pos..) else { return pos };
        if LIST.captures_read(&mut locs, rest).is_none() {
            return pos;
        }
        let (Some((qs, qe)), Some((_, ne))) = (locs.get(1), locs.get(2)) else {
            return pos;
        };
        let (qs, qe, ne) = (qs + pos, qe + pos, ne + pos);
        // "... and 2 civilians were wounded": a new clause
        let nw = next_word(s, ne);
        // "..., a local official said": the source, not a victim; "and five other members
        // of the group were arrested": the item's own verb after a few words of its noun
        if opens_clause(nw)
            || (lang == Lang::En && verb_after_noun(s, ne).is_some_and(|v| v > ne))
            || matches!(
                nw,
                "ont"
                    | "a"
                    | "sont"
                    | "est"
                    | "blesses"
                    | "blessees"
                    | "confirmed"
                    | "declare"
                    | "indique"
            )
        {
            return pos;
        }
        if !quantity_ok(s, qs, qe, false) {
            return pos;
        }
        let Some(quantity) = parse_quantity(&s[qs..qe]) else {
            return pos;
        };
        if overlaps(acc, qs, ne) {
            return pos;
        }
        acc.push(Cand {
            start: qs,
            end: ne,
            quantity,
            rule,
            neutralise,
        });
        pos = ne;
    }
    pos
}

/// Victims coordinated with the one just counted, which ends at `pos` ("killed the mayor of
/// the town and his driver", "killing a policeman, a bystander and two of his guards"): each
/// is a `LIST_ITEM` of its own. A short description of the first victim may come before the
/// connector ("of the local militia"); nothing is taken when a clause or a place starts.
/// Returns how many items were added.
fn extend_people(s: &str, mut pos: usize, acc: &mut Vec<Cand>, with_only: bool) -> usize {
    let mut locs = PEOPLE.capture_locations();
    let mut added = 0;
    for round in 0..8 {
        let Some(rest) = s.get(pos..) else { break };
        // after a passive verb only companions: "was killed along with his two guards"
        if with_only && round == 0 {
            let t = rest.trim_start();
            if !(t.starts_with("along with ")
                || t.starts_with("together with ")
                || t.starts_with("with his ")
                || t.starts_with("with her ")
                || t.starts_with("with their "))
            {
                break;
            }
        }
        // the first item may follow a short description of the counted victim
        let mut from = pos;
        let mut hit = PEOPLE.captures_read(&mut locs, rest).is_some();
        if !hit && round == 0 && !with_only {
            let mut at = pos;
            for _ in 0..10 {
                // the next whitespace-delimited token
                let b = s.as_bytes();
                let mut ts = at;
                while ts < b.len() && b[ts].is_ascii_whitespace() {
                    ts += 1;
                }
                let mut te = ts;
                while te < b.len() && !b[te].is_ascii_whitespace() {
                    te += 1;
                }
                let tok = &s[ts..te];
                // "(Bellah)", "'General'": a parenthesis or quotes around a word
                let w = tok.trim_matches(['(', ')', '\'', '"']);
                // "a member of Dan Na Ambassagou, his son": the description ends at a comma
                let comma = w.ends_with(',');
                let w = w.trim_end_matches(',');
                if w.is_empty()
                    || PEOPLE_SKIP_STOP.contains(&w)
                    || w.contains([',', '.', ';', ':', '!', '?'])
                {
                    break;
                }
                at = if comma { te - 1 } else { te };
                if PEOPLE.captures_read(&mut locs, &s[at..]).is_some() {
                    from = at;
                    hit = true;
                    break;
                }
                if comma {
                    break;
                }
            }
        }
        if !hit {
            break;
        }
        // a bare noun only after an earlier item: "his driver and bodyguard"
        if round == 0 && locs.get(3).is_some() {
            break;
        }
        let Some((_, me)) = locs.get(0) else { break };
        let q = locs.get(1).or_else(|| locs.get(2));
        let quantity = match q {
            Some((a, b)) => {
                if !quantity_ok(s, from + a, from + b, false) {
                    break;
                }
                match parse_quantity(&s[from + a..from + b]) {
                    Some(x) => x,
                    None => break,
                }
            }
            None => Quantity::Number(1),
        };
        // "... and two civilians were wounded": the item starts a new clause ("the bodies
        // of two men and a woman were found" goes on with the bodies)
        let nw = next_word(s, from + me);
        // "and five other members of the group were arrested": the item's noun may run on
        // for a few lower-case words before its own verb
        let at = verb_after_noun(s, from + me).unwrap_or(from + me);
        let nw = if at > from + me { "were" } else { nw };
        let found_after = matches!(nw, "were" | "was")
            && s.get(at..).is_some_and(|r| {
                matches!(
                    r.split_whitespace()
                        .nth(1)
                        .map(|w| w.trim_end_matches([',', '.', ';'])),
                    Some("found" | "discovered" | "recovered" | "retrieved" | "dumped")
                )
            });
        if !found_after && (opens_clause(nw) || matches!(nw, "escaped" | "fled")) {
            break;
        }
        // the item's own start, after the connector
        let item = &s[from..from + me];
        let lead = item.len() - item.trim_start_matches([' ', ',', '\t', '\n']).len();
        let mut is = from + lead;
        for c in [
            "and ",
            "as well as ",
            "along with ",
            "together with ",
            "with ",
        ] {
            if s[is..].starts_with(c) {
                is += c.len();
                break;
            }
        }
        let ie = from + me;
        if overlaps(acc, is, ie) {
            break;
        }
        acc.push(Cand {
            start: is,
            end: ie,
            quantity,
            rule: "FAT/EN/LIST_ITEM",
            neutralise: false,
        });
        added += 1;
        pos = ie;
    }
    if added == 0 && !with_only {
        if let Some(c) = others_tail(s, pos) {
            if !overlaps(acc, c.start, c.end) {
                acc.push(c);
                added += 1;
            }
        }
    }
    added
}

/// "and N others" after a counted victim and its description, in the same clause: no verb,
/// relative or other list in between ("killed a commander in the rebel outfit, the X
/// Network, and two others" → 2 more). Not "..., and two others were wounded".
fn others_tail(s: &str, pos: usize) -> Option<Cand> {
    let rest = s.get(pos..)?;
    let caps = OTHERS_TAIL.captures(rest)?;
    let pre = caps.name("pre")?.as_str();
    const CLAUSE: &[&str] = &[
        "and",
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
        "who",
        "whom",
        "which",
        "that",
        "while",
        "when",
        "after",
        "before",
        "wounded",
        "injured",
        "abducted",
        "kidnapped",
        "arrested",
        "said",
        "says",
        "but",
        "as",
        "including",
        "among",
        "then",
        "killed",
        "killing",
    ];
    if pre
        .split([' ', ',', '\t', '\n'])
        .any(|w| CLAUSE.contains(&w.trim_matches(['(', ')', '"', '\''])))
    {
        return None;
    }
    let q = caps.name("q")?;
    let (qs, qe) = (pos + q.start(), pos + q.end());
    if !quantity_ok(s, qs, qe, false) {
        return None;
    }
    let quantity = parse_quantity(q.as_str())?;
    let end = pos + caps.get(0)?.end();
    if opens_clause(next_word(s, end)) {
        return None;
    }
    Some(Cand {
        start: qs,
        end,
        quantity,
        rule: "FAT/EN/LIST_ITEM",
        neutralise: false,
    })
}

/// The offset right before a "was"/"were" that follows an item's noun within a few
/// lower-case words and no punctuation ("members of the group were arrested"); `None` when
/// the words end first or a word that ends a victim description comes first.
fn verb_after_noun(s: &str, at: usize) -> Option<usize> {
    let rest = s.get(at..)?;
    let mut off = 0;
    for (i, w) in rest.split(' ').enumerate() {
        if i > 6 {
            return None;
        }
        let here = off;
        off += w.len() + 1;
        if w.is_empty() {
            if i == 0 {
                continue;
            }
            return None;
        }
        if i > 0 && matches!(w, "were" | "was") {
            return Some(at + here - 1);
        }
        if !w.bytes().all(|c| c.is_ascii_lowercase() || c == b'-')
            || opens_clause(w)
            || (PEOPLE_SKIP_STOP.contains(&w) && w != "of")
        {
            return None;
        }
    }
    None
}

/// Where an apposition between commas starts in the gap between the victims and their
/// death verb: "two men, aged 30 and 41, were shot dead", "three people, identified as A, B
/// and C, were killed". Its names and numbers describe the victims already counted.
fn apposition_at(s: &str, gs: usize, ge: usize) -> Option<usize> {
    const OPENERS: &[&str] = &[
        "aged ",
        "identified as ",
        "named ",
        "both ",
        "all ",
        "believed to be ",
        "said to be ",
        "thought to be ",
        "ages ",
    ];
    let gap = s.get(gs..ge)?;
    if !gap.trim_end().ends_with(',') {
        return None;
    }
    let c = gap.find(", ")?;
    let rest = &gap[c + 2..];
    OPENERS
        .iter()
        .any(|o| rest.starts_with(o))
        .then_some(gs + c)
}

fn backward_rule(lang: Lang, verb: &str, has_aux: bool) -> &'static str {
    match lang {
        Lang::En => match verb {
            "dead" | "deceased" | "lifeless" => "FAT/EN/N_DEAD",
            "deaths" => "FAT/EN/N_DEATHS",
            "fatalities" | "fatality" => "FAT/EN/N_FATALITIES",
            "bodies" | "corpses" => "FAT/EN/N_BODIES",
            "died" | "perished" | "succumbed" => "FAT/EN/N_DIED",
            v if v.starts_with("lost") => "FAT/EN/N_LOST_LIVES",
            v if v.starts_with("neutrali") => "FAT/EN/N_NEUTRALISED",
            _ if has_aux => "FAT/EN/N_WERE_KILLED",
            _ => "FAT/EN/N_KILLED",
        },
        Lang::Fr => match verb {
            v if v.starts_with("mort") || v.starts_with("dece") => "FAT/FR/N_MORTS",
            "perdu la vie" | "peri" => "FAT/FR/N_PERDU_LA_VIE",
            "cadavres" | "corps sans vie" | "corps" => "FAT/FR/N_CORPS",
            v if v.starts_with("neutralis") => "FAT/FR/N_NEUTRALISES",
            _ => "FAT/FR/N_TUES",
        },
    }
}

const TRANSITIVE_EN: &[&str] = &[
    "killed",
    "shot dead",
    "shot and killed",
    "gunned down",
    "massacred",
    "executed",
    "beheaded",
    "murdered",
    "assassinated",
    "lynched",
    "neutralised",
    "neutralized",
    "martyred",
    "slaughtered",
];

fn accept_backward(
    p: &Pat,
    s: &str,
    locs: &CaptureLocations,
    ms: usize,
    me: usize,
    acc: &mut Vec<Cand>,
) -> bool {
    let Some((qs, qe)) = loc(locs, p.q) else {
        return false;
    };
    let (gs, ge) = loc(locs, p.gap).unwrap_or((qe, qe));
    let ge = apposition_at(s, gs, ge).unwrap_or(ge);
    let possessive = loc(locs, p.pv);
    let (vs, ve) = loc(locs, p.verb).or(possessive).unwrap_or((me, me));
    let aux = loc(locs, p.aux).map(|(a, b)| &s[a..b]);
    // "65 fighters' death": the deaths of the counted group
    let verb = if possessive.is_some() {
        "deaths"
    } else {
        &s[vs..ve]
    };
    let qtext = s[qs..qe].trim();
    // "the two wounded later succumbed": the wounded who die later (4.1.7) are new deaths,
    // even after "the"
    let wounded_died = matches!(verb, "died" | "succumbed") && {
        // "two wounded", "two of the wounded"
        let g0 = s[gs..ge].trim_start();
        let g0 = g0.strip_prefix("of the ").unwrap_or(g0);
        let g: Vec<&str> = g0.split_whitespace().collect();
        !g.is_empty()
            && g.iter()
                .all(|w| matches!(*w, "wounded" | "injured" | "severely"))
    };
    let before_ok = wounded_died && prev_word(s, qs) == "the";
    if !quantity_ok(s, qs, qe, !before_ok) {
        return false;
    }
    let Some(mut quantity) = parse_quantity(qtext) else {
        return false;
    };
    let gap = &s[gs..ge];
    // "deceased", "lifeless" as a predicate ("were found deceased", "discovered to be
    // lifeless"), not the noun ("the friend of the deceased")
    if matches!(verb, "deceased" | "lifeless")
        && !matches!(
            prev_word(s, vs),
            "found"
                | "discovered"
                | "be"
                | "were"
                | "was"
                | "are"
                | "is"
                | "been"
                | "lay"
                | "lying"
        )
    {
        return false;
    }
    // "one of the bodies had a note on it", "two of the dead were children": a part of the
    // dead told elsewhere, not a toll
    if matches!(
        verb,
        "bodies"
            | "corpses"
            | "dead"
            | "deceased"
            | "lifeless"
            | "deaths"
            | "fatalities"
            | "cadavres"
            | "morts"
            | "corps"
    ) && {
        let g = gap.trim_start();
        g.starts_with("of ") || g.starts_with("d'entre ") || g.starts_with("des ")
    } {
        return false;
    }
    // "two of those killed were children", "a teacher was among those killed": a part of
    // the dead told elsewhere ("two of them were killed", with its verb, is a count)
    {
        let g = gap.trim();
        let pre = s[..vs].trim_end();
        if (aux.is_none() && matches!(g, "of those" | "of them" | "of these" | "of the"))
            || pre.ends_with("among those")
            || pre.ends_with("among the")
        {
            return false;
        }
    }
    // "some of the five herders were beheaded": a vague part of a group counted elsewhere
    if quantity.is_vague()
        && !is_article(qtext)
        && gap.trim_start().starts_with("of ")
        && QONLY.find_iter(gap).any(|m| {
            let t = m.as_str().trim();
            !is_article(t) && matches!(parse_quantity(t), Some(Quantity::Number(_)))
        })
    {
        return false;
    }
    // "the team serving 11,000 displaced people was unable to collect the bodies": "bodies"
    // after a gap holding a finite verb of its own is that clause's object; the number
    // counts the clause's subject
    if p.lang == Lang::En
        && matches!(verb, "bodies" | "corpses")
        && gap.split([' ', ',']).any(|w| {
            matches!(
                w,
                "was" | "were" | "is" | "are" | "has" | "have" | "had" | "will" | "would"
            )
        })
    {
        return false;
    }
    // « 12 corps » are bodies, but "32 members of the 5th Corps" and "the army corps" are units
    if verb == "corps" && !gap.trim().is_empty() {
        return false;
    }
    // "On January 11, militiamen killed": a comma right after the number ends the figure
    if gap.starts_with(',') {
        return false;
    }
    // "the blast wounded several guards, amid unverified reports of deaths": the number
    // counts something else; the death noun belongs to a "reports of" phrase of its own
    {
        let g = gap.trim_end();
        if g.ends_with(" reports of") || g.ends_with(" report of") || g.contains(", amid ") {
            return false;
        }
        // "they detained three suspects and found another body": "another ..." opens the
        // noun phrase the death verb belongs to; the number counts the first one
        if g.split_whitespace().any(|w| w == "another") {
            return false;
        }
    }
    // active voice: "two gunmen killed a trader", "3 hommes armés ont tué"
    let transitive = match p.lang {
        Lang::En => TRANSITIVE_EN.contains(&verb),
        Lang::Fr => {
            !(verb.starts_with("mort")
                || verb.starts_with("dece")
                || verb == "perdu la vie"
                || verb == "peri"
                || verb.starts_with("corps")
                || verb == "cadavres")
        }
    };
    match (p.lang, aux) {
        (Lang::En, None) if transitive => {
            let nw = next_word(s, ve);
            // "one gendarme killed two wounded": a second figure, not an object
            let wounded_next = s
                .get(ve..)
                .and_then(|r| r.split_whitespace().nth(1))
                .is_some_and(|w| {
                    matches!(
                        w.trim_end_matches([',', '.', ';']),
                        "wounded" | "injured" | "hurt"
                    )
                });
            if (OBJECT_START.contains(&nw) || nw.bytes().next().is_some_and(|b| b.is_ascii_digit()))
                && !wounded_next
            {
                return false;
            }
        }
        (Lang::En, Some("have" | "has" | "had")) if transitive => return false,
        (Lang::Fr, Some("ont" | "a")) if transitive && !s[ms..me].contains(" ete ") => {
            return false
        }
        (Lang::Fr, None) if transitive => {
            let nw = next_word(s, ve);
            if OBJECT_START.contains(&nw) || nw.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
                return false;
            }
        }
        _ => {}
    }
    // "in front of several traders a man was shot dead": a singular auxiliary after a plural
    // figure, with a singular noun phrase opening right after a noun in between, has that
    // phrase as subject ("a couple on a motorbike was killed" keeps its figure)
    if p.lang == Lang::En
        && matches!(aux, Some("was" | "has been" | "is"))
        && quantity != Quantity::Number(1)
    {
        let w: Vec<&str> = gap.split([' ', ',']).filter(|w| !w.is_empty()).collect();
        let new_subject = w.windows(2).any(|p| {
            matches!(p[1], "a" | "an")
                && !matches!(
                    p[0],
                    "on" | "in"
                        | "of"
                        | "at"
                        | "by"
                        | "with"
                        | "from"
                        | "near"
                        | "and"
                        | "or"
                        | "to"
                        | "into"
                        | "for"
                        | "as"
                        | "like"
                        | "including"
                        | "than"
                )
        });
        if new_subject {
            return false;
        }
    }
    // gap: victim list, subset, or break words
    let article = is_article(qtext);
    let vague = quantity.is_vague() || article;
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut first_noun_ok = !gap.trim().is_empty() && VICTIM_RE.is_match(gap);
    {
        // "3 people arrested by soldiers were executed", "eight men abducted the day before
        // were found dead": a reduced relative clause between the victims and a passive
        // death verb; not when the gap holds a verb of its own ("5 were abducted and 2")
        let gap_words: Vec<&str> = gap.split([' ', ',']).filter(|w| !w.is_empty()).collect();
        let relative_ok = aux.is_some_and(|a| {
            matches!(
                a,
                "were" | "was" | "are" | "is" | "had been" | "have been" | "has been"
            )
        }) && gap_words.iter().enumerate().all(|(k, w)| {
            !matches!(
                *w,
                "were" | "was" | "are" | "is" | "have" | "has" | "had" | "and"
            ) || (k > 0 && matches!(gap_words[k - 1], "who" | "that" | "had" | "have"))
                || (k > 1 && matches!(gap_words[k - 2], "who" | "that"))
        });
        const SEIZED: &[&str] = &[
            "abducted",
            "kidnapped",
            "arrested",
            "captured",
            "detained",
            "missing",
            "who",
            "disappeared",
        ];
        // "who" alone is no relative of capture ("a man who was killed by dogs")
        let relative_ok =
            relative_ok && gap_words.iter().any(|w| *w != "who" && SEIZED.contains(w));
        let mut seized = false;
        // "two men who were killed": a relative pronoun right before the auxiliary makes the
        // victims the subject of the death verb itself
        // (not after kin: "the relatives of a man who was killed" name the mourners, the
        // death is their story's background)
        let kin_of = {
            let t = s[..qs].trim_end();
            t.ends_with(" of") && KIN.contains(&prev_word(s, t.len() - 3))
        };
        let last_rel = aux.is_some()
            && !kin_of
            && gap_words.len() <= 3
            && matches!(gap_words.last(), Some(&"who") | Some(&"that"));
        for (k, w) in gap_words.iter().enumerate() {
            let w = *w;
            if SUBSET.contains(&w) {
                break;
            }
            if GAP_BREAK.contains(&w) && !(w == "a" || w == "an") {
                if wounded_died || (last_rel && k + 1 == gap_words.len()) {
                    continue;
                }
                if relative_ok && SEIZED.contains(&w) {
                    seized = true;
                    continue;
                }
                // "... abducted by militants the day before were found dead"
                if seized && matches!(w, "before" | "after" | "since") {
                    continue;
                }
                return false;
            }
        }
        // where a tolerated relative clause starts: numbers after it are not victims
        let seized_at = if seized {
            SEIZED
                .iter()
                .filter_map(|w| gap.find(w))
                .min()
                .map(|o| gs + o)
        } else {
            None
        };
        // numbers in the gap
        let mut from = gs;
        while from < ge {
            let Some(m) = QONLY.find_at(&s[..ge], from) else {
                break;
            };
            let (ns, ne) = (m.start(), m.end());
            from = next_boundary(s, ns).max(ne);
            // stop at a subset marker before this number, unless the subset closed with
            // ", and" ("two fighters, including their leader, and two soldiers were killed")
            let before = &s[gs..ns];
            let mut sub_at = None;
            let mut at = 0;
            for w in before.split([' ', ',']) {
                if SUBSET.contains(&w) {
                    sub_at = Some(at);
                }
                at += w.len() + 1;
            }
            if let Some(k) = sub_at {
                // the subset clause runs to the next ", and " in the gap
                let Some(close) = gap
                    .get(k..)
                    .and_then(|r| r.find(", and "))
                    .map(|c| gs + k + c)
                else {
                    break;
                };
                if s[gs + k..close].contains(['(', ')']) {
                    break;
                }
                if ns < close {
                    continue;
                }
            }
            let nt = s[ns..ne].trim();
            if !quantity_ok(s, ns, ne, false) || parse_quantity(nt).is_none() {
                continue;
            }
            // "one of the three soldiers succumbed": the larger set, not a victim count
            if seized_at.is_some_and(|at| ns > at) || gap.trim_start().starts_with("of ") {
                continue;
            }
            let prefix = s[..ns].trim_end();
            let after_connector = prefix.ends_with(',')
                || prefix.ends_with('&')
                || prefix.ends_with(" and")
                || prefix.ends_with(" et")
                || prefix.ends_with("as well as")
                || prefix.ends_with("ainsi que")
                || WITH_HIS.iter().any(|c| prefix.ends_with(c));
            if !after_connector {
                if is_article(nt) || matches!(nt, "some") {
                    continue;
                }
                return false;
            }
            items.push((ns, ne));
        }
    }
    // "a woman and her child died": the possessive names one more victim
    let companion = if items.is_empty() && matches!(quantity, Quantity::Number(_)) {
        AND_HIS_ONE.find(gap).map(|m| gs + m.start())
    } else {
        None
    };
    // "one civilian, a child, was killed", "one member of the unit, a special branch of the
    // army, died": an apposition, not a list (a list has its "and"); the figure stands alone
    if items
        .iter()
        .any(|&(ns, ne)| matches!(s[ns..ne].trim(), "a" | "an"))
        && !items.iter().any(|&(ns, _)| {
            let p = s[..ns].trim_end();
            p.ends_with(" and")
                || p.ends_with('&')
                || p.ends_with(" et")
                || p.ends_with("as well as")
                || p.ends_with("ainsi que")
                || WITH_HIS.iter().any(|c| p.ends_with(c))
        })
    {
        items.clear();
    }
    // "Name, 15, were killed": an age between commas, no count
    if gap.trim().is_empty() && s[qe..vs].contains(',') {
        return false;
    }
    if !items.is_empty() {
        // every segment of a list names its victims: a victim noun or a short name of a
        // group ("12 Fulani and 1 Dogon", "two MSA and one GATIA militiaman"); a segment
        // that runs on or holds a place ("a position in the area of X, two Dozos") is no
        // list item
        let mut bounds: Vec<usize> = items.iter().map(|x| x.0).collect();
        // the last segment ends where the verb group starts ("... have been killed")
        bounds.push(loc(locs, p.aux).map_or(vs, |(a, _)| a.min(vs)));
        // `counted`: the segment's quantity is a number, not an article
        let seg_ok = |seg: &str, counted: bool| -> bool {
            // the connector before the next item is no part of the segment
            let mut seg = seg.trim_end();
            for c in WITH_HIS {
                if let Some(r) = seg.strip_suffix(c) {
                    seg = r;
                    break;
                }
            }
            let words: Vec<&str> = seg
                .split([' ', ','])
                .filter(|w| !w.is_empty() && !matches!(*w, "and" | "&" | "et"))
                .collect();
            if words.len() > 6 || words.iter().any(|w| LIST_STOP.contains(w)) {
                return false;
            }
            if VICTIM_RE.is_match(seg) {
                return true;
            }
            // a name without a victim noun: one or two words, no verb, no "of" phrase
            counted
                && (1..=2).contains(&words.len())
                && words.iter().all(|w| {
                    !(w.ends_with("ed")
                        || w.ends_with("ing")
                        || matches!(*w, "of" | "a" | "an" | "the"))
                })
        };
        let digits = qtext.bytes().all(|b| b.is_ascii_digit());
        let head_seg = &s[qe..bounds[0]];
        let counted = |q: &str| !matches!(q, "a" | "an" | "un" | "une");
        if !(seg_ok(head_seg, counted(qtext))
            || digits && head_seg.trim_matches([' ', ',']).is_empty())
        {
            return false;
        }
        for (k, &(ns, ne)) in items.iter().enumerate() {
            if !seg_ok(&s[ne..bounds[k + 1]], counted(s[ns..ne].trim())) {
                return false;
            }
        }
        first_noun_ok = true;
    }
    // "a couple on a motorbike was killed": a couple are two people
    if qtext == "a couple" && items.is_empty() {
        first_noun_ok = true;
    }
    // "one Dogon killed": "one" with a one- or two-word name and no object
    if !first_noun_ok && qtext == "one" && items.is_empty() {
        let n = gap.split([' ', ',']).filter(|w| !w.is_empty()).count();
        first_noun_ok = (1..=2).contains(&n);
    }
    // "dozens from both sides were killed": the sides of a fight are the people counted
    if !first_noun_ok && items.is_empty() {
        first_noun_ok = matches!(
            gap.trim_matches([' ', ',']),
            "from both sides"
                | "on both sides"
                | "from either side"
                | "on either side"
                | "from each side"
                | "on each side"
                | "from the two sides"
                | "on the two sides"
        );
    }
    if vague && !gap.trim().is_empty() && !first_noun_ok {
        return false;
    }
    // singular article with a plural verb and no list: "a group of gunmen were killed"
    // (not a partitive: "one of its fighters were killed")
    let partitive = gap.trim_start().starts_with("of ") && qtext == "one";
    if article && items.is_empty() && companion.is_none() && !partitive {
        if matches!(
            aux,
            Some("were" | "have been" | "had been" | "are" | "ont ete" | "sont")
        ) {
            return false;
        }
        if gap.trim().is_empty() && matches!(qtext, "a" | "an" | "un" | "une") {
            return false;
        }
    }
    // "N killed and wounded", "N killed and captured": no split, the number counts both
    let tail = s.get(ve..).unwrap_or("").trim_start();
    if tail.starts_with("and wounded")
        || tail.starts_with("or wounded")
        || tail.starts_with("and injured")
        || tail.starts_with("or injured")
        || tail.starts_with("and captured")
        || tail.starts_with("or captured")
        || tail.starts_with("and arrested")
        || tail.starts_with("or arrested")
        || tail.starts_with("and missing")
        || tail.starts_with("or missing")
        || tail.starts_with("et blesses")
        || tail.starts_with("ou blesses")
        || tail.starts_with("ou captures")
        || tail.starts_with("et captures")
        || tail.starts_with("ou disparus")
        || tail.starts_with("et disparus")
        // "N were killed, injured or captured": the same with a comma list
        || tail.strip_prefix(',').is_some_and(|t| {
            matches!(
                t.split_whitespace().next(),
                Some("wounded" | "injured" | "captured" | "arrested" | "blesses")
            )
        })
    {
        quantity = Quantity::ThreeOrTen;
    }
    // a counted figure takes over a lone "was killed" only for one victim or a list
    // ("four Fulani youth was killed": a victim noun right after the number)
    let lone_ok = !items.is_empty()
        || companion.is_some()
        || qtext == "a couple"
        || (quantity == Quantity::Number(1) && !article)
        || matches!(qtext, "one" | "1")
        || (!article && gap.split_whitespace().count() <= 3 && VICTIM_RE.is_match(gap));
    if !(if lone_ok {
        take_over_lone(acc, qs, me)
    } else {
        !overlaps(acc, qs, me)
    }) {
        return false;
    }
    let rule = backward_rule(p.lang, verb, aux.is_some());
    let neutralise = verb.starts_with("neutrali");
    if let Some(c) = companion {
        let item = s[c..me].trim_start();
        let item = item.strip_prefix("and").unwrap_or(item).trim_start();
        acc.push(Cand {
            start: qs,
            end: c,
            quantity,
            rule,
            neutralise,
        });
        acc.push(Cand {
            start: me - item.len(),
            end: me,
            quantity: Quantity::Number(1),
            rule: match p.lang {
                Lang::En => "FAT/EN/LIST_ITEM",
                Lang::Fr => "FAT/FR/LIST_ITEM",
            },
            neutralise,
        });
    } else if items.is_empty() {
        acc.push(Cand {
            start: qs,
            end: me,
            quantity,
            rule,
            neutralise,
        });
    } else {
        let list_rule = match p.lang {
            Lang::En => "FAT/EN/LIST_ITEM",
            Lang::Fr => "FAT/FR/LIST_ITEM",
        };
        // head: its own segment plus the verb, items: their segments
        let first_item = items[0].0;
        acc.push(Cand {
            start: qs,
            end: trim_connector(s, qs, first_item),
            quantity,
            rule,
            neutralise,
        });
        for (k, &(ns, ne)) in items.iter().enumerate() {
            let seg_end = items.get(k + 1).map_or(me, |x| trim_connector(s, ns, x.0));
            let q = parse_quantity(s[ns..ne].trim()).unwrap_or(Quantity::Number(0));
            acc.push(Cand {
                start: ns,
                end: seg_end,
                quantity: q,
                rule: list_rule,
                neutralise,
            });
        }
    }
    true
}

/// Whether `[s, e)` is free, once lone-death figures inside it ("was killed" of "a soldier and
/// a militant was killed") are dropped for the counted figure that covers them.
fn take_over_lone(acc: &mut Vec<Cand>, s: usize, e: usize) -> bool {
    const LONE: &[&str] = &["FAT/EN/WAS_KILLED", "FAT/EN/SINGULAR_KILLED"];
    let hit = |c: &Cand| c.start < e && s < c.end;
    if !acc.iter().any(hit) {
        return true;
    }
    let replaceable = acc
        .iter()
        .filter(|c| hit(c))
        .all(|c| LONE.contains(&c.rule) && c.start >= s && c.end <= e);
    if replaceable {
        acc.retain(|c| !hit(c));
    }
    replaceable
}

/// End of a list segment `[start, next)` without the trailing connector (", and").
fn trim_connector(s: &str, start: usize, next: usize) -> usize {
    let mut seg = s[start..next].trim_end();
    loop {
        let before = seg.len();
        for c in [",", "&", " and", " et", " as well as", " ainsi que"] {
            if let Some(r) = seg.strip_suffix(c) {
                seg = r.trim_end();
            }
        }
        if seg.len() == before {
            break;
        }
    }
    start + seg.len().max(1).min(next - start)
}

// ---------------------------------------------------------------------------------------------
// One incident.

/// Victim group of a mention, for rule 3/6 of the module docs.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Group {
    /// A whole-incident figure ("4 fatalities", a death toll): covers every side.
    Total,
    Generic,
    Armed,
    Named(&'static str),
    Other(String),
    Additional(usize),
}

fn classify(noun: &str) -> Group {
    let n = noun.trim_end_matches('s');
    const ARMED: &[&str] = &[
        "fighter",
        "militant",
        "jihadist",
        "terrorist",
        "assailant",
        "attacker",
        "insurgent",
        "rebel",
        "gunm",
        "bandit",
        "combatant",
        "djihadiste",
        "terroriste",
        "assaillant",
        "insurge",
        "rebelle",
        "jihadiste",
        "combattant",
        "suspect",
        "aggressor",
        "raider",
        "kidnapper",
        "abductor",
        "bomber",
    ];
    if ARMED.iter().any(|a| n.starts_with(a)) || n == "gunmen" || n == "gunman" {
        return Group::Armed;
    }
    const GENERIC: &[&str] = &[
        "people",
        "person",
        "individual",
        "personne",
        "individu",
        "other",
        "autre",
        "bodie",
        "corpse",
        "victim",
        "dead",
    ];
    if GENERIC.iter().any(|g| n.starts_with(g)) {
        return Group::Generic;
    }
    const STATE: &[(&str, &str)] = &[
        ("soldier", "soldier"),
        ("troop", "soldier"),
        ("servicem", "soldier"),
        ("service member", "soldier"),
        ("military", "soldier"),
        ("personnel", "soldier"),
        ("soldat", "soldier"),
        ("fama", "soldier"),
        ("fds", "soldier"),
        ("faf", "soldier"),
        ("minusma", "peacekeeper"),
        ("barkhane", "barkhane"),
        ("militaire", "soldier"),
        ("element", "soldier"),
        ("gendarme", "gendarme"),
        ("police", "police"),
        ("policier", "police"),
        ("officer", "police"),
        ("guard", "guard"),
        ("garde", "guard"),
        ("peacekeeper", "peacekeeper"),
        ("helmet", "peacekeeper"),
        ("casques bleu", "peacekeeper"),
        ("vdp", "militia"),
        ("volunteer", "militia"),
        ("volontaire", "militia"),
        ("dozo", "militia"),
        ("militia", "militia"),
    ];
    for (k, v) in STATE {
        if n.starts_with(k) {
            return Group::Named(v);
        }
    }
    const CIVIL: &[&str] = &[
        "civil",
        "villager",
        "resident",
        "inhabitant",
        "villageois",
        "habitant",
        "farmer",
        "herder",
        "pastoralist",
        "trader",
        "merchant",
        "worshipper",
        "student",
        "pupil",
        "teacher",
        "passenger",
        "driver",
        "miner",
        "worker",
        "wom",
        "child",
        "boy",
        "girl",
        "m",
        "men",
        "man",
        "femme",
        "enfant",
        "homme",
        "eleve",
        "commercant",
        "fidele",
        "orpailleur",
        "chauffeur",
        "passager",
        "berger",
        "eleveur",
        "agriculteur",
        "paysan",
        "jeune",
        "youth",
        "elder",
        "refugee",
        "displaced",
        "deplace",
        "herdsm",
        "shepherd",
        "hostage",
        "otage",
    ];
    if CIVIL
        .iter()
        .any(|c| n == *c || (c.len() > 2 && n.starts_with(c)))
    {
        return Group::Named("civilian");
    }
    Group::Other(n.to_string())
}

/// "members of the security forces", "members of the army", "members of the police": the
/// state force a "members of" figure names is the same group as its plain noun ("soldiers",
/// "policemen"), so the two are two reports of the same dead, not two groups.
fn state_body(body: &[&str]) -> Option<Group> {
    const FORCES: &[&str] = &[
        "security",
        "regime",
        "government",
        "armed",
        "defence",
        "defense",
        "state",
        "national",
        "army",
    ];
    match body {
        [w, ..] if matches!(*w, "army" | "armee" | "military") => Some(Group::Named("soldier")),
        // "members of a civil defence militia", "members of the self-defence militia"
        [.., w] if w.starts_with("militia") => Some(Group::Named("militia")),
        [w, f] if matches!(*w, "civil" | "self") && f.starts_with("defen") => {
            Some(Group::Named("militia"))
        }
        [w, ..] if w.starts_with("police") => Some(Group::Named("police")),
        [w, f] if FORCES.contains(w) && matches!(*f, "forces" | "force") => {
            Some(Group::Named("soldier"))
        }
        _ => None,
    }
}

/// "five VDP members", "three army members": the state force named right before
/// "members" is the group.
fn member_modifier(before: &str) -> Option<Group> {
    let w = before.split_whitespace().last()?;
    match classify(w) {
        g @ Group::Named(_) => Some(g),
        _ => state_body(&[w]),
    }
}

struct Fig {
    group: Group,
    value: u32,
    idx: usize,
    claim: bool,
    vague: bool,
    update: bool,
    sentence: (usize, usize),
    list_item: bool,
}

/// The conservative toll of one incident from its mentions (codebook 4.1; the rules are in
/// the module docs). Returns the total, its basis and the indices of the mentions used.
/// `significant` resolves `ThreeOrTen` to 10 instead of 3 (4.1.4). Never panics.
pub fn incident_total(
    text: &str,
    mentions: &[FatalityMention],
    significant: bool,
) -> (u32, FatalityBasis, Vec<usize>) {
    let mut figs: Vec<Fig> = Vec::new();
    let mut none_idx: Vec<usize> = Vec::new();
    // "X was killed", "a body was found": one death when nothing else counts
    const FALLBACK: &[&str] = &[
        "FAT/EN/WAS_KILLED",
        "FAT/EN/BODY_FOUND",
        "FAT/EN/BODY_OF",
        "FAT/EN/KILLED_HIM",
        "FAT/EN/NOUN_KILLED",
        "FAT/EN/VICTIM_DIED",
        "FAT/EN/AND_DIED",
        "FAT/EN/DEATH_OF_ONE",
        "FAT/EN/WHO_DIED",
        "FAT/EN/THE_SLAIN",
    ];
    // "he was killed", "she died": a pronoun points back at someone the story has already
    // named, usually a victim a figure counts; a later death of the wounded ("she later
    // died", "he succumbed") adds (4.1.7)
    let is_fallback = |m: &FatalityMention| {
        FALLBACK.contains(&m.rule)
            || (m.rule == "FAT/EN/HE_WAS_KILLED"
                && text.get(m.span.start..m.span.end).is_some_and(|t| {
                    let t = t.to_ascii_lowercase();
                    !(t.contains("later") || t.contains("succumbed"))
                }))
    };
    // "also killed was his aide" presupposes the death told before it: it does not turn that
    // one victim into a retelling
    let only_fallback = mentions.iter().all(|m| {
        is_fallback(m)
            || m.rule == "FAT/EN/ALSO_KILLED_ONE"
            || matches!(m.kind, FatalityKind::Cumulative | FatalityKind::None)
    });
    let mut fallback_taken = false;
    let live =
        |m: &FatalityMention| !matches!(m.kind, FatalityKind::Cumulative | FatalityKind::None);
    // ACLED-style notes: a closing count on its own ("... 3 fatalities.") is the whole toll
    if let Some(i) = mentions.iter().rposition(|m| {
        live(m) && m.rule == "FAT/EN/N_FATALITIES" && {
            let (st, en) = clamp_scope(text, m.span);
            let (ss, se) = sentence_bounds(text, st, en);
            text[ss..se].split_whitespace().count() <= 3
        }
    }) {
        let v = mentions[i].quantity.value(significant);
        let basis = if v == 0 {
            FatalityBasis::None
        } else if mentions[i].kind == FatalityKind::Claim {
            FatalityBasis::Claim
        } else {
            FatalityBasis::Exact
        };
        return (v, basis, vec![i]);
    }
    for (i, m) in mentions.iter().enumerate() {
        if is_fallback(m) && m.kind != FatalityKind::Cumulative {
            // one death, once: later mentions are the same dead retold
            if !only_fallback || fallback_taken {
                continue;
            }
            fallback_taken = true;
        }
        // "the group claimed it lost four fighters": a side's own claim of its losses is
        // another report of dead an incident figure already tells (4.1.2, 4.1.6); it counts
        // only when no such figure exists
        if m.rule == "FAT/EN/LOST_N"
            && m.kind == FatalityKind::Claim
            && mentions
                .iter()
                .any(|o| o.kind == FatalityKind::Incident && o.rule != "FAT/EN/LOST_N")
        {
            continue;
        }
        match m.kind {
            FatalityKind::Cumulative => continue,
            FatalityKind::None => {
                none_idx.push(i);
                continue;
            }
            _ => {}
        }
        let (st, en) = clamp_scope(text, m.span);
        let span_f = Folded::new(&text[st..en]).s;
        let (ss, se) = sentence_bounds(text, st, en);
        // the same sentence printed twice (a lede repeated under a photo caption or a
        // byline) is one report: its figure is not counted again
        if figs.iter().any(|f| {
            f.sentence != (ss, se)
                && text.get(f.sentence.0..f.sentence.1) == text.get(ss..se)
                && mentions
                    .get(f.idx)
                    .map(|p| clamp_scope(text, p.span))
                    .is_some_and(|(ps, pe)| text.get(ps..pe) == text.get(st..en))
        }) {
            continue;
        }
        let group_hit = VICTIM_RE.find(&span_f);
        let mut group = match group_hit {
            // "19 members of regime forces ... 9 members of the rebel group": members
            // of two bodies are two groups
            Some(x) if matches!(x.as_str(), "members" | "member") => {
                match span_f[x.end()..].strip_prefix(" of ") {
                    Some(tail) => {
                        let body: Vec<&str> = tail
                            .split(|c: char| !c.is_alphanumeric() && c != '-')
                            .filter(|w| !w.is_empty() && !matches!(*w, "the" | "a" | "an"))
                            .take(2)
                            .collect();
                        state_body(&body).unwrap_or_else(|| {
                            Group::Other(format!("member of {}", body.join(" ")))
                        })
                    }
                    // the span ends at the noun: "the death of four members" + "of the
                    // security forces, ..." in the text after it
                    None if x.end() == span_f.len() => {
                        let after = Folded::new(text.get(en..se.max(en)).unwrap_or("")).s;
                        let body: Vec<&str> = after
                            .strip_prefix(" of ")
                            .unwrap_or("")
                            .split(|c: char| !c.is_alphanumeric() && c != '-')
                            .filter(|w| !w.is_empty() && !matches!(*w, "the" | "a" | "an"))
                            .take(2)
                            .collect();
                        state_body(&body)
                            .or_else(|| member_modifier(&span_f[..x.start()]))
                            .unwrap_or_else(|| classify(x.as_str()))
                    }
                    None => member_modifier(&span_f[..x.start()])
                        .unwrap_or_else(|| classify(x.as_str())),
                }
            }
            Some(x) => classify(x.as_str()),
            None => Group::Generic,
        };
        // "twelve armed men", "two armed individuals": attackers, whatever the noun
        if ARMED_PEOPLE.is_match(&span_f) {
            group = Group::Armed;
        }
        if matches!(
            m.rule,
            "FAT/EN/N_FATALITIES" | "FAT/EN/DEATH_TOLL" | "FAT/FR/BILAN"
        ) && group == Group::Generic
        {
            group = Group::Total;
        }
        let after = Folded::new(text.get(en..se.max(en)).unwrap_or("")).s;
        if group == Group::Generic && RANKS.is_match(&after) {
            // "acknowledged 2 dead in its own ranks": the speaker's side, not the attackers
            group = if OWN_RANKS.is_match(&after) {
                Group::Other("own ranks".to_string())
            } else {
                Group::Armed
            };
        }
        let later_after = {
            let t = after.trim_start();
            [
                "of his wounds",
                "of her wounds",
                "of their wounds",
                "of his injuries",
                "of her injuries",
                "of their injuries",
                "later",
                "in hospital",
                "de ses blessures",
                "de leurs blessures",
                "des suites de",
            ]
            .iter()
            .any(|p| t.starts_with(p))
        };
        if LATER.is_match(&span_f) || later_after {
            // "three died at the scene while the other two later died in hospital", after
            // "five people were shot dead": the rest of a set already counted in another
            // sentence, not more dead
            let before = Folded::new(text.get(ss..st).unwrap_or("")).s;
            let before = before.trim_end();
            let rest_of_set = ["the other", "the remaining", "the rest of the"]
                .iter()
                .any(|w| before.ends_with(w));
            // (the other part, "two died at the scene", goes with it)
            let v = m.quantity.value(significant);
            let parts: u32 = figs
                .iter()
                .filter(|f| f.sentence == (ss, se))
                .map(|f| f.value)
                .sum();
            if rest_of_set
                && figs.iter().any(|f| {
                    f.sentence != (ss, se) && f.value >= v.saturating_add(parts) && !f.list_item
                })
            {
                figs.retain(|f| f.sentence != (ss, se));
                continue;
            }
            group = Group::Additional(i);
        }
        let update = UPDATE.is_match(&span_f)
            && (m.rule.ends_with("DEATH_TOLL") || m.rule.ends_with("BILAN"));
        // "also" next to the figure: in its span, a few words before it ("In addition, three
        // soldiers died") or right after it ("... were killed as well"); an "also" elsewhere in
        // the sentence ("who was also a member", "and another was injured") says nothing
        // about this figure
        let near_f = {
            let mut a = st.saturating_sub(ALSO_BEFORE).max(ss);
            while a > 0 && !text.is_char_boundary(a) {
                a -= 1;
            }
            let mut b = (en + ALSO_AFTER).min(se.max(en));
            while b < text.len() && !text.is_char_boundary(b) {
                b += 1;
            }
            (
                Folded::new(text.get(a..en).unwrap_or("")).s,
                Folded::new(text.get(en..b).unwrap_or("")).s,
            )
        };
        // a toll is the whole count: "the death toll of six was also given by ..." is
        // another source for it, not more dead
        let toll = m.rule.ends_with("DEATH_TOLL") || m.rule.ends_with("BILAN");
        // the incident's first figure has nothing of its own to be added to: its "also" ties
        // it to another incident ("Similarly in B, gunmen also killed three hunters")
        // "Seventeen militants and five militiamen were killed" ... "Five militiamen also
        // lost their lives": the same number for the same named group in another sentence is
        // the dead retold (in a quote), not more of them
        let retold = matches!(group, Group::Named(_) | Group::Armed)
            && figs.iter().any(|f| {
                f.group == group
                    && f.value == m.quantity.value(significant)
                    && f.sentence != (ss, se)
            });
        if !update
            && !toll
            && !retold
            && !figs.is_empty()
            && also_near_figure(&near_f.0, &near_f.1)
            && !m.rule.ends_with("LIST_ITEM")
        {
            group = Group::Additional(i);
        }
        figs.push(Fig {
            group,
            value: m.quantity.value(significant),
            idx: i,
            claim: m.kind == FatalityKind::Claim,
            vague: m.quantity.is_vague(),
            update,
            sentence: (ss, se),
            list_item: m.rule.ends_with("LIST_ITEM"),
        });
    }
    if figs.is_empty() {
        return (0, FatalityBasis::None, none_idx);
    }
    // updates: a generic update drops everything before it; a grouped one its group
    if let Some(last_upd) = figs.iter().rposition(|f| f.update) {
        let g = figs[last_upd].group.clone();
        let keep: Vec<bool> = figs
            .iter()
            .enumerate()
            .map(|(k, f)| {
                k >= last_upd || !(matches!(g, Group::Generic | Group::Total) || f.group == g)
            })
            .collect();
        let mut k = 0;
        figs.retain(|_| {
            let r = keep[k];
            k += 1;
            r
        });
    }
    // reports: a list item joins the previous figure of the same sentence (sums by group)
    struct Report {
        parts: Vec<(Group, u32)>,
        idx: Vec<usize>,
        claim: bool,
        vague: bool,
    }
    let joins_prev: Vec<bool> = (0..figs.len())
        .map(|k| k > 0 && figs[k].list_item && figs[k - 1].sentence == figs[k].sentence)
        .collect();
    // in a list of several victim groups ("a policeman and a bystander", "three militia
    // members and two other civilians") a generic part is one more group, not the whole toll
    {
        let mut k = 0;
        while k < figs.len() {
            let mut e = k + 1;
            while e < figs.len() && joins_prev[e] {
                e += 1;
            }
            let groups: Vec<&Group> = figs[k..e].iter().map(|f| &f.group).collect();
            let mixed = groups.iter().any(|g| **g != *groups[0]);
            if mixed {
                for f in &mut figs[k..e] {
                    if f.group == Group::Generic {
                        f.group = Group::Other(format!("#list-{}", f.idx));
                    }
                }
            }
            k = e;
        }
    }
    let mut reports: Vec<Report> = Vec::new();
    for (k, f) in figs.iter().enumerate() {
        let joins = joins_prev[k];
        if joins {
            if let Some(r) = reports.last_mut() {
                if let Some(p) = r.parts.iter_mut().find(|p| p.0 == f.group) {
                    p.1 = p.1.saturating_add(f.value);
                } else {
                    r.parts.push((f.group.clone(), f.value));
                }
                r.idx.push(f.idx);
                r.claim |= f.claim;
                r.vague |= f.vague;
                continue;
            }
        }
        reports.push(Report {
            parts: vec![(f.group.clone(), f.value)],
            idx: vec![f.idx],
            claim: f.claim,
            vague: f.vague,
        });
    }
    // per group: the lowest report (alternative figures)
    struct Best {
        group: Group,
        value: u32,
        idx: Vec<usize>,
        claim: bool,
        vague: bool,
    }
    let mut best: Vec<Best> = Vec::new();
    for r in &reports {
        for (g, v) in &r.parts {
            // indices of this report that belong to group g
            let idx: Vec<usize> = r
                .idx
                .iter()
                .copied()
                .filter(|&i| figs.iter().any(|f| f.idx == i && f.group == *g))
                .collect();
            let (claim, vague) = idx.iter().fold((false, false), |(c, vg), &i| {
                let f = figs.iter().find(|f| f.idx == i);
                (
                    c || f.is_some_and(|f| f.claim),
                    vg || f.is_some_and(|f| f.vague),
                )
            });
            match best.iter_mut().find(|b| b.group == *g) {
                Some(b) => {
                    // 4.1.4: the 3-or-10 stand-in is for deaths "certain but uncounted";
                    // a counted figure of the same group wins over it, and it never
                    // replaces a counted one
                    let better = match (vague, b.vague) {
                        (false, true) => true,
                        (true, false) => false,
                        _ => *v < b.value,
                    };
                    if better {
                        b.value = *v;
                        b.idx = idx;
                        b.claim = claim;
                        b.vague = vague;
                    }
                }
                None => best.push(Best {
                    group: g.clone(),
                    value: *v,
                    idx,
                    claim,
                    vague,
                }),
            }
        }
    }
    let generic = best.iter().position(|b| b.group == Group::Generic);
    let whole = best.iter().position(|b| b.group == Group::Total);
    let mut total: u32 = 0;
    let mut used: Vec<usize> = Vec::new();
    let (mut claim, mut vague) = (false, false);
    let mut take = |b: &Best, total: &mut u32| {
        *total = total.saturating_add(b.value);
        used.extend(b.idx.iter().copied());
        claim |= b.claim;
        vague |= b.vague;
    };
    // a figure for the attackers and a generic one from other sentences are two reports of
    // the same dead ("eight fighters were killed" ... "eight armed men were killed"): the
    // larger stands for both; in one sentence they add up ("12 people and 3 attackers")
    let armed = best.iter().position(|b| b.group == Group::Armed);
    let mut skip: Option<usize> = None;
    // the same number for two victim nouns in two sentences ("killing two National Front
    // members" ... "the killing of two members") is one report, not two groups
    let sentences_of = |b: &Best| -> Vec<(usize, usize)> {
        figs.iter()
            .filter(|f| b.idx.contains(&f.idx))
            .map(|f| f.sentence)
            .collect()
    };
    let mut same_report: Vec<usize> = Vec::new();
    for k in 0..best.len() {
        if !matches!(best[k].group, Group::Named(_) | Group::Other(_)) {
            continue;
        }
        let sk = sentences_of(&best[k]);
        if (0..k).any(|j| {
            matches!(best[j].group, Group::Named(_) | Group::Other(_))
                && !same_report.contains(&j)
                && best[j].value == best[k].value
                && !sentences_of(&best[j]).iter().any(|x| sk.contains(x))
        }) {
            same_report.push(k);
        }
    }
    // "five members of the group were killed" ... "five rebels were killed": the same number
    // for the fighters under another noun, in another sentence, is the same dead told again
    if let Some(a) = armed {
        let sa = sentences_of(&best[a]);
        for k in 0..best.len() {
            if matches!(best[k].group, Group::Other(_))
                && !same_report.contains(&k)
                && best[k].value == best[a].value
                && !sentences_of(&best[k]).iter().any(|x| sa.contains(x))
            {
                same_report.push(k);
            }
        }
    }
    if let (Some(g), Some(a), None) = (generic, armed, whole) {
        let sentences = |grp: &Group| -> Vec<(usize, usize)> {
            figs.iter()
                .filter(|f| f.group == *grp)
                .map(|f| f.sentence)
                .collect()
        };
        let (gs, as_) = (sentences(&Group::Generic), sentences(&Group::Armed));
        if !gs.iter().any(|x| as_.contains(x)) {
            skip = Some(if best[a].value > best[g].value { g } else { a });
        }
    }
    // the mention of a closing "N fatalities" count, when that count is the whole figure
    let summary_at = whole.and_then(|w| {
        best[w]
            .idx
            .iter()
            .copied()
            .filter(|&i| {
                // ... and so does a death toll told after them ("Three civilians were also
                // killed. The overall toll stood at five.")
                mentions.get(i).is_some_and(|m| {
                    matches!(
                        m.rule,
                        "FAT/EN/N_FATALITIES" | "FAT/EN/DEATH_TOLL" | "FAT/FR/BILAN"
                    )
                })
            })
            .max()
    });
    for (k, b) in best.iter().enumerate() {
        if skip == Some(k) || same_report.contains(&k) {
            continue;
        }
        let take_it = if whole.is_some() {
            match b.group {
                Group::Total => true,
                // an ACLED-style closing count ("... 2 fatalities.") sums up everything
                // told before it, the "also" deaths included
                Group::Additional(i) => summary_at.is_none_or(|at| i >= at),
                _ => false,
            }
        } else {
            // a generic figure covers the named groups ("12 people, including 3 soldiers"),
            // not those listed with the attackers when it is the attackers' figure told
            // again ("three militants and two militiamen were killed" ... "the militants left
            // three bodies behind")
            matches!(
                b.group,
                Group::Armed | Group::Additional(_) | Group::Generic
            ) || generic.is_none()
                || (skip.is_some() && matches!(b.group, Group::Named(_)) && {
                    let sb = sentences_of(b);
                    armed.zip(generic).is_some_and(|(a, g)| {
                        best[g].value <= best[a].value
                            && sentences_of(&best[a]).iter().any(|x| sb.contains(x))
                    })
                })
        };
        if take_it {
            take(b, &mut total);
        }
    }
    used.sort_unstable();
    used.dedup();
    let basis = if total == 0 {
        FatalityBasis::None
    } else if claim {
        FatalityBasis::Claim
    } else if vague {
        FatalityBasis::VagueWord
    } else {
        FatalityBasis::Exact
    };
    if total == 0 && used.is_empty() {
        return (0, FatalityBasis::None, none_idx);
    }
    (total, basis, used)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all(text: &str) -> Vec<FatalityMention> {
        find_fatalities(text, Span::new(0, text.len()))
    }

    /// (text, expected (quantity, kind) list in order)
    fn check(text: &str, expect: &[(Quantity, FatalityKind)]) {
        let got: Vec<(Quantity, FatalityKind)> =
            all(text).iter().map(|m| (m.quantity, m.kind)).collect();
        assert_eq!(got, expect, "text: {text:?}\nmentions: {:#?}", all(text));
    }

    fn total(text: &str, significant: bool) -> (u32, FatalityBasis) {
        let m = all(text);
        let (t, b, _) = incident_total(text, &m, significant);
        (t, b)
    }

    use FatalityKind::{Claim as C, Cumulative as Cu, Incident as I, None as Nn};
    use Quantity::{Fixed as F, Number as N, ThreeOrTen as V};

    #[test]
    fn a_grade_or_class_number_is_no_count() {
        for text in [
            "Ali, his son, a grade 9 student, and Umar were killed by soldiers.",
            "A class 6 pupil was killed by a stray bullet.",
        ] {
            let m = all(text);
            assert!(
                !m.iter().any(|x| matches!(x.quantity, N(9) | N(6))),
                "{text}: {m:?}"
            );
        }
    }

    #[test]
    fn forces_every_lazy_regex() {
        let _ = (
            PATS.len(),
            LIST.as_str().len(),
            QONLY.as_str().len(),
            VICTIM_RE.as_str().len(),
            CUMULATIVE.as_str().len(),
            SUPERLATIVE.as_str().len(),
            SUPERSEDED.as_str().len(),
            AND_HIS_ONE.as_str().len(),
            MOTIVE.as_str().len(),
            MOTIVE_AFTER.as_str().len(),
            PEOPLE.as_str().len(),
            CLAIM.as_str().len(),
            ARMY_SUBJECT.as_str().len(),
            ALSO.as_str().len(),
            UPDATE.as_str().len(),
            LATER.as_str().len(),
            RANKS.as_str().len(),
            OWN_RANKS.as_str().len(),
            ARMED_PEOPLE.as_str().len(),
            PREFILTER.patterns_len(),
        );
    }

    #[test]
    fn folded_scope_gives_the_same_mentions() {
        let text = "Des hommes armés ont tué 5 civils à Ségou. L’attaque a fait 3 morts.\n\
                    Gunmen killed “two soldiers” near Mopti; 4 others died later. \
                    No casualties were reported in Gao.";
        let folded = Folded::new(text);
        let mut cuts = vec![0];
        cuts.extend(text.match_indices(['.', ';', '\n']).map(|(i, _)| i + 1));
        cuts.push(text.len());
        for w in cuts.windows(2) {
            let scope = Span::new(w[0], w[1]);
            assert_eq!(
                find_fatalities_folded(text, &folded, scope),
                find_fatalities(text, scope),
                "{:?}",
                &text[w[0]..w[1]]
            );
        }
        let whole = Span::new(0, text.len());
        assert_eq!(
            find_fatalities_folded(text, &folded, whole),
            find_fatalities(text, whole)
        );
        assert!(find_fatalities(text, whole).len() >= 4);
    }

    #[test]
    fn numbers() {
        let cases: &[(&str, Option<u32>)] = &[
            ("20", Some(20)),
            ("1,200", Some(1200)),
            ("1 200", Some(1200)),
            ("twenty", Some(20)),
            ("twenty-four", Some(24)),
            ("ninety-nine", Some(99)),
            ("a hundred", Some(100)),
            ("two hundred", Some(200)),
            ("two hundred and fifty", Some(250)),
            ("a dozen", Some(12)),
            ("one", Some(1)),
            ("vingt-cinq", Some(25)),
            ("vingt et un", Some(21)),
            ("soixante-dix", Some(70)),
            ("soixante-dix-sept", Some(77)),
            ("quatre-vingts", Some(80)),
            ("quatre-vingt-dix", Some(90)),
            ("dix-sept", Some(17)),
            ("cent", Some(100)),
            ("deux cents", Some(200)),
            ("une quinzaine", Some(15)),
            ("une vingtaine", Some(20)),
            ("Trente", Some(30)),
            ("twenty and thirty", None),
            ("soldiers", None),
            ("", None),
            ("1,20", None),
            ("99999999999999", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_number(s), *want, "{s}");
        }
    }

    #[test]
    fn mentions_table() {
        let cases: &[(&str, &[(Quantity, FatalityKind)])] = &[
            // English forward
            ("Militants stormed the base, killing at least 20 Malian troops.", &[(N(20), I)]),
            ("Gunmen killed 24 members of the Dogon community.", &[(N(24), I)]),
            ("The blast killed twenty-four people.", &[(N(24), I)]),
            ("Gunmen killed a soldier in Boni.", &[(N(1), I)]),
            ("The attack, killing one, was repelled.", &[(N(1), I)]),
            ("They attacked the village, killing several villagers.", &[(V, I)]),
            ("The raid killed dozens of civilians.", &[(F(12), I)]),
            ("A bomb killed between 10 and 15 people.", &[(N(10), I)]),
            ("Jihadists killed 5 soldiers and 3 civilians.", &[(N(5), I), (N(3), I)]),
            (
                "Militants attacked a checkpoint, killing two gendarmes, a customs agent, and four civilians.",
                &[(N(2), I), (N(1), I), (N(4), I)],
            ),
            ("The attack left 7 dead.", &[(N(7), I)]),
            ("The fighting claimed the lives of nearly 30 people.", &[(N(30), I)]),
            ("The death toll rose to 25 on Sunday.", &[(N(25), I)]),
            ("Police found the bodies of 9 herders.", &[(N(9), I)]),
            ("Rebels killed and wounded 12 soldiers.", &[(V, I)]),
            // English backward
            ("At least 20 Malian soldiers, including a base commander, were killed on Friday.", &[(N(20), I)]),
            ("2 National Guards killed and 4 others wounded in IED blast.", &[(N(2), I)]),
            ("Three soldiers were killed and five wounded.", &[(N(3), I)]),
            ("A man was shot dead in Gao.", &[(N(1), I)]),
            ("Seven civilians died in the attack.", &[(N(7), I)]),
            ("About 40 people lost their lives.", &[(N(40), I)]),
            ("20 dead in attack on Soumpi base", &[(N(20), I)]),
            ("The clashes resulted in 3 fatalities.", &[(N(3), I)]),
            ("There were 1 fatality and 2 injuries.", &[(N(1), I)]),
            ("Scores of villagers were massacred.", &[(F(20), I)]),
            ("Hundreds of people have been killed.", &[(F(100), I)]),
            ("3 soldiers and 2 civilians were killed.", &[(N(3), I), (N(2), I)]),
            ("Many people were killed.", &[(V, I)]),
            ("Civilians were killed in the raid.", &[(V, I)]),
            ("On 7 November, 3 soldiers were killed.", &[(N(3), I)]),
            ("In 2012, 20 soldiers were killed.", &[(N(20), I)]),
            ("Twelve people were killed or injured.", &[(V, I)]),
            ("Twelve fighters were killed, injured or captured.", &[(V, I)]),
            // not deaths
            ("Three people were injured.", &[]),
            ("12 wounded in Gao", &[]),
            ("The attack caused 10 casualties.", &[]),
            ("5 people were abducted and 2 attackers arrested.", &[]),
            ("Two gunmen killed a trader aged 30.", &[(N(1), I)]),
            ("A 30-year-old man was killed near Gao.", &[(N(1), I)]),
            ("The convoy of 30 vehicles was attacked 30 km from Gao; nobody was killed.", &[(N(0), Nn)]),
            ("Gunmen on 20 motorcycles killed a herder.", &[(N(1), I)]),
            ("Two gunmen on motorcycles killed three traders.", &[(N(3), I)]),
            ("No casualties were reported.", &[(N(0), Nn)]),
            ("No one was killed.", &[(N(0), Nn)]),
            ("Casualties unknown.", &[(N(0), Nn)]),
            ("No fatalities.", &[(N(0), Nn)]),
            // claims and cumulative
            ("The army said it neutralised 30 terrorists.", &[(N(30), C)]),
            ("According to the army, 15 assailants were killed.", &[(N(15), C)]),
            ("The group claimed to have killed 40 soldiers.", &[(N(40), C)]),
            ("JNIM claimed responsibility for the attack, which killed 12 soldiers.", &[(N(12), I)]),
            ("More than 40,000 people have been killed since 2012.", &[(N(40000), Cu)]),
            ("Attacks have killed over 1,000 civilians so far this year.", &[(N(1000), Cu)]),
            ("It was the deadliest attack in recent months, killing 20 soldiers.", &[(N(20), I)]),
            ("Since the military coup, the junta has killed more than 900 people.", &[(N(900), Cu)]),
            ("The war has killed more than 100,000 people.", &[(N(100000), Cu)]),
            ("Four refugees killed since early March in the camp.", &[(N(4), Cu)]),
            (
                "The monitor had initially said three people were killed but later revised its toll.",
                &[(N(3), Cu)],
            ),
            ("About 310 people have died so far, according to a Reuters tally.", &[(N(310), Cu)]),
            ("The war started when 12 soldiers were killed at a border post.", &[(N(12), I)]),
            // a figure over a span of months, over many attacks, or of a continuing practice
            ("Between March and May, bandits killed 60 farmers in the district.", &[(N(60), Cu)]),
            ("The number of people killed in such attacks during September reached eight.", &[(N(8), Cu)]),
            ("Some 45 pupils were killed in raids from January 3rd through May 9th.", &[(N(45), Cu)]),
            ("In June, 120 soldiers were killed during 85 ambushes and bombings.", &[(N(120), Cu)]),
            ("Dozens of officers have also been killed in various attacks by the group.", &[(F(12), Cu)]),
            ("Gunmen staged a series of highway attacks, killing about 30 drivers.", &[(N(30), Cu)]),
            ("The police continue to kill protesters, killing over 300 people.", &[(N(300), Cu)]),
            ("Since the Jan. 9 uprising, the militia has killed 80 people.", &[(N(80), Cu)]),
            ("Gunmen killed 12 villagers in two attacks on Monday.", &[(N(12), I)]),
            ("Gen. Traore said 15 soldiers were killed in the attack.", &[(N(15), I)]),
            ("In front of several shops a trader was shot dead.", &[(N(1), I)]),
            ("Rescuers recovered the bodies of one female and one male near the river.", &[(N(1), I), (N(1), I)]),
            ("The bodies of two men and a woman were found.", &[(N(2), I), (N(1), I)]),
            ("Gunmen killed five soldiers and two civilians were wounded.", &[(N(5), I)]),
            ("The army did not say how many were killed.", &[]),
            ("Three farmers were discovered to be deceased in their hut.", &[(N(3), I)]),
            ("Three women were found lifeless near the road.", &[(N(3), I)]),
            ("A clash broke out between relatives of deceased and nurses.", &[]),
            ("The truck overturned in the ambush and the driver killed.", &[(N(1), I)]),
            ("A brigadier and five soldiers killed in an explosion.", &[(N(1), I), (N(5), I)]),
            ("A nurse lost her life in the attack.", &[(N(1), I)]),
            ("A bike rider lost his life at the market.", &[(N(1), I)]),
            ("Two passengers were wounded and the driver killed, police said.", &[(N(1), I)]),
            ("The guard fled and the driver killed a bandit.", &[(N(1), I)]),
            (
                "He had killed the man because he was an informer, the friend of the deceased said.",
                &[(N(1), I)],
            ),
            ("Nobody knows how many civilians died in the raid.", &[]),
            // French
            ("L'attaque a fait 12 morts.", &[(N(12), I)]),
            ("Des hommes armés ont attaqué le village, tuant 4 civils.", &[(N(4), I)]),
            ("Cinq personnes ont été tuées lundi.", &[(N(5), I)]),
            ("Au moins vingt-cinq soldats ont perdu la vie.", &[(N(25), I)]),
            ("Un bilan provisoire de 17 morts.", &[(N(17), I)]),
            ("Une vingtaine de civils ont été tués.", &[(N(20), I)]),
            ("Plus d'une centaine de personnes ont été tuées.", &[(N(100), I)]),
            ("Entre 10 et 15 personnes ont été tuées.", &[(N(10), I)]),
            ("L'attaque a fait des morts et des blessés.", &[(V, I)]),
            ("Plusieurs soldats ont été tués.", &[(V, I)]),
            ("Des dizaines de civils ont été tués.", &[(F(10), I)]),
            ("Trois hommes armés ont tué un berger.", &[(N(1), I)]),
            ("Selon l'armée, 30 terroristes ont été neutralisés.", &[(N(30), C)]),
            ("Plus de 2 000 personnes ont été tuées depuis 2012.", &[(N(2000), Cu)]),
            ("Quatre-vingt-dix morts depuis le début de l'année.", &[(N(90), Cu)]),
            ("L'attaque n'a fait aucune victime.", &[(N(0), Nn)]),
            ("Huit soldats tués et douze blessés.", &[(N(8), I)]),
            ("Le 7 novembre, 3 soldats ont été tués.", &[(N(3), I)]),
            ("Un soldat a été tué.", &[(N(1), I)]),
            ("12 blessés à Gao.", &[]),
            ("Gunmen assassinated the village chief of Kargue.", &[(N(1), I)]),
            ("He was shot dead by unknown gunmen.", &[(N(1), I)]),
            ("Il a été tué par des hommes armés.", &[(N(1), I)]),
            ("The clashes led to the deaths of 4 civilians.", &[(N(4), I)]),
            ("Soldiers killed an undetermined number of militants.", &[(V, I)]),
            ("5 guards, 1 gendarme & 6 assailants killed.", &[(N(5), I), (N(1), I), (N(6), I)]),
        ];
        let mut bad = Vec::new();
        for (text, expect) in cases {
            if std::panic::catch_unwind(|| check(text, expect)).is_err() {
                bad.push(*text);
            }
        }
        assert!(bad.is_empty(), "{} failing: {bad:#?}", bad.len());
    }

    /// Session 5 rules: coordinated victims, name lists, captives executed, "also" next to
    /// its figure, closing counts, background deaths. Texts written for the tests.
    #[test]
    fn totals_lists_and_context() {
        let cases: &[(&str, u32)] = &[
            // one victim named by the act, an age, a retelling
            ("Gunfire resulted in the killing of the local council member.", 1),
            // "another" after a figure opens the next one; "also reported" is a second source
            (
                "Three insurgents were killed in the clash. The governor said three rebels \
                 were killed and another three injured.",
                3,
            ),
            (
                "Two civilians were killed by shelling. The rescue service also said that \
                 two civilians were killed.",
                2,
            ),
            ("Two soldiers were killed. Three attackers were also killed.", 5),
            (
                "Clashes led to the death of two soldiers. Another source also disclosed \
                 that two soldiers died.",
                2,
            ),
            (
                "One civilian was killed by shelling. In addition to the girl who was killed, \
                 her brother was wounded.",
                1,
            ),
            (
                "A drone strike on the market caused the death of a trader, in addition to \
                 damage to stalls. One trader was killed, a witness said.",
                1,
            ),
            // a subset clause closed by ", and" does not end the list
            (
                "Two rebels, including a commander named Ali, and two soldiers were killed.",
                4,
            ),
            ("Five soldiers, including two officers, were killed.", 5),
            ("The remains of a house burned by soldiers. Two men were killed.", 2),
            ("Villagers found the remains of a man near the well.", 1),
            ("Police fired on the crowd, leaving one confirmed death.", 1),
            (
                "Soldiers found five dead men by the road. One of the bodies had a note on it.",
                5,
            ),
            ("Gunmen killed six people. Two of the dead were children.", 6),
            ("Gunmen killed six people. Two of those killed were children.", 6),
            ("Gunmen killed six villagers. A teacher was among those killed.", 6),
            ("Gunmen ambushed five soldiers. Two of them were killed.", 2),
            ("A woman and her child died when a shell hit their house.", 2),
            ("A man and his son were shot dead near the market.", 2),
            ("Two men and their driver were killed in the ambush.", 3),
            (
                "Gunmen killed five people. Two of the wounded died later, bringing the toll \
                 to seven.",
                7,
            ),
            ("Gunmen killed five people. Two of the wounded died later in hospital.", 7),
            ("The court handed down one death sentence.", 0),
            ("Gunmen shot a trader near the market, who died on the spot.", 1),
            ("Gunmen killed two traders. One of them, who died on the spot, was 40.", 2),
            ("Gunmen killed five herders. Some of the five herders were beheaded.", 5),
            ("Four landmines exploded and killed a farmer.", 1),
            ("Gunmen attacked the village. Some of the villagers were killed.", 3),
            ("Shells landed in the village and killed a 14-year-old.", 1),
            ("Gunmen shot and killed a sixteen years old young man near his house.", 1),
            ("A man punched a nurse. The victim died from related injuries.", 1),
            ("Rebels shot down a jet near the town. The pilot died.", 1),
            ("Gunmen shot a trader dead in Gao. The victim died on the spot.", 1),
            ("Villagers demanded an investigation of the death of their relative.", 0),
            ("Soldiers arrested three vendors in relation to the assassination of a guard.", 0),
            // coordinated victims after a counted one
            ("Gunmen killed a policeman and a bystander at the market in Gao.", 2),
            ("Militants shot dead the village chief and his two sons in Toye.", 3),
            ("Assailants killed the imam of the Friday mosque and his driver near Koro.", 2),
            ("Soldiers killed one rebel commander and two of his bodyguards in a raid.", 3),
            ("Gunmen ambushed a farmer near Sofara, killing him and 2 of his relatives.", 3),
            ("Gunmen shot dead a trader with his driver and bodyguard in Gao.", 3),
            ("Militants killed a soldier and wounded his driver near Boni.", 1),
            ("Two men robbed a shop in Gao, killing him.", 1),
            ("The police said a mob almost killed him in Gao.", 0),
            // lists of names without a victim noun
            ("Clashes near Yoro left 9 Fulani and 2 Dogon dead.", 11),
            ("Two MSA and one GATIA fighter were killed near Menaka.", 3),
            ("A soldier and a militant were killed in the clash at Toye.", 2),
            ("One gendarme killed two wounded in the attack on Ouan.", 1),
            ("They attacked a Dozo position in the area of Sama, four Dozos killed.", 4),
            ("One civilian, a teenager, was killed by the shelling.", 1),
            ("Gunmen attacked the village, wounding three men, one succumbed later.", 1),
            // captives executed later
            ("Four herders arrested by soldiers at the market were later executed.", 4),
            ("Militiamen abducted five traders near Sare, then executed them.", 5),
            ("Five men were abducted and two were killed near Gao.", 2),
            ("Soldiers detained 7 herders at the well who were later executed.", 7),
            ("Militiamen arrested three traders and burned them alive.", 3),
            ("Police arrested 3 suspects and released them the next day.", 0),
            ("A couple on a motorbike was killed by a mine.", 2),
            // "also" only next to its figure; a closing count sums up
            (
                "Two gunmen were killed and another was injured. 2 fatalities.",
                2,
            ),
            (
                "Police killed one suspect, who was also a member of a gang. 1 fatality.",
                1,
            ),
            (
                "The army said 11 militants were killed. One soldier was also killed.",
                12,
            ),
            // background deaths are not this event's
            ("Youths rioted in Gao in protest against the killing of a driver.", 0),
            ("Soldiers shot dead 6 villagers in revenge for the killing of 2 colleagues.", 6),
            // the speaker's own losses are not the attackers'
            (
                "The militia claimed to have killed 12 assailants and admitted 3 dead in its own ranks.",
                15,
            ),
            ("Twelve JNIM fighters were killed. Officers said twelve armed men died.", 12),
            // more death verbs
            ("A roadside bomb martyred a policeman and wounded two others.", 1),
            ("Two policemen were martyred when a mine exploded.", 2),
            ("Residents beat to death two suspected robbers in the market.", 2),
            ("Gunmen shot two traders dead near the bus station.", 2),
            ("The soldiers slaughtered some goats in the village.", 0),
            // a death that came before the event
            ("Youths blocked the road after a driver was killed by a soldier.", 0),
            ("Rioters burned the police post following the death of a student.", 0),
            ("Youths marched in Segou against the death of a young driver.", 0),
            ("Gunmen abducted two herders and killed a dozen of their cattle.", 0),
            // ACLED-style closing counts
            ("A militant leader was 'neutralised' by the army near Djibo.", 1),
            (
                "The militia sustained 1 fatality. The attackers sustained 2 fatalities. 3 fatalities.",
                3,
            ),
            ("Gunmen raided the village, injuring and killing 6 people.", 3),
            // companions of a named victim
            ("A rebel commander with his six fighters were killed in the raid.", 7),
            ("A militia leader was killed along with his two guards near Sare.", 3),
            ("A suicide bomber and her two companions were killed at the checkpoint.", 3),
            ("Two soldiers were killed and a civilian wounded near Gao.", 2),
            // the wounded who die later (4.1.7)
            ("Gunmen shot a trader, and his wife who succumbed to her wounds.", 1),
            ("Three soldiers were wounded. One of the three soldiers succumbed later.", 1),
            (
                "Gunmen killed three herders and wounded two others, the two wounded later died.",
                5,
            ),
            ("The group said that one of its fighters were killed in the clash.", 1),
        ];
        let mut bad = Vec::new();
        for (text, want) in cases {
            let got = total(text, false).0;
            if got != *want {
                bad.push((*text, *want, got));
            }
        }
        assert!(bad.is_empty(), "(text, want, got): {bad:#?}");
    }

    #[test]
    fn totals_table() {
        let cases: &[(&str, bool, u32, FatalityBasis)] = &[
            ("Jihadists killed 5 soldiers and 3 civilians.", false, 8, FatalityBasis::Exact),
            (
                "Gunmen killed 12 villagers in Yoro. Three attackers were also killed.",
                false,
                15,
                FatalityBasis::Exact,
            ),
            (
                "Local sources said 12 people died. Officials later reported 20 people dead.",
                false,
                12,
                FatalityBasis::Exact,
            ),
            (
                "Gunmen killed 12 people on Friday. The death toll rose to 25 on Sunday.",
                false,
                25,
                FatalityBasis::Exact,
            ),
            ("The army said it neutralised 30 terrorists.", false, 30, FatalityBasis::Claim),
            // a casualty count of dozens is a heavy toll: the uncounted deaths are 10 (4.1.4)
            (
                "Gunmen killed and wounded dozens of herders near the well.",
                false,
                10,
                FatalityBasis::VagueWord,
            ),
            (
                "Gunmen killed and wounded several herders near the well.",
                false,
                3,
                FatalityBasis::VagueWord,
            ),
            // "reports of fatalities": the number before it counts the wounded
            (
                "The blast wounded several guards, amid unverified reports of deaths.",
                true,
                0,
                FatalityBasis::None,
            ),
            // "another man" opens the phrase of the death verb: "two men" were arrested
            (
                "One gunman was shot dead. The patrol detained three suspects and later found another man shot dead.",
                false,
                1,
                FatalityBasis::Exact,
            ),
            // a killing someone is implicated in is a backstory, not this incident's toll
            (
                "Troops shot dead a gang leader on Monday. He was implicated in the killing of some traders.",
                true,
                1,
                FatalityBasis::Exact,
            ),
            // "N killed or captured" has no split: the vague rule, unless a counted figure
            // of the same group is given (4.1.4 is for deaths that are not counted)
            (
                "In the raid, 23 militants were killed or captured near the camp.",
                false,
                3,
                FatalityBasis::VagueWord,
            ),
            (
                "In the raid, 23 militants were killed or captured. Ten militants were killed near the camp.",
                false,
                10,
                FatalityBasis::Exact,
            ),
            (
                "Several soldiers were killed in the ambush. Five soldiers were killed, local sources said.",
                true,
                5,
                FatalityBasis::Exact,
            ),
            // a figure for the first week of a campaign is a tally of many days
            (
                "A soldier was killed on Monday. In the first week of the campaign, 35 fighters were killed.",
                false,
                1,
                FatalityBasis::Exact,
            ),
            // "in recent days" sums several days: not this incident's toll
            (
                "A farmer was shot dead on Monday. Hundreds of fighters have been killed in the battle in recent days.",
                true,
                1,
                FatalityBasis::Exact,
            ),
            (
                "Nine members of the police were killed. Four members of the rebel front were killed.",
                false,
                13,
                FatalityBasis::Exact,
            ),
            (
                "Six members of the police were killed. Later six members were reported dead.",
                false,
                6,
                FatalityBasis::Exact,
            ),
            (
                "The Malian army said nine soldiers died and that its troops killed dozens of assailants.",
                true,
                21,
                FatalityBasis::Claim,
            ),
            ("Raiders killed several villagers.", false, 3, FatalityBasis::VagueWord),
            ("Raiders killed several villagers.", true, 10, FatalityBasis::VagueWord),
            ("No one was killed.", false, 0, FatalityBasis::None),
            ("Three people were injured.", false, 0, FatalityBasis::None),
            (
                "More than 40,000 people have been killed since 2012. On Friday gunmen killed 4 traders.",
                false,
                4,
                FatalityBasis::Exact,
            ),
            (
                "Militants attacked a checkpoint, killing two gendarmes, a customs agent, and four civilians.",
                false,
                7,
                FatalityBasis::Exact,
            ),
            (
                "Twenty soldiers were killed in the attack on Boulkessi. At least 20 Malian soldiers died, officials said.",
                false,
                20,
                FatalityBasis::Exact,
            ),
            (
                "The army said 15 assailants were killed. Local sources said 8 attackers died.",
                false,
                8,
                FatalityBasis::Exact,
            ),
            ("L'attaque a fait 12 morts. Le bilan s'est alourdi à 18 morts.", false, 18, FatalityBasis::Exact),
            (
                "Les assaillants ont tué 6 soldats. Trois terroristes ont également été tués.",
                false,
                9,
                FatalityBasis::Exact,
            ),
            ("Plusieurs civils ont été tués.", true, 10, FatalityBasis::VagueWord),
            (
                "1 FAMa killed and 1 wounded, 3 MINUSMA peacekeepers killed. 2 dead in JNIM's ranks.",
                false,
                6,
                FatalityBasis::Exact,
            ),
            (
                "3 peacekeepers killed in an IED blast. One peacekeeper died of his wounds on 21 November.",
                false,
                4,
                FatalityBasis::Exact,
            ),
            (
                "Gunmen killed 5 soldiers and 3 civilians (8 fatalities).",
                false,
                8,
                FatalityBasis::Exact,
            ),
            ("Casualties unknown.", true, 0, FatalityBasis::None),
            (
                "A drone struck a pickup, killing 3 fighters and a civilian driver (4 fatalities).",
                false,
                4,
                FatalityBasis::Exact,
            ),
        ];
        let mut bad = Vec::new();
        for (text, sig, want, basis) in cases {
            let got = total(text, *sig);
            if got != (*want, *basis) {
                bad.push(format!(
                    "{text:?}: got {got:?} want {want} {basis:?}\n{:?}",
                    all(text)
                ));
            }
        }
        assert!(bad.is_empty(), "{} failing:\n{}", bad.len(), bad.join("\n"));
    }

    #[test]
    fn spans_point_at_the_figure() {
        let t = "À Soumpi, l’attaque a tué au moins 20 soldats maliens.";
        let m = all(t);
        assert_eq!(m.len(), 1);
        assert_eq!(
            &t[m[0].span.start..m[0].span.end],
            "tué au moins 20 soldats"
        );
        assert_eq!(m[0].rule, "FAT/FR/TUANT_N");
        // scope restricts the search, spans are offsets into the whole text
        let t2 = "Five soldiers were killed. Two civilians died.";
        let m2 = find_fatalities(t2, Span::new(27, t2.len()));
        assert_eq!(m2.len(), 1);
        assert_eq!(&t2[m2[0].span.start..m2[0].span.end], "Two civilians died");
        assert_eq!(m2[0].rule, "FAT/EN/N_DIED");
    }

    #[test]
    fn odd_scopes_do_not_panic() {
        let t = "Ségou: 5 tués";
        for s in 0..=t.len() + 2 {
            for e in 0..=t.len() + 2 {
                let _ = find_fatalities(t, Span::new(s, e));
            }
        }
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,200}", a in 0usize..300, b in 0usize..300) {
            let scope = Span::new(a.min(b), a.max(b));
            let ms = find_fatalities(&text, scope);
            let (st, en) = clamp_scope(&text, scope);
            for m in &ms {
                prop_assert!(st <= m.span.start && m.span.end <= en);
                prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            }
            let _ = incident_total(&text, &ms, a % 2 == 0);
        }

        #[test]
        fn never_panics_on_deathy_text(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("killed"), Just("20"), Just("soldiers"), Just("were"), Just("and"),
                    Just("tués"), Just("morts"), Just("à"), Just("1,200"), Just("several"),
                    Just("no one"), Just("dead"), Just(","), Just("."), Just("é"), Just("bilan"),
                    Just("since 2012"), Just("the army said"), Just("wounded"), Just("a"),
                ],
                0..40,
            ),
            sig in any::<bool>(),
        ) {
            let text = words.join(" ");
            let ms = find_fatalities(&text, Span::new(0, text.len()));
            for m in &ms {
                prop_assert!(m.span.end <= text.len() && m.span.start <= m.span.end);
            }
            let _ = incident_total(&text, &ms, sig);
        }
    }
}

#[cfg(test)]
mod source_tests {
    use super::*;

    fn total(text: &str, significant: bool) -> (u32, FatalityBasis) {
        let m = find_fatalities(text, Span::new(0, text.len()));
        let (t, b, _) = incident_total(text, &m, significant);
        (t, b)
    }

    #[test]
    fn a_pronoun_death_retells_a_counted_victim() {
        // the pronoun points back at a victim the list already counts
        let t = "Three rebels, including their leader, and two soldiers were killed in the \
                 clash. His brother said he died a hero.";
        assert_eq!(total(t, false).0, 5);
        // alone, it is the death
        assert_eq!(
            total("Police said he was shot dead at his shop.", false).0,
            1
        );
        // a wounded victim who dies later adds (4.1.7)
        let t = "Gunmen shot dead two guards at the gate; a cook was wounded and she later \
                 died in hospital.";
        assert_eq!(total(t, false).0, 3);
    }

    #[test]
    fn bodies_after_a_clause_of_their_own_are_no_count() {
        let t = "Six soldiers were killed. The clinic serving 4,000 displaced families was \
                 unable to recover the bodies.";
        assert_eq!(total(t, false).0, 6);
        // a plain count of bodies still counts
        assert_eq!(
            total("Villagers found 7 bodies near the river.", false).0,
            7
        );
    }

    #[test]
    fn a_side_that_lost_members() {
        let t = "The clashes left seven soldiers dead, while the group lost five members.";
        assert_eq!(total(t, false).0, 12);
        let m = find_fatalities(t, Span::new(0, t.len()));
        assert!(m.iter().any(|m| m.rule == "FAT/EN/LOST_N"), "{m:#?}");
        // no victim noun, no figure
        let t = "The ruling party lost 12 seats; gunmen killed two people.";
        assert_eq!(total(t, false).0, 2);
        // a side's claim of its own losses is another report of counted dead
        let t = "Five militiamen and one soldier were killed. The militia claimed it lost three \
                 fighters.";
        assert_eq!(total(t, false).0, 6);
    }

    #[test]
    fn single_victims_with_manner_words() {
        for t in [
            "Musa Garba was brutally killed by bandits near the farm.",
            "Musa Garba was fatally shot by bandits near the farm.",
            "Bandits fatally stabbed a herder near the farm.",
            "Gunmen shoot commander of local militia dead",
            "Musa Garba was pronounced dead at the clinic.",
            "Bandits stormed the farm; she was declared dead on arrival.",
        ] {
            assert_eq!(total(t, false).0, 1, "{t}");
        }
        assert_eq!(
            total("Bandits fatally shot three herders near the farm.", false).0,
            3
        );
        // plural bare nouns are no single victim
        assert_eq!(total("Police shoot protesters dead", false).0, 0);
    }

    #[test]
    fn one_victim_in_quotes_or_named_by_role() {
        for t in [
            "Monitors documented the death of a \u{201C}collaborator\u{201D} of the police.",
            "Gunmen killed a shepherd near the well.",
            "Residents reported the killing of a refugee at the camp.",
        ] {
            assert_eq!(total(t, false).0, 1, "{t}");
        }
    }

    #[test]
    fn a_figure_before_a_long_apposition() {
        let t = "At least one member of the Rapid Reaction Unit, RRU, a special branch of the \
                 national gendarmerie, has died in the attack.";
        assert_eq!(total(t, false).0, 1);
    }

    #[test]
    fn and_n_others_after_a_described_victim() {
        for (t, n) in [
            (
                "Troops killed a leader of the armed wing, the Sky Brigade, and four others.",
                5,
            ),
            (
                "Troops killed a leader in the armed wing and four others in the forest.",
                5,
            ),
            (
                "Troops killed a leader in the armed wing, and four others were wounded.",
                1,
            ),
            (
                "Troops killed a leader in the armed wing and arrested four others.",
                1,
            ),
        ] {
            assert_eq!(total(t, false).0, n, "{t}");
        }
    }

    #[test]
    fn a_victim_retold_as_the_slain_or_when_killed() {
        for t in [
            "The farmer was with his son when killed by bandits near the well.",
            "Relatives buried the slain teacher on Sunday.",
            "The murdered delegate had been abducted a week earlier.",
        ] {
            assert_eq!(total(t, false).0, 1, "{t}");
        }
        // retold: the counted figure stands
        let t = "Bandits killed three farmers. The slain farmer's brother fled.";
        assert_eq!(total(t, false).0, 3);
        // plural: no single victim
        assert_eq!(
            total("The slain rebels were buried in the forest.", false).0,
            0
        );
    }

    #[test]
    fn an_adjective_before_the_death_noun() {
        let t = "The feud escalated, which caused the reported death of three herders.";
        assert_eq!(total(t, false).0, 3);
        let t = "Monitors documented the brutal killing of a shepherd near the well.";
        assert_eq!(total(t, false).0, 1);
        // still a motive
        let t = "Hundreds protested over the targeted killing of a teacher.";
        assert_eq!(total(t, false).0, 0);
    }

    #[test]
    fn more_single_victim_shapes_and_ranges() {
        for (t, n) in [
            ("Villagers caught a thief and beat him up to death.", 1),
            ("A guard shot and killed another guard at the gate.", 1),
            (
                "Soldiers arrested a man; he was tortured and killed in custody.",
                1,
            ),
            ("Gunmen killed between 12 to 20 people at the market.", 12),
            ("Two men shot to death a trader near the well.", 1),
            ("The chief was abducted and his driver found dead.", 1),
            (
                "Gunmen fired on two traders. One of the victims died on the spot.",
                1,
            ),
            // a link to a death told elsewhere is no count
            (
                "The abduction is related to the killing of another trader.",
                0,
            ),
        ] {
            assert_eq!(total(t, false).0, n, "{t}");
        }
    }

    #[test]
    fn a_rank_abbreviation_ends_no_sentence() {
        let t = "Militants shot dead Cpl. Musa Garba and two other soldiers in the ambush.";
        assert_eq!(total(t, false).0, 3);
        let t = "Gunmen killed Insp. Ali Bello at a checkpoint outside the market.";
        assert_eq!(total(t, false).0, 1);
    }

    #[test]
    fn a_source_after_a_list_is_not_a_victim() {
        let t = "A truck struck a landmine on Wednesday, killing five passengers, a local official said.";
        let m = find_fatalities(t, Span::new(0, t.len()));
        let (n, _, _) = incident_total(t, &m, false);
        assert_eq!(n, 5, "{m:#?}");
    }
}

#[cfg(test)]
mod over_count_tests {
    use super::*;

    fn total(t: &str) -> u32 {
        let m = find_fatalities(t, Span::new(0, t.len()));
        incident_total(t, &m, false).0
    }

    #[test]
    fn a_list_item_with_its_own_verb_is_not_a_victim() {
        // the item's noun runs on for a few words before its own (non-lethal) verb
        assert_eq!(
            total("The raid led to the death of three gunmen, and four other members of the gang were detained."),
            3
        );
        assert_eq!(
            total("Police killed two robbers and six accomplices of the pair were arrested later."),
            2
        );
        // a plain list still counts every item
        assert_eq!(
            total("The blast killed two soldiers and four other people in the market."),
            6
        );
    }

    #[test]
    fn the_source_after_according_to_is_not_a_victim() {
        assert_eq!(
            total("According to a local farmer, more than a dozen soldiers were killed in the clashes."),
            12
        );
        assert_eq!(
            total("According to two witnesses, three policemen were killed at the checkpoint."),
            3
        );
    }

    #[test]
    fn the_first_figure_of_an_incident_is_not_an_addition() {
        // "also" ties the incident to another one told before it, not to a figure of its own
        let t = "Gunmen also shot dead four herders near the river. It was learnt that four of the six herders were shot dead near the river.";
        assert_eq!(total(t), 4);
        // after a figure, "also" adds
        let t = "Gunmen shot dead four herders near the river. Two soldiers were also killed.";
        assert_eq!(total(t), 6);
    }

    #[test]
    fn the_same_named_group_and_number_retold_with_also_is_not_added() {
        // the lede's list, then a quote that retells it with "also"
        let t = "Twelve militants and four members of a self-defence militia were killed in the raid. \"The volunteers killed 12 attackers. Four militiamen also lost their lives.\"";
        assert_eq!(total(t), 16);
        // another number for the group is more dead
        let t = "Twelve militants and four militiamen were killed in the raid. Two militiamen were also killed later that night.";
        assert_eq!(total(t), 18);
        assert_eq!(member_modifier("five vdp"), Some(Group::Named("militia")));
    }

    #[test]
    fn bodies_equal_to_the_attackers_do_not_hide_the_listed_defenders() {
        // "three bodies" are the three attackers again; the two militiamen listed with them
        // are more dead
        let t = "Three militants and two militiamen were killed in the clash. The attackers fled, leaving three bodies behind.";
        assert_eq!(total(t), 5);
        // a larger generic figure is the whole toll and covers both
        let t = "The fighting killed 40 combatants. Officials said 10 soldiers and 30 rebels were killed.";
        assert_eq!(total(t), 40);
    }

    #[test]
    fn the_rest_of_a_counted_set_dying_later_is_not_added() {
        let t = "Six people were shot dead at a bar. Two died at the scene while the other four later died in hospital.";
        assert_eq!(total(t), 6);
        // with no earlier count, the later deaths add up
        let t = "Two guards died at the scene while the other three later died in hospital.";
        assert_eq!(total(t), 5);
    }

    #[test]
    fn a_toll_told_after_the_also_deaths_covers_them() {
        let t = "Two soldiers were killed in the ambush. Three civilians were also killed in the ambush. The overall death toll stood at five.";
        assert_eq!(total(t), 5);
        // an addition after the toll still adds
        let t = "The death toll stood at five. Three attackers were also killed.";
        assert_eq!(total(t), 8);
    }

    #[test]
    fn a_tally_clause_after_the_figure_is_not_the_figure() {
        // the tally's "number of soldiers killed" is no count, and its "this year" does not
        // make the incident's own figure cumulative
        for t in [
            "Two soldiers were killed in an ambush near the town on Monday, bringing the total number of soldiers killed in the state to 45.",
            "Two soldiers were killed in an ambush near the town on Monday, bringing the number of soldiers killed in the state this year to 45.",
        ] {
            assert_eq!(total(t), 2, "{t}");
        }
    }

    #[test]
    fn a_possessive_before_the_singular_death_noun() {
        assert_eq!(
            total("The fighting ended in at least 30 rebels' death."),
            30
        );
        assert_eq!(total("The clash caused 7 soldiers’ death on the hill."), 7);
        // the singular noun alone is no count
        assert_eq!(
            total("A judge sentenced 3 rebels to death for the raid."),
            0
        );
    }

    #[test]
    fn a_vague_figure_from_both_sides() {
        assert_eq!(
            total("Dozens from both sides were killed in the battle."),
            12
        );
        assert_eq!(
            total("Several on each side have been killed since Monday."),
            3
        );
    }

    #[test]
    fn both_of_the_is_a_pair() {
        assert_eq!(
            total("A shell hit a bus and both of the drivers were killed."),
            2
        );
        assert_eq!(
            total("Gunmen stopped a car and killed both of the passengers."),
            2
        );
        assert_eq!(
            total("They stopped two farmers, killing both, police said."),
            2
        );
        // "both" alone stays no figure ("both sides", "both soldiers and civilians")
        assert_eq!(
            total("Fighting raged and both sides reported heavy losses."),
            0
        );
    }

    #[test]
    fn a_motive_word_with_its_noun_before_the_figure() {
        let t = "The raid was a reprisal attack for the killing of two traders.";
        assert_eq!(total(t), 0);
        let t = "Villagers staged a protest march over the killing of two traders.";
        assert_eq!(total(t), 0);
    }

    #[test]
    fn an_accident_told_as_what_came_before_is_no_toll() {
        let t = "Youths blocked the road after a speeding truck killed two pupils.";
        assert_eq!(total(t), 0);
        // a weapon is no accident
        let t = "Troops sealed off the town after a car bomb killed ten soldiers.";
        assert_eq!(total(t), 10);
    }

    #[test]
    fn a_death_told_with_its_own_fight_after_following() {
        let t = "The group was weakened following the death of a commander during a gunfight with troops.";
        assert_eq!(total(t), 1);
        let t = "Traders closed their shops following the death of a driver at a checkpoint.";
        assert_eq!(total(t), 0);
    }

    #[test]
    fn a_victim_named_by_a_name_alone() {
        let t = "Police are investigating the murder of Ana Ruiz, a shopkeeper, in the market.";
        assert_eq!(total(t), 1);
        let m = find_fatalities(t, Span::new(0, t.len()));
        assert_eq!(&t[m[0].span.start..m[0].span.end], "the murder of Ana Ruiz");
        // a people's name, a body's name, a possessive: no named victim
        assert_eq!(
            total("Elders condemned the killing of Malians in the region."),
            0
        );
        assert_eq!(
            total("The army announced the killing of Boko Haram fighters."),
            0
        );
        assert_eq!(
            total("They spoke of the killing of Government Forces troops."),
            0
        );
        assert_eq!(total("Nobody expected the death of Mali's president."), 0);
        assert_eq!(
            total("Youths marched to commemorate the death of Ana Ruiz."),
            0
        );
        assert_eq!(total("He was questioned over the death of the."), 0);
    }

    #[test]
    fn victims_then_who_were_killed() {
        assert_eq!(
            total("Police later found two young men who were killed by gunfire."),
            2
        );
        assert_eq!(
            total("Police later found three herders that were shot dead."),
            3
        );
        // the kin of a dead person, or a long gap, keep the link broken
        let t = "Mourners were led by the family of a man who was killed by soldiers.";
        assert_eq!(total(t), 0);
        let t = "A crowd led by the uncle of a boy who was killed blocked the road.";
        assert_eq!(total(t), 0);
    }

    #[test]
    fn an_assassination_targeting_one_victim() {
        let t = "Masked men carried out an assassination targeting a member of the town council.";
        assert_eq!(total(t), 1);
        // an attempt is no death; a plural without a name is no single victim
        let t = "Masked men made an assassination attempt targeting a judge.";
        assert_eq!(total(t), 0);
        let t = "Masked men carried out an assassination targeting officials.";
        assert_eq!(total(t), 0);
    }

    #[test]
    fn an_inverted_also_killed_adds_victims() {
        let t =
            "Bandits killed two herders near the well. Also killed in the raid were three traders.";
        assert_eq!(total(t), 5);
        let t = "A soldier died in the ambush. Also killed during the ambush was his driver.";
        assert_eq!(total(t), 2);
    }

    #[test]
    fn members_of_the_state_forces_are_soldiers() {
        // "members of the security forces" and "soldiers" in another sentence: one group,
        // the counted figure wins over the vague "killed and wounded"
        let t = "The monitor documented the death of five members of the security forces in the ambush. Earlier, local sources said 14 soldiers were killed and wounded in the ambush.";
        assert_eq!(total(t), 5);
        assert_eq!(state_body(&["army"]), Some(Group::Named("soldier")));
        assert_eq!(
            state_body(&["regime", "forces"]),
            Some(Group::Named("soldier"))
        );
        assert_eq!(state_body(&["rebel", "forces"]), None);
    }
}
