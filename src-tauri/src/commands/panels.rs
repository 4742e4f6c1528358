//! Panels and their membership.

use roundtable_core::ApiError;
use roundtable_core::domain::{Panel, PanelInput, PanelKind};
use roundtable_core::features::panels;
use tauri::State;
use uuid::Uuid;

use crate::state::AppState;

#[tauri::command]
pub async fn list_panels(state: State<'_, AppState>) -> Result<Vec<Panel>, ApiError> {
    state.with_store(|store| panels::list(store.conn()))
}

#[tauri::command]
pub async fn new_panel_defaults(kind: PanelKind) -> Result<PanelInput, ApiError> {
    Ok(PanelInput::defaults(kind))
}

#[tauri::command]
pub async fn create_panel(
    state: State<'_, AppState>,
    input: PanelInput,
) -> Result<Panel, ApiError> {
    state.with_store(|store| panels::create(store, &input))
}

#[tauri::command]
pub async fn update_panel(
    state: State<'_, AppState>,
    id: Uuid,
    input: PanelInput,
) -> Result<Panel, ApiError> {
    state.with_store(|store| panels::update(store, id, &input))
}

#[tauri::command]
pub async fn set_panel_archived(
    state: State<'_, AppState>,
    id: Uuid,
    archived: bool,
) -> Result<Panel, ApiError> {
    state.with_store(|store| panels::set_archived(store, id, archived))
}

#[tauri::command]
pub async fn set_panel_membership(
    state: State<'_, AppState>,
    panel_id: Uuid,
    agency_id: Uuid,
    member: bool,
) -> Result<Panel, ApiError> {
    state.with_store(|store| panels::set_membership(store, panel_id, agency_id, member))
}
