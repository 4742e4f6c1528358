//! Approving the minutes: a named person at a time. Approval locks the
//! meeting's record; a change after that is an amendment (who, when, why,
//! what) that raises the minutes' version. The SQL is in
//! [`crate::tables::approval`].

use uuid::Uuid;

pub use crate::domain::approval::{Amendment, MinutesStatus};
use crate::error::{CoreError, CoreResult};
use crate::store::Engine;
use crate::store::codec::now;
use crate::store::sql::Db;
use crate::tables;
use crate::validate::Validator;

pub fn status(conn: &dyn Db, meeting_id: Uuid) -> CoreResult<MinutesStatus> {
    let row =
        tables::approval::approval(conn, meeting_id)?.ok_or(CoreError::NotFound("That meeting"))?;
    let amendments = tables::approval::amendments(conn, meeting_id)?;
    Ok(MinutesStatus {
        held: row.held,
        approved_by: row.approved_by,
        approved_at: row.approved_at,
        version: row.version,
        amending: amendments.iter().find(|a| a.closed_at.is_none()).cloned(),
        amendments,
    })
}

/// Refuses a change to an approved meeting's record unless an amendment is
/// under way. Every write to what the minutes hold calls this.
pub(crate) fn ensure_editable(conn: &dyn Db, meeting_id: &str) -> CoreResult<()> {
    refuse_locked(tables::approval::locked_by(conn, meeting_id)?)
}

/// [`ensure_editable`] for a lock already read (who approved, when) by a
/// statement that asked for more at the same time.
pub(crate) fn refuse_locked(lock: Option<(String, String)>) -> CoreResult<()> {
    match lock {
        Some((by, at)) => Err(CoreError::Conflict(format!(
            "These minutes were approved by {by} on {}. To change them, start an amendment and say why.",
            at.get(..10).unwrap_or(&at)
        ))),
        None => Ok(()),
    }
}

/// Approves the minutes of a held meeting in `approver`'s name.
pub fn approve(
    store: &mut impl Engine,
    meeting_id: Uuid,
    approver: &str,
) -> CoreResult<MinutesStatus> {
    let mut v = Validator::new();
    let approver = v.required(
        "approver",
        "the name of the person approving",
        approver,
        120,
    );
    v.finish()?;
    store.write(|tx| {
        let current = status(tx, meeting_id)?;
        if !current.held {
            return Err(CoreError::Conflict(
                "Close the meeting before approving its minutes.".into(),
            ));
        }
        if current.approved_by.is_some() {
            return Err(CoreError::Conflict(
                "These minutes are already approved. To change them, start an amendment.".into(),
            ));
        }
        tables::approval::approve(tx, meeting_id, &approver, &now())?;
        status(tx, meeting_id)
    })
}

/// Opens approved minutes for a change, saying why.
pub fn start_amendment(
    store: &mut impl Engine,
    meeting_id: Uuid,
    why: &str,
) -> CoreResult<MinutesStatus> {
    let mut v = Validator::new();
    let why = v.required_multiline("why", "why the minutes are being changed", why, 2_000);
    v.finish()?;
    let actor = store.actor().to_owned();
    store.write(|tx| {
        let current = status(tx, meeting_id)?;
        if current.approved_by.is_none() {
            return Err(CoreError::Conflict(
                "These minutes are not approved yet: change them directly.".into(),
            ));
        }
        if current.amending.is_some() {
            return Err(CoreError::Conflict(
                "An amendment is already under way: finish it first.".into(),
            ));
        }
        tables::approval::open_amendment(
            tx,
            meeting_id,
            current.version + 1,
            &actor,
            &now(),
            &why,
        )?;
        status(tx, meeting_id)
    })
}

/// Finishes the amendment under way, saying what was changed; the minutes
/// take its version.
pub fn finish_amendment(
    store: &mut impl Engine,
    meeting_id: Uuid,
    what: &str,
) -> CoreResult<MinutesStatus> {
    let mut v = Validator::new();
    let what = v.required_multiline("what", "what was changed", what, 2_000);
    v.finish()?;
    store.write(|tx| {
        let current = status(tx, meeting_id)?;
        let Some(open) = current.amending else {
            return Err(CoreError::Conflict("No amendment is under way.".into()));
        };
        tables::approval::close_amendment(tx, meeting_id, open.version, &what, &now())?;
        status(tx, meeting_id)
    })
}
