//! The errors the core returns, and the shape they take across IPC:
//! `{ code, message, fields }`, where `fields` names each invalid field so the
//! UI can show the message beside it.

use serde::Serialize;
use ts_rs::TS;

/// What kind of failure happened; the UI branches on this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Validation,
    WrongPassphrase,
    NotSetUp,
    AlreadySetUp,
    Locked,
    AlreadyOpen,
    NewerSchema,
    NotFound,
    Conflict,
    Storage,
    Io,
    /// No session, or it ended: sign in (again).
    NotSignedIn,
    /// A name and password that do not match an enabled account.
    SignInFailed,
    /// Signed in, but this account may not do that.
    Forbidden,
    /// Too many failed sign-ins: wait before trying again.
    TooManyAttempts,
}

/// One invalid field: `field` is the input's property name (nested as
/// `representatives.2.email`), `message` says what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("{}", validation_summary(.0))]
    Validation(Vec<FieldError>),
    #[error("That passphrase is not right. Check it and try again.")]
    WrongPassphrase,
    #[error("Roundtable has not been set up on this computer yet. Choose a passphrase first.")]
    NotSetUp,
    #[error("Roundtable is already set up here. Unlock it with your passphrase.")]
    AlreadySetUp,
    #[error("Roundtable is locked. Unlock it with your passphrase.")]
    Locked,
    #[error(
        "Roundtable is already open with this data in another window. Switch to that window, or close it and start Roundtable again."
    )]
    AlreadyOpen,
    #[error(
        "This data was saved by a newer version of Roundtable (data version {found}; this version knows up to {known}). Install the newer version to open it. Nothing has been changed."
    )]
    NewerSchema { found: i64, known: i64 },
    #[error("{0} was not found. It may have been removed; reload and try again.")]
    NotFound(&'static str),
    #[error("{0}")]
    Conflict(String),
    #[error("Roundtable could not read or save its data ({0}). Nothing was changed.")]
    Storage(String),
    #[error("Roundtable could not use its data folder ({0}).")]
    Io(String),
    #[error("You are not signed in, or your session has ended. Sign in to continue.")]
    NotSignedIn,
    #[error("That username or password is not right. Check them and try again.")]
    SignInFailed,
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("Too many attempts to sign in. Wait {minutes} minutes and try again.")]
    TooManyAttempts { minutes: u64 },
}

fn validation_summary(errors: &[FieldError]) -> String {
    match errors {
        [one] => one.message.clone(),
        many => format!("There are {} problems to fix.", many.len()),
    }
}

impl CoreError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Validation(_) => ErrorCode::Validation,
            Self::WrongPassphrase => ErrorCode::WrongPassphrase,
            Self::NotSetUp => ErrorCode::NotSetUp,
            Self::AlreadySetUp => ErrorCode::AlreadySetUp,
            Self::Locked => ErrorCode::Locked,
            Self::AlreadyOpen => ErrorCode::AlreadyOpen,
            Self::NewerSchema { .. } => ErrorCode::NewerSchema,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::Conflict(_) => ErrorCode::Conflict,
            Self::Storage(_) => ErrorCode::Storage,
            Self::Io(_) => ErrorCode::Io,
            Self::NotSignedIn => ErrorCode::NotSignedIn,
            Self::SignInFailed => ErrorCode::SignInFailed,
            Self::Forbidden(_) => ErrorCode::Forbidden,
            Self::TooManyAttempts { .. } => ErrorCode::TooManyAttempts,
        }
    }

    /// A single-field validation error.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }
}

impl From<rusqlite::Error> for CoreError {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode as Sqlite;
        match err.sqlite_error_code() {
            Some(Sqlite::NotADatabase) => Self::WrongPassphrase,
            Some(Sqlite::DiskFull) => Self::Storage("the disk is full".into()),
            Some(Sqlite::ReadOnly | Sqlite::CannotOpen | Sqlite::PermissionDenied) => {
                Self::Storage("the data file cannot be written".into())
            }
            Some(Sqlite::DatabaseBusy | Sqlite::DatabaseLocked) => {
                Self::Storage("the data file is busy".into())
            }
            _ => Self::Storage(format!("database error: {err}")),
        }
    }
}

impl From<std::io::Error> for CoreError {
    fn from(err: std::io::Error) -> Self {
        Self::Io(err.to_string())
    }
}

impl From<rusqlite_migration::Error> for CoreError {
    fn from(err: rusqlite_migration::Error) -> Self {
        match err {
            rusqlite_migration::Error::RusqliteError { err, .. } => err.into(),
            other => Self::Storage(format!("could not update the data format: {other}")),
        }
    }
}

impl From<postgres::Error> for CoreError {
    fn from(err: postgres::Error) -> Self {
        match err.as_db_error() {
            Some(db) => Self::Storage(format!("database error: {}", db.message())),
            None if err.is_closed() => Self::Storage("the database connection was lost".into()),
            None => Self::Storage(format!("database error: {err}")),
        }
    }
}

impl From<refinery::Error> for CoreError {
    fn from(err: refinery::Error) -> Self {
        Self::Storage(format!("could not update the data format: {err}"))
    }
}

/// The error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl From<CoreError> for ApiError {
    fn from(err: CoreError) -> Self {
        let code = err.code();
        let message = err.to_string();
        let fields = match err {
            CoreError::Validation(fields) => fields,
            _ => Vec::new(),
        };
        Self {
            code,
            message,
            fields,
        }
    }
}

pub type CoreResult<T> = Result<T, CoreError>;
