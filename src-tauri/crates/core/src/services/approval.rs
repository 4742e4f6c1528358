//! Approving the minutes: a named person at a time. Approval locks the
//! meeting's record; a change after that is an amendment (who, when, why,
//! what) that raises the minutes' version.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{CoreError, CoreResult};
use crate::services::now;
use crate::store::Store;
use crate::validate::Validator;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Amendment {
    /// The minutes' version this amendment made.
    pub version: u32,
    pub opened_by: String,
    pub opened_at: String,
    pub why: String,
    /// What was changed; none while the amendment is open.
    pub what: Option<String>,
    pub closed_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MinutesStatus {
    pub held: bool,
    pub approved_by: Option<String>,
    pub approved_at: Option<String>,
    /// 0 until approved; 1 when approved; +1 for each finished amendment.
    pub version: u32,
    /// An amendment under way: the record may be changed until it is finished.
    pub amending: Option<Amendment>,
    /// Every amendment, oldest first (the open one included).
    pub amendments: Vec<Amendment>,
}

pub fn status(conn: &Connection, meeting_id: Uuid) -> CoreResult<MinutesStatus> {
    let (status, approved_by, approved_at, version): (String, Option<String>, Option<String>, u32) =
        conn.query_row(
            "SELECT status, approved_by, approved_at, minutes_version FROM meeting WHERE id = ?1",
            [meeting_id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or(CoreError::NotFound("That meeting"))?;
    let amendments: Vec<Amendment> = conn
        .prepare_cached(
            "SELECT version, opened_by, opened_at, why, what, closed_at FROM amendment
             WHERE meeting_id = ?1 ORDER BY version",
        )?
        .query_map([meeting_id.to_string()], |r| {
            Ok(Amendment {
                version: r.get(0)?,
                opened_by: r.get(1)?,
                opened_at: r.get(2)?,
                why: r.get(3)?,
                what: r.get(4)?,
                closed_at: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(MinutesStatus {
        held: status == "held",
        approved_by,
        approved_at,
        version,
        amending: amendments.iter().find(|a| a.closed_at.is_none()).cloned(),
        amendments,
    })
}

/// Refuses a change to an approved meeting's record unless an amendment is
/// under way. Every write to what the minutes hold calls this.
pub(crate) fn ensure_editable(conn: &Connection, meeting_id: &str) -> CoreResult<()> {
    let row: Option<(Option<String>, Option<String>, bool)> = conn
        .query_row(
            "SELECT approved_by, approved_at,
                    EXISTS (SELECT 1 FROM amendment WHERE meeting_id = meeting.id AND closed_at IS NULL)
             FROM meeting WHERE id = ?1",
            [meeting_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match row {
        Some((Some(by), Some(at), false)) => Err(CoreError::Conflict(format!(
            "These minutes were approved by {by} on {}. To change them, start an amendment and say why.",
            at.get(..10).unwrap_or(&at)
        ))),
        _ => Ok(()),
    }
}

/// Approves the minutes of a held meeting in `approver`'s name.
pub fn approve(store: &mut Store, meeting_id: Uuid, approver: &str) -> CoreResult<MinutesStatus> {
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
        tx.execute(
            "UPDATE meeting SET approved_by = ?2, approved_at = ?3, minutes_version = 1, updated_at = ?3 WHERE id = ?1",
            params![meeting_id.to_string(), approver, now()],
        )?;
        status(tx, meeting_id)
    })
}

/// Opens approved minutes for a change, saying why.
pub fn start_amendment(
    store: &mut Store,
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
        tx.execute(
            "INSERT INTO amendment (id, meeting_id, version, opened_by, opened_at, why) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                Uuid::new_v4().to_string(),
                meeting_id.to_string(),
                current.version + 1,
                actor,
                now(),
                why
            ],
        )?;
        status(tx, meeting_id)
    })
}

/// Finishes the amendment under way, saying what was changed; the minutes
/// take its version.
pub fn finish_amendment(
    store: &mut Store,
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
        let at = now();
        tx.execute(
            "UPDATE amendment SET what = ?2, closed_at = ?3 WHERE meeting_id = ?1 AND closed_at IS NULL",
            params![meeting_id.to_string(), what, at],
        )?;
        tx.execute(
            "UPDATE meeting SET minutes_version = ?2, updated_at = ?3 WHERE id = ?1",
            params![meeting_id.to_string(), open.version, at],
        )?;
        status(tx, meeting_id)
    })
}
