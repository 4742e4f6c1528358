//! Actions: agreeing them in a meeting, their reported status, and the lists
//! a meeting needs (agreed here, open on a case, open from earlier meetings).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use crate::dates::parse_date;
use crate::domain::action::{
    Action, ActionInput, ActionSaved, ActionStatus, ActionUpdate, ReportInput, hints, parse_due,
};
use crate::error::{CoreError, CoreResult};
use crate::services::approval;
use crate::services::cases::ymd;
use crate::services::{now, parse_id};
use crate::store::Store;
use crate::validate::Validator;

struct Checked {
    case_id: Option<String>,
    agency_id: String,
    text: String,
    due: Option<NaiveDate>,
    officer: Option<String>,
}

/// The meeting's date and panel, and the panel's next meeting after it.
fn meeting_dates(
    conn: &Connection,
    meeting_id: Uuid,
) -> CoreResult<(String, NaiveDate, Option<NaiveDate>)> {
    let (panel, date): (String, String) = conn
        .query_row(
            "SELECT panel_id, date FROM meeting WHERE id = ?1",
            [meeting_id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(CoreError::NotFound("That meeting"))?;
    let next: Option<String> = conn
        .query_row(
            "SELECT min(date) FROM meeting WHERE panel_id = ?1 AND date > ?2 AND kind = 'scheduled'",
            params![panel, date],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let parse = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let meeting_date =
        parse(&date).ok_or_else(|| CoreError::Storage("a meeting has a malformed date".into()))?;
    Ok((panel, meeting_date, next.as_deref().and_then(parse)))
}

fn check(conn: &Connection, input: &ActionInput, today: NaiveDate) -> CoreResult<Checked> {
    let (panel, meeting_date, next) = meeting_dates(conn, input.meeting_id)?;
    approval::ensure_editable(conn, &input.meeting_id.to_string())?;
    let mut v = Validator::new();
    let agency_id = match input.agency_id {
        None => {
            v.add(
                "agency_id",
                "Choose the agency that owns this action: the panel is not an agency.",
            );
            String::new()
        }
        Some(agency) => {
            let exists = crate::tables::agencies::exists(conn, agency)?;
            if !exists {
                v.add(
                    "agency_id",
                    "That agency is no longer in the directory. Choose another.",
                );
            }
            agency.to_string()
        }
    };
    let case_id = match input.case_id {
        None => None,
        Some(case) => {
            let same_panel = conn
                .query_row(
                    "SELECT 1 FROM person_case WHERE id = ?1 AND panel_id = ?2",
                    params![case.to_string(), panel],
                    |_| Ok(()),
                )
                .optional()?
                .is_some();
            if !same_panel {
                v.add("case_id", "That case is not one of this panel's.");
            }
            Some(case.to_string())
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
pub fn add(store: &mut Store, input: &ActionInput, today: NaiveDate) -> CoreResult<ActionSaved> {
    let actor = store.actor().to_owned();
    store.write(|tx| {
        let c = check(tx, input, today)?;
        let id = Uuid::new_v4();
        let position: i64 = tx.query_row(
            "SELECT coalesce(max(position), -1) + 1 FROM action WHERE meeting_id = ?1",
            [input.meeting_id.to_string()],
            |r| r.get(0),
        )?;
        let at = now();
        tx.execute(
            "INSERT INTO action (id, meeting_id, case_id, agency_id, officer, text, due_date, status, position,
                created_at, created_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8, ?9, ?10, ?9)",
            params![
                id.to_string(),
                input.meeting_id.to_string(),
                c.case_id,
                c.agency_id,
                c.officer,
                c.text,
                c.due.map(ymd),
                position,
                at,
                actor
            ],
        )?;
        let hints = hints(&c.text, c.due);
        Ok(ActionSaved { action: get(tx, id, today)?, hints })
    })
}

/// Edits an action's owner, wording, due date or officer.
pub fn update(
    store: &mut Store,
    id: Uuid,
    input: &ActionInput,
    today: NaiveDate,
) -> CoreResult<ActionSaved> {
    store.write(|tx| {
        let c = check(tx, input, today)?;
        let changed = tx.execute(
            "UPDATE action SET case_id = ?2, agency_id = ?3, officer = ?4, text = ?5, due_date = ?6, updated_at = ?7
             WHERE id = ?1 AND meeting_id = ?8",
            params![id.to_string(), c.case_id, c.agency_id, c.officer, c.text, c.due.map(ymd), now(), input.meeting_id.to_string()],
        )?;
        if changed == 0 {
            return Err(CoreError::NotFound("That action"));
        }
        let hints = hints(&c.text, c.due);
        Ok(ActionSaved { action: get(tx, id, today)?, hints })
    })
}

/// Removes an action agreed by mistake (its history goes with it).
pub fn remove(store: &mut Store, id: Uuid) -> CoreResult<()> {
    store.write(|tx| {
        let meeting: Option<String> = tx
            .query_row(
                "SELECT meeting_id FROM action WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(m) = meeting {
            approval::ensure_editable(tx, &m)?;
        }
        let changed = tx.execute("DELETE FROM action WHERE id = ?1", [id.to_string()])?;
        if changed == 0 {
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
    store: &mut Store,
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
    store: &mut Store,
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
    tx: &Connection,
    id: Uuid,
    status: ActionStatus,
    note: Option<&str>,
    at_meeting: Option<Uuid>,
    reported_on: NaiveDate,
    actor: &str,
) -> CoreResult<()> {
    let at = now();
    let reported = ymd(reported_on);
    let changed = tx.execute(
        "UPDATE action SET status = ?2, updated_at = ?3,
            completed_on = CASE WHEN ?2 = 'done' THEN ?4 END
         WHERE id = ?1",
        params![id.to_string(), status.as_str(), at, reported],
    )?;
    if changed == 0 {
        return Err(CoreError::NotFound("That action"));
    }
    // At a review the update is typed and saved as it is typed: it is one
    // update per action per meeting, revised in place.
    if let Some(meeting) = at_meeting {
        let revised = tx.execute(
            "UPDATE action_update SET at = ?3, status = ?4, note = ?5, recorded_by = ?6, reported_on = ?7
             WHERE action_id = ?1 AND meeting_id = ?2",
            params![id.to_string(), meeting.to_string(), at, status.as_str(), note, actor, reported],
        )?;
        if revised > 0 {
            return Ok(());
        }
    }
    tx.execute(
        "INSERT INTO action_update (id, action_id, at, status, note, meeting_id, recorded_by, reported_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            Uuid::new_v4().to_string(),
            id.to_string(),
            at,
            status.as_str(),
            note,
            at_meeting.map(|m| m.to_string()),
            actor,
            reported
        ],
    )?;
    Ok(())
}

pub(crate) const SELECT: &str =
    "SELECT a.id, a.meeting_id, m.date, a.case_id, c.reference, a.agency_id, g.name, g.short_code,
        a.officer, a.text, a.due_date, a.status, m.panel_id, p.name, a.completed_on
     FROM action a JOIN meeting m ON m.id = a.meeting_id JOIN agency g ON g.id = a.agency_id
     JOIN panel p ON p.id = m.panel_id
     LEFT JOIN person_case c ON c.id = a.case_id";

pub(crate) struct Row {
    id: String,
    meeting_id: String,
    meeting_date: String,
    case_id: Option<String>,
    case_reference: Option<String>,
    agency_id: String,
    agency_name: String,
    agency_code: String,
    officer: Option<String>,
    text: String,
    due_date: Option<String>,
    status: String,
    panel_id: String,
    panel_name: String,
    completed_on: Option<String>,
}

pub(crate) fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        meeting_date: r.get(2)?,
        case_id: r.get(3)?,
        case_reference: r.get(4)?,
        agency_id: r.get(5)?,
        agency_name: r.get(6)?,
        agency_code: r.get(7)?,
        officer: r.get(8)?,
        text: r.get(9)?,
        due_date: r.get(10)?,
        status: r.get(11)?,
        panel_id: r.get(12)?,
        panel_name: r.get(13)?,
        completed_on: r.get(14)?,
    })
}

pub(crate) fn finish(conn: &Connection, row: Row, today: NaiveDate) -> CoreResult<Action> {
    let status = ActionStatus::parse(&row.status).unwrap_or(ActionStatus::Open);
    let overdue = status.is_open()
        && row
            .due_date
            .as_deref()
            .is_some_and(|d| d < ymd(today).as_str());
    let updates = conn
        .prepare_cached(
            "SELECT at, status, note, recorded_by, coalesce(reported_on, substr(at, 1, 10)), meeting_id
             FROM action_update WHERE action_id = ?1 ORDER BY at, rowid",
        )?
        .query_map([&row.id], |r| {
            let s: String = r.get(1)?;
            Ok((
                ActionUpdate {
                    at: r.get(0)?,
                    reported_on: r.get(4)?,
                    meeting_id: None,
                    status: ActionStatus::parse(&s).unwrap_or(ActionStatus::Open),
                    note: r.get(2)?,
                    recorded_by: r.get(3)?,
                },
                r.get::<_, Option<String>>(5)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .map(|(mut u, meeting)| {
            u.meeting_id = meeting.as_deref().map(parse_id).transpose()?;
            Ok(u)
        })
        .collect::<CoreResult<Vec<_>>>()?;
    Ok(Action {
        id: parse_id(&row.id)?,
        meeting_id: parse_id(&row.meeting_id)?,
        meeting_date: row.meeting_date,
        panel_id: parse_id(&row.panel_id)?,
        panel_name: row.panel_name,
        case_id: row.case_id.as_deref().map(parse_id).transpose()?,
        case_reference: row.case_reference,
        agency_id: parse_id(&row.agency_id)?,
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
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
    today: NaiveDate,
) -> CoreResult<Vec<Action>> {
    let rows = conn
        .prepare_cached(sql)?
        .query_map(args, read)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|row| finish(conn, row, today))
        .collect()
}

pub fn get(conn: &Connection, id: Uuid, today: NaiveDate) -> CoreResult<Action> {
    let row = conn
        .query_row(&format!("{SELECT} WHERE a.id = ?1"), [id.to_string()], read)
        .optional()?
        .ok_or(CoreError::NotFound("That action"))?;
    finish(conn, row, today)
}

/// The actions agreed at this meeting, in the order they were agreed.
pub fn agreed_at(conn: &Connection, meeting_id: Uuid, today: NaiveDate) -> CoreResult<Vec<Action>> {
    agreed_at_for(conn, meeting_id, None, None, today)
}

/// The actions agreed at this meeting owned by one agency, or on one case:
/// an agency's plan and the cockpit read only those, not the meeting's 300.
pub(crate) fn agreed_at_for(
    conn: &Connection,
    meeting_id: Uuid,
    agency_id: Option<Uuid>,
    case_id: Option<Uuid>,
    today: NaiveDate,
) -> CoreResult<Vec<Action>> {
    many(
        conn,
        &format!(
            "{SELECT} WHERE a.meeting_id = ?1 AND (?2 IS NULL OR a.agency_id = ?2)
               AND (?3 IS NULL OR a.case_id = ?3)
             ORDER BY a.position"
        ),
        params![
            meeting_id.to_string(),
            agency_id.map(|a| a.to_string()),
            case_id.map(|c| c.to_string())
        ],
        today,
    )
}

/// A case's actions still open, from any meeting, soonest due first.
pub fn open_for_case(
    conn: &Connection,
    case_id: Uuid,
    today: NaiveDate,
) -> CoreResult<Vec<Action>> {
    many(
        conn,
        &format!(
            "{SELECT} WHERE a.case_id = ?1 AND a.status IN ('open', 'in_progress')
             ORDER BY a.due_date IS NULL, a.due_date, a.position"
        ),
        [case_id.to_string()],
        today,
    )
}

/// For a meeting's review item: actions still open from the panel's earlier
/// meetings, soonest due first; then those the agencies reported finished
/// between the panel's last meeting and this one.
pub fn for_review(
    conn: &Connection,
    meeting_id: Uuid,
    today: NaiveDate,
) -> CoreResult<Vec<Action>> {
    for_review_by(conn, meeting_id, None, today)
}

fn for_review_by(
    conn: &Connection,
    meeting_id: Uuid,
    agency_id: Option<Uuid>,
    today: NaiveDate,
) -> CoreResult<Vec<Action>> {
    let (panel, date, _) = meeting_dates(conn, meeting_id)?;
    let previous: Option<String> = conn
        .query_row(
            "SELECT max(date) FROM meeting WHERE panel_id = ?1 AND date < ?2",
            params![panel, ymd(date)],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    // The few open actions and the few reported in the window are found by
    // their own indexes first. The unary `+` keeps SQLite (which has no
    // statistics to go on) from walking every action of the panel's years of
    // meetings instead, and every report made between meetings.
    many(
        conn,
        &format!(
            "{SELECT} WHERE a.id IN (
                SELECT o.id FROM action o WHERE o.status IN ('open', 'in_progress')
                UNION
                SELECT u.action_id FROM action_update u
                WHERE +u.meeting_id IS NULL AND u.reported_on >= ?3 AND u.reported_on <= ?2)
               AND +m.panel_id = ?1 AND +m.date < ?2 AND (?4 IS NULL OR a.agency_id = ?4)
             ORDER BY a.status NOT IN ('open', 'in_progress'), a.due_date IS NULL, a.due_date, g.name COLLATE NOCASE"
        ),
        params![
            panel,
            ymd(date),
            previous.unwrap_or_default(),
            agency_id.map(|a| a.to_string())
        ],
        today,
    )
}

/// Actions from the panel's earlier meetings that this meeting reviewed:
/// those still open at it, and those it reported on.
pub fn reviewed_at(
    conn: &Connection,
    meeting_id: Uuid,
    today: NaiveDate,
) -> CoreResult<Vec<Action>> {
    reviewed_at_by(conn, meeting_id, None, today)
}

/// What [`reviewed_at`] gives, for one agency only (its action plan).
pub(crate) fn reviewed_at_by(
    conn: &Connection,
    meeting_id: Uuid,
    agency_id: Option<Uuid>,
    today: NaiveDate,
) -> CoreResult<Vec<Action>> {
    let mut list = for_review_by(conn, meeting_id, agency_id, today)?;
    let reported: Vec<String> = conn
        .prepare_cached(
            "SELECT DISTINCT u.action_id FROM action_update u JOIN action a ON a.id = u.action_id
             WHERE u.meeting_id = ?1 AND a.meeting_id <> ?1 AND (?2 IS NULL OR a.agency_id = ?2)",
        )?
        .query_map(
            params![meeting_id.to_string(), agency_id.map(|a| a.to_string())],
            |r| r.get(0),
        )?
        .collect::<Result<_, _>>()?;
    for id in reported {
        let id = crate::services::parse_id(&id)?;
        if !list.iter().any(|a| a.id == id) {
            list.push(get(conn, id, today)?);
        }
    }
    Ok(list)
}
