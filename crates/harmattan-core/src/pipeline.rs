//! The engine: loads the data once, then runs every stage on each document:
//! clean → sentences → dictionary match (lexicon, countries, actors) → dates → incidents →
//! per incident: place, actors, fatalities, classification → events.

use chrono::NaiveDate;

use crate::actors::{Actor, ActorDict, ActorKind, ActorMention};
use crate::classify::{classify, Signals, TRIGGERS};
use crate::codebook::{interaction, EventType, SubEvent};
use crate::countries::{Countries, CountryMentionKind};
use crate::dates::{find_dates, DateMention};
use crate::fatalities::{find_fatalities_folded, incident_total, FatalityKind};
use crate::geo::{geocode, Gazetteer, Geo, GeoContext, ImportReport};
use crate::lexicon::{Cat, Cue, Lexicon};
use crate::text::Folded;
use crate::types::{Diagnostic, Document, Event, Evidence, Extraction, Severity, Span};
use crate::{clean, sentences, DataError};

/// The data files the engine is built from, as strings (the caller decides where they live).
#[derive(Debug, Clone, Copy)]
pub struct EngineData<'a> {
    /// `data/dictionaries/countries.tsv`.
    pub countries: &'a str,
    /// `data/dictionaries/state_forces.tsv`.
    pub state_forces: &'a str,
    /// `data/dictionaries/actors.tsv`.
    pub actors: &'a str,
    /// `data/dictionaries/lexicon.tsv` (event triggers, weapons, victims, cues).
    pub lexicon: &'a str,
    /// `data/gazetteer/places.tsv`.
    pub places: &'a str,
}

impl EngineData<'static> {
    /// The data shipped with harmattan, embedded at compile time.
    pub fn builtin() -> Self {
        EngineData {
            countries: include_str!("../../../data/dictionaries/countries.tsv"),
            state_forces: include_str!("../../../data/dictionaries/state_forces.tsv"),
            actors: include_str!("../../../data/dictionaries/actors.tsv"),
            lexicon: include_str!("../../../data/dictionaries/lexicon.tsv"),
            places: include_str!("../../../data/gazetteer/places.tsv"),
        }
    }
}

/// The extraction engine. Build once, share across threads, call [`Engine::extract`].
#[derive(Debug, Clone)]
pub struct Engine {
    countries: Countries,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    actors: ActorDict,
    /// Country of the user's imported gazetteers: a weak prior for texts that name none.
    user_country: Option<usize>,
}

/// One sentence with what was found in it (index ranges into the document-wide lists).
#[derive(Debug, Clone)]
struct Sent {
    span: Span,
    cues: std::ops::Range<usize>,
    actors: std::ops::Range<usize>,
    dates: std::ops::Range<usize>,
    trigger: bool,
    background: bool,
    hypothetical: bool,
    anaphora: bool,
    /// The clause opens on a discourse cue that moves to another incident: 2 for "In a
    /// separate attack, ...", "Elsewhere, ..."; 1 for the weaker "Meanwhile, ...", "On the
    /// other hand, ..." (often the same story seen from the other side); 0 for none.
    shift: u8,
    headline: bool,
}

impl Sent {
    /// Whether the clause opens on a cue of another incident, strong or weak.
    fn shift_any(&self) -> bool {
        self.shift > 0
    }
}

/// Country weight of the text's corroborated places (see `Engine::place_signals`).
const PLACE_SIGNAL: f32 = 0.5;

/// A group of sentences reporting one incident.
#[derive(Debug, Clone, Default)]
struct Incident {
    sents: Vec<usize>,
    seeds: Vec<usize>,
    date: Option<usize>,
    geo: Option<Geo>,
}

/// An actor with the span that names it.
type Placed = (Actor, Span);

/// Everything found in one document, shared by the incident builders.
struct Doc<'a> {
    text: &'a str,
    published: NaiveDate,
    cues: Vec<Cue>,
    actors: Vec<ActorMention>,
    dates: Vec<DateMention>,
    sents: Vec<Sent>,
    ctx: GeoContext,
    folded: Folded,
    country_spans: Vec<Span>,
}

/// A short report in English and French run once at load (see [`Engine::new`]).
const WARM_UP: &str =
    "Gunmen killed two soldiers and wounded three civilians in Mopti on Saturday, \
the army said, while protesters rioted in Bamako on 1 June 2024. Des hommes armés ont tué \
quatre villageois près de Djibo le 2 juin; une frappe aérienne a fait 10 morts. Militants \
killed the village chief and his two sons, a trader and three herders near Gao last week.";

impl Engine {
    /// Build the engine from its data.
    pub fn new(data: &EngineData) -> Result<Self, DataError> {
        let countries = Countries::parse(data.countries)?;
        let gazetteer = Gazetteer::from_builtin(data.places, &countries)?;
        let lexicon = Lexicon::parse(data.lexicon)?;
        let actors = ActorDict::parse(data.actors, data.state_forces, &countries)?;
        let engine = Engine {
            countries,
            gazetteer,
            lexicon,
            actors,
            user_country: None,
        };
        // the patterns compile on first use: do it now, at load, so that the first document
        // costs what every other one does
        let _ = engine.extract(&Document {
            id: String::new(),
            title: None,
            text: WARM_UP.to_string(),
            published: NaiveDate::from_ymd_opt(2024, 6, 3),
            source: None,
            url: None,
        });
        Ok(engine)
    }

    /// Add places from a user gazetteer (GeoNames dump or CSV with a header row).
    pub fn add_gazetteer(&mut self, text: &str) -> ImportReport {
        self.add_gazetteer_with(text, &crate::geo::ImportOptions::default())
    }

    /// [`Engine::add_gazetteer`] with an explicit format and CSV column mapping.
    pub fn add_gazetteer_with(
        &mut self,
        text: &str,
        opts: &crate::geo::ImportOptions,
    ) -> ImportReport {
        let r = self.gazetteer.add_user_with(text, &self.countries, opts);
        self.user_country = self
            .gazetteer
            .user_country()
            .and_then(|cc| self.countries.by_iso2(&cc));
        r
    }

    /// The country table.
    pub fn countries(&self) -> &Countries {
        &self.countries
    }

    /// The gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Extract the events of one document. Events come highest confidence first.
    pub fn extract(&self, doc: &Document) -> Extraction {
        let mut ex = Extraction::default();
        let text = doc.text.as_str();
        if text.trim().is_empty() {
            return ex;
        }
        let Some(published) = doc.published.or_else(|| latest_absolute_date(text)) else {
            ex.diagnostics.push(diag(
                Severity::Warning,
                "no-publication-date",
                "no publication date and no absolute date in the text: relative dates cannot be resolved".into(),
                None,
            ));
            return ex;
        };
        let d = self.analyse(text, published);
        let incidents = self.incidents(&d, &mut ex.diagnostics);
        let mut events: Vec<Event> = Vec::new();
        let mut incidents = incidents;
        // an incident that names no place happened where the previous one did ("his captors
        // executed him near the town"): the article's place carries over
        for k in 1..incidents.len() {
            if incidents[k].geo.is_none() {
                let first = d.sents[incidents[k].sents[0]].span.start;
                let last = d.sents[incidents[k].sents[incidents[k].sents.len() - 1]]
                    .span
                    .end;
                // geocoded once here; build_event would try the same stretch next
                incidents[k].geo = self
                    .geocode_span(&d, Span::new(first, last))
                    .or_else(|| incidents[k - 1].geo.clone());
            }
        }
        let mut carry: Option<Placed> = None;
        for (n, inc) in incidents.iter().enumerate() {
            if let Some((mut ev, named)) =
                self.build_event(&d, inc, n, carry.as_ref(), &mut ex.diagnostics)
            {
                carry = named;
                ev.document_id = doc.id.clone();
                if let Some(src) = &doc.source {
                    ev.source = src.clone();
                }
                // the same incident told again further down ("yesterday morning in Jojutla"
                // ... "last Saturday in Jojutla"): same day, place and type make one event
                // (codebook 2.4); the larger toll stands, its evidence with it
                let same = events.iter_mut().find(|e| {
                    e.event_date == ev.event_date
                        && e.event_type == ev.event_type
                        && e.location == ev.location
                        && e.country == ev.country
                        && !e.location.is_empty()
                });
                match same {
                    Some(e) => {
                        if ev.fatalities > e.fatalities {
                            e.fatalities = ev.fatalities;
                            e.fatality_basis = ev.fatality_basis;
                            e.evidence.retain(|x| x.field != "fatalities");
                            e.evidence.extend(
                                ev.evidence.into_iter().filter(|x| x.field == "fatalities"),
                            );
                        }
                    }
                    None => events.push(ev),
                }
            }
        }
        events.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
        // only the country known: not an event, queued for review (codebook 4.2)
        let (coded, review): (Vec<Event>, Vec<Event>) =
            events.into_iter().partition(|e| !e.location.is_empty());
        for r in &review {
            ex.diagnostics.push(diag(
                Severity::Warning,
                "review-no-place",
                format!(
                    "not coded, queued for review (only the country is known): {}",
                    r.notes
                ),
                None,
            ));
        }
        ex.events = coded;
        ex.review = review;
        ex
    }

