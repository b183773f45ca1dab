//! Domain types shared by every stage: documents, spans, evidence, events, diagnostics.

use chrono::NaiveDate;
use serde::Serialize;

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from two byte offsets.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// True when the span is empty.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// One input document. `text` is what offsets refer to.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Caller's identifier (file name, JSONL `id`, URL).
    pub id: String,
    /// Headline, when known separately from `text`.
    pub title: Option<String>,
    /// The article text. Evidence offsets are byte offsets into this string.
    pub text: String,
    /// Publication date: the anchor for relative dates.
    pub published: Option<NaiveDate>,
    /// Outlet name.
    pub source: Option<String>,
    /// Article URL.
    pub url: Option<String>,
}

/// Why a field has its value: the supporting text and the rule or dictionary entry that made it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Output column the evidence supports (`event_date`, `actor1`, `fatalities`, ...).
    pub field: String,
    /// Byte offset of the supporting text.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// The supporting text itself.
    pub text: String,
    /// Stable ID of the rule or dictionary entry that produced the value.
    pub rule: String,
}

/// How a fatality figure was reached (codebook 1.3 `x_fatality_basis`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FatalityBasis {
    /// An exact or bounded number in the text.
    Exact,
    /// A vague word turned into 3, 10, 12, ... by the codebook table.
    VagueWord,
    /// A belligerent's claim.
    Claim,
    /// A total shared out over days or places.
    Split,
    /// No deaths reported.
    #[default]
    None,
}

/// One extracted event with every ACLED column (codebook 1.1) plus provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Event {
    /// Stable id; empty until a store assigns one.
    pub event_id_cnty: String,
    /// `YYYY-MM-DD`.
    pub event_date: Option<NaiveDate>,
    /// Year of `event_date`.
    pub year: i32,
    /// 1 day, 2 span of days, 3 month.
    pub time_precision: u8,
    /// Fixed by `sub_event_type`.
    pub disorder_type: String,
    /// One of the 6 event types.
    pub event_type: String,
    /// One of the 25 sub-event types.
    pub sub_event_type: String,
    /// First main actor.
    pub actor1: String,
    /// `"; "`-joined associated actors of actor 1.
    pub assoc_actor_1: String,
    /// Actor type of actor 1 (1-8).
    pub inter1: u8,
    /// Second main actor, empty for one-sided events.
    pub actor2: String,
    /// `"; "`-joined associated actors of actor 2.
    pub assoc_actor_2: String,
    /// Actor type of actor 2, 0 when there is none.
    pub inter2: u8,
    /// Interaction code (codebook 3.3).
    pub interaction: u8,
    /// `Civilians targeted` or empty.
    pub civilian_targeting: String,
    /// ISO 3166-1 numeric code.
    pub iso: u16,
    /// ACLED world region.
    pub region: String,
    /// Country of the event.
    pub country: String,
    /// First-level admin unit.
    pub admin1: String,
    /// Second-level admin unit.
    pub admin2: String,
    /// Third-level admin unit.
    pub admin3: String,
    /// Named place.
    pub location: String,
    /// WGS84 latitude.
    pub latitude: Option<f64>,
    /// WGS84 longitude.
    pub longitude: Option<f64>,
    /// 1 place, 2 near a place, 3 region.
    pub geo_precision: u8,
    /// `"; "`-joined outlets.
    pub source: String,
    /// Scale of the sources.
    pub source_scale: String,
    /// Generated summary.
    pub notes: String,
    /// Conservative death toll.
    pub fatalities: u32,
    /// `"; "`-joined tags.
    pub tags: String,
    /// Set by a store, never by the extractor.
    pub timestamp: Option<i64>,
    /// The document the event came from.
    pub document_id: String,
    /// Extractor confidence, 0-1.
    pub confidence: f32,
    /// How `fatalities` was reached.
    pub fatality_basis: FatalityBasis,
    /// Evidence for every filled field.
    pub evidence: Vec<Evidence>,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Information: something was skipped on purpose (background paragraph, boilerplate).
    Info,
    /// Something may be wrong in the output (a field left empty, a guess).
    Warning,
}

/// A note from the pipeline about one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Severity.
    pub severity: Severity,
    /// Stable code, e.g. `no-location`, `background-skipped`.
    pub code: &'static str,
    /// Human-readable message.
    pub message: String,
    /// Where in the text, if anywhere.
    pub span: Option<Span>,
}

/// What extraction returns for one document: events plus diagnostics. Never an error.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Extraction {
    /// Events, highest confidence first.
    pub events: Vec<Event>,
    /// Notes about what was skipped or uncertain.
    pub diagnostics: Vec<Diagnostic>,
    /// Incidents coded except for their place: only the country is known, so they are not
    /// events (codebook 4.2) but are kept for an analyst to review.
    pub review: Vec<Event>,
}

/// ACLED's columns (codebook 1.1), in order.
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

fn acled_coord(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{v:.4}"),
        _ => String::new(),
    }
}

impl Event {
    /// The 31 ACLED cells of the event, in [`ACLED_COLUMNS`] order (coordinates with 4
    /// decimals, empty when absent).
    pub fn acled_record(&self) -> [String; 31] {
        let e = self;
        [
            e.event_id_cnty.clone(),
            e.event_date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            e.year.to_string(),
            e.time_precision.to_string(),
            e.disorder_type.clone(),
            e.event_type.clone(),
            e.sub_event_type.clone(),
            e.actor1.clone(),
            e.assoc_actor_1.clone(),
            e.inter1.to_string(),
            e.actor2.clone(),
            e.assoc_actor_2.clone(),
            e.inter2.to_string(),
            e.interaction.to_string(),
            e.civilian_targeting.clone(),
            e.iso.to_string(),
            e.region.clone(),
            e.country.clone(),
            e.admin1.clone(),
            e.admin2.clone(),
            e.admin3.clone(),
            e.location.clone(),
            acled_coord(e.latitude),
            acled_coord(e.longitude),
            e.geo_precision.to_string(),
            e.source.clone(),
            e.source_scale.clone(),
            e.notes.clone(),
            e.fatalities.to_string(),
            e.tags.clone(),
            e.timestamp.map(|t| t.to_string()).unwrap_or_default(),
        ]
    }
}
