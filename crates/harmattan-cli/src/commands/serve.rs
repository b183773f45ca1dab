//! `harmattan serve`: the HTTP API and the dashboard over a database.

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use harmattan_server::{AppState, Config};

/// Arguments of `harmattan serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Database file (created when missing).
    #[arg(long, value_name = "FILE", default_value = "harmattan.db")]
    pub db: PathBuf,
    /// Address to listen on. The default is loopback only; another address exposes the
    /// server to the network.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Folder of admin-boundary GeoJSON files (`gadm41_MLI_1.geojson`, ...) for the map.
    #[arg(long, value_name = "DIR")]
    pub boundaries: Option<PathBuf>,
    /// Bearer token that `POST /api/documents` requires (else $HARMATTAN_TOKEN); without
    /// one the server takes no documents.
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Extra gazetteer for documents posted to the API; repeatable.
    #[arg(long, value_name = "PATH")]
    pub gazetteer: Vec<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub workers: usize,
}

/// The token from the flag, else from `$HARMATTAN_TOKEN`.
pub fn token(flag: &Option<String>) -> Option<String> {
    flag.clone()
        .or_else(|| std::env::var("HARMATTAN_TOKEN").ok())
        .filter(|t| !t.trim().is_empty())
}

/// Bind `addr`, print where the server is, and serve until the process is stopped.
pub fn serve(
    db: &Path,
    addr: SocketAddr,
    boundaries: Option<PathBuf>,
    token: Option<String>,
    engine: harmattan_core::Engine,
    workers: usize,
) -> anyhow::Result<bool> {
    let has_token = token.is_some();
    let state = AppState::new(
        Config {
            db: db.to_path_buf(),
            token,
            boundaries,
        },
        Arc::new(engine),
    )
    .with_context(|| format!("starting the server on {}", db.display()))?;
    let layers = state.layers().count();
    let listener = TcpListener::bind(addr).with_context(|| format!("cannot listen on {addr}"))?;
    let bound = listener.local_addr()?;
    if !bound.ip().is_loopback() {
        eprintln!(
            "warning: listening on {bound}, reachable from other machines (the default is 127.0.0.1)"
        );
    }
    eprintln!(
        "database {}; {} boundary layers; POST /api/documents {}",
        db.display(),
        layers,
        if has_token {
            "needs the bearer token"
        } else {
            "disabled (no --token)"
        }
    );
    println!("harmattan: serving on http://{bound}/  (Ctrl-C to stop)");
    use std::io::Write;
    std::io::stdout().flush()?;
    harmattan_server::run(listener, state, workers)?;
    Ok(true)
}

/// Run `serve`.
pub fn run(args: &ServeArgs) -> anyhow::Result<bool> {
    let engine = super::load_engine(&args.gazetteer)?;
    serve(
        &args.db,
        args.addr,
        args.boundaries.clone(),
        token(&args.token),
        engine,
        args.workers,
    )
}
