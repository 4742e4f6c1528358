//! The agency directory: agencies, their representatives, and which panels
//! they sit on.

use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use crate::domain::agency::ValidAgency;
use crate::domain::{Agency, AgencyInput, Representative, Sector};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::services::{now, parse_id};
use crate::store::Store;

const COLUMNS: &str = "id, name, short_code, sector, secure_email, archived_at IS NOT NULL";

fn row_to_agency(row: &rusqlite::Row<'_>) -> rusqlite::Result<(String, Agency)> {
    let id: String = row.get(0)?;
    let sector: String = row.get(3)?;
    Ok((
        id,
        Agency {
            id: Uuid::nil(),
            name: row.get(1)?,
            short_code: row.get(2)?,
            sector: Sector::parse(&sector).unwrap_or(Sector::Other),
            secure_email: row.get(4)?,
            representatives: Vec::new(),
            panel_ids: Vec::new(),
            archived: row.get(5)?,
        },
    ))
}

fn finish(conn: &Connection, (id, mut agency): (String, Agency)) -> CoreResult<Agency> {
    agency.id = parse_id(&id)?;
    let mut reps = conn.prepare_cached(
        "SELECT id, name, role, email FROM representative WHERE agency_id = ?1 ORDER BY position",
    )?;
    let rows = reps.query_map([&id], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, Option<String>>(2)?,
            row.get::<_, Option<String>>(3)?,
        ))
    })?;
    for row in rows {
        let (rep_id, name, role, email) = row?;
        agency.representatives.push(Representative {
            id: parse_id(&rep_id)?,
            name,
            role,
            email,
        });
    }
    let mut panels = conn.prepare_cached(
        "SELECT m.panel_id FROM panel_member m JOIN panel p ON p.id = m.panel_id
         WHERE m.agency_id = ?1 ORDER BY p.name COLLATE NOCASE",
    )?;
    let ids = panels.query_map([&id], |row| row.get::<_, String>(0))?;
    for panel_id in ids {
        agency.panel_ids.push(parse_id(&panel_id?)?);
    }
    Ok(agency)
}

/// All agencies, active first, then by name.
pub fn list(conn: &Connection) -> CoreResult<Vec<Agency>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM agency ORDER BY archived_at IS NOT NULL, name COLLATE NOCASE"
    ))?;
    let rows = stmt
        .query_map([], row_to_agency)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(|row| finish(conn, row)).collect()
}

pub fn get(conn: &Connection, id: Uuid) -> CoreResult<Agency> {
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM agency WHERE id = ?1"),
            [id.to_string()],
            row_to_agency,
        )
        .optional()?
        .ok_or(CoreError::NotFound("That agency"))?;
    finish(conn, row)
}

