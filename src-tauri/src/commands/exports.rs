//! The minutes and action plans: preview, approval and amendments, and
//! export to a folder the user chooses.

use chrono::Utc;
use roundtable_core::features::approval::{self, MinutesStatus};
use roundtable_core::features::documents;
use roundtable_core::features::exports::{self, PlannedFile, WrittenFile};
use roundtable_core::features::sealing::Encryption;
use roundtable_core::{ApiError, CoreError};
use roundtable_pdf::Document;
use tauri::{AppHandle, Manager, State};
use uuid::Uuid;

use crate::state::AppState;

#[tauri::command]
pub async fn minutes_preview(
    state: State<'_, AppState>,
    meeting_id: Uuid,
) -> Result<Document, ApiError> {
    state.with_store(|store| documents::minutes(store.conn(), meeting_id, Utc::now()))
}

#[tauri::command]
pub async fn minutes_status(
    state: State<'_, AppState>,
    meeting_id: Uuid,
) -> Result<MinutesStatus, ApiError> {
    state.with_store(|store| approval::status(store.conn(), meeting_id))
}

#[tauri::command]
pub async fn approve_minutes(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    approver: String,
) -> Result<MinutesStatus, ApiError> {
    state.with_store(|store| approval::approve(store, meeting_id, &approver))
}

#[tauri::command]
pub async fn start_amendment(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    why: String,
) -> Result<MinutesStatus, ApiError> {
    state.with_store(|store| approval::start_amendment(store, meeting_id, &why))
}

#[tauri::command]
pub async fn finish_amendment(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    what: String,
) -> Result<MinutesStatus, ApiError> {
    state.with_store(|store| approval::finish_amendment(store, meeting_id, &what))
}

/// Where exports go unless the user chooses: their Documents folder.
#[tauri::command]
pub async fn default_export_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<String, ApiError> {
    state.require_unlocked()?;
    let path = app.path();
    let folder = match crate::data_dir::export_dir() {
        Some(folder) => folder,
        None => path
            .document_dir()
            .or_else(|_| path.home_dir())
            .map_err(|e| ApiError::from(CoreError::Io(e.to_string())))?,
    };
    state.grant(&folder);
    Ok(folder.display().to_string())
}

/// The OS folder chooser; None when the user cancels.
#[tauri::command]
pub async fn choose_export_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, ApiError> {
    state.pick(
        &app,
        "Choose where to save the minutes and action plans",
        None,
    )
}

#[tauri::command]
pub async fn export_plan(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    folder: String,
) -> Result<Vec<PlannedFile>, ApiError> {
    let folder = state.granted(&folder, "folder")?;
    state.with_store(|store| exports::plan(store.conn(), meeting_id, &folder, Utc::now()))
}

#[tauri::command]
pub async fn export_minutes(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    folder: String,
    replace: bool,
    encryption: Option<Encryption>,
) -> Result<WrittenFile, ApiError> {
    let folder = state.granted(&folder, "folder")?;
    let written = state.with_store(|store| {
        let sealing = encryption.as_ref();
        exports::write_minutes(store, meeting_id, &folder, replace, sealing, Utc::now())
    })?;
    log::info!("exported: minutes, {} bytes", written.bytes);
    Ok(written)
}

#[tauri::command]
pub async fn export_action_plan(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    agency_id: Uuid,
    folder: String,
    replace: bool,
    encryption: Option<Encryption>,
) -> Result<WrittenFile, ApiError> {
    let folder = state.granted(&folder, "folder")?;
    let written = state.with_store(|store| {
        let (sealing, now) = (encryption.as_ref(), Utc::now());
        exports::write_action_plan(store, meeting_id, agency_id, &folder, replace, sealing, now)
    })?;
    log::info!("exported: an action plan, {} bytes", written.bytes);
    Ok(written)
}
