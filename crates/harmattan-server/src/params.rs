//! Query-string parameters: filters, pagination and grouping, checked strictly. An unknown
//! name is `unknown_filter`, a bad value or a repeated name is `bad_filter`; an empty value
//! means the parameter is absent.

use chrono::NaiveDate;
use harmattan_store::{Bbox, Filter, StatGroup};

use crate::error::{clip, ApiError};

/// The filters every event query takes (same as `harmattan events`, plus bbox).
pub const FILTERS: &[&str] = &[
    "from",
    "to",
    "country",
    "admin1",
    "event_type",
    "sub_event_type",
    "actor",
    "q",
    "bbox",
    "min_fatalities",
    "origin",
];

/// Default page size of `/api/events`.
pub const DEFAULT_LIMIT: u32 = 100;
/// Largest page size.
pub const MAX_LIMIT: u32 = 1000;
/// Longest accepted text value (characters).
const MAX_TEXT: usize = 200;

/// Parsed parameters of one request.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// The filter.
    pub filter: Filter,
    /// Page size.
    pub limit: u32,
    /// Rows skipped.
    pub offset: u64,
    /// Timeline grouping.
    pub group: StatGroup,
}

fn date(name: &str, v: &str) -> Result<NaiveDate, ApiError> {
    let ok = v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-';
    ok.then(|| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| {
            ApiError::bad_filter(format!(
                "{name}: expected a date YYYY-MM-DD, got {:?}",
                clip(v)
            ))
        })
}

fn text(name: &str, v: &str) -> Result<String, ApiError> {
    if v.chars().count() > MAX_TEXT {
        return Err(ApiError::bad_filter(format!(
            "{name}: longer than {MAX_TEXT} characters"
        )));
    }
    if v.chars().any(|c| c.is_control()) {
        return Err(ApiError::bad_filter(format!(
            "{name}: contains control characters"
        )));
    }
    Ok(v.to_string())
}

fn bbox(v: &str) -> Result<Bbox, ApiError> {
    let bad = || {
        ApiError::bad_filter(format!(
            "bbox: expected minlon,minlat,maxlon,maxlat (degrees, min <= max), got {:?}",
            clip(v)
        ))
    };
    let parts: Vec<f64> = v
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad())?;
    let [min_lon, min_lat, max_lon, max_lat] = parts[..] else {
        return Err(bad());
    };
    let lon = -180.0..=180.0;
    let lat = -90.0..=90.0;
    if !(lon.contains(&min_lon)
        && lon.contains(&max_lon)
        && lat.contains(&min_lat)
        && lat.contains(&max_lat)
        && min_lon <= max_lon
        && min_lat <= max_lat)
    {
        return Err(bad());
    }
    Ok(Bbox {
        min_lon,
        min_lat,
        max_lon,
        max_lat,
    })
}

fn uint<T: std::str::FromStr>(name: &str, v: &str) -> Result<T, ApiError> {
    if !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::bad_filter(format!(
            "{name}: expected a whole number, got {:?}",
            clip(v)
        )));
    }
    v.parse::<T>()
        .map_err(|_| ApiError::bad_filter(format!("{name}: {:?} is too large", clip(v))))
}

