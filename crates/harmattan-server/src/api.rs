//! The `/api` handlers.

use std::io::Write as _;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use harmattan_core::{Document, Event};
use harmattan_store::{content_hash, Ingested, StoredEvent};
use http_body_util::BodyExt;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::error::{clip, ApiError};
use crate::params::{self, Params};
use crate::pool::Reader;
use crate::{json_bytes, AppState, BODY_LIMIT};

type ApiResult = Result<Response, ApiError>;

/// Bodies up to this size are read (and dropped) after the limit is passed, so the client
/// gets its 413 on a clean connection; a larger declared length is refused at once.
const DRAIN_LIMIT: usize = 16 << 20;

/// An event as the API lists it (a subset of the ACLED columns plus the number of sources).
#[derive(Serialize)]
pub(crate) struct EventSummary<'a> {
    event_id_cnty: &'a str,
    event_date: Option<NaiveDate>,
    time_precision: u8,
    disorder_type: &'a str,
    event_type: &'a str,
    sub_event_type: &'a str,
    actor1: &'a str,
    assoc_actor_1: &'a str,
    inter1: u8,
    actor2: &'a str,
    assoc_actor_2: &'a str,
    inter2: u8,
    interaction: u8,
    country: &'a str,
    admin1: &'a str,
    admin2: &'a str,
    admin3: &'a str,
    location: &'a str,
    latitude: Option<f64>,
    longitude: Option<f64>,
    geo_precision: u8,
    fatalities: u32,
    notes: &'a str,
    source: &'a str,
    sources_count: i64,
}

impl<'a> From<&'a StoredEvent> for EventSummary<'a> {
    fn from(s: &'a StoredEvent) -> Self {
        let e: &Event = &s.event;
        EventSummary {
            event_id_cnty: &e.event_id_cnty,
            event_date: e.event_date,
            time_precision: e.time_precision,
            disorder_type: &e.disorder_type,
            event_type: &e.event_type,
            sub_event_type: &e.sub_event_type,
            actor1: &e.actor1,
            assoc_actor_1: &e.assoc_actor_1,
            inter1: e.inter1,
            actor2: &e.actor2,
            assoc_actor_2: &e.assoc_actor_2,
            inter2: e.inter2,
            interaction: e.interaction,
            country: &e.country,
            admin1: &e.admin1,
            admin2: &e.admin2,
            admin3: &e.admin3,
            location: &e.location,
            latitude: e.latitude.filter(|v| v.is_finite()),
            longitude: e.longitude.filter(|v| v.is_finite()),
            geo_precision: e.geo_precision,
            fatalities: e.fatalities,
            notes: &e.notes,
            source: &e.source,
            sources_count: s.sources,
        }
    }
}