    fn analyse<'a>(&self, text: &'a str, published: NaiveDate) -> Doc<'a> {
        let folded = Folded::new(text);
        let boiler = clean::boilerplate(text);
        let headline = clean::headline(text);
        let mut cms = self.countries.find(&folded);
        // `Athens (Georgia)`: a country's name in a parenthesis after a place that a
        // first-level unit of that name holds in another country is that unit
        cms.retain(|cm| {
            cm.kind != CountryMentionKind::Name
                || !parenthesised_unit(text, cm.span).is_some_and(|place| {
                    self.gazetteer.unit_of_place_abroad(
                        text.get(cm.span.start..cm.span.end).unwrap_or(""),
                        &self.countries.get(cm.country).iso2,
                        place,
                    )
                })
        });
        let actors = self.actors.find(text, &folded, &cms);
        let all_dates = crate::dates::find_dates_folded(text, &folded, published);
        // "18 May 2022": the month is not the modal verb
        let mut cues = self.lexicon.find(&folded);
        cues.retain(|c| {
            c.cat != Cat::Hypothetical || !all_dates.iter().any(|m| m.span.contains(c.span))
        });
        // "a flash mob protest" is a protest, not a mob
        let protest_spans: Vec<Span> = cues
            .iter()
            .filter(|c| c.cat == Cat::ProtestWeak || c.cat == Cat::Protest)
            .map(|c| c.span)
            .collect();
        cues.retain(|c| c.cat != Cat::Mob || !protest_spans.iter().any(|p| p.contains(c.span)));
        crate::lexicon::refine(&folded, &mut cues);
        // "since early January 2019" starts the period of a running tally: not an event date
        let (since, dates): (Vec<DateMention>, Vec<DateMention>) = all_dates
            .into_iter()
            .filter(|m| m.date <= published)
            .partition(|m| {
                let (since, as_of) = period_start(&folded, m.span);
                as_of || ((published - m.date).num_days() > 14 && since)
            });
        let since: Vec<Span> = since.iter().map(|m| m.span).collect();
        // country context: names count more than adjectives; named groups' home countries a little
        let mut weights: Vec<(usize, f32)> = Vec::new();
        let mut bump = |c: usize, w: f32| match weights.iter_mut().find(|(i, _)| *i == c) {
            Some(e) => e.1 += w,
            None => weights.push((c, w)),
        };
        for cm in &cms {
            // "French forces" says who fought, not where: adjectives inside an actor mention
            // count little; country names count most
            let in_actor = actors.iter().any(|a| a.span.contains(cm.span))
                || topic(&folded, cm.span)
                || (cm.kind != CountryMentionKind::Name && foreign_agent(&folded, cm.span))
                || sponsor_name(&folded, cm.span)
                || blamed(&folded, cm.span);
            // "speaking French", "a French accent": a language, not a place
            if cm.kind != CountryMentionKind::Name && language_use(&folded, cm.span) {
                continue;
            }
            // "pro-Russia demonstrators", "anti-French protests": a stance, not a place
            if stance(&folded, cm.span) {
                continue;
            }
            let w = match (cm.kind, in_actor) {
                // "fighting in Syria", "across Nigeria": where things happen
                (CountryMentionKind::Name, false) if located_in(&folded, cm.span) => 1.5,
                (CountryMentionKind::Name, false) => 1.0,
                (CountryMentionKind::Name, true) => 0.3,
                (_, false) => 0.4,
                (_, true) => 0.1,
            };
            bump(cm.country, w);
        }
        if let Some(c) = self.user_country {
            bump(c, 0.8);
        }
        // a national institution (`the Bundestag`, `Guardia Civil`, `KCTU`): weakly, like
        // a named group
        let mut inst: Vec<usize> = self
            .countries
            .find_institutions(&folded)
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        inst.sort_unstable();
        inst.dedup();
        for c in inst {
            bump(c, 0.3);
        }
        for am in &actors {
            if let Some(e) = am.entry.map(|i| self.actors.entry(i)) {
                // a named group, and a state force named by a country-specific word
                // (`Houthi forces`, `FAMa`): that country, weakly (forces fight abroad too)
                if let Some(c) = e.country {
                    if matches!(e.kind, ActorKind::Named | ActorKind::State) {
                        bump(c, 0.3);
                    }
                }
            }
        }
        let mut exclude: Vec<Span> = actors
            .iter()
            .filter(|a| {
                matches!(
                    a.kind,
                    ActorKind::Named | ActorKind::Militia | ActorKind::State
                )
            })
            .map(|a| a.span)
            .collect();
        // "protest against the war in Ukraine": a country that is the topic, not the place
        exclude.extend(
            cms.iter()
                .filter(|c| topic(&folded, c.span))
                .map(|c| c.span),
        );
        // victim words are not places, but a capitalised word inside a sentence is a name the
        // word merely starts ("Bergerac" is not "berger*")
        exclude.extend(
            cues.iter()
                .filter(|c| matches!(c.cat, Cat::CivVictim | Cat::ArmedTarget))
                .filter(|c| !proper_name_inside(text, c.span))
                .map(|c| c.span),
        );
        let mut ctx = GeoContext {
            countries: weights,
            exclude,
            placed: Vec::new(),
            country_mentions: Some(cms.clone()),
        };
        self.place_signals(text, &folded, &mut ctx);
        let mut sents = Vec::new();
        let (mut ci, mut ai, mut di) = (0, 0, 0);
        let mut prev_background = false;
        // per clause: every date it gives is over a year before publication; it gives a date
        let mut history: Vec<bool> = Vec::new();
        let mut dated: Vec<bool> = Vec::new();
        for sp in sentences::split(text) {
            if boiler
                .iter()
                .any(|b| b.span.contains(sp) || sp.contains(b.span))
            {
                continue;
            }
            // "BAMAKO, June 18 (Reuters) - ..." names where the story was filed, not the event
            let sp = Span::new(sp.start + dateline_len(&text[sp.start..sp.end]), sp.end);
            for sp in clauses(text, sp) {
                let cues_r = range_in(&cues, &mut ci, sp, |c| c.span);
                let actors_r = range_in(&actors, &mut ai, sp, |a| a.span);
                let dates_r = range_in(&dates, &mut di, sp, |d| d.span);
                let sc = &cues[cues_r.clone()];
                let has = |c: Cat| sc.iter().any(|x| x.cat == c);
                let trigger = sc.iter().any(|c| TRIGGERS.contains(&c.cat));
                let has_date = !dates_r.is_empty();
                let past_year = mentions_other_year(&text[sp.start..sp.end], published);
                // a past year ("the 2015 attack", "In 2023, ...") makes the sentence background
                // unless it gives a full date; natural disasters and accidents are not events
                let absolute_date = d_has_absolute(&dates[dates_r.clone()]);
                let armed_here = actors[actors_r.clone()].iter().any(|a| {
                    matches!(
                        a.kind,
                        ActorKind::Named | ActorKind::Unidentified | ActorKind::Militia
                    )
                });
                let tally = since.iter().any(|m| sp.contains(*m))
                    && !crate::fatalities::is_superlative(
                        &folded.s[folded.folded_offset(sp.start)..folded.folded_offset(sp.end)],
                    );
                // "since the beginning of the chaos in early June 2019, SOHR documented ..."
                let old_dates = has_date
                    && dates[dates_r.clone()]
                        .iter()
                        .all(|m| (published - m.date).num_days() > 60);
                // "These attacks claimed the lives of 841 persons" goes on with the tally
                // (and, with no date of its own, "Also, four more were killed")
                let continues_tally = prev_background && {
                    let f = &folded.s[folded.folded_offset(sp.start)..];
                    [
                        "these ",
                        "those ",
                        "all were ",
                        "all of them ",
                        "all of these ",
                        "among them ",
                        "among those ",
                        "among the total ",
                        "among these ",
                    ]
                    .iter()
                    .any(|w| f.starts_with(w))
                        // a share of the tally: "Four of them were killed", "Most of those ..."
                        || f.split_once(' ').is_some_and(|(w, rest)| {
                            w.len() <= 12
                                && ["of them ", "of these ", "of those ", "of whom "]
                                    .iter()
                                    .any(|o| rest.starts_with(o))
                        })
                        || (!has_date
                            && ["also, ", "in addition, ", "additionally, ", "while "]
                                .iter()
                                .any(|w| f.starts_with(w)))
                };
                // "... were assassinated in the same areas": a figure over the span of the
                // tally told before it
                let same_scope = !has_date && {
                    let f = &folded.s[folded.folded_offset(sp.start)..folded.folded_offset(sp.end)];
                    same_scope_phrase(f)
                };
                // people demonstrating about a flood or a road accident: the flood is the
                // topic, the demonstration the incident ("residents blocked the road to
                // demand help after the floods", "staged a protest after a crash")
                let demonstration = has(Cat::Protest)
                    || has(Cat::Barricade)
                    || (has(Cat::ProtestWeak) && has(Cat::Crowd));
                // "said on Saturday that authorities had executed nine men convicted of the
                // 2018 killing": the past year comes after the sentence's own event, which has
                // a recent day
                let first_trig = sc
                    .iter()
                    .find(|c| TRIGGERS.contains(&c.cat))
                    .map(|c| c.span.start);
                let past_year = past_year
                    && !(!tally
                        && !has(Cat::Background)
                        && !demonstration
                        && !has(Cat::ProtestWeak)
                        && !has(Cat::Strike)
                        && first_trig
                            .is_some_and(|t| !mentions_other_year(&text[sp.start..t], published))
                        && dates[dates_r.clone()]
                            .iter()
                            .any(|m| m.precision == 1 && (published - m.date).num_days() <= 7));
                let background = (has(Cat::Background) && (!has_date || old_dates))
                    || comes_after_other(
                        &folded.s[folded.folded_offset(sp.start)..folded.folded_offset(sp.end)],
                    )
                    || continues_tally
                    || same_scope
                    || (tally && !has_date)
                    || (past_year && !absolute_date)
                    || (has(Cat::Natural) && !armed_here && !demonstration);
                let first_trigger = sc
                    .iter()
                    .find(|c| TRIGGERS.contains(&c.cat))
                    .map(|c| c.span.start);
                let hypothetical = sc.iter().any(|c| {
                    c.cat == Cat::Hypothetical && first_trigger.is_some_and(|t| c.span.start < t)
                }) && !has_date;
                prev_background = background;
                history.push(
                    has_date
                        && dates[dates_r.clone()]
                            .iter()
                            .all(|m| (published - m.date).num_days() > 365),
                );
                dated.push(has_date);
                sents.push(Sent {
                    span: sp,
                    cues: cues_r,
                    actors: actors_r,
                    dates: dates_r,
                    trigger,
                    background,
                    hypothetical,
                    anaphora: has(Cat::Anaphora),
                    shift: opens_other_incident(
                        &folded.s[folded.folded_offset(sp.start)..folded.folded_offset(sp.end)],
                    ),
                    headline: headline.is_some_and(|h| h.contains(sp)),
                });
            }
        }
        // a report of recent news that retells an incident of over a year ago ("On 17
        // February 2009, gunmen attacked ..."): history, not an event of this report; a
        // report with no recent incident keeps its old ones (an archive text). The recent
        // incident must be dated: an undated one (a headline, "the attackers opened fire")
        // may be the old one told again, as when a report is read a year later with no
        // publication date given.
        let recent = sents
            .iter()
            .zip(history.iter().zip(&dated))
            .any(|(s, (&h, &has_date))| {
                s.trigger && !s.background && !s.hypothetical && has_date && !h
            });
        if recent {
            for (s, &h) in sents.iter_mut().zip(&history) {
                if h {
                    s.background = true;
                }
            }
        }
        Doc {
            text,
            published,
            cues,
            actors,
            dates,
            sents,
            ctx,
            folded,
            country_spans: cms.iter().map(|c| c.span).collect(),
        }
    }

    /// The geocoder's workings on `text` exactly as extraction sees it (the same country
    /// weights and the same actor and victim spans kept out of place names): every candidate
    /// scored, best first, and the choice.
    pub fn explain_place(
        &self,
        text: &str,
        published: NaiveDate,
    ) -> (Vec<crate::geo::Candidate>, Option<Geo>) {
        let d = self.analyse(text, published);
        crate::geo::explain(
            &self.gazetteer,
            &self.countries,
            d.text,
            &d.folded,
            Span::new(0, text.len()),
            &d.ctx,
        )
    }

    /// Countries the text's own places point to: an admin unit named as such (`Kwara
    /// state`) or a place that another name of the text places (`Bali, North West Region`)
    /// in one country only. Such a country weighs like a named one, so that a lone homonym
    /// abroad (`Asa` in Sweden, `Bali` in India) gives way to it elsewhere in the text.
    fn place_signals(&self, text: &str, folded: &Folded, ctx: &mut GeoContext) {
        let readings = crate::geo::corroborated_countries(
            &self.gazetteer,
            &self.countries,
            text,
            folded,
            Span::new(0, text.len()),
            ctx,
        );
        // per name in the text: the countries of its corroborated readings
        let mut per_span: Vec<(Span, Vec<usize>)> = Vec::new();
        for &(sp, ci) in &readings {
            match per_span.iter_mut().find(|(s, _)| *s == sp) {
                Some((_, cis)) => {
                    if !cis.contains(&ci) {
                        cis.push(ci);
                    }
                }
                None => per_span.push((sp, vec![ci])),
            }
        }
        let mut add: Vec<usize> = Vec::new();
        for (_, cis) in &per_span {
            if let [ci] = cis.as_slice() {
                if !add.contains(ci) {
                    add.push(*ci);
                }
            }
        }
        for ci in add {
            ctx.placed.push(ci);
            match ctx.countries.iter_mut().find(|(c, _)| *c == ci) {
                Some(e) => e.1 += PLACE_SIGNAL,
                None => ctx.countries.push((ci, PLACE_SIGNAL)),
            }
        }
    }

    fn geocode_span(&self, d: &Doc, scope: Span) -> Option<Geo> {
        geocode(
            &self.gazetteer,
            &self.countries,
            d.text,
            &d.folded,
            scope,
            &d.ctx,
        )
    }

    fn incidents(&self, d: &Doc, diags: &mut Vec<Diagnostic>) -> Vec<Incident> {
        let mut out: Vec<Incident> = Vec::new();
        let mut cur: Option<Incident> = None;
        let mut lead: Option<usize> = None;
        for (i, s) in d.sents.iter().enumerate() {
            if s.background {
                diags.push(diag(
                    Severity::Info,
                    "background-skipped",
                    "sentence reads as background (cumulative, past-year or trend), not an incident".into(),
                    Some(s.span),
                ));
                continue;
            }
            if !s.trigger || s.hypothetical {
                match cur.as_mut() {
                    Some(c) => {
                        c.sents.push(i);
                        // "The incident was said to have happened at around 7 pm on
                        // Wednesday": the undated incident's own day, before a later trigger
                        // with another date ("stormed the residence in February") joins it
                        if c.date.is_none() && !s.hypothetical {
                            // (not "a tense calm since yesterday evening": a period's start)
                            c.date = event_date_in(d, s.dates.clone()).filter(|&k| {
                                let m = &d.dates[k];
                                !reporting_date(d, k)
                                    && !period_start(&d.folded, m.span).0
                                    && m.precision < 3
                                    && (d.published - m.date).num_days() <= 31
                            });
                        }
                    }
                    // "The crimes were perpetrated between 01:30 and 02:00 this Tuesday." opens
                    // the story: its day is the first incident's if that one tells none
                    // (the opening sentence of the first paragraphs only, and a day, not "the
                    // weekend" of a comment)
                    None if out.is_empty()
                        && !s.hypothetical
                        && lead.is_none()
                        && i < 3
                        && (d.text[..s.span.start]
                            .trim_end_matches([' ', '\t'])
                            .ends_with('\n')
                            || d.text[..s.span.start].trim().is_empty()) =>
                    {
                        lead = event_date_in(d, s.dates.clone()).filter(|&k| {
                            let m = &d.dates[k];
                            !reporting_date(d, k)
                                && !period_start(&d.folded, m.span).0
                                && m.precision == 1
                                && (d.published - m.date).num_days() <= 31
                        });
                    }
                    None => {}
                }
                continue;
            }
            let date = event_date_in(d, s.dates.clone());
            // a toll told on an earlier month-wide date that cannot hold the current
            // incident's day ("... on Sunday" then "in early January, when about 100 people
            // were killed"): a past incident recalled as background, not more dead of this one
            // (a week-wide date is often the start of an operation still going on: "the
            // operation launched last week")
            if let (Some(a), Some(b)) = (cur.as_ref().and_then(|c| c.date), date) {
                let (a, b) = (&d.dates[a], &d.dates[b]);
                if a.precision == 1
                    && b.precision == 3
                    && (a.date - b.date).num_days() > 16
                    && has_toll(d, s.span)
                {
                    diags.push(diag(
                        Severity::Info,
                        "background-skipped",
                        "a toll on an earlier month, recalled while telling a later incident"
                            .into(),
                        Some(s.span),
                    ));
                    continue;
                }
            }
            // the report goes back to an earlier incident of the text ("On Tuesday, A ...
            // Similarly on Wednesday, B ... At A on Tuesday evening, three of the five were
            // killed"): a sentence on the day of an incident told before, not on the day of
            // the current one, joins that one
            let geo = self.geocode_span(d, s.span);
            // "two civilians were hospitalized in B", "taken to the B hospital": where the
            // wounded were treated, not where the incident happened; only a place named before
            // it places the sentence (the care place stands in only for the first incident,
            // which has no other: "died at a nearby hospital in B")
            let geo = match geo {
                Some(g)
                    if care_place(d.text, s.span, g.span) || home_place(d.text, s.span, g.span) =>
                {
                    (g.span.start > s.span.start)
                        .then(|| self.geocode_span(d, Span::new(s.span.start, g.span.start)))
                        .flatten()
                        .or_else(|| (cur.is_none() && out.is_empty()).then_some(g))
                }
                g => g,
            };
            let day = |k: usize| (d.dates[k].precision == 1).then_some(d.dates[k].date);
            if let (Some(c), Some(here)) = (cur.as_ref(), date.and_then(day)) {
                let other_day = c.date.and_then(day).is_some_and(|cd| cd != here);
                if other_day && !s.shift_any() {
                    // ... and names no place, or the place of that incident
                    if let Some(back) = out.iter_mut().rev().find(|o| {
                        o.date.and_then(day) == Some(here)
                            && geo.as_ref().is_none_or(|g| {
                                o.geo.as_ref().is_some_and(|h| h.location == g.location)
                            })
                    }) {
                        back.sents.push(i);
                        back.seeds.push(i);
                        continue;
                    }
                }
            }
            match cur.as_mut() {
                Some(c) if !self.conflicts(d, c, date, geo.as_ref(), s) => {
                    // the report proper (a dated sentence after an undated lead or headline)
                    // names the place better than the summary line does
                    let upgrade = (c.date.is_none() && date.is_some())
                        || c.seeds.iter().all(|&k| d.sents[k].headline);
                    c.sents.push(i);
                    c.seeds.push(i);
                    // "the army said on Wednesday" ... "on Tuesday afternoon, warplanes struck"
                    let closer = match (c.date, date) {
                        (Some(a), Some(b)) if reporting_date(d, a) && !reporting_date(d, b) => {
                            let days = (d.dates[a].date - d.dates[b].date).num_days();
                            d.dates[b].precision == 1 && (0..=7).contains(&days)
                        }
                        _ => false,
                    };
                    if c.date.is_none() || closer {
                        c.date = date;
                    }
                    if geo.is_some() && (upgrade || better_geo(geo.as_ref(), c.geo.as_ref())) {
                        c.geo = geo;
                    }
                }
                _ => {
                    // an undated clause continuing the story ("then moved on to X", "the same
                    // day") shares the previous incident's date
                    let date = date.or_else(|| cur.as_ref().and_then(|c| c.date));
                    let date = match date {
                        None if out.is_empty() && cur.is_none() => lead,
                        x => x,
                    };
                    if let Some(c) = cur.take() {
                        out.push(c);
                    }
                    cur = Some(Incident {
                        sents: vec![i],
                        seeds: vec![i],
                        date,
                        geo,
                    });
                }
            }
        }
        if let Some(c) = cur.take() {
            out.push(c);
        }
        out
    }

    /// Whether a trigger sentence reports another incident than `c`.
    fn conflicts(
        &self,
        d: &Doc,
        c: &Incident,
        date: Option<usize>,
        geo: Option<&Geo>,
        s: &Sent,
    ) -> bool {
        // a headline summarises what follows
        if c.seeds.iter().all(|&i| d.sents[i].headline) {
            return false;
        }
        // "In a separate attack, ...", "Elsewhere, ...": the text moves to another incident;
        // "Meanwhile, ..." does when the clause names a place of its own, another one
        if s.shift == 2 {
            return true;
        }
        if s.shift == 1 {
            let other_place =
                geo.is_some_and(|g| c.geo.as_ref().is_none_or(|h| h.location != g.location));
            let other_day =
                date.is_some_and(|b| c.date.is_none_or(|a| d.dates[a].date != d.dates[b].date));
            if other_place || other_day {
                return true;
            }
        }
        if let (Some(a), Some(b)) = (c.geo.as_ref(), geo) {
            // another province or country with a toll of its own, after a toll here: another
            // incident, however vaguely each is placed ("four killed in the eastern
            // countryside of Hama" ... "seven killed in the desert of Homs")
            if (a.country != b.country
                || (!a.admin1.is_empty() && !b.admin1.is_empty() && a.admin1 != b.admin1))
                && has_toll(d, s.span)
                && c.sents.iter().any(|&k| has_toll(d, d.sents[k].span))
            {
                return true;
            }
        }
        if s.anaphora && date.is_none() {
            return false;
        }
        // an undated lead sentence opening the article summarises the dated report after it
        // ... unless the sentence opens on its date ("Yesterday, SOHR sources said ...",
        // "On February 7, ..."): that moves the story to another day
        let opens_on_date = date.is_some_and(|k| {
            let lead = d.text[s.span.start..d.dates[k].span.start].trim();
            lead.is_empty() || matches!(lead.to_lowercase().as_str(), "on" | "le" | "since")
        });
        if c.date.is_none()
            && date.is_some()
            && c.seeds.len() == 1
            && c.seeds[0] == 0
            && !opens_on_date
        {
            return false;
        }
        // an undated report of today's news, then "On February 14, ..." or "Yesterday, ..."
        // of an earlier day
        if c.date.is_none()
            && opens_on_date
            && date.is_some_and(|k| (d.published - d.dates[k].date).num_days() >= 1)
        {
            return true;
        }
        // an undated report of the news, then "The Centre last month extended the ceasefire":
        // a month-wide or older date is another story, told as background
        if c.date.is_none()
            && date.is_some_and(|k| {
                let m = &d.dates[k];
                m.precision == 3 || (d.published - m.date).num_days() > 14
            })
        {
            return true;
        }
        // the same attackers fought soldiers, then abducted or killed civilians: two actor
        // pairs, two events (codebook 2.4)
        let cats = |k: usize| d.cues[d.sents[k].cues.clone()].iter().map(|q| q.cat);
        let fought_armed = c
            .seeds
            .iter()
            .any(|&k| cats(k).any(|q| q == Cat::MilTarget || q == Cat::Clash));
        let here: Vec<Cat> = d.cues[s.cues.clone()].iter().map(|q| q.cat).collect();
        let against_civilians = here.contains(&Cat::CivVictim)
            && (here.contains(&Cat::Abduct) || here.contains(&Cat::Sexual))
            && !here.contains(&Cat::MilTarget)
            && !here.contains(&Cat::Clash);
        if fought_armed && against_civilians {
            return true;
        }
        if let (Some(a), Some(b)) = (c.date, date) {
            let (a, b) = (&d.dates[a], &d.dates[b]);
            // "One of the wounded died of his injuries on Thursday": the aftermath of this
            // incident, days later, adds to its toll (codebook 4.1.7), unless it names another
            // place
            let days = (b.date - a.date).num_days();
            let aftermath = || {
                (0..=14).contains(&days)
                    && geo.is_none_or(|g| c.geo.as_ref().is_some_and(|h| h.location == g.location))
                    && died_of_wounds(
                        &d.folded.s[d.folded.folded_offset(s.span.start)
                            ..d.folded.folded_offset(s.span.end)],
                    )
            };
            if days.abs() > 1 && a.precision == 1 && b.precision == 1 && !aftermath() {
                return true;
            }
        }
        if let (Some(a), Some(b)) = (c.geo.as_ref(), geo) {
            if a.geo_precision < 3 && b.geo_precision < 3 && a.location != b.location {
                let far = match (a.latitude, a.longitude, b.latitude, b.longitude) {
                    (Some(la), Some(lo), Some(lb), Some(lob)) => km(la, lo, lb, lob) > 5.0,
                    _ => true,
                };
                if far {
                    return true;
                }
            }
        }
        false
    }

    fn build_event(
        &self,
        d: &Doc,
        inc: &Incident,
        n: usize,
        carry: Option<&Placed>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<(Event, Option<Placed>)> {
        let mut ev = Event::default();
        let mut sig = Signals::default();
        let seed_cues = || {
            inc.seeds
                .iter()
                .flat_map(|&i| d.cues[d.sents[i].cues.clone()].iter())
        };
        for &i in &inc.sents {
            for c in &d.cues[d.sents[i].cues.clone()] {
                if !protest_topic(d, i, c) {
                    sig.add(c);
                }
            }
        }
        // ---- place and country
        let geo = inc.geo.clone().or_else(|| {
            let first = d.sents[*inc.sents.first()?].span.start;
            let last = d.sents[*inc.sents.last()?].span.end;
            self.geocode_span(d, Span::new(first, last))
        });
        let geo = geo.or_else(|| {
            let h = d.sents.iter().find(|s| s.headline)?;
            self.geocode_span(d, h.span)
        });
        // "a man punched a nurse in Los Angeles. The victim died from his injuries": the
        // sentence before, in the same paragraph, set the scene
        let geo = geo.or_else(|| {
            let f = *inc.sents.first()?;
            let p = &d.sents[f.checked_sub(1)?];
            let gap = d.text.get(p.span.end..d.sents[f].span.start)?;
            if p.background || p.hypothetical || gap.contains("\n\n") {
                return None;
            }
            self.geocode_span(d, p.span)
        });
        let country = match &geo {
            Some(g) => Some(g.country),
            None => d
                .ctx
                .countries
                .iter()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|c| c.0),
        };
        let Some(country) = country else {
            diags.push(diag(
                Severity::Warning,
                "no-country",
                "incident with no place and no country: not coded".into(),
                Some(d.sents[inc.seeds[0]].span),
            ));
            return None;
        };
        // a territory ACLED codes under another country (Hong Kong, Macau -> China): actors,
        // iso and country are the parent's; the territory becomes admin1 below
        let part = self.countries.coded_under(country).map(|p| (country, p));
        let country = part.map_or(country, |(_, p)| p);
        // a place the text names but the gazetteer lacks: coded by its name, without
        // coordinates, and flagged (codebook 4.2: the place is known, not only the country)
        let geo = geo.or_else(|| {
            let (sp, name) = unresolved_place(d, inc)?;
            // the gazetteer may know the name elsewhere: say so, the analyst decides
            let mut abroad: Vec<String> = self.gazetteer.lookup(&name).into_iter().map(|h| h.2).collect();
            abroad.sort();
            abroad.dedup();
            let message = if abroad.is_empty() {
                format!("{name}: not in the gazetteer; coded without coordinates")
            } else {
                format!(
                    "{name}: in the gazetteer only in other countries ({}); coded in the text's country without coordinates",
                    abroad.join(", ")
                )
            };
            diags.push(diag(
                Severity::Warning,
                "place-not-in-gazetteer",
                message,
                Some(sp),
            ));
            Some(Geo {
                country,
                location: name,
                geo_precision: 1,
                span: sp,
                rule: "GEO/NOT_IN_GAZETTEER".to_string(),
                ..Geo::default()
            })
        });
        // ---- date
        // an undated incident takes its date from a sentence that goes on with the story ("It
        // happened on Monday night"), but not from background it gives: "the coalition
        // intervened in March 2015", "the Centre extended the ceasefire last month"
        let chosen = inc.date.or_else(|| {
            inc.sents
                .iter()
                .filter_map(|&i| event_date_in(d, d.sents[i].dates.clone()))
                // a page's "Updated: May 17" of last year does not hide the story's own day
                // told further on
                .find(|&k| {
                    let m = &d.dates[k];
                    m.precision < 3 && (d.published - m.date).num_days() <= 31
                })
        });
        // "officials said on Tuesday" dates the statement: the incident's own day, told
        // further on ("the attack took place on Monday night"), is better
        let chosen = chosen.map(|a| {
            // "massacred nine men ... last month" then "the killings took place between 4-6
            // July": a month refined by a day or a span inside it
            // (not "Four killed since early March": the start of a count)
            if d.dates[a].precision == 3 && !period_start(&d.folded, d.dates[a].span).0 {
                let ym = |x: NaiveDate| (chrono::Datelike::year(&x), chrono::Datelike::month(&x));
                let month = ym(d.dates[a].date);
                return inc
                    .sents
                    .iter()
                    .flat_map(|&i| d.sents[i].dates.clone())
                    .find(|&b| {
                        let m = &d.dates[b];
                        m.precision < 3 && ym(m.date) == month && !reporting_date(d, b)
                    })
                    .unwrap_or(a);
            }
            if !reporting_date(d, a) {
                return a;
            }
            inc.sents
                .iter()
                .flat_map(|&i| d.sents[i].dates.clone())
                .find(|&b| {
                    let days = (d.dates[a].date - d.dates[b].date).num_days();
                    !reporting_date(d, b) && d.dates[b].precision == 1 && (0..=7).contains(&days)
                })
                .unwrap_or(a)
        });
        let (date, tp, date_ev) = match chosen {
            Some(di) => {
                let m = &d.dates[di];
                (m.date, m.precision, Some((m.span, m.rule.to_string())))
            }
            None => (d.published, 2, None),
        };
        // ---- actors
        let mentions: Vec<(usize, &ActorMention)> = inc
            .sents
            .iter()
            .flat_map(|&i| {
                d.actors[d.sents[i].actors.clone()]
                    .iter()
                    .map(move |m| (i, m))
            })
            .collect();
        sig.communal = mentions.iter().any(|(_, m)| m.kind == ActorKind::Militia);
        let mut resolved: Vec<(Actor, Span)> = Vec::new();
        for &(si, m) in &mentions {
            // "staged a flash mob", "protested the lynching by a mob": the mob is the
            // protest's form or its topic, not rioters at it
            if m.kind == ActorKind::Rioter {
                let as_cue = Cue {
                    span: m.span,
                    cat: Cat::Mob,
                    entry: 0,
                };
                let inside_protest = d.cues[d.sents[si].cues.clone()].iter().any(|c| {
                    matches!(c.cat, Cat::Protest | Cat::ProtestWeak) && c.span.contains(m.span)
                });
                if inside_protest || protest_topic(d, si, &as_cue) {
                    continue;
                }
            }
            // "two Fulani herdsmen": the victims' community, not the Fulani militia
            let victims_identity = m.kind == ActorKind::Militia
                && d.cues.iter().any(|c| {
                    c.cat == Cat::CivVictim
                        && c.span.start >= m.span.end
                        && c.span.start <= m.span.end + 1
                });
            if m.kind.is_armed() && hired_by(d, m.span) {
                let name = format!("Civilians ({})", self.countries.get(country).name);
                if !resolved.iter().any(|(r, _)| r.name == name) {
                    let a = plain_actor(name, 7, ActorKind::Civilian, "ACT/HIRED_CIVILIANS");
                    resolved.push((a, m.span));
                }
                continue;
            }
            if victims_identity || !participant(d, m.span) {
                continue;
            }
            if let Some(mut a) = self.actors.resolve(m, Some(country), date, &self.countries) {
                if let Some(u) = m
                    .entry
                    .and_then(|e| self.actors.entry(e).unit_name.as_ref())
                {
                    if let Some(place) = unit_before(d.text, m.span.start) {
                        a.name = u.replace("{unit}", place);
                    }
                }
                if a.official {
                    // mayors and prefects are civilians when attacked (codebook 3.4)
                    a.kind = ActorKind::Civilian;
                }
                if !resolved.iter().any(|(r, _)| r.name == a.name) {
                    resolved.push((a, m.span));
                }
            }
        }
        // "presumed JNIM militants": the generic word is the named group, not a second actor
        let any_named = resolved
            .iter()
            .any(|(a, _)| a.kind == ActorKind::Named && (2..=4).contains(&a.inter));
        // ... unless the named group is the one attacked ("unidentified assailants attacked a
        // GATIA checkpost"): then the assailants are a second, unidentified actor (DR-22)
        // ("presumed JNIM militants", "Katiba Macina (JNIM) fighters": the generic word right
        // after a group's name is that group)
        let unattached_unidentified = mentions.iter().any(|(_, m)| {
            m.kind == ActorKind::Unidentified
                && !mentions.iter().any(|(_, n)| {
                    n.kind == ActorKind::Named
                        && n.span.end <= m.span.start
                        && d.text.get(n.span.end..m.span.start).is_some_and(|g| {
                            g.len() <= 12
                                && g.split_whitespace()
                                    .all(|w| w.starts_with('(') || w.ends_with(')') || w == "/")
                        })
                })
        });
        let named_target = any_named
            && named_group_attacked(d, inc, &resolved)
            && (unattached_unidentified
                || !resolved
                    .iter()
                    .any(|(a, _)| a.kind == ActorKind::Unidentified));
        if any_named && !named_target {
            resolved.retain(|(a, _)| a.kind != ActorKind::Unidentified);
        }
        // "the assailants" in a later incident of the same article are the group named
        // before: the named perpetrator carries over
        if !any_named {
            if let Some((a, _)) = carry {
                // only an anaphoric mention ("the assailants", "les assaillants") or none
                // at all; "des hommes armés" are new, unidentified men (DR-22)
                let unid = resolved.iter().position(|(x, sp)| {
                    x.kind == ActorKind::Unidentified && {
                        let fs = d.folded.folded_offset(sp.start);
                        let before = d.folded.s[..fs].trim_end();
                        ["the", "les", "ces", "these", "those"]
                            .iter()
                            .any(|w| before.ends_with(&format!(" {w}")) || before == *w)
                    }
                });
                let no_armed = !resolved.iter().any(|(x, _)| x.kind.is_armed());
                if let Some(k) = unid {
                    let sp = resolved[k].1;
                    resolved[k] = (a.clone(), sp);
                } else if no_armed {
                    resolved.push((a.clone(), d.sents[inc.seeds[0]].span));
                }
            }
        }
        sig.kinds = resolved.iter().map(|(a, _)| a.kind).collect();
        sig.named_target = named_target;
        let (armed_t, civ_t, place_t, on_armed) = target_of_first_verb(d, inc, &resolved);
        sig.target_armed = armed_t;
        sig.attack_on_armed = on_armed;
        sig.air_as_means = air_as_means(d, inc);
        sig.target_civilian = civ_t;
        sig.target_place = place_t;
        sig.crowd_attacker = crowd_attacker(d, inc, &resolved);
        (sig.demo_acts, sig.demo_arrests) = demo_signals(d, inc);
        sig.armed_casualties = armed_casualties(d, inc, &resolved);
        // ---- fatalities
        let (mut fms, mut body) = (Vec::new(), Vec::new());
        for &i in &inc.sents {
            let found = find_fatalities_folded(d.text, &d.folded, d.sents[i].span);
            if d.sents[i].headline {
                fms.extend(found);
            } else {
                body.extend(found);
            }
        }
        let n_head = fms.len();
        fms.extend(body);
        let significant = sig.has(Cat::Significant) || sig.has(Cat::MilTarget) && sig.target_armed;
        let (fat, basis, used) = headline_or_body(d.text, &fms, n_head, significant);
        sig.fatalities = fat;
        // ---- classification
        let Some(dec) = classify(&sig) else {
            diags.push(diag(
                Severity::Info,
                "no-event",
                "sentence has event words but no codable event".into(),
                Some(d.sents[inc.seeds[0]].span),
            ));
            return None;
        };
        let sub = dec.sub;
        let et = sub.event_type();
        let cty = self.countries.get(country);
        let attacker = attacker_of(d, inc, &resolved);
        let (a1, a2) = self.assign_actors(
            sub,
            &resolved,
            attacker,
            country,
            date,
            &sig,
            seed_cues().next().map(|c| c.span),
        );
        let a1 = a1?;
        let (a1, a2) = attach_allies(a1, a2, &resolved);
        // ---- fill the record
        ev.event_date = Some(date);
        ev.year = chrono::Datelike::year(&date);
        ev.time_precision = tp;
        ev.disorder_type = sub.disorder_type().to_string();
        ev.event_type = et.as_str().to_string();
        ev.sub_event_type = sub.as_str().to_string();
        ev.actor1 = a1.0.name.clone();
        ev.inter1 = a1.0.inter;
        if let Some(x) = &a1.0.assoc {
            ev.assoc_actor_1 = x.clone();
        }
        if let Some((a, _)) = &a2 {
            ev.actor2 = a.name.clone();
            ev.inter2 = a.inter;
            if let Some(x) = &a.assoc {
                ev.assoc_actor_2 = x.clone();
            }
        }
        ev.interaction = interaction(ev.inter1, ev.inter2);
        let civ_target = et == EventType::ViolenceAgainstCivilians
            || sub == SubEvent::ExcessiveForce
            || (et == EventType::ExplosionsRemoteViolence && ev.inter2 == 7)
            || (sub == SubEvent::MobViolence && ev.inter2 == 7);
        if civ_target {
            ev.civilian_targeting = "Civilians targeted".into();
        }
        ev.iso = cty.iso;
        ev.region = cty.region.clone();
        ev.country = cty.name.clone();
        // a peaceful protest, dispersed or not, has no deaths by definition (codebook 2.2): a
        // death in its text is what the protesters protest about
        let (fat, basis) = if matches!(
            sub,
            SubEvent::PeacefulProtest | SubEvent::ProtestWithIntervention
        ) {
            (0, crate::types::FatalityBasis::None)
        } else {
            (fat, basis)
        };
        ev.fatalities = fat;
        ev.fatality_basis = basis;
        let mut evid = Vec::new();
        let mut push = |field: &str, span: Span, rule: &str| {
            if span.end <= d.text.len()
                && d.text.is_char_boundary(span.start)
                && d.text.is_char_boundary(span.end)
                && span.start <= span.end
            {
                evid.push(Evidence {
                    field: field.to_string(),
                    start: span.start,
                    end: span.end,
                    text: d.text[span.start..span.end].to_string(),
                    rule: rule.to_string(),
                });
            }
        };
        if let Some(g) = &geo {
            ev.admin1 = g.admin1.clone();
            ev.admin2 = g.admin2.clone();
            ev.admin3 = g.admin3.clone();
            ev.location = g.location.clone();
            if let Some((t, _)) = part {
                // ACLED's convention: admin1 the territory, admin2 its district, location
                // "Hong Kong - <district>"
                let t = &self.countries.get(t).name;
                ev.admin3 = std::mem::take(&mut ev.admin2);
                ev.admin2 = std::mem::replace(&mut ev.admin1, t.clone());
                ev.location = if ev.admin2.is_empty() {
                    t.clone()
                } else {
                    format!("{t} - {}", ev.admin2)
                };
                push("country", g.span, "GEO/CODED_UNDER");
            }
            ev.latitude = g.latitude;
            ev.longitude = g.longitude;
            ev.geo_precision = g.geo_precision;
            let filled = [
                ("country", true),
                ("admin1", !ev.admin1.is_empty()),
                ("admin2", !ev.admin2.is_empty()),
                ("admin3", !ev.admin3.is_empty()),
                ("location", true),
                ("latitude", g.latitude.is_some()),
                ("longitude", g.longitude.is_some()),
                ("geo_precision", true),
            ];
            for (f, _) in filled.iter().filter(|(_, x)| *x) {
                push(f, g.span, &g.rule);
            }
        } else {
            ev.geo_precision = 3;
            diags.push(diag(
                Severity::Warning,
                "no-location",
                format!("no place found; only the country ({}) is known", cty.name),
                Some(d.sents[inc.seeds[0]].span),
            ));
        }
        match &date_ev {
            Some((sp, rule)) => {
                push("event_date", *sp, rule);
                push("time_precision", *sp, rule);
            }
            None => {
                let sp = d.sents[inc.seeds[0]].span;
                push("event_date", sp, "DATE/DEFAULT/PUBLICATION");
            }
        }
        let tsp = dec.span.unwrap_or(d.sents[inc.seeds[0]].span);
        push("event_type", tsp, dec.rule);
        push("sub_event_type", tsp, dec.rule);
        push("actor1", a1.1, &a1.0.rule);
        push("inter1", a1.1, &a1.0.rule);
        if let Some((a, sp)) = &a2 {
            push("actor2", *sp, &a.rule);
            push("inter2", *sp, &a.rule);
        }
        for &u in used.iter().filter(|_| ev.fatalities > 0) {
            if let Some(m) = fms.get(u) {
                push("fatalities", m.span, m.rule);
            }
        }
        ev.evidence = evid;
        ev.notes = notes(&ev);
        // ---- confidence
        let mut conf = 0.35f32;
        if date_ev.is_some() {
            conf += 0.15;
        }
        if let Some(g) = &geo {
            conf += if g.geo_precision < 3 { 0.15 } else { 0.05 };
        }
        if resolved
            .iter()
            .any(|(a, _)| a.kind == ActorKind::Named || a.kind == ActorKind::State)
        {
            conf += 0.1;
        }
        if inc.seeds.iter().any(|&i| !d.sents[i].headline) {
            conf += 0.1;
        }
        conf += 0.1 / (1.0 + n as f32);
        ev.confidence = (conf.min(0.99) * 100.0).round() / 100.0;
        let named = [Some(&a1), a2.as_ref()]
            .into_iter()
            .flatten()
            .find(|(a, _)| a.kind == ActorKind::Named && (2..=4).contains(&a.inter))
            .cloned();
        Some((ev, named))
    }

    /// Choose actor 1 and actor 2 for the sub-event type (codebook 2.3, 3.5).
    #[allow(clippy::too_many_arguments)]
    fn assign_actors(
        &self,
        sub: SubEvent,
        resolved: &[(Actor, Span)],
        attacker: Option<usize>,
        country: usize,
        date: NaiveDate,
        sig: &Signals,
        fallback: Option<Span>,
    ) -> (Option<Placed>, Option<Placed>) {
        let cname = &self.countries.get(country).name;
        let sp = fallback.unwrap_or_default();
        let generic = |name: String, inter: u8, kind: ActorKind, rule: &str| {
            (plain_actor(name, inter, kind, rule), sp)
        };
        let civilians = || {
            generic(
                format!("Civilians ({cname})"),
                7,
                ActorKind::Civilian,
                "ACT/DEFAULT/CIVILIANS",
            )
        };
        let unidentified = || {
            generic(
                format!("Unidentified Armed Group ({cname})"),
                3,
                ActorKind::Unidentified,
                "ACT/DEFAULT/UNIDENTIFIED",
            )
        };
        let state = |kind: &str| {
            let (name, pid) = self
                .actors
                .period_name(country, kind, date, &self.countries);
            generic(
                name,
                1,
                ActorKind::State,
                pid.as_deref().unwrap_or("ACT/DEFAULT/STATE"),
            )
        };
        let armed: Vec<usize> = (0..resolved.len())
            .filter(|&i| resolved[i].0.kind.is_armed())
            .collect();
        let find_kind = |k: ActorKind| resolved.iter().find(|(a, _)| a.kind == k).cloned();
        // civilian victims: a civilian actor the text names (not an official), else the
        // country's civilians; officials become the associated actor (codebook 3.4)
        let victim = || {
            let mut v = resolved
                .iter()
                .find(|(a, _)| a.kind == ActorKind::Civilian && !a.official)
                .cloned()
                .unwrap_or_else(civilians);
            if let Some((o, _)) = resolved.iter().find(|(a, _)| a.official) {
                v.0.assoc = Some(o.name.clone());
            }
            v
        };
        let first_state = || {
            resolved
                .iter()
                .find(|(a, _)| a.kind == ActorKind::State)
                .cloned()
        };
        match sub.event_type() {
            EventType::Protests => {
                let a1 = find_kind(ActorKind::Protester).unwrap_or_else(|| {
                    generic(
                        format!("Protesters ({cname})"),
                        6,
                        ActorKind::Protester,
                        "ACT/DEFAULT/PROTESTERS",
                    )
                });
                let a2 = if sub == SubEvent::PeacefulProtest {
                    None
                } else {
                    Some(first_state().unwrap_or_else(|| state("police")))
                };
                (Some(a1), a2)
            }
            EventType::Riots => {
                let a1 = find_kind(ActorKind::Rioter).unwrap_or_else(|| {
                    generic(
                        format!("Rioters ({cname})"),
                        5,
                        ActorKind::Rioter,
                        "ACT/DEFAULT/RIOTERS",
                    )
                });
                let a2 = if let Some(s) = first_state() {
                    Some(s)
                } else if sub == SubEvent::MobViolence
                    && (sig.target_civilian || sig.has(Cat::CivVictim))
                {
                    Some(civilians())
                } else {
                    None
                };
                (Some(a1), a2)
            }
            EventType::ViolenceAgainstCivilians => {
                let perp = attacker
                    .filter(|&i| resolved[i].0.kind.is_armed())
                    .or_else(|| {
                        armed
                            .iter()
                            .copied()
                            .find(|&i| resolved[i].0.kind != ActorKind::State)
                    })
                    .or_else(|| armed.first().copied())
                    .map(|i| resolved[i].clone())
                    .unwrap_or_else(unidentified);
                (Some(perp), Some(victim()))
            }
            EventType::Battles => {
                let a1i = attacker
                    .filter(|&i| resolved[i].0.kind.is_armed())
                    .or_else(|| armed.first().copied());
                let a1 = a1i.map(|i| resolved[i].clone());
                let other = |a: &Actor| {
                    // prefer the other side: state versus non-state
                    let is_state = a.kind == ActorKind::State;
                    armed
                        .iter()
                        .map(|&i| &resolved[i])
                        .filter(|(b, _)| b.name != a.name)
                        .find(|(b, _)| (b.kind == ActorKind::State) != is_state)
                        .or_else(|| {
                            armed
                                .iter()
                                .map(|&i| &resolved[i])
                                .find(|(b, _)| b.name != a.name)
                        })
                        .cloned()
                };
                match a1 {
                    Some(a1) => match other(&a1.0) {
                        Some(a2) => (Some(a1), Some(a2)),
                        // "GATIA was ambushed": a named non-state group attacked by nobody the
                        // text names fought unidentified assailants (DR-22)
                        None if sig.named_target && a1.0.kind == ActorKind::Named => {
                            (Some(unidentified()), Some(a1))
                        }
                        // state forces, peacekeepers and foreign forces fight an unidentified
                        // group when the text names none; anyone else, the state
                        None if a1.0.kind == ActorKind::State || a1.0.inter == 8 => {
                            (Some(a1), Some(unidentified()))
                        }
                        // a settlement that fought back: its defenders are a community's
                        // militia the text does not name, not the army (3.1.4, DR-17)
                        None if sig.target_place => (
                            Some(a1),
                            Some(generic(
                                format!("Unidentified Communal Militia ({cname})"),
                                4,
                                ActorKind::Militia,
                                "ACT/DEFAULT/COMMUNAL",
                            )),
                        ),
                        None => (Some(a1), Some(state("military"))),
                    },
                    None => (Some(unidentified()), Some(state("military"))),
                }
            }
            EventType::ExplosionsRemoteViolence => {
                let planted = matches!(
                    sub,
                    SubEvent::RemoteExplosive | SubEvent::Grenade | SubEvent::SuicideBomb
                );
                // who fired or planted: the attacker the text names, else for air strikes
                // and shelling the state (unless its own camp was hit), else a non-state group
                let named_attacker = attacker
                    .filter(|&i| resolved[i].0.kind.is_armed())
                    .filter(|&i| !(planted && resolved[i].0.kind == ActorKind::State))
                    .map(|i| resolved[i].clone());
                let non_state = || {
                    armed
                        .iter()
                        .map(|&i| &resolved[i])
                        .find(|(a, _)| (2..=4).contains(&a.inter))
                        .cloned()
                };
                let state_hit = sig.target_armed && first_state().is_some();
                let a1 = named_attacker
                    .or_else(|| {
                        if sub == SubEvent::AirDroneStrike
                            || (sub == SubEvent::Shelling && !state_hit)
                        {
                            first_state().or_else(non_state)
                        } else {
                            non_state()
                        }
                    })
                    .unwrap_or_else(|| {
                        if sub == SubEvent::AirDroneStrike {
                            state("military")
                        } else {
                            unidentified()
                        }
                    });
                // who was hit: armed forces named as targets, else civilians (DR-05, DR-06)
                let other_armed = armed
                    .iter()
                    .map(|&i| &resolved[i])
                    .find(|(b, _)| b.name != a1.0.name)
                    .cloned();
                let civ_hit = sig.target_civilian || (planted && sig.has(Cat::CivVictim));
                let a2 = if sig.target_armed || (planted && !civ_hit) {
                    other_armed.or_else(|| {
                        (a1.0.kind != ActorKind::State && sig.has(Cat::MilTarget))
                            .then(|| state("military"))
                    })
                } else if civ_hit {
                    Some(victim())
                } else {
                    None
                };
                (Some(a1), a2)
            }
            EventType::StrategicDevelopments => {
                let a1 = match sub {
                    SubEvent::Arrests => first_state().unwrap_or_else(|| state("police")),
                    _ => attacker
                        .map(|i| resolved[i].clone())
                        .or_else(|| armed.first().map(|&i| resolved[i].clone()))
                        .unwrap_or_else(unidentified),
                };
                let a2 = match sub {
                    SubEvent::Looting => Some(victim()),
                    SubEvent::Arrests | SubEvent::Agreement | SubEvent::NonViolentTransfer => armed
                        .iter()
                        .map(|&i| &resolved[i])
                        .find(|(b, _)| b.name != a1.0.name)
                        .cloned(),
                    _ => None,
                };
                (Some(a1), a2)
            }
        }
    }
}

