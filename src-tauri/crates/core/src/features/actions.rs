//! Actions: agreeing them in a meeting, their reported status, and the lists
//! a meeting needs (agreed here, open on a case, open from earlier meetings).
//! Runs on either engine; the SQL is in [`crate::tables::actions`].

use std::collections::HashMap;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::action::{
    Action, ActionInput, ActionSaved, ActionStatus, ActionUpdate, hints, parse_due,
};
use crate::error::{CoreError, CoreResult};
use crate::features::approval;
use crate::store::Engine;
use crate::store::codec::now;
use crate::store::codec::ymd;
use crate::store::sql::{Db, Values};
use crate::tables::actions as table;

pub use super::action_reports::{report, report_many};
use crate::validate::Validator;

struct Checked {
    case_id: Option<Uuid>,
    agency_id: Uuid,
    text: String,
    due: Option<NaiveDate>,
    officer: Option<String>,
}

/// The meeting's date and panel, and the panel's next meeting after it.
pub(super) fn meeting_dates(
    db: &dyn Db,
    meeting_id: Uuid,
) -> CoreResult<(Uuid, NaiveDate, Option<NaiveDate>)> {
    let (panel, date) =
        table::meeting(db, meeting_id)?.ok_or(CoreError::NotFound("That meeting"))?;
    let next = table::next_scheduled(db, panel, &date)?;
    let parse = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let meeting_date =
        parse(&date).ok_or_else(|| CoreError::Storage("a meeting has a malformed date".into()))?;
    Ok((panel, meeting_date, next.as_deref().and_then(parse)))
}

fn check(conn: &dyn Db, input: &ActionInput, today: NaiveDate) -> CoreResult<Checked> {
    let (panel, meeting_date, next) = meeting_dates(conn, input.meeting_id)?;
    approval::ensure_editable(conn, &input.meeting_id.to_string())?;
    let mut v = Validator::new();
    let agency_id = match input.agency_id {
        None => {
            v.add(
                "agency_id",
                "Choose the agency that owns this action: the panel is not an agency.",
            );
            Uuid::nil()
        }
        Some(agency) => {
            let exists = crate::tables::agencies::exists(conn, agency)?;
            if !exists {
                v.add(
                    "agency_id",
                    "That agency is no longer in the directory. Choose another.",
                );
            }
            agency
        }
    };
    let case_id = match input.case_id {
        None => None,
        Some(case) => {
            if !table::case_in_panel(conn, case, panel)? {
                v.add("case_id", "That case is not one of this panel's.");
            }
            Some(case)
        }
    };
    let text = v.required_multiline("text", "what is to be done", &input.text, 1_000);
    let due = match parse_due(&input.due, meeting_date, next, today) {
        Ok(due) => due,
        Err(message) => {
            v.add("due", message);
            None
        }
    };
    let officer = v.optional("officer", "the officer's name", &input.officer, 120);
    v.finish()?;
    Ok(Checked {
        case_id,
        agency_id,
        text,
        due,
        officer,
    })
}

/// Agrees a new action at a meeting.
pub fn add(
    store: &mut impl Engine,
    input: &ActionInput,
    today: NaiveDate,
) -> CoreResult<ActionSaved> {
    let actor = store.actor().to_owned();
    store.write(|tx| {
        let c = check(tx, input, today)?;
        let id = Uuid::new_v4();
        table::insert(
            tx,
            id,
            input.meeting_id,
            (c.case_id, c.agency_id, &c.officer, &c.text, c.due),
            (&actor, &now()),
        )?;
        let hints = hints(&c.text, c.due);
        Ok(ActionSaved {
            action: get(tx, id, today)?,
            hints,
        })
    })
}