fn respond(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response {
    let mut r = (status, body).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

fn json_ok<T: Serialize + ?Sized>(v: &T) -> Response {
    respond(StatusCode::OK, "application/json", json_bytes(v))
}

/// A cached JSON body.
fn shared_json(body: Arc<Vec<u8>>) -> Response {
    let mut r = (
        StatusCode::OK,
        Body::from(Bytes::from_owner(ArcBytes(body))),
    )
        .into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// Lets a cached body be sent without copying it.
struct ArcBytes(Arc<Vec<u8>>);

impl AsRef<[u8]> for ArcBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

fn pairs(
    q: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Vec<(String, String)>, ApiError> {
    q.map(|Query(p)| p)
        .map_err(|e| ApiError::bad_request(format!("cannot read the query string: {e}")))
}

impl AppState {
    /// Run `f` on a read connection in a blocking thread.
    async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Reader) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let st = self.clone();
        tokio::task::spawn_blocking(move || st.0.pool.with(f))
            .await
            .map_err(ApiError::internal)?
    }
}

/// `GET /api/events`.
pub(crate) async fn events(
    State(st): State<AppState>,
    q: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> ApiResult {
    let Params {
        filter,
        limit,
        offset,
        ..
    } = params::parse(&pairs(q)?, true, &["limit", "offset"])?;
    st.read(move |r| {
        let total = r.total(&filter)?;
        // written straight from the rows: no event is copied out of SQLite first
        let mut out = Vec::with_capacity(512 + 600 * limit.min(100) as usize);
        let _ = write!(
            out,
            "{{\"total\":{total},\"limit\":{limit},\"offset\":{offset},\"events\":["
        );
        if offset < total {
            let mut first = true;
            let mut failed = None;
            r.store.for_each_event_desc(&filter, limit, offset, |e| {
                if !first {
                    out.push(b',');
                }
                first = false;
                if let Err(err) = serde_json::to_writer(&mut out, e) {
                    failed = Some(err);
                }
            })?;
            if let Some(err) = failed {
                return Err(ApiError::internal(err));
            }
        }
        out.extend_from_slice(b"]}");
        Ok(respond(StatusCode::OK, "application/json", out))
    })
    .await
}

fn iso_time(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// `GET /api/events/{id}`.
pub(crate) async fn event(
    State(st): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    q: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> ApiResult {
    let Path(id) = id.map_err(|e| ApiError::bad_request(format!("bad event id: {e}")))?;
    params::parse(&pairs(q)?, false, &[])?;
    st.read(move |r| {
        let not_found = || ApiError::not_found(format!("no event {:?}", clip(&id)));
        if id.len() > 64 {
            return Err(not_found());
        }
        let Some(ev) = r.store.event(&id)? else {
            return Err(not_found());
        };
        let sources = r.store.event_sources(&id)?;
        let revisions = r.store.history(&id)?;
        let mut revs = Vec::new();
        for rev in &revisions {
            let at = iso_time(rev.at);
            if rev.changes.is_empty() {
                revs.push(
                    json!({"revision": rev.revision, "at": at, "reason": rev.reason,
                    "field": "", "old": "", "new": "", "why": rev.reason}),
                );
            }
            for c in &rev.changes {
                revs.push(
                    json!({"revision": rev.revision, "at": at, "reason": rev.reason,
                    "field": c.field, "old": c.old, "new": c.new, "why": c.why}),
                );
            }
        }
        let sources: Vec<_> = sources
            .iter()
            .map(|s| {
                json!({
                    "document_id": s.document_id,
                    "title": s.title,
                    "source": s.source,
                    "url": s.url,
                    "published": s.published,
                    "text": s.text,
                    "evidence": s.evidence,
                })
            })
            .collect();
        Ok(json_ok(&json!({
            "event": EventSummary::from(&ev),
            "sources": sources,
            "revisions": revs,
        })))
    })
    .await
}

/// `GET /api/stats`.
pub(crate) async fn stats(
    State(st): State<AppState>,
    q: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> ApiResult {
    let p = params::parse(&pairs(q)?, true, &["group"])?;
    st.read(move |r| {
        let group = match p.group {
            harmattan_store::StatGroup::Day => "day",
            harmattan_store::StatGroup::Week => "week",
        };
        let key = format!("stats {group} {:?}", p.filter);
        let body = r.response(key, |store| {
            let s = store.stats(&p.filter, p.group)?;
            Ok(json_bytes(&json!({
                "group": group,
                "timeline": s.timeline,
                "by_event_type": s.by_event_type,
                "by_admin1": s.by_admin1,
                "by_actor": s.by_actor,
                "totals": {"events": s.events, "fatalities": s.fatalities},
            })))
        })?;
        Ok(shared_json(body))
    })
    .await
}

/// `GET /api/facets`.
pub(crate) async fn facets(
    State(st): State<AppState>,
    q: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> ApiResult {
    params::parse(&pairs(q)?, false, &[])?;
    st.read(|r| {
        let body = r.response("facets".to_string(), |store| {
            let f = store.facets()?;
            let admin1: Vec<_> = f
                .admin1
                .iter()
                .map(|(c, a)| json!({"country": c, "admin1": a}))
                .collect();
            Ok(json_bytes(&json!({
                "countries": f.countries,
                "admin1": admin1,
                "event_types": f.event_types,
                "date_min": f.date_min,
                "date_max": f.date_max,
            })))
        })?;
        Ok(shared_json(body))
    })
    .await
}

/// `GET /api/export.csv`: ACLED's 31 columns.
pub(crate) async fn export_csv(
    State(st): State<AppState>,
    q: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> ApiResult {
    let p = params::parse(&pairs(q)?, true, &[])?;
    st.read(move |r| {
        let events = r.store.events(&p.filter)?;
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut write = || -> csv::Result<()> {
            w.write_record(harmattan_core::ACLED_COLUMNS)?;
            for e in &events {
                w.write_record(e.event.acled_record())?;
            }
            w.flush()?;
            Ok(())
        };
        write().map_err(ApiError::internal)?;
        let body = w.into_inner().map_err(ApiError::internal)?;
        let mut resp = respond(StatusCode::OK, "text/csv; charset=utf-8", body);
        resp.headers_mut().insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment; filename=\"harmattan-events.csv\""),
        );
        Ok(resp)
    })
    .await
}

/// `GET /api/export.geojson`: the events with coordinates as points.
pub(crate) async fn export_geojson(
    State(st): State<AppState>,
    q: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> ApiResult {
    let p = params::parse(&pairs(q)?, true, &[])?;
    st.read(move |r| {
        let events = r.store.events(&p.filter)?;
        #[derive(Serialize)]
        struct Geometry {
            #[serde(rename = "type")]
            kind: &'static str,
            coordinates: [f64; 2],
        }
        #[derive(Serialize)]
        struct Feature<'a> {
            #[serde(rename = "type")]
            kind: &'static str,
            id: &'a str,
            geometry: Geometry,
            properties: EventSummary<'a>,
        }
        let features: Vec<Feature> = events
            .iter()
            .filter_map(|e| {
                let lat = e.event.latitude.filter(|v| v.is_finite())?;
                let lon = e.event.longitude.filter(|v| v.is_finite())?;
                Some(Feature {
                    kind: "Feature",
                    id: &e.event.event_id_cnty,
                    geometry: Geometry {
                        kind: "Point",
                        coordinates: [lon, lat],
                    },
                    properties: EventSummary::from(e),
                })
            })
            .collect();
        let body = json_bytes(&json!({"type": "FeatureCollection", "features": features}));
        Ok(respond(StatusCode::OK, "application/geo+json", body))
    })
    .await
}

/// Constant-time comparison (the token check should not leak how much of it matched).
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for (i, &x) in a.iter().enumerate() {
        diff |= (x ^ b.get(i % b.len().max(1)).copied().unwrap_or(0)) as usize;
    }
    diff == 0
}

fn check_token(st: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &st.0.token else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "this server takes no documents: start it with --token (or HARMATTAN_TOKEN) to enable POST /api/documents",
        ));
    };
    let unauthorized = |m: &str| ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", m);
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Err(unauthorized("missing Authorization: Bearer <token>"));
    };
    let given = value
        .to_str()
        .ok()
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .ok_or_else(|| unauthorized("expected Authorization: Bearer <token>"))?;
    if !same_secret(given.as_bytes(), token.as_bytes()) {
        return Err(unauthorized("wrong token"));
    }
    Ok(())
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        format!("the body is over the limit of {BODY_LIMIT} bytes"),
    )
}

