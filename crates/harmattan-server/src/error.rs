//! API errors: an HTTP status and a JSON body `{"error":{"code":..., "message":...}}` with a
//! stable code.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// An error answered to the client. `code` is stable (see `docs/api.md`); `message` is for
/// people.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable snake_case code.
    pub code: &'static str,
    /// What went wrong.
    pub message: String,
}

impl ApiError {
    /// An error with this status and code.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }
    /// 400 `bad_request`.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }
    /// 400 `bad_filter`: a known parameter with a value that cannot be used.
    pub fn bad_filter(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_filter", message)
    }
    /// 400 `unknown_filter`.
    pub fn unknown_filter(name: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "unknown_filter",
            format!("unknown query parameter {:?}", clip(name)),
        )
    }
    /// 404 `not_found`.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }
    /// 500 `internal`: a failure of the server, never of the request. The details go to
    /// standard error, not to the client.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        eprintln!("harmattan-server: internal error: {detail}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal error (see the server log)",
        )
    }
}

impl From<harmattan_store::StoreError> for ApiError {
    fn from(e: harmattan_store::StoreError) -> Self {
        ApiError::internal(e)
    }
}

/// At most 80 characters of a client-supplied string, for messages.
pub(crate) fn clip(s: &str) -> String {
    if s.chars().count() <= 80 {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(79).collect();
        t.push('…');
        t
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({"error": {"code": self.code, "message": self.message}});
        let mut resp = (self.status, crate::json_bytes(&body)).into_response();
        resp.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if self.status == StatusCode::UNAUTHORIZED {
            resp.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        resp
    }
}
