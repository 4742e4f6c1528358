//! The agency directory: agencies, their representatives, and which panels
//! they sit on. What may be written is decided here; the SQL is in
//! [`crate::tables::agencies`].

use uuid::Uuid;

use crate::domain::agency::ValidAgency;
use crate::domain::{Agency, AgencyInput};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::store::Engine;
use crate::store::codec::now;
use crate::store::sql::Db;
use crate::tables;

/// All agencies, active first, then by name.
pub fn list(conn: &dyn Db) -> CoreResult<Vec<Agency>> {
    tables::agencies::list(conn)
}

pub fn get(conn: &dyn Db, id: Uuid) -> CoreResult<Agency> {
    tables::agencies::get(conn, id)?.ok_or(CoreError::NotFound("That agency"))
}

/// Names and short codes are unique across the directory (ignoring case).
/// Checked on the trimmed input even when other fields are invalid, so the
/// user sees every problem at once.
fn uniqueness_errors(
    conn: &dyn Db,
    input: &AgencyInput,
    except: Option<Uuid>,
) -> CoreResult<Vec<FieldError>> {
    let (name, code) = (input.name.trim(), input.short_code.trim());
    let mut errors = Vec::new();
    if !code.is_empty()
        && let Some(owner) = tables::agencies::short_code_owner(conn, code, except)?
    {
        errors.push(FieldError::new(
            "short_code",
            format!("This short code is already used by {owner}. Choose another."),
        ));
    }
    if !name.is_empty() && tables::agencies::name_taken(conn, name, except)? {
        errors.push(FieldError::new(
            "name",
            format!("There is already an agency called {name}. Choose another name."),
        ));
    }
    Ok(errors)
}

/// Validates the input and its uniqueness together: every problem, in form order.
pub(crate) fn check(
    conn: &dyn Db,
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

/// Writes a checked agency and its representatives; returns its id.
pub(crate) fn insert(tx: &dyn Db, agency: &ValidAgency) -> CoreResult<Uuid> {
    let id = Uuid::new_v4();
    tables::agencies::insert(tx, id, agency, &now())?;
    tables::agencies::save_representatives(tx, id, agency)?;
    Ok(id)
}

/// Seats an agency on a panel (nothing happens if it already sits there).
pub(crate) fn join_panel(tx: &dyn Db, panel_id: Uuid, agency_id: Uuid) -> CoreResult<()> {
    tables::panels::add_member(tx, panel_id, agency_id, &now())
}

pub(crate) fn panel_exists(conn: &dyn Db, panel_id: Uuid) -> CoreResult<()> {
    if tables::panels::exists(conn, panel_id)? {
        Ok(())
    } else {
        Err(CoreError::NotFound("That panel"))
    }
}

pub fn create(store: &mut impl Engine, input: &AgencyInput) -> CoreResult<Agency> {
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
    store: &mut impl Engine,
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

pub fn update(store: &mut impl Engine, id: Uuid, input: &AgencyInput) -> CoreResult<Agency> {
    store.write(|tx| {
        let agency = check(tx, input, Some(id))?;
        if !tables::agencies::update(tx, id, &agency, &now())? {
            return Err(CoreError::NotFound("That agency"));
        }
        tables::agencies::save_representatives(tx, id, &agency)?;
        get(tx, id)
    })
}

/// An archived agency keeps its history but is no longer offered for new work.
pub fn set_archived(store: &mut impl Engine, id: Uuid, archived: bool) -> CoreResult<Agency> {
    store.write(|tx| {
        if !tables::agencies::set_archived(tx, id, archived, &now())? {
            return Err(CoreError::NotFound("That agency"));
        }
        get(tx, id)
    })
}