/// Read at most [`BODY_LIMIT`] bytes; past it, read on up to [`DRAIN_LIMIT`] and drop, then
/// refuse.
async fn read_body(body: Body) -> Result<Bytes, ApiError> {
    let mut body = body;
    let mut buf: Vec<u8> = Vec::new();
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        let frame =
            frame.map_err(|e| ApiError::bad_request(format!("cannot read the body: {e}")))?;
        if let Ok(data) = frame.into_data() {
            seen = seen.saturating_add(data.len());
            if seen <= BODY_LIMIT {
                buf.extend_from_slice(&data);
            } else if seen > DRAIN_LIMIT {
                return Err(too_large());
            }
        }
    }
    if seen > BODY_LIMIT {
        return Err(too_large());
    }
    Ok(Bytes::from(buf))
}

/// The JSON form of a posted document.
#[derive(Deserialize)]
struct PostedDoc {
    id: Option<String>,
    title: Option<String>,
    text: Option<String>,
    published: Option<String>,
    source: Option<String>,
    url: Option<String>,
}

fn today() -> NaiveDate {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.date_naive())
        .unwrap_or_default()
}

fn document_from(content_type: &str, body: &[u8]) -> Result<Document, ApiError> {
    let text_of = |b: &[u8]| {
        std::str::from_utf8(b)
            .map(|s| s.strip_prefix('\u{feff}').unwrap_or(s).to_string())
            .map_err(|e| {
                ApiError::bad_request(format!("the body is not UTF-8 (byte {})", e.valid_up_to()))
            })
    };
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let mut doc = if content_type == "application/json" {
        let p: PostedDoc = serde_json::from_slice(body).map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_json",
                format!("the body is not a JSON document object: {e}"),
            )
        })?;
        let published = match nonempty(p.published) {
            Some(d) => Some(
                d.get(..10)
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .ok_or_else(|| {
                        ApiError::bad_request(format!(
                            "published: expected YYYY-MM-DD, got {:?}",
                            clip(&d)
                        ))
                    })?,
            ),
            None => None,
        };
        Document {
            id: nonempty(p.id).unwrap_or_default(),
            title: nonempty(p.title),
            text: p.text.unwrap_or_default(),
            published,
            source: nonempty(p.source),
            url: nonempty(p.url),
        }
    } else {
        let text = text_of(body)?;
        let mut lines = text.lines();
        let title = match (lines.next(), lines.next()) {
            (Some(first), Some(second)) if !first.trim().is_empty() && second.trim().is_empty() => {
                Some(first.trim().to_string())
            }
            _ => None,
        };
        Document {
            title,
            text,
            ..Document::default()
        }
    };
    if doc.text.trim().is_empty() {
        return Err(ApiError::bad_request("the document has no text"));
    }
    if doc.id.is_empty() {
        doc.id = format!("api-{}", &content_hash(&doc)[..16]);
    }
    if doc.published.is_none() {
        doc.published = Some(today());
    }
    Ok(doc)
}