/// Names and short codes are unique across the directory (ignoring case).
/// Checked on the trimmed input even when other fields are invalid, so the
/// user sees every problem at once.
fn uniqueness_errors(
    conn: &Connection,
    input: &AgencyInput,
    except: Option<Uuid>,
) -> CoreResult<Vec<FieldError>> {
    let except = except.map(|id| id.to_string());
    let (name, code) = (input.name.trim(), input.short_code.trim());
    let mut errors = Vec::new();
    if !code.is_empty() {
        let owner: Option<String> = conn
            .query_row(
                "SELECT name FROM agency WHERE short_code = ?1 COLLATE NOCASE AND id IS NOT ?2",
                params![code, except],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(owner) = owner {
            errors.push(FieldError::new(
                "short_code",
                format!("This short code is already used by {owner}. Choose another."),
            ));
        }
    }
    if !name.is_empty() {
        let taken = conn
            .query_row(
                "SELECT 1 FROM agency WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2",
                params![name, except],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if taken {
            errors.push(FieldError::new(
                "name",
                format!("There is already an agency called {name}. Choose another name."),
            ));
        }
    }
    Ok(errors)
}

/// Validates the input and its uniqueness together: every problem, in form order.
pub(crate) fn check(
    conn: &Connection,
    input: &AgencyInput,
    except: Option<Uuid>,
) -> CoreResult<ValidAgency> {
    let unique = uniqueness_errors(conn, input, except)?;
    match (input.validate(), unique.is_empty()) {
        (Ok(valid), true) => Ok(valid),
        (Ok(_), false) => Err(CoreError::Validation(unique)),
        (Err(CoreError::Validation(mut errors)), _) => {
            errors.retain(|e| !unique.iter().any(|u| u.field == e.field));
            errors.extend(unique);
            errors.sort_by_key(|e| form_order(&e.field));
            Err(CoreError::Validation(errors))
        }
        (Err(other), _) => Err(other),
    }
}

fn form_order(field: &str) -> usize {
    ["name", "short_code", "sector", "secure_email"]
        .iter()
        .position(|f| *f == field)
        .unwrap_or(usize::MAX)
}

/// Makes the stored representatives match `agency.representatives`: updates
/// those with ids, adds new ones, removes the ones no longer listed.
fn save_representatives(tx: &Connection, agency_id: &str, agency: &ValidAgency) -> CoreResult<()> {
    let mut kept = Vec::new();
    for (position, rep) in agency.representatives.iter().enumerate() {
        let position = i64::try_from(position).unwrap_or(i64::MAX);
        let updated = match rep.id {
            Some(id) => tx.execute(
                "UPDATE representative SET position = ?3, name = ?4, role = ?5, email = ?6
                 WHERE id = ?1 AND agency_id = ?2",
                params![
                    id.to_string(),
                    agency_id,
                    position,
                    rep.name,
                    rep.role,
                    rep.email
                ],
            )?,
            None => 0,
        };
        let id = match (rep.id, updated) {
            (Some(id), 1) => id,
            _ => {
                let id = Uuid::new_v4();
                tx.execute(
                    "INSERT INTO representative (id, agency_id, position, name, role, email)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        id.to_string(),
                        agency_id,
                        position,
                        rep.name,
                        rep.role,
                        rep.email
                    ],
                )?;
                id
            }
        };
        kept.push(id.to_string());
    }
    let mut stmt = tx.prepare_cached("SELECT id FROM representative WHERE agency_id = ?1")?;
    let existing = stmt
        .query_map([agency_id], |row| row.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    for id in existing.iter().filter(|id| !kept.contains(id)) {
        tx.execute("DELETE FROM representative WHERE id = ?1", [id])?;
    }
    Ok(())
}

/// Writes a checked agency and its representatives; returns its id.
pub(crate) fn insert(tx: &Connection, agency: &ValidAgency) -> CoreResult<Uuid> {
    let id = Uuid::new_v4();
    let at = now();
    tx.execute(
        "INSERT INTO agency (id, name, short_code, sector, secure_email, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            id.to_string(),
            agency.name,
            agency.short_code,
            agency.sector.as_str(),
            agency.secure_email,
            at
        ],
    )?;
    save_representatives(tx, &id.to_string(), agency)?;
    Ok(id)
}

/// Seats an agency on a panel (nothing happens if it already sits there).
pub(crate) fn join_panel(tx: &Connection, panel_id: Uuid, agency_id: Uuid) -> CoreResult<()> {
    tx.execute(
        "INSERT OR IGNORE INTO panel_member (panel_id, agency_id, joined_at) VALUES (?1, ?2, ?3)",
        params![panel_id.to_string(), agency_id.to_string(), now()],
    )?;
    Ok(())
}

pub(crate) fn panel_exists(conn: &Connection, panel_id: Uuid) -> CoreResult<()> {
    conn.query_row(
        "SELECT 1 FROM panel WHERE id = ?1",
        [panel_id.to_string()],
        |_| Ok(()),
    )
    .optional()?
    .ok_or(CoreError::NotFound("That panel"))
}

pub fn create(store: &mut Store, input: &AgencyInput) -> CoreResult<Agency> {
    store.write(|tx| {
        let agency = check(tx, input, None)?;
        let id = insert(tx, &agency)?;
        get(tx, id)
    })
}

/// Adds several agencies at once (the usual agencies offered to an empty
/// directory), all or none, seated on `panel_id` when given. A problem with
/// the i-th agency is reported on `agencies.{i}.{field}`; each is checked
/// after the ones before it are written, so two alike in the list clash.
pub fn create_many(
    store: &mut Store,
    inputs: &[AgencyInput],
    panel_id: Option<Uuid>,
) -> CoreResult<Vec<Agency>> {
    if inputs.is_empty() {
        return Err(CoreError::field(
            "agencies",
            "Choose at least one agency to add.",
        ));
    }
    store.write(|tx| {
        if let Some(panel) = panel_id {
            panel_exists(tx, panel)?;
        }
        let mut problems = Vec::new();
        let mut ids = Vec::new();
        for (i, input) in inputs.iter().enumerate() {
            match check(tx, input, None) {
                Ok(agency) => ids.push(insert(tx, &agency)?),
                Err(CoreError::Validation(errors)) => problems.extend(
                    errors
                        .into_iter()
                        .map(|e| FieldError::new(format!("agencies.{i}.{}", e.field), e.message)),
                ),
                Err(other) => return Err(other),
            }
        }
        if !problems.is_empty() {
            return Err(CoreError::Validation(problems));
        }
        for id in &ids {
            if let Some(panel) = panel_id {
                join_panel(tx, panel, *id)?;
            }
        }
        crate::audit::record(
            tx,
            "create",
            "agency",
            None,
            Some(&format!("{} agencies added together", ids.len())),
        )?;
        ids.into_iter().map(|id| get(tx, id)).collect()
    })
}

pub fn update(store: &mut Store, id: Uuid, input: &AgencyInput) -> CoreResult<Agency> {
    store.write(|tx| {
        let agency = check(tx, input, Some(id))?;
        let changed = tx.execute(
            "UPDATE agency SET name = ?2, short_code = ?3, sector = ?4, secure_email = ?5, updated_at = ?6
             WHERE id = ?1",
            params![
                id.to_string(),
                agency.name,
                agency.short_code,
                agency.sector.as_str(),
                agency.secure_email,
                now()
            ],
        )?;
        if changed == 0 {
            return Err(CoreError::NotFound("That agency"));
        }
        save_representatives(tx, &id.to_string(), &agency)?;
        get(tx, id)
    })
}

/// An archived agency keeps its history but is no longer offered for new work.
pub fn set_archived(store: &mut Store, id: Uuid, archived: bool) -> CoreResult<Agency> {
    store.write(|tx| {
        let at = now();
        let changed = tx.execute(
            "UPDATE agency SET archived_at = CASE WHEN ?2 THEN coalesce(archived_at, ?3) END,
                updated_at = ?3
             WHERE id = ?1",
            params![id.to_string(), archived, at],
        )?;
        if changed == 0 {
            return Err(CoreError::NotFound("That agency"));
        }
        get(tx, id)
    })
}