/// Edits an action's owner, wording, due date or officer.
pub fn update(
    store: &mut impl Engine,
    id: Uuid,
    input: &ActionInput,
    today: NaiveDate,
) -> CoreResult<ActionSaved> {
    store.write(|tx| {
        let c = check(tx, input, today)?;
        let fields = (c.case_id, c.agency_id, &c.officer, c.text.as_str(), c.due);
        if !table::update(tx, id, input.meeting_id, fields, &now())? {
            return Err(CoreError::NotFound("That action"));
        }
        let hints = hints(&c.text, c.due);
        Ok(ActionSaved {
            action: get(tx, id, today)?,
            hints,
        })
    })
}

/// Removes an action agreed by mistake (its history goes with it).
pub fn remove(store: &mut impl Engine, id: Uuid) -> CoreResult<()> {
    store.write(|tx| {
        if let Some(m) = table::meeting_of(tx, id)? {
            approval::ensure_editable(tx, &m.to_string())?;
        }
        if !table::delete(tx, id)? {
            Err(CoreError::NotFound("That action"))
        } else {
            Ok(())
        }
    })
}

fn finish(row: table::Row, updates: Vec<ActionUpdate>, today: NaiveDate) -> Action {
    let status = ActionStatus::parse(&row.status).unwrap_or(ActionStatus::Open);
    let overdue = status.is_open()
        && row
            .due_date
            .as_deref()
            .is_some_and(|d| d < ymd(today).as_str());
    Action {
        id: row.id,
        meeting_id: row.meeting_id,
        meeting_date: row.meeting_date,
        panel_id: row.panel_id,
        panel_name: row.panel_name,
        case_id: row.case_id,
        case_reference: row.case_reference,
        agency_id: row.agency_id,
        agency_name: row.agency_name,
        agency_code: row.agency_code,
        officer: row.officer,
        text: row.text,
        due_date: row.due_date,
        status,
        completed_on: row.completed_on,
        overdue,
        updates,
    }
}

/// Each row as an action with its reported progress, read for all the rows
/// at once.
pub(crate) fn finish_all(
    db: &dyn Db,
    rows: Vec<table::Row>,
    today: NaiveDate,
) -> CoreResult<Vec<Action>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let updates = crate::tables::action_updates::of_actions(db, &ids)?;
    finish_with(rows, updates, today)
}

/// The actions from their rows and their reports (read together, as the
/// cockpit does, or by [`finish_all`]); a report of an action not in `rows`
/// is left out.
pub(crate) fn finish_with(
    rows: Vec<table::Row>,
    updates: Vec<Values>,
    today: NaiveDate,
) -> CoreResult<Vec<Action>> {
    let mut by_action: HashMap<Uuid, Vec<ActionUpdate>> = HashMap::new();
    for r in updates {
        let s: String = r.get(2)?;
        by_action.entry(r.get(0)?).or_default().push(ActionUpdate {
            at: r.get(1)?,
            reported_on: r.get(5)?,
            meeting_id: r.get(6)?,
            status: ActionStatus::parse(&s).unwrap_or(ActionStatus::Open),
            note: r.get(3)?,
            recorded_by: r.get(4)?,
        });
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let updates = by_action.remove(&row.id).unwrap_or_default();
            finish(row, updates, today)
        })
        .collect())
}

pub fn get(db: &dyn Db, id: Uuid, today: NaiveDate) -> CoreResult<Action> {
    let row = table::by_id(db, id)?.ok_or(CoreError::NotFound("That action"))?;
    let mut one = finish_all(db, vec![row], today)?;
    one.pop().ok_or(CoreError::NotFound("That action"))
}

/// The actions agreed at this meeting, in the order they were agreed.
pub fn agreed_at(conn: &dyn Db, meeting_id: Uuid, today: NaiveDate) -> CoreResult<Vec<Action>> {
    agreed_at_for(conn, meeting_id, None, None, today)
}

