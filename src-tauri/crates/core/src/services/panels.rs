//! Panels: create, edit, archive, and which agencies sit on each.

use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use crate::domain::{Panel, PanelInput, PanelKind};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::services::{now, parse_id};
use crate::store::Store;

const COLUMNS: &str = "id, name, kind, meeting_minutes, minutes_per_case, confidentiality_statement, \
     protective_marking, repeat_window_months, archived_at IS NOT NULL, idle_lock_minutes, retention_years";

fn row_to_panel(row: &rusqlite::Row<'_>) -> rusqlite::Result<(String, Panel)> {
    let id: String = row.get(0)?;
    let kind: String = row.get(2)?;
    Ok((
        id,
        Panel {
            id: Uuid::nil(),
            name: row.get(1)?,
            kind: PanelKind::parse(&kind).unwrap_or(PanelKind::Other),
            meeting_minutes: row.get(3)?,
            minutes_per_case: row.get(4)?,
            confidentiality_statement: row.get(5)?,
            protective_marking: row.get(6)?,
            repeat_window_months: row.get(7)?,
            archived: row.get(8)?,
            idle_lock_minutes: row.get(9)?,
            retention_years: row.get(10)?,
            member_agency_ids: Vec::new(),
        },
    ))
}

fn finish(conn: &Connection, (id, mut panel): (String, Panel)) -> CoreResult<Panel> {
    panel.id = parse_id(&id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT m.agency_id FROM panel_member m JOIN agency a ON a.id = m.agency_id
         WHERE m.panel_id = ?1 ORDER BY a.name COLLATE NOCASE",
    )?;
    let ids = stmt.query_map([&id], |row| row.get::<_, String>(0))?;
    for agency_id in ids {
        panel.member_agency_ids.push(parse_id(&agency_id?)?);
    }
    Ok(panel)
}

/// All panels, active first, then by name.
pub fn list(conn: &Connection) -> CoreResult<Vec<Panel>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM panel ORDER BY archived_at IS NOT NULL, name COLLATE NOCASE"
    ))?;
    let rows = stmt
        .query_map([], row_to_panel)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(|row| finish(conn, row)).collect()
}

pub fn get(conn: &Connection, id: Uuid) -> CoreResult<Panel> {
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM panel WHERE id = ?1"),
            [id.to_string()],
            row_to_panel,
        )
        .optional()?
        .ok_or(CoreError::NotFound("That panel"))?;
    finish(conn, row)
}

/// Validates the input and that its name is free, reporting both together.
fn check(conn: &Connection, input: &PanelInput, except: Option<Uuid>) -> CoreResult<PanelInput> {
    let name_error = name_clash(conn, input.name.trim(), except)?;
    match (input.validate(), name_error) {
        (Ok(valid), None) => Ok(valid),
        (Ok(_), Some(clash)) => Err(CoreError::Validation(vec![clash])),
        (Err(CoreError::Validation(mut errors)), Some(clash)) => {
            errors.insert(0, clash);
            Err(CoreError::Validation(errors))
        }
        (Err(other), _) => Err(other),
    }
}

fn name_clash(
    conn: &Connection,
    name: &str,
    except: Option<Uuid>,
) -> CoreResult<Option<FieldError>> {
    if name.is_empty() {
        return Ok(None);
    }
    let clash: Option<String> = conn
        .query_row(
            "SELECT name FROM panel WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2",
            params![name, except.map(|id| id.to_string())],
            |row| row.get(0),
        )
        .optional()?;
    Ok(clash.map(|existing| {
        FieldError::new(
            "name",
            format!("There is already a panel called {existing}. Choose another name."),
        )
    }))
}

pub fn create(store: &mut Store, input: &PanelInput) -> CoreResult<Panel> {
    let id = Uuid::new_v4();
    store.write(|tx| {
        let input = check(tx, input, None)?;
        let at = now();
        tx.execute(
            "INSERT INTO panel (id, name, kind, meeting_minutes, minutes_per_case,
                confidentiality_statement, protective_marking, repeat_window_months,
                created_at, updated_at, idle_lock_minutes, retention_years)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11)",
            params![
                id.to_string(),
                input.name,
                input.kind.as_str(),
                input.meeting_minutes,
                input.minutes_per_case,
                input.confidentiality_statement,
                input.protective_marking,
                input.repeat_window_months,
                at,
                input.idle_lock_minutes,
                input.retention_years
            ],
        )?;
        for (position, label) in crate::domain::case::DEFAULT_CONCERNS.iter().enumerate() {
            tx.execute(
                "INSERT INTO panel_concern (panel_id, position, label) VALUES (?1, ?2, ?3)",
                params![
                    id.to_string(),
                    i64::try_from(position).unwrap_or(i64::MAX),
                    label
                ],
            )?;
        }
        get(tx, id)
    })
}

pub fn update(store: &mut Store, id: Uuid, input: &PanelInput) -> CoreResult<Panel> {
    store.write(|tx| {
        let input = check(tx, input, Some(id))?;
        let changed = tx.execute(
            "UPDATE panel SET name = ?2, kind = ?3, meeting_minutes = ?4, minutes_per_case = ?5,
                confidentiality_statement = ?6, protective_marking = ?7,
                repeat_window_months = ?8, updated_at = ?9,
                idle_lock_minutes = ?10, retention_years = ?11
             WHERE id = ?1",
            params![
                id.to_string(),
                input.name,
                input.kind.as_str(),
                input.meeting_minutes,
                input.minutes_per_case,
                input.confidentiality_statement,
                input.protective_marking,
                input.repeat_window_months,
                now(),
                input.idle_lock_minutes,
                input.retention_years
            ],
        )?;
        if changed == 0 {
            return Err(CoreError::NotFound("That panel"));
        }
        get(tx, id)
    })
}

/// Archiving hides a panel from day-to-day lists; it keeps all its records.
pub fn set_archived(store: &mut Store, id: Uuid, archived: bool) -> CoreResult<Panel> {
    store.write(|tx| {
        let at = now();
        let changed = tx.execute(
            "UPDATE panel SET archived_at = CASE WHEN ?2 THEN coalesce(archived_at, ?3) END,
                updated_at = ?3
             WHERE id = ?1",
            params![id.to_string(), archived, at],
        )?;
        if changed == 0 {
            return Err(CoreError::NotFound("That panel"));
        }
        get(tx, id)
    })
}

/// Adds an agency to a panel's membership, or removes it.
pub fn set_membership(
    store: &mut Store,
    panel_id: Uuid,
    agency_id: Uuid,
    member: bool,
) -> CoreResult<Panel> {
    store.write(|tx| {
        let panel_exists = tx
            .query_row("SELECT 1 FROM panel WHERE id = ?1", [panel_id.to_string()], |_| Ok(()))
            .optional()?
            .is_some();
        if !panel_exists {
            return Err(CoreError::NotFound("That panel"));
        }
        let agency_exists = crate::tables::agencies::exists(tx, agency_id)?;
        if !agency_exists {
            return Err(CoreError::NotFound("That agency"));
        }
        if member {
            tx.execute(
                "INSERT OR IGNORE INTO panel_member (panel_id, agency_id, joined_at) VALUES (?1, ?2, ?3)",
                params![panel_id.to_string(), agency_id.to_string(), now()],
            )?;
        } else {
            tx.execute(
                "DELETE FROM panel_member WHERE panel_id = ?1 AND agency_id = ?2",
                params![panel_id.to_string(), agency_id.to_string()],
            )?;
        }
        get(tx, panel_id)
    })
}
