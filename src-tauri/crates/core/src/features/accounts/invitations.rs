//! Inviting someone to their account (issue 18): a coordinator makes an
//! invitation, a code (sent as a link that holds it) that works once and
//! expires after a week; the invitee opens it, chooses a password and is
//! signed in. Made for agencies' representatives, who are many, change
//! often and are not in the office to be read a one-time password. Only
//! the code's hash is kept. A used, expired, withdrawn or unknown code,
//! and a disabled account, each get their own clear answer.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::secrets::{hash_password, one_time_password, token_hash};
use crate::domain::account::{Account, check_new_password};
use crate::error::{CoreError, CoreResult};
use crate::store::Engine;
use crate::tables::{accounts as account_table, invitations as table};

/// How long an invitation works.
pub const VALID_FOR_DAYS: i64 = 7;

/// A new invitation: the code (shown once, to send) and when it expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Invitation {
    pub account: Account,
    pub code: String,
    pub expires_at: String,
}

/// Who an invitation is for, as its page greets them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct InvitationView {
    pub username: String,
    pub display_name: String,
    pub expires_at: String,
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// What is kept of a code: the hash of the code as typed or pasted, without
/// the spaces around it or the case it was typed in.
fn hash_of(code: &str) -> String {
    token_hash(&code.trim().to_lowercase())
}

/// "Thursday 10 December 2026", for the messages.
fn day_of(stamp: &str) -> String {
    DateTime::parse_from_rfc3339(stamp).map_or_else(
        |_| stamp.to_owned(),
        |t| t.format("%A %-d %B %Y").to_string(),
    )
}

/// Invites the account's owner to choose their password. Only for an
/// account that has not yet chosen one, by someone who may manage it; any
/// earlier invitation of the account stops working.
pub fn invite(
    store: &mut impl Engine,
    by: &Account,
    id: Uuid,
    at: DateTime<Utc>,
) -> CoreResult<Invitation> {
    let target = store
        .read_one(|db| account_table::get(db, id))?
        .ok_or(CoreError::NotFound("That account"))?;
    if !by.role.may_create(target.role) {
        return Err(CoreError::Forbidden(
            "Your account cannot invite that account.",
        ));
    }
    if target.disabled {
        return Err(CoreError::Conflict(
            "That account is disabled: enable it before inviting its owner.".into(),
        ));
    }
    if !target.must_change_password {
        return Err(CoreError::Conflict(format!(
            "{} has already chosen a password. If they have forgotten it, reset it instead.",
            target.display_name
        )));
    }
    let code = one_time_password();
    let expires_at = stamp(at + Duration::days(VALID_FOR_DAYS));
    let by_name = format!("{} ({})", by.display_name, by.username);
    store
        .write(|db| table::replace(db, id, &hash_of(&code), (&stamp(at), &by_name), &expires_at))?;
    Ok(Invitation {
        account: target,
        code,
        expires_at,
    })
}

/// The account an invitation code is for, if the code still works.
fn usable(store: &mut impl Engine, code: &str, at: DateTime<Utc>) -> CoreResult<Account> {
    let found = store.read_one(|db| table::find(db, &hash_of(code)))?;
    let Some((account, expires_at, used_at)) = found else {
        return Err(CoreError::field(
            "code",
            "That invitation code is not known. Check it against the message you were \
             sent, or ask your coordinator for a new invitation.",
        ));
    };
    if used_at.is_some() {
        return Err(CoreError::Conflict(
            "This invitation has already been used. Sign in with the password chosen then, \
             or ask your coordinator for a new invitation."
                .into(),
        ));
    }
    let expired =
        DateTime::parse_from_rfc3339(&expires_at).map_or(true, |t| t.with_timezone(&Utc) <= at);
    if expired {
        return Err(CoreError::Conflict(format!(
            "This invitation expired on {}. Ask your coordinator for a new one.",
            day_of(&expires_at)
        )));
    }
    let account = store
        .read_one(|db| account_table::get(db, account))?
        .ok_or(CoreError::NotFound("That account"))?;
    if account.disabled {
        return Err(CoreError::Forbidden(
            "This account has been disabled. Ask your coordinator if you still need it.",
        ));
    }
    Ok(account)
}

/// Who the invitation is for (the invitation's page, before a password).
pub fn view(store: &mut impl Engine, code: &str, at: DateTime<Utc>) -> CoreResult<InvitationView> {
    let account = usable(store, code, at)?;
    let expires_at = store
        .read_one(|db| table::find(db, &hash_of(code)))?
        .map(|(_, expires, _)| expires)
        .unwrap_or_default();
    Ok(InvitationView {
        username: account.username,
        display_name: account.display_name,
        expires_at,
    })
}

/// Accepts the invitation: the password chosen (the usual rules), the
/// invitation used up. The caller then opens a session.
pub fn accept(
    store: &mut impl Engine,
    code: &str,
    password: &str,
    at: DateTime<Utc>,
) -> CoreResult<Account> {
    let account = usable(store, code, at)?;
    check_new_password(password, &account.username)?;
    let hash = hash_password(password)?;
    let code_hash = hash_of(code);
    store.write(|db| {
        if !table::mark_used(db, &code_hash, &stamp(at))? {
            return Err(CoreError::Conflict(
                "This invitation has just been used. Sign in with the password chosen then.".into(),
            ));
        }
        account_table::set_password(db, account.id, &hash, false, &stamp(at))?;
        account_table::get(db, account.id)?.ok_or(CoreError::NotFound("That account"))
    })
}
