//! Date expressions (English and French) resolved against the publication date.
//! STUB: the API below is fixed; the implementation is being written.

use chrono::NaiveDate;

use crate::types::Span;

/// A date expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Original span of the expression ("on Friday November 7, 2025").
    pub span: Span,
    /// The resolved event date (codebook 4.3: span middle, 15th of month, clamped).
    pub date: NaiveDate,
    /// 1 day, 2 span of 2-7 days, 3 month or 8-31 days.
    pub precision: u8,
    /// Stable rule ID (`DATE/EN/ABSOLUTE_DMY`, `DATE/FR/WEEKDAY`, ...).
    pub rule: &'static str,
    /// True when resolved from a relative expression ("on Friday", "last week").
    pub relative: bool,
}

/// Every date expression in `text`, in text order, resolved against `published`.
/// Expressions vaguer than a month are not returned. Never panics.
pub fn find_dates(text: &str, published: NaiveDate) -> Vec<DateMention> {
    let _ = (text, published);
    Vec::new()
}