/// The index (into `resolved`) of the actor that started the violence: the actor right before
/// an attack verb in active voice, or after "by" in a passive clause.
fn attacker_of(d: &Doc, inc: &Incident, resolved: &[(Actor, Span)]) -> Option<usize> {
    // headlines drop auxiliaries ("Soldiers killed in ambush"): read the body first
    let body = inc.seeds.iter().filter(|&&i| !d.sents[i].headline);
    let heads = inc.seeds.iter().filter(|&&i| d.sents[i].headline);
    for &si in body.chain(heads) {
        let s = &d.sents[si];
        for c in &d.cues[s.cues.clone()] {
            if !matches!(c.cat, Cat::AttackerVerb | Cat::Attack | Cat::Ambush) {
                continue;
            }
            let before = &d.folded.s
                [d.folded.folded_offset(s.span.start)..d.folded.folded_offset(c.span.start)];
            let passive = ends_with_auxiliary(before);
            if passive {
                // "... was ambushed by unidentified gunmen"
                let after_start = d.folded.folded_offset(c.span.end);
                let after_end = d.folded.folded_offset(s.span.end);
                if let Some(p) = d.folded.s[after_start..after_end].find(" by ") {
                    let by = d.folded.span(after_start + p, after_start + p + 4).end;
                    if let Some(i) = resolved.iter().position(|(a, sp)| {
                        a.kind.is_armed() && sp.start >= by && sp.start < by + 80
                    }) {
                        return Some(i);
                    }
                }
                continue;
            }
            // the nearest armed actor ending before the verb, in the same clause
            let mut best: Option<(usize, usize)> = None;
            for (i, (a, sp)) in resolved.iter().enumerate() {
                if a.kind.is_armed()
                    && sp.end <= c.span.start
                    && c.span.start - sp.end < 90
                    && sp.start >= s.span.start
                {
                    let gap = c.span.start - sp.end;
                    if best.is_none_or(|(_, g)| gap < g) {
                        best = Some((i, gap));
                    }
                }
            }
            if let Some((i, _)) = best {
                return Some(i);
            }
        }
    }
    // "the army fired grenade launchers at the rebels' positions": the armed actor right
    // before "fired"/"launched" and the heavy weapon it names
    for &si in &inc.seeds {
        let s = &d.sents[si];
        let Some(c) = d.cues[s.cues.clone()]
            .iter()
            .find(|c| c.cat == Cat::Shelling)
        else {
            continue;
        };
        let fired = |sp: Span| {
            let a = d.folded.folded_offset(sp.end);
            let gap = d.folded.s[a..d.folded.folded_offset(c.span.start).max(a)].trim();
            gap.len() < 40
                && ["fired", "launched", "used"]
                    .iter()
                    .any(|v| gap.starts_with(v))
        };
        if let Some(i) = resolved.iter().position(|(a, sp)| {
            a.kind.is_armed() && sp.end <= c.span.start && sp.start >= s.span.start && fired(*sp)
        }) {
            return Some(i);
        }
    }
    None
}

