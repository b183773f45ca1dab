//! The dashboard: files of `crates/harmattan-server/assets/`, embedded in the binary at build
//! time (rust-embed), served for every path outside `/api`.

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

use crate::error::ApiError;

#[derive(RustEmbed)]
#[folder = "assets/"]
struct Assets;

/// The content type of a file name.
fn mime(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "geojson" => "application/geo+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "txt" => "text/plain; charset=utf-8",
        "wasm" => "application/wasm",
        "pbf" => "application/x-protobuf",
        _ => "application/octet-stream",
    }
}

/// Everything no route matched: a JSON 404 under `/api`, else an embedded file.
pub(crate) async fn fallback(req: Request) -> Response {
    let path = req.uri().path();
    if path == "/api" || path.starts_with("/api/") {
        return ApiError::not_found(format!("no API endpoint {}", crate::error::clip(path)))
            .into_response();
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            "the dashboard files are read with GET",
        )
        .into_response();
    }
    let mut name = path.trim_start_matches('/').to_string();
    if name.is_empty() || name.ends_with('/') {
        name.push_str("index.html");
    }
    match Assets::get(&name) {
        Some(file) => {
            let mut r = (StatusCode::OK, file.data.into_owned()).into_response();
            r.headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime(&name)));
            let cache = if name.ends_with(".html") {
                "no-cache"
            } else {
                "public, max-age=3600"
            };
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            r
        }
        None => {
            ApiError::not_found(format!("no file {}", crate::error::clip(path))).into_response()
        }
    }
}
