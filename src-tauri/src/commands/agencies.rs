//! The agency directory.

use roundtable_core::ApiError;
use roundtable_core::domain::{Agency, AgencyInput};
use roundtable_core::features::agencies;
use tauri::State;
use uuid::Uuid;

use crate::state::AppState;

#[tauri::command]
pub async fn list_agencies(state: State<'_, AppState>) -> Result<Vec<Agency>, ApiError> {
    state.with_store(|store| agencies::list(store.conn()))
}

#[tauri::command]
pub async fn create_agency(
    state: State<'_, AppState>,
    input: AgencyInput,
) -> Result<Agency, ApiError> {
    state.with_store(|store| agencies::create(store, &input))
}

#[tauri::command]
pub async fn update_agency(
    state: State<'_, AppState>,
    id: Uuid,
    input: AgencyInput,
) -> Result<Agency, ApiError> {
    state.with_store(|store| agencies::update(store, id, &input))
}

#[tauri::command]
pub async fn set_agency_archived(
    state: State<'_, AppState>,
    id: Uuid,
    archived: bool,
) -> Result<Agency, ApiError> {
    state.with_store(|store| agencies::set_archived(store, id, archived))
}