/// The capitalised word right before `at` ("the Mingin PDF" → `Mingin`), if it is a name.
fn unit_before(text: &str, at: usize) -> Option<&str> {
    let before = text.get(..at)?;
    let trimmed = before.trim_end_matches(' ');
    if trimmed.len() + 1 != before.len() {
        return None;
    }
    let start = trimmed
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &trimmed[start..];
    let ok = word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).any(char::is_lowercase)
        && !matches!(
            word,
            "The"
                | "A"
                | "An"
                | "Local"
                | "Several"
                | "Some"
                | "Two"
                | "Three"
                | "Joint"
                | "Combined"
        );
    ok.then_some(word)
}

/// Whether a named non-state armed group is the one attacked in the incident's first attack
/// clause: the subject of a passive ("GATIA was ambushed", "MNLA fighters were subjected to an
/// attack") or the object after the verb with no named group before it ("unidentified
/// assailants attacked a GATIA checkpost", "an ambush targeting the MSA").
fn named_group_attacked(d: &Doc, inc: &Incident, resolved: &[(Actor, Span)]) -> bool {
    let named = |a: &Actor| a.kind == ActorKind::Named && (2..=4).contains(&a.inter);
    for &si in &inc.seeds {
        let s = &d.sents[si];
        let Some(c) = d.cues[s.cues.clone()]
            .iter()
            .find(|c| matches!(c.cat, Cat::AttackerVerb | Cat::Attack | Cat::Ambush))
        else {
            continue;
        };
        let before =
            &d.folded.s[d.folded.folded_offset(s.span.start)..d.folded.folded_offset(c.span.start)];
        let b = before.trim_end();
        let passive = ends_with_auxiliary(b)
            || b.ends_with("subjected to")
            || b.ends_with("subjected to an")
            || b.ends_with("subjected to a");
        let before_verb: Vec<&(Actor, Span)> = resolved
            .iter()
            .filter(|(a, sp)| {
                a.kind.is_armed() && sp.start >= s.span.start && sp.end <= c.span.start
            })
            .collect();
        let named_before = before_verb.iter().any(|(a, _)| named(a));
        if passive {
            // the passive's subject is the only armed actor before the verb
            return matches!(before_verb.as_slice(), [(a, sp)] if named(a) && c.span.start - sp.end < 60);
        }
        if named_before {
            return false;
        }
        // "attacks by presumed JNIM militants": after "by" is the attacker
        return resolved.iter().any(|(a, sp)| {
            named(a)
                && sp.start >= c.span.end
                && sp.start < c.span.end + 40
                && sp.end <= s.span.end
                && !d
                    .text
                    .get(c.span.end..sp.start)
                    .is_some_and(|g| g.split_whitespace().any(|w| w == "by" || w == "par"))
        });
    }
    false
}

/// Whether folded text ends on a passive auxiliary ("... were", "... been", « a été »): the
/// verb that follows is passive.
fn ends_with_auxiliary(before: &str) -> bool {
    let last = before.trim_end().rsplit(' ').next().unwrap_or("");
    matches!(last, "was" | "were" | "been" | "being" | "ete")
}

