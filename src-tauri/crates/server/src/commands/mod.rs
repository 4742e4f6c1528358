//! `POST /api/call/{command}`: the desktop app's commands over HTTP, with
//! the same names and arguments (the UI's web backend sends what its Tauri
//! backend invokes), each calling the same core feature on PostgreSQL as
//! the signed-in account. Arguments are checked strictly: a missing one,
//! a wrong type or an unknown name is a 400 saying which.
//!
//! The list is in [`list`]: every command that needs only the store.
//! Those that touch the desktop (folders, dialogs, windows, the vault) get
//! web forms of their own (downloads, uploads, a projector page).

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use roundtable_core::CoreError;
use roundtable_core::domain::account::Account;
use serde_json::Value;

use crate::app::{Caller, Needs, Shared, parse, request};
use crate::error::{HttpError, HttpResult};

/// Declares each command once: its camelCase arguments (as Tauri passes
/// them), whether it only reads (`read`) or changes something (`write`),
/// and the feature it calls with the store `s`.
macro_rules! commands {
    ($( $name:ident ( $($arg:ident : $ty:ty),* ) => $kind:ident |$s:ident| $body:expr ; )*) => {
        /// Every command the server answers, by name.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// How a command's request opens its transaction: one read-only
        /// snapshot for a command that only reads (a write in it is
        /// refused), read committed for one that changes something.
        pub fn request_kind(name: &str) -> RequestKind {
            match name {
                $(stringify!($name) if stringify!($kind) == "read" => RequestKind::Reading,)*
                _ => RequestKind::Writing,
            }
        }

        pub(super) fn run(store: &mut PgStore, name: &str, args: Value) -> HttpResult<Value> {
            match name {
                $(stringify!($name) => {
                    #[derive(serde::Deserialize)]
                    #[serde(rename_all = "camelCase", deny_unknown_fields)]
                    struct Args { $($arg: $ty),* }
                    let Args { $($arg),* } = arguments(args)?;
                    #[allow(unused_variables)]
                    let $s = &mut *store;
                    let value: CoreResult<_> = $body;
                    serde_json::to_value(value?).map_err(|e| {
                        HttpError::from(CoreError::Storage(format!("could not send the answer: {e}")))
                    })
                })*
                _ => Err(HttpError::with_status(StatusCode::NOT_FOUND, "There is no such request.")),
            }
        }
    };
}

// After the macro, which it uses.
mod agency;
mod list;

pub use agency::AGENCY_COMMANDS;
pub use list::{COORDINATORS_ONLY, NAMES, request_kind};

/// The arguments object (absent means none).
pub(super) fn arguments<T: serde::de::DeserializeOwned>(args: Value) -> HttpResult<T> {
    let args = if args.is_null() {
        Value::Object(Default::default())
    } else {
        args
    };
    serde_json::from_value(args).map_err(|e| {
        HttpError::bad_request(format!("The request's arguments could not be read: {e}"))
    })
}

/// Refuses an account whose role does not work the panel's own records
/// (an agency's representative: issue 18 says what it may see).
pub fn works_the_panel(me: &Account) -> HttpResult<()> {
    if me.role.works_the_panel() {
        Ok(())
    } else {
        Err(CoreError::Forbidden("Your account cannot open the panel's own records.").into())
    }
}

pub async fn call(
    State(state): State<Shared>,
    caller: Caller,
    Path(command): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> HttpResult<Json<Value>> {
    let kind = request_kind(&command);
    let value = request(&state, caller, Needs::Work, kind, move |store, me| {
        let args: Value = parse(body)?;
        if !me.role.works_the_panel() {
            return agency::run(store, &me, &command, args);
        }
        if list::COORDINATORS_ONLY.contains(&command.as_str()) && !me.role.manages_accounts() {
            return Err(CoreError::Forbidden(
                "Only a coordinator or the administrator keeps the audit log and deletes cases.",
            )
            .into());
        }
        list::run(store, &command, args)
    })
    .await?;
    Ok(Json(value))
}
