//! Invitations over HTTP (issue 18): a coordinator invites an account's
//! owner (a code, sent as a link that holds it); the invitee's browser asks
//! who it is for, then accepts it with a chosen password and is signed in.
//! The rules are the core's ([`invitations`]); this adds the cookie and the
//! throttle (an invitation's page is open to anyone, like signing in; wrong
//! codes count against the address they come from).

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use roundtable_core::CoreError;
use roundtable_core::features::accounts::{self, invitations};
use serde::Deserialize;
use uuid::Uuid;

use crate::app::{Caller, Needs, Shared, blocking, parse, signed_in};
use crate::auth::SessionView;
use crate::error::HttpResult;
use crate::session;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Code {
    code: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Acceptance {
    code: String,
    password: String,
}

/// `POST /api/accounts/{id}/invitation`: a new invitation for the account.
pub async fn invite(
    State(state): State<Shared>,
    caller: Caller,
    id: Result<Path<Uuid>, PathRejection>,
) -> HttpResult<Json<invitations::Invitation>> {
    let invitation = signed_in(&state, caller, Needs::Work, move |store, me| {
        let Path(id) = id.map_err(|_| CoreError::NotFound("That account"))?;
        Ok(invitations::invite(store, &me, id, Utc::now())?)
    })
    .await?;
    Ok(Json(invitation))
}

/// `POST /api/invitations/view`: who the invitation is for, if it works.
pub async fn view(
    State(state): State<Shared>,
    caller: Caller,
    body: Result<Bytes, BytesRejection>,
) -> HttpResult<Json<invitations::InvitationView>> {
    let input: Code = parse(body)?;
    let shared = state.clone();
    let view = blocking(&state, move |store| {
        shared.throttle.check_address(&caller.address)?;
        invitations::view(store, &input.code, Utc::now()).map_err(|err| {
            shared.throttle.failed_address(&caller.address);
            err.into()
        })
    })
    .await?;
    Ok(Json(view))
}

/// `POST /api/invitations/accept`: the password chosen, signed in.
pub async fn accept(
    State(state): State<Shared>,
    caller: Caller,
    body: Result<Bytes, BytesRejection>,
) -> HttpResult<Response> {
    let input: Acceptance = parse(body)?;
    let shared = state.clone();
    let (account, token) = blocking(&state, move |store| {
        shared.throttle.check_address(&caller.address)?;
        let account = invitations::accept(store, &input.code, &input.password, Utc::now())
            .inspect_err(|err| {
                if !matches!(err, CoreError::Validation(fields) if fields.iter().all(|f| f.field == "password")) {
                    shared.throttle.failed_address(&caller.address);
                }
            })?;
        store.set_actor(&format!("{} ({})", account.display_name, account.username));
        let token = accounts::open_session(store, &account, &caller.address, shared.limits)?;
        Ok((account, token))
    })
    .await?;
    let mut response = Json(SessionView::of(&state, account)).into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session::cookie(&token));
    Ok(response)
}
