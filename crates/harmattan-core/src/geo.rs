//! Geocoding: the gazetteer (built-in GeoNames-derived table plus user imports) and place
//! resolution for a stretch of text. STUB: the API is fixed; the implementation is being
//! written.

use crate::countries::Countries;
use crate::text::Folded;
use crate::types::Span;
use crate::DataError;

/// The gazetteer.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// Places added.
    pub added: usize,
    /// Rows skipped, with 1-based line numbers and the reason.
    pub skipped: Vec<(usize, String)>,
}

impl Gazetteer {
    /// Load the built-in table (`data/gazetteer/places.tsv`).
    pub fn from_builtin(places_tsv: &str, countries: &Countries) -> Result<Self, DataError> {
        let _ = (places_tsv, countries);
        Ok(Gazetteer {})
    }
    /// Add a user gazetteer: a GeoNames dump or a CSV with a header row (format detected).
    pub fn add_user(&mut self, text: &str, countries: &Countries) -> ImportReport {
        let _ = (text, countries);
        ImportReport::default()
    }
    /// Number of places.
    pub fn len(&self) -> usize {
        0
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        true
    }
}

/// Hints from the rest of the document.
#[derive(Debug, Clone, Default)]
pub struct GeoContext {
    /// Countries the document points to, as indices into [`Countries::all`], with weights.
    pub countries: Vec<(usize, f32)>,
}

/// A resolved place with its admin units, in ACLED spelling.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Geo {
    /// Index into [`Countries::all`].
    pub country: usize,
    /// First-level unit.
    pub admin1: String,
    /// Second-level unit.
    pub admin2: String,
    /// Third-level unit.
    pub admin3: String,
    /// Named place.
    pub location: String,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// 1, 2 or 3 (codebook 4.2).
    pub geo_precision: u8,
    /// The place name in the text.
    pub span: Span,
    /// Stable ID of the gazetteer entry (`GN:2457161`, `USER:ml_villages:123`).
    pub rule: String,
}

/// Resolve the place of an incident described in `scope` of `text`.
pub fn geocode(
    gaz: &Gazetteer,
    countries: &Countries,
    text: &str,
    folded: &Folded,
    scope: Span,
    ctx: &GeoContext,
) -> Option<Geo> {
    let _ = (gaz, countries, text, folded, scope, ctx);
    None
}
