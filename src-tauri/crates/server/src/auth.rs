//! Signing in and out, changing one's password, and managing accounts,
//! over HTTP. The rules are the core's ([`accounts`]); this adds the
//! cookie, the caller's address and the throttle.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use roundtable_core::CoreError;
use roundtable_core::domain::account::{Account, AccountInput, AccountRole};
use roundtable_core::features::accounts::{self, invitations};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::app::{Caller, Needs, Shared, blocking, parse, request, signed_in};
use crate::error::HttpResult;
use crate::session;
use roundtable_core::store::pg::RequestKind;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignIn {
    username: String,
    password: String,
    /// The authenticator's code, for an account with the second factor on.
    #[serde(default)]
    code: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    account: Account,
    /// The account's role must sign in with an authenticator's code too.
    totp_required: bool,
    /// Minutes without use before the session ends.
    idle_minutes: i64,
    /// The account may list, create and disable accounts (the core's rule).
    manages_accounts: bool,
}

impl SessionView {
    pub(crate) fn of(state: &Shared, account: Account) -> Self {
        Self {
            totp_required: state.totp_roles.contains(&account.role),
            idle_minutes: state.limits.idle.num_minutes(),
            manages_accounts: account.role.manages_accounts(),
            account,
        }
    }
}

pub async fn sign_in(
    State(state): State<Shared>,
    caller: Caller,
    body: Result<Bytes, BytesRejection>,
) -> HttpResult<Response> {
    let input: SignIn = parse(body)?;
    let shared = state.clone();
    let (account, token) = blocking(&state, move |store| {
        shared.throttle.check(&input.username, &caller.address)?;
        let checked =
            accounts::check_password(store, &input.username, &input.password).and_then(|account| {
                accounts::totp::check(store, &account, input.code.as_deref())?;
                Ok(account)
            });
        match checked {
            Ok(account) => {
                shared.throttle.succeeded(&input.username);
                store.set_actor(&format!("{} ({})", account.display_name, account.username));
                let token =
                    accounts::open_session(store, &account, &caller.address, shared.limits)?;
                Ok((account, token))
            }
            Err(err) => {
                shared.throttle.failed(&input.username, &caller.address);
                Err(err.into())
            }
        }
    })
    .await?;
    let mut response = Json(SessionView::of(&state, account)).into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session::cookie(&token));
    Ok(response)
}

pub async fn current(State(state): State<Shared>, caller: Caller) -> HttpResult<Json<SessionView>> {
    let account = request(
        &state,
        caller,
        Needs::Session,
        RequestKind::Reading,
        |_, me| Ok(me),
    )
    .await?;
    Ok(Json(SessionView::of(&state, account)))
}

pub async fn sign_out(State(state): State<Shared>, caller: Caller) -> HttpResult<Response> {
    let limits = state.limits;
    blocking(&state, move |store| {
        // Signed in or not, the browser's cookie goes; a live session ends.
        if caller.account(store, limits).is_ok()
            && let Some(token) = &caller.token
        {
            accounts::close_session(store, token, &caller.address)?;
        }
        Ok(())
    })
    .await?;
    let mut response = axum::http::StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session::expired_cookie());
    Ok(response)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewPassword {
    current: String,
    password: String,
}

pub async fn change_password(
    State(state): State<Shared>,
    caller: Caller,
    body: Result<Bytes, BytesRejection>,
) -> HttpResult<Json<SessionView>> {
    let account = signed_in(&state, caller, Needs::Session, move |store, me| {
        let input: NewPassword = parse(body)?;
        Ok(accounts::change_password(
            store,
            &me,
            &input.current,
            &input.password,
        )?)
    })
    .await?;
    Ok(Json(SessionView::of(&state, account)))
}

pub async fn list(State(state): State<Shared>, caller: Caller) -> HttpResult<Json<Vec<Account>>> {
    let all = signed_in(&state, caller, Needs::Work, |store, me| {
        Ok(accounts::list(store, &me)?)
    })
    .await?;
    Ok(Json(all))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedAccount {
    account: Account,
    /// Shown once, to pass on by phone or in person; never stored. None for
    /// an agency's representative, who is sent an invitation instead.
    one_time_password: Option<String>,
    /// An agency representative's invitation: a code that works once and
    /// expires, to send as a link.
    invitation: Option<invitations::Invitation>,
}

pub async fn create(
    State(state): State<Shared>,
    caller: Caller,
    body: Result<Bytes, BytesRejection>,
) -> HttpResult<Json<CreatedAccount>> {
    let created = signed_in(&state, caller, Needs::Work, move |store, me| {
        let input: AccountInput = parse(body)?;
        let (account, password) = accounts::create(store, Some(&me), &input)?;
        Ok(if account.role == AccountRole::Agency {
            // Representatives are invited: the one-time password made with
            // the account is never shown, so nobody knows it.
            let invitation = invitations::invite(store, &me, account.id, chrono::Utc::now())?;
            CreatedAccount {
                account,
                one_time_password: None,
                invitation: Some(invitation),
            }
        } else {
            CreatedAccount {
                account,
                one_time_password: Some(password),
                invitation: None,
            }
        })
    })
    .await?;
    Ok(Json(created))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Disabled {
    disabled: bool,
}

pub async fn set_disabled(
    State(state): State<Shared>,
    caller: Caller,
    id: Result<Path<Uuid>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> HttpResult<Json<Account>> {
    let account = signed_in(&state, caller, Needs::Work, move |store, me| {
        let Path(id) = id.map_err(|_| CoreError::NotFound("That account"))?;
        let input: Disabled = parse(body)?;
        Ok(accounts::set_disabled(store, &me, id, input.disabled)?)
    })
    .await?;
    Ok(Json(account))
}

/// `POST /api/accounts/{id}/password-reset`: a new one-time password.
pub async fn reset_password(
    State(state): State<Shared>,
    caller: Caller,
    id: Result<Path<Uuid>, PathRejection>,
) -> HttpResult<Json<CreatedAccount>> {
    let (account, one_time_password) = signed_in(&state, caller, Needs::Work, move |store, me| {
        let Path(id) = id.map_err(|_| CoreError::NotFound("That account"))?;
        Ok(accounts::reset_password(store, &me, id)?)
    })
    .await?;
    Ok(Json(CreatedAccount {
        account,
        one_time_password: Some(one_time_password),
        invitation: None,
    }))
}

#[derive(Serialize)]
pub struct About {
    version: &'static str,
    build: &'static str,
    data_dir: &'static str,
    licences: Vec<roundtable_pdf::Licence>,
}

/// `GET /api/about`: Help > About in a browser (signed in).
pub async fn about(State(state): State<Shared>, caller: Caller) -> HttpResult<Json<About>> {
    request(
        &state,
        caller,
        Needs::Session,
        RequestKind::Reading,
        |_, _| Ok(()),
    )
    .await?;
    Ok(Json(About {
        version: env!("CARGO_PKG_VERSION"),
        build: "Roundtable server",
        data_dir: "",
        licences: roundtable_pdf::font_licences(),
    }))
}
