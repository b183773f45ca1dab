//! Death counts: numbers (digits, English and French number words), vague quantities, and
//! the codebook's conservative rules (4.1). STUB: the API is fixed; the implementation is
//! being written.

use crate::types::Span;

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

/// Every death figure in `text[scope]` (a sentence or a paragraph), in text order.
/// Injury-only figures are not returned. Never panics.
pub fn find_fatalities(text: &str, scope: Span) -> Vec<FatalityMention> {
    let _ = (text, scope);
    Vec::new()
}

/// Parse a number written in digits or words, English or French ("20", "1,200", "twenty",
/// "vingt-cinq", "a dozen"). None when the text is not a number.
pub fn parse_number(s: &str) -> Option<u32> {
    s.trim().replace([',', ' '], "").parse().ok()
}

/// The conservative toll of one incident (STUB until the module lands).
pub fn incident_total(
    text: &str,
    mentions: &[FatalityMention],
    significant: bool,
) -> (u32, crate::types::FatalityBasis, Vec<usize>) {
    let _ = (text, significant);
    match mentions.first() {
        Some(m) => match m.quantity {
            Quantity::Number(n) | Quantity::Fixed(n) => {
                (n, crate::types::FatalityBasis::Exact, vec![0])
            }
            Quantity::ThreeOrTen => (3, crate::types::FatalityBasis::VagueWord, vec![0]),
        },
        None => (0, crate::types::FatalityBasis::None, Vec::new()),
    }
}