/// "attacked the outposts with a drone", "an operation including airstrikes": an air word
/// that names the means of the attack just told, not a separate strike in support of it.
fn air_as_means(d: &Doc, inc: &Incident) -> bool {
    const MEANS: &[&str] = &[
        "with",
        "including",
        "by",
        "using",
        "via",
        "through",
        "par",
        "avec",
    ];
    const SUPPORT: &[&str] = &[
        "conjunction",
        "interven",
        "respond",
        "support",
        "backed",
        "together",
        "reinforc",
        "appui",
    ];
    const SKIP: &[&str] = &[
        "a", "an", "the", "armed", "one", "two", "three", "several", "their", "its", "his", "un",
        "une", "des", "de", "les",
    ];
    inc.sents.iter().any(|&si| {
        d.cues[d.sents[si].cues.clone()]
            .iter()
            .filter(|c| matches!(c.cat, Cat::Air | Cat::Drone))
            .any(|c| {
                let a = d.folded.folded_offset(c.span.start);
                let from = a.saturating_sub(40);
                let from = (from..=a)
                    .find(|&i| d.folded.s.is_char_boundary(i))
                    .unwrap_or(a);
                let before = &d.folded.s[from..a];
                let mut words = before
                    .split(|ch: char| !ch.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .rev()
                    .skip_while(|w| SKIP.contains(w) || w.chars().all(|ch| ch.is_ascii_digit()));
                // "in conjunction with airstrikes", "intervened with helicopters", "supported
                // by aircraft": aircraft joining the fight, not the attack's weapon
                words.next().is_some_and(|w| MEANS.contains(&w))
                    && !words
                        .next()
                        .is_some_and(|w| SUPPORT.iter().any(|s| w.starts_with(s)))
            })
    })
}

/// Whether soldiers, fighters or militiamen were killed or wounded anywhere in the incident
/// ("two soldiers and three assailants were killed", "killing four militiamen"): the target
/// fought back or was armed, which makes it a battle (DR-01).
fn armed_casualties(d: &Doc, inc: &Incident, resolved: &[(Actor, Span)]) -> bool {
    for &si in &inc.sents {
        let s = &d.sents[si];
        let cues = &d.cues[s.cues.clone()];
        // armed items: target words not inside a civilian phrase, and armed actor mentions
        let mut items: Vec<Span> = cues
            .iter()
            .filter(|c| matches!(c.cat, Cat::MilTarget | Cat::ArmedTarget))
            .map(|c| c.span)
            .collect();
        items.extend(
            resolved
                .iter()
                .filter(|(a, sp)| a.kind.is_armed() && s.span.contains(*sp))
                .map(|(_, sp)| *sp),
        );
        for v in cues
            .iter()
            .filter(|c| matches!(c.cat, Cat::Kill | Cat::Injure))
        {
            let vf = d.folded.folded_offset(v.span.start);
            let ve = d.folded.folded_offset(v.span.end);
            // "seventeen members of the self-defence group were executed": people executed
            // were captives, not fighters falling in combat (DR-12)
            if d.folded.s[vf..ve].starts_with("execut") {
                continue;
            }
            let se = d.folded.folded_offset(s.span.end).max(ve);
            let after = d.folded.s[ve..se].trim_start();
            // ("killed at least six herders": a count opens the verb's object)
            let participle = after.is_empty()
                || [
                    "in ", "during ", "at ", "on ", "by ", "near ", "and ", ",", ".",
                ]
                .iter()
                .any(|w| after.starts_with(w))
                    && !after.starts_with("at least ")
                    && !after.starts_with("at most ");
            // "X were killed", "X killed in an ambush": X right before is the victim
            let before_victim = items.iter().any(|sp| {
                sp.end <= v.span.start && {
                    let gap = &d.folded.s[d.folded.folded_offset(sp.end)..vf];
                    gap.len() < 30
                        && (gap.contains(" were ") || gap.contains(" was ") || participle)
                        && !gap.contains(',')
                }
            });
            // "killing four soldiers", "killed two militants": the object right after
            let after_victim = items.iter().any(|sp| {
                sp.start >= v.span.end && {
                    let gap = &d.folded.s[ve..d.folded.folded_offset(sp.start).max(ve)];
                    gap.len() < 25 && !gap.contains(',') && !gap.contains(" by ")
                }
            });
            if before_victim || after_victim {
                return true;
            }
        }
    }
    false
}

/// What demonstrators did or had done to them, read sentence by sentence: acts of violence
/// in a sentence that reports the protest, after its protest word; arrests told with a verb
/// in a sentence about the protest or its participants.
fn demo_signals(d: &Doc, inc: &Incident) -> (bool, bool) {
    let (mut acts, mut arrests) = (false, false);
    for &si in &inc.sents {
        let s = &d.sents[si];
        let cues = &d.cues[s.cues.clone()];
        let first_protest = cues
            .iter()
            .find(|p| p.cat == Cat::Protest || p.cat == Cat::ProtestWeak)
            .map(|p| p.span)
            .into_iter()
            .chain(
                d.actors[s.actors.clone()]
                    .iter()
                    .filter(|a| a.kind == ActorKind::Protester)
                    .map(|a| a.span),
            )
            .min_by_key(|sp| sp.start);
        let about_people = first_protest.is_some()
            || d.actors[s.actors.clone()]
                .iter()
                .any(|a| a.kind == ActorKind::Protester)
            || cues.iter().any(|c| c.cat == Cat::Crowd);
        for c in cues {
            let word = &d.folded.s
                [d.folded.folded_offset(c.span.start)..d.folded.folded_offset(c.span.end)];
            // (irregular past forms too: "burnt miners' machines", "broke windows")
            let verb = word.ends_with("ed")
                || word.ends_with("ing")
                || word.contains(' ')
                || ["burnt", "broke", "tore", "stole", "threw"].contains(&word);
            if protest_topic(d, si, c) || symbolic_object(d, c) {
                continue;
            }
            match c.cat {
                Cat::Destroy
                | Cat::Clash
                | Cat::Assault
                | Cat::Abduct
                | Cat::Loot
                | Cat::Attack
                    if first_protest.is_some_and(|p| {
                        p.start < c.span.start
                            || c.cat == Cat::Clash
                            || demo_circumstance(d, si, c, p)
                    }) && verb =>
                {
                    acts = true;
                }
                Cat::Arrest if verb && about_people => arrests = true,
                _ => {}
            }
        }
    }
    (acts, arrests)
}

/// "burnt the party flag", "burned effigies of the president", "fields burnt by fire": a
/// burning that is a symbol of the protest, or a participle told of a thing, is no violence
/// by the demonstrators (DR-20).
fn symbolic_object(d: &Doc, c: &Cue) -> bool {
    const SYMBOLS: &[&str] = &[
        "flag",
        "flags",
        "effigy",
        "effigies",
        "passport",
        "passports",
        "copy",
        "copies",
        "portrait",
        "portraits",
        "poster",
        "posters",
        "photo",
        "photos",
        "picture",
        "pictures",
        "banner",
        "banners",
        "drapeau",
        "drapeaux",
        "effigie",
        "effigies",
    ];
    const SKIP: &[&str] = &[
        "a", "an", "the", "his", "her", "their", "its", "party", "national", "some", "several",
        "of", "le", "la", "les", "un", "une", "des", "du",
    ];
    if c.cat != Cat::Destroy {
        return false;
    }
    let e = d.folded.folded_offset(c.span.end);
    let rest = &d.folded.s[e..];
    let rest = rest.split(['.', ';', ',']).next().unwrap_or(rest);
    let mut words = rest
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty());
    if rest.trim_start().starts_with("by ") {
        return true;
    }
    words
        .by_ref()
        .take(4)
        .find(|w| !SKIP.contains(w))
        .is_some_and(|w| SYMBOLS.contains(&w))
}

/// "students damaged windows during a demonstration", "residents burned ballots to
/// demonstrate", "lawyers assaulted passers-by in a protest": an act told before a protest
/// word that is only its circumstance (during, in, at, amid, while, to) was done by the
/// demonstrators, unless a state force or an armed group is the one named acting before it.
fn demo_circumstance(d: &Doc, si: usize, c: &Cue, p: Span) -> bool {
    const LEAD: &[&str] = &[
        "during", "in", "at", "amid", "amidst", "while", "to", "pendant", "lors", "durant",
    ];
    const SKIP: &[&str] = &[
        "a", "an", "the", "their", "une", "un", "la", "le", "les", "de", "d",
    ];
    let s = &d.sents[si];
    if p.start < c.span.end || !s.span.contains(p) {
        return false;
    }
    let a = d.folded.folded_offset(c.span.end);
    let b = d.folded.folded_offset(p.start).max(a);
    let gap = &d.folded.s[a..b];
    if gap.contains([';', ':', '.']) {
        return false;
    }
    let lead = gap
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .find(|w| !SKIP.contains(w));
    if !lead.is_some_and(|w| LEAD.contains(&w)) {
        return false;
    }
    // "police assaulted journalists during the protest": the act is the force's
    !d.actors[s.actors.clone()].iter().any(|m| {
        m.span.end <= c.span.start
            && matches!(
                m.kind,
                ActorKind::State | ActorKind::Named | ActorKind::Unidentified | ActorKind::Militia
            )
    })
}

/// "in the same areas", "over the same period" (and "across the same areas", "during the
/// same period"): the sentence's figure covers the scope of a tally told before it. One
/// SIMD search for "the same " per sentence, then the words around it.
fn same_scope_phrase(f: &str) -> bool {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"the same "));
    FINDER.find_iter(f.as_bytes()).any(|h| {
        let (before, after) = (&f[..h], &f[h + "the same ".len()..]);
        (after.starts_with("areas") && (before.ends_with("in ") || before.ends_with("across ")))
            || (after.starts_with("period")
                && (before.ends_with("in ")
                    || before.ends_with("during ")
                    || before.ends_with("over ")))
    })
}

/// Whether a violent cue is what a protest is about ("protested the killing of a student",
/// "demanding justice for a man shot by police"), not violence at the protest: it follows a
/// protest word in the same sentence, in a phrase opened by a topic word (over, against, for,
/// justice, denounce, ...) or as a noun after a determiner ("denounced the demolition"); a
/// phrase opened by "when", "as", "but" ... is the reaction to the protest, not its topic.
fn protest_topic(d: &Doc, si: usize, c: &Cue) -> bool {
    const VIOLENT: &[Cat] = &[
        Cat::Kill,
        Cat::Shoot,
        Cat::Injure,
        Cat::Attack,
        Cat::Assault,
        Cat::Abduct,
        Cat::Sexual,
        Cat::Air,
        Cat::Drone,
        Cat::Shelling,
        Cat::Ied,
        Cat::Explosion,
        Cat::Suicide,
        Cat::Grenade,
        Cat::Clash,
        Cat::Destroy,
        Cat::Loot,
        Cat::Arrest,
        Cat::RiotAct,
        Cat::Mob,
        Cat::LiveFire,
    ];
    if !VIOLENT.contains(&c.cat) {
        return false;
    }
    let s = &d.sents[si];
    let Some(p) = d.cues[s.cues.clone()]
        .iter()
        .find(|p| p.cat == Cat::Protest || p.cat == Cat::ProtestWeak)
    else {
        return false;
    };
    if p.span.end > c.span.start {
        // "relatives of a man who was killed by the police protested": a death told before
        // the protest word, inside a relative clause or after "relatives of", is its topic
        let a = d.folded.folded_offset(s.span.start);
        let b = d.folded.folded_offset(c.span.start).max(a);
        let before = &d.folded.s[a..b];
        let seg = before.rsplit([',', ';', ':']).next().unwrap_or(before);
        let words: Vec<&str> = seg
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let relative = words
            .iter()
            .rev()
            .take(4)
            .any(|w| matches!(*w, "who" | "that" | "whose" | "which"));
        let kin = words.windows(2).any(|w| {
            w[1] == "of"
                && matches!(
                    w[0],
                    "relatives" | "family" | "families" | "friends" | "kin" | "memory" | "death"
                )
        });
        return relative || kin;
    }
    let a = d.folded.folded_offset(p.span.end);
    let b = d.folded.folded_offset(c.span.start).max(a);
    let gap = d.folded.s[a..b].trim_end();
    // the last phrase before the cue: "against a tax and set the town hall on fire" is an
    // act; "against the reform when police fired" is a reaction to the protest
    const CUTS: &[(&str, bool)] = &[
        (" and ", false),
        (", ", false),
        (" then ", false),
        (" et ", false),
        (" when ", true),
        (" as ", true),
        (" but ", true),
        (" until ", true),
        (" before ", true),
        (" while ", true),
        (" lorsque ", true),
        (" quand ", true),
    ];
    let cut = CUTS
        .iter()
        .filter_map(|&(k, reaction)| gap.rfind(k).map(|p| (p + k.len(), reaction)))
        .max_by_key(|x| x.0);
    let seg = cut.map_or(gap, |x| &gap[x.0..]);
    // "while condemning the operations that targeted them": a phrase opened by "while" or
    // "as" that goes on with a verb of protest still tells the topic
    let protest_verb = seg.split_whitespace().next().is_some_and(|w| {
        [
            "condemn", "denounc", "demand", "protest", "denonc", "reclam",
        ]
        .iter()
        .any(|p| w.starts_with(p))
    });
    if cut.is_some_and(|x| x.1) && !protest_verb {
        return false;
    }
    // what the protest is about: "over the killing", "against the arrest of", "justice for"
    // "a woman who was stabbed" is the topic; "protesters who had burned tyres" acted
    let relative = seg
        .split_whitespace()
        .skip(usize::from(seg.len() == gap.len()))
        .any(|w| w == "who");
    let marker = relative
        || seg.split(|ch: char| !ch.is_alphanumeric()).any(|w| {
            matches!(
                w,
                "over"
                    | "against"
                    | "about"
                    | "for"
                    | "after"
                    | "following"
                    | "justice"
                    | "memory"
                    | "anniversary"
                    | "death"
                    | "murder"
                    | "whose"
                    | "contre"
                    | "suite"
                    | "apres"
                    | "pour"
            ) || [
                "denounc",
                "condemn",
                "demand",
                "tribute",
                "mourn",
                "vigil",
                "funeral",
                "commemorat",
                "honou",
                "denonc",
                "reclam",
                "accus",
                "alleg",
            ]
            .iter()
            .any(|p| w.starts_with(p))
        });
    // a noun after a determiner: "denounced the demolition", "protested the arrest"
    let word = &d.folded.s[b..d.folded.folded_offset(c.span.end).max(b)];
    let nominal = [
        "the", "a", "an", "his", "her", "their", "its", "la", "le", "l", "les",
    ]
    .iter()
    .any(|w| seg.ends_with(&format!(" {w}")) || seg == *w)
        && (word.ends_with("ing")
            || word.ends_with("ion")
            || word.ends_with("ment")
            || matches!(
                word,
                "attack" | "arrest" | "murder" | "raid" | "death" | "riot"
            ));
    marker || nominal
}

