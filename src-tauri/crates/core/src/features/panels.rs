//! Panels: create, edit, archive, and which agencies sit on each. What may
//! be written is decided here; the SQL is in [`crate::tables::panels`].

use uuid::Uuid;

use crate::domain::{Panel, PanelInput};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::store::Engine;
use crate::store::codec::now;
use crate::store::sql::Db;
use crate::tables;

/// All panels, active first, then by name.
pub fn list(conn: &dyn Db) -> CoreResult<Vec<Panel>> {
    tables::panels::list(conn)
}

pub fn get(conn: &dyn Db, id: Uuid) -> CoreResult<Panel> {
    tables::panels::get(conn, id)?.ok_or(CoreError::NotFound("That panel"))
}

/// Validates the input and that its name is free, reporting both together.
fn check(conn: &dyn Db, input: &PanelInput, except: Option<Uuid>) -> CoreResult<PanelInput> {
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

fn name_clash(conn: &dyn Db, name: &str, except: Option<Uuid>) -> CoreResult<Option<FieldError>> {
    if name.is_empty() {
        return Ok(None);
    }
    let clash = tables::panels::name_owner(conn, name, except)?;
    Ok(clash.map(|existing| {
        FieldError::new(
            "name",
            format!("There is already a panel called {existing}. Choose another name."),
        )
    }))
}

pub fn create(store: &mut impl Engine, input: &PanelInput) -> CoreResult<Panel> {
    let id = Uuid::new_v4();
    store.write(|tx| {
        let input = check(tx, input, None)?;
        tables::panels::insert(tx, id, &input, &now())?;
        tables::panels::insert_concerns(tx, id, crate::domain::case::DEFAULT_CONCERNS)?;
        get(tx, id)
    })
}

pub fn update(store: &mut impl Engine, id: Uuid, input: &PanelInput) -> CoreResult<Panel> {
    store.write(|tx| {
        let input = check(tx, input, Some(id))?;
        if !tables::panels::update(tx, id, &input, &now())? {
            return Err(CoreError::NotFound("That panel"));
        }
        get(tx, id)
    })
}

/// Archiving hides a panel from day-to-day lists; it keeps all its records.
pub fn set_archived(store: &mut impl Engine, id: Uuid, archived: bool) -> CoreResult<Panel> {
    store.write(|tx| {
        if !tables::panels::set_archived(tx, id, archived, &now())? {
            return Err(CoreError::NotFound("That panel"));
        }
        get(tx, id)
    })
}

/// Adds an agency to a panel's membership, or removes it.
pub fn set_membership(
    store: &mut impl Engine,
    panel_id: Uuid,
    agency_id: Uuid,
    member: bool,
) -> CoreResult<Panel> {
    store.write(|tx| {
        if !tables::panels::exists(tx, panel_id)? {
            return Err(CoreError::NotFound("That panel"));
        }
        if !tables::agencies::exists(tx, agency_id)? {
            return Err(CoreError::NotFound("That agency"));
        }
        if member {
            tables::panels::add_member(tx, panel_id, agency_id, &now())?;
        } else {
            tables::panels::remove_member(tx, panel_id, agency_id)?;
        }
        get(tx, panel_id)
    })
}
