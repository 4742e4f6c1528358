//! The agency directory's SQL: `agency` and its `representative`s; the
//! panels an agency sits on are read here and written by
//! [`super::panels`]. Nothing here validates: the features check input
//! first and call these inside their transaction. Runs on both engines.

use std::collections::HashMap;

use uuid::Uuid;

use crate::domain::agency::ValidAgency;
use crate::domain::{Agency, Representative};
use crate::error::CoreResult;
use crate::store::sql::{Db, ToValue, Values};

const COLUMNS: &str = "id, name, short_code, sector, secure_email, archived_at IS NOT NULL";

fn agency_from(row: &Values) -> CoreResult<Agency> {
    Ok(Agency {
        id: row.get(0)?,
        name: row.get(1)?,
        short_code: row.get(2)?,
        sector: row.get(3)?,
        secure_email: row.get(4)?,
        representatives: Vec::new(),
        panel_ids: Vec::new(),
        archived: row.get(5)?,
    })
}

/// Adds each agency's representatives (in their order) and its panels (by
/// name): two statements for the whole list, not two per agency (the
/// directory is on most screens, and on PostgreSQL each is a round trip).
fn with_details(db: &dyn Db, mut agencies: Vec<Agency>) -> CoreResult<Vec<Agency>> {
    let ids: Vec<Uuid> = agencies.iter().map(|a| a.id).collect();
    let mut people: HashMap<Uuid, Vec<Representative>> = HashMap::new();
    for row in super::query_in(
        db,
        "SELECT agency_id, id, name, role, email FROM representative
         WHERE agency_id IN (MARKS) ORDER BY agency_id, position",
        &ids,
    )? {
        people.entry(row.get(0)?).or_default().push(Representative {
            id: row.get(1)?,
            name: row.get(2)?,
            role: row.get(3)?,
            email: row.get(4)?,
        });
    }
    let mut panels: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    let by_name = db.ignoring_case("p.name");
    for row in super::query_in(
        db,
        &format!(
            "SELECT m.agency_id, m.panel_id FROM panel_member m JOIN panel p ON p.id = m.panel_id
             WHERE m.agency_id IN (MARKS) ORDER BY m.agency_id, {by_name}"
        ),
        &ids,
    )? {
        panels.entry(row.get(0)?).or_default().push(row.get(1)?);
    }
    for agency in &mut agencies {
        agency.representatives = people.remove(&agency.id).unwrap_or_default();
        agency.panel_ids = panels.remove(&agency.id).unwrap_or_default();
    }
    Ok(agencies)
}

/// All agencies, active first, then by name.
pub fn list(db: &dyn Db) -> CoreResult<Vec<Agency>> {
    let order = db.ignoring_case("name");
    let rows = db.rows(
        &format!("SELECT {COLUMNS} FROM agency ORDER BY archived_at IS NOT NULL, {order}"),
        &[],
        agency_from,
    )?;
    with_details(db, rows)
}

pub fn get(db: &dyn Db, id: Uuid) -> CoreResult<Option<Agency>> {
    let agency = db.row(
        &format!("SELECT {COLUMNS} FROM agency WHERE id = ?1"),
        &[&id],
        agency_from,
    )?;
    Ok(match agency {
        Some(a) => with_details(db, vec![a])?.pop(),
        None => None,
    })
}

/// Whether the agency is in the directory (archived or not).
pub fn exists(db: &dyn Db, id: Uuid) -> CoreResult<bool> {
    db.any("SELECT 1 FROM agency WHERE id = ?1", &[&id])
}

/// The name of the agency (other than `except`) using this short code, ignoring case.
pub fn short_code_owner(
    db: &dyn Db,
    code: &str,
    except: Option<Uuid>,
) -> CoreResult<Option<String>> {
    db.value(
        db.pick(
            "SELECT name FROM agency WHERE short_code = ?1 COLLATE NOCASE AND id IS DISTINCT FROM ?2",
            "SELECT name FROM agency WHERE lower(short_code) = lower(?1) AND id IS DISTINCT FROM ?2",
        ),
        &[&code, &except],
    )
}

/// Whether an agency (other than `except`) has this name, ignoring case.
pub fn name_taken(db: &dyn Db, name: &str, except: Option<Uuid>) -> CoreResult<bool> {
    db.any(
        db.pick(
            "SELECT 1 FROM agency WHERE name = ?1 COLLATE NOCASE AND id IS DISTINCT FROM ?2",
            "SELECT 1 FROM agency WHERE lower(name) = lower(?1) AND id IS DISTINCT FROM ?2",
        ),
        &[&name, &except],
    )
}

/// The values of `insert` and `update`, numbered alike in both statements.
fn fields<'a>(id: &'a Uuid, agency: &'a ValidAgency, at: &'a &'a str) -> [&'a dyn ToValue; 6] {
    [
        id,
        &agency.name,
        &agency.short_code,
        &agency.sector,
        &agency.secure_email,
        at,
    ]
}

pub fn insert(tx: &dyn Db, id: Uuid, agency: &ValidAgency, at: &str) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO agency (id, name, short_code, sector, secure_email, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        &fields(&id, agency, &at),
    )?;
    Ok(())
}

/// Rewrites the agency's own fields; false if there is no such agency.
pub fn update(tx: &dyn Db, id: Uuid, agency: &ValidAgency, at: &str) -> CoreResult<bool> {
    let changed = tx.execute(
        "UPDATE agency SET name = ?2, short_code = ?3, sector = ?4, secure_email = ?5, updated_at = ?6
         WHERE id = ?1",
        &fields(&id, agency, &at),
    )?;
    Ok(changed == 1)
}

/// Archives (keeping the first date) or restores; false if there is no such agency.
pub fn set_archived(tx: &dyn Db, id: Uuid, archived: bool, at: &str) -> CoreResult<bool> {
    let changed = tx.execute(
        "UPDATE agency SET archived_at = CASE WHEN ?2 THEN coalesce(archived_at, ?3) END,
            updated_at = ?3
         WHERE id = ?1",
        &[&id, &archived, &at],
    )?;
    Ok(changed == 1)
}

/// Makes the stored representatives match `agency.representatives`: updates
/// those with ids, adds new ones, removes the ones no longer listed.
pub fn save_representatives(tx: &dyn Db, agency_id: Uuid, agency: &ValidAgency) -> CoreResult<()> {
    let mut kept = Vec::new();
    for (position, rep) in agency.representatives.iter().enumerate() {
        let fields: [&dyn ToValue; 5] = [&agency_id, &position, &rep.name, &rep.role, &rep.email];
        let updated = match rep.id {
            Some(id) => tx.execute(
                "UPDATE representative SET position = ?3, name = ?4, role = ?5, email = ?6
                 WHERE id = ?1 AND agency_id = ?2",
                &[&[&id as &dyn ToValue], &fields[..]].concat(),
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
                    &[&[&id as &dyn ToValue], &fields[..]].concat(),
                )?;
                id
            }
        };
        kept.push(id);
    }
    let existing: Vec<Uuid> = tx.column(
        "SELECT id FROM representative WHERE agency_id = ?1",
        &[&agency_id],
    )?;
    for id in existing.iter().filter(|id| !kept.contains(id)) {
        tx.execute("DELETE FROM representative WHERE id = ?1", &[id])?;
    }
    Ok(())
}