/// Whether the one who started the violence is a crowd or group of ordinary people
/// ("locals beat a thief", "was beaten by a group of people", "a clash between supporters").
fn crowd_attacker(d: &Doc, inc: &Incident, resolved: &[(Actor, Span)]) -> bool {
    for &si in &inc.seeds {
        let s = &d.sents[si];
        let cues = &d.cues[s.cues.clone()];
        let Some(v) = cues.iter().find(|c| {
            matches!(
                c.cat,
                Cat::Attack | Cat::Kill | Cat::Shoot | Cat::Assault | Cat::Injure | Cat::Clash
            )
        }) else {
            continue;
        };
        let crowd = |c: &&Cue| {
            let fs = d.folded.folded_offset(c.span.start);
            let fe = d.folded.folded_offset(c.span.end);
            // "armed youths" are a militia; "two groups of police" are the police
            let armed_word = d.folded.s[..fs].trim_end().ends_with("armed");
            let mut te = (fe + 30).min(d.folded.s.len());
            while !d.folded.s.is_char_boundary(te) {
                te -= 1;
            }
            let tail = d.folded.s.get(fe..te).unwrap_or("");
            let of_forces = tail.trim_start().starts_with("of ")
                && (cues.iter().any(|x| {
                    matches!(x.cat, Cat::MilTarget | Cat::ArmedTarget)
                        && x.span.start >= c.span.end
                        && x.span.start < c.span.end + 30
                }) || resolved.iter().any(|(a, sp)| {
                    a.kind.is_armed() && sp.start >= c.span.end && sp.start < c.span.end + 30
                }));
            matches!(c.cat, Cat::Crowd | Cat::Mob)
                && !armed_word
                && !of_forces
                && !resolved
                    .iter()
                    .any(|(a, sp)| a.kind.is_armed() && sp.contains(c.span))
        };
        let armed_at = |lo: usize, hi: usize| {
            resolved
                .iter()
                .any(|(a, sp)| a.kind.is_armed() && sp.start >= lo && sp.end <= hi)
        };
        let vf = d.folded.folded_offset(v.span.start);
        let before = d.folded.s[d.folded.folded_offset(s.span.start)..vf].trim_end();
        let passive = ends_with_auxiliary(before);
        if passive || v.cat == Cat::Clash {
            // the agent after "by", or the sides after "between"
            let a = d.folded.folded_offset(v.span.end);
            let rest = &d.folded.s[a..d.folded.folded_offset(s.span.end).max(a)];
            let keys: &[&str] = if passive {
                &[" by "]
            } else {
                &[" between ", " with "]
            };
            let head = rest.get(..rest.len().min(40)).unwrap_or("");
            let found = keys.iter().find_map(|k| head.find(k).map(|p| (p, k.len())));
            if let Some((p, klen)) = found {
                let key = &rest[p..p + klen];
                let from = d.folded.span(a + p, a + p + key.len()).end;
                let hit = cues
                    .iter()
                    .filter(|c| c.span.start >= from && c.span.start < from + 40)
                    .find(crowd);
                // police on the other side are expected: "clashes between police and youths"
                let non_state_armed = resolved.iter().any(|(a, sp)| {
                    a.kind.is_armed()
                        && a.kind != ActorKind::State
                        && sp.start >= from
                        && sp.end <= s.span.end.min(from + 80)
                });
                if hit.is_some()
                    && (!armed_at(from, s.span.end.min(from + 80)) || !passive && !non_state_armed)
                {
                    return true;
                }
            }
            if passive {
                return false;
            }
        }
        // active voice: the nearest crowd word before the verb, with no armed actor between
        let near = cues
            .iter()
            .rev()
            .filter(|c| c.span.end <= v.span.start && v.span.start - c.span.end < 70)
            .find(crowd);
        // "villagers killed in attack" (a headline without its auxiliary) is passive
        let a = d.folded.folded_offset(v.span.end);
        let after = d.folded.s[a..d.folded.folded_offset(s.span.end).max(a)].trim_start();
        let participle = after.is_empty()
            || [
                "in ", "during ", "at ", "on ", "by ", "near ", "after ", "when ", "while ", ",",
                ".", "and ", "as ",
            ]
            .iter()
            .any(|w| after.starts_with(w));
        // the crowd is the subject: a few words from the verb, no noun phrase between
        let subject = |c: &&Cue| {
            let a = d.folded.folded_offset(c.span.end);
            let gap = &d.folded.s[a..vf.max(a)];
            let words: Vec<&str> = gap.split_whitespace().collect();
            words.len() <= 5
                && !words
                    .iter()
                    .any(|w| matches!(*w, "the" | "a" | "an" | "his" | "her" | "their"))
        };
        if let Some(c) = near
            .filter(subject)
            .filter(|_| !participle || v.cat == Cat::Clash)
        {
            let other_subject = cues.iter().any(|x| {
                x.span.start > c.span.end
                    && x.span.end <= v.span.start
                    && matches!(x.cat, Cat::CivVictim | Cat::MilTarget | Cat::ArmedTarget)
                    && !c.span.contains(x.span)
            });
            return !armed_at(c.span.start, v.span.start) && !other_subject;
        }
        return false;
    }
    false
}

/// The target of the first violent verb of the incident: (armed, civilian, a settlement).
/// The third flag says the civilian target is a place ("attacked the village of X"), not
/// people: whether it was defended is told by who died there.
fn target_of_first_verb(
    d: &Doc,
    inc: &Incident,
    resolved: &[(Actor, Span)],
) -> (bool, bool, bool, bool) {
    let mut armed = false;
    let mut civ = false;
    let mut place = false;
    for &si in &inc.seeds {
        let s = &d.sents[si];
        let cues = &d.cues[s.cues.clone()];
        let Some(vi) = cues.iter().position(|c| {
            matches!(
                c.cat,
                Cat::Attack
                    | Cat::Ambush
                    | Cat::Kill
                    | Cat::Shoot
                    | Cat::Assault
                    | Cat::Abduct
                    | Cat::Clash
                    | Cat::Ied
                    | Cat::Air
                    | Cat::Shelling
                    | Cat::Explosion
            )
        }) else {
            continue;
        };
        let v = cues[vi];
        if v.cat == Cat::Clash {
            return (true, false, false, false);
        }
        let classify_at = |cat: Option<Cat>, kind: Option<ActorKind>| -> Option<bool> {
            match (cat, kind) {
                (Some(Cat::MilTarget | Cat::ArmedTarget), _) => Some(true),
                (Some(Cat::CivVictim | Cat::OffDuty), _) => Some(false),
                (_, Some(ActorKind::Civilian)) => Some(false),
                (_, Some(k)) if k.is_armed() => Some(true),
                _ => None,
            }
        };
        // elements after the verb (up to 120 bytes), then before it (passive "soldiers were killed")
        let mut items: Vec<(Span, Option<Cat>, Option<ActorKind>)> = Vec::new();
        for c in cues {
            // "hommes" inside "hommes armés" is the armed actor, not a victim
            let inside_actor = resolved
                .iter()
                .any(|(a, sp)| a.kind.is_armed() && sp.contains(c.span));
            if matches!(
                c.cat,
                Cat::MilTarget | Cat::ArmedTarget | Cat::CivVictim | Cat::OffDuty
            ) && !inside_actor
            {
                items.push((c.span, Some(c.cat), None));
            }
        }
        for (a, sp) in resolved {
            if s.span.contains(*sp) {
                // "soldiers killed two Fulani herdsmen": a community's name on a civilian noun
                // is the attackers' word for a militia, but as the object of the killing it
                // names herders
                let civil_noun = cues
                    .iter()
                    .any(|c| c.cat == Cat::CivVictim && sp.contains(c.span));
                let kind = if civil_noun && a.kind == ActorKind::Militia {
                    ActorKind::Civilian
                } else {
                    a.kind
                };
                items.push((*sp, None, Some(kind)));
            }
        }
        let after = items
            .iter()
            .filter(|(sp, _, _)| sp.start >= v.span.end && sp.start - v.span.end < 120)
            .min_by_key(|(sp, _, _)| sp.start);
        let before = items
            .iter()
            .filter(|(sp, _, _)| sp.end <= v.span.start && v.span.start - sp.end < 60)
            .max_by_key(|(sp, _, _)| sp.end);
        let folded_before =
            &d.folded.s[d.folded.folded_offset(s.span.start)..d.folded.folded_offset(v.span.start)];
        // "injured in a drive-by shooting by two armed men": what follows "by" is the agent
        let agent_after = after.is_some_and(|(sp, _, _)| {
            let a = d.folded.folded_offset(v.span.end);
            let b = d.folded.folded_offset(sp.start).max(a);
            let gap = &d.folded.s[a..b];
            gap.contains(" by ") || gap.contains(" par ")
        });
        // "a MINUSMA vehicle was damaged by an IED": the weapon is the agent of a passive
        let weapon_agent = {
            let t = folded_before.trim_end();
            [
                " by", " by an", " by a", " by the", " par un", " par une", " par des",
            ]
            .iter()
            .any(|w| t.ends_with(w))
        };
        let passive = agent_after || weapon_agent || ends_with_auxiliary(folded_before);
        // in a passive clause what follows the verb is the agent ("killed ... by gunmen")
        // active voice: the target follows the verb; with nothing after it, a target word
        // right before ("FAMa checkpoint attacked", "villagers killed") is the target, but
        // an armed group there is the subject
        let target_like = |x: &&(Span, Option<Cat>, Option<ActorKind>)| {
            matches!(x.1, Some(Cat::MilTarget | Cat::CivVictim | Cat::OffDuty))
        };
        let pick = if agent_after {
            // "attacks by JNIM militants targeting FAMa positions": the target follows the agent
            let agent_end = after.map_or(v.span.end, |x| x.0.end);
            before.or_else(|| {
                items
                    .iter()
                    .filter(|(sp, _, _)| sp.start >= agent_end && sp.start - v.span.end < 120)
                    .filter(target_like)
                    .min_by_key(|(sp, _, _)| sp.start)
            })
        } else if passive {
            before
        } else {
            after.or(before.filter(target_like))
        };
        if let Some((sp, cat, kind)) = pick {
            match classify_at(*cat, *kind) {
                Some(true) => armed = true,
                Some(false) => civ = true,
                None => {}
            }
            let w = &d.folded.s[d.folded.folded_offset(sp.start)..d.folded.folded_offset(sp.end)];
            place = civ
                && (matches!(
                    w,
                    "village" | "villages" | "hamlet" | "hamlets" | "quartier"
                ) || w.starts_with("settlement")
                    || w.starts_with("hameau"));
        }
        // "3 people were killed in an attack by gunmen on an army post": the attack's object
        // names the target; the dead, told only as "people", may be the post's soldiers
        let generic_dead = pick.is_some_and(|(sp, _, _)| {
            let w = &d.folded.s[d.folded.folded_offset(sp.start)..d.folded.folded_offset(sp.end)];
            matches!(
                w,
                "people" | "persons" | "person" | "individuals" | "personnes"
            )
        });
        let attack_on_armed = cues
            .iter()
            .filter(|c| matches!(c.cat, Cat::Attack | Cat::Ambush))
            .any(|c| {
                let obj = items
                    .iter()
                    .filter(|(sp, _, _)| sp.start >= c.span.end && sp.start - c.span.end < 100)
                    .filter(|(sp, _, _)| {
                        let a = d.folded.folded_offset(c.span.end);
                        let b = d.folded.folded_offset(sp.start).max(a);
                        let gap = &d.folded.s[a..b];
                        [" on ", " against ", "targeting", " contre "]
                            .iter()
                            .any(|k| gap.contains(k) || gap.starts_with(k.trim_start()))
                    })
                    .min_by_key(|(sp, _, _)| sp.start);
                obj.is_some_and(|(_, cat, kind)| classify_at(*cat, *kind) == Some(true))
            });
        if civ && generic_dead && attack_on_armed {
            armed = true;
            civ = false;
        }
        // off-duty or unarmed victims are civilians (DR-12)
        if cues.iter().any(|c| c.cat == Cat::OffDuty) {
            civ = true;
            armed = false;
            place = false;
        }
        return (armed, civ, place, attack_on_armed);
    }
    (armed, civ, place, false)
}

fn better_geo(new: Option<&Geo>, old: Option<&Geo>) -> bool {
    match (new, old) {
        // `in Ain Defla province ... 150 km southwest of the capital Algiers`: a place the
        // event is only near, outside the first-level unit the report stated, is a landmark,
        // not a closer look at the place
        (Some(n), Some(o))
            if o.geo_precision == 3
                && n.geo_precision == 2
                && !o.admin1.is_empty()
                && (n.country != o.country || n.admin1 != o.admin1) =>
        {
            false
        }
        (Some(n), Some(o)) => n.geo_precision < o.geo_precision,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Indices of `items` (sorted by start) whose span starts inside `sp`; `cursor` advances.
fn range_in<T>(
    items: &[T],
    cursor: &mut usize,
    sp: Span,
    f: impl Fn(&T) -> Span,
) -> std::ops::Range<usize> {
    while *cursor < items.len() && f(&items[*cursor]).start < sp.start {
        *cursor += 1;
    }
    let start = *cursor;
    let mut end = start;
    while end < items.len() && f(&items[end]).start < sp.end {
        end += 1;
    }
    *cursor = end;
    start..end
}

/// Whether the date starting at `at` opens a period ("since early January 2019", "depuis le
/// debut de l'annee") or closes a count ("as of Tuesday"): the bounds of a running tally, not
/// the date of an incident. Returns (opens, closes).
fn period_start(folded: &Folded, span: Span) -> (bool, bool) {
    let fs = folded.folded_offset(span.start);
    let fe = folded.folded_offset(span.end);
    let mut before = folded.s[..fs].trim_end();
    // "from late March 2019 until today"
    let after = folded.s[fe..].trim_start();
    if before.ends_with(" from")
        && ["until ", "till ", "to today", "to date", "through "]
            .iter()
            .any(|w| after.starts_with(w))
    {
        return (true, false);
    }
    if before.ends_with(" as of") || before == "as of" || before.ends_with("\nas of") {
        return (false, true);
    }
    // "since 24th of March 2019": the day may stand outside the matched month
    let day = before
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if before.ends_with(" of") || (!day.is_empty() && day.bytes().all(|b| b.is_ascii_digit())) {
        let t = before.strip_suffix(" of").unwrap_or(before).trim_end();
        let w = t.rsplit(' ').next().unwrap_or("");
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if !digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()) {
            before = t[..t.len() - w.len()].trim_end();
            before = before.strip_suffix(" the").unwrap_or(before);
        }
    }
    for lead in [
        " the start of",
        " the beginning of",
        " the end of",
        " le debut de",
        " la fin de",
        " debut",
        " fin",
    ] {
        if let Some(b) = before.strip_suffix(lead) {
            before = b.trim_end();
            break;
        }
    }
    // "in hiding since the Feb. 1 coup": the date names the event that opened the period
    // ("since their February 1 coup", "since its March offensive")
    for det in [
        " the", " their", " its", " his", " her", " our", " this", " that",
    ] {
        if let Some(b) = before.strip_suffix(det) {
            before = b;
            break;
        }
    }
    let last = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    (matches!(last, "since" | "depuis"), false)
}

/// Whether a sentence names a year before the publication year (a past event or a trend).
fn mentions_other_year(s: &str, published: NaiveDate) -> bool {
    let y = chrono::Datelike::year(&published);
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && (i + 4 == b.len() || !b[i + 4].is_ascii_alphanumeric())
        {
            // "2000 people demonstrated": a count, not a year
            let next = s[i + 4..]
                .trim_start()
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let count = matches!(
                next.as_str(),
                "people"
                    | "persons"
                    | "protesters"
                    | "demonstrators"
                    | "protestors"
                    | "marchers"
                    | "supporters"
                    | "residents"
                    | "students"
                    | "workers"
                    | "members"
                    | "soldiers"
                    | "troops"
                    | "civilians"
                    | "men"
                    | "women"
                    | "fighters"
                    | "militants"
                    | "refugees"
                    | "families"
                    | "households"
                    | "displaced"
                    | "personnes"
                    | "manifestants"
                    | "militaires"
                    | "soldats"
                    | "habitants"
            );
            if let Ok(n) = s[i..i + 4].parse::<i32>() {
                if (1900..=2100).contains(&n) && n < y && !count {
                    return true;
                }
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    false
}

/// Whether a date mention dates a statement ("said on Monday that ...", "the army stated
/// Sunday") or the report itself (a dateline: "May 28, 2021: ...", "January 17, 2021
/// (GADAREF) –"), not an incident.
fn reporting_date(d: &Doc, i: usize) -> bool {
    const REPORTING: &[&str] = &[
        "said",
        "told",
        "reported",
        "announced",
        "stated",
        "declared",
        "added",
        "indicated",
        "confirmed",
        "wrote",
        "tweeted",
        "condemned",
        "denounced",
        "statement",
        "blamed",
        "updated",
        "posted",
        "released",
        "published",
        "issued",
        "indique",
        "declare",
        "annonce",
        "rapporte",
        "affirme",
        "precise",
        "explique",
        "confirme",
        "condamne",
        "denonce",
    ];
    let m = &d.dates[i];
    let line_start = d.text[..m.span.start]
        .trim_end_matches([' ', '\t'])
        .ends_with('\n')
        || d.text[..m.span.start].trim().is_empty();
    if line_start {
        let mut after = d.text[m.span.end..].trim_start_matches(' ');
        // "January 17, 2021 (GADAREF) –": a place in brackets may stand before the dash
        if let Some(rest) = after.strip_prefix('(') {
            if let Some(close) = rest.find(')').filter(|&c| c < 40) {
                after = rest[close + 1..].trim_start_matches(' ');
            }
        }
        // ... or stands as a line of its own ("Thursday, August 5, 2021")
        if after.starts_with([':', '\u{2013}', '\u{2014}', '-', '\n', '\r']) || after.is_empty() {
            return true;
        }
    }
    let fs = d.folded.folded_offset(m.span.start);
    let before = d.folded.s[..fs].trim_end();
    let before = before
        .strip_suffix(" on")
        .or_else(|| before.strip_suffix(" ce"))
        .unwrap_or(before);
    // a page's "Updated: May 17" / "Posted: ..." line
    let before = before.strip_suffix(':').unwrap_or(before).trim_end();
    let last = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if REPORTING.contains(&last) {
        return true;
    }
    // "a statement on Wednesday said", "security sources on Thursday reported" (but "clashes
    // erupted on Wednesday, said a statement" dates the clashes)
    let fe = d.folded.folded_offset(m.span.end);
    let next = d.folded.s[fe..]
        .trim_start_matches(' ')
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if REPORTING.contains(&next) {
        return true;
    }
    // "sources told AFP Thursday", "told Philippine News Agency on Wednesday": "told" and
    // then only capitalised words (the outlet) before the date
    let orig = d.text[..m.span.start].trim_end();
    let orig = orig.strip_suffix(" on").unwrap_or(orig);
    // ("told reporters on Monday", "told the Philippine News Agency (PNA) over the phone on
    // Saturday": the listener and the channel)
    const CHANNEL: &[&str] = &[
        "the",
        "a",
        "an",
        "over",
        "by",
        "via",
        "in",
        "phone",
        "telephone",
        "interview",
        "reporters",
        "journalists",
        "media",
        "press",
    ];
    let words: Vec<&str> = orig.rsplit(' ').take(10).collect();
    match words.iter().position(|w| *w == "told") {
        Some(k) if k > 0 => words[..k].iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '(')
                || CHANNEL.contains(&w.trim_end_matches([',', '.']))
        }),
        _ => false,
    }
}

