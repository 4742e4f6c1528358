//! What a panel chose in its last import's preview: the column for each field,
//! the values standing for every row, and what its lists call agencies that
//! are not in the directory. Written only by a successful import.

use std::collections::HashMap;

use uuid::Uuid;

use crate::error::CoreResult;
use crate::import::{ImportChoices, squash};
use crate::store::sql::Db;
use crate::tables::imports as table;

#[derive(Debug, Default)]
pub(super) struct Remembered {
    /// Field code to column header.
    pub headers: HashMap<String, String>,
    /// Field code to the value for every row.
    pub values: HashMap<String, String>,
    /// The list's word for an agency, and the agency.
    pub words: Vec<(String, Uuid)>,
}

pub(super) fn load(db: &dyn Db, panel_id: Uuid) -> CoreResult<Remembered> {
    Ok(Remembered {
        headers: table::mappings(db, panel_id)?.into_iter().collect(),
        values: table::file_values(db, panel_id)?.into_iter().collect(),
        words: table::agency_words(db, panel_id)?,
    })
}

/// Keeps these choices for the panel's next import. Columns and values are
/// replaced as a whole; words for agencies are added to (or, when set back to
/// "not chosen", taken from) what earlier lists taught.
pub(super) fn save(tx: &dyn Db, panel_id: Uuid, choices: &ImportChoices) -> CoreResult<()> {
    table::clear_columns(tx, panel_id)?;
    for m in &choices.columns {
        if let Some(h) = &m.header {
            table::insert_mapping(tx, panel_id, m.field.as_str(), h)?;
        }
        if let Some(value) = m.value.as_deref().map(str::trim).filter(|v| !v.is_empty())
            && m.field.takes_file_value()
        {
            table::insert_file_value(tx, panel_id, m.field.as_str(), value)?;
        }
    }
    for word in &choices.agencies {
        let key = squash(&word.text);
        match word.agency_id {
            Some(agency) => table::set_agency_word(tx, panel_id, &key, word.text.trim(), agency)?,
            None => table::forget_agency_word(tx, panel_id, &key)?,
        }
    }
    Ok(())
}
