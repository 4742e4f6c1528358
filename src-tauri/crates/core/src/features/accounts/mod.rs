//! Accounts and sign-in for the Roundtable server: creating an account with
//! a one-time password, signing in (argon2id, the same answer in the same
//! time whether or not the account exists), changing a password, disabling
//! an account, and the sessions a browser holds. The server decides who may
//! call what; these decide whether a name and password, or a session, are
//! good. Throttling repeated failures is the server's (it sees addresses).

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::domain::account::{Account, AccountInput, check_new_password};
use crate::error::{CoreError, CoreResult};
use crate::store::Engine;
use crate::store::codec::now;
use crate::tables::accounts as table;

pub mod invitations;
mod secrets;
pub mod totp;

pub use secrets::{hash_password, new_token, one_time_password, token_hash, verify_password};

/// How long a session lasts: unused for `idle`, or at most `absolute` from
/// signing in, whichever ends first.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    pub idle: Duration,
    pub absolute: Duration,
}

impl Default for SessionLimits {
    /// Thirty minutes unused; ten hours in all (a long panel day).
    fn default() -> Self {
        Self {
            idle: Duration::minutes(30),
            absolute: Duration::hours(10),
        }
    }
}

/// A new account with a one-time password (returned once, kept only as
/// its hash), which its owner must change at first sign-in. `by` is the
/// account making it; `None` is the server's own command, run by whoever
/// administers the machine (how the first administrator is made).
pub fn create(
    store: &mut impl Engine,
    by: Option<&Account>,
    input: &AccountInput,
) -> CoreResult<(Account, String)> {
    let valid = input.validate()?;
    if let Some(by) = by
        && !by.role.may_create(valid.role)
    {
        return Err(CoreError::Forbidden(
            "Your account cannot create that kind of account.",
        ));
    }
    let password = one_time_password();
    let hash = hash_password(&password)?;
    let id = Uuid::new_v4();
    let account = store.write(|db| {
        if table::username_taken(db, &valid.username)? {
            return Err(CoreError::field(
                "username",
                "That username is taken. Choose another.",
            ));
        }
        table::insert(db, id, &valid, &hash, &now())?;
        table::get(db, id)?.ok_or(CoreError::NotFound("That account"))
    })?;
    Ok((account, password))
}

/// Whether the server has an administrator yet (the first is made by a
/// command on the server itself).
pub fn has_administrator(store: &mut impl Engine) -> CoreResult<bool> {
    store.read_one(table::any_administrator)
}

/// Every account, for those who manage them.
pub fn list(store: &mut impl Engine, by: &Account) -> CoreResult<Vec<Account>> {
    if !by.role.manages_accounts() {
        return Err(CoreError::Forbidden(
            "Your account cannot see other accounts.",
        ));
    }
    store.read_one(table::list)
}

/// The account if `password` is its password and it is not disabled.
/// Unknown names spend the same time on a hash as known ones, so timing
/// does not say which names exist.
pub fn check_password(
    store: &mut impl Engine,
    username: &str,
    password: &str,
) -> CoreResult<Account> {
    let username = username.trim().to_lowercase();
    let found = store.read_one(|db| table::by_username(db, &username))?;
    let Some((account, hash)) = found else {
        let _ = verify_password(password, secrets::dummy_hash());
        return Err(CoreError::SignInFailed);
    };
    if !verify_password(password, &hash)? || account.disabled {
        return Err(CoreError::SignInFailed);
    }
    Ok(account)
}

/// Replaces the account's password, after checking its current one.
pub fn change_password(
    store: &mut impl Engine,
    account: &Account,
    current: &str,
    new: &str,
) -> CoreResult<Account> {
    let hash = store
        .read_one(|db| table::password_hash(db, account.id))?
        .ok_or(CoreError::NotFound("That account"))?;
    if !verify_password(current, &hash)? {
        return Err(CoreError::field(
            "current",
            "That is not your current password.",
        ));
    }
    check_new_password(new, &account.username)?;
    if new == current {
        return Err(CoreError::field(
            "password",
            "Choose a password you have not used here.",
        ));
    }
    let hash = hash_password(new)?;
    store.write(|db| {
        table::set_password(db, account.id, &hash, false, &now())?;
        table::get(db, account.id)?.ok_or(CoreError::NotFound("That account"))
    })
}

/// Disables (or enables again) an account; disabling ends its sessions.
/// Nobody disables their own account (the last administrator would lock
/// everyone out), and only an administrator touches an administrator's.
pub fn set_disabled(
    store: &mut impl Engine,
    by: &Account,
    id: Uuid,
    disabled: bool,
) -> CoreResult<Account> {
    if by.id == id {
        return Err(CoreError::Forbidden(
            "You cannot disable or enable your own account.",
        ));
    }
    let target = store
        .read_one(|db| table::get(db, id))?
        .ok_or(CoreError::NotFound("That account"))?;
    if !by.role.may_create(target.role) {
        return Err(CoreError::Forbidden(
            "Your account cannot disable or enable that account.",
        ));
    }
    store.write(|db| {
        let at = now();
        let when = disabled.then_some(at.as_str());
        if table::set_disabled(db, id, when, &at)? == 0 {
            return Err(CoreError::NotFound("That account"));
        }
        if disabled {
            table::close_sessions_of(db, id)?;
        }
        table::get(db, id)?.ok_or(CoreError::NotFound("That account"))
    })
}

