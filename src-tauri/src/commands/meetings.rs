//! Meetings and their agendas.

use roundtable_core::ApiError;
use roundtable_core::dates::local_today;
use roundtable_core::domain::meeting::{MeetingDetail, MeetingInput, MeetingSummary};
use roundtable_core::features::{agenda, meetings};
use tauri::State;
use uuid::Uuid;

use crate::state::AppState;

#[tauri::command]
pub async fn list_meetings(
    state: State<'_, AppState>,
    panel_id: Option<Uuid>,
) -> Result<Vec<MeetingSummary>, ApiError> {
    state.with_store(|store| meetings::list(store.conn(), panel_id))
}

#[tauri::command]
pub async fn get_meeting(state: State<'_, AppState>, id: Uuid) -> Result<MeetingDetail, ApiError> {
    state.with_store(|store| meetings::get(store.conn(), id))
}

#[tauri::command]
pub async fn create_meeting(
    state: State<'_, AppState>,
    input: MeetingInput,
) -> Result<MeetingDetail, ApiError> {
    state.with_store(|store| meetings::create(store, &input, local_today()))
}

#[tauri::command]
pub async fn create_emergency_meeting(
    state: State<'_, AppState>,
    case_id: Uuid,
    input: MeetingInput,
) -> Result<MeetingDetail, ApiError> {
    state.with_store(|store| meetings::create_emergency(store, case_id, &input, local_today()))
}

#[tauri::command]
pub async fn move_agenda_item(
    state: State<'_, AppState>,
    item_id: Uuid,
    position: u32,
) -> Result<MeetingDetail, ApiError> {
    state.with_store(|store| {
        let meeting = agenda::move_item(store, item_id, position)?;
        meetings::get(store.conn(), meeting)
    })
}

#[tauri::command]
pub async fn set_agenda_item_minutes(
    state: State<'_, AppState>,
    item_id: Uuid,
    minutes: u32,
) -> Result<MeetingDetail, ApiError> {
    state.with_store(|store| {
        let meeting = agenda::set_planned_minutes(store, item_id, minutes)?;
        meetings::get(store.conn(), meeting)
    })
}

#[tauri::command]
pub async fn remove_agenda_item(
    state: State<'_, AppState>,
    item_id: Uuid,
) -> Result<MeetingDetail, ApiError> {
    state.with_store(|store| {
        let meeting = agenda::remove_item(store, item_id)?;
        meetings::get(store.conn(), meeting)
    })
}
