//! Fixed vocabularies of the codebook: the 25 sub-event types with their event and disorder
//! types (table 2.2, in precedence order) and the interaction code (3.3).

/// The 25 sub-event types, in precedence order (codebook 2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)]
pub enum SubEvent {
    GovernmentRegainsTerritory,
    NonStateOvertakesTerritory,
    ArmedClash,
    ExcessiveForce,
    ProtestWithIntervention,
    PeacefulProtest,
    ViolentDemonstration,
    MobViolence,
    ChemicalWeapon,
    AirDroneStrike,
    SuicideBomb,
    Shelling,
    RemoteExplosive,
    Grenade,
    SexualViolence,
    Attack,
    Abduction,
    Agreement,
    Arrests,
    ChangeToGroup,
    DisruptedWeapons,
    BaseEstablished,
    Looting,
    NonViolentTransfer,
    Other,
}

impl SubEvent {
    /// ACLED's sub-event type string.
    pub fn as_str(self) -> &'static str {
        use SubEvent::*;
        match self {
            GovernmentRegainsTerritory => "Government regains territory",
            NonStateOvertakesTerritory => "Non-state actor overtakes territory",
            ArmedClash => "Armed clash",
            ExcessiveForce => "Excessive force against protesters",
            ProtestWithIntervention => "Protest with intervention",
            PeacefulProtest => "Peaceful protest",
            ViolentDemonstration => "Violent demonstration",
            MobViolence => "Mob violence",
            ChemicalWeapon => "Chemical weapon",
            AirDroneStrike => "Air/drone strike",
            SuicideBomb => "Suicide bomb",
            Shelling => "Shelling/artillery/missile attack",
            RemoteExplosive => "Remote explosive/landmine/IED",
            Grenade => "Grenade",
            SexualViolence => "Sexual violence",
            Attack => "Attack",
            Abduction => "Abduction/forced disappearance",
            Agreement => "Agreement",
            Arrests => "Arrests",
            ChangeToGroup => "Change to group/activity",
            DisruptedWeapons => "Disrupted weapons use",
            BaseEstablished => "Headquarters or base established",
            Looting => "Looting/property destruction",
            NonViolentTransfer => "Non-violent transfer of territory",
            Other => "Other",
        }
    }

    /// The event type the sub-event type belongs to.
    pub fn event_type(self) -> EventType {
        use SubEvent::*;
        match self {
            GovernmentRegainsTerritory | NonStateOvertakesTerritory | ArmedClash => {
                EventType::Battles
            }
            ExcessiveForce | ProtestWithIntervention | PeacefulProtest => EventType::Protests,
            ViolentDemonstration | MobViolence => EventType::Riots,
            ChemicalWeapon | AirDroneStrike | SuicideBomb | Shelling | RemoteExplosive
            | Grenade => EventType::ExplosionsRemoteViolence,
            SexualViolence | Attack | Abduction => EventType::ViolenceAgainstCivilians,
            _ => EventType::StrategicDevelopments,
        }
    }

    /// The disorder type (codebook 2.2).
    pub fn disorder_type(self) -> &'static str {
        use SubEvent::*;
        match self {
            ExcessiveForce => "Political violence; Demonstrations",
            ProtestWithIntervention | PeacefulProtest | ViolentDemonstration => "Demonstrations",
            MobViolence => "Political violence",
            s if s.event_type() == EventType::StrategicDevelopments => "Strategic developments",
            _ => "Political violence",
        }
    }
}

/// The 6 event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum EventType {
    Battles,
    ExplosionsRemoteViolence,
    ViolenceAgainstCivilians,
    Protests,
    Riots,
    StrategicDevelopments,
}

impl EventType {
    /// ACLED's event type string.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Battles => "Battles",
            EventType::ExplosionsRemoteViolence => "Explosions/Remote violence",
            EventType::ViolenceAgainstCivilians => "Violence against civilians",
            EventType::Protests => "Protests",
            EventType::Riots => "Riots",
            EventType::StrategicDevelopments => "Strategic developments",
        }
    }
}

/// Interaction code from the two inter codes (codebook 3.3): order-free, one-sided = i1 * 10.
pub fn interaction(i1: u8, i2: u8) -> u8 {
    if i2 == 0 {
        i1.saturating_mul(10)
    } else {
        10 * i1.min(i2) + i1.max(i2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interactions() {
        assert_eq!(interaction(2, 1), 12);
        assert_eq!(interaction(7, 3), 37);
        assert_eq!(interaction(6, 0), 60);
    }

    #[test]
    fn precedence_and_types() {
        assert!(SubEvent::ArmedClash < SubEvent::AirDroneStrike);
        assert_eq!(SubEvent::Looting.disorder_type(), "Strategic developments");
        assert_eq!(
            SubEvent::Attack.event_type().as_str(),
            "Violence against civilians"
        );
    }
}
