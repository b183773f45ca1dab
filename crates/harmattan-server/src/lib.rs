//! harmattan-server: the HTTP API over the event store, and the dashboard served from files
//! embedded in the binary.
//!
//! [`router`] builds the axum [`Router`] (the API contract is `docs/api.md`, and
//! `GET /api/openapi.json` describes it); [`run`] serves it on a bound listener with its own
//! tokio runtime. Reads go through a pool of SQLite connections used from blocking threads;
//! `POST /api/documents` extracts and stores one document through a single writer
//! connection. Every request value reaches SQLite as a bound parameter; bad input gets a 4xx
//! with a JSON error and never a panic.

mod api;
mod assets;
pub mod error;
pub mod params;
mod pool;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::routing::{get, post};
use axum::Router;
use harmattan_core::Engine;
use harmattan_store::Store;

pub use error::ApiError;

/// Largest body of `POST /api/documents` (1 MiB).
pub const BODY_LIMIT: usize = 1 << 20;

/// What the server cannot start with.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The database could not be opened.
    #[error(transparent)]
    Store(#[from] harmattan_store::StoreError),
    /// A socket or file error.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The boundaries folder cannot be read.
    #[error("boundaries {path}: {message}")]
    Boundaries {
        /// The folder.
        path: PathBuf,
        /// Why.
        message: String,
    },
}

/// How the server is set up.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The SQLite database (created when missing).
    pub db: PathBuf,
    /// Bearer token that `POST /api/documents` requires; `None` disables that endpoint.
    pub token: Option<String>,
    /// A folder of admin-boundary GeoJSON files served under `/api/boundaries`.
    pub boundaries: Option<PathBuf>,
}

/// One boundary layer: a GeoJSON file of the boundaries folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    /// File name without `.geojson`/`.json`.
    pub name: String,
    /// Admin level read from the name (`..._1` → 1; 0 when it names none).
    pub level: u8,
    /// The file.
    pub path: PathBuf,
}

pub(crate) struct Inner {
    pub(crate) pool: pool::Pool,
    pub(crate) writer: Mutex<Store>,
    pub(crate) engine: Arc<Engine>,
    pub(crate) token: Option<String>,
    pub(crate) layers: BTreeMap<String, Layer>,
}

/// Shared state of the handlers (cheap to clone).
#[derive(Clone)]
pub struct AppState(pub(crate) Arc<Inner>);

impl AppState {
    /// Open the database (creating and migrating it when needed), list the boundary layers,
    /// and keep `engine` for `POST /api/documents`.
    pub fn new(config: Config, engine: Arc<Engine>) -> Result<AppState, ServerError> {
        let mut writer = Store::open(&config.db)?;
        writer.set_country_codes(
            engine
                .countries()
                .all()
                .iter()
                .map(|c| (c.iso, c.iso3.clone())),
        );
        let layers = match &config.boundaries {
            Some(dir) => boundary_layers(dir)?,
            None => BTreeMap::new(),
        };
        Ok(AppState(Arc::new(Inner {
            pool: pool::Pool::new(config.db.clone()),
            writer: Mutex::new(writer),
            engine,
            token: config.token.filter(|t| !t.is_empty()),
            layers,
        })))
    }

    /// The boundary layers served.
    pub fn layers(&self) -> impl Iterator<Item = &Layer> {
        self.0.layers.values()
    }
}

/// Whether a layer name is safe to appear in a URL and to name a file.
fn layer_name_ok(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.')
        && !name.starts_with('.')
}

/// The admin level a layer name gives: the digit after the last `_` (`gadm41_MLI_1`), or
/// after `adm`/`ADM` (`geoBoundaries-MLI-ADM2`); 0 when none.
fn layer_level(name: &str) -> u8 {
    let lower = name.to_ascii_lowercase();
    let digit = |s: &str| {
        let d: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
        d.parse::<u8>().ok().filter(|&n| n <= 5)
    };
    if let Some(i) = lower.rfind("adm") {
        if let Some(n) = digit(&lower[i + 3..]) {
            return n;
        }
    }
    lower
        .rsplit_once('_')
        .and_then(|(_, tail)| (tail.len() == 1).then(|| digit(tail)).flatten())
        .unwrap_or(0)
}

/// The `.geojson` and `.json` files of `dir`, by name.
pub fn boundary_layers(dir: &Path) -> Result<BTreeMap<String, Layer>, ServerError> {
    let err = |m: String| ServerError::Boundaries {
        path: dir.into(),
        message: m,
    };
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).map_err(|e| err(e.to_string()))? {
        let entry = entry.map_err(|e| err(e.to_string()))?;
        let path = entry.path();
        if !path.is_file() {
            continue;
        }
        let Some(file) = path.file_name().and_then(|f| f.to_str()) else {
            continue;
        };
        let name = match file
            .strip_suffix(".geojson")
            .or_else(|| file.strip_suffix(".json"))
        {
            Some(n) if layer_name_ok(n) => n.to_string(),
            _ => continue,
        };
        out.entry(name.clone()).or_insert(Layer {
            level: layer_level(&name),
            name,
            path,
        });
    }
    Ok(out)
}

/// The API and dashboard routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/api/events", get(api::events))
        .route("/api/events/{id}", get(api::event))
        .route("/api/stats", get(api::stats))
        .route("/api/facets", get(api::facets))
        .route("/api/export.csv", get(api::export_csv))
        .route("/api/export.geojson", get(api::export_geojson))
        .route("/api/documents", post(api::post_document))
        .route("/api/boundaries", get(api::boundaries))
        .route("/api/boundaries/{file}", get(api::boundary_file))
        .route("/api/openapi.json", get(api::openapi))
        .fallback(assets::fallback)
        .method_not_allowed_fallback(api::method_not_allowed)
        .with_state(state)
}

/// Serve `router(state)` on `listener` until the process ends, on a tokio runtime of
/// `workers` threads (0: one per core).
pub fn run(
    listener: std::net::TcpListener,
    state: AppState,
    workers: usize,
) -> Result<(), ServerError> {
    listener.set_nonblocking(true)?;
    let mut rt = tokio::runtime::Builder::new_multi_thread();
    if workers > 0 {
        rt.worker_threads(workers);
    }
    let rt = rt.enable_all().build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, router(state)).await
    })?;
    Ok(())
}

/// `value` as JSON bytes (serialising our own types cannot fail; an error gives `null`).
pub(crate) fn json_bytes<T: serde::Serialize + ?Sized>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_else(|_| b"null".to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_names_and_levels() {
        assert_eq!(layer_level("gadm41_MLI_1"), 1);
        assert_eq!(layer_level("gadm41_BFA_2"), 2);
        assert_eq!(layer_level("geoBoundaries-NER-ADM2"), 2);
        assert_eq!(layer_level("countries"), 0);
        assert!(layer_name_ok("gadm41_MLI_1"));
        assert!(!layer_name_ok("../etc"));
        assert!(!layer_name_ok(".hidden"));
        assert!(!layer_name_ok("a b"));
    }
}