/// Parse `pairs` accepting the filters when `filters`, plus the names in `extra`
/// (`limit`, `offset`, `group`).
pub fn parse(
    pairs: &[(String, String)],
    filters: bool,
    extra: &[&str],
) -> Result<Params, ApiError> {
    let mut p = Params {
        filter: Filter::default(),
        limit: DEFAULT_LIMIT,
        offset: 0,
        group: StatGroup::Week,
    };
    let mut seen: Vec<&str> = Vec::new();
    for (k, v) in pairs {
        let known = (filters && FILTERS.contains(&k.as_str())) || extra.contains(&k.as_str());
        if !known {
            return Err(ApiError::unknown_filter(k));
        }
        if seen.contains(&k.as_str()) {
            return Err(ApiError::bad_filter(format!("{k}: given more than once")));
        }
        seen.push(k);
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        let f = &mut p.filter;
        match k.as_str() {
            "from" => f.from = Some(date(k, v)?),
            "to" => f.to = Some(date(k, v)?),
            "country" => f.country = Some(text(k, v)?),
            "admin1" => f.admin1 = Some(text(k, v)?),
            "event_type" => f.event_type = Some(text(k, v)?),
            "sub_event_type" => f.sub_event_type = Some(text(k, v)?),
            "actor" => f.actor = Some(text(k, v)?),
            "q" => f.query = Some(text(k, v)?),
            "origin" => f.origin = Some(text(k, v)?),
            "bbox" => f.bbox = Some(bbox(v)?),
            "min_fatalities" => f.min_fatalities = Some(uint(k, v)?),
            "limit" => {
                let n: u64 = uint(k, v).map_err(|_| {
                    ApiError::bad_filter(format!(
                        "limit: expected 1..={MAX_LIMIT}, got {:?}",
                        clip(v)
                    ))
                })?;
                if !(1..=MAX_LIMIT as u64).contains(&n) {
                    return Err(ApiError::bad_filter(format!(
                        "limit: expected 1..={MAX_LIMIT}, got {n}"
                    )));
                }
                p.limit = n as u32;
            }
            "offset" => {
                let n: u64 = uint(k, v)?;
                if n > i64::MAX as u64 {
                    return Err(ApiError::bad_filter("offset: too large"));
                }
                p.offset = n;
            }
            "group" => {
                p.group = match v {
                    "day" => StatGroup::Day,
                    "week" => StatGroup::Week,
                    _ => {
                        return Err(ApiError::bad_filter(format!(
                            "group: expected day or week, got {:?}",
                            clip(v)
                        )))
                    }
                }
            }
            _ => return Err(ApiError::unknown_filter(k)),
        }
    }
    if let (Some(a), Some(b)) = (p.filter.from, p.filter.to) {
        if a > b {
            return Err(ApiError::bad_filter(format!("from {a} is after to {b}")));
        }
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &[(&str, &str)]) -> Vec<(String, String)> {
        s.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn values_are_checked() {
        let ok = parse(
            &q(&[
                ("country", "Mali"),
                ("bbox", "-5,10,5,20"),
                ("limit", "5"),
                ("offset", ""),
            ]),
            true,
            &["limit", "offset"],
        )
        .unwrap();
        assert_eq!(ok.filter.country.as_deref(), Some("Mali"));
        assert_eq!(ok.limit, 5);
        assert_eq!(ok.offset, 0);
        for bad in [
            ("from", "2024-1-1"),
            ("from", "yesterday"),
            ("bbox", "1,2,3"),
            ("bbox", "5,0,-5,1"),
            ("bbox", "NaN,0,1,1"),
            ("min_fatalities", "-1"),
            ("limit", "0"),
            ("limit", "1001"),
            ("offset", "99999999999999999999999"),
        ] {
            let e = parse(&q(&[bad]), true, &["limit", "offset"]).unwrap_err();
            assert_eq!(e.code, "bad_filter", "{bad:?}");
        }
        let e = parse(&q(&[("admin", "x")]), true, &[]).unwrap_err();
        assert_eq!(e.code, "unknown_filter");
        let e = parse(&q(&[("country", "Mali")]), false, &[]).unwrap_err();
        assert_eq!(e.code, "unknown_filter");
        let e = parse(&q(&[("country", "Mali"), ("country", "Niger")]), true, &[]).unwrap_err();
        assert_eq!(e.code, "bad_filter");
        let e = parse(
            &q(&[("from", "2024-02-01"), ("to", "2024-01-01")]),
            true,
            &[],
        )
        .unwrap_err();
        assert_eq!(e.code, "bad_filter");
    }
}
