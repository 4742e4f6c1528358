//! Reports on actions: an agency's status and update in words, at a
//! meeting's review (one per action per meeting, revised as it is typed) or
//! between meetings (dated the day it was reported). Runs on either engine.

use std::collections::HashMap;

use chrono::NaiveDate;
use uuid::Uuid;

use super::actions::{finish_all, get, meeting_dates};
use crate::dates::parse_date;
use crate::domain::action::{Action, ActionStatus, ReportInput};
use crate::error::{CoreError, CoreResult};
use crate::features::approval;
use crate::store::Engine;
use crate::store::codec::now;
use crate::store::codec::ymd;
use crate::store::sql::Db;
use crate::tables::actions as table;
use crate::validate::Validator;

/// Records an agency's report on an action: its status and an update in
/// words. `at_meeting` is the meeting where it was reviewed, if any; the
/// report is dated that meeting's day, or today between meetings.
pub fn report(
    store: &mut impl Engine,
    id: Uuid,
    status: ActionStatus,
    note: &str,
    at_meeting: Option<Uuid>,
    today: NaiveDate,
) -> CoreResult<Action> {
    let note = checked_note(status, note)?;
    let actor = store.actor().to_owned();
    store.write(|tx| {
        let reported_on = match at_meeting {
            Some(m) => {
                approval::ensure_editable(tx, &m.to_string())?;
                meeting_dates(tx, m)?.1
            }
            None => today,
        };
        record(
            tx,
            id,
            status,
            note.as_deref(),
            at_meeting,
            reported_on,
            &actor,
        )?;
        get(tx, id, today)
    })
}

/// Records the same report on several actions at once (from the tracker,
/// between meetings): all of them or, if any is refused, none.
pub fn report_many(
    store: &mut impl Engine,
    ids: &[Uuid],
    input: &ReportInput,
    today: NaiveDate,
) -> CoreResult<Vec<Action>> {
    let mut v = Validator::new();
    if ids.is_empty() {
        v.add("actions", "Choose at least one action to update.");
    }
    let note = note_for(&mut v, input.status, &input.note);
    let reported_on = if input.reported_on.trim().is_empty() {
        Some(today)
    } else {
        match parse_date(&input.reported_on, today) {
            Some(d) if d > today => {
                v.add(
                    "reported_on",
                    "The date it was reported cannot be in the future.",
                );
                None
            }
            Some(d) => Some(d),
            None => {
                v.add(
                    "reported_on",
                    "Enter the date it was reported, for example 12/11/2026.",
                );
                None
            }
        }
    };
    v.finish()?;
    let reported_on = reported_on.unwrap_or(today);
    let actor = store.actor().to_owned();
    store.write(|tx| {
        // Read, checked and read back together: a statement for the whole
        // choice, not two per action.
        let agreed: HashMap<Uuid, String> = table::by_ids(tx, ids)?
            .into_iter()
            .map(|row| (row.id, row.meeting_date))
            .collect();
        for id in ids {
            let agreed = agreed.get(id).ok_or(CoreError::NotFound("That action"))?;
            if ymd(reported_on) < *agreed {
                return Err(CoreError::field(
                    "reported_on",
                    "That date is before the meeting that agreed the action.",
                ));
            }
        }
        for &id in ids {
            record(
                tx,
                id,
                input.status,
                note.as_deref(),
                None,
                reported_on,
                &actor,
            )?;
        }
        let saved: HashMap<Uuid, Action> = finish_all(tx, table::by_ids(tx, ids)?, today)?
            .into_iter()
            .map(|action| (action.id, action))
            .collect();
        ids.iter()
            .map(|id| {
                saved
                    .get(id)
                    .cloned()
                    .ok_or(CoreError::NotFound("That action"))
            })
            .collect()
    })
}

/// The update in words; "not done" must say why.
fn note_for(v: &mut Validator, status: ActionStatus, note: &str) -> Option<String> {
    let note = v.optional_multiline("note", "the update", note, 2_000);
    if matches!(
        status,
        ActionStatus::NotDoneCircumstances | ActionStatus::NotDoneAgency
    ) && note.is_none()
    {
        v.add("note", "Say why it was not done.");
    }
    note
}

fn checked_note(status: ActionStatus, note: &str) -> CoreResult<Option<String>> {
    let mut v = Validator::new();
    let note = note_for(&mut v, status, note);
    v.finish()?;
    Ok(note)
}

fn record(
    tx: &dyn Db,
    id: Uuid,
    status: ActionStatus,
    note: Option<&str>,
    at_meeting: Option<Uuid>,
    reported_on: NaiveDate,
    actor: &str,
) -> CoreResult<()> {
    let at = now();
    if !table::set_status(tx, id, status.as_str(), &at, reported_on)? {
        return Err(CoreError::NotFound("That action"));
    }
    let report = (status.as_str(), note, actor, reported_on);
    // At a review the update is typed and saved as it is typed: it is one
    // update per action per meeting, revised in place.
    if let Some(meeting) = at_meeting
        && table::revise_report(tx, id, meeting, report, &at)?
    {
        return Ok(());
    }
    table::add_report(tx, id, at_meeting, report, &at)
}
