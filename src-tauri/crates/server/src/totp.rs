//! The second factor over HTTP: offering a secret, turning it on with a
//! code made from it, and a coordinator resetting it for a lost phone. The
//! roles that must use it are the server's choice (`--require-totp`):
//! until such an account has set it up, it can do nothing else.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, State};
use roundtable_core::CoreError;
use roundtable_core::domain::account::Account;
use roundtable_core::features::accounts::totp::{self, TotpOffer};
use serde::Deserialize;
use uuid::Uuid;

use crate::app::{Caller, Needs, Shared, parse, request, signed_in};
use crate::error::HttpResult;
use roundtable_core::store::pg::RequestKind;

pub async fn offer(State(state): State<Shared>, caller: Caller) -> HttpResult<Json<TotpOffer>> {
    let offer = request(
        &state,
        caller,
        Needs::Session,
        RequestKind::Reading,
        |_, me| Ok(totp::offer(&me)?),
    )
    .await?;
    Ok(Json(offer))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Confirm {
    secret: String,
    code: String,
}

pub async fn confirm(
    State(state): State<Shared>,
    caller: Caller,
    body: Result<Bytes, BytesRejection>,
) -> HttpResult<Json<Account>> {
    let account = signed_in(&state, caller, Needs::Session, move |store, me| {
        let input: Confirm = parse(body)?;
        Ok(totp::confirm(store, &me, &input.secret, &input.code)?)
    })
    .await?;
    Ok(Json(account))
}

pub async fn reset(
    State(state): State<Shared>,
    caller: Caller,
    id: Result<Path<Uuid>, PathRejection>,
) -> HttpResult<Json<Account>> {
    let account = signed_in(&state, caller, Needs::Work, move |store, me| {
        let Path(id) = id.map_err(|_| CoreError::NotFound("That account"))?;
        Ok(totp::reset(store, &me, id)?)
    })
    .await?;
    Ok(Json(account))
}

/// Refuses work to an account whose role must use a second factor and
/// has not set one up.
pub fn require(state: &Shared, account: &Account) -> Result<(), CoreError> {
    if state.totp_roles.contains(&account.role) && !account.totp_enabled {
        return Err(CoreError::Forbidden(
            "Set up your authenticator app first: your role signs in with a code.",
        ));
    }
    Ok(())
}
