//! Classification of one incident into a sub-event type (codebook 2.2-2.6), from the cues of
//! its sentences and the kinds of actors named. Rule IDs (`CLS/...`) go into the evidence.

use crate::actors::ActorKind;
use crate::codebook::SubEvent;
use crate::lexicon::{Cat, Cue, NCATS};
use crate::types::Span;

/// What the classifier sees of an incident.
#[derive(Debug, Clone)]
pub struct Signals {
    counts: [u16; NCATS],
    first: [Option<Span>; NCATS],
    /// The target of the first violent verb is armed (a post, soldiers, militants).
    pub target_armed: bool,
    /// The target of the first violent verb is civilian.
    pub target_civilian: bool,
    /// That civilian target is a settlement ("attacked the village of X"), not people.
    pub target_place: bool,
    /// The one who started the violence is a crowd or a group of ordinary people.
    pub crowd_attacker: bool,
    /// Demonstrators fought, burned, smashed or seized something (same sentence as the protest).
    pub demo_acts: bool,
    /// Demonstrators were arrested or detained.
    pub demo_arrests: bool,
    /// Fighters or soldiers were killed or wounded somewhere in the incident.
    pub armed_casualties: bool,
    /// A named non-state group is the one attacked ("unknown gunmen attacked a GATIA post").
    pub named_target: bool,
    /// Kinds of actors named in the incident.
    pub kinds: Vec<ActorKind>,
    /// A communal or ethnic group is named anywhere in the incident, even as the victims'
    /// identity ("Fulani herders").
    pub communal: bool,
    /// Deaths reported in the incident.
    pub fatalities: u32,
    /// An attack or ambush whose object ("an attack on an army post") is armed.
    pub attack_on_armed: bool,
    /// An air word names the means of an attack ("attacked the post with a drone").
    pub air_as_means: bool,
}

impl Default for Signals {
    fn default() -> Self {
        Signals {
            counts: [0; NCATS],
            first: [None; NCATS],
            target_armed: false,
            target_civilian: false,
            target_place: false,
            crowd_attacker: false,
            demo_acts: false,
            demo_arrests: false,
            armed_casualties: false,
            named_target: false,
            kinds: Vec::new(),
            communal: false,
            fatalities: 0,
            attack_on_armed: false,
            air_as_means: false,
        }
    }
}

impl Signals {
    /// Count a cue.
    pub fn add(&mut self, cue: &Cue) {
        let i = cue.cat as usize;
        self.counts[i] = self.counts[i].saturating_add(1);
        if self.first[i].is_none() {
            self.first[i] = Some(cue.span);
        }
    }
    /// Whether a category was seen.
    pub fn has(&self, c: Cat) -> bool {
        self.counts[c as usize] > 0
    }
    /// The first cue of a category.
    pub fn first(&self, c: Cat) -> Option<Span> {
        self.first[c as usize]
    }
    fn kind(&self, k: ActorKind) -> bool {
        self.kinds.contains(&k)
    }
    /// Whether the incident has any event trigger at all.
    pub fn has_trigger(&self) -> bool {
        TRIGGERS.iter().any(|c| self.has(*c))
    }
}

/// Categories that can make a sentence report an event.
pub const TRIGGERS: &[Cat] = &[
    Cat::Protest,
    Cat::ProtestWeak,
    Cat::RiotAct,
    Cat::Barricade,
    Cat::Mob,
    Cat::Clash,
    Cat::Attack,
    Cat::Ambush,
    Cat::Kill,
    Cat::Injure,
    Cat::Abduct,
    Cat::Sexual,
    Cat::Air,
    Cat::Drone,
    Cat::Shelling,
    Cat::Ied,
    Cat::Suicide,
    Cat::Grenade,
    Cat::Explosion,
    Cat::Loot,
    Cat::Arrest,
    Cat::Defuse,
    Cat::SelfBlast,
    Cat::Agreement,
    Cat::BaseEst,
    Cat::Takeover,
    Cat::Retake,
    Cat::Withdraw,
    Cat::OtherSd,
    Cat::Assault,
    Cat::Shoot,
    Cat::GroundFire,
    Cat::Strike,
    Cat::Change,
    Cat::Destroy,
];

