//! Actions: agreeing them in a meeting, their reported status, and the lists
//! a meeting needs (agreed here, open on a case, open from earlier meetings).
//! Runs on either engine; the SQL is in [`crate::tables::actions`].

use chrono::NaiveDate;
use uuid::Uuid;

use crate::dates::parse_date;
use crate::domain::action::{
    Action, ActionInput, ActionSaved, ActionStatus, ActionUpdate, ReportInput, hints, parse_due,
};
use crate::error::{CoreError, CoreResult};
use crate::services::approval;
use crate::services::cases::ymd;
use crate::services::now;
use crate::store::Engine;
use crate::store::sql::{Db, ToValue};
use crate::tables::actions as table;
pub(crate) use crate::tables::actions::SELECT;
use crate::validate::Validator;

struct Checked {
    case_id: Option<Uuid>,
    agency_id: Uuid,
    text: String,
    due: Option<NaiveDate>,
    officer: Option<String>,
}

/// The meeting's date and panel, and the panel's next meeting after it.
fn meeting_dates(
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
        let mut saved = Vec::with_capacity(ids.len());
        for &id in ids {
            let agreed = get(tx, id, today)?.meeting_date;
            if ymd(reported_on) < agreed {
                return Err(CoreError::field(
                    "reported_on",
                    "That date is before the meeting that agreed the action.",
                ));
            }
            record(
                tx,
                id,
                input.status,
                note.as_deref(),
                None,
                reported_on,
                &actor,
            )?;
            saved.push(get(tx, id, today)?);
        }
        Ok(saved)
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

pub(crate) fn finish(db: &dyn Db, row: table::Row, today: NaiveDate) -> CoreResult<Action> {
    let status = ActionStatus::parse(&row.status).unwrap_or(ActionStatus::Open);
    let overdue = status.is_open()
        && row
            .due_date
            .as_deref()
            .is_some_and(|d| d < ymd(today).as_str());
    let updates = table::updates(db, row.id)?
        .iter()
        .map(|r| {
            let s: String = r.get(1)?;
            Ok(ActionUpdate {
                at: r.get(0)?,
                reported_on: r.get(4)?,
                meeting_id: r.get(5)?,
                status: ActionStatus::parse(&s).unwrap_or(ActionStatus::Open),
                note: r.get(2)?,
                recorded_by: r.get(3)?,
            })
        })
        .collect::<CoreResult<Vec<_>>>()?;
    Ok(Action {
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
    })
}

pub(crate) fn many(
    db: &dyn Db,
    sql: &str,
    params: &[&dyn ToValue],
    today: NaiveDate,
) -> CoreResult<Vec<Action>> {
    db.rows(sql, params, table::read)?
        .into_iter()
        .map(|row| finish(db, row, today))
        .collect()
}

pub fn get(db: &dyn Db, id: Uuid, today: NaiveDate) -> CoreResult<Action> {
    let row = db
        .row(&format!("{SELECT} WHERE a.id = ?1"), &[&id], table::read)?
        .ok_or(CoreError::NotFound("That action"))?;
    finish(db, row, today)
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
    many(
        conn,
        &format!(
            "{SELECT} WHERE a.meeting_id = ?1 AND (a.agency_id = ?2 OR ?2 IS NULL)
               AND (a.case_id = ?3 OR ?3 IS NULL)
             ORDER BY a.position"
        ),
        &[&meeting_id, &agency_id, &case_id],
        today,
    )
}

/// A case's actions still open, from any meeting, soonest due first.
pub fn open_for_case(conn: &dyn Db, case_id: Uuid, today: NaiveDate) -> CoreResult<Vec<Action>> {
    many(
        conn,
        &format!(
            "{SELECT} WHERE a.case_id = ?1 AND a.status IN ('open', 'in_progress')
             ORDER BY a.due_date IS NULL, a.due_date, a.position"
        ),
        &[&case_id],
        today,
    )
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
    many(
        conn,
        &table::for_review_sql(conn),
        &[&panel, &date, &previous, &agency_id],
        today,
    )
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
    for id in table::reported_at(conn, meeting_id, agency_id)? {
        if !list.iter().any(|a| a.id == id) {
            list.push(get(conn, id, today)?);
        }
    }
    Ok(list)
}
