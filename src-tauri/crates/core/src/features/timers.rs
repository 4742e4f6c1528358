//! The agenda's item timers: going to an item, pausing, closing the meeting,
//! and the seconds spent on each item. Runs on either engine; the SQL is in
//! [`crate::tables::timers`].

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::running::meeting_exists;
use crate::error::{CoreError, CoreResult};
use crate::store::Engine;
use crate::store::sql::Db;
use crate::tables::timers as table;

/// Seconds spent on an item, counting a running timer up to `at`.
fn spent(actual: i64, started: Option<&str>, at: DateTime<Utc>) -> i64 {
    let running = started
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|s| (at - s.with_timezone(&Utc)).num_seconds().max(0))
        .unwrap_or(0);
    actual + running
}

/// Stops any running timer in the meeting, banking its seconds.
fn stop_timers(db: &dyn Db, meeting_id: Uuid, at: DateTime<Utc>) -> CoreResult<()> {
    for (id, actual, started) in table::running(db, meeting_id)? {
        table::bank(db, id, spent(actual, Some(&started), at))?;
    }
    Ok(())
}

/// Banks the running timer and marks the current item done.
fn finish_current_item(db: &dyn Db, meeting_id: Uuid, at: DateTime<Utc>) -> CoreResult<()> {
    stop_timers(db, meeting_id, at)?;
    table::finish_current(db, meeting_id)
}

/// Makes `item_id` the current item and starts its timer; the item before it
/// is marked done (its time kept).
pub fn go_to_item(
    store: &mut impl Engine,
    meeting_id: Uuid,
    item_id: Uuid,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    store.write(|tx| {
        meeting_exists(tx, meeting_id)?;
        if !table::item_in_meeting(tx, item_id, meeting_id)? {
            return Err(CoreError::NotFound("That agenda item"));
        }
        finish_current_item(tx, meeting_id, at)?;
        table::make_current(tx, meeting_id, item_id, &at.to_rfc3339())
    })
}

/// Ends the meeting: the running timer is banked, the current item is done,
/// and the meeting is held.
pub fn close(store: &mut impl Engine, meeting_id: Uuid, at: DateTime<Utc>) -> CoreResult<()> {
    store.write(|tx| {
        meeting_exists(tx, meeting_id)?;
        finish_current_item(tx, meeting_id, at)?;
        table::end_meeting(tx, meeting_id, &at.to_rfc3339())
    })
}

/// Pauses (or resumes) the current item's timer.
pub fn toggle_timer(
    store: &mut impl Engine,
    meeting_id: Uuid,
    at: DateTime<Utc>,
) -> CoreResult<bool> {
    store.write(|tx| {
        let current =
            table::current_item(tx, meeting_id)?.ok_or(CoreError::NotFound("That meeting"))?;
        let Some(item) = current else {
            return Err(CoreError::Conflict(
                "No item is under way yet. Start the first item.".into(),
            ));
        };
        if table::started_at(tx, item)?.is_some() {
            stop_timers(tx, meeting_id, at)?;
            Ok(false)
        } else {
            table::start_timer(tx, item, &at.to_rfc3339())?;
            Ok(true)
        }
    })
}

/// Seconds spent on each item so far, by item id, as of `at`.
pub fn item_seconds(
    db: &dyn Db,
    meeting_id: Uuid,
    at: DateTime<Utc>,
) -> CoreResult<Vec<(Uuid, String, i64)>> {
    Ok(seconds_of(table::items(db, meeting_id)?, at))
}

/// [`item_seconds`] from the items' clocks ([`table::items`]).
pub(crate) fn seconds_of(
    items: Vec<table::ItemClock>,
    at: DateTime<Utc>,
) -> Vec<(Uuid, String, i64)> {
    items
        .into_iter()
        .map(|(id, status, actual, started)| (id, status, spent(actual, started.as_deref(), at)))
        .collect()
}
