//! Read connections for the request handlers: SQLite connections (WAL, so reads go on while
//! a document is written) kept in a small pool and used from tokio's blocking threads, so
//! queries run on every core without blocking the async workers.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use harmattan_store::{Filter, Store};

use crate::error::ApiError;

/// Most idle connections kept.
const MAX_IDLE: usize = 16;
/// Most cached totals per connection.
const MAX_TOTALS: usize = 512;

/// One read connection and what it has cached.
pub struct Reader {
    /// The connection.
    pub store: Store,
    /// `PRAGMA data_version` when `totals` was last known good.
    version: i64,
    /// Counts of events per filter (`Filter`'s debug form), valid while the database has not
    /// changed.
    totals: HashMap<String, u64>,
}

impl Reader {
    /// The number of events matching `filter`, from this connection's cache while no other
    /// connection has committed since.
    pub fn total(&mut self, filter: &Filter) -> Result<u64, ApiError> {
        let v = self.store.data_version()?;
        if v != self.version {
            self.totals.clear();
            self.version = v;
        }
        let key = format!("{filter:?}");
        if let Some(&n) = self.totals.get(&key) {
            return Ok(n);
        }
        let n = self.store.count_events(filter)?;
        if self.totals.len() >= MAX_TOTALS {
            self.totals.clear();
        }
        self.totals.insert(key, n);
        Ok(n)
    }
}

/// A pool of read connections to one database file.
pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Reader>>,
}

impl Pool {
    /// A pool for the database at `path` (opened lazily).
    pub fn new(path: PathBuf) -> Pool {
        Pool {
            path,
            idle: Mutex::new(Vec::new()),
        }
    }

    fn take(&self) -> Result<Reader, ApiError> {
        if let Some(r) = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop() {
            return Ok(r);
        }
        let store = Store::open(&self.path)?;
        Ok(Reader {
            store,
            version: i64::MIN,
            totals: HashMap::new(),
        })
    }

    fn give(&self, r: Reader) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < MAX_IDLE {
            idle.push(r);
        }
    }

    /// Run `f` with a read connection (call from a blocking thread). A connection on which
    /// the server failed is dropped rather than reused.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Reader) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut r = self.take()?;
        let out = f(&mut r);
        if !matches!(&out, Err(e) if e.status.is_server_error()) {
            self.give(r);
        }
        out
    }
}