/// A forgotten password: a new one-time password for the account (shown
/// once, to pass on by phone or in person), which its owner must change at
/// the next sign-in; the account's sessions end. The same people as may
/// disable it may do this, never for their own account.
pub fn reset_password(
    store: &mut impl Engine,
    by: &Account,
    id: Uuid,
) -> CoreResult<(Account, String)> {
    if by.id == id {
        return Err(CoreError::Forbidden(
            "Change your own password with your current one instead.",
        ));
    }
    let target = store
        .read_one(|db| table::get(db, id))?
        .ok_or(CoreError::NotFound("That account"))?;
    if !by.role.may_create(target.role) {
        return Err(CoreError::Forbidden(
            "Your account cannot reset that account's password.",
        ));
    }
    let password = one_time_password();
    let hash = hash_password(&password)?;
    let account = store.write(|db| {
        table::set_password(db, id, &hash, true, &now())?;
        table::close_sessions_of(db, id)?;
        table::get(db, id)?.ok_or(CoreError::NotFound("That account"))
    })?;
    Ok((account, password))
}

/// Opens a session for `account` from `address`; returns the token for the
/// browser's cookie (only its hash is stored). The sign-in is audited, and
/// sessions that have ended (anyone's) are forgotten.
pub fn open_session(
    store: &mut impl Engine,
    account: &Account,
    address: &str,
    limits: SessionLimits,
) -> CoreResult<String> {
    let token = new_token()?;
    let hash = token_hash(&token);
    let at = Utc::now();
    let stamp = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    store.write(|db| {
        table::forget_ended_sessions(db, &stamp(at - limits.idle), &stamp(at - limits.absolute))?;
        table::open_session(db, &hash, account.id, address, &now())?;
        crate::audit::record(
            db,
            "sign in",
            "account",
            Some(&account.id.to_string()),
            Some(&format!("from {address}")),
        )
    })?;
    Ok(token)
}

/// What a browser's token is worth at a moment, read without changing
/// anything (so it can be read inside the request it guards).
#[derive(Debug)]
pub enum SessionCheck {
    /// A good session; `stale` when its last use should move to now (at
    /// most once a minute, so browsing does not write on every request).
    Good { account: Account, stale: bool },
    /// Timed out or its account disabled: the session is to be ended.
    Over,
    /// No such session (signed out, or never signed in).
    Unknown,
}

/// Reads what `token` is worth at `at` (one statement).
pub fn check_session(
    store: &mut impl Engine,
    token: &str,
    limits: SessionLimits,
    at: DateTime<Utc>,
) -> CoreResult<SessionCheck> {
    let hash = token_hash(token);
    let found = store.read_one(|db| table::session(db, &hash))?;
    let Some((account, started, seen)) = found else {
        return Ok(SessionCheck::Unknown);
    };
    let instant = |text: &str| {
        DateTime::parse_from_rfc3339(text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| CoreError::Storage(format!("a session has a malformed time ({text})")))
    };
    let (started, seen) = (instant(&started)?, instant(&seen)?);
    if account.disabled || at - seen > limits.idle || at - started > limits.absolute {
        return Ok(SessionCheck::Over);
    }
    Ok(SessionCheck::Good {
        account,
        stale: at - seen > Duration::minutes(1),
    })
}

/// The session's bookkeeping a check asked for, in a transaction of its
/// own (after the request, whose own may have been rolled back): an ended
/// session is closed, a stale one's last use moves to now.
pub fn settle_session(
    store: &mut impl Engine,
    token: &str,
    check: &SessionCheck,
) -> CoreResult<()> {
    let hash = token_hash(token);
    match check {
        SessionCheck::Over => store.write(|db| table::close_session(db, &hash).map(drop)),
        SessionCheck::Good { stale: true, .. } => {
            store.write(|db| table::touch_session(db, &hash, &now()))
        }
        _ => Ok(()),
    }
}

/// The account a browser's token belongs to, if its session is still
/// good, with the session's bookkeeping done ([`check_session`] then
/// [`settle_session`]).
pub fn resume_session(
    store: &mut impl Engine,
    token: &str,
    limits: SessionLimits,
    at: DateTime<Utc>,
) -> CoreResult<Account> {
    let check = check_session(store, token, limits, at)?;
    settle_session(store, token, &check)?;
    match check {
        SessionCheck::Good { account, .. } => Ok(account),
        SessionCheck::Over | SessionCheck::Unknown => Err(CoreError::NotSignedIn),
    }
}

/// Ends the browser's session (signing out); the sign-out is audited.
pub fn close_session(store: &mut impl Engine, token: &str, address: &str) -> CoreResult<()> {
    let hash = token_hash(token);
    store.write(|db| {
        if let Some(account) = table::close_session(db, &hash)? {
            crate::audit::record(
                db,
                "sign out",
                "account",
                Some(&account.to_string()),
                Some(&format!("from {address}")),
            )?;
        }
        Ok(())
    })
}
