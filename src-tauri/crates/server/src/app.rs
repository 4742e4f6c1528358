//! The server's shape: its state (the pool, session limits, throttling),
//! the routes, and the one way a handler reaches the store, on a blocking
//! thread with a pooled connection named as the signed-in account.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use roundtable_core::CoreError;
use roundtable_core::domain::account::Account;
use roundtable_core::features::accounts::{self, SessionCheck, SessionLimits};
use roundtable_core::store::pg::{PgStore, RequestKind};
use serde::de::DeserializeOwned;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::{HttpError, HttpResult};
use crate::pool::Pool;
use crate::session;
use crate::throttle::Throttle;

/// The largest request body accepted (an agenda's worth of JSON is far less).
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

pub struct AppState {
    pub pool: Pool,
    pub limits: SessionLimits,
    pub throttle: Throttle,
    /// The built UI (`ui/dist`), served at `/` when given.
    pub ui: Option<PathBuf>,
    /// Changed meetings, for the browsers showing them.
    pub announcer: crate::events::Announcer,
    /// Roles that must sign in with an authenticator's code too.
    pub totp_roles: Vec<roundtable_core::domain::account::AccountRole>,
}

pub type Shared = Arc<AppState>;

/// Who is asking, from where, with which session token.
pub struct Caller {
    pub address: String,
    pub token: Option<String>,
}

/// Every handler takes its caller as an argument: the address the
/// connection came from and the session token in its cookie.
impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let address = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or_else(|| "an unknown address".to_owned(), |c| c.0.ip().to_string());
        Ok(Self {
            address,
            token: session::token(&parts.headers),
        })
    }
}

impl Caller {
    /// The signed-in account, named as the store's actor for what follows;
    /// the session's bookkeeping done at once (for signing out, which is
    /// not a request on the records).
    pub fn account(&self, store: &mut PgStore, limits: SessionLimits) -> HttpResult<Account> {
        let token = self.token.as_deref().ok_or(CoreError::NotSignedIn)?;
        let account = accounts::resume_session(store, token, limits, chrono::Utc::now())?;
        self.act_as(store, &account)?;
        Ok(account)
    }

    /// Names the account as the store's actor, from this caller's address.
    fn act_as(&self, store: &mut PgStore, account: &Account) -> HttpResult<()> {
        store.set_actor(&format!("{} ({})", account.display_name, account.username));
        store.set_origin(&self.address);
        Ok(())
    }
}

/// Runs `work` on a blocking thread with a pooled connection.
pub async fn blocking<T: Send + 'static>(
    state: &Shared,
    work: impl FnOnce(&mut PgStore) -> HttpResult<T> + Send + 'static,
) -> HttpResult<T> {
    let pool = state.pool.clone();
    tokio::task::spawn_blocking(move || {
        let mut store = pool.get()?;
        // Nothing of an earlier request: no transaction left open, nobody's
        // name, and no one named for row-level security (which then shows
        // no record: each request names its account's agency or the staff).
        store.abandon_request();
        store.set_actor("roundtable-server");
        store.set_origin("");
        store.clear_agency()?;
        work(&mut store)
    })
    .await
    .map_err(|_| {
        HttpError::from(CoreError::Storage(
            "the request stopped unexpectedly".into(),
        ))
    })?
}

/// How far signed in a request must be before its work runs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// A session: enough to change one's password or set up a second factor.
    Session,
    /// A session whose one-time password has been replaced and, where the
    /// role requires one, whose second factor is set up: anything else.
    Work,
}

/// [`request`] for work that changes something.
pub async fn signed_in<T: Send + 'static>(
    state: &Shared,
    caller: Caller,
    needs: Needs,
    work: impl FnOnce(&mut PgStore, Account) -> HttpResult<T> + Send + 'static,
) -> HttpResult<T> {
    request(state, caller, needs, RequestKind::Writing, work).await
}

/// Runs `work` as the caller's signed-in account, once the session allows
/// it, in one transaction with the session's check (see
/// `roundtable_core::store::pg::PgStore::begin_request`): all of it is
/// committed, or none. The session's bookkeeping (its last use, or its
/// end once timed out) follows in a statement of its own, kept whatever
/// became of the request.
pub async fn request<T: Send + 'static>(
    state: &Shared,
    caller: Caller,
    needs: Needs,
    kind: RequestKind,
    work: impl FnOnce(&mut PgStore, Account) -> HttpResult<T> + Send + 'static,
) -> HttpResult<T> {
    let shared = state.clone();
    blocking(state, move |store| {
        let token = caller.token.clone().ok_or(CoreError::NotSignedIn)?;
        store.begin_request(kind)?;
        let mut check = None;
        let outcome = (|| {
            let found = accounts::check_session(store, &token, shared.limits, chrono::Utc::now())?;
            let me = match &found {
                SessionCheck::Good { account, .. } => account.clone(),
                SessionCheck::Over | SessionCheck::Unknown => {
                    check = Some(found);
                    return Err(CoreError::NotSignedIn.into());
                }
            };
            check = Some(found);
            caller.act_as(store, &me)?;
            // Whom the database shows what (row-level security), for this
            // request's transaction alone.
            store.set_agency(me.agency_id)?;
            if needs == Needs::Work {
                if me.must_change_password {
                    return Err(CoreError::Forbidden(
                        "Choose your own password first: a one-time password only lets you do that.",
                    )
                    .into());
                }
                crate::totp::require(&shared, &me)?;
            }
            work(store, me)
        })();
        let finished = store.finish_request(outcome.is_ok());
        if let Some(check) = &check {
            store.set_actor("roundtable-server");
            accounts::settle_session(store, &token, check)?;
        }
        let value = outcome?;
        finished?;
        Ok(value)
    })
    .await
}

