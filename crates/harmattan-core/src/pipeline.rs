//! The engine: loads the data once, then runs every stage on each document.
//! STUB: the API is fixed; the implementation is being written.

use crate::countries::Countries;
use crate::geo::{Gazetteer, ImportReport};
use crate::types::{Document, Extraction};
use crate::DataError;

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
}

impl Engine {
    /// Build the engine from its data.
    pub fn new(data: &EngineData) -> Result<Self, DataError> {
        let countries = Countries::parse(data.countries)?;
        let gazetteer = Gazetteer::from_builtin(data.places, &countries)?;
        Ok(Engine {
            countries,
            gazetteer,
        })
    }

    /// Add places from a user gazetteer (GeoNames dump or CSV with a header row).
    pub fn add_gazetteer(&mut self, text: &str) -> ImportReport {
        self.gazetteer.add_user(text, &self.countries)
    }

    /// Extract the events of one document. Events come highest confidence first.
    pub fn extract(&self, doc: &Document) -> Extraction {
        let _ = doc;
        Extraction::default()
    }
}