fn armed_actor_or_state(s: &Signals) -> bool {
    s.kinds.iter().any(|k| k.is_armed())
}

/// The decision: sub-event type, the cue that decided it, and the rule ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// Sub-event type.
    pub sub: SubEvent,
    /// The deciding cue's span.
    pub span: Option<Span>,
    /// Rule ID.
    pub rule: &'static str,
}

/// Classify an incident. `None` when nothing reportable happened.
pub fn classify(s: &Signals) -> Option<Decision> {
    use Cat::*;
    let d = |sub, cat: Cat, rule| {
        Some(Decision {
            sub,
            span: s.first(cat),
            rule,
        })
    };
    let armed_violence = [
        Kill, Attack, Shoot, Clash, Ambush, Abduct, Air, Shelling, Ied, Explosion, Suicide,
    ]
    .iter()
    .any(|c| s.has(*c));
    let armed_actor = s.kinds.iter().any(|k| {
        matches!(
            k,
            ActorKind::Named | ActorKind::Unidentified | ActorKind::Militia
        )
    });
    // weak cues ("gathered", "banners") count only when nothing armed happened
    let weak_protest =
        s.has(ProtestWeak) && !armed_actor && (!armed_violence || s.has(Intervention));
    let protest = s.has(Protest)
        || s.kind(ActorKind::Protester)
        || weak_protest
        || (s.has(Strike) && s.has(Crowd));
    // youths or residents fighting the police: a riot, not a battle (DR-20)
    let crowd_vs_police = !s.has(Protest)
        && s.crowd_attacker
        && (s.has(Clash) || s.has(Attack))
        && s.kind(ActorKind::State)
        && !s.kinds.iter().any(|k| {
            matches!(
                k,
                ActorKind::Named | ActorKind::Unidentified | ActorKind::Militia
            )
        });
    // barricades and burning tyres are riot acts (DR-20)
    let riot = s.has(RiotAct) || s.has(Barricade) || s.kind(ActorKind::Rioter) || crowd_vs_police;
    let riot_cat = if s.has(RiotAct) { RiotAct } else { Barricade };
    let mob = s.has(Mob);
    let air = s.has(Air) || s.has(Drone);
    let heavy = air || s.has(Shelling) || s.has(Ied) || s.has(Suicide);

    // --- demonstrations (DR-20) -----------------------------------------------------------
    // (residents barricading a road stay demonstrators even with an armed group among them)
    if (protest || riot || mob)
        && (s.kind(ActorKind::Protester) || !heavy)
        && (protest || mob || !armed_actor || (s.has(Barricade) && s.has(Crowd)))
    {
        if protest && s.has(LiveFire) && !s.has(RiotAct) && !s.has(Barricade) {
            return d(SubEvent::ExcessiveForce, LiveFire, "CLS/PROT/EXCESSIVE");
        }
        // demonstrators who fight, burn, smash or seize: a violent demonstration
        let violent_demo = protest && s.demo_acts;
        if violent_demo && !s.has(LiveFire) {
            let cat = [RiotAct, Barricade, Destroy, Clash, Assault, Abduct, Loot]
                .into_iter()
                .find(|c| s.has(*c))
                .unwrap_or(Protest);
            return d(
                SubEvent::ViolentDemonstration,
                cat,
                "CLS/RIOT/VIOLENT_DEMO_ACTS",
            );
        }
        if riot && (protest || s.has(Crowd) || s.kind(ActorKind::Rioter)) {
            // rioters with no demonstration word who fight, beat or attack people, or stone
            // the security forces: a disorderly crowd attacking outside a demonstration
            // (2.2 rank 8)
            let rioters_attack = s.kind(ActorKind::Rioter)
                && ([Kill, Assault, Attack, Clash].iter().any(|c| s.has(*c))
                    || (s.has(RiotAct) && s.kind(ActorKind::State)));
            if protest || s.kind(ActorKind::Rioter) && !mob && !rioters_attack {
                return d(
                    SubEvent::ViolentDemonstration,
                    riot_cat,
                    "CLS/RIOT/VIOLENT_DEMO",
                );
            }
            // barricades or burning tyres, with no lynching word and nobody attacked: a crowd
            // demonstrating violently, not a mob going after people (2.2 rank 7, DR-20)
            let against_people = [Kill, Assault, Injure, Attack, Clash, Shoot]
                .iter()
                .any(|c| s.has(*c));
            if !mob && !against_people && s.has(Barricade) {
                return d(
                    SubEvent::ViolentDemonstration,
                    Barricade,
                    "CLS/RIOT/VIOLENT_DEMO_CROWD",
                );
            }
            return d(SubEvent::MobViolence, Mob, "CLS/RIOT/MOB");
        }
        if mob {
            return d(SubEvent::MobViolence, Mob, "CLS/RIOT/MOB");
        }
        if protest {
            // deaths at the protest need someone who used force on it: a death with no
            // force, no shooting and no intervention is what the protest is about
            let force =
                s.kind(ActorKind::State) || s.has(Shoot) || s.has(Intervention) || s.has(Clash);
            if s.has(LiveFire)
                || (s.has(Kill) && s.fatalities > 0 && force)
                || (s.has(Shoot) && s.has(Injure))
            {
                return d(SubEvent::ExcessiveForce, LiveFire, "CLS/PROT/EXCESSIVE");
            }
            if s.has(Intervention) || s.demo_arrests {
                let cat = if s.has(Intervention) {
                    Intervention
                } else {
                    Arrest
                };
                return d(
                    SubEvent::ProtestWithIntervention,
                    cat,
                    "CLS/PROT/INTERVENTION",
                );
            }
            if s.has(Protest) || s.kind(ActorKind::Protester) || weak_protest {
                let cat = if s.has(Protest) { Protest } else { ProtestWeak };
                return d(SubEvent::PeacefulProtest, cat, "CLS/PROT/PEACEFUL");
            }
        }
        if riot && !s.has(Kill) && !s.has(Attack) {
            return d(
                SubEvent::ViolentDemonstration,
                riot_cat,
                "CLS/RIOT/VIOLENT_DEMO",
            );
        }
    }

    // --- settlers, villagers or rioters stoning passing cars or houses with no weapon used and
    // no armed group or state force among them: a mob attacking people or property outside a
    // demonstration (2.2 rank 8), even when the stone-throwers are a community militia
    // (burning or vandalising property with nobody attacked stays property destruction)
    let weapons = [
        Kill, Shoot, Attack, Clash, Ambush, Abduct, Grenade, Explosion,
    ]
    .iter()
    .any(|c| s.has(*c))
        || heavy;
    let stoning_group = s.kind(ActorKind::Militia) || s.kind(ActorKind::Rioter) || s.has(Crowd);
    let organised = s.kinds.iter().any(|k| {
        matches!(
            k,
            ActorKind::Named | ActorKind::Unidentified | ActorKind::State
        )
    });
    if s.has(RiotAct) && !s.has(Destroy) && !weapons && stoning_group && !organised && !protest {
        return d(SubEvent::MobViolence, RiotAct, "CLS/RIOT/MOB_STONING");
    }

    // --- a group of ordinary people beating, killing or fighting, with no armed group or
    // state force involved: mob violence (DR-20)
    let unarmed = !armed_actor && !s.kind(ActorKind::State);
    let violent = [Kill, Assault, Shoot, Injure, Attack, Clash, Abduct]
        .iter()
        .any(|c| s.has(*c));
    // (police named too, when nobody is killed and no gun or grenade is used: "residents
    // captured and beat up a robber, later rescued by the police", "locals assaulted two
    // police officers")
    let police_no_weapons =
        !armed_actor && !s.has(Kill) && !s.has(Shoot) && !s.has(Grenade) && !s.has(LiveFire);
    if (unarmed || police_no_weapons) && s.crowd_attacker && violent && !heavy {
        let cat = if s.has(Mob) { Mob } else { Crowd };
        return d(SubEvent::MobViolence, cat, "CLS/RIOT/MOB_GROUP");
    }

    // --- party supporters, students, rival factions fighting each other with no armed group,
    // state force or communal militia named: mob violence, not a battle (DR-20). Farmers and
    // herders of named communities stay battles between communal militias.
    let remote = heavy || s.has(Grenade) || s.has(Explosion);
    if s.has(Clash) && s.has(Partisan) && unarmed && !s.communal && !remote && !s.has(Shoot) {
        return d(SubEvent::MobViolence, Clash, "CLS/RIOT/PARTISAN_CLASH");
    }

    // --- territory (DR-02, DR-03) -----------------------------------------------------------
    // an ambush on civilians (a bus, a herder) is an attack on them, not a battle
    // "ambushed a bus; two passengers were wounded": an ambush whose only victims named are
    // civilians, with no soldier or fighter among the targets or the dead, is no fight
    let civ_only =
        s.has(CivVictim) && !s.has(MilTarget) && !s.has(ArmedTarget) && !s.armed_casualties;
    let ambush = s.has(Ambush) && (s.target_armed || (!s.target_civilian && !civ_only));
    let fighting = s.has(Clash) || ambush || ((s.has(Attack) || s.has(Shoot)) && s.target_armed);
    if s.has(Retake) && (fighting || s.has(Attack)) && s.kind(ActorKind::State) {
        return d(SubEvent::GovernmentRegainsTerritory, Retake, "CLS/BAT/GRT");
    }
    if s.has(Takeover) && fighting {
        return d(
            SubEvent::NonStateOvertakesTerritory,
            Takeover,
            "CLS/BAT/NSAOT",
        );
    }

    // --- battles versus remote violence (DR-01, DR-05, DR-08, DR-10, DR-11) ------------------
    // "fired artillery at positions" is shelling; small-arms fire at an armed target is fighting
    let ground_fire = s.has(Clash)
        || ambush
        || (s.has(Shoot) && s.target_armed && !s.has(Shelling) && !s.has(Air));
    // a blast, shells or a suicide bomber followed by gunfire at soldiers or fighters: one
    // complex attack, fought on the ground (2.4, DR-05, DR-11)
    // ("fired mortars" is not small-arms fire: the word "fired" alone does not count)
    let complex = remote
        && !air
        && (s.has(GroundFire) || s.has(Clash))
        && (s.target_armed || (s.has(MilTarget) && !s.target_civilian));
    if complex {
        let cat = if s.has(Clash) { Clash } else { GroundFire };
        return d(SubEvent::ArmedClash, cat, "CLS/BAT/COMPLEX_ATTACK");
    }
    // an attack on soldiers or fighters told first, then aircraft striking in the same
    // incident: air support to a ground fight is part of the battle (2.4, DR-08); "attacked
    // the post with a drone" is the air attack itself
    let first_air = [Air, Drone]
        .into_iter()
        .filter_map(|c| s.first(c))
        .map(|sp| sp.start)
        .min();
    let first_ground = [Attack, Ambush, Clash]
        .into_iter()
        .filter_map(|c| s.first(c))
        .map(|sp| sp.start)
        .min();
    // the cue that names the fight: a clash, else an ambush, else an attack
    let fight_cue = || {
        if s.has(Clash) {
            Clash
        } else if s.has(Ambush) {
            Ambush
        } else {
            Attack
        }
    };
    if fighting && air && !s.air_as_means && first_ground.zip(first_air).is_some_and(|(g, a)| g < a)
    {
        return d(SubEvent::ArmedClash, fight_cue(), "CLS/BAT/AIR_SUPPORT");
    }
    if fighting && (!remote || ground_fire) {
        return d(SubEvent::ArmedClash, fight_cue(), "CLS/BAT/ARMED_CLASH");
    }
    // an aircraft brought down: crewed → shelling (ground fire), drone → disrupted (DR-09)
    if air && s.has(Downed) {
        if s.has(Drone) && !s.has(Kill) {
            return d(SubEvent::DisruptedWeapons, Downed, "CLS/SD/DRONE_DOWNED");
        }
        return d(SubEvent::Shelling, Downed, "CLS/ERV/AIRCRAFT_DOWNED");
    }
    // a missile or rocket shot down in flight: a strike that did not happen (2.2 rank 21);
    // "launched a rocket attack; most missiles were shot down" tells the attack first
    let downed_first = s
        .first(Downed)
        .zip(s.first(Shelling))
        .is_some_and(|(d, m)| d.start < m.start);
    if downed_first && !air && !s.has(Kill) && !s.has(Injure) {
        return d(SubEvent::DisruptedWeapons, Downed, "CLS/SD/MISSILE_DOWNED");
    }
    // a device found and defused, or one that went off killing only its planters (DR-07)
    let disrupted = (s.has(Defuse) && !s.has(Kill) && !s.has(Injure)) || s.has(SelfBlast);
    if remote && !disrupted {
        if air {
            let cat = if s.has(Air) { Air } else { Drone };
            return d(SubEvent::AirDroneStrike, cat, "CLS/ERV/AIR");
        }
        if s.has(Suicide) {
            return d(SubEvent::SuicideBomb, Suicide, "CLS/ERV/SUICIDE");
        }
        if s.has(Shelling) {
            return d(SubEvent::Shelling, Shelling, "CLS/ERV/SHELLING");
        }
        if s.has(Ied) {
            return d(SubEvent::RemoteExplosive, Ied, "CLS/ERV/IED");
        }
        if s.has(Grenade) {
            return d(SubEvent::Grenade, Grenade, "CLS/ERV/GRENADE");
        }
        // a blast is a remote explosive (2.2 rank 13), even with no harm reported ("two
        // explosions were heard near the camp"); bombs found on people arrested are not
        if s.has(Explosion)
            && (s.has(Kill)
                || s.has(Injure)
                || s.has(Attack)
                || s.has(Destroy)
                || armed_actor
                || !s.has(Arrest))
        {
            return d(SubEvent::RemoteExplosive, Explosion, "CLS/ERV/EXPLOSION");
        }
    }
    if disrupted {
        let cat = if s.has(SelfBlast) { SelfBlast } else { Defuse };
        return d(SubEvent::DisruptedWeapons, cat, "CLS/SD/DISRUPTED");
    }

    // --- violence against civilians (DR-12 to DR-15) ----------------------------------------
    if s.has(Sexual) {
        return d(SubEvent::SexualViolence, Sexual, "CLS/VAC/SEXUAL");
    }
    let harm = s.has(Kill) || s.has(Assault) || s.has(Shoot) || s.has(Injure);
    // villagers beating a thief: a crowd with no weapons and no armed group (mob violence)
    if harm
        && s.has(Assault)
        && !s.has(Shoot)
        && !armed_actor
        && !s.kind(ActorKind::State)
        && (s.has(Crowd) || s.has(Mob))
    {
        return d(SubEvent::MobViolence, Assault, "CLS/RIOT/MOB_BEATING");
    }
    // an abduction in which anyone is killed, wounded, shot at or beaten is an attack
    // (DR-13, 2.4: "abduction that ends in a killing" → Attack)
    let hurt = s.has(Kill) || s.has(Injure) || s.has(Shoot) || s.has(Assault);
    if s.has(Abduct) && !hurt {
        return d(SubEvent::Abduction, Abduct, "CLS/VAC/ABDUCTION");
    }
    // "shot at a bus; no casualties": still an attack; "nobody was killed" alone is not;
    // "attempt foiled, one soldier killed": deaths counted are not negated
    // ("beat residents; no casualties": a beating is harm even with nobody killed or hurt)
    if harm
        && (!s.has(Negation) || s.has(Shoot) || s.has(Attack) || s.has(Assault) || s.fatalities > 0)
    {
        // two armed sides and killing: fighting, even without a clash word
        let armed_kinds = s.kinds.iter().filter(|k| k.is_armed()).count();
        // a settlement attacked where fighters died was defended (DR-01, DR-17); a soldier
        // or a fighter stabbed or wounded was an armed target (DR-01)
        // ("two gendarmes and a civilian were killed in an attack on a checkpoint": the dead
        // include the post's men, and the attack's object was armed)
        let defended = !s.target_civilian
            || (s.target_place && s.armed_casualties)
            || (s.armed_casualties && s.attack_on_armed);
        let armed_hit =
            s.has(Kill) || s.has(Attack) || (s.target_armed && (s.has(Assault) || s.has(Injure)));
        if (s.target_armed || s.armed_casualties) && defended && armed_kinds >= 1 && armed_hit {
            return d(SubEvent::ArmedClash, Kill, "CLS/BAT/KILLED_COMBATANTS");
        }
        // "unknown gunmen wounded two children": an attack, even with no verb of attack
        let wounded_by_armed = s.has(Injure) && armed_actor;
        if s.has(Attack) || s.has(Kill) || s.has(Assault) || s.has(Shoot) || wounded_by_armed {
            let cat = if s.has(Kill) {
                Kill
            } else if s.has(Attack) {
                Attack
            } else if s.has(Shoot) {
                Shoot
            } else if s.has(Assault) {
                Assault
            } else {
                Injure
            };
            return d(SubEvent::Attack, cat, "CLS/VAC/ATTACK");
        }
    }
    // "arrested three men and burned them alive", "found strangled, his computer stolen":
    // deaths counted make a seizure, an arrest or an abduction an attack (DR-13, DR-14)
    if s.fatalities > 0 && armed_actor && !s.target_armed && !s.armed_casualties {
        if let Some(cat) = [Abduct, Arrest, Loot, Destroy]
            .into_iter()
            .find(|&c| s.has(c))
        {
            return d(SubEvent::Attack, cat, "CLS/VAC/DEATHS_IN_SEIZURE");
        }
    }
    // property burnt or taken, nobody hurt (DR-14, DR-15)
    // (anyone shot at, beaten or taken makes it violence against people, DR-14)
    let physical = s.has(Shoot) || s.has(Assault) || s.has(Abduct);
    if (s.has(Loot) || s.has(Destroy)) && !physical && (s.has(Negation) || !harm) {
        let cat = if s.has(Loot) { Loot } else { Destroy };
        return d(SubEvent::Looting, cat, "CLS/SD/LOOTING_NO_HARM");
    }
    if s.has(Attack) && s.target_civilian {
        return d(SubEvent::Attack, Attack, "CLS/VAC/ATTACK_NO_HARM");
    }
    if s.has(Attack) && (s.target_armed || s.kinds.iter().filter(|k| k.is_armed()).count() >= 2) {
        return d(SubEvent::ArmedClash, Attack, "CLS/BAT/ATTACK_ARMED");
    }

    // --- strategic developments ---------------------------------------------------------------
    if s.has(Arrest) {
        if s.kind(ActorKind::Named) && !s.kind(ActorKind::State) {
            return d(SubEvent::Abduction, Arrest, "CLS/VAC/NONSTATE_ARREST");
        }
        return d(SubEvent::Arrests, Arrest, "CLS/SD/ARRESTS");
    }
    if s.has(Loot) || (s.has(Destroy) && s.has(Property)) {
        let cat = if s.has(Loot) { Loot } else { Destroy };
        return d(SubEvent::Looting, cat, "CLS/SD/LOOTING");
    }
    // agreements that matter to the conflict involve an armed group (DR-24); summits and
    // treaties between governments are not events
    // local pacts between communities count too ("the Fulani and Dogon communities signed a
    // peace accord", DR-24)
    // ("40 militiamen surrendered to the army": the fighters named by a common noun)
    if s.has(Agreement) && (armed_actor || s.communal || s.has(CivVictim) || s.has(ArmedTarget)) {
        return d(SubEvent::Agreement, Agreement, "CLS/SD/AGREEMENT");
    }
    if s.has(BaseEst) {
        return d(SubEvent::BaseEstablished, BaseEst, "CLS/SD/BASE");
    }
    if s.has(Withdraw) && armed_actor_or_state(s) && !s.has(Clash) {
        return d(
            SubEvent::NonViolentTransfer,
            Withdraw,
            "CLS/SD/NVT_WITHDRAWAL",
        );
    }
    if s.has(Takeover) || s.has(Retake) {
        let cat = if s.has(Takeover) { Takeover } else { Retake };
        return d(SubEvent::NonViolentTransfer, cat, "CLS/SD/NVT");
    }
    if s.has(OtherSd) {
        return d(SubEvent::Other, OtherSd, "CLS/SD/OTHER");
    }
    if s.has(Attack) {
        return d(SubEvent::Attack, Attack, "CLS/VAC/ATTACK_DEFAULT");
    }
    // troops, a convoy, a patrol or a militia moving, deploying or setting up a checkpoint
    // are a change of activity even when no actor is resolved by name (2.2 rank 20)
    if s.has(Change) && (!s.kinds.is_empty() || s.has(MilTarget) || s.has(ArmedTarget)) {
        return d(SubEvent::ChangeToGroup, Change, "CLS/SD/CHANGE");
    }
    None
}
