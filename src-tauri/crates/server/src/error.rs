//! Errors over HTTP keep the shape the desktop's IPC gives them,
//! `{code, message, fields}`, with the status a browser expects. Anything
//! the caller sent wrong is a 4xx with a message saying what; a 5xx is only
//! the server's or the database's own failure, never the input's.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use roundtable_core::{ApiError, CoreError, ErrorCode, FieldError};

/// An [`ApiError`] on its way to the browser, with its status when the
/// error's code alone does not say it (a body too large).
#[derive(Debug)]
pub struct HttpError(pub ApiError, Option<StatusCode>);

impl HttpError {
    /// The request itself was malformed (not JSON, unknown fields).
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self(
            ApiError {
                code: ErrorCode::Validation,
                message: message.into(),
                fields: Vec::<FieldError>::new(),
            },
            None,
        )
    }

    /// A request refused before it was read (too large, wrong type...).
    pub fn with_status(status: StatusCode, message: impl Into<String>) -> Self {
        let mut err = Self::bad_request(message);
        err.1 = Some(status);
        err
    }

    fn status(&self) -> StatusCode {
        if let Some(status) = self.1 {
            return status;
        }
        match self.0.code {
            ErrorCode::Validation => StatusCode::BAD_REQUEST,
            ErrorCode::NotSignedIn | ErrorCode::SignInFailed => StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden => StatusCode::FORBIDDEN,
            ErrorCode::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::Conflict => StatusCode::CONFLICT,
            ErrorCode::WrongPassphrase
            | ErrorCode::NotSetUp
            | ErrorCode::AlreadySetUp
            | ErrorCode::Locked
            | ErrorCode::AlreadyOpen => StatusCode::CONFLICT,
            ErrorCode::NewerSchema | ErrorCode::Storage | ErrorCode::Io => {
                StatusCode::SERVICE_UNAVAILABLE
            }
        }
    }
}

impl From<CoreError> for HttpError {
    fn from(err: CoreError) -> Self {
        Self(err.into(), None)
    }
}

impl From<ApiError> for HttpError {
    fn from(err: ApiError) -> Self {
        Self(err, None)
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            eprintln!("roundtable-server: {}", self.0.message);
        }
        (status, Json(self.0)).into_response()
    }
}

pub type HttpResult<T> = Result<T, HttpError>;
