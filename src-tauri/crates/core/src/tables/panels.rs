//! The panel aggregate's SQL: `panel`, its default `panel_concern`s, and its
//! seats (`panel_member`, shared with the agency directory).

use uuid::Uuid;

use crate::domain::{Panel, PanelInput};
use crate::error::CoreResult;
use crate::store::sql::{Db, ToValue, Values};

const COLUMNS: &str = "id, name, kind, meeting_minutes, minutes_per_case, confidentiality_statement, \
     protective_marking, repeat_window_months, archived_at IS NOT NULL, idle_lock_minutes, retention_years";

fn panel_from(row: &Values) -> CoreResult<Panel> {
    Ok(Panel {
        id: row.get(0)?,
        name: row.get(1)?,
        kind: row.get(2)?,
        meeting_minutes: row.get(3)?,
        minutes_per_case: row.get(4)?,
        confidentiality_statement: row.get(5)?,
        protective_marking: row.get(6)?,
        repeat_window_months: row.get(7)?,
        archived: row.get(8)?,
        idle_lock_minutes: row.get(9)?,
        retention_years: row.get(10)?,
        member_agency_ids: Vec::new(),
    })
}

/// Adds the panel's member agencies, by name.
fn with_members(db: &dyn Db, mut panel: Panel) -> CoreResult<Panel> {
    panel.member_agency_ids = db.column(
        &format!(
            "SELECT m.agency_id FROM panel_member m JOIN agency a ON a.id = m.agency_id
             WHERE m.panel_id = ?1 ORDER BY {}",
            db.ignoring_case("a.name")
        ),
        &[&panel.id],
    )?;
    Ok(panel)
}

/// All panels, active first, then by name.
pub fn list(db: &dyn Db) -> CoreResult<Vec<Panel>> {
    let order = db.ignoring_case("name");
    let rows = db.rows(
        &format!("SELECT {COLUMNS} FROM panel ORDER BY archived_at IS NOT NULL, {order}"),
        &[],
        panel_from,
    )?;
    rows.into_iter().map(|p| with_members(db, p)).collect()
}

pub fn get(db: &dyn Db, id: Uuid) -> CoreResult<Option<Panel>> {
    let panel = db.row(
        &format!("SELECT {COLUMNS} FROM panel WHERE id = ?1"),
        &[&id],
        panel_from,
    )?;
    panel.map(|p| with_members(db, p)).transpose()
}

/// Whether the panel exists.
pub fn exists(db: &dyn Db, id: Uuid) -> CoreResult<bool> {
    db.any("SELECT 1 FROM panel WHERE id = ?1", &[&id])
}

/// The name of the panel (other than `except`) with this name, ignoring case.
pub fn name_owner(db: &dyn Db, name: &str, except: Option<Uuid>) -> CoreResult<Option<String>> {
    db.value(
        db.pick(
            "SELECT name FROM panel WHERE name = ?1 COLLATE NOCASE AND id IS DISTINCT FROM ?2",
            "SELECT name FROM panel WHERE lower(name) = lower(?1) AND id IS DISTINCT FROM ?2",
        ),
        &[&name, &except],
    )
}

/// The values of `insert` and `update`, numbered alike in both statements.
fn settings<'a>(id: &'a Uuid, input: &'a PanelInput, at: &'a &'a str) -> [&'a dyn ToValue; 11] {
    [
        id,
        &input.name,
        &input.kind,
        &input.meeting_minutes,
        &input.minutes_per_case,
        &input.confidentiality_statement,
        &input.protective_marking,
        &input.repeat_window_months,
        at,
        &input.idle_lock_minutes,
        &input.retention_years,
    ]
}

pub fn insert(tx: &dyn Db, id: Uuid, input: &PanelInput, at: &str) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO panel (id, name, kind, meeting_minutes, minutes_per_case,
            confidentiality_statement, protective_marking, repeat_window_months,
            created_at, updated_at, idle_lock_minutes, retention_years)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11)",
        &settings(&id, input, &at),
    )?;
    Ok(())
}

/// Lists the panel's concerns, in this order.
pub fn insert_concerns(tx: &dyn Db, id: Uuid, labels: &[&str]) -> CoreResult<()> {
    for (position, label) in labels.iter().enumerate() {
        tx.execute(
            "INSERT INTO panel_concern (panel_id, position, label) VALUES (?1, ?2, ?3)",
            &[&id, &position, label],
        )?;
    }
    Ok(())
}

/// Rewrites the panel's settings; false if there is no such panel.
pub fn update(tx: &dyn Db, id: Uuid, input: &PanelInput, at: &str) -> CoreResult<bool> {
    let changed = tx.execute(
        "UPDATE panel SET name = ?2, kind = ?3, meeting_minutes = ?4, minutes_per_case = ?5,
            confidentiality_statement = ?6, protective_marking = ?7,
            repeat_window_months = ?8, updated_at = ?9,
            idle_lock_minutes = ?10, retention_years = ?11
         WHERE id = ?1",
        &settings(&id, input, &at),
    )?;
    Ok(changed == 1)
}

/// Archives (keeping the first date) or restores; false if there is no such panel.
pub fn set_archived(tx: &dyn Db, id: Uuid, archived: bool, at: &str) -> CoreResult<bool> {
    let changed = tx.execute(
        "UPDATE panel SET archived_at = CASE WHEN ?2 THEN coalesce(archived_at, ?3) END,
            updated_at = ?3
         WHERE id = ?1",
        &[&id, &archived, &at],
    )?;
    Ok(changed == 1)
}

/// Seats an agency on a panel (nothing happens if it already sits there).
pub fn add_member(tx: &dyn Db, panel_id: Uuid, agency_id: Uuid, at: &str) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO panel_member (panel_id, agency_id, joined_at) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING",
        &[&panel_id, &agency_id, &at],
    )?;
    Ok(())
}

pub fn remove_member(tx: &dyn Db, panel_id: Uuid, agency_id: Uuid) -> CoreResult<()> {
    tx.execute(
        "DELETE FROM panel_member WHERE panel_id = ?1 AND agency_id = ?2",
        &[&panel_id, &agency_id],
    )?;
    Ok(())
}

/// Whether the store holds any panel or agency yet.
pub fn any_panel_or_agency(db: &dyn Db) -> CoreResult<bool> {
    db.any(
        "SELECT 1 FROM panel UNION ALL SELECT 1 FROM agency LIMIT 1",
        &[],
    )
}
