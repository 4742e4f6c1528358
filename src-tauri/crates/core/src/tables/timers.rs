//! The agenda's item timers and the meeting's current item. Runs on both
//! engines; instants are passed as RFC 3339 text and read back the same.

use uuid::Uuid;

use crate::error::CoreResult;
use crate::store::sql::{Db, Values};

/// Items whose timer is running: id, seconds banked, when it started.
pub fn running(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Vec<(Uuid, i64, String)>> {
    db.rows(
        "SELECT id, actual_seconds, timer_started_at FROM agenda_item
         WHERE meeting_id = ?1 AND timer_started_at IS NOT NULL",
        &[&meeting_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

pub fn bank(db: &dyn Db, item_id: Uuid, seconds: i64) -> CoreResult<()> {
    db.execute(
        "UPDATE agenda_item SET actual_seconds = ?2, timer_started_at = NULL WHERE id = ?1",
        &[&item_id, &seconds],
    )?;
    Ok(())
}

pub fn finish_current(db: &dyn Db, meeting_id: Uuid) -> CoreResult<()> {
    db.execute(
        "UPDATE agenda_item SET status = 'done' WHERE meeting_id = ?1 AND status = 'current'",
        &[&meeting_id],
    )?;
    Ok(())
}

pub fn item_in_meeting(db: &dyn Db, item_id: Uuid, meeting_id: Uuid) -> CoreResult<bool> {
    db.any(
        "SELECT 1 FROM agenda_item WHERE id = ?1 AND meeting_id = ?2",
        &[&item_id, &meeting_id],
    )
}

/// Makes the item current, its timer running from `at`, and the meeting's
/// current item (started at `at` if it had not started).
pub fn make_current(db: &dyn Db, meeting_id: Uuid, item_id: Uuid, at: &str) -> CoreResult<()> {
    db.execute(
        "UPDATE agenda_item SET status = 'current', timer_started_at = ?2 WHERE id = ?1",
        &[&item_id, &at],
    )?;
    db.execute(
        "UPDATE meeting SET current_item_id = ?2, started_at = coalesce(started_at, ?3), updated_at = ?3
         WHERE id = ?1",
        &[&meeting_id, &item_id, &at],
    )?;
    Ok(())
}

pub fn end_meeting(db: &dyn Db, meeting_id: Uuid, at: &str) -> CoreResult<()> {
    db.execute(
        "UPDATE meeting SET current_item_id = NULL, status = 'held', updated_at = ?2 WHERE id = ?1",
        &[&meeting_id, &at],
    )?;
    Ok(())
}

/// The meeting's current item: `None` if there is no such meeting,
/// `Some(None)` if no item is under way.
pub fn current_item(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Option<Option<Uuid>>> {
    db.value(
        "SELECT current_item_id FROM meeting WHERE id = ?1",
        &[&meeting_id],
    )
}

pub fn started_at(db: &dyn Db, item_id: Uuid) -> CoreResult<Option<String>> {
    Ok(db
        .value::<Option<String>>(
            "SELECT timer_started_at FROM agenda_item WHERE id = ?1",
            &[&item_id],
        )?
        .flatten())
}

pub fn start_timer(db: &dyn Db, item_id: Uuid, at: &str) -> CoreResult<()> {
    db.execute(
        "UPDATE agenda_item SET timer_started_at = ?2 WHERE id = ?1",
        &[&item_id, &at],
    )?;
    Ok(())
}

/// An item's clock: id, status, seconds banked, when its timer started.
pub type ItemClock = (Uuid, String, i64, Option<String>);

/// Every item in order.
pub fn items(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Vec<ItemClock>> {
    db.rows(ITEMS, &[&meeting_id], item_clock)
}

/// [`items`]' query; `?1` the meeting.
pub const ITEMS: &str = "SELECT id, status, actual_seconds, timer_started_at FROM agenda_item
     WHERE meeting_id = ?1 ORDER BY position";

/// One row of [`ITEMS`].
pub fn item_clock(r: &Values) -> CoreResult<ItemClock> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}