/// The date of the event among a sentence's date mentions: the first one that does not date
/// a statement ("said on Monday that ..."), else the first.
fn event_date_in(d: &Doc, r: std::ops::Range<usize>) -> Option<usize> {
    // "a press briefing on Monday, a few days after the Dec. 8 killing": a date that
    // qualifies an event word dates that event
    // (only over a relative day, the day things are often told: "On 6 January 2022, ... to
    // protest the 6 January 2021 riots" keeps its opening date)
    if let Some(rel) = r.clone().find(|&i| d.dates[i].relative) {
        // (a named event of months before is a label: "Protests against the Feb. 1 coup
        // continued on Thursday")
        let recent = |i: usize| (d.dates[rel].date - d.dates[i].date).num_days() <= 31;
        if let Some(i) = r.clone().find(|&i| qualifies_event(d, i) && recent(i)) {
            return Some(i);
        }
        // "authorities tagged the NPA on Monday as behind the murder of X on Sept. 30": a
        // calendar day told after the event word, earlier than the sentence's relative day
        if let Some(i) = r.clone().find(|&i| told_after_event(d, i, r.clone())) {
            return Some(i);
        }
    }
    // "Protests against the Feb. 1 coup continued on Thursday": a date naming an event of
    // over a month before the sentence's other day labels the cause, not this incident
    let label = |i: usize| {
        let m = &d.dates[i];
        d.folded.s[..d.folded.folded_offset(m.span.start)].ends_with("the ")
            && d.text[m.span.end..]
                .strip_prefix(' ')
                .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()))
            && r.clone()
                .any(|k| (d.dates[k].date - m.date).num_days() > 31)
    };
    let mut first = None;
    for i in r.clone() {
        if label(i) {
            continue;
        }
        first.get_or_insert(i);
        if !reporting_date(d, i) {
            return Some(i);
        }
    }
    first
}

/// Whether a calendar day follows an event word of its sentence and lies days before a
/// relative day of the same sentence told before it (the day of the telling).
fn told_after_event(d: &Doc, i: usize, r: std::ops::Range<usize>) -> bool {
    let m = &d.dates[i];
    if m.relative || m.precision != 1 || reporting_date(d, i) {
        return false;
    }
    let Some(rel) = r.clone().find(|&k| k < i && d.dates[k].relative) else {
        return false;
    };
    let days = (d.dates[rel].date - m.date).num_days();
    let after_trigger = d.cues.iter().any(|c| {
        TRIGGERS.contains(&c.cat)
            && c.span.start >= d.dates[rel].span.end
            && c.span.end <= m.span.start
    });
    days >= 2 && after_trigger
}

/// Whether a date stands right before an event word as its qualifier ("the Dec. 8 killing",
/// "the March 3 attack").
fn qualifies_event(d: &Doc, i: usize) -> bool {
    let m = &d.dates[i];
    if m.relative || !d.folded.s[..d.folded.folded_offset(m.span.start)].ends_with("the ") {
        return false;
    }
    let end = m.span.end;
    let rest = &d.text[end..];
    let gap = rest.len() - rest.trim_start_matches(' ').len();
    if gap == 0 || gap > 1 {
        return false;
    }
    d.cues
        .iter()
        .any(|c| c.span.start == end + gap && TRIGGERS.contains(&c.cat))
}

/// Whether an actor mention names a participant, not a source ("police said", "according to
/// the army") or the object of an accusation ("an informant for jihadist groups").
/// An actor of the engine's own making (a default, or civilians a rule infers), with no
/// associated actor.
fn plain_actor(name: String, inter: u8, kind: ActorKind, rule: &str) -> Actor {
    Actor {
        name,
        inter,
        kind,
        rule: rule.to_string(),
        assoc: None,
        state_ally: false,
        official: false,
    }
}

/// "a MINUSMA-chartered convoy", "the army's subcontractors": the actor named hired civilians,
/// who are the ones involved, not the force itself.
fn hired_by(d: &Doc, sp: Span) -> bool {
    let fe = d.folded.folded_offset(sp.end);
    // "MINUSMA-chartered", "MINUSMA's subcontractors", "MINUSMA subcontractor trucks"
    let after = d.folded.s[fe..].trim_start();
    let after = after.strip_prefix("'s").unwrap_or(after);
    let after = after.trim_start_matches(['-', ' ']);
    [
        "rented",
        "chartered",
        "contracted",
        "hired",
        "subcontractor",
        "sub-contractor",
        "contractor",
    ]
    .iter()
    .any(|w| after.starts_with(w))
}

fn participant(d: &Doc, sp: Span) -> bool {
    let fe = d.folded.folded_offset(sp.end);
    let fs = d.folded.folded_offset(sp.start);
    let after = d.folded.s[fe..].trim_start();
    let next = after
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if matches!(
        next,
        "said" | "says" | "told" | "reported" | "announced" | "confirmed" | "stated"
    ) {
        return false;
    }
    let before = &d.folded.s[floor_boundary(&d.folded.s, fs.saturating_sub(40))..fs];
    !(before.contains("according to")
        || before.contains("selon")
        || before.contains("accus")
        || before.contains("informant")
        || before.contains("supplying")
        || before.contains("collaborat"))
}

/// Auxiliaries of the state forces (Wagner, Africa Corps, VDP) become associated actors of
/// the state forces when those are named too (codebook DR-18, DR-19).
fn attach_allies(
    mut a1: Placed,
    mut a2: Option<Placed>,
    resolved: &[Placed],
) -> (Placed, Option<Placed>) {
    let Some(state) = resolved
        .iter()
        .find(|(a, _)| a.kind == ActorKind::State && a.inter == 1 && !a.official)
    else {
        return (a1, a2);
    };
    let mut allies: Vec<String> = resolved
        .iter()
        .filter(|(a, _)| a.state_ally)
        .map(|(a, _)| a.name.clone())
        .collect();
    if allies.is_empty() {
        return (a1, a2);
    }
    let is_state = |p: &Placed| p.0.name == state.0.name;
    if a1.0.state_ally && !a2.as_ref().is_some_and(is_state) {
        a1 = state.clone();
    } else if a2.as_ref().is_some_and(|x| x.0.state_ally) && !is_state(&a1) {
        a2 = Some(state.clone());
    }
    let target = if is_state(&a1) {
        Some(&mut a1)
    } else {
        a2.as_mut().filter(|x| x.0.name == state.0.name)
    };
    if let Some(t) = target {
        allies.extend(t.0.assoc.take());
        allies.sort();
        allies.dedup();
        t.0.assoc = Some(allies.join("; "));
    }
    (a1, a2)
}

/// The first capitalised name after a locative preposition in the incident's seed sentences
/// that is no actor, country or common word: a place the gazetteer does not know.
fn unresolved_place(d: &Doc, inc: &Incident) -> Option<(Span, String)> {
    static RE: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"\b(?:(?:in|at|near|outside|around|of|between|à|près de|dans|entre)\s+(?:the\s+)?(?:(?:village|town|locality|hamlet|commune|area|localité|région|cercle)\s+(?:of\s+|de\s+)?)?|(?:village|hamlet|localité)\s+(?:of\s+|de\s+)?)(\p{Lu}[\p{L}'’-]+(?:[- ]\p{Lu}[\p{L}'’-]+)?)",
        )
        .ok()
    });
    const COMMON: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "the",
        "a",
        "an",
        "this",
        "his",
        "her",
        "their",
        "its",
        "christmas",
        "ramadan",
        "eid",
        "operation",
        "parliament",
        "government",
        "president",
        "minister",
        "ministry",
        "army",
        "police",
        "region",
        "north",
        "south",
        "east",
        "west",
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "un",
        "mr",
        "mrs",
    ];
    let re = RE.as_ref()?;
    let mut people = None;
    for &si in &inc.seeds {
        let s = d.sents[si].span;
        let sent = &d.text[s.start..s.end];
        for c in re.captures_iter(sent) {
            let m = c.get(1)?;
            let sp = Span::new(s.start + m.start(), s.start + m.end());
            let key = crate::text::fold_key(m.as_str());
            let first = key.split(' ').next().unwrap_or("");
            if COMMON.contains(&first) || key.len() < 3 {
                continue;
            }
            let overlaps = |x: &Span| x.start < sp.end && sp.start < x.end;
            if d.actors.iter().any(|a| overlaps(&a.span))
                || d.ctx.exclude.iter().any(overlaps)
                || d.country_spans.iter().any(overlaps)
            {
                continue;
            }
            // a firm (`workers at Schott company`, `the Dangote factory`) is no place
            if names_organisation(&d.text[sp.end..]) {
                continue;
            }
            let found = (sp, crate::text::ascii_name(m.as_str()));
            // a people (`the Imghad community`) only when the text names no other place
            if names_people(&d.text[sp.end..]) {
                people.get_or_insert(found);
                continue;
            }
            return Some(found);
        }
    }
    people
}

/// True when the word after a capitalised name makes it a firm, not a place: `Schott company`,
/// `Dangote factory`, `Volta plant`.
fn names_organisation(after: &str) -> bool {
    let next = after
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .map(crate::text::fold_key)
        .unwrap_or_default();
    matches!(
        next.as_str(),
        "company"
            | "companies"
            | "corporation"
            | "firm"
            | "factory"
            | "factories"
            | "plant"
            | "group"
            | "bank"
            | "airlines"
            | "ltd"
            | "inc"
            | "plc"
            | "entreprise"
            | "societe"
            | "usine"
    )
}

/// True when the words after a capitalised name make it a people, not a place: `the Imghad
/// community`, `an Idarfane camp`, `the Ahel Taleb Arab tribe`, `the Fulani (Rimaibe)
/// village of Meou` (but `in Fafa village` is Fafa).
fn names_people(after: &str) -> bool {
    let mut rest = after.trim_start();
    if let Some(r) = rest.strip_prefix('(') {
        rest = r.split_once(')').map_or("", |x| x.1).trim_start();
    }
    let words: Vec<String> = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(3)
        .map(crate::text::fold_key)
        .collect();
    let w = |i: usize| words.get(i).map_or("", String::as_str);
    let settlement_of = |i: usize| {
        matches!(w(i), "village" | "hamlet" | "camp" | "camps" | "villages")
            && matches!(w(i + 1), "of" | "de")
    };
    crate::geo::is_community_word(w(0))
        || matches!(w(0), "camp" | "camps")
        || settlement_of(0)
        // `Ahel Taleb Arab community`: one more capitalised word before the people word
        || (rest.starts_with(char::is_uppercase)
            && (crate::geo::is_community_word(w(1)) || matches!(w(1), "camp" | "camps")))
}

/// Whether a country name is the topic of what is said, not where it happens ("the war in
/// Ukraine", "solidarity with Palestine", "the embassy of Russia").
fn topic(folded: &Folded, sp: Span) -> bool {
    const CUES: &[&str] = &[
        "war in",
        "war on",
        "war against",
        "invasion of",
        "invasion in",
        "solidarity with",
        "support of",
        "support for",
        "against",
        "embassy of",
        "consulate of",
        "refugees from",
        "sanctions on",
        "guerre en",
        "guerre contre",
        "solidarite avec",
        "soutien a",
        "contre",
        "ambassade de",
        "ambassade du",
    ];
    let fs = folded.folded_offset(sp.start);
    let start = floor_boundary(&folded.s, fs.saturating_sub(24));
    let before = folded.s[start..fs].trim_end();
    let before = before.strip_suffix(" the").unwrap_or(before);
    CUES.iter().any(|c| before.ends_with(c))
}

/// Whether a country adjective qualifies who acts rather than where: "alleged Russian
/// strikes", "Turkish bombardment", "Russian or regime planes", "Russian President".
/// "Turkish-backed factions", "Iran-aligned rebels": whoever they are, the country (a name
/// or an adjective) is their sponsor, not the place. `w` is the word glued after it.
fn sponsor_of(w: &str) -> bool {
    ["-backed", "-aligned", "-supported", "-sponsored"]
        .iter()
        .any(|s| w.ends_with(s))
}

/// A country named as the one blamed for an attack: "blamed Russia", "attributed the strikes
/// to Turkey", "whether Russia or the regime was responsible". Who did it, not where.
fn blamed(folded: &Folded, sp: Span) -> bool {
    let fs = folded.folded_offset(sp.start);
    let fe = folded.folded_offset(sp.end);
    let start = floor_boundary(&folded.s, fs.saturating_sub(40));
    let words_before: Vec<&str> = folded.s[start..fs]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let before = &words_before[words_before.len().saturating_sub(4)..];
    // the clause must not end between the cue and the name
    let gap_clean = !folded.s[start..fs].contains(['.', ';', ':']);
    let cue_before = gap_clean
        && before.iter().any(|w| {
            matches!(
                *w,
                "blamed" | "blaming" | "blames" | "attributed" | "attributing" | "attributes"
            )
        });
    let after = folded.s.get(fe..).unwrap_or("");
    let after = after.split(['.', ';', ',']).next().unwrap_or("");
    let words_after: Vec<&str> = after.split_whitespace().take(5).collect();
    let responsible = words_after
        .windows(2)
        .any(|w| matches!(w[0], "was" | "were" | "is" | "are") && w[1] == "responsible");
    cue_before || responsible
}

/// A country name glued to a sponsor word (`Iran-backed`, `Turkey-backed`).
fn sponsor_name(folded: &Folded, sp: Span) -> bool {
    let fe = folded.folded_offset(sp.end);
    let after = folded.s.get(fe..).unwrap_or("");
    sponsor_of(
        after
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .next()
            .unwrap_or(""),
    )
}

fn foreign_agent(folded: &Folded, sp: Span) -> bool {
    const AGENTS: &[&str] = &[
        "strike",
        "strikes",
        "airstrike",
        "airstrikes",
        "air",
        "raid",
        "raids",
        "bombardment",
        "bombardments",
        "bombing",
        "bombings",
        "shelling",
        "shells",
        "planes",
        "warplanes",
        "jets",
        "aircraft",
        "drone",
        "drones",
        "helicopter",
        "helicopters",
        "artillery",
        "missile",
        "missiles",
        "rockets",
        "troops",
        "soldiers",
        "forces",
        "army",
        "military",
        "mercenaries",
        "president",
        "presidents",
        "government",
        "officials",
        "authorities",
        "minister",
        "ministers",
        "ministry",
        "counterpart",
        "intervention",
        "embassy",
        "media",
    ];
    let fe = folded.folded_offset(sp.end);
    let after = folded.s.get(fe..).unwrap_or("");
    let mut words = after
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty());
    let mut w = words.next().unwrap_or("");
    // "Russian or regime strikes", "Russian-led forces"
    if w == "or" || w == "and" {
        words.next();
        w = words.next().unwrap_or("");
    }
    if sponsor_of(w) {
        return true;
    }
    let w = w
        .strip_suffix("-led")
        .map_or(w, |_| words.next().unwrap_or(""));
    AGENTS.contains(&w)
}

/// Whether a country adjective names a language: "speaking French", "in English.", "a
/// French accent", "the English-speaking regions".
fn language_use(folded: &Folded, sp: Span) -> bool {
    let fs = folded.folded_offset(sp.start);
    let fe = folded.folded_offset(sp.end);
    let before = folded.s.get(..fs).unwrap_or("").trim_end();
    let after = folded.s.get(fe..).unwrap_or("");
    let next = after
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let prev = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    matches!(
        next,
        "accent" | "language" | "languages" | "speaking" | "speaker" | "speakers" | "translation"
    ) || matches!(prev, "speak" | "speaks" | "speaking" | "spoke" | "spoken")
        || (prev == "in" && after.starts_with(['.', ',', ';', ')']))
}

