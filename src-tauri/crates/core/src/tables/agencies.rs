//! The agency directory's SQL: `agency` and its `representative`s; the
//! panels an agency sits on are read here and written by
//! [`super::panels`]. Nothing here validates: the services check input
//! first and call these inside their transaction.

use rusqlite::{Connection, OptionalExtension, Row, ToSql, params};
use uuid::Uuid;

use crate::domain::agency::ValidAgency;
use crate::domain::{Agency, Representative};
use crate::error::CoreResult;
use crate::store::codec::StoredId;

const COLUMNS: &str = "id, name, short_code, sector, secure_email, archived_at IS NOT NULL";

fn agency_from(row: &Row<'_>) -> rusqlite::Result<Agency> {
    Ok(Agency {
        id: row.get::<_, StoredId>(0)?.0,
        name: row.get(1)?,
        short_code: row.get(2)?,
        sector: row.get(3)?,
        secure_email: row.get(4)?,
        representatives: Vec::new(),
        panel_ids: Vec::new(),
        archived: row.get(5)?,
    })
}

/// Adds the agency's representatives (in their order) and its panels (by name).
fn with_details(conn: &Connection, mut agency: Agency) -> CoreResult<Agency> {
    let id = StoredId(agency.id);
    let mut reps = conn.prepare_cached(
        "SELECT id, name, role, email FROM representative WHERE agency_id = ?1 ORDER BY position",
    )?;
    agency.representatives = reps
        .query_map([id], |row| {
            Ok(Representative {
                id: row.get::<_, StoredId>(0)?.0,
                name: row.get(1)?,
                role: row.get(2)?,
                email: row.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut panels = conn.prepare_cached(
        "SELECT m.panel_id FROM panel_member m JOIN panel p ON p.id = m.panel_id
         WHERE m.agency_id = ?1 ORDER BY p.name COLLATE NOCASE",
    )?;
    agency.panel_ids = panels
        .query_map([id], |row| Ok(row.get::<_, StoredId>(0)?.0))?
        .collect::<Result<_, _>>()?;
    Ok(agency)
}

/// All agencies, active first, then by name.
pub fn list(conn: &Connection) -> CoreResult<Vec<Agency>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM agency ORDER BY archived_at IS NOT NULL, name COLLATE NOCASE"
    ))?;
    let rows = stmt
        .query_map([], agency_from)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|agency| with_details(conn, agency))
        .collect()
}

pub fn get(conn: &Connection, id: Uuid) -> CoreResult<Option<Agency>> {
    let agency = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM agency WHERE id = ?1"),
            [StoredId(id)],
            agency_from,
        )
        .optional()?;
    agency.map(|a| with_details(conn, a)).transpose()
}

/// Whether the agency is in the directory (archived or not).
pub fn exists(conn: &Connection, id: Uuid) -> CoreResult<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM agency WHERE id = ?1", [StoredId(id)], |_| {
            Ok(())
        })
        .optional()?
        .is_some())
}

/// The name of the agency (other than `except`) using this short code, ignoring case.
pub fn short_code_owner(
    conn: &Connection,
    code: &str,
    except: Option<Uuid>,
) -> CoreResult<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT name FROM agency WHERE short_code = ?1 COLLATE NOCASE AND id IS NOT ?2",
            params![code, except.map(StoredId)],
            |row| row.get(0),
        )
        .optional()?)
}

/// Whether an agency (other than `except`) has this name, ignoring case.
pub fn name_taken(conn: &Connection, name: &str, except: Option<Uuid>) -> CoreResult<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM agency WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2",
            params![name, except.map(StoredId)],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The values of `insert` and `update`, numbered alike in both statements.
fn fields<'a>(id: &'a StoredId, agency: &'a ValidAgency, at: &'a &'a str) -> [&'a dyn ToSql; 6] {
    [
        id,
        &agency.name,
        &agency.short_code,
        &agency.sector,
        &agency.secure_email,
        at,
    ]
}

pub fn insert(tx: &Connection, id: Uuid, agency: &ValidAgency, at: &str) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO agency (id, name, short_code, sector, secure_email, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        fields(&StoredId(id), agency, &at),
    )?;
    Ok(())
}

/// Rewrites the agency's own fields; false if there is no such agency.
pub fn update(tx: &Connection, id: Uuid, agency: &ValidAgency, at: &str) -> CoreResult<bool> {
    let changed = tx.execute(
        "UPDATE agency SET name = ?2, short_code = ?3, sector = ?4, secure_email = ?5, updated_at = ?6
         WHERE id = ?1",
        fields(&StoredId(id), agency, &at),
    )?;
    Ok(changed == 1)
}

/// Archives (keeping the first date) or restores; false if there is no such agency.
pub fn set_archived(tx: &Connection, id: Uuid, archived: bool, at: &str) -> CoreResult<bool> {
    let changed = tx.execute(
        "UPDATE agency SET archived_at = CASE WHEN ?2 THEN coalesce(archived_at, ?3) END,
            updated_at = ?3
         WHERE id = ?1",
        params![StoredId(id), archived, at],
    )?;
    Ok(changed == 1)
}

/// Makes the stored representatives match `agency.representatives`: updates
/// those with ids, adds new ones, removes the ones no longer listed.
pub fn save_representatives(
    tx: &Connection,
    agency_id: Uuid,
    agency: &ValidAgency,
) -> CoreResult<()> {
    let owner = StoredId(agency_id);
    let mut kept = Vec::new();
    for (position, rep) in agency.representatives.iter().enumerate() {
        let position = i64::try_from(position).unwrap_or(i64::MAX);
        let updated = match rep.id {
            Some(id) => tx.execute(
                "UPDATE representative SET position = ?3, name = ?4, role = ?5, email = ?6
                 WHERE id = ?1 AND agency_id = ?2",
                params![StoredId(id), owner, position, rep.name, rep.role, rep.email],
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
                    params![StoredId(id), owner, position, rep.name, rep.role, rep.email],
                )?;
                id
            }
        };
        kept.push(id);
    }
    let mut stmt = tx.prepare_cached("SELECT id FROM representative WHERE agency_id = ?1")?;
    let existing = stmt
        .query_map([owner], |row| Ok(row.get::<_, StoredId>(0)?.0))?
        .collect::<Result<Vec<_>, _>>()?;
    for id in existing.iter().filter(|id| !kept.contains(id)) {
        tx.execute("DELETE FROM representative WHERE id = ?1", [StoredId(*id)])?;
    }
    Ok(())
}