/// A JSON body as `T`: anything else (not JSON, a wrong type, an unknown
/// field, too large) is refused with a message saying what.
pub fn parse<T: DeserializeOwned>(body: Result<Bytes, BytesRejection>) -> HttpResult<T> {
    let body = body.map_err(|r| HttpError::with_status(r.status(), r.body_text()))?;
    let body: &[u8] = if body.is_empty() { b"{}" } else { &body };
    serde_json::from_slice(body)
        .map_err(|e| HttpError::bad_request(format!("The request could not be read: {e}")))
}

/// Refuses a cross-site change before any handler runs (see [`session`]).
/// The refused request's body is read first: a connection closed with
/// unread data is reset, and the browser would see that, not the refusal.
async fn same_origin(request: Request, next: Next) -> Response {
    let authority = request.uri().authority().map(|a| a.as_str().to_owned());
    match session::check_same_origin(request.method(), request.headers(), authority.as_deref()) {
        Ok(()) => next.run(request).await,
        Err(err) => {
            let _ = axum::body::to_bytes(request.into_body(), BODY_LIMIT).await;
            HttpError::from(err).into_response()
        }
    }
}

/// Refuses a body larger than its route takes with a 413 the browser
/// actually receives: the body is read and dropped first (up to a bound),
/// because a connection closed with unread data is reset, and the reset
/// can arrive before the answer.
async fn refuse_oversized(request: Request, next: Next) -> Response {
    let limit = if request.uri().path().starts_with("/api/upload/") {
        crate::files::UPLOAD_LIMIT
    } else {
        BODY_LIMIT
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    match declared {
        Some(length) if length > limit => {
            let _ = axum::body::to_bytes(request.into_body(), limit.saturating_mul(4)).await;
            HttpError::with_status(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "The request is too large: at most {} MB is accepted here.",
                    limit / (1024 * 1024)
                ),
            )
            .into_response()
        }
        _ => next.run(request).await,
    }
}

async fn no_such_route() -> HttpError {
    HttpError::with_status(StatusCode::NOT_FOUND, "There is no such request.")
}

pub fn router(state: Shared) -> Router {
    let api = Router::new()
        .route(
            "/session",
            get(crate::auth::current)
                .post(crate::auth::sign_in)
                .delete(crate::auth::sign_out),
        )
        .route("/password", post(crate::auth::change_password))
        .route("/about", get(crate::auth::about))
        .route(
            "/accounts",
            get(crate::auth::list).post(crate::auth::create),
        )
        .route("/accounts/{id}/disabled", post(crate::auth::set_disabled))
        .route("/accounts/{id}/totp-reset", post(crate::totp::reset))
        .route(
            "/accounts/{id}/invitation",
            post(crate::invitations::invite),
        )
        .route("/invitations/view", post(crate::invitations::view))
        .route("/invitations/accept", post(crate::invitations::accept))
        .route(
            "/accounts/{id}/password-reset",
            post(crate::auth::reset_password),
        )
        .route("/totp/offer", post(crate::totp::offer))
        .route("/totp", post(crate::totp::confirm))
        .route("/call/{command}", post(crate::commands::call))
        .route("/download", post(crate::files::download))
        .route(
            "/upload/{command}",
            post(crate::files::upload).layer(DefaultBodyLimit::max(crate::files::UPLOAD_LIMIT)),
        )
        .route("/events", get(crate::events::meeting_events))
        .fallback(no_such_route)
        .layer(middleware::from_fn(same_origin))
        .layer(middleware::from_fn(refuse_oversized))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    let mut app = Router::new().nest("/api", api);
    if let Some(ui) = &state.ui {
        let index = ServeFile::new(ui.join("index.html"));
        app = app.fallback_service(ServeDir::new(ui).fallback(index));
    }
    app.layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        // The desktop window's policy, for a browser: the page's own
        // scripts, styles, fonts and API only; nothing inline, no frames.
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; script-src 'self'; style-src 'self'; \
                 img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; \
                 object-src 'none'; base-uri 'none'; form-action 'none'; \
                 frame-ancestors 'none'",
            ),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .with_state(state)
}
