//! Read connections for the request handlers: SQLite connections (WAL, so reads go on while
//! a document is written) kept in a small pool and used from tokio's blocking threads, so
//! queries run on every core without blocking the async workers. Beside them, a cache of
//! aggregates (totals, facets, statistics) kept while the events do not change.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use harmattan_store::{Filter, Store};

use crate::error::ApiError;

/// Most idle connections kept.
const MAX_IDLE: usize = 16;
/// Most cached entries (totals plus responses) before the cache is emptied.
const MAX_CACHED: usize = 2048;

/// Aggregates computed under one [`Store::generation`].
#[derive(Default)]
struct Cache {
    generation: i64,
    totals: HashMap<String, u64>,
    responses: HashMap<String, Arc<Vec<u8>>>,
}

/// One read connection, with access to the shared cache.
pub struct Reader<'p> {
    /// The connection.
    pub store: Store,
    cache: &'p Mutex<Cache>,
    generation: Option<i64>,
}

impl Reader<'_> {
    /// The current generation of the events (read once per request).
    fn generation(&mut self) -> Result<i64, ApiError> {
        if let Some(g) = self.generation {
            return Ok(g);
        }
        let g = self.store.generation()?;
        self.generation = Some(g);
        Ok(g)
    }

    fn cached<T>(&mut self, get: impl FnOnce(&Cache) -> Option<T>) -> Result<Option<T>, ApiError> {
        let g = self.generation()?;
        let c = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        Ok(if c.generation == g { get(&c) } else { None })
    }

    fn remember(&mut self, put: impl FnOnce(&mut Cache)) -> Result<(), ApiError> {
        let g = self.generation()?;
        let mut c = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if c.generation != g || c.totals.len() + c.responses.len() >= MAX_CACHED {
            *c = Cache {
                generation: g,
                ..Cache::default()
            };
        }
        put(&mut c);
        Ok(())
    }

    /// The number of events matching `filter` (cached while the events do not change).
    pub fn total(&mut self, filter: &Filter) -> Result<u64, ApiError> {
        let key = format!("{filter:?}");
        if let Some(n) = self.cached(|c| c.totals.get(&key).copied())? {
            return Ok(n);
        }
        let n = self.store.count_events(filter)?;
        self.remember(|c| {
            c.totals.insert(key, n);
        })?;
        Ok(n)
    }

    /// A response body computed by `make` and cached under `key` while the events do not
    /// change.
    pub fn response(
        &mut self,
        key: String,
        make: impl FnOnce(&Store) -> Result<Vec<u8>, ApiError>,
    ) -> Result<Arc<Vec<u8>>, ApiError> {
        if let Some(b) = self.cached(|c| c.responses.get(&key).cloned())? {
            return Ok(b);
        }
        let body = Arc::new(make(&self.store)?);
        let b = body.clone();
        self.remember(|c| {
            c.responses.insert(key, b);
        })?;
        Ok(body)
    }
}

/// A pool of read connections to one database file.
pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    cache: Mutex<Cache>,
}

impl Pool {
    /// A pool for the database at `path` (opened lazily).
    pub fn new(path: PathBuf) -> Pool {
        Pool {
            path,
            idle: Mutex::new(Vec::new()),
            cache: Mutex::new(Cache {
                generation: -1,
                ..Cache::default()
            }),
        }
    }

    fn take(&self) -> Result<Store, ApiError> {
        if let Some(s) = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop() {
            return Ok(s);
        }
        Ok(Store::open(&self.path)?)
    }

    fn give(&self, s: Store) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < MAX_IDLE {
            idle.push(s);
        }
    }

    /// Run `f` with a read connection (call from a blocking thread). A connection on which
    /// the server failed is dropped rather than reused.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Reader) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut r = Reader {
            store: self.take()?,
            cache: &self.cache,
            generation: None,
        };
        let out = f(&mut r);
        if !matches!(&out, Err(e) if e.status.is_server_error()) {
            self.give(r.store);
        }
        out
    }
}
