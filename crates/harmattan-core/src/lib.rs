//! harmattan-core: the extraction pipeline. News text in, ACLED-style events out.
//!
//! Pure: no file, network, environment or clock access. Callers hand in strings (documents,
//! dictionaries, gazetteers) and get back [`Extraction`]s: events plus diagnostics. Nothing
//! here panics on any input text.
#![deny(missing_docs)]

pub mod actors;
pub mod classify;
pub mod clean;
pub mod codebook;
pub mod countries;
pub mod dates;
pub mod dict;
pub mod fatalities;
pub mod geo;
pub mod lexicon;
pub mod pipeline;
pub mod sentences;
pub mod text;
pub mod types;

pub use pipeline::{Engine, EngineData};
pub use types::*;

/// A problem in a data file (dictionary, gazetteer) handed to the core.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DataError {
    /// Which data file.
    pub file: String,
    /// 1-based line, 0 when not tied to a line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl DataError {
    /// Build one.
    pub fn new(file: &str, line: usize, message: &str) -> Self {
        DataError {
            file: file.to_string(),
            line,
            message: message.to_string(),
        }
    }
}