/// `Athens (Georgia)`: the capitalised name (up to three words) right before a parenthesis
/// that holds only the text at `sp`.
fn parenthesised_unit(text: &str, sp: Span) -> Option<&str> {
    let before = text
        .get(..sp.start)?
        .trim_end()
        .strip_suffix('(')?
        .trim_end();
    text.get(sp.end..)?.trim_start().strip_prefix(')')?;
    let mut start = before.len();
    for (k, w) in before.rsplit(' ').enumerate() {
        if k == 3 || !w.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        start -= w.len() + usize::from(start < before.len());
    }
    let name = before.get(start..)?.trim();
    (!name.is_empty()).then_some(name)
}

/// Whether a country's name or adjective follows `pro-` or `anti-` (`pro-Russia`,
/// `anti-French`): the text's stance towards that country, not its place.
fn stance(folded: &Folded, sp: Span) -> bool {
    let fs = folded.folded_offset(sp.start);
    let before = folded.s.get(..fs).unwrap_or("");
    let word_start = |p: &str| {
        before
            .strip_suffix(p)
            .is_some_and(|b| b.chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
    };
    word_start("pro-") || word_start("anti-")
}

/// Whether a country name follows a locative preposition ("fighting in Syria", "across
/// Nigeria"): the text says things happen there.
fn located_in(folded: &Folded, sp: Span) -> bool {
    let fs = folded.folded_offset(sp.start);
    let before = folded.s.get(..fs).unwrap_or("").trim_end();
    [" in", " across", " throughout", " inside"]
        .iter()
        .any(|p| before.ends_with(p))
}

/// A capitalised word that does not open a sentence or line: a proper name.
fn proper_name_inside(text: &str, sp: Span) -> bool {
    let upper = text
        .get(sp.start..)
        .and_then(|t| t.chars().next())
        .is_some_and(char::is_uppercase);
    let before = text
        .get(..sp.start)
        .unwrap_or("")
        .trim_end_matches([' ', '\t']);
    let opens = before.is_empty()
        || before.ends_with(['.', '!', '?', '\n', ':', '"', '“', '(', '-', '–', '—']);
    upper && !opens
}

/// The largest char boundary of `s` at or below `i`.
/// Whether the place at `p` in the sentence `sent` is where the wounded or dead were taken
/// for care ("hospitalized in B", "taken to a hospital in B", "died at the General Hospital
/// of B", "rushed to the B clinic"), not where the incident happened. A hospital attacked
/// ("an airstrike hit a hospital in B") is the incident's place: a care verb must lead.
fn care_place(text: &str, sent: Span, p: Span) -> bool {
    const CARE: [&str; 3] = ["hospital", "clinic", "infirmar"];
    const VERB: [&str; 14] = [
        "hospitali",
        "taken",
        "rushed",
        "transferred",
        "evacuated",
        "admitted",
        "treated",
        "airlifted",
        "brought",
        "died",
        "succumbed",
        "transported",
        "treatment",
        "condition",
    ];
    let from = floor_boundary(text, p.start.saturating_sub(60).max(sent.start));
    let before = text[from..p.start].to_lowercase();
    // the care verb and word in the same clause just before the place
    let near = before.rsplit([',', ';', ':', '(']).next().unwrap_or("");
    if !VERB.iter().any(|v| near.contains(v)) {
        return false;
    }
    let last = near.split_whitespace().next_back().unwrap_or("");
    // "hospitalized in B", "to a hospital in B", "the General Hospital of B"
    if near.contains("hospitali") && matches!(last, "in" | "at") {
        return true;
    }
    if CARE.iter().any(|w| near.contains(w)) && matches!(last, "in" | "at" | "of" | "de" | "del") {
        return true;
    }
    // "transferred to the B hospital", "rushed to B clinic"
    let to = floor_boundary(text, (p.end + 30).min(sent.end));
    let after = text.get(p.end..to).unwrap_or("").to_lowercase();
    let next = text
        .get(p.end..to)
        .unwrap_or("")
        .split_whitespace()
        .position(|w| w.chars().next().is_some_and(|c| c.is_lowercase()))
        .and_then(|k| after.split_whitespace().nth(k));
    matches!(last, "the" | "a" | "to" | "at")
        && next.is_some_and(|w| CARE.iter().any(|c| w.starts_with(c)))
}

/// Whether a clause (folded) tells a wounded victim's later death ("died of his wounds",
/// "succumbed to her injuries", "later died in hospital").
fn died_of_wounds(f: &str) -> bool {
    [
        "died of his wounds",
        "died of her wounds",
        "died of their wounds",
        "died of his injuries",
        "died of her injuries",
        "died of their injuries",
        "died from his injuries",
        "died from her injuries",
        "died from their injuries",
        "died from his wounds",
        "died from her wounds",
        "died from their wounds",
        "succumbed to",
        "later died",
        "died later",
        "died in hospital",
        "died in the hospital",
        "succombe",
    ]
    .iter()
    .any(|w| f.contains(w))
}

/// Whether the place at `p` in the sentence `sent` is where a victim lived or came from ("a
/// woman, a resident of the town of B,", "a native of B", "originally from B"), where the
/// victims were travelling from or to ("returning from the market in B", "on their way to
/// B") or where survivors fled ("fled to B"), not where the incident happened. Only a single
/// person's description: "residents of B protested" is B.
fn home_place(text: &str, sent: Span, p: Span) -> bool {
    // (not "a resident of B", often the witness who saw it there)
    const AWAY: [&str; 17] = [
        "a native of",
        "a neighbor of",
        "a neighbour of",
        "originally from",
        "hailing from",
        "who hailed from",
        "who was from",
        "who were from",
        "returning from",
        "returning to",
        "coming from",
        "way from",
        "way to",
        "travelling from",
        "traveling from",
        "bound for",
        "fled to",
    ];
    let from = floor_boundary(text, p.start.saturating_sub(60).max(sent.start));
    let orig = &text[from..p.start];
    let before = orig.to_ascii_lowercase();
    let cut = before.rfind([',', ';', ':', '(']).map_or(0, |k| k + 1);
    let near = &before[cut..];
    // the phrase, then at most a few small words ("the market in", "the town of") before the
    // place; not a route ("from A to B": the road between) nor a named place between
    AWAY.iter().any(|w| {
        near.rfind(w).is_some_and(|k| {
            let at = cut + k + w.len();
            let rest = &orig[at..];
            (rest.is_empty() || rest.starts_with(' '))
                && rest.split_whitespace().count() <= 3
                && rest
                    .split_whitespace()
                    .all(|x| x.chars().all(|c| c.is_lowercase()) && x != "to" && x != "and")
        })
    })
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether a clause (folded) ties the report to an earlier or later happening ("The
/// operation came two days after a deadly attack on ...", "This happened a week after ...",
/// "The clashes come just hours before ...", "The latest attack follows another in B, where
/// ..."): what follows is context told to date this
/// report, not more of its incident, and its subject (a few words opening the clause) is
/// the incident told before. "... the attack, which happened days before" is no such link.
fn comes_after_other(f: &str) -> bool {
    static RE: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:this|that|it|the\s+[^,;]{0,60}?|[^,;\s]+)\s+(?:also\s+)?(?:came|comes|follows|followed|happened|occurred|took place)\s+(?:just\s+|only\s+|barely\s+|less than\s+)?(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|some|\d+)\s+)?(?:days?|weeks?|hours?|months?)\s+(?:after|before)\b|^(?:this|that|it|the\s+[^,;]{0,60}?)\s+(?:follows|followed|came\s+after|comes\s+after)\s+(?:another|an\s+earlier|a\s+similar|a\s+previous|a\s+prior)\b",
        )
        .ok()
    });
    RE.as_ref().is_some_and(|re| re.is_match(f))
}

/// Whether a span reports deaths of an incident (not a cumulative toll, not "no casualties").
fn has_toll(d: &Doc, sp: Span) -> bool {
    find_fatalities_folded(d.text, &d.folded, sp)
        .iter()
        .any(|m| matches!(m.kind, FatalityKind::Incident | FatalityKind::Claim))
}

/// Whether a clause (folded) opens on a discourse cue that moves the report to another
/// incident: "In a separate incident", "In another attack", "Separately", "Elsewhere",
/// "Meanwhile", "Similarly" (and French "Dans une autre attaque", "Par ailleurs", "Ailleurs").
/// "In a related development" and other follow-ups of the same story are not among them.
fn opens_other_incident(f: &str) -> u8 {
    let f = f.trim_start_matches(|c: char| !c.is_alphanumeric());
    let opens = |w: &&str| {
        f.strip_prefix(*w)
            .is_some_and(|r| r.is_empty() || r.starts_with([',', ' ', ';']))
    };
    const STRONG: [&str; 5] = [
        "separately",
        "elsewhere",
        "similarly",
        "in other news",
        "ailleurs",
    ];
    const WEAK: [&str; 4] = [
        "meanwhile",
        "in the meantime",
        "on the other hand",
        "par ailleurs",
    ];
    if STRONG.iter().any(opens) {
        return 2;
    }
    if WEAK.iter().any(opens) {
        return 1;
    }
    // "in a separate incident", "in another attack", "in a second ambush", "dans une autre attaque"
    const KINDS: [&str; 24] = [
        "incident",
        "attack",
        "assault",
        "ambush",
        "raid",
        "encounter",
        "clash",
        "explosion",
        "blast",
        "bombing",
        "strike",
        "airstrike",
        "shooting",
        "killing",
        "operation",
        "fighting",
        "development",
        "event",
        "episode",
        "attaque",
        "embuscade",
        "explosion",
        "affrontement",
        "operation",
    ];
    let rest = [
        "in a separate ",
        "in another ",
        "in a second ",
        "in a similar ",
        "in a different ",
        "in a new ",
        "dans une autre ",
        "dans un autre ",
        "lors d'une autre ",
    ]
    .iter()
    .find_map(|p| f.strip_prefix(p));
    let other = rest.is_some_and(|r| {
        // one adjective may stand before the noun ("in another deadly attack")
        let mut words = r
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty());
        let w1 = words.next().unwrap_or("");
        let w2 = words.next().unwrap_or("");
        let kind = |w: &str| KINDS.iter().any(|k| w.starts_with(k));
        kind(w1) || kind(w2)
    });
    u8::from(other) * 2
}

fn d_has_absolute(ms: &[DateMention]) -> bool {
    ms.iter().any(|m| !m.relative)
}

fn latest_absolute_date(text: &str) -> Option<NaiveDate> {
    let far = NaiveDate::from_ymd_opt(9999, 12, 31)?;
    find_dates(text, far)
        .into_iter()
        .filter(|m| !m.relative && m.precision == 1)
        .map(|m| m.date)
        .max()
}

fn km(la1: f64, lo1: f64, la2: f64, lo2: f64) -> f64 {
    let r = 6371.0f64;
    let (p1, p2) = (la1.to_radians(), la2.to_radians());
    let dp = (la2 - la1).to_radians();
    let dl = (lo2 - lo1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * r * a.sqrt().asin()
}

fn diag(severity: Severity, code: &'static str, message: String, span: Option<Span>) -> Diagnostic {
    Diagnostic {
        severity,
        code,
        message,
        span,
    }
}

/// Our own summary of the record, in ACLED's note pattern (codebook 1.5).
fn notes(ev: &Event) -> String {
    let date = ev
        .event_date
        .map(|d| d.format("%-d %B %Y").to_string())
        .unwrap_or_default();
    let when = match ev.time_precision {
        1 => format!("On {date}"),
        2 => format!("Around {date} (as reported)"),
        _ => format!(
            "In {} (as reported)",
            ev.event_date
                .map(|d| d.format("%B %Y").to_string())
                .unwrap_or_default()
        ),
    };
    let place = if ev.location.is_empty() {
        ev.country.clone()
    } else if ev.admin2.is_empty() {
        format!("{} ({})", ev.location, ev.admin1)
    } else {
        format!("{} ({}, {})", ev.location, ev.admin2, ev.admin1)
    };
    let who = if ev.actor2.is_empty() {
        ev.actor1.clone()
    } else {
        format!("{} and {}", ev.actor1, ev.actor2)
    };
    format!(
        "{when}, {} ({}) involving {who} in {place}. {} fatalities.",
        ev.event_type, ev.sub_event_type, ev.fatalities
    )
}

/// Clauses of a sentence that may report their own incident: split before "; ", ", and
/// then", ", then", ", before", ", while" (the incident builder merges them back when nothing
/// conflicts).
fn clauses(text: &str, sp: Span) -> Vec<Span> {
    const MARKS: &[&str] = &["; ", ", and then ", ", then ", ", before ", ", while "];
    let s = &text[sp.start..sp.end];
    let mut cuts: Vec<usize> = Vec::new();
    for m in MARKS {
        let mut from = 0;
        while let Some(p) = s[from..].find(m) {
            let at = from + p + 1; // keep the comma or semicolon with the first clause
            cuts.push(at);
            from = at + 1;
        }
    }
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut start = 0;
    for c in cuts {
        if c > start + 20 && s.len() - c > 20 {
            out.push(Span::new(sp.start + start, sp.start + c));
            start = c;
        }
    }
    out.push(Span::new(sp.start + start, sp.end));
    out.into_iter()
        .map(|x| {
            let t = &text[x.start..x.end];
            let lead = t.len() - t.trim_start().len();
            Span::new(x.start + lead, x.start + lead + t.trim().len())
        })
        .filter(|x| !x.is_empty())
        .collect()
}

/// Length of a dateline at the start of a sentence: an upper-case place name, optionally a
/// date or agency, then a dash or colon ("BAMAKO, June 18 - ", "NIAMEY (AFP) — ").
fn dateline_len(s: &str) -> usize {
    let caps = s
        .char_indices()
        .find(|(_, c)| !(c.is_uppercase() || matches!(c, ' ' | '-' | '\'' | '.')))
        .map_or(s.len(), |(i, _)| i);
    let name = s[..caps].trim_end_matches([' ', '-']);
    if name.chars().filter(|c| c.is_uppercase()).count() < 3 {
        return title_dateline_len(s);
    }
    let rest = &s[name.len()..];
    let window = rest
        .char_indices()
        .take_while(|(i, _)| *i < 40)
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    for sep in [" - ", " -- ", " — ", " – ", ": "] {
        if let Some(p) = rest[..window].find(sep) {
            let between = &rest[..p];
            if between.is_empty() || between.starts_with([',', ' ', '(']) {
                return name.len() + p + sep.len();
            }
        }
    }
    title_dateline_len(s)
}

/// A dateline in title case: "Addis Abeba, March 08/2021 – ", "Kano, 12 May 2021 - ": one
/// to four capitalised words, a comma, a day with its month (and year) and a dash. The
/// date is when the story was filed, not when its incident happened.
fn title_dateline_len(s: &str) -> usize {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let head = &s[..floor_boundary(s, 40)];
    let Some(comma) = head.find(", ") else {
        return 0;
    };
    let name = &s[..comma];
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() > 4
        || !words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '\'' | '-' | '.'))
        })
    {
        return 0;
    }
    let rest = &s[comma + 2..];
    let window = &rest[..floor_boundary(rest, 28)];
    for sep in [" - ", " -- ", " — ", " – "] {
        let Some(p) = window.find(sep) else {
            continue;
        };
        let date = &rest[..p];
        let month = date.split([' ', '/', '.']).any(|w| {
            let w = w.to_lowercase();
            w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m))
        });
        let only_date = date
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '/' | '.' | ','));
        if month && only_date && date.chars().any(|c| c.is_ascii_digit()) {
            return comma + 2 + p + sep.len();
        }
    }
    0
}

/// The toll of an incident whose headline and body both give figures: the headline
/// summarises the body ("Two fighters killed in shelling" over "two fighters were killed
/// ..."), so the body's toll stands, not the sum; the headline's when the body gives none.
/// `fms[..n_head]` are the headline's mentions.
fn headline_or_body(
    text: &str,
    fms: &[crate::fatalities::FatalityMention],
    n_head: usize,
    significant: bool,
) -> (u32, crate::types::FatalityBasis, Vec<usize>) {
    let n_head = n_head.min(fms.len());
    if n_head == 0 || n_head == fms.len() {
        return incident_total(text, fms, significant);
    }
    let (bf, bb, bu) = incident_total(text, &fms[n_head..], significant);
    let (hf, hb, hu) = incident_total(text, &fms[..n_head], significant);
    let head_exact = hb == crate::types::FatalityBasis::Exact;
    if bf > 0 && (bf >= hf || !head_exact) {
        return (bf, bb, bu.into_iter().map(|u| u + n_head).collect());
    }
    if hf > 0 {
        return (hf, hb, hu);
    }
    incident_total(text, fms, significant)
}