/// `POST /api/documents`: extract and store one document.
pub(crate) async fn post_document(State(st): State<AppState>, req: Request) -> ApiResult {
    check_token(&st, req.headers())?;
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if content_type != "application/json" && content_type != "text/plain" {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send text/plain (the article) or application/json ({\"text\", ...})",
        ));
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > DRAIN_LIMIT as u64) {
        return Err(too_large());
    }
    let body = read_body(req.into_body()).await?;
    let doc = document_from(&content_type, &body)?;
    let st2 = st.clone();
    tokio::task::spawn_blocking(move || -> ApiResult {
        let inner = &st2.0;
        let extraction =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| inner.engine.extract(&doc)))
                .map_err(|_| ApiError::internal("the extractor panicked"))?;
        let mut store = inner.writer.lock().unwrap_or_else(|p| p.into_inner());
        let hash = content_hash(&doc);
        let (row, key, status) = match store.document_by_hash(&hash)? {
            Some((row, key)) => (row, key, "duplicate"),
            None => match store.ingest(&doc, &extraction)? {
                Ingested::Stored { document, .. } => {
                    let key = doc.url.clone().unwrap_or_else(|| doc.id.clone());
                    (document, key, "new")
                }
                Ingested::Duplicate => {
                    let (row, key) = store
                        .document_by_hash(&hash)?
                        .ok_or_else(|| ApiError::internal("duplicate without a row"))?;
                    (row, key, "duplicate")
                }
            },
        };
        let events = store.events_of_document(row)?;
        Ok(respond(
            StatusCode::CREATED,
            "application/json",
            json_bytes(&json!({"document_id": key, "status": status, "events": events})),
        ))
    })
    .await
    .map_err(ApiError::internal)?
}

/// `GET /api/boundaries`.
pub(crate) async fn boundaries(
    State(st): State<AppState>,
    q: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> ApiResult {
    params::parse(&pairs(q)?, false, &[])?;
    let layers: Vec<_> = st
        .layers()
        .map(|l| {
            json!({"name": l.name, "level": l.level,
                   "url": format!("/api/boundaries/{}.geojson", l.name)})
        })
        .collect();
    Ok(json_ok(&json!({ "layers": layers })))
}

/// `GET /api/boundaries/{name}.geojson`.
pub(crate) async fn boundary_file(
    State(st): State<AppState>,
    file: Result<Path<String>, PathRejection>,
) -> ApiResult {
    let not_found = || ApiError::not_found("no such boundary layer");
    let Path(file) = file.map_err(|_| not_found())?;
    let name = file.strip_suffix(".geojson").ok_or_else(not_found)?;
    let path = st.0.layers.get(name).ok_or_else(not_found)?.path.clone();
    let data = tokio::task::spawn_blocking(move || std::fs::read(path))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    Ok(respond(StatusCode::OK, "application/geo+json", data))
}

/// The OpenAPI document (`src/openapi.json`).
pub(crate) const OPENAPI: &str = include_str!("openapi.json");

/// `GET /api/openapi.json`.
pub(crate) async fn openapi() -> Response {
    respond(
        StatusCode::OK,
        "application/json",
        OPENAPI.as_bytes().to_vec(),
    )
}

/// A known path with a method it does not take.
pub(crate) async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this path does not take that method",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abc", b"abd"));
        assert!(!same_secret(b"ab", b"abc"));
        assert!(!same_secret(b"", b"abc"));
        assert!(!same_secret(b"abc", b""));
    }

    #[test]
    fn posted_documents() {
        let d = document_from("text/plain", "Headline\n\nBody text.".as_bytes()).unwrap();
        assert_eq!(d.title.as_deref(), Some("Headline"));
        assert!(d.id.starts_with("api-"));
        let e = document_from("application/json", b"{\"text\": 5}").unwrap_err();
        assert_eq!(e.code, "bad_json");
        let e = document_from("application/json", b"{\"title\": \"x\"}").unwrap_err();
        assert_eq!(e.code, "bad_request");
        let e = document_from("text/plain", b"\xff\xfe").unwrap_err();
        assert_eq!(e.code, "bad_request");
        let e = document_from(
            "application/json",
            b"{\"text\":\"a\",\"published\":\"soon\"}",
        )
        .unwrap_err();
        assert_eq!(e.code, "bad_request");
    }
}
