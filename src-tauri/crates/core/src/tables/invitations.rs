//! Invitations to the server's accounts (`account_invitation`), keyed by a
//! hash of the code the invitee is sent.

use uuid::Uuid;

use crate::error::CoreResult;
use crate::store::sql::Db;

/// A new invitation; any earlier one of the account still unused is
/// withdrawn (deleted), so only the newest code works.
pub fn replace(
    db: &dyn Db,
    account: Uuid,
    code_hash: &str,
    (at, by): (&str, &str),
    expires_at: &str,
) -> CoreResult<()> {
    db.execute(
        "DELETE FROM account_invitation WHERE account_id = ?1 AND used_at IS NULL",
        &[&account],
    )?;
    db.execute(
        "INSERT INTO account_invitation (code_hash, account_id, created_at, created_by, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        &[&code_hash, &account, &at, &by, &expires_at],
    )?;
    Ok(())
}

/// The invitation with this code's hash: account, expires at, used at.
pub fn find(db: &dyn Db, code_hash: &str) -> CoreResult<Option<(Uuid, String, Option<String>)>> {
    db.row(
        "SELECT account_id, expires_at, used_at FROM account_invitation WHERE code_hash = ?1",
        &[&code_hash],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// Marks it used; false if it was used meanwhile (two tabs at once).
pub fn mark_used(db: &dyn Db, code_hash: &str, at: &str) -> CoreResult<bool> {
    Ok(db.execute(
        "UPDATE account_invitation SET used_at = ?2 WHERE code_hash = ?1 AND used_at IS NULL",
        &[&code_hash, &at],
    )? == 1)
}
