//! The server's accounts and sign-in sessions (`account`,
//! `account_session`). Sessions are keyed by a hash of the browser's token.

use uuid::Uuid;

use crate::domain::account::{Account, AccountRole, ValidAccount};
use crate::error::{CoreError, CoreResult};
use crate::store::sql::{Db, Values};

const COLUMNS: &str =
    "a.id, a.username, a.display_name, a.role, a.agency_id, a.must_change_password,
    a.disabled_at IS NOT NULL, a.totp_secret IS NOT NULL";

fn account_from(r: &Values) -> CoreResult<Account> {
    let role: String = r.get(3)?;
    Ok(Account {
        id: r.get(0)?,
        username: r.get(1)?,
        display_name: r.get(2)?,
        role: AccountRole::parse(&role).ok_or_else(|| {
            CoreError::Storage(format!("an account has an unknown role ({role})"))
        })?,
        agency_id: r.get(4)?,
        must_change_password: r.get(5)?,
        disabled: r.get(6)?,
        totp_enabled: r.get(7)?,
    })
}

pub fn insert(
    db: &dyn Db,
    id: Uuid,
    account: &ValidAccount,
    hash: &str,
    at: &str,
) -> CoreResult<()> {
    db.execute(
        "INSERT INTO account (id, username, display_name, role, agency_id, password_hash,
                              must_change_password, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        &[
            &id,
            &account.username,
            &account.display_name,
            &account.role.as_str(),
            &account.agency_id,
            &hash,
            &true,
            &at,
        ],
    )?;
    Ok(())
}

pub fn username_taken(db: &dyn Db, username: &str) -> CoreResult<bool> {
    db.any("SELECT 1 FROM account WHERE username = ?1", &[&username])
}

pub fn any_administrator(db: &dyn Db) -> CoreResult<bool> {
    db.any(
        "SELECT 1 FROM account WHERE role = 'administrator' AND disabled_at IS NULL",
        &[],
    )
}

pub fn get(db: &dyn Db, id: Uuid) -> CoreResult<Option<Account>> {
    db.row(
        &format!("SELECT {COLUMNS} FROM account a WHERE a.id = ?1"),
        &[&id],
        account_from,
    )
}

pub fn list(db: &dyn Db) -> CoreResult<Vec<Account>> {
    db.rows(
        &format!(
            "SELECT {COLUMNS} FROM account a ORDER BY a.disabled_at IS NOT NULL, a.display_name"
        ),
        &[],
        account_from,
    )
}

/// The account signing in as `username`, with its password hash.
pub fn by_username(db: &dyn Db, username: &str) -> CoreResult<Option<(Account, String)>> {
    db.row(
        &format!("SELECT {COLUMNS}, a.password_hash FROM account a WHERE a.username = ?1"),
        &[&username],
        |r| Ok((account_from(r)?, r.get(8)?)),
    )
}

pub fn password_hash(db: &dyn Db, id: Uuid) -> CoreResult<Option<String>> {
    db.value("SELECT password_hash FROM account WHERE id = ?1", &[&id])
}

pub fn set_password(
    db: &dyn Db,
    id: Uuid,
    hash: &str,
    must_change: bool,
    at: &str,
) -> CoreResult<()> {
    db.execute(
        "UPDATE account SET password_hash = ?2, must_change_password = ?3, updated_at = ?4 WHERE id = ?1",
        &[&id, &hash, &must_change, &at],
    )?;
    Ok(())
}

pub fn set_disabled(db: &dyn Db, id: Uuid, at: Option<&str>, now: &str) -> CoreResult<usize> {
    db.execute(
        "UPDATE account SET disabled_at = ?2, updated_at = ?3 WHERE id = ?1",
        &[&id, &at, &now],
    )
}

pub fn open_session(
    db: &dyn Db,
    token_hash: &str,
    account: Uuid,
    address: &str,
    at: &str,
) -> CoreResult<()> {
    db.execute(
        "INSERT INTO account_session (token_hash, account_id, address, started_at, last_seen_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        &[&token_hash, &account, &address, &at],
    )?;
    Ok(())
}

/// The session's account (if enabled) with when the session started and
/// was last used.
pub fn session(db: &dyn Db, token_hash: &str) -> CoreResult<Option<(Account, String, String)>> {
    db.row(
        &format!(
            "SELECT {COLUMNS}, s.started_at, s.last_seen_at FROM account_session s
             JOIN account a ON a.id = s.account_id WHERE s.token_hash = ?1"
        ),
        &[&token_hash],
        |r| Ok((account_from(r)?, r.get(8)?, r.get(9)?)),
    )
}

pub fn touch_session(db: &dyn Db, token_hash: &str, at: &str) -> CoreResult<()> {
    db.execute(
        "UPDATE account_session SET last_seen_at = ?2 WHERE token_hash = ?1",
        &[&token_hash, &at],
    )?;
    Ok(())
}

pub fn close_session(db: &dyn Db, token_hash: &str) -> CoreResult<Option<Uuid>> {
    db.value(
        "DELETE FROM account_session WHERE token_hash = ?1 RETURNING account_id",
        &[&token_hash],
    )
}

/// Forgets sessions unused since `idle_since` or begun before
/// `started_before` (they can no longer be resumed anyway).
pub fn forget_ended_sessions(
    db: &dyn Db,
    idle_since: &str,
    started_before: &str,
) -> CoreResult<usize> {
    db.execute(
        "DELETE FROM account_session WHERE last_seen_at < ?1 OR started_at < ?2",
        &[&idle_since, &started_before],
    )
}

pub fn close_sessions_of(db: &dyn Db, account: Uuid) -> CoreResult<usize> {
    db.execute(
        "DELETE FROM account_session WHERE account_id = ?1",
        &[&account],
    )
}

/// The account's authenticator secret and the step of its last code.
pub fn totp(db: &dyn Db, id: Uuid) -> CoreResult<Option<(String, Option<i64>)>> {
    db.row(
        "SELECT totp_secret, totp_last_step FROM account WHERE id = ?1 AND totp_secret IS NOT NULL",
        &[&id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

pub fn set_totp(
    db: &dyn Db,
    id: Uuid,
    secret: Option<&str>,
    step: Option<i64>,
    at: &str,
) -> CoreResult<()> {
    db.execute(
        "UPDATE account SET totp_secret = ?2, totp_last_step = ?3, updated_at = ?4 WHERE id = ?1",
        &[&id, &secret, &step, &at],
    )?;
    Ok(())
}

/// Records that a code of `step` was used (audited as a change to the
/// account: a second-factor sign-in).
pub fn set_totp_step(db: &dyn Db, id: Uuid, step: i64) -> CoreResult<()> {
    db.execute(
        "UPDATE account SET totp_last_step = ?2 WHERE id = ?1",
        &[&id, &step],
    )?;
    Ok(())
}