/// The actions agreed at this meeting owned by one agency, or on one case:
/// an agency's plan and the cockpit read only those, not the meeting's 300.
pub(crate) fn agreed_at_for(
    conn: &dyn Db,
    meeting_id: Uuid,
    agency_id: Option<Uuid>,
    case_id: Option<Uuid>,
    today: NaiveDate,
) -> CoreResult<Vec<Action>> {
    let rows = table::agreed_at(conn, meeting_id, agency_id, case_id)?;
    finish_all(conn, rows, today)
}

/// What the cockpit lists for a case at a meeting: its actions still open
/// from other meetings (soonest due first), and those agreed at this one,
/// from the rows of [`table::open_for_case`] and [`table::agreed_at`] (read
/// together with the rest of the case) and of their reports
/// ([`crate::tables::action_updates::of_case_in`], read with them).
pub(crate) fn split_at(
    meeting_id: Uuid,
    (open, agreed): (Vec<table::Row>, Vec<table::Row>),
    updates: Vec<Values>,
    today: NaiveDate,
) -> CoreResult<(Vec<Action>, Vec<Action>)> {
    let mut rows: Vec<table::Row> = open
        .into_iter()
        .filter(|r| r.meeting_id != meeting_id)
        .collect();
    let from_elsewhere = rows.len();
    rows.extend(agreed);
    let mut open = finish_with(rows, updates, today)?;
    let agreed_here = open.split_off(from_elsewhere);
    Ok((open, agreed_here))
}

/// A case's actions still open, from any meeting, soonest due first.
pub fn open_for_case(conn: &dyn Db, case_id: Uuid, today: NaiveDate) -> CoreResult<Vec<Action>> {
    finish_all(conn, table::open_for_case(conn, case_id)?, today)
}

/// For a meeting's review item: actions still open from the panel's earlier
/// meetings, soonest due first; then those the agencies reported finished
/// between the panel's last meeting and this one.
pub fn for_review(conn: &dyn Db, meeting_id: Uuid, today: NaiveDate) -> CoreResult<Vec<Action>> {
    for_review_by(conn, meeting_id, None, today)
}

fn for_review_by(
    conn: &dyn Db,
    meeting_id: Uuid,
    agency_id: Option<Uuid>,
    today: NaiveDate,
) -> CoreResult<Vec<Action>> {
    let (panel, date, _) = meeting_dates(conn, meeting_id)?;
    let date = ymd(date);
    // No earlier meeting: every report before this one counts.
    let previous =
        table::previous_meeting(conn, panel, &date)?.unwrap_or_else(|| "0001-01-01".into());
    let rows = table::for_review(conn, panel, &date, &previous, agency_id)?;
    finish_all(conn, rows, today)
}

/// Actions from the panel's earlier meetings that this meeting reviewed:
/// those still open at it, and those it reported on.
pub fn reviewed_at(conn: &dyn Db, meeting_id: Uuid, today: NaiveDate) -> CoreResult<Vec<Action>> {
    reviewed_at_by(conn, meeting_id, None, today)
}

/// What [`reviewed_at`] gives, for one agency only (its action plan).
pub(crate) fn reviewed_at_by(
    conn: &dyn Db,
    meeting_id: Uuid,
    agency_id: Option<Uuid>,
    today: NaiveDate,
) -> CoreResult<Vec<Action>> {
    let mut list = for_review_by(conn, meeting_id, agency_id, today)?;
    let missing: Vec<Uuid> = table::reported_at(conn, meeting_id, agency_id)?
        .into_iter()
        .filter(|id| !list.iter().any(|a| a.id == *id))
        .collect();
    let mut reported = finish_all(conn, table::by_ids(conn, &missing)?, today)?;
    // In the order the review lists them: by due date, then agency.
    reported.sort_by_cached_key(|a| {
        (
            a.due_date.is_none(),
            a.due_date.clone(),
            a.agency_name.to_lowercase(),
            a.meeting_date.clone(),
            a.id,
        )
    });
    list.extend(reported);
    Ok(list)
}
